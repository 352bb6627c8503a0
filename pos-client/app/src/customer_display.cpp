#include "customer_display.h"

#include "basket_model.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace baidian::app {

using domain::Fen;

namespace {
QString money(Fen fen) {
    return QString::fromStdString(fen.format());
}
} // namespace

CustomerDisplay::CustomerDisplay(TillSession& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session) {
    setObjectName(QStringLiteral("customerDisplay"));
    setWindowTitle(tr("Customer display"));
    setFocusPolicy(Qt::NoFocus);
    setAttribute(Qt::WA_ShowWithoutActivating); // the cashier's window keeps the keyboard
    setStyleSheet(QStringLiteral("#customerDisplay { background: #fdfaf3 }"));
    auto* layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("customerTitle"));
    QFont title = m_title->font();
    title.setPointSize(title.pointSize() + 10);
    title.setBold(true);
    m_title->setFont(title);
    m_title->setAlignment(Qt::AlignCenter);
    m_lines = new QTableWidget(0, 3, this);
    m_lines->setObjectName(QStringLiteral("customerLines"));
    m_lines->setHorizontalHeaderLabels({tr("Item"), tr("Qty / weight"), tr("Amount")});
    m_lines->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_lines->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_lines->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_lines->verticalHeader()->hide();
    m_lines->verticalHeader()->setDefaultSectionSize(40);
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->setSelectionMode(QAbstractItemView::NoSelection);
    m_lines->setFocusPolicy(Qt::NoFocus);
    QFont lines = m_lines->font();
    lines.setPointSize(lines.pointSize() + 6);
    m_lines->setFont(lines);
    m_total = new QLabel(this);
    m_total->setObjectName(QStringLiteral("customerTotal"));
    QFont huge = m_total->font();
    huge.setPointSize(huge.pointSize() + 28);
    huge.setBold(true);
    m_total->setFont(huge);
    m_total->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("customerStatus"));
    QFont status = m_status->font();
    status.setPointSize(status.pointSize() + 12);
    m_status->setFont(status);
    m_status->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_status->setWordWrap(true);
    layout->addWidget(m_title);
    layout->addWidget(m_lines, 1);
    layout->addWidget(m_total);
    layout->addWidget(m_status);
    connect(&session, &TillSession::basketChanged, this, &CustomerDisplay::refresh);
    connect(&session, &TillSession::saleCompleted, this, &CustomerDisplay::showCompleted);
    resize(800, 600);
    refresh();
}

void CustomerDisplay::refresh() {
    auto& till = m_session.till();
    const auto& lines = till.lines();
    if (!lines.empty())
        m_completed.reset(); // the next sale has begun
    if (m_completed)
        return; // the thank-you stays until the next sale
    const bool refund = till.isReturn();
    m_title->setText(
        lines.empty()
            ? tr("Welcome to %1").arg(QString::fromStdString(m_session.terminal().outletName))
        : refund ? tr("Return")
                 : QString::fromStdString(m_session.terminal().outletName));
    m_lines->setRowCount(static_cast<int>(lines.size()));
    for (int row = 0; row < static_cast<int>(lines.size()); ++row) {
        const auto& line = lines[static_cast<std::size_t>(row)];
        QString name = QString::fromStdString(line.name);
        if (!line.promotionCode.empty())
            name += QStringLiteral("  ") + tr("(promotion %1)").arg(money(-line.promotionDiscount));
        const auto cell = [](const QString& text, Qt::Alignment align) {
            auto* item = new QTableWidgetItem(text);
            item->setTextAlignment(align | Qt::AlignVCenter);
            return item;
        };
        m_lines->setItem(row, 0, cell(name, Qt::AlignLeft));
        m_lines->setItem(row, 1, cell(BasketModel::quantityText(line), Qt::AlignRight));
        m_lines->setItem(row, 2, cell(money(line.net), Qt::AlignRight));
    }
    if (!lines.empty())
        m_lines->scrollToBottom();
    const auto totals = till.totals();
    if (lines.empty()) {
        m_total->clear();
        m_status->clear();
        return;
    }
    m_total->setText((refund ? tr("Refund %1") : tr("Total %1"))
                         .arg(money(refund ? -totals.total : totals.total)));
    const Fen paid = till.tendered();
    m_status->setText(
        paid.value() == 0 ? QString()
        : refund
            ? tr("Refunded %1").arg(money(-paid))
            : tr("Paid %1   Still due %2").arg(money(paid), money(std::max(till.due(), Fen(0)))));
}

void CustomerDisplay::showCompleted(const pos::CompletedSale& sale) {
    m_completed = sale;
    m_lines->setRowCount(0);
    if (sale.total.value() < 0) {
        m_title->setText(tr("Return done"));
        m_total->setText(tr("Refund %1").arg(money(-sale.total)));
        m_status->setText(tr("Thank you, see you again"));
        return;
    }
    m_title->setText(tr("Thank you, see you again"));
    m_total->setText(tr("Total %1").arg(money(sale.total)));
    m_status->setText(
        tr("Paid %1   Change %2").arg(money(sale.total + sale.change), money(sale.change)));
}

} // namespace baidian::app
