#include "outlets_view.h"

#include "console_client.h"
#include "labels.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace baidian::console {

OutletsView::OutletsView(ConsoleClient& client, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_type(new QComboBox(this))
    , m_city(new QLineEdit(this))
    , m_status(new QComboBox(this))
    , m_count(new QLabel(this))
    , m_table(new QTableWidget(0, 8, this)) {
    setObjectName(QStringLiteral("outlets"));
    m_type->setObjectName(QStringLiteral("outletTypeFilter"));
    m_type->addItem(tr("All types"), QString());
    for (const auto& code : typeCodes())
        m_type->addItem(typeLabel(code.toStdString()), code);
    m_city->setObjectName(QStringLiteral("outletCityFilter"));
    m_city->setPlaceholderText(tr("City (all)"));
    m_status->setObjectName(QStringLiteral("outletStatusFilter"));
    m_status->addItem(tr("Any status"), QString());
    for (const char* s : {"open", "suspended", "closed"})
        m_status->addItem(statusLabel(s), QString::fromLatin1(s));
    m_count->setObjectName(QStringLiteral("outletCount"));
    m_table->setObjectName(QStringLiteral("outletTable"));
    m_table->setHorizontalHeaderLabels({tr("Code"), tr("Name"), tr("Type"), tr("City"),
                                        tr("Area m²"), tr("Opened"), tr("Status"),
                                        tr("Franchisee")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->installEventFilter(this);
    connect(m_table, &QTableWidget::cellDoubleClicked, this,
            [this](int row, int) { emit outletChosen(m_table->item(row, 0)->text()); });
    auto* apply = new QPushButton(tr("&Filter"), this);
    connect(apply, &QPushButton::clicked, this, &OutletsView::refresh);
    connect(m_city, &QLineEdit::returnPressed, this, &OutletsView::refresh);
    connect(m_type, &QComboBox::currentIndexChanged, this, &OutletsView::refresh);
    connect(m_status, &QComboBox::currentIndexChanged, this, &OutletsView::refresh);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_type);
    filters->addWidget(m_city);
    filters->addWidget(m_status);
    filters->addWidget(apply);
    filters->addStretch();
    filters->addWidget(m_count);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table);
}

bool OutletsView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto key = static_cast<QKeyEvent*>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && m_table->currentRow() >= 0) {
            emit outletChosen(m_table->item(m_table->currentRow(), 0)->text());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void OutletsView::refresh() {
    const auto target =
        ConsoleClient::target(QStringLiteral("/v1/office/outlets"),
                              {{QStringLiteral("type"), m_type->currentData().toString()},
                               {QStringLiteral("city"), m_city->text().trimmed()},
                               {QStringLiteral("status"), m_status->currentData().toString()}});
    m_client.get(target, [this](const Reply& reply) {
        if (!reply.ok()) {
            emit failed(reply.error);
            return;
        }
        auto list = protocol::decodeOutletList(reply.body.toStdString());
        if (!list) {
            emit failed(QString::fromStdString(list.error().message));
            return;
        }
        m_outlets = std::move(list->outlets);
        show();
        emit loaded();
    });
}

void OutletsView::show() {
    m_table->setRowCount(static_cast<int>(m_outlets.size()));
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto& o = m_outlets[static_cast<std::size_t>(row)];
        const QStringList cells = {QString::fromStdString(o.code),
                                   QString::fromStdString(o.name),
                                   typeLabel(o.type),
                                   QString::fromStdString(o.city),
                                   QString::number(o.areaM2),
                                   QString::fromStdString(o.openedOn),
                                   statusLabel(o.status),
                                   QString::fromStdString(o.franchisee)};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
    m_count->setText(tr("%n outlet(s)", nullptr, m_table->rowCount()));
    if (m_table->rowCount() > 0)
        m_table->selectRow(0);
}

} // namespace baidian::console
