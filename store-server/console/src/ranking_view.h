#pragma once

#include "baidian/protocol/office.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace baidian::domain {
class Clock;
}

namespace baidian::console {

class ConsoleClient;

/// The model-store ranking of a period for one outlet type: rank, score and flags, and for the
/// selected outlet every metric's value, place in its type, weight and points, and why it is not
/// ranked. Exports the type's ranking to CSV (from the server) and PDF.
class RankingView : public QWidget {
    Q_OBJECT
public:
    /// With no ranking computed yet it offers last month by `clock` (which must outlive the view).
    RankingView(ConsoleClient& client, const domain::Clock& clock, QWidget* parent = nullptr);

    /// The outlet on the selected row, or "".
    QString selectedOutlet() const;
    const protocol::RankingDoc& ranking() const { return m_ranking; }
    void selectType(const QString& code);

public slots:
    /// Reloads the list of periods, then the ranking.
    void refresh();
    void loadRanking();
    void recompute();
    void exportCsv(const QString& path);
    void exportPdf(const QString& path);

signals:
    void loaded();
    void exported(const QString& path);
    void failed(const QString& message);
    void outletChosen(const QString& code);

private:
    void showRanking();
    void showBreakdown();

    ConsoleClient& m_client;
    const domain::Clock& m_clock;
    QComboBox* m_period;
    QComboBox* m_type;
    QPushButton* m_recompute;
    QTableWidget* m_table;
    QTableWidget* m_breakdown;
    QLabel* m_reasons;
    protocol::RankingDoc m_ranking;
};

} // namespace baidian::console
