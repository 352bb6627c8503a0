#pragma once

#include "baidian/protocol/office.h"

#include <QWidget>

class QChartView;
class QComboBox;
class QDateEdit;
class QLabel;
class QTableWidget;

namespace baidian::domain {
class Clock;
}

namespace baidian::console {

class ConsoleClient;

/// Network sales over a period: totals in yuan and tonnes, by type and by city, and a daily
/// trend chart (Qt Charts). A regional manager's figures cover their cities only.
class DashboardView : public QWidget {
    Q_OBJECT
public:
    /// The period starts as the 30 days to yesterday by `clock` (which must outlive the view).
    DashboardView(ConsoleClient& client, const domain::Clock& clock, QWidget* parent = nullptr);
    void setPeriod(const QDate& from, const QDate& to);

public slots:
    void refresh();

signals:
    void loaded();
    void failed(const QString& message);

private:
    void show(const protocol::DashboardDoc& doc);

    ConsoleClient& m_client;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QComboBox* m_type;
    QLabel* m_totals;
    QTableWidget* m_byType;
    QTableWidget* m_byCity;
    QChartView* m_chart;
};

} // namespace baidian::console
