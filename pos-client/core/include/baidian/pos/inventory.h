#pragma once

#include "baidian/db/database.h"
#include "baidian/domain/clock.h"
#include "baidian/pos/local_store.h"

#include <SQLiteCpp/Database.h>
#include <optional>
#include <string>
#include <vector>

namespace baidian::pos {

enum class ShrinkReason { Spoiled, DriedOut, Damaged, Theft, Tasting, Other };
std::string_view toString(ShrinkReason reason);
Result<ShrinkReason> parseShrinkReason(std::string_view text);

/// Where a delivery came from (printed on the delivery note; shown when a sale is traced).
struct LotInfo {
    std::string code;
    std::string originBase;
    std::string harvestDate; ///< YYYY-MM-DD or empty
    std::string arrivalDate; ///< YYYY-MM-DD; empty: today
    std::string bestBefore;  ///< YYYY-MM-DD or empty
};

/// A quantity of one product: units for unit items, grams for weighed ones.
struct StockQuantity {
    std::string sku;
    std::int64_t units = 0;
    domain::Grams grams;
};

struct StockLevel {
    std::int64_t productId = 0;
    std::string sku;
    std::string name;
    domain::SaleUnit unit = domain::SaleUnit::Each;
    std::int64_t units = 0;
    domain::Grams grams;
};

struct LotLevel {
    std::string sku;
    std::string name;
    std::string lotCode;
    std::string originBase;
    std::string bestBefore;
    std::int64_t units = 0;
    domain::Grams grams;
};

struct Variance {
    std::string sku;
    std::string name;
    std::int64_t expectedUnits = 0, countedUnits = 0;
    domain::Grams expectedGrams, countedGrams;
    std::int64_t differenceUnits = 0;
    domain::Grams differenceGrams;
    domain::Fen differenceValue; ///< at today's price, rounded half-up
};

struct Suggestion {
    std::string sku;
    std::string name;
    std::int64_t units = 0; ///< to order
    domain::Grams grams;
};

/// The lot(s) a sale line came from.
struct Trace {
    std::string receiptNo;
    int lineNo = 0;
    std::string sku;
    std::string name;
    struct Part {
        std::string lotCode;
        std::string originBase;
        std::string harvestDate;
        std::string bestBefore;
        std::int64_t units = 0;
        domain::Grams grams;
    };
    std::vector<Part> parts;
};

/// Store inventory on the till database: every change is a movement in the ledger, written in
/// one transaction with the document it belongs to. Not thread-safe (the store's connection).
class Inventory {
public:
    Inventory(LocalStore& store, const domain::Clock& clock);

    /// Goods in from head office or a supplier, into a new (or the same) lot.
    /// Errors: NotFound (SKU), InvalidArgument (quantity, lot data).
    Result<std::int64_t> receive(const StockQuantity& quantity, const LotInfo& lot,
                                 const std::string& document);
    /// Spoilage and other write-offs, from the oldest lots first.
    Status writeOff(const StockQuantity& quantity, ShrinkReason reason,
                    const std::string& note = {});
    /// Sends goods to another outlet; they leave this outlet's stock at once and are in transit
    /// until the other outlet receives them. Returns the transfer's id.
    Result<std::string> transferOut(const std::string& toOutlet,
                                    const std::vector<StockQuantity>& lines);
    /// Books an incoming transfer once; a second time is refused (Conflict), never doubled.
    Status receiveTransfer(const std::string& transferId, const std::string& fromOutlet,
                           const std::vector<StockQuantity>& lines);

    /// Freezes a count sheet: the ledger's figure of every product now.
    Result<std::int64_t> freezeStocktake();
    /// The newest count sheet frozen and not yet posted, if any: the one counts go onto.
    std::optional<std::int64_t> openStocktake();
    /// Records what was counted of a product (replaces an earlier count of it).
    Status count(std::int64_t stocktakeId, const StockQuantity& counted);
    std::vector<Variance> variance(std::int64_t stocktakeId);
    /// Posts counted - frozen as one adjustment per product, in one transaction. Products not
    /// counted are left alone. Errors: Conflict if already posted.
    Status postStocktake(std::int64_t stocktakeId);

    StockLevel level(const std::string& sku);
    std::vector<StockLevel> levels();
    std::vector<LotLevel> nearExpiry(int days);
    Status setMinimum(const std::string& sku, std::int64_t units, domain::Grams grams);
    std::vector<StockLevel> lowStock();
    /// Enough for `coverDays` at the average daily sales of the last `lookbackDays`.
    std::vector<Suggestion> replenishment(int lookbackDays = 14, int coverDays = 7);
    /// Sale movements booked with no stock on the books.
    std::vector<StockLevel> belowZeroSales();
    Result<Trace> trace(const std::string& receiptNo, int lineNo);
    /// What a receipt's QR code ("BD1|<receipt>|<sale uuid>") resolves to: every line's lots and
    /// production bases. Errors: ParseError for another code, NotFound if the sale is not here.
    Result<std::vector<Trace>> traceQr(const std::string& qrPayload);

private:
    Result<CatalogItem> product(const StockQuantity& quantity);
    LocalStore& m_store;
    const domain::Clock& m_clock;
};

/// One piece of an outgoing quantity taken from a lot (or from nothing when stock ran out).
struct LotAllocation {
    std::optional<std::int64_t> lotId;
    std::int64_t units = 0;
    std::int64_t grams = 0;
    bool belowZero = false;
};

/// Takes `units`/`grams` (positive) of a product from its lots, oldest arrival first; what no lot
/// holds comes back as one allocation without a lot, flagged below zero. Reads only.
std::vector<LotAllocation> allocateFifo(SQLite::Database& db, std::int64_t productId,
                                        std::int64_t units, std::int64_t grams,
                                        db::StatementCache* cache = nullptr);

/// Inserts one ledger row with a fresh UUID. Throws SQLite::Exception.
void insertMovement(SQLite::Database& db, std::int64_t productId, std::optional<std::int64_t> lotId,
                    const std::string& kind, std::int64_t units, std::int64_t grams,
                    std::optional<std::int64_t> saleId, std::optional<int> lineNo,
                    const std::string& document, const std::string& otherOutlet,
                    const std::string& reason, bool belowZero, const std::string& at,
                    db::StatementCache* cache = nullptr);

} // namespace baidian::pos
