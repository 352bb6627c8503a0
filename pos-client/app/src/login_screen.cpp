#include "login_screen.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
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
    outer->addStretch();
    connect(m_code, &QLineEdit::returnPressed, m_pin, qOverload<>(&QWidget::setFocus));
    connect(m_pin, &QLineEdit::returnPressed, this,
            [this] { emit loginRequested(m_code->text().trimmed(), m_pin->text()); });
}

void LoginScreen::showError(const QString& error) {
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
