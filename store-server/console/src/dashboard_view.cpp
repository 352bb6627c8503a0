#include "dashboard_view.h"

#include "console_client.h"
#include "labels.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeAxis>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

namespace baidian::console {

namespace {

QTableWidget* figuresTable(const QString& name, const QString& keyHeader, QWidget* parent) {
    auto* table = new QTableWidget(0, 5, parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels({keyHeader, DashboardView::tr("Revenue"),
                                      DashboardView::tr("Tonnes"), DashboardView::tr("Tickets"),
                                      DashboardView::tr("Outlets")});
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    return table;
}

void fill(QTableWidget* table, const std::vector<protocol::GroupFiguresDoc>& groups, bool types) {
    table->setRowCount(static_cast<int>(groups.size()));
    for (int row = 0; row < table->rowCount(); ++row) {
        const auto& g = groups[static_cast<std::size_t>(row)];
        const QStringList cells = {types ? typeLabel(g.key) : QString::fromStdString(g.key),
                                   yuan(g.figures.revenueFen), tonnes(g.figures.grams),
                                   QString::number(g.figures.tickets),
                                   QString::number(g.figures.outlets)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table->setItem(row, c, item);
        }
    }
}

} // namespace

DashboardView::DashboardView(ConsoleClient& client, const domain::Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_type(new QComboBox(this))
    , m_totals(new QLabel(this))
    , m_byType(figuresTable(QStringLiteral("byType"), tr("Outlet type"), this))
    , m_byCity(figuresTable(QStringLiteral("byCity"), tr("City"), this))
    , m_chart(new QChartView(this)) {
    setObjectName(QStringLiteral("dashboard"));
    for (auto* date : {m_from, m_to}) {
        date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        date->setCalendarPopup(true);
    }
    m_from->setObjectName(QStringLiteral("dashboardFrom"));
    m_to->setObjectName(QStringLiteral("dashboardTo"));
    const QDate yesterday = localDate(clock).addDays(-1);
    m_to->setDate(yesterday);
    m_from->setDate(yesterday.addDays(-29));
    m_type->addItem(tr("All types"), QString());
    for (const auto& code : typeCodes())
        m_type->addItem(typeLabel(code.toStdString()), code);
    m_totals->setObjectName(QStringLiteral("dashboardTotals"));
    QFont big = m_totals->font();
    big.setPointSize(big.pointSize() + 6);
    big.setBold(true);
    m_totals->setFont(big);
    m_chart->setObjectName(QStringLiteral("trendChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(220);
    auto* show = new QPushButton(tr("&Show"), this);
    connect(show, &QPushButton::clicked, this, &DashboardView::refresh);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("From"), this));
    controls->addWidget(m_from);
    controls->addWidget(new QLabel(tr("to"), this));
    controls->addWidget(m_to);
    controls->addWidget(m_type);
    controls->addWidget(show);
    controls->addStretch();
    auto* tables = new QHBoxLayout;
    tables->addWidget(m_byType);
    tables->addWidget(m_byCity);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_totals);
    layout->addWidget(m_chart, 2);
    layout->addLayout(tables, 1);
}

void DashboardView::setPeriod(const QDate& from, const QDate& to) {
    m_from->setDate(from);
    m_to->setDate(to);
}

void DashboardView::refresh() {
    const auto target =
        ConsoleClient::target(QStringLiteral("/v1/office/dashboard"),
                              {{QStringLiteral("from"), m_from->date().toString(Qt::ISODate)},
                               {QStringLiteral("to"), m_to->date().toString(Qt::ISODate)},
                               {QStringLiteral("type"), m_type->currentData().toString()}});
    m_client.get(target, [this](const Reply& reply) {
        if (!reply.ok()) {
            emit failed(reply.error);
            return;
        }
        auto doc = protocol::decodeDashboard(reply.body.toStdString());
        if (!doc) {
            emit failed(QString::fromStdString(doc.error().message));
            return;
        }
        show(*doc);
        emit loaded();
    });
}

void DashboardView::show(const protocol::DashboardDoc& doc) {
    m_totals->setText(tr("%1 to %2: sold %3 for %4 in %5 tickets")
                          .arg(QString::fromStdString(doc.from), QString::fromStdString(doc.to),
                               tonnes(doc.totals.grams), yuan(doc.totals.revenueFen))
                          .arg(doc.totals.tickets));
    fill(m_byType, doc.byType, true);
    fill(m_byCity, doc.byCity, false);

    // The trend: revenue (yuan) and weight (tonnes) per day. Plotted values only, never summed.
    auto* chart = new QChart;
    chart->setTitle(tr("Daily revenue and weight"));
    auto* revenue = new QLineSeries(chart);
    revenue->setName(tr("Revenue (¥ thousand)"));
    auto* weight = new QLineSeries(chart);
    weight->setName(tr("Weight (tonnes)"));
    double chartRevenueMax = 1, chartWeightMax = 0.001;
    for (const auto& day : doc.byDay) {
        const auto at =
            QDateTime(QDate::fromString(QString::fromStdString(day.key), Qt::ISODate), QTime(12, 0))
                .toMSecsSinceEpoch();
        const double chartRevenue = static_cast<double>(day.figures.revenueFen) / 100000.0;
        const double chartWeight = static_cast<double>(day.figures.grams) / 1e6;
        revenue->append(static_cast<double>(at), chartRevenue);
        weight->append(static_cast<double>(at), chartWeight);
        chartRevenueMax = std::max(chartRevenueMax, chartRevenue);
        chartWeightMax = std::max(chartWeightMax, chartWeight);
    }
    chart->addSeries(revenue);
    chart->addSeries(weight);
    auto* days = new QDateTimeAxis(chart);
    days->setFormat(QStringLiteral("MM-dd"));
    days->setTickCount(std::min<int>(8, std::max<int>(2, static_cast<int>(doc.byDay.size()))));
    chart->addAxis(days, Qt::AlignBottom);
    auto* yuanAxis = new QValueAxis(chart);
    yuanAxis->setRange(0, chartRevenueMax * 1.1);
    yuanAxis->setTitleText(tr("¥ thousand"));
    chart->addAxis(yuanAxis, Qt::AlignLeft);
    auto* tonneAxis = new QValueAxis(chart);
    tonneAxis->setRange(0, chartWeightMax * 1.1);
    tonneAxis->setTitleText(tr("tonnes"));
    chart->addAxis(tonneAxis, Qt::AlignRight);
    revenue->attachAxis(days);
    revenue->attachAxis(yuanAxis);
    weight->attachAxis(days);
    weight->attachAxis(tonneAxis);
    QChart* old = m_chart->chart();
    m_chart->setChart(chart);
    delete old;
}

} // namespace baidian::console
