#include "sale_screen.h"

#include "keypad.h"
#include "quick_key_panel.h"

#include <QAction>
#include <QApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace baidian::app {

SaleScreen::SaleScreen(TillSession& session, QWidget* parent)
    : QWidget(parent)
    , m_session(session) {
    setObjectName(QStringLiteral("saleScreen"));
    auto* outer = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("saleHeader"));
    m_sync = new QLabel(this);
    m_sync->setObjectName(QStringLiteral("syncStatus"));
    top->addWidget(m_header, 1);
    top->addWidget(m_sync);
    outer->addLayout(top);

    m_scan = new QLineEdit(this);
    m_scan->setObjectName(QStringLiteral("scanField"));
    m_scan->setPlaceholderText(tr("Scan, or type a barcode, PLU (qty*code) or name, then Enter"));
    QFont scanFont = m_scan->font();
    scanFont.setPointSize(scanFont.pointSize() + 6);
    m_scan->setFont(scanFont);
    m_scan->installEventFilter(this);
    outer->addWidget(m_scan);

    auto* middle = new QHBoxLayout;
    m_model = new BasketModel(session.till(), this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("basketView"));
    m_table->setModel(m_model);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex& index) {
        selectLine(index.row()); // a touch chooses the line the line keys apply to
        refresh();
    });
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(BasketModel::Item, QHeaderView::Stretch);
    m_table->verticalHeader()->setDefaultSectionSize(44); // a line is a touch target too
    QFont tableFont = m_table->font();
    tableFont.setPointSize(tableFont.pointSize() + 3);
    m_table->setFont(tableFont);
    middle->addWidget(m_table, 5);

    m_quick = new QuickKeyPanel(this);
    connect(m_quick, &QuickKeyPanel::picked, this, &SaleScreen::quickKeyPicked);
    middle->addWidget(m_quick, 4);

    auto* side = new QVBoxLayout;
    auto* totalCaption = new QLabel(tr("Total"), this);
    m_total = new QLabel(this);
    m_total->setObjectName(QStringLiteral("totalLabel"));
    QFont huge = m_total->font();
    huge.setPointSize(huge.pointSize() + 22);
    huge.setBold(true);
    m_total->setFont(huge);
    m_total->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_lastItem = new QLabel(this);
    m_lastItem->setObjectName(QStringLiteral("lastItem"));
    m_lastItem->setWordWrap(true);
    QFont large = m_lastItem->font();
    large.setPointSize(large.pointSize() + 4);
    m_lastItem->setFont(large);
    m_lastItem->setMinimumWidth(240);
    m_lastItem->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_keypad = new Keypad(m_scan, this);
    side->addWidget(totalCaption);
    side->addWidget(m_total);
    side->addWidget(m_lastItem, 1);
    side->addWidget(m_keypad);
    middle->addLayout(side, 3);
    outer->addLayout(middle, 1);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("saleMessage"));
    m_message->setWordWrap(true);
    outer->addWidget(m_message);
    auto* bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("actionBar"));
    bar->setStyleSheet(QStringLiteral("#actionBar { background: #20324a }"));
    m_buttons = new QGridLayout(bar);
    m_buttons->setContentsMargins(4, 4, 4, 4);
    m_buttons->setSpacing(4);
    outer->addWidget(bar);

    connect(m_scan, &QLineEdit::returnPressed, this, [this] {
        const QString text = m_scan->text().trimmed();
        m_scan->clear();
        if (!text.isEmpty())
            emit scanned(text);
    });
    refresh();
}

int SaleScreen::currentLine() const {
    const auto rows = m_table->selectionModel()->selectedRows();
    if (!rows.isEmpty())
        return rows.first().row();
    return static_cast<int>(m_session.till().lines().size()) - 1;
}

bool SaleScreen::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_scan && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down) {
            const int rows = m_model->rowCount();
            if (rows > 0) {
                int row = currentLine() + (key == Qt::Key_Down ? 1 : -1);
                row = std::clamp(row, 0, rows - 1);
                selectLine(row);
                refresh();
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void SaleScreen::selectLine(int line) {
    m_selected = line;
    m_chosen = true;
    if (line >= 0 && line < m_model->rowCount())
        m_table->selectRow(line);
}

void SaleScreen::refresh() {
    m_model->refresh(); // a reset: the selection is gone until it is chosen again below
    auto& till = m_session.till();
    const auto& lines = till.lines();
    m_total->setText(QString::fromStdString(till.totals().total.format()));
    // A line added (by any action) is the one chosen, unless the action chose one itself.
    const int count = static_cast<int>(lines.size());
    if (count > m_knownLines && m_messageIsError)
        showMessage({}, false); // an item went on: an earlier refusal is no longer the news
    if ((count > m_knownLines && !m_chosen) || m_selected >= count)
        m_selected = count - 1;
    m_knownLines = count;
    m_chosen = false;
    if (m_selected >= 0)
        m_table->selectRow(m_selected);
    if (lines.empty())
        m_lastItem->clear(); // nothing left on the sale: no item from a voided one
    if (!lines.empty()) {
        const auto& last =
            lines[m_selected >= 0 ? static_cast<std::size_t>(m_selected) : lines.size() - 1];
        m_lastItem->setText(QString::fromStdString(last.name) + QStringLiteral("\n") +
                            BasketModel::quantityText(last) + QStringLiteral("   ") +
                            QString::fromStdString(last.net.format()) +
                            (last.promotionCode.empty()
                                 ? QString()
                                 : QStringLiteral("\n") + tr("promotion applied")));
        m_table->scrollTo(m_model->index(m_selected >= 0 ? m_selected : count - 1, 0));
    }
    const auto t = m_session.terminal();
    QString mode = till.isReturn() ? tr("RETURN") : QString();
    m_header->setText(QString::fromStdString(t.outletName) + QStringLiteral("  ·  ") +
                      tr("Till %1").arg(t.terminalNo) + QStringLiteral("  ·  ") + m_cashier +
                      (mode.isEmpty() ? QString() : QStringLiteral("  ·  ") + mode));
    updateSyncStatus();
    emit refreshed();
    if (!QApplication::activeModalWidget()) {
        window()->activateWindow();
        m_scan->setFocus();
    }
}

void SaleScreen::showMessage(const QString& text, bool error) {
    m_messageIsError = error && !text.isEmpty();
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020; font-weight: bold")
                                   : QStringLiteral("color: #0a7d28"));
}

void SaleScreen::showChange(const pos::CompletedSale& sale) {
    showMessage({}, false);       // the sale is done: nothing from before it still stands
    if (sale.total.value() < 0) { // a return: what went back to the customer, not "change"
        m_lastItem->setText(tr("Return %1\nRefunded %2")
                                .arg(QString::fromStdString(sale.receiptNo),
                                     QString::fromStdString((-sale.total).format())));
        return;
    }
    m_lastItem->setText(tr("Receipt %1\nChange %2")
                            .arg(QString::fromStdString(sale.receiptNo),
                                 QString::fromStdString(sale.change.format())));
}

void SaleScreen::setCashier(const QString& name) {
    m_cashier = name;
}

void SaleScreen::setActions(const QList<QAction*>& actions) {
    const int perRow = static_cast<int>((actions.size() + 1) / 2);
    for (int i = 0; i < actions.size(); ++i) {
        auto* action = actions[i];
        auto* button = new QToolButton(this);
        button->setObjectName(QStringLiteral("button_") + action->objectName());
        button->setFocusPolicy(Qt::NoFocus); // the scan field keeps the focus
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setMinimumHeight(46);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        const QString shortcut = action->shortcut().toString(QKeySequence::NativeText);
        // The key on the button too: a cashier who learns the keys learns them here.
        auto label = [action, shortcut] { return shortcut + QLatin1Char('\n') + action->text(); };
        button->setText(label());
        button->setToolTip(action->text());
        connect(button, &QToolButton::clicked, action, &QAction::trigger);
        connect(action, &QAction::changed, button, [button, action, label] {
            button->setEnabled(action->isEnabled());
            button->setText(label());
        });
        button->setEnabled(action->isEnabled());
        m_buttons->addWidget(button, i / perRow, i % perRow);
    }
}

void SaleScreen::reloadQuickKeys(bool always) {
    // Prices shown on the keys move with the master data, the grid with its own version.
    const auto version = m_session.store().settingText("master_version", "0") + "/" +
                         m_session.store().settingText("quick_keys_version", "0");
    if (!always && version == m_quickKeysVersion)
        return;
    m_quickKeysVersion = version;
    m_quick->setKeys(m_session.store().quickKeys());
}

void SaleScreen::updateSyncStatus() {
    const auto pending = m_session.pendingSales();
    QString state = !m_session.syncConfigured() ? tr("Offline (no server set)")
                    : m_session.online()        ? tr("Online")
                                                : tr("Offline");
    m_sync->setText(state + QStringLiteral("  ·  ") +
                    tr("%n sale(s) waiting to sync", nullptr, static_cast<int>(pending)));
    m_sync->setStyleSheet(m_session.online() ? QStringLiteral("color: #0a7d28")
                                             : QStringLiteral("color: #b36b00"));
}

} // namespace baidian::app
