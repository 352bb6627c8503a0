#pragma once

#include "baidian/pos/sale_record.h"
#include "till_session.h"

#include <QWidget>
#include <optional>

class QLabel;
class QTableWidget;

namespace baidian::app {

/// What the shopper sees on the till's second screen: a welcome, then each line with its
/// amount and promotion as it is rung up, the total and what is still due while paying, and at
/// the end what was paid, the change and a thank-you (refunds say 退款). It only reads the
/// till: it follows TillSession::basketChanged and saleCompleted, and takes no input.
class CustomerDisplay : public QWidget {
    Q_OBJECT
public:
    explicit CustomerDisplay(TillSession& session, QWidget* parent = nullptr);

    /// Reads the open sale again (what basketChanged does).
    void refresh();
    /// The sale just completed: paid, change, thank-you, until the next sale starts.
    void showCompleted(const pos::CompletedSale& sale);

private:
    TillSession& m_session;
    QLabel* m_title;
    QTableWidget* m_lines;
    QLabel* m_total;
    QLabel* m_status;
    std::optional<pos::CompletedSale> m_completed;
};

} // namespace baidian::app
