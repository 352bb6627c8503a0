#include "inventory_actions.h"

#include "baidian/domain/barcode.h"
#include "entry_dialog.h"
#include "list_dialogs.h"
#include "shift_dialogs.h"

#include <QApplication>
#include <QDateTime>
#include <QLineEdit>
#include <QPointer>
#include <QTimer>
#include <thread>

namespace baidian::app {

using domain::Grams;

namespace {
QString text(const std::string& s) {
    return QString::fromStdString(s);
}
QString amount(const pos::StockLevel& l) {
    return l.unit == domain::SaleUnit::ByWeight ? text(l.grams.formatKg())
                                                : QString::number(l.units);
}
} // namespace

InventoryActions::InventoryActions(TillSession& session, SaleScreen& screen, QWidget* window)
    : QObject(window)
    , m_session(session)
    , m_screen(screen)
    , m_window(window)
    , m_inventory(session.store(), m_clock) {}

void InventoryActions::done(const Status& status, const QString& success) {
    m_screen.showMessage(status ? success : TillSession::describe(status.error()), !status);
    m_screen.refresh();
}

void InventoryActions::step(const QString& title, const QString& prompt, Next next,
                            const QString& initial) {
    auto* dialog = new EntryDialog(title, prompt, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (!initial.isEmpty())
        dialog->setText(initial);
    connect(dialog, &EntryDialog::submitted, dialog, [dialog, next](const QString& value) {
        dialog->accept();
        QTimer::singleShot(0, dialog->parent(), [next, value] { next(value); });
    });
    dialog->open();
}

std::optional<pos::CatalogItem> InventoryActions::find(const QString& code) {
    auto& store = m_session.store();
    const std::string c = code.trimmed().toStdString();
    std::optional<pos::CatalogItem> item = store.productBySku(c);
    if (!item)
        item = store.productByPlu(c);
    if (!item)
        if (auto gtin = domain::parseGtin(c))
            item = store.productByBarcode(gtin->key());
    if (!item)
        m_screen.showMessage(tr("No product with SKU, PLU or barcode %1").arg(code), true);
    return item;
}

std::optional<pos::StockQuantity> InventoryActions::quantity(const pos::CatalogItem& item,
                                                             const QString& value) {
    if (item.product.unit == domain::SaleUnit::ByWeight) {
        auto grams = Grams::parseKg(value.toStdString());
        if (!grams) {
            m_screen.showMessage(TillSession::describe(grams.error()), true);
            return std::nullopt;
        }
        return pos::StockQuantity{item.product.sku, 0, *grams};
    }
    bool ok = false;
    const auto units = value.toLongLong(&ok);
    if (!ok) {
        m_screen.showMessage(tr("A quantity is a whole number"), true);
        return std::nullopt;
    }
    return pos::StockQuantity{item.product.sku, units, {}};
}

void InventoryActions::menu() {
    const auto& cashier = m_session.till().cashier();
    if (!cashier || !cashier->canApprove())
        return m_screen.showMessage(
            tr("Stock work needs a store manager or supervisor: log in as one"), true);
    const QStringList items = {tr("Receive goods"),
                               tr("Write off spoilage"),
                               tr("Transfer to another outlet"),
                               tr("Stock count"),
                               tr("Stock levels, near expiry, low stock"),
                               tr("Receive a transfer")};
    auto* dialog = new PickDialog(tr("Inventory"), items,
                                  tr("Up/Down choose    Enter take    Esc back"), m_window);
    dialog->setObjectName(QStringLiteral("inventoryMenu"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const int row = dialog->chosenRow();
        QTimer::singleShot(0, this, [this, row] {
            switch (row) {
            case 0:
                return receive();
            case 1:
                return writeOff();
            case 2:
                return transferOut();
            case 3:
                return countMenu();
            case 4:
                return showLevels();
            case 5:
                return transferIn();
            default:
                return;
            }
        });
    });
    dialog->open();
}

void InventoryActions::receive() {
    step(tr("Receive goods"), tr("Product: SKU, PLU or barcode"), [this](const QString& code) {
        const auto item = find(code);
        if (!item)
            return;
        const QString unit =
            item->product.unit == domain::SaleUnit::ByWeight ? tr("kg") : tr("units");
        step(tr("Receive goods"), tr("%1: quantity in %2").arg(text(item->product.name), unit),
             [this, item](const QString& q) {
                 const auto qty = quantity(*item, q);
                 if (!qty)
                     return;
                 step(tr("Receive goods"), tr("Lot or batch code on the delivery note"),
                      [this, qty](const QString& lotCode) {
                          step(tr("Receive goods"), tr("Production base (origin)"),
                               [this, qty, lotCode](const QString& base) {
                                   step(tr("Receive goods"),
                                        tr("Best before, YYYY-MM-DD (empty if none)"),
                                        [this, qty, lotCode, base](const QString& bestBefore) {
                                            auto lot = m_inventory.receive(
                                                *qty,
                                                {lotCode.toStdString(), base.toStdString(), "", "",
                                                 bestBefore.toStdString()},
                                                "till");
                                            done(lot ? Status{} : Status{lot.error()},
                                                 tr("Received into lot %1").arg(lotCode));
                                        });
                               });
                      });
             });
    });
}

void InventoryActions::writeOff() {
    step(tr("Write off"), tr("Product: SKU, PLU or barcode"), [this](const QString& code) {
        const auto item = find(code);
        if (!item)
            return;
        step(tr("Write off"), tr("%1: how much is lost").arg(text(item->product.name)),
             [this, item](const QString& q) {
                 const auto qty = quantity(*item, q);
                 if (!qty)
                     return;
                 const QStringList reasons = {tr("Spoiled"), tr("Dried out"),      tr("Damaged"),
                                              tr("Theft"),   tr("Tasting sample"), tr("Other")};
                 auto* pick =
                     new PickDialog(tr("Reason"), reasons,
                                    tr("Up/Down choose    Enter take    Esc back"), m_window);
                 pick->setAttribute(Qt::WA_DeleteOnClose);
                 connect(pick, &QDialog::accepted, this, [this, pick, qty] {
                     const pos::ShrinkReason all[] = {
                         pos::ShrinkReason::Spoiled, pos::ShrinkReason::DriedOut,
                         pos::ShrinkReason::Damaged, pos::ShrinkReason::Theft,
                         pos::ShrinkReason::Tasting, pos::ShrinkReason::Other};
                     const int row = pick->chosenRow();
                     if (row >= 0 && row < 6)
                         done(m_inventory.writeOff(*qty, all[row]), tr("Written off"));
                 });
                 pick->open();
             });
    });
}

void InventoryActions::transferOut() {
    step(tr("Transfer"), tr("To outlet (code)"), [this](const QString& outlet) {
        step(tr("Transfer"), tr("Product: SKU, PLU or barcode"),
             [this, outlet](const QString& code) {
                 const auto item = find(code);
                 if (!item)
                     return;
                 step(tr("Transfer"), tr("%1: quantity").arg(text(item->product.name)),
                      [this, outlet, item](const QString& q) {
                          const auto qty = quantity(*item, q);
                          if (!qty)
                              return;
                          auto id = m_inventory.transferOut(outlet.trimmed().toStdString(), {*qty});
                          done(id ? Status{} : Status{id.error()},
                               tr("Sent; in transit until %1 receives it").arg(outlet));
                      });
             });
    });
}

void InventoryActions::transferIn() {
    const auto server = m_session.options().server;
    if (!server)
        return m_screen.showMessage(
            tr("Incoming transfers come from the server: start the till with --server"), true);
    m_screen.showMessage(tr("Asking the server for incoming transfers..."), false);
    QPointer<InventoryActions> self(this);
    const std::string path = m_session.options().databasePath.toStdString();
    std::thread([self, path, endpoint = *server] {
        // Its own connection and client: never the GUI thread's.
        auto store = pos::LocalStore::open(path);
        auto result = store ? pos::SyncAgent(store.value(), endpoint).incomingTransfers()
                            : Result<protocol::IncomingTransfers>(store.error());
        QMetaObject::invokeMethod(
            qApp,
            [self, result = std::move(result)] {
                if (!self)
                    return;
                if (!result)
                    return self->m_screen.showMessage(TillSession::describe(result.error()), true);
                self->pickIncoming(*result);
            },
            Qt::QueuedConnection);
    }).detach();
}

void InventoryActions::pickIncoming(const protocol::IncomingTransfers& incoming) {
    if (incoming.transfers.empty())
        return m_screen.showMessage(tr("Nothing is on its way to this outlet"), false);
    QStringList items;
    for (const auto& t : incoming.transfers) {
        QString lines;
        for (const auto& l : t.lines)
            lines += QStringLiteral(" %1 %2").arg(
                text(l.sku), l.grams ? text(Grams(l.grams).formatKg()) : QString::number(l.units));
        items << tr("From %1:%2").arg(text(t.fromOutlet), lines);
    }
    auto* dialog = new PickDialog(tr("Receive a transfer"), items,
                                  tr("Up/Down choose    Enter book it    Esc back"), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, incoming] {
        const int row = dialog->chosenRow();
        if (row < 0)
            return;
        const auto& t = incoming.transfers[static_cast<std::size_t>(row)];
        std::vector<pos::StockQuantity> lines;
        for (const auto& l : t.lines)
            lines.push_back({l.sku, l.units, Grams(l.grams)});
        done(m_inventory.receiveTransfer(t.uuid, t.fromOutlet, lines),
             tr("Transfer from %1 booked").arg(text(t.fromOutlet)));
        m_session.nudgeSync();
    });
    dialog->open();
}

void InventoryActions::countMenu() {
    const QStringList items = {tr("Start a count (freeze the sheet)"), tr("Count a product"),
                               tr("Show the variance"), tr("Post the count")};
    auto* dialog = new PickDialog(tr("Stock count"), items,
                                  tr("Up/Down choose    Enter take    Esc back"), m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const int row = dialog->chosenRow();
        const std::int64_t open = m_inventory.openStocktake().value_or(0); // 0: no sheet open
        QTimer::singleShot(0, this, [this, row, open] {
            if (row == 0) {
                auto sheet = m_inventory.freezeStocktake();
                return done(sheet ? Status{} : Status{sheet.error()},
                            tr("Count sheet %1 frozen").arg(sheet ? *sheet : 0));
            }
            if (open == 0)
                return m_screen.showMessage(tr("Start a count first"), true);
            if (row == 1)
                return step(tr("Count"), tr("Product: SKU, PLU or barcode"),
                            [this, open](const QString& code) {
                                const auto item = find(code);
                                if (!item)
                                    return;
                                step(tr("Count"), tr("%1: counted").arg(text(item->product.name)),
                                     [this, open, item](const QString& q) {
                                         const auto qty = quantity(*item, q);
                                         if (qty)
                                             done(m_inventory.count(open, *qty), tr("Counted"));
                                     });
                            });
            if (row == 2 || row == 3) {
                QString lines;
                for (const auto& v : m_inventory.variance(open))
                    lines += tr("%1 %2: expected %3, counted %4, difference %5\n")
                                 .arg(text(v.sku), text(v.name),
                                      v.expectedUnits || v.countedUnits
                                          ? QString::number(v.expectedUnits)
                                          : text(v.expectedGrams.formatKg()),
                                      v.expectedUnits || v.countedUnits
                                          ? QString::number(v.countedUnits)
                                          : text(v.countedGrams.formatKg()),
                                      text(v.differenceValue.format()));
                if (row == 3)
                    done(m_inventory.postStocktake(open), tr("Count posted as one adjustment"));
                report(row == 2 ? tr("Variance") : tr("Posted"),
                       lines.isEmpty() ? tr("Nothing counted yet") : lines);
            }
        });
    });
    dialog->open();
}

void InventoryActions::showLevels() {
    QString out = tr("Stock\n");
    for (const auto& l : m_inventory.levels())
        out += QStringLiteral("  %1 %2  %3\n").arg(text(l.sku), text(l.name), amount(l));
    out += tr("\nNear expiry (7 days)\n");
    for (const auto& l : m_inventory.nearExpiry(7))
        out += QStringLiteral("  %1 %2 %3  %4\n")
                   .arg(text(l.sku), text(l.lotCode), text(l.bestBefore), text(l.originBase));
    out += tr("\nBelow minimum\n");
    for (const auto& l : m_inventory.lowStock())
        out += QStringLiteral("  %1 %2  %3\n").arg(text(l.sku), text(l.name), amount(l));
    out += tr("\nSold with no stock on the books\n");
    for (const auto& l : m_inventory.belowZeroSales())
        out += QStringLiteral("  %1 %2  %3\n").arg(text(l.sku), text(l.name), amount(l));
    report(tr("Stock"), out);
}

void InventoryActions::report(const QString& title, const QString& body) {
    auto* dialog = new ReportDialog(
        m_session, title, body,
        QStringLiteral("stock-%1")
            .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))),
        m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this] { // the scanner types there again
        m_window->activateWindow();
        m_screen.scanField()->setFocus();
    });
    dialog->open();
}

} // namespace baidian::app
