#include "login_screen.h"

#include "keypad.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace baidian::app {

LoginScreen::LoginScreen(const QString& outletName, QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("loginScreen"));
    auto* outer = new QVBoxLayout(this);
    auto* title = new QLabel(outletName, this);
    QFont big = title->font();
    big.setPointSize(big.pointSize() + 10);
    big.setBold(true);
    title->setFont(big);
    title->setAlignment(Qt::AlignCenter);
    auto* form = new QFormLayout;
    m_code = new QLineEdit(this);
    m_code->setObjectName(QStringLiteral("loginCode"));
    m_pin = new QLineEdit(this);
    m_pin->setObjectName(QStringLiteral("loginPin"));
    m_pin->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Cashier code"), m_code);
    form->addRow(tr("PIN"), m_pin);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("loginError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    outer->addStretch();
    outer->addWidget(title);
    outer->addLayout(form);
    outer->addWidget(m_error);
    outer->addWidget(new QLabel(tr("Enter your code and PIN, each followed by Enter"), this));
    auto* unlock = new QPushButton(tr("Unlock a locked code (F12)"), this);
    unlock->setObjectName(QStringLiteral("loginUnlock"));
    unlock->setMinimumHeight(44);
    unlock->setFocusPolicy(Qt::NoFocus);
    outer->addWidget(unlock, 0, Qt::AlignHCenter);
    auto* keypad = new Keypad(nullptr, this); // types into the code, then the PIN
    keypad->setMaximumWidth(4 * 80);
    outer->addWidget(keypad, 0, Qt::AlignHCenter);
    outer->addStretch();
    auto* key = new QShortcut(QKeySequence(Qt::Key_F12), this);
    key->setContext(Qt::WidgetWithChildrenShortcut);
    const auto askUnlock = [this] {
        if (m_code->text().trimmed().isEmpty()) {
            m_error->setStyleSheet(QStringLiteral("color: #b00020"));
            m_error->setText(tr("Type the locked cashier code first, then F12"));
            m_code->setFocus();
            return;
        }
        emit unlockRequested(m_code->text().trimmed());
    };
    connect(key, &QShortcut::activated, this, askUnlock);
    connect(unlock, &QPushButton::clicked, this, askUnlock);
    connect(m_code, &QLineEdit::returnPressed, m_pin, qOverload<>(&QWidget::setFocus));
    connect(m_pin, &QLineEdit::returnPressed, this,
            [this] { emit loginRequested(m_code->text().trimmed(), m_pin->text()); });
}

void LoginScreen::focusPin() {
    m_pin->setFocus();
}

QString LoginScreen::code() const {
    return m_code->text().trimmed();
}

void LoginScreen::showInfo(const QString& text) {
    m_error->setStyleSheet(QStringLiteral("color: #1b5e20"));
    m_error->setText(text);
    m_pin->clear();
    m_pin->setFocus();
}

void LoginScreen::showError(const QString& error) {
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setText(error);
    m_pin->clear();
    m_pin->setFocus();
}

void LoginScreen::reset() {
    m_code->clear();
    m_pin->clear();
    m_error->clear();
    m_code->setFocus();
}

} // namespace baidian::app
