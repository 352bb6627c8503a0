#pragma once

#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace baidian::domain {
class Clock;
}

namespace baidian::console {

class ConsoleClient;
class DashboardView;
class OutletsView;
class RankingView;

/// The manager console: dashboard, outlets and ranking tabs over one logged-in session. Every
/// action has a key: Ctrl+1/2/3 switch tabs, F5 reloads, Enter opens an outlet, Ctrl+I enters
/// an inspection, Ctrl+E and Ctrl+P export the ranking to CSV and PDF.
class ConsoleWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `clock` (which must outlive the window) picks the views' default dates.
    ConsoleWindow(ConsoleClient& client, const domain::Clock& clock, QWidget* parent = nullptr);

    DashboardView* dashboard() const { return m_dashboard; }
    OutletsView* outlets() const { return m_outlets; }
    RankingView* ranking() const { return m_ranking; }
    QTabWidget* tabs() const { return m_tabs; }

public slots:
    void refreshAll();
    void openOutlet(const QString& code);
    void enterInspection();

signals:
    /// The outlet's figures dialog is open (tests wait for it).
    void outletOpened(const QString& code);
    void inspectionSaved(const QString& code);

private:
    void showError(const QString& message);
    void addAction(const QString& text, const QKeySequence& key, const char* name,
                   std::function<void()> run);

    ConsoleClient& m_client;
    QTabWidget* m_tabs;
    DashboardView* m_dashboard;
    OutletsView* m_outlets;
    RankingView* m_ranking;
    QLabel* m_status;
};

} // namespace baidian::console
