#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;

namespace baidian::app {

/// Asks for one value by keyboard (quantity, weight in kg, an amount, a receipt number):
/// Enter submits, Esc cancels. The caller validates the text with the engine's parsers and
/// shows the error in the dialog instead of closing it.
class EntryDialog : public QDialog {
    Q_OBJECT
public:
    EntryDialog(const QString& title, const QString& prompt, QWidget* parent = nullptr);
    QString text() const;
    void setText(const QString& text);
    void showError(const QString& error);

signals:
    /// Enter was pressed; the caller accepts the dialog or shows an error in it.
    void submitted(const QString& text);

private:
    QLineEdit* m_edit;
    QLabel* m_error;
};

/// A supervisor's code and PIN.
class ApprovalDialog : public QDialog {
    Q_OBJECT
public:
    ApprovalDialog(const QString& reason, QWidget* parent = nullptr);
    QString code() const;
    QString pin() const;

private:
    QLineEdit* m_code;
    QLineEdit* m_pin;
};

} // namespace baidian::app
