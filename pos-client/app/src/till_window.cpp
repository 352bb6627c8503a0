#include "till_window.h"

#include "entry_dialog.h"
#include "inventory_actions.h"
#include "login_screen.h"
#include "sale_actions.h"
#include "sale_screen.h"
#include "search_service.h"

#include <QAction>
#include <QGuiApplication>
#include <QScreen>
#include <QStackedWidget>
#include <QTimer>

namespace baidian::app {

TillWindow::TillWindow(TillSession& session, QWidget* parent)
    : QMainWindow(parent)
    , m_session(session) {
    setObjectName(QStringLiteral("tillWindow"));
    const auto terminal = session.terminal();
    setWindowTitle(tr("Baidian till · %1").arg(QString::fromStdString(terminal.outletName)));
    m_stack = new QStackedWidget(this);
    m_login = new LoginScreen(QString::fromStdString(terminal.outletName), m_stack);
    m_sale = new SaleScreen(session, m_stack);
    m_stack->addWidget(m_login);
    m_stack->addWidget(m_sale);
    setCentralWidget(m_stack);
    m_search = new SearchService(session.options().databasePath, this);
    m_actions = new SaleActions(session, *m_sale, *m_search, this);

    addKey("actionSearch", tr("Find"), {Qt::Key_F1}, &SaleActions::search);
    addKey("actionQuantity", tr("Qty"), {Qt::Key_F2}, &SaleActions::quantity);
    addKey("actionWeight", tr("Weight"), {Qt::Key_F3}, &SaleActions::weight);
    addKey("actionLineDiscount", tr("Discount"), {Qt::Key_F4}, &SaleActions::lineDiscount);
    addKey("actionPriceOverride", tr("Price"), {Qt::Key_F5}, &SaleActions::priceOverride);
    addKey("actionOrderDiscount", tr("Sale discount"), {Qt::Key_F6}, &SaleActions::orderDiscount);
    addKey("actionMoling", tr("Drop change"), {Qt::Key_F7}, &SaleActions::toggleMoling);
    addKey("actionSuspend", tr("Suspend"), {Qt::Key_F8}, &SaleActions::suspend);
    addKey("actionResume", tr("Resume"), {Qt::Key_F9}, &SaleActions::resume);
    addKey("actionReturn", tr("Return"), {Qt::Key_F10}, &SaleActions::returnGoods);
    addKey("actionReprint", tr("Reprint"), {Qt::Key_F11}, &SaleActions::reprint);
    addKey("actionPay", tr("Pay"), {Qt::Key_F12}, &SaleActions::pay);
    addKey("actionVoidLine", tr("Remove line"), {QKeySequence(QStringLiteral("Ctrl+D"))},
           &SaleActions::voidLine);
    addKey("actionVoidSale", tr("Void sale"), {QKeySequence(QStringLiteral("Ctrl+Shift+D"))},
           &SaleActions::voidSale);
    addKey("actionDrawer", tr("Drawer"), {QKeySequence(QStringLiteral("Ctrl+K"))},
           &SaleActions::openDrawer);
    addKey("actionShift", tr("Shift"), {QKeySequence(QStringLiteral("Ctrl+F12"))},
           &SaleActions::shiftMenu);
    m_inventory = new InventoryActions(session, *m_sale, this);
    auto* stock = new QAction(tr("Stock"), this);
    stock->setObjectName(QStringLiteral("actionInventory"));
    stock->setShortcut(QKeySequence(QStringLiteral("Ctrl+I")));
    connect(stock, &QAction::triggered, m_inventory, &InventoryActions::menu);
    addAction(stock);
    m_keys << stock;
    m_sale->setActions(m_keys);
    connect(m_sale, &SaleScreen::quickKeyPicked, m_actions, &SaleActions::quickKey);

    connect(m_login, &LoginScreen::loginRequested, this, &TillWindow::onLogin);
    connect(m_login, &LoginScreen::unlockRequested, this, &TillWindow::onUnlock);
    connect(m_actions, &SaleActions::logoutRequested, this, &TillWindow::showLogin);
    m_syncTimer = new QTimer(this);
    connect(m_syncTimer, &QTimer::timeout, m_sale, &SaleScreen::updateSyncStatus);
    // Head office's grid, once a pull has brought a new one: checked by the clock, not after
    // every scan.
    connect(m_syncTimer, &QTimer::timeout, m_sale, [this] { m_sale->reloadQuickKeys(); });
    m_syncTimer->start(1000);
    // Windowed (--windowed): 1280×800, or less on a smaller screen; main() shows the till full
    // screen by default.
    const QRect screen = QGuiApplication::primaryScreen()
                             ? QGuiApplication::primaryScreen()->availableGeometry()
                             : QRect(0, 0, 1280, 800);
    resize(std::min(1280, screen.width()), std::min(800, screen.height()));
    showLogin();
}

TillWindow::~TillWindow() = default;

void TillWindow::addKey(const char* objectName, const QString& label,
                        const QList<QKeySequence>& keys, void (SaleActions::*slot)()) {
    auto* action = new QAction(label, this);
    action->setObjectName(QString::fromLatin1(objectName));
    action->setShortcuts(keys);
    action->setShortcutContext(Qt::WindowShortcut);
    connect(action, &QAction::triggered, m_actions, slot);
    addAction(action);
    m_keys << action;
}

void TillWindow::onLogin(const QString& code, const QString& pin) {
    auto cashier = m_session.till().login(code.toStdString(), pin.toStdString());
    if (!cashier)
        return m_login->showError(TillSession::describe(cashier.error()));
    m_sale->setCashier(QString::fromStdString(cashier->name));
    for (auto* action : m_keys)
        action->setEnabled(true);
    m_stack->setCurrentWidget(m_sale);
    m_sale->reloadQuickKeys(true);
    m_sale->refresh();
    if (!m_session.till().currentShift())
        QTimer::singleShot(0, m_actions, &SaleActions::shiftMenu);
}

void TillWindow::onUnlock(const QString& code) {
    auto* dialog = new ApprovalDialog(tr("Unlock %1: a supervisor's code and PIN").arg(code), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, code] {
        const auto unlocked = m_session.till().unlockCashier(
            code.toStdString(),
            pos::Approval{dialog->code().toStdString(), dialog->pin().toStdString()});
        if (unlocked)
            m_login->showInfo(tr("%1 is unlocked: enter the PIN").arg(code));
        else
            m_login->showError(TillSession::describe(unlocked.error()));
    });
    connect(dialog, &QDialog::finished, this, [this] {
        activateWindow();
        m_login->focusPin();
    });
    dialog->open();
}

void TillWindow::showLogin() {
    if (m_session.till().saleOpen()) {
        m_sale->showMessage(tr("Finish, suspend or void the open sale before logging out"), true);
        return;
    }
    m_session.till().logout();
    for (auto* action : m_keys)
        action->setEnabled(false);
    m_stack->setCurrentWidget(m_login);
    m_login->reset();
}

} // namespace baidian::app
