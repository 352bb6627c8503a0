#include "receipt_dialog.h"

#include "baidian/pos/escpos.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPrinter>
#include <QShortcut>
#include <QVBoxLayout>
#include <qrencode.h>

namespace baidian::app {

QImage qrImage(const std::string& payload, int scale) {
    QRcode* code = QRcode_encodeString8bit(payload.c_str(), 0, QR_ECLEVEL_M);
    if (!code)
        return {};
    const int size = code->width;
    const int margin = 4;
    QImage image((size + 2 * margin) * scale, (size + 2 * margin) * scale, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            if (code->data[y * size + x] & 1)
                painter.fillRect((x + margin) * scale, (y + margin) * scale, scale, scale,
                                 Qt::black);
    QRcode_free(code);
    return image;
}

bool beginPaperPdf(QPrinter& printer, QPainter& painter, const QString& path, double lengthMm) {
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageSize(QPageSize(QSizeF(80, lengthMm), QPageSize::Millimeter));
    printer.setPageMargins(QMarginsF(4, 4, 4, 4), QPageLayout::Millimeter);
    if (!painter.begin(&printer))
        return false;
    QFont font(QStringLiteral("WenQuanYi Micro Hei Mono"));
    font.setStyleHint(QFont::Monospace);
    font.setPointSizeF(7.5);
    painter.setFont(font);
    return true;
}

QString printReceiptPdf(const pos::Receipt& receipt, const QString& path) {
    QPrinter printer(QPrinter::HighResolution);
    QPainter painter;
    if (!beginPaperPdf(printer, painter, path, 200))
        return QObject::tr("Cannot write the PDF %1").arg(path);
    const QString text = QString::fromStdString(receipt.toText(40));
    const QRectF page = printer.pageLayout().paintRectPixels(printer.resolution());
    QRectF bounds = painter.boundingRect(QRectF(0, 0, page.width(), page.height()),
                                         Qt::AlignLeft | Qt::TextWordWrap, text);
    painter.drawText(bounds, Qt::AlignLeft | Qt::TextWordWrap, text);
    const QImage qr = qrImage(receipt.qrPayload, 8);
    const double side = page.width() * 0.45;
    painter.drawImage(QRectF((page.width() - side) / 2, bounds.bottom() + 20, side, side), qr);
    painter.end();
    return {};
}

ReceiptDialog::ReceiptDialog(TillSession& session, pos::Receipt receipt, QWidget* parent)
    : QDialog(parent)
    , m_session(session)
    , m_receipt(std::move(receipt)) {
    setObjectName(QStringLiteral("receiptDialog"));
    setWindowTitle(tr("Receipt %1").arg(QString::fromStdString(m_receipt.receiptNo)));
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    auto* text = new QPlainTextEdit(
        QString::fromStdString(m_receipt.toText(session.options().receiptColumns)), this);
    text->setObjectName(QStringLiteral("receiptText"));
    text->setReadOnly(true);
    QFont mono(QStringLiteral("WenQuanYi Micro Hei Mono"));
    mono.setStyleHint(QFont::Monospace);
    text->setFont(mono);
    text->setMinimumSize(360, 480);
    auto* qr = new QLabel(this);
    qr->setObjectName(QStringLiteral("receiptQr"));
    qr->setPixmap(QPixmap::fromImage(qrImage(m_receipt.qrPayload, 4)));
    qr->setAlignment(Qt::AlignTop);
    row->addWidget(text);
    row->addWidget(qr);
    layout->addLayout(row);
    m_status = new QLabel(tr("Ctrl+P save PDF    Ctrl+E print (ESC/POS)    Esc close"), this);
    m_status->setObjectName(QStringLiteral("receiptStatus"));
    layout->addWidget(m_status);
    connect(new QShortcut(QKeySequence(QStringLiteral("Ctrl+P")), this), &QShortcut::activated,
            this, &ReceiptDialog::savePdf);
    connect(new QShortcut(QKeySequence(QStringLiteral("Ctrl+E")), this), &QShortcut::activated,
            this, &ReceiptDialog::sendToPrinter);
}

void ReceiptDialog::savePdf() {
    const QString dir =
        QFileInfo(m_session.options().databasePath).absolutePath() + QStringLiteral("/receipts");
    QDir().mkpath(dir);
    const QString path = dir + QLatin1Char('/') + QString::fromStdString(m_receipt.receiptNo) +
                         QStringLiteral(".pdf");
    const QString error = printReceiptPdf(m_receipt, path);
    if (error.isEmpty())
        m_pdfPath = path;
    m_status->setText(error.isEmpty() ? tr("Saved %1").arg(path) : error);
}

void ReceiptDialog::sendToPrinter() {
    const QString error =
        m_session.print(pos::renderEscPos(m_receipt, m_session.options().receiptColumns));
    m_status->setText(error.isEmpty() ? tr("Sent to the printer") : error);
}

} // namespace baidian::app
