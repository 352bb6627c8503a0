#pragma once

#include "basket_model.h"
#include "till_session.h"

#include <QWidget>

class QAction;
class QGridLayout;
class QLabel;
class QLineEdit;
class QTableView;

namespace baidian::app {

class Keypad;
class QuickKeyPanel;

/// The selling screen: the scan field (always focused; a scanner types digits and Enter), the
/// basket, head office's quick keys, a large total, the last item shown prominently, the
/// on-screen keypad, a button for every action (with its key), and the sync indicator. Up/Down
/// in the scan field move the selected line. Touch targets are at least 44 px.
class SaleScreen : public QWidget {
    Q_OBJECT
public:
    SaleScreen(TillSession& session, QWidget* parent = nullptr);

    QLineEdit* scanField() const { return m_scan; }
    /// The line the line actions apply to (the selected one, or the last).
    int currentLine() const;
    /// Selects `line` (the one just added to or changed): it stays selected, and is the one
    /// shown as the last item, across refreshes until another is chosen.
    void selectLine(int line);
    void refresh();
    void showMessage(const QString& text, bool error);
    void showChange(const pos::CompletedSale& sale);
    void setCashier(const QString& name);
    /// A button for each action, labelled with its key ("F1 查找"), two rows of them.
    void setActions(const QList<QAction*>& actions);
    void updateSyncStatus();
    /// Reads the quick keys again when head office's master data moved on since the last read.
    void reloadQuickKeys(bool always = false);
    QuickKeyPanel* quickKeys() const { return m_quick; }

signals:
    void scanned(const QString& text);
    /// A quick key was touched: the product to add.
    void quickKeyPicked(std::int64_t productId);
    /// After every refresh (the customer display follows).
    void refreshed();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    TillSession& m_session;
    BasketModel* m_model;
    QTableView* m_table;
    QLineEdit* m_scan;
    QLabel* m_total;
    QLabel* m_lastItem;
    QLabel* m_message;
    QLabel* m_header;
    QLabel* m_sync;
    QGridLayout* m_buttons;
    QuickKeyPanel* m_quick;
    Keypad* m_keypad;
    std::string m_quickKeysVersion = "-";
    QString m_cashier;
    int m_selected = -1;   ///< the line chosen (Up/Down, a click, the last one added to)
    int m_knownLines = 0;  ///< lines at the last refresh: more now means one was added
    bool m_chosen = false; ///< selectLine() since the last refresh
    bool m_messageIsError = false;
};

} // namespace baidian::app
