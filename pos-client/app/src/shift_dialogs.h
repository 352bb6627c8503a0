#pragma once

#include "baidian/pos/shift_report.h"
#include "till_session.h"

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

/// Shows an X or Z report, with a key and a button to print it (ESC/POS), to save it as a PDF
/// and to close it. `fileStem` names the PDF ("Z-12-2026-12-03").
class ReportDialog : public QDialog {
    Q_OBJECT
public:
    ReportDialog(TillSession& session, const QString& title, const QString& text,
                 const QString& fileStem, QWidget* parent = nullptr);
    /// Sends the report to the printer; returns whether it went.
    bool print();
    /// Saves it as <database folder>/reports/<fileStem>.pdf; returns the path, empty on error.
    QString savePdf();
    /// Prints it, or with no printer configured saves it as a PDF and says so (a Z report at a
    /// shift's close must not vanish without a word).
    void printOrSave();

private:
    TillSession& m_session;
    QString m_text;
    QString m_fileStem;
    QLabel* m_status;
};

/// Writes `text` as PDF pages of 80 mm paper in a monospaced Chinese font; an error text or empty.
QString printTextPdf(const QString& text, const QString& path);

} // namespace baidian::app
