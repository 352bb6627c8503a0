#pragma once

#include "baidian/pos/inventory.h"
#include "sale_screen.h"
#include "till_session.h"

#include <QObject>
#include <functional>
#include <memory>

namespace baidian::app {

/// The store manager's stock work at the till, by keyboard: receive a delivery into a lot, write
/// off spoilage with a reason, send a transfer, count stock (freeze, count, variance, post) and
/// read stock levels, near-expiry lots, low stock and below-zero sales. Supervisors and
/// managers only. Each step is one small entry dialog; Esc abandons without changing anything.
class InventoryActions : public QObject {
    Q_OBJECT
public:
    InventoryActions(TillSession& session, SaleScreen& screen, QWidget* window);
    void menu();

private:
    using Next = std::function<void(const QString&)>;
    void step(const QString& title, const QString& prompt, Next next, const QString& initial = {});
    /// Resolves SKU, barcode or PLU to a product, or shows the error and returns nullopt.
    std::optional<pos::CatalogItem> find(const QString& code);
    std::optional<pos::StockQuantity> quantity(const pos::CatalogItem& item, const QString& text);
    void receive();
    void writeOff();
    void transferOut();
    /// Asks the server (off the GUI thread) what other outlets sent here, then books one.
    void transferIn();
    void pickIncoming(const protocol::IncomingTransfers& incoming);
    void countMenu();
    void showLevels();
    void report(const QString& title, const QString& text);
    void done(const Status& status, const QString& success);

    TillSession& m_session;
    SaleScreen& m_screen;
    QWidget* m_window;
    domain::SystemClock m_clock;
    pos::Inventory m_inventory;
};

} // namespace baidian::app
