#pragma once

#include "till_session.h"

#include <QDialog>
#include <QImage>

class QLabel;

class QPainter;
class QPrinter;

namespace baidian::app {

/// The receipt's QR code as an image (libqrencode), `scale` pixels per module.
QImage qrImage(const std::string& payload, int scale = 4);

/// Starts a PDF of 80 mm paper, `lengthMm` long, in the monospaced Chinese font receipts use;
/// false when the file cannot be written.
bool beginPaperPdf(QPrinter& printer, QPainter& painter, const QString& path, double lengthMm);

/// Writes the receipt as a PDF page (QPrinter); returns an error text or empty.
QString printReceiptPdf(const pos::Receipt& receipt, const QString& path);

/// Receipt preview with its QR code: Ctrl+P saves a PDF next to the till database, Ctrl+E
/// sends it to the ESC/POS printer, Esc closes.
class ReceiptDialog : public QDialog {
    Q_OBJECT
public:
    ReceiptDialog(TillSession& session, pos::Receipt receipt, QWidget* parent = nullptr);
    QString lastPdfPath() const { return m_pdfPath; }

private:
    void savePdf();
    void sendToPrinter();

    TillSession& m_session;
    pos::Receipt m_receipt;
    QLabel* m_status;
    QString m_pdfPath;
};

} // namespace baidian::app
