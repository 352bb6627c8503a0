#include "quick_key_panel.h"

#include "basket_model.h"

#include <QButtonGroup>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace baidian::app {

namespace {
QPushButton* touchButton(const QString& text, QWidget* parent) {
    auto* button = new QPushButton(text, parent);
    button->setFocusPolicy(Qt::NoFocus);
    button->setMinimumHeight(QuickKeyPanel::kKeyHeight);
    button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return button;
}
} // namespace

QuickKeyPanel::QuickKeyPanel(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("quickKeyPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* caption = new QLabel(tr("Quick keys"), this);
    layout->addWidget(caption);
    m_tabs = new QHBoxLayout;
    m_tabs->setSpacing(4);
    layout->addLayout(m_tabs);
    m_gridHost = new QWidget(this);
    m_grid = new QGridLayout(m_gridHost);
    m_grid->setContentsMargins(0, 4, 0, 0);
    m_grid->setSpacing(4);
    for (int c = 0; c < kColumns; ++c) // keys of one width, however few a tab holds
        m_grid->setColumnStretch(c, 1);
    layout->addWidget(m_gridHost);
    layout->addStretch();
    m_tabGroup = new QButtonGroup(this);
    m_tabGroup->setExclusive(true);
}

void QuickKeyPanel::setKeys(std::vector<pos::QuickKey> keys) {
    m_keys = std::move(keys);
    for (auto* button : m_tabGroup->buttons()) {
        m_tabGroup->removeButton(button);
        delete button;
    }
    QStringList categories;
    for (const auto& k : m_keys)
        if (const auto c = QString::fromStdString(k.category); !categories.contains(c))
            categories << c;
    for (int i = 0; i < categories.size(); ++i) {
        auto* tab = touchButton(categories[i], this);
        tab->setObjectName(QStringLiteral("quickCategory_%1").arg(i + 1));
        tab->setCheckable(true);
        tab->setMinimumHeight(44);
        tab->setStyleSheet(QStringLiteral("QPushButton:checked { background: #20324a; color: "
                                          "white; font-weight: bold }"));
        m_tabGroup->addButton(tab);
        m_tabs->addWidget(tab);
        connect(tab, &QPushButton::clicked, this,
                [this, category = categories[i]] { showCategory(category); });
    }
    showCategory(categories.contains(m_category) ? m_category
                 : categories.isEmpty()          ? QString()
                                                 : categories.first());
}

void QuickKeyPanel::showCategory(const QString& category) {
    m_category = category;
    for (auto* tab : m_tabGroup->buttons())
        tab->setChecked(tab->text() == category);
    rebuildGrid();
}

void QuickKeyPanel::rebuildGrid() {
    while (auto* item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    int n = 0;
    for (const auto& k : m_keys) {
        if (QString::fromStdString(k.category) != m_category)
            continue;
        auto* key = touchButton(QString::fromStdString(k.label) + QLatin1Char('\n') +
                                    BasketModel::priceText(k.item.product.price),
                                m_gridHost);
        key->setObjectName(QStringLiteral("quickKey_") +
                           QString::fromStdString(k.item.product.sku));
        key->setMinimumHeight(kKeyHeight + 8);
        key->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        QFont font = key->font();
        font.setPointSize(font.pointSize() + 2);
        key->setFont(font);
        connect(key, &QPushButton::clicked, this, [this, id = k.item.id] { emit picked(id); });
        m_grid->addWidget(key, n / kColumns, n % kColumns);
        ++n;
    }
}

} // namespace baidian::app
