#pragma once

#include "entry_dialog.h"
#include "sale_screen.h"
#include "search_service.h"
#include "till_session.h"

#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>

namespace baidian::app {

class ReportDialog;

/// What every till key does. Dialogs open window-modal and asynchronously (never a nested event
/// loop), so the GUI thread never blocks; every engine error is shown and changes nothing.
class SaleActions : public QObject {
    Q_OBJECT
public:
    SaleActions(TillSession& session, SaleScreen& screen, SearchService& search, QWidget* window);

    void scan(const QString& text);
    /// A quick key: the product by touch (weighed ones ask for the weight in their price's
    /// unit, 斤 or kg).
    void quickKey(std::int64_t productId);
    void search() { searchFor({}); }
    void searchFor(const QString& initial);
    void quantity();
    void weight();
    void lineDiscount();
    void priceOverride();
    void orderDiscount();
    void toggleMoling();
    void voidLine();
    void voidSale();
    void suspend();
    void resume();
    void returnGoods();
    void reprint();
    void pay();
    void openDrawer();
    void shiftMenu();

signals:
    void logoutRequested();

private:
    using Operation = std::function<Status(const std::optional<pos::Approval>&)>;
    void withApproval(const Operation& operation, const QString& what);
    /// Opens an entry dialog; `handle` returns an error to show (the dialog stays, the number
    /// selected for retyping), empty (it closes), or nothing (it stays: a supervisor's approval
    /// is being asked for on top of it).
    void ask(const QString& title, const QString& prompt,
             std::function<std::optional<QString>(const QString&)> handle,
             const QString& initial = {});
    /// For ask()'s handlers: tries `operation`; refused, its error (the entry dialog stays);
    /// needing approval, the approval dialog over the entry dialog, which closes only once the
    /// approved operation is done (a refused approval shows in it; Esc goes back to it).
    std::optional<QString> approveIn(const Operation& operation, const QString& what);
    /// Adds a picked product (a quick key, a search): a unit item at once, a weighed one weighed.
    void addProduct(const pos::CatalogItem& item, pos::EntryMethod entry);
    /// Asks the weight of `item`, keyed in its price's unit, then adds it (by `barcode`, when
    /// it was scanned by one).
    void weigh(const pos::CatalogItem& item, pos::EntryMethod entry, const QString& barcode);
    void pickReturnLine();
    void done(const Status& status, const QString& success = {});
    void refresh();
    /// Opens a report (X, Z) over the till; closing it gives the scan field the keys back.
    ReportDialog* showReport(const QString& title, const QString& body, const QString& fileStem);
    /// Back to the scan field once a dialog closes: the scanner must always type there.
    void restoreFocus();
    /// A list of reasons to pick from; `then` gets the one taken (Esc: nothing happens).
    void pickReason(const QString& title, const QStringList& reasons,
                    std::function<void(const QString&)> then);

    TillSession& m_session;
    SaleScreen& m_screen;
    SearchService& m_search;
    QWidget* m_window;
    std::string m_lastReceipt;
    QPointer<EntryDialog> m_asking; ///< the entry dialog whose handler is running
};

} // namespace baidian::app
