#pragma once

#include "till_session.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;

namespace baidian::app {

/// Taking payment: F1 cash, F2 card, F3 WeChat Pay, F4 Alipay choose the tender; type the
/// amount (Enter alone takes what is still due), then for card and mobile payments the payment
/// terminal's reference; Enter adds it. Split tenders are simply several. Del (with the amount
/// field empty) or the button removes the last one; nothing is taken once the sale is paid; cash
/// far above what is due asks for a second Enter showing the change. When fully paid, Enter
/// completes the sale. Esc goes back to the sale and drops the payments taken here.
class PaymentDialog : public QDialog {
    Q_OBJECT
public:
    PaymentDialog(TillSession& session, QWidget* parent = nullptr);
    /// Set after a successful completion.
    std::optional<pos::CompletedSale> completed() const { return m_completed; }

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;
    void reject() override;

private:
    void choose(pos::TenderKind kind);
    void onAmountEntered();
    void onReferenceEntered();
    void addTender(const QString& reference);
    void completeSale();
    void refresh();
    void removeLastTender();

    TillSession& m_session;
    pos::TenderKind m_kind = pos::TenderKind::Cash;
    QLabel* m_due;
    QLabel* m_change;
    QLabel* m_kindLabel;
    QLineEdit* m_amount;
    QLineEdit* m_reference;
    QListWidget* m_tenders;
    QLabel* m_error;
    std::optional<pos::CompletedSale> m_completed;
    std::optional<domain::Fen> m_confirming; ///< cash shown for confirmation, awaiting Enter
};

QString tenderName(pos::TenderKind kind);

} // namespace baidian::app
