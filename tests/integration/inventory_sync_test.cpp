// Stock across the network: two outlets' tills trade for a simulated week, receive, write
// off and transfer goods, and sync (with retries); the server's stock must equal the sum of
// each outlet's ledger, and a transfer must be in transit until received, never doubled.
#include "baidian/pos/inventory.h"
#include "baidian/server/central.h"
#include "baidian/server/stock.h"
#include "network_fixture.h"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <map>

using namespace baidian;
using namespace baidian::pos;
using namespace baidian::pos::testing;
using baidian::testing::Network;

namespace {

struct Outlet {
    Outlet(Network& net, const std::string& outletCode, baidian::domain::ManualClock& clock)
        : code(outletCode)
        , path(net.file(outletCode + ".db")) {
        store = std::make_unique<LocalStore>(LocalStore::open(path).value());
        seedTill(*store);
        EXPECT_TRUE(store->setTerminal({outletCode, outletCode, 1}).ok());
        till = std::make_unique<Till>(*store, clock);
        EXPECT_TRUE(till->login("1001", "1234").ok());
        EXPECT_TRUE(till->openShift(Fen(0)).ok());
        inventory = std::make_unique<Inventory>(*store, clock);
        agent = std::make_unique<SyncAgent>(*store, net.endpoint(outletCode));
    }
    /// Ledger sums per SKU, straight from the till's rows.
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> ledger() {
        std::map<std::string, std::pair<std::int64_t, std::int64_t>> out;
        SQLite::Statement q(store->database(),
                            "SELECT p.sku, SUM(m.units), SUM(m.grams) FROM stock_movement m "
                            "JOIN product p ON p.id = m.product_id GROUP BY p.sku");
        while (q.executeStep())
            out[q.getColumn(0).getString()] = {q.getColumn(1).getInt64(),
                                               q.getColumn(2).getInt64()};
        return out;
    }
    void sync() {
        ASSERT_TRUE(agent->push().ok());
        ASSERT_TRUE(agent->pushMovements(7).ok()); // small batches: many round trips
    }
    std::string code;
    std::string path;
    std::unique_ptr<LocalStore> store;
    std::unique_ptr<Till> till;
    std::unique_ptr<Inventory> inventory;
    std::unique_ptr<SyncAgent> agent;
};

/// Head office's catalog holds what the tills stock (the server quarantines a movement of a
/// product it does not know).
void addTillCatalog(const Network& net) {
    ASSERT_EQ(net.admin("add-product --sku AKS-APL-01 --name " +
                        baidian::testing::quote("阿克苏冰糖心苹果") +
                        " --unit weight --price 6.80 --basis jin --plu 12345")
                  .exitCode,
              0);
    ASSERT_EQ(net.admin("add-product --sku AKS-WAL-01 --name " +
                        baidian::testing::quote("阿克苏核桃") +
                        " --unit each --price 35.00 --basis unit --barcode " + kWalnutEan)
                  .exitCode,
              0);
}

} // namespace

TEST(InventorySync, AWeekAcrossOutletsLeavesServerStockEqualToTheSumOfTheLedgers) {
    Network net;
    addTillCatalog(net);
    domain::ManualClock clock(domain::parseLocalDateTime("2026-11-23 08:00:00"));
    ASSERT_EQ(net.admin("add-outlet --code WZ-C01 --name wz --type counter --city wz").exitCode, 0);
    ASSERT_EQ(net.admin("issue-cert --outlet WZ-C01 --out " +
                        baidian::testing::quote(net.certsDir("WZ-C01")))
                  .exitCode,
              0);
    Outlet hz(net, "HZ-F01", clock), nb(net, "NB-D01", clock), wz(net, "WZ-C01", clock);
    std::string transferId;
    for (int day = 0; day < 7; ++day) {
        clock.set(domain::parseLocalDateTime("2026-11-" + std::to_string(23 + day) + " 08:00:00"));
        for (Outlet* o : {&hz, &nb, &wz}) {
            ASSERT_TRUE(o->inventory
                            ->receive({"AKS-APL-01", 0, Grams(30000)},
                                      {"L" + std::to_string(day), "阿克苏7号基地", "", "", ""},
                                      "DN-" + o->code)
                            .ok());
            ASSERT_TRUE(o->inventory
                            ->receive({"AKS-WAL-01", 20, {}},
                                      {"W" + std::to_string(day), "温宿基地", "", "", ""}, "DN")
                            .ok());
            for (int s = 0; s < 12; ++s) {
                clock.advance(std::chrono::minutes(30));
                ASSERT_TRUE(o->till->scan(kApplesLabel1500g).ok());
                if (s % 2 == 0) {
                    ASSERT_TRUE(o->till->scan(kWalnutEan).ok());
                }
                ASSERT_TRUE(o->till->addTender(TenderKind::Cash, Fen(10000)).ok());
                ASSERT_TRUE(o->till->complete().ok());
            }
            ASSERT_TRUE(
                o->inventory
                    ->writeOff({"AKS-APL-01", 0, Grams(400 + 50 * day)}, ShrinkReason::Spoiled)
                    .ok());
        }
        if (day == 2) {
            transferId =
                hz.inventory
                    ->transferOut("NB-D01", {{"AKS-WAL-01", 8, {}}, {"AKS-APL-01", 0, Grams(5000)}})
                    .value();
        }
        if (day == 3) {
            // The transfer is on the road: the server shows it in transit; NB sees it as incoming.
            hz.sync();
            SQLite::Database server(net.serverDb(), SQLite::OPEN_READONLY);
            const auto transit = server::transfersInTransit(server);
            ASSERT_EQ(transit.size(), 1u);
            EXPECT_EQ(transit[0].uuid, transferId);
            const auto incoming = nb.agent->incomingTransfers().value();
            ASSERT_EQ(incoming.transfers.size(), 1u);
            std::vector<StockQuantity> lines;
            for (const auto& l : incoming.transfers[0].lines)
                lines.push_back({l.sku, l.units, Grams(l.grams)});
            ASSERT_TRUE(nb.inventory->receiveTransfer(transferId, "HZ-F01", lines).ok());
            EXPECT_EQ(nb.inventory->receiveTransfer(transferId, "HZ-F01", lines).error().code,
                      ErrorCode::Conflict);
        }
        // Nightly sync; on day 5 Ningbo's answer is lost (its copy pushes, the till retries).
        if (day == 5) {
            const std::string copy = net.file("nb-copy.db");
            nb.store->database().backup(copy.c_str(), SQLite::Database::Save);
            auto twin = LocalStore::open(copy).value();
            SyncAgent sender(twin, net.endpoint("NB-D01"));
            ASSERT_TRUE(sender.push().ok());
            ASSERT_TRUE(sender.pushMovements().ok());
        }
        hz.sync();
        nb.sync();
        wz.sync();
        hz.sync(); // a second run the same night sends nothing new
    }

    SQLite::Database server(net.serverDb(), SQLite::OPEN_READONLY);
    std::map<std::string, std::map<std::string, std::pair<std::int64_t, std::int64_t>>> onServer;
    for (const auto& row : server::networkStock(server))
        onServer[row.outlet][row.sku] = {row.units, row.grams};
    EXPECT_EQ(onServer["HZ-F01"], hz.ledger());
    EXPECT_EQ(onServer["NB-D01"], nb.ledger());
    EXPECT_EQ(onServer["WZ-C01"], wz.ledger());
    EXPECT_TRUE(server::transfersInTransit(server).empty()) << "received and synced";
    // The walnuts moved, none were created or lost: received 140 each, sold 42 each.
    EXPECT_EQ(hz.ledger()["AKS-WAL-01"].first, 140 - 42 - 8);
    EXPECT_EQ(nb.ledger()["AKS-WAL-01"].first, 140 - 42 + 8);
    EXPECT_EQ(
        server.execAndGet("SELECT count(*) FROM movement").getInt64(),
        hz.store->database().execAndGet("SELECT count(*) FROM stock_movement").getInt64() +
            nb.store->database().execAndGet("SELECT count(*) FROM stock_movement").getInt64() +
            wz.store->database().execAndGet("SELECT count(*) FROM stock_movement").getInt64());
    // Shrink feeds the ranking: valued at the central price (the pear is the only product the
    // server's catalog knows in this fixture, so apples count once the catalog has them).
    const auto rate = server::shrinkRate(server, server::outletByCode(server, "HZ-F01")->id,
                                         "2026-11-23", "2026-11-29");
    EXPECT_GT(rate.salesFen, 0);
}

TEST(InventorySync, AReceiptFromTheWrongOutletIsQuarantinedNotBooked) {
    Network net;
    addTillCatalog(net);
    domain::ManualClock clock(domain::parseLocalDateTime("2026-11-23 08:00:00"));
    Outlet hz(net, "HZ-F01", clock), nb(net, "NB-D01", clock);
    ASSERT_TRUE(hz.inventory->receive({"AKS-WAL-01", 10, {}}, {"W", "基地", "", "", ""}, "D").ok());
    const auto id = hz.inventory->transferOut("NB-D01", {{"AKS-WAL-01", 3, {}}}).value();
    hz.sync();
    // Hangzhou's till refuses to book its own outgoing transfer as received ...
    EXPECT_EQ(hz.inventory->receiveTransfer(id, "HZ-F01", {{"AKS-WAL-01", 3, {}}}).error().code,
              ErrorCode::Conflict);
    // ... and a till that books it anyway (a copy of the database, say) is quarantined by the
    // server.
    const std::string copy = net.file("hz-copy.db");
    hz.store->database().backup(copy.c_str(), SQLite::Database::Save);
    auto twin = LocalStore::open(copy).value();
    twin.database().exec("DELETE FROM transfer");
    Inventory twinInventory(twin, clock);
    ASSERT_TRUE(twinInventory.receiveTransfer(id, "HZ-F01", {{"AKS-WAL-01", 3, {}}}).ok());
    std::vector<std::string> said;
    SyncAgent sender(twin, net.endpoint("HZ-F01"),
                     [&](const std::string& line) { said.push_back(line); });
    ASSERT_TRUE(sender.pushMovements().ok());
    EXPECT_TRUE(std::any_of(said.begin(), said.end(), [](const std::string& l) {
        return l.find("quarantined") != std::string::npos;
    }));
    SQLite::Database server(net.serverDb(), SQLite::OPEN_READONLY);
    EXPECT_EQ(server::transfersInTransit(server).size(), 1u) << "still in transit to Ningbo";
}
