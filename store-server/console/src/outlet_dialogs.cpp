#include "outlet_dialogs.h"

#include "labels.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace baidian::console {

namespace {

QTableWidget* table(const QStringList& headers, QWidget* parent) {
    auto* t = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return t;
}

void addRow(QTableWidget* t, const QStringList& cells) {
    const int row = t->rowCount();
    t->insertRow(row);
    for (int c = 0; c < cells.size(); ++c)
        t->setItem(row, c, new QTableWidgetItem(cells[c]));
}

} // namespace

OutletDetailDialog::OutletDetailDialog(const protocol::OutletDetailDoc& d, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("outletDetail"));
    const auto& o = d.outlet;
    setWindowTitle(tr("Outlet %1").arg(QString::fromStdString(o.code)));
    auto* info = new QFormLayout;
    info->addRow(tr("Name"), new QLabel(QString::fromStdString(o.name), this));
    info->addRow(tr("Type"), new QLabel(typeLabel(o.type), this));
    info->addRow(tr("City"), new QLabel(QString::fromStdString(o.city + " " + o.address), this));
    info->addRow(tr("Floor area"), new QLabel(tr("%1 m²").arg(o.areaM2), this));
    info->addRow(tr("Opened"), new QLabel(QString::fromStdString(o.openedOn), this));
    info->addRow(tr("Status"), new QLabel(statusLabel(o.status), this));
    if (!o.franchisee.empty())
        info->addRow(tr("Franchisee"), new QLabel(QString::fromStdString(o.franchisee), this));
    QStringList history;
    for (const auto& h : d.typeHistory)
        history << tr("%1 since %2").arg(typeLabel(h.type), QString::fromStdString(h.since));
    info->addRow(tr("Type history"), new QLabel(history.join(QStringLiteral("; ")), this));
    auto* totals = new QLabel(
        tr("%1 to %2: %3, %4, %5 tickets, refunds %6")
            .arg(QString::fromStdString(d.figures.from), QString::fromStdString(d.figures.to),
                 yuan(d.figures.totals.revenueFen), tonnes(d.figures.totals.grams))
            .arg(d.figures.totals.tickets)
            .arg(yuan(d.figures.totals.returnFen)),
        this);
    totals->setObjectName(QStringLiteral("outletTotals"));
    auto* days =
        table({tr("Day"), tr("Revenue"), tr("Tonnes"), tr("Tickets"), tr("Refunds")}, this);
    days->setObjectName(QStringLiteral("outletDays"));
    for (const auto& day : d.figures.byDay)
        addRow(days, {QString::fromStdString(day.key), yuan(day.figures.revenueFen),
                      tonnes(day.figures.grams), QString::number(day.figures.tickets),
                      yuan(day.figures.returnFen)});
    auto* rankings = table({tr("Period"), tr("Rank"), tr("Score"), tr("Not ranked because")}, this);
    rankings->setObjectName(QStringLiteral("outletRankings"));
    for (const auto& r : d.rankings) {
        QStringList why;
        for (const auto& w : r.ineligible)
            why << QString::fromStdString(w);
        addRow(rankings, {QString::fromStdString(r.period),
                          r.rank ? QString::number(*r.rank) : QStringLiteral("—"),
                          score(r.scoreCenti), why.join(QStringLiteral("; "))});
    }
    // What head office holds against each till: a number that is not 0 is worth a question.
    auto* tills =
        table({tr("Till"), tr("Last upload"), tr("Last sale no."), tr("Missing sales"),
               tr("Quarantined"), tr("Journal breaks"), tr("Unverifiable sales"), tr("Conflicts")},
              this);
    tills->setObjectName(QStringLiteral("outletTerminals"));
    for (const auto& t : d.terminals)
        addRow(tills, {QString::number(t.terminal), QString::fromStdString(t.lastSeen),
                       QString::number(t.lastSeq), QString::number(t.missingSeqs),
                       QString::number(t.quarantined), QString::number(t.journalBreaks),
                       QString::number(t.unverifiedSales), QString::number(t.conflicts)});
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(info);
    layout->addWidget(totals);
    layout->addWidget(days, 2);
    layout->addWidget(rankings, 1);
    layout->addWidget(tills, 1);
    layout->addWidget(buttons);
    resize(760, 640);
}

InspectionDialog::InspectionDialog(const QString& outlet, const QString& period, QWidget* parent)
    : QDialog(parent)
    , m_outlet(outlet)
    , m_period(period)
    , m_score(new QSpinBox(this))
    , m_note(new QLineEdit(this)) {
    setObjectName(QStringLiteral("inspectionDialog"));
    setWindowTitle(tr("Inspection of %1 for %2").arg(outlet, period));
    m_score->setObjectName(QStringLiteral("inspectionScore"));
    m_score->setRange(0, 100);
    m_score->setValue(80);
    m_note->setObjectName(QStringLiteral("inspectionNote"));
    m_note->setMaxLength(500);
    auto* form = new QFormLayout;
    form->addRow(tr("&Score (0-100)"), m_score);
    form->addRow(tr("&Note"), m_note);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    m_score->setFocus();
    m_score->selectAll();
}

protocol::InspectionDoc InspectionDialog::inspection() const {
    return {m_outlet.toStdString(), m_period.toStdString(), m_score->value(),
            m_note->text().toStdString()};
}

} // namespace baidian::console
