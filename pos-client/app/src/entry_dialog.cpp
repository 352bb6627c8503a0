#include "entry_dialog.h"

#include "keypad.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace baidian::app {

EntryDialog::EntryDialog(const QString& title, const QString& prompt, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("entryDialog"));
    setWindowTitle(title);
    auto* layout = new QVBoxLayout(this);
    auto* label = new QLabel(prompt, this);
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("entryEdit"));
    QFont big = m_edit->font();
    big.setPointSize(big.pointSize() + 6);
    m_edit->setFont(big);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("entryError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setWordWrap(true);
    auto* hint = new QLabel(tr("Enter: OK    Esc: cancel"), this);
    hint->setStyleSheet(QStringLiteral("color: #666"));
    layout->addWidget(label);
    layout->addWidget(m_edit);
    layout->addWidget(m_error);
    layout->addWidget(new Keypad(m_edit, this));
    layout->addWidget(hint);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] { emit submitted(text()); });
}

QString EntryDialog::text() const {
    return m_edit->text().trimmed();
}

void EntryDialog::setText(const QString& text) {
    m_edit->setText(text);
    m_edit->selectAll();
}

void EntryDialog::showError(const QString& error) {
    m_error->setText(error);
    m_edit->selectAll();
    m_edit->setFocus();
}

ApprovalDialog::ApprovalDialog(const QString& reason, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("approvalDialog"));
    setWindowTitle(tr("Supervisor approval"));
    auto* layout = new QFormLayout(this);
    auto* why = new QLabel(reason, this);
    why->setWordWrap(true);
    m_code = new QLineEdit(this);
    m_code->setObjectName(QStringLiteral("approvalCode"));
    m_pin = new QLineEdit(this);
    m_pin->setObjectName(QStringLiteral("approvalPin"));
    m_pin->setEchoMode(QLineEdit::Password);
    layout->addRow(why);
    layout->addRow(tr("Supervisor code"), m_code);
    layout->addRow(tr("PIN"), m_pin);
    layout->addRow(new Keypad(nullptr, this)); // the code, then the PIN
    layout->addRow(new QLabel(tr("Enter: approve    Esc: cancel"), this));
    connect(m_code, &QLineEdit::returnPressed, m_pin, qOverload<>(&QWidget::setFocus));
    connect(m_pin, &QLineEdit::returnPressed, this, &QDialog::accept);
}

QString ApprovalDialog::code() const {
    return m_code->text().trimmed();
}
QString ApprovalDialog::pin() const {
    return m_pin->text();
}

} // namespace baidian::app
