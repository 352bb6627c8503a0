#pragma once

#include "baidian/pos/shift_report.h"

#include <QDialog>
#include <map>
#include <vector>

class QLabel;
class QLineEdit;

namespace baidian::app {

/// Closing count, blind: the cash in the drawer by denomination, and what the card and mobile
/// terminals' own totals say, with nothing of what the till expects shown or filled in (the Z
/// report shows over and short once the count is in). Enter moves to the next field; Enter on
/// the last closes the shift.
class ShiftCloseDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShiftCloseDialog(QWidget* parent = nullptr);
    /// What was counted per tender (valid after accept()).
    std::map<pos::TenderKind, domain::Fen> counted() const;

private:
    void recount();

    std::vector<std::pair<std::int64_t, QLineEdit*>> m_denominations; ///< fen per note/coin, count
    std::map<pos::TenderKind, QLineEdit*> m_other;
    QLabel* m_cashTotal;
};

/// Shows an X or Z report; Esc or Enter closes it.
class ReportDialog : public QDialog {
    Q_OBJECT
public:
    ReportDialog(const QString& title, const QString& text, QWidget* parent = nullptr);
};

} // namespace baidian::app
