#pragma once

#include <QPointer>
#include <QWidget>

class QLineEdit;

namespace baidian::app {

/// The on-screen keypad for touch: digits, 00, the decimal point, × (qty*code), ⌫, clear and
/// OK, each key at least 48 px. It types into its target field, which keeps the keyboard focus
/// (the keys never take it), so a scanner and the keyboard go on working beside it. OK is the
/// field's Enter. Without a target it types into the field that has the focus in its window
/// (a login's code then PIN, a dialog's amount then reference).
class Keypad : public QWidget {
    Q_OBJECT
public:
    explicit Keypad(QLineEdit* target = nullptr, QWidget* parent = nullptr);
    void setTarget(QLineEdit* target);

    /// The side of a key, in pixels: the least a finger hits reliably is 44.
    static constexpr int kKeySize = 48;

private:
    void press(const QString& key);
    QPointer<QLineEdit> m_target;
};

} // namespace baidian::app
