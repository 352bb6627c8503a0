#pragma once

#include "till_session.h"

#include <QMainWindow>

class QStackedWidget;
class QTimer;

namespace baidian::app {

class InventoryActions;
class LoginScreen;
class SaleActions;
class SaleScreen;
class SearchService;

/// The till's main window: the login screen, then the sale screen with a key for every action.
/// Thin: the screens show, SaleActions acts, the engine decides.
class TillWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit TillWindow(TillSession& session, QWidget* parent = nullptr);
    ~TillWindow() override;

    SaleScreen* saleScreen() const { return m_sale; }
    LoginScreen* loginScreen() const { return m_login; }

private:
    void addKey(const char* objectName, const QString& label, const QList<QKeySequence>& keys,
                void (SaleActions::*slot)());
    void onLogin(const QString& code, const QString& pin);
    void onUnlock(const QString& code);
    void showLogin();

    TillSession& m_session;
    QStackedWidget* m_stack;
    LoginScreen* m_login;
    SaleScreen* m_sale;
    SearchService* m_search;
    SaleActions* m_actions;
    InventoryActions* m_inventory;
    QTimer* m_syncTimer;
    QList<QAction*> m_keys;
};

} // namespace baidian::app
