// baidian-demo: a till for a demo flagship outlet on its own SQLite file. It sets the till up on
// first run (terminal, an Aksu catalog, a cashier and a supervisor), then rings up a realistic
// basket through the selling engine, prints the receipt, returns part of it, and shows the
// shift's X report and the journal check. Every run adds to the same database.
#include "baidian/domain/barcode.h"
#include "baidian/domain/version.h"
#include "baidian/pos/demo_data.h"
#include "baidian/pos/journal.h"
#include "baidian/pos/till.h"

#include <charconv>
#include <filesystem>
#include <iostream>
#include <string_view>

using namespace baidian;
using namespace baidian::pos;
using domain::Fen;
using domain::Grams;

namespace {

constexpr const char* kUsage =
    "Usage: baidian-demo [--data DIR] [--terminal N]\n"
    "  Sets up a demo till of outlet HZ-F01 in DIR/till.db (default .demo) on first run, then\n"
    "  rings up a sale, prints its receipt, returns part of it and shows the X report.\n"
    "  --data DIR     where the till's database lives (created if missing)\n"
    "  --terminal N   the till's terminal number, 1-99 (default 1)\n"
    "  --help         this text\n"
    "  --version      the version\n";

template <typename T> T orDie(Result<T> result, std::string_view step) {
    if (!result) {
        std::cerr << "baidian-demo: " << step << ": " << result.error().message << "\n";
        std::exit(1);
    }
    return std::move(result).value();
}

void orDie(const Status& status, std::string_view step) {
    if (!status) {
        std::cerr << "baidian-demo: " << step << ": " << status.error().message << "\n";
        std::exit(1);
    }
}

void setUpOnce(LocalStore& store, int terminal) {
    if (store.terminal())
        return;
    orDie(seedDemoTill(store, terminal), "set-up");
    std::cout << "set up till HZ-F01/" << terminal
              << " with 5 products, cashier 1001 (PIN 1234), supervisor 9001 "
                 "(PIN 900190)\n";
}

} // namespace

int main(int argc, char** argv) {
    std::filesystem::path dataDir = ".demo";
    int terminal = 1; // --terminal N: another till of the same outlet (1-99)
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (arg == "--help" || arg == "-h") {
            std::cout << kUsage;
            return 0;
        }
        if (arg == "--version") {
            std::cout << domain::versionLine("baidian-demo") << "\n";
            return 0;
        }
        if (arg != "--data" && arg != "--terminal") {
            std::cerr << "baidian-demo: unknown argument " << arg << "\n" << kUsage;
            return 2;
        }
        if (i + 1 >= argc) {
            std::cerr << "baidian-demo: " << arg << " needs a value\n" << kUsage;
            return 2;
        }
        const std::string_view value(argv[++i]);
        if (arg == "--data") {
            dataDir = std::string(value);
        } else {
            const auto [end, ec] =
                std::from_chars(value.data(), value.data() + value.size(), terminal);
            if (ec != std::errc() || end != value.data() + value.size() || terminal < 1 ||
                terminal > 99) {
                std::cerr << "baidian-demo: --terminal takes a number from 1 to 99\n";
                return 2;
            }
        }
    }
    std::filesystem::create_directories(dataDir);
    const std::string path = (dataDir / "till.db").string();

    auto store = orDie(LocalStore::open(path), "open " + path);
    setUpOnce(store, terminal);
    domain::SystemClock clock;
    Till till(store, clock);
    orDie(till.login("1001", "1234"), "login");
    if (!till.currentShift())
        orDie(till.openShift(Fen(50000)), "open shift");

    // The products as the catalog has them now: after a sync, head office's master data may
    // have changed their PLUs, barcodes and prices (head office wins).
    const auto apples = store.productBySku("AKS-APL-01");
    const auto dates = store.productBySku("AKS-DAT-01");
    const auto giftBox = store.productBySku("AKS-BOX-01");
    if (!apples || !dates || !giftBox || apples->product.plu.size() != 5 ||
        dates->product.plu.empty())
        orDie(Status(makeError(ErrorCode::NotFound, "the demo products are not in the catalog")),
              "catalog");
    std::cout << "\n== sale ==\n";
    // A label-scale barcode: prefix 20, the 5-digit PLU, 1500 g, the check digit.
    std::string label = "20" + apples->product.plu + "01500";
    label += static_cast<char>('0' + domain::gtinCheckDigit(label));
    orDie(till.scan(label), "scan apple label");
    std::cout << "scanned label " << label << ": " << apples->product.name << " 1.500 kg\n";
    orDie(till.addByPlu(dates->product.plu, 0, Grams(333), WeightSource::Keyed), "red dates");
    std::cout << "keyed PLU " << dates->product.plu << " " << dates->product.name << " 333 g\n";
    orDie(till.addProduct(giftBox->id, EntryMethod::Scan, 2, std::nullopt, WeightSource::Keyed),
          "gift box");
    std::cout << "scanned " << giftBox->product.name << " ×2\n";
    orDie(till.setCashRounding(CashRoundingRule{}), "抹零");
    std::cout << "抹零 to the jiao: total " << till.totals().total.format() << "\n";
    orDie(till.addTender(TenderKind::WeChat, Fen(10000), "4200001234"), "wechat");
    // Cash for the rest, rounded up to the next ten yuan: the drawer gives change.
    if (const auto rest = till.due().value(); rest > 0)
        orDie(till.addTender(TenderKind::Cash, Fen((rest + 999) / 1000 * 1000)), "cash");
    const auto sale = orDie(till.complete(), "complete");
    std::cout << "\n" << orDie(till.receipt(sale.receiptNo), "receipt").toText(32) << "\n";

    std::cout << "== return one gift box against " << sale.receiptNo << " ==\n";
    orDie(till.startReturn(sale.receiptNo), "start return");
    orDie(till.returnLine(3, 1, std::nullopt), "return line");
    orDie(till.addTender(TenderKind::Cash, till.totals().total), "refund");
    const auto refund = orDie(till.complete(), "complete return");
    std::cout << "refunded " << (-refund.total).format() << " on " << refund.receiptNo << "\n\n";

    std::cout << orDie(till.xReport(), "X report").toText() << "\n";
    const auto journal = verifyJournal(store.database());
    std::cout << "journal: " << journal.entries << " entries, "
              << (journal.ok ? "chain verifies" : journal.problem) << "\n";
    std::cout << "database: " << path << " (delete " << dataDir.string() << " to start over)\n";
    return journal.ok ? 0 : 1;
}
