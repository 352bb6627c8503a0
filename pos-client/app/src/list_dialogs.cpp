#include "list_dialogs.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace baidian::app {

SearchDialog::SearchDialog(SearchService& service, const QString& initial, QWidget* parent)
    : QDialog(parent)
    , m_service(service) {
    setObjectName(QStringLiteral("searchDialog"));
    setWindowTitle(tr("Find a product"));
    auto* layout = new QVBoxLayout(this);
    m_edit = new QLineEdit(initial, this);
    m_edit->setObjectName(QStringLiteral("searchEdit"));
    m_edit->setPlaceholderText(tr("pinyin initials, name or SKU"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("searchResults"));
    m_list->setFocusPolicy(Qt::NoFocus);
    m_list->setMinimumSize(640, 320);
    QFont listFont = m_list->font();
    listFont.setPointSize(listFont.pointSize() + 3);
    m_list->setFont(listFont);
    layout->addWidget(m_edit);
    layout->addWidget(m_list);
    layout->addWidget(new QLabel(tr("Up/Down choose    Enter take    Esc back"), this));
    m_edit->installEventFilter(this);
    connect(m_edit, &QLineEdit::textChanged, &m_service, &SearchService::request);
    connect(&m_service, &SearchService::results, this, &SearchDialog::showResults);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] {
        if (auto* item = m_list->currentItem()) {
            m_chosen = item->data(Qt::UserRole).toLongLong();
            accept();
        }
    });
    if (!initial.isEmpty())
        m_service.request(initial);
}

bool SearchDialog::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            const int row = m_list->currentRow() + (key == Qt::Key_Down ? 1 : -1);
            if (row >= 0 && row < m_list->count())
                m_list->setCurrentRow(row);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void SearchDialog::showResults(const QString& text, const QList<SearchHit>& hits) {
    if (text != m_edit->text())
        return;
    m_list->clear();
    for (const auto& hit : hits) {
        // Price, unit and PLU first after the name: two 库尔勒香梨 differ there.
        auto* item = new QListWidgetItem(
            hit.name + QStringLiteral("    ") + hit.price +
                (hit.plu.isEmpty() ? QString()
                                   : QStringLiteral("    ") + tr("PLU %1").arg(hit.plu)) +
                QStringLiteral("    ") + hit.pinyin + QStringLiteral("  ") + hit.sku,
            m_list);
        item->setData(Qt::UserRole, hit.productId);
    }
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
}

PickDialog::PickDialog(const QString& title, const QStringList& items, const QString& hint,
                       QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("pickDialog"));
    setWindowTitle(title);
    auto* layout = new QVBoxLayout(this);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("pickList"));
    m_list->addItems(items);
    m_list->setMinimumSize(480, 240);
    if (!items.isEmpty())
        m_list->setCurrentRow(0);
    layout->addWidget(m_list);
    layout->addWidget(new QLabel(hint, this));
    connect(m_list, &QListWidget::itemActivated, this, &QDialog::accept);
}

int PickDialog::chosenRow() const {
    return m_list->currentRow();
}

} // namespace baidian::app
