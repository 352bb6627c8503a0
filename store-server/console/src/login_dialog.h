#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

namespace baidian::console {

class ConsoleClient;

/// Username and password; accepted once the server has opened a session.
class LoginDialog : public QDialog {
    Q_OBJECT
public:
    LoginDialog(ConsoleClient& client, QWidget* parent = nullptr);

private:
    void submit();

    ConsoleClient& m_client;
    QLineEdit* m_username;
    QLineEdit* m_password;
    QLabel* m_message;
};

} // namespace baidian::console
