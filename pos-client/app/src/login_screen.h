#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace baidian::app {

/// Cashier code, Enter, PIN, Enter.
class LoginScreen : public QWidget {
    Q_OBJECT
public:
    explicit LoginScreen(const QString& outletName, QWidget* parent = nullptr);
    void showError(const QString& error);
    void reset();

signals:
    void loginRequested(const QString& code, const QString& pin);

private:
    QLineEdit* m_code;
    QLineEdit* m_pin;
    QLabel* m_error;
};

} // namespace baidian::app
