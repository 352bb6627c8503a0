#include "keypad.h"

#include <QApplication>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPushButton>

namespace baidian::app {

Keypad::Keypad(QLineEdit* target, QWidget* parent)
    : QWidget(parent)
    , m_target(target) {
    setObjectName(QStringLiteral("keypad"));
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    // The key's name (its object name is keypad_<name>), what it shows, its place.
    struct Key {
        const char* name;
        QString text;
        int row, column, rowSpan, columnSpan;
    };
    const Key keys[] = {
        {"7", QStringLiteral("7"), 0, 0, 1, 1},     {"8", QStringLiteral("8"), 0, 1, 1, 1},
        {"9", QStringLiteral("9"), 0, 2, 1, 1},     {"back", QStringLiteral("⌫"), 0, 3, 1, 1},
        {"4", QStringLiteral("4"), 1, 0, 1, 1},     {"5", QStringLiteral("5"), 1, 1, 1, 1},
        {"6", QStringLiteral("6"), 1, 2, 1, 1},     {"clear", tr("Clear"), 1, 3, 1, 1},
        {"1", QStringLiteral("1"), 2, 0, 1, 1},     {"2", QStringLiteral("2"), 2, 1, 1, 1},
        {"3", QStringLiteral("3"), 2, 2, 1, 1},     {"times", QStringLiteral("×"), 2, 3, 1, 1},
        {"0", QStringLiteral("0"), 3, 0, 1, 1},     {"00", QStringLiteral("00"), 3, 1, 1, 1},
        {"point", QStringLiteral("."), 3, 2, 1, 1}, {"enter", tr("OK"), 3, 3, 1, 1},
    };
    for (const auto& key : keys) {
        auto* button = new QPushButton(key.text, this);
        const QString name = QString::fromLatin1(key.name);
        button->setObjectName(QStringLiteral("keypad_") + name);
        button->setFocusPolicy(Qt::NoFocus); // the field keeps the focus: the scanner types there
        button->setMinimumSize(kKeySize, kKeySize);
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        QFont font = button->font();
        font.setPointSize(font.pointSize() + 5);
        button->setFont(font);
        if (name == QLatin1String("enter"))
            button->setStyleSheet(QStringLiteral("background: #0a7d28; color: white"));
        connect(button, &QPushButton::clicked, this, [this, name] { press(name); });
        grid->addWidget(button, key.row, key.column, key.rowSpan, key.columnSpan);
    }
}

void Keypad::setTarget(QLineEdit* target) {
    m_target = target;
}

void Keypad::press(const QString& key) {
    QPointer<QLineEdit> target = m_target;
    if (!target) { // the field with the focus, in this keypad's window only
        auto* focused = qobject_cast<QLineEdit*>(QApplication::focusWidget());
        if (focused && focused->window() == window())
            target = focused;
    }
    if (!target || !target->isEnabled() || target->isReadOnly())
        return;
    if (key == QLatin1String("back"))
        target->backspace();
    else if (key == QLatin1String("clear"))
        target->clear();
    else if (key == QLatin1String("enter")) {
        // Enter as the keyboard sends it, so the field and its dialog handle it as they would.
        QKeyEvent down(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
        QKeyEvent up(QEvent::KeyRelease, Qt::Key_Return, Qt::NoModifier);
        QApplication::sendEvent(target, &down);
        if (target) // Enter may have closed its dialog
            QApplication::sendEvent(target, &up);
    } else if (key == QLatin1String("times"))
        target->insert(QStringLiteral("*"));
    else if (key == QLatin1String("point"))
        target->insert(QStringLiteral("."));
    else
        target->insert(key);
}

} // namespace baidian::app
