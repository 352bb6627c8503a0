#include "shift_dialogs.h"

#include "payment_dialog.h"

#include <QFormLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace baidian::app {

using domain::Fen;

ShiftCloseDialog::ShiftCloseDialog(QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("shiftCloseDialog"));
    setWindowTitle(tr("Close shift: count the drawer"));
    auto* form = new QFormLayout(this);
    const std::pair<std::int64_t, QString> notes[] = {
        {10000, tr("¥100 notes")}, {5000, tr("¥50 notes")}, {2000, tr("¥20 notes")},
        {1000, tr("¥10 notes")},   {500, tr("¥5 notes")},   {100, tr("¥1")},
        {50, tr("5 jiao")},        {10, tr("1 jiao")}};
    QLineEdit* previous = nullptr;
    auto chain = [&](QLineEdit* edit) {
        if (previous)
            connect(previous, &QLineEdit::returnPressed, edit, qOverload<>(&QWidget::setFocus));
        previous = edit;
    };
    for (const auto& [fen, label] : notes) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(QStringLiteral("count_%1").arg(fen));
        // Digits only, and empty is fine (returnPressed needs an acceptable text): empty means 0.
        edit->setValidator(
            new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,6}")), edit));
        edit->setPlaceholderText(QStringLiteral("0"));
        connect(edit, &QLineEdit::textChanged, this, &ShiftCloseDialog::recount);
        form->addRow(label, edit);
        m_denominations.emplace_back(fen, edit);
        chain(edit);
    }
    m_cashTotal = new QLabel(this);
    m_cashTotal->setObjectName(QStringLiteral("cashTotal"));
    form->addRow(tr("Cash counted"), m_cashTotal);
    for (const auto kind :
         {pos::TenderKind::Card, pos::TenderKind::WeChat, pos::TenderKind::Alipay}) {
        auto* edit = new QLineEdit(this);
        edit->setPlaceholderText(QStringLiteral("0.00"));
        edit->setObjectName(QStringLiteral("count_%1")
                                .arg(QString::fromStdString(std::string(pos::toString(kind)))));
        form->addRow(tenderName(kind) + tr(" (terminal total)"), edit);
        m_other[kind] = edit;
        chain(edit);
    }
    connect(previous, &QLineEdit::returnPressed, this, &QDialog::accept);
    form->addRow(
        new QLabel(tr("Enter: next field, on the last one close the shift    Esc: back"), this));
    recount();
}

std::map<pos::TenderKind, Fen> ShiftCloseDialog::counted() const {
    std::map<pos::TenderKind, Fen> out;
    Fen cash;
    for (const auto& [fen, edit] : m_denominations)
        cash += Fen(fen) * edit->text().toLongLong();
    out[pos::TenderKind::Cash] = cash;
    for (const auto& [kind, edit] : m_other) {
        auto parsed = Fen::parse(edit->text().toStdString());
        out[kind] = parsed ? *parsed : Fen(0);
    }
    return out;
}

void ShiftCloseDialog::recount() {
    const auto c = counted();
    m_cashTotal->setText(QString::fromStdString(c.at(pos::TenderKind::Cash).format()));
}

ReportDialog::ReportDialog(const QString& title, const QString& text, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("reportDialog"));
    setWindowTitle(title);
    auto* layout = new QVBoxLayout(this);
    auto* view = new QPlainTextEdit(text, this);
    view->setObjectName(QStringLiteral("reportText"));
    view->setReadOnly(true);
    view->setFont(QFont(QStringLiteral("monospace")));
    view->setMinimumSize(420, 360);
    layout->addWidget(view);
    layout->addWidget(new QLabel(tr("Enter or Esc: close"), this));
}

} // namespace baidian::app
