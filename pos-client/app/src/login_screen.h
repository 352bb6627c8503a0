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
    /// A line that is not an error (green): "1001 unlocked".
    void showInfo(const QString& text);
    QString code() const;
    /// The PIN field takes the keys again (after a dialog over the login closed).
    void focusPin();
    void reset();

signals:
    void loginRequested(const QString& code, const QString& pin);
    /// F12 or the button: a supervisor unlocks the code typed (locked after wrong PINs).
    void unlockRequested(const QString& code);

private:
    QLineEdit* m_code;
    QLineEdit* m_pin;
    QLabel* m_error;
};

} // namespace baidian::app
