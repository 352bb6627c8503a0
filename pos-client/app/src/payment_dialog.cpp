#include "payment_dialog.h"

#include "keypad.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace baidian::app {

using domain::Fen;

QString tenderName(pos::TenderKind kind) {
    switch (kind) {
    case pos::TenderKind::Cash:
        return QObject::tr("Cash");
    case pos::TenderKind::Card:
        return QObject::tr("Bank card");
    case pos::TenderKind::WeChat:
        return QObject::tr("WeChat Pay");
    case pos::TenderKind::Alipay:
        return QObject::tr("Alipay");
    }
    return {};
}

PaymentDialog::PaymentDialog(TillSession& session, QWidget* parent)
    : QDialog(parent)
    , m_session(session) {
    setObjectName(QStringLiteral("paymentDialog"));
    setWindowTitle(tr("Payment"));
    auto* grid = new QGridLayout(this);
    QFont huge = font();
    huge.setPointSize(huge.pointSize() + 14);
    huge.setBold(true);
    m_due = new QLabel(this);
    m_due->setObjectName(QStringLiteral("paymentDue"));
    m_due->setFont(huge);
    m_change = new QLabel(this);
    m_change->setObjectName(QStringLiteral("paymentChange"));
    m_change->setFont(huge);
    m_change->setStyleSheet(QStringLiteral("color: #0a7d28"));
    m_kindLabel = new QLabel(this);
    m_kindLabel->setObjectName(QStringLiteral("paymentKind"));
    m_amount = new QLineEdit(this);
    m_amount->setObjectName(QStringLiteral("paymentAmount"));
    QFont big = font();
    big.setPointSize(big.pointSize() + 6);
    m_amount->setFont(big);
    m_reference = new QLineEdit(this);
    m_reference->setObjectName(QStringLiteral("paymentReference"));
    m_reference->setPlaceholderText(tr("reference from the payment terminal"));
    m_tenders = new QListWidget(this);
    m_tenders->setObjectName(QStringLiteral("paymentTenders"));
    m_tenders->setFocusPolicy(Qt::NoFocus);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("paymentError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setWordWrap(true);
    auto* keys = new QLabel(tr("F1 Cash   F2 Card   F3 WeChat   F4 Alipay   Enter add / complete   "
                               "Del remove last   Esc back"),
                            this);
    auto* remove = new QPushButton(tr("Remove last payment (Del)"), this);
    remove->setObjectName(QStringLiteral("paymentRemoveLast"));
    remove->setFocusPolicy(Qt::NoFocus);
    remove->setMinimumHeight(44);
    connect(remove, &QPushButton::clicked, this, &PaymentDialog::removeLastTender);
    keys->setStyleSheet(QStringLiteral("color: #555"));
    const bool refund = session.till().isReturn();
    auto* dueLabel = new QLabel(refund ? tr("Still to refund") : tr("Still due"), this);
    auto* changeLabel = new QLabel(tr("Change"), this);
    grid->addWidget(dueLabel, 0, 0);
    grid->addWidget(m_due, 0, 1);
    grid->addWidget(changeLabel, 1, 0);
    grid->addWidget(m_change, 1, 1);
    if (refund) {
        // Money goes out: called a refund, in red, with no change to give.
        setWindowTitle(tr("Refund"));
        dueLabel->setObjectName(QStringLiteral("paymentDueLabel"));
        m_due->setStyleSheet(QStringLiteral("color: #b00020"));
        changeLabel->hide();
        m_change->hide();
    }
    grid->addWidget(m_kindLabel, 2, 0);
    grid->addWidget(m_amount, 2, 1);
    grid->addWidget(new QLabel(tr("Reference"), this), 3, 0);
    grid->addWidget(m_reference, 3, 1);
    grid->addWidget(m_tenders, 4, 0, 1, 2);
    grid->addWidget(remove, 5, 1);
    grid->addWidget(m_error, 6, 0, 1, 2);
    grid->addWidget(keys, 7, 0, 1, 2);
    // Touch: a button per payment kind (the F keys) and the keypad, beside the fields.
    auto* side = new QVBoxLayout;
    const std::pair<pos::TenderKind, const char*> kinds[] = {{pos::TenderKind::Cash, "F1"},
                                                             {pos::TenderKind::Card, "F2"},
                                                             {pos::TenderKind::WeChat, "F3"},
                                                             {pos::TenderKind::Alipay, "F4"}};
    auto* kindRow = new QGridLayout;
    int n = 0;
    for (const auto& [kind, key] : kinds) {
        auto* button =
            new QPushButton(QString::fromLatin1(key) + QLatin1Char(' ') + tenderName(kind), this);
        button->setObjectName(QStringLiteral("paymentKind_") +
                              QString::fromLatin1(pos::toString(kind).data()));
        button->setFocusPolicy(Qt::NoFocus);
        button->setMinimumHeight(48);
        connect(button, &QPushButton::clicked, this, [this, kind] { choose(kind); });
        kindRow->addWidget(button, n / 2, n % 2);
        ++n;
    }
    side->addLayout(kindRow);
    side->addWidget(new Keypad(nullptr, this)); // the amount, then the reference
    side->addStretch();
    grid->addLayout(side, 0, 2, 8, 1);
    // The fields would eat Del (delete a character); with nothing typed it removes a payment.
    m_amount->installEventFilter(this);
    m_reference->installEventFilter(this);
    connect(m_amount, &QLineEdit::returnPressed, this, &PaymentDialog::onAmountEntered);
    connect(m_reference, &QLineEdit::returnPressed, this, &PaymentDialog::onReferenceEntered);
    // A refund goes back the way the money came: the original sale's largest payment.
    const auto& original = session.till().originalTenders();
    choose(refund && !original.empty() ? original.front().kind : pos::TenderKind::Cash);
    refresh();
}

void PaymentDialog::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_F1:
        return choose(pos::TenderKind::Cash);
    case Qt::Key_F2:
        return choose(pos::TenderKind::Card);
    case Qt::Key_F3:
        return choose(pos::TenderKind::WeChat);
    case Qt::Key_F4:
        return choose(pos::TenderKind::Alipay);
    case Qt::Key_Delete:
        return removeLastTender();
    case Qt::Key_Return:
    case Qt::Key_Enter:
        return; // handled by the line edits; never close the dialog by accident
    default:
        QDialog::keyPressEvent(event);
    }
}

bool PaymentDialog::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::KeyPress) {
        auto* edit = qobject_cast<QLineEdit*>(watched);
        if (static_cast<QKeyEvent*>(event)->key() == Qt::Key_Delete && edit &&
            edit->text().isEmpty()) {
            removeLastTender();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void PaymentDialog::removeLastTender() {
    auto& till = m_session.till();
    if (till.tenders().empty())
        return;
    (void)till.removeTender(till.tenders().size() - 1);
    m_confirming.reset();
    m_error->clear();
    refresh();
    m_amount->setFocus();
}

void PaymentDialog::reject() {
    // Backing out of paying: the money goes back to the customer, nothing stays on the sale.
    m_session.till().clearTenders();
    QDialog::reject();
}

void PaymentDialog::choose(pos::TenderKind kind) {
    m_kind = kind;
    m_kindLabel->setText(tenderName(kind));
    m_reference->setEnabled(kind != pos::TenderKind::Cash);
    m_reference->clear();
    m_amount->clear();
    m_amount->setFocus();
    m_error->clear();
    refresh();
}

void PaymentDialog::onAmountEntered() {
    auto& till = m_session.till();
    if (m_amount->text().trimmed().isEmpty() && till.due().value() <= 0)
        return completeSale();
    if (m_kind != pos::TenderKind::Cash)
        return m_reference->setFocus();
    addTender({});
}

void PaymentDialog::onReferenceEntered() {
    addTender(m_reference->text().trimmed());
}

void PaymentDialog::addTender(const QString& reference) {
    auto& till = m_session.till();
    Fen amount = m_kind == pos::TenderKind::Cash ? till.cashDue() : till.due();
    if (!m_amount->text().trimmed().isEmpty()) {
        auto parsed = Fen::parse(m_amount->text().toStdString());
        if (!parsed) {
            m_error->setText(TillSession::describe(parsed.error()));
            m_amount->selectAll();
            return m_amount->setFocus();
        }
        amount = *parsed;
    }
    if (till.due().value() <= 0) {
        m_error->setText(tr("The sale is paid: press Enter to complete, or Del to remove a "
                            "payment"));
        m_amount->clear();
        return m_amount->setFocus();
    }
    bool confirmed = false;
    if (m_kind == pos::TenderKind::Cash && !till.isReturn() && amount > till.cashConfirmAbove()) {
        if (m_confirming != amount) {
            m_confirming = amount;
            m_error->setText(tr("Cash %1 for %2 due gives %3 change. Enter again to take it, or "
                                "correct the amount")
                                 .arg(QString::fromStdString(amount.format()),
                                      QString::fromStdString(till.cashDue().format()),
                                      QString::fromStdString((amount - till.cashDue()).format())));
            return m_amount->setFocus();
        }
        confirmed = true;
    }
    m_confirming.reset();
    if (auto ok = till.addTender(m_kind, amount, reference.toStdString(), confirmed); !ok) {
        m_error->setText(TillSession::describe(ok.error()));
        return m_amount->setFocus();
    }
    m_error->clear();
    refresh();
    choose(pos::TenderKind::Cash);
}

void PaymentDialog::completeSale() {
    auto done = m_session.till().complete();
    if (!done) {
        m_error->setText(TillSession::describe(done.error()));
        return;
    }
    m_completed = *done;
    m_session.nudgeSync();
    accept();
}

void PaymentDialog::refresh() {
    auto& till = m_session.till();
    const Fen due = till.due();
    // In cash, what is due is rounded by the outlet's 抹零: show what the cashier takes.
    const Fen shown = m_kind == pos::TenderKind::Cash && due.value() > 0 ? till.cashDue() : due;
    m_due->setText(QString::fromStdString((shown.value() > 0 ? shown : Fen(0)).format()));
    m_due->setToolTip(shown != due ? tr("Small change dropped (抹零): %1")
                                         .arg(QString::fromStdString((due - shown).format()))
                                   : QString());
    m_change->setText(QString::fromStdString((due.value() < 0 ? -due : Fen(0)).format()));
    m_tenders->clear();
    for (const auto& t : till.tenders())
        m_tenders->addItem(
            tenderName(t.kind) + QStringLiteral("  ") + QString::fromStdString(t.amount.format()) +
            (t.reference.empty() ? QString()
                                 : QStringLiteral("  #") + QString::fromStdString(t.reference)));
    if (due.value() <= 0)
        m_error->setText(tr("Fully paid: press Enter to complete"));
    m_session.notifyBasketChanged(); // the customer display shows what is paid and due
}

} // namespace baidian::app
