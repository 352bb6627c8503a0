#pragma once

#include "baidian/protocol/office.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace baidian::console {

class ConsoleClient;

/// The outlet registry the user may see, filterable by type, city and status. Enter (or a
/// double click) opens the outlet's figures.
class OutletsView : public QWidget {
    Q_OBJECT
public:
    OutletsView(ConsoleClient& client, QWidget* parent = nullptr);
    const std::vector<protocol::OutletDoc>& outlets() const { return m_outlets; }

public slots:
    void refresh();

signals:
    void loaded();
    void failed(const QString& message);
    void outletChosen(const QString& code);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void show();

    ConsoleClient& m_client;
    QComboBox* m_type;
    QLineEdit* m_city;
    QComboBox* m_status;
    QLabel* m_count;
    QTableWidget* m_table;
    std::vector<protocol::OutletDoc> m_outlets;
};

} // namespace baidian::console
