#include "ranking_view.h"

#include "console_client.h"
#include "labels.h"

#include <QComboBox>
#include <QDate>
#include <QFile>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPrinter>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTextDocument>
#include <QVBoxLayout>

namespace baidian::console {

namespace {

QTableWidgetItem* cell(const QString& text, bool number = false) {
    auto* item = new QTableWidgetItem(text);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

QString flagsText(const protocol::RankingEntryDoc& e) {
    QStringList flags;
    for (const auto& f : e.flags)
        flags << flagLabel(f.flag);
    return flags.join(QStringLiteral(", "));
}

} // namespace

RankingView::RankingView(ConsoleClient& client, const domain::Clock& clock, QWidget* parent)
    : QWidget(parent)
    , m_client(client)
    , m_clock(clock)
    , m_period(new QComboBox(this))
    , m_type(new QComboBox(this))
    , m_recompute(new QPushButton(tr("&Recompute"), this))
    , m_table(new QTableWidget(0, 7, this))
    , m_breakdown(new QTableWidget(0, 6, this))
    , m_reasons(new QLabel(this)) {
    setObjectName(QStringLiteral("ranking"));
    m_period->setObjectName(QStringLiteral("rankingPeriod"));
    m_period->setEditable(true); // an admin may type a period not computed yet
    m_type->setObjectName(QStringLiteral("rankingType"));
    for (const auto& code : typeCodes())
        m_type->addItem(typeLabel(code.toStdString()), code);
    m_recompute->setObjectName(QStringLiteral("recompute"));
    m_table->setObjectName(QStringLiteral("rankingTable"));
    m_table->setHorizontalHeaderLabels({tr("Rank"), tr("Outlet"), tr("Name"), tr("City"),
                                        tr("Score"), tr("Revenue"), tr("Flags")});
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_breakdown->setObjectName(QStringLiteral("breakdownTable"));
    m_breakdown->setHorizontalHeaderLabels(
        {tr("Metric"), tr("Value"), tr("Place in type"), tr("Weight"), tr("Points"), tr("Note")});
    m_breakdown->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_breakdown->horizontalHeader()->setStretchLastSection(true);
    m_breakdown->verticalHeader()->hide();
    m_breakdown->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_reasons->setObjectName(QStringLiteral("rankingReasons"));
    m_reasons->setWordWrap(true);
    m_reasons->setTextInteractionFlags(Qt::TextSelectableByMouse);

    connect(m_type, &QComboBox::currentIndexChanged, this, &RankingView::loadRanking);
    connect(m_period, &QComboBox::activated, this, &RankingView::loadRanking);
    connect(m_recompute, &QPushButton::clicked, this, &RankingView::recompute);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &RankingView::showBreakdown);
    connect(m_table, &QTableWidget::cellDoubleClicked, this,
            [this](int row, int) { emit outletChosen(m_table->item(row, 1)->text()); });

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Period"), this));
    controls->addWidget(m_period);
    controls->addWidget(new QLabel(tr("Outlet type"), this));
    controls->addWidget(m_type);
    controls->addWidget(m_recompute);
    controls->addStretch();
    auto* lower = new QWidget(this);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    lowerLayout->addWidget(m_breakdown);
    lowerLayout->addWidget(m_reasons);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(lower);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(split);
}

QString RankingView::selectedOutlet() const {
    const int row = m_table->currentRow();
    return row >= 0 && m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString();
}

void RankingView::selectType(const QString& code) {
    const int index = m_type->findData(code);
    if (index == m_type->currentIndex())
        loadRanking(); // the same type: reload it all the same
    else
        m_type->setCurrentIndex(index);
}

void RankingView::refresh() {
    m_recompute->setVisible(m_client.isAdmin());
    m_client.get(QStringLiteral("/v1/office/ranking/periods"), [this](const Reply& reply) {
        if (!reply.ok()) {
            emit failed(reply.error);
            return;
        }
        auto periods = protocol::decodePeriodList(reply.body.toStdString());
        const QString current = m_period->currentText();
        m_period->clear();
        if (periods)
            for (const auto& p : periods->periods)
                m_period->addItem(QString::fromStdString(p));
        if (m_period->count() == 0) // nothing computed yet: offer last month
            m_period->addItem(localDate(m_clock).addMonths(-1).toString(QStringLiteral("yyyy-MM")));
        if (const int at = m_period->findText(current); at >= 0)
            m_period->setCurrentIndex(at);
        loadRanking();
    });
}

void RankingView::loadRanking() {
    const auto target =
        ConsoleClient::target(QStringLiteral("/v1/office/ranking"),
                              {{QStringLiteral("period"), m_period->currentText()},
                               {QStringLiteral("type"), m_type->currentData().toString()}});
    m_client.get(target, [this](const Reply& reply) {
        if (reply.status == 404) {
            m_ranking = {};
            showRanking();
            m_reasons->setText(
                tr("No ranking has been computed for %1.").arg(m_period->currentText()));
            emit loaded();
            return;
        }
        if (!reply.ok()) {
            emit failed(reply.error);
            return;
        }
        auto ranking = protocol::decodeRanking(reply.body.toStdString());
        if (!ranking) {
            emit failed(QString::fromStdString(ranking.error().message));
            return;
        }
        m_ranking = std::move(*ranking);
        showRanking();
        emit loaded();
    });
}

void RankingView::recompute() {
    const auto target =
        ConsoleClient::target(QStringLiteral("/v1/office/ranking/compute"),
                              {{QStringLiteral("period"), m_period->currentText()}});
    m_client.post(target, {}, [this](const Reply& reply) {
        if (!reply.ok()) {
            emit failed(reply.error);
            return;
        }
        refresh();
    });
}

void RankingView::showRanking() {
    m_table->setRowCount(static_cast<int>(m_ranking.entries.size()));
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto& e = m_ranking.entries[static_cast<std::size_t>(row)];
        m_table->setItem(row, 0, cell(e.rank ? QString::number(*e.rank) : tr("not ranked"), true));
        m_table->setItem(row, 1, cell(QString::fromStdString(e.outlet)));
        m_table->setItem(row, 2, cell(QString::fromStdString(e.name)));
        m_table->setItem(row, 3, cell(QString::fromStdString(e.city)));
        m_table->setItem(row, 4, cell(score(e.scoreCenti), true));
        m_table->setItem(row, 5, cell(yuan(e.revenueFen), true));
        m_table->setItem(row, 6, cell(flagsText(e)));
    }
    if (m_table->rowCount() > 0)
        m_table->selectRow(0);
    else
        showBreakdown();
}

void RankingView::showBreakdown() {
    const int row = m_table->currentRow();
    if (row < 0 || static_cast<std::size_t>(row) >= m_ranking.entries.size()) {
        m_breakdown->setRowCount(0);
        m_reasons->clear();
        return;
    }
    const auto& e = m_ranking.entries[static_cast<std::size_t>(row)];
    m_breakdown->setRowCount(static_cast<int>(e.metrics.size()) + 1);
    int r = 0;
    for (const auto& m : e.metrics) {
        m_breakdown->setItem(r, 0, cell(metricLabel(m.metric)));
        m_breakdown->setItem(r, 1, cell(metricValue(m), true));
        m_breakdown->setItem(r, 2, cell(score(m.normalizedBp) + QLatin1Char('%'), true));
        m_breakdown->setItem(r, 3, cell(QString::number(m.weight), true));
        m_breakdown->setItem(r, 4, cell(score(m.pointsCenti), true));
        m_breakdown->setItem(r, 5, cell(noteLabel(m.note)));
        ++r;
    }
    auto* total = cell(tr("Score"));
    QFont bold = total->font();
    bold.setBold(true);
    total->setFont(bold);
    m_breakdown->setItem(r, 0, total);
    auto* sum = cell(score(e.scoreCenti), true);
    sum->setFont(bold);
    m_breakdown->setItem(r, 4, sum);
    QStringList lines;
    if (e.rank)
        lines << tr("%1 is number %2 of the %3 ranking.")
                     .arg(QString::fromStdString(e.outlet))
                     .arg(*e.rank)
                     .arg(typeLabel(e.type));
    for (const auto& why : e.ineligible)
        lines << tr("Not ranked: %1").arg(QString::fromStdString(why));
    for (const auto& f : e.flags)
        lines << tr("Flag %1: %2").arg(flagLabel(f.flag), QString::fromStdString(f.detail));
    m_reasons->setText(lines.join(QLatin1Char('\n')));
}

void RankingView::exportCsv(const QString& path) {
    const auto target =
        ConsoleClient::target(QStringLiteral("/v1/office/ranking.csv"),
                              {{QStringLiteral("period"), m_period->currentText()},
                               {QStringLiteral("type"), m_type->currentData().toString()}});
    m_client.get(target, [this, path](const Reply& reply) {
        if (!reply.ok()) {
            emit failed(reply.error);
            return;
        }
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(reply.body) != reply.body.size()) {
            emit failed(tr("Cannot write %1: %2").arg(path, file.errorString()));
            return;
        }
        emit exported(path);
    });
}

void RankingView::exportPdf(const QString& path) {
    QString html =
        QStringLiteral("<h2>%1</h2><p>%2</p><table border=1 cellspacing=0 "
                       "cellpadding=3><tr>")
            .arg(tr("Model-store ranking %1: %2")
                     .arg(QString::fromStdString(m_ranking.period), m_type->currentText()),
                 tr("%1 to %2, computed %3")
                     .arg(QString::fromStdString(m_ranking.from),
                          QString::fromStdString(m_ranking.to),
                          QString::fromStdString(m_ranking.computedAt)));
    for (int c = 0; c < m_table->columnCount(); ++c)
        html += QStringLiteral("<th>%1</th>").arg(m_table->horizontalHeaderItem(c)->text());
    html += QStringLiteral("</tr>");
    for (int r = 0; r < m_table->rowCount(); ++r) {
        html += QStringLiteral("<tr>");
        for (int c = 0; c < m_table->columnCount(); ++c)
            html += QStringLiteral("<td>%1</td>").arg(m_table->item(r, c)->text().toHtmlEscaped());
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>");
    QTextDocument document;
    document.setHtml(html);
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(path);
    printer.setPageSize(QPageSize(QPageSize::A4));
    document.print(&printer);
    if (!QFile::exists(path)) {
        emit failed(tr("Cannot write %1").arg(path));
        return;
    }
    emit exported(path);
}

} // namespace baidian::console
