#include "shift_dialogs.h"

#include "baidian/pos/escpos.h"
#include "keypad.h"
#include "payment_dialog.h"
#include "receipt_dialog.h"

#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPageLayout>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPrinter>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QShortcut>
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
    form->addRow(new Keypad(nullptr, this)); // into the field being counted
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

ReportDialog::ReportDialog(TillSession& session, const QString& title, const QString& text,
                           const QString& fileStem, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_text(text)
    , m_fileStem(fileStem) {
    setObjectName(QStringLiteral("reportDialog"));
    setWindowTitle(title);
    auto* layout = new QVBoxLayout(this);
    auto* view = new QPlainTextEdit(text, this);
    view->setObjectName(QStringLiteral("reportText"));
    view->setReadOnly(true);
    QFont mono(QStringLiteral("WenQuanYi Micro Hei Mono"));
    mono.setStyleHint(QFont::Monospace);
    view->setFont(mono);
    view->setMinimumSize(420, 360);
    layout->addWidget(view);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reportStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto* buttons = new QHBoxLayout;
    const auto button = [this, buttons](const char* name, const QString& label) {
        auto* b = new QPushButton(label, this);
        b->setObjectName(QString::fromLatin1(name));
        b->setMinimumHeight(48);
        b->setFocusPolicy(Qt::NoFocus);
        buttons->addWidget(b);
        return b;
    };
    connect(button("reportPrint", tr("Print (Ctrl+E)")), &QPushButton::clicked, this,
            &ReportDialog::print);
    connect(button("reportPdf", tr("Save PDF (Ctrl+P)")), &QPushButton::clicked, this,
            &ReportDialog::savePdf);
    connect(button("reportClose", tr("Close (Esc)")), &QPushButton::clicked, this,
            &QDialog::accept);
    layout->addLayout(buttons);
    connect(new QShortcut(QKeySequence(QStringLiteral("Ctrl+E")), this), &QShortcut::activated,
            this, &ReportDialog::print);
    connect(new QShortcut(QKeySequence(QStringLiteral("Ctrl+P")), this), &QShortcut::activated,
            this, &ReportDialog::savePdf);
}

bool ReportDialog::print() {
    if (m_session.options().printerPath.isEmpty()) {
        m_status->setStyleSheet(QStringLiteral("color: #b00020"));
        m_status->setText(tr("No printer is set up for this till (--printer): save it as a PDF "
                             "instead (Ctrl+P)"));
        return false;
    }
    const QString error = m_session.print(pos::renderEscPosReport(m_text.toStdString()));
    m_status->setStyleSheet(error.isEmpty() ? QStringLiteral("color: #0a7d28")
                                            : QStringLiteral("color: #b00020"));
    m_status->setText(error.isEmpty() ? tr("Sent to the printer") : error);
    return error.isEmpty();
}

QString ReportDialog::savePdf() {
    const QString dir =
        QFileInfo(m_session.options().databasePath).absolutePath() + QStringLiteral("/reports");
    QDir().mkpath(dir);
    const QString path = dir + QLatin1Char('/') + m_fileStem + QStringLiteral(".pdf");
    const QString error = printTextPdf(m_text, path);
    m_status->setStyleSheet(error.isEmpty() ? QStringLiteral("color: #0a7d28")
                                            : QStringLiteral("color: #b00020"));
    m_status->setText(error.isEmpty() ? tr("Saved as %1").arg(path) : error);
    return error.isEmpty() ? path : QString();
}

void ReportDialog::printOrSave() {
    if (!m_session.options().printerPath.isEmpty()) {
        print();
        return;
    }
    const QString path = savePdf();
    if (!path.isEmpty())
        m_status->setText(
            tr("No printer is set up for this till: the report was saved as %1").arg(path));
}

QString printTextPdf(const QString& text, const QString& path) {
    QPrinter printer(QPrinter::HighResolution);
    QPainter painter;
    if (!beginPaperPdf(printer, painter, path, 297))
        return QObject::tr("Cannot write the PDF %1").arg(path);
    const QRectF page = printer.pageLayout().paintRectPixels(printer.resolution());
    const int perPage =
        std::max(1, static_cast<int>(page.height() / painter.fontMetrics().lineSpacing()) - 1);
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int first = 0; first < lines.size(); first += perPage) {
        if (first > 0)
            printer.newPage();
        const QString chunk = lines.mid(first, perPage).join(QLatin1Char('\n'));
        painter.drawText(QRectF(0, 0, page.width(), page.height()),
                         Qt::AlignLeft | Qt::TextWordWrap, chunk);
    }
    painter.end();
    return {};
}

} // namespace baidian::app
