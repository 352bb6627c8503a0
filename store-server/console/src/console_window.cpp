#include "console_window.h"

#include "console_client.h"
#include "dashboard_view.h"
#include "labels.h"
#include "outlet_dialogs.h"
#include "outlets_view.h"
#include "ranking_view.h"

#include <QAction>
#include <QComboBox>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>

namespace baidian::console {

ConsoleWindow::ConsoleWindow(ConsoleClient& client, const domain::Clock& clock, QWidget* parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_tabs(new QTabWidget(this))
    , m_dashboard(new DashboardView(client, clock, this))
    , m_outlets(new OutletsView(client, this))
    , m_ranking(new RankingView(client, clock, this))
    , m_status(new QLabel(this)) {
    setObjectName(QStringLiteral("consoleWindow"));
    setWindowTitle(tr("Baidian manager console"));
    m_tabs->addTab(m_dashboard, tr("Dashboard (Ctrl+1)"));
    m_tabs->addTab(m_outlets, tr("Outlets (Ctrl+2)"));
    m_tabs->addTab(m_ranking, tr("Model-store ranking (Ctrl+3)"));
    setCentralWidget(m_tabs);

    const auto& s = client.session();
    QStringList cities;
    for (const auto& c : s.cities)
        cities << QString::fromStdString(c);
    m_status->setObjectName(QStringLiteral("consoleUser"));
    m_status->setText(
        s.role == "admin"
            ? tr("%1, administrator: the whole network").arg(QString::fromStdString(s.username))
            : tr("%1, regional manager: %2")
                  .arg(QString::fromStdString(s.username), cities.join(QStringLiteral(", "))));
    statusBar()->addPermanentWidget(m_status);

    addAction(tr("&Dashboard"), QKeySequence(Qt::CTRL | Qt::Key_1), "actionDashboard",
              [this] { m_tabs->setCurrentWidget(m_dashboard); });
    addAction(tr("&Outlets"), QKeySequence(Qt::CTRL | Qt::Key_2), "actionOutlets",
              [this] { m_tabs->setCurrentWidget(m_outlets); });
    addAction(tr("&Ranking"), QKeySequence(Qt::CTRL | Qt::Key_3), "actionRanking",
              [this] { m_tabs->setCurrentWidget(m_ranking); });
    addAction(tr("Re&load"), QKeySequence(Qt::Key_F5), "actionReload", [this] { refreshAll(); });
    addAction(tr("&Inspection…"), QKeySequence(Qt::CTRL | Qt::Key_I), "actionInspection",
              [this] { enterInspection(); });
    addAction(tr("Export ranking to &CSV…"), QKeySequence(Qt::CTRL | Qt::Key_E), "actionExportCsv",
              [this] {
                  const auto path = QFileDialog::getSaveFileName(
                      this, tr("Export ranking"), QStringLiteral("ranking.csv"), tr("CSV (*.csv)"));
                  if (!path.isEmpty())
                      m_ranking->exportCsv(path);
              });
    addAction(tr("Export ranking to &PDF…"), QKeySequence(Qt::CTRL | Qt::Key_P), "actionExportPdf",
              [this] {
                  const auto path = QFileDialog::getSaveFileName(
                      this, tr("Export ranking"), QStringLiteral("ranking.pdf"), tr("PDF (*.pdf)"));
                  if (!path.isEmpty())
                      m_ranking->exportPdf(path);
              });
    addAction(tr("&Quit"), QKeySequence(Qt::CTRL | Qt::Key_Q), "actionQuit", [this] { close(); });

    connect(m_dashboard, &DashboardView::failed, this, &ConsoleWindow::showError);
    connect(m_outlets, &OutletsView::failed, this, &ConsoleWindow::showError);
    connect(m_ranking, &RankingView::failed, this, &ConsoleWindow::showError);
    connect(m_outlets, &OutletsView::outletChosen, this, &ConsoleWindow::openOutlet);
    connect(m_ranking, &RankingView::outletChosen, this, &ConsoleWindow::openOutlet);
    connect(m_ranking, &RankingView::exported, this, [this](const QString& path) {
        statusBar()->showMessage(tr("Exported %1").arg(path), 10000);
    });
    resize(1200, 800);
}

void ConsoleWindow::addAction(const QString& text, const QKeySequence& key, const char* name,
                              std::function<void()> run) {
    auto* action = new QAction(text, this);
    action->setObjectName(QString::fromLatin1(name));
    action->setShortcut(key);
    action->setShortcutContext(Qt::WindowShortcut);
    connect(action, &QAction::triggered, this, std::move(run));
    menuBar()->addAction(action);
}

void ConsoleWindow::showError(const QString& message) {
    statusBar()->showMessage(tr("Error: %1").arg(message), 15000);
}

void ConsoleWindow::refreshAll() {
    m_dashboard->refresh();
    m_outlets->refresh();
    m_ranking->refresh();
}

void ConsoleWindow::openOutlet(const QString& code) {
    const auto target = ConsoleClient::target(QStringLiteral("/v1/office/outlets/") + code, {});
    m_client.get(target, [this, code](const Reply& reply) {
        if (!reply.ok()) {
            showError(reply.error);
            return;
        }
        auto detail = protocol::decodeOutletDetail(reply.body.toStdString());
        if (!detail) {
            showError(QString::fromStdString(detail.error().message));
            return;
        }
        auto* dialog = new OutletDetailDialog(*detail, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setWindowModality(Qt::WindowModal);
        dialog->open();
        emit outletOpened(code);
    });
}

void ConsoleWindow::enterInspection() {
    const QString outlet = m_ranking->selectedOutlet();
    if (outlet.isEmpty()) {
        showError(tr("Choose an outlet in the ranking first."));
        return;
    }
    auto* dialog =
        new InspectionDialog(outlet, QString::fromStdString(m_ranking->ranking().period), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto doc = dialog->inspection();
        const QString code = QString::fromStdString(doc.outlet);
        m_client.post(QStringLiteral("/v1/office/inspections"),
                      QByteArray::fromStdString(protocol::encode(doc)),
                      [this, code](const Reply& reply) {
                          if (!reply.ok()) {
                              showError(reply.error);
                              return;
                          }
                          statusBar()->showMessage(
                              tr("Inspection of %1 saved; it counts when the ranking is next "
                                 "computed.")
                                  .arg(code),
                              10000);
                          emit inspectionSaved(code);
                      });
    });
    dialog->open();
}

} // namespace baidian::console
