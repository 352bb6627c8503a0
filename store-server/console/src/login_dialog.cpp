#include "login_dialog.h"

#include "console_client.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace baidian::console {

LoginDialog::LoginDialog(ConsoleClient& client, QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_message(new QLabel(this)) {
    setWindowTitle(tr("Baidian manager console: log in"));
    m_username->setObjectName(QStringLiteral("username"));
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_message->setObjectName(QStringLiteral("loginMessage"));
    m_message->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("&Username"), m_username);
    form->addRow(tr("&Password"), m_password);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Log in"));
    connect(buttons, &QDialogButtonBox::accepted, this, &LoginDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
}

void LoginDialog::submit() {
    m_message->setText(tr("Logging in…"));
    setEnabled(false);
    m_client.login(m_username->text(), m_password->text(), [this](const Reply& reply) {
        setEnabled(true);
        if (reply.ok()) {
            accept();
            return;
        }
        m_message->setText(reply.status == 401 ? tr("Wrong username or password.")
                                               : tr("Cannot log in: %1").arg(reply.error));
        m_password->selectAll();
        m_password->setFocus();
    });
}

} // namespace baidian::console
