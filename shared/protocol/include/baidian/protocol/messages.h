#pragma once
// Protocol v1 between tills (pos-sync, the till's sync agent) and store-server. Plain structs;
// the JSON codec is in codec.h and does no I/O. Money in fen, weight in grams, times in UTC
// ISO-8601, business dates YYYY-MM-DD (China time). See docs/protocol.md.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace baidian::protocol {

inline constexpr int kVersion = 1;
/// Largest request body the server reads (bytes); larger gets 413 before anything is parsed.
inline constexpr std::size_t kMaxBodyBytes = std::size_t{8} * 1024 * 1024;
/// Most sales in one upload batch.
inline constexpr std::size_t kMaxBatchSales = 500;

/// A record of a list that was decoded record by record and could not be taken: the others were.
/// Only decoders make these; they never travel.
struct SkippedRecord {
    std::string kind;   ///< product, promotion, cashier, movement, transfer
    std::string key;    ///< its SKU, code or UUID as far as it could be read ("#3": its position)
    std::string reason; ///< "name: is 900 bytes long; ..."
    std::string body;   ///< the record's JSON as received
    bool operator==(const SkippedRecord&) const = default;
};

struct SaleLineDoc {
    int lineNo = 0;
    std::string sku;
    std::string name;
    std::int64_t units = 0;
    std::int64_t grams = 0;
    std::int64_t unitPriceFen = 0;
    std::int64_t listPriceFen = 0;
    std::string priceBasis; ///< unit, kg, jin
    std::int64_t grossFen = 0;
    std::string promotion; ///< code or empty
    std::int64_t promotionFen = 0;
    std::int64_t lineDiscountFen = 0;
    std::int64_t orderShareFen = 0;
    std::int64_t paidFen = 0;
    std::optional<int> originalLineNo;
    bool operator==(const SaleLineDoc&) const = default;
};

struct TenderDoc {
    std::string kind; ///< cash, card, wechat, alipay
    std::int64_t amountFen = 0;
    std::string reference;
    bool operator==(const TenderDoc&) const = default;
};

/// One completed sale or return, as the till recorded it.
struct SaleDoc {
    std::string uuid;
    std::int64_t seq = 0;
    std::string receiptNo;
    std::string kind; ///< sale, return
    std::string originalUuid;
    std::string completedAt;
    std::string businessDate;
    std::string cashier;
    std::int64_t subtotalFen = 0;
    std::int64_t discountFen = 0;
    std::int64_t roundingFen = 0;
    std::int64_t totalFen = 0;
    std::int64_t changeFen = 0;
    std::vector<SaleLineDoc> lines;
    std::vector<TenderDoc> tenders;
    std::string prevHash;
    std::string hash;
    /// How `hash` was made (journal_hash.h): 1, the till's own rows (an old till; the server
    /// cannot check it), or 2, the fields as sent (the server recomputes it). Absent means 1.
    int journalScheme = 1;
    bool operator==(const SaleDoc&) const = default;
};

/// POST /v1/sales
struct SaleBatch {
    std::string outlet;
    int terminal = 0;
    std::vector<SaleDoc> sales;
    /// Sales that are mistyped or say a key twice (decoders only; never encoded): each is
    /// quarantined alone, the rest of the batch is stored.
    std::vector<SkippedRecord> rejected = {};
    bool operator==(const SaleBatch&) const = default;
};

/// Outcome of one sale in a batch. A repeat gets the original outcome with status "duplicate".
struct SaleResult {
    std::string uuid;
    std::int64_t seq = 0;
    std::string status; ///< stored, duplicate, quarantined
    std::string reason; ///< why it was quarantined
    bool operator==(const SaleResult&) const = default;
};

struct SaleBatchResult {
    std::vector<SaleResult> results;
    std::vector<std::int64_t> journalBreaks; ///< seqs whose prev_hash does not match seq-1
    bool operator==(const SaleBatchResult&) const = default;
};

/// GET /v1/master?since=N
struct ProductDoc {
    std::string sku;
    std::string name;
    std::string pinyin;
    std::string saleUnit; ///< each, weight
    std::int64_t priceFen = 0;
    std::string priceBasis;
    std::string plu;
    std::vector<std::string> barcodes;
    bool active = true;
    bool operator==(const ProductDoc&) const = default;
};

struct PromotionDoc {
    std::string code;
    std::string name;
    std::string kind;
    std::string sku;
    std::int64_t priceFen = 0;
    std::int64_t percentBp = 0;
    std::int64_t buyQty = 0;
    std::int64_t freeQty = 0;
    std::string startsOn;
    std::string endsOn;
    bool operator==(const PromotionDoc&) const = default;
};

struct CashierDoc {
    std::string code;
    std::string name;
    std::string role;
    /// How the till checks the PIN (PINs never travel): the argon2id encoded hash (old data, or a
    /// terminal without a journal key) or, for a terminal with a key, the keyed verifier
    /// (crypto::keyedPinVerifier), which without the key file cannot test a PIN.
    std::string pinHash;
    bool active = true;
    bool operator==(const CashierDoc&) const = default;
};

/// A quick key (快捷键): a product a cashier rings up by touch, on head office's grid for the
/// outlet's type, under a category tab. The list's order is the grid's.
struct QuickKeyDoc {
    std::string category; ///< the tab: "苹果", "梨", "干果" ...
    std::string sku;
    std::string label; ///< what the key says; empty: the product's name
    bool operator==(const QuickKeyDoc&) const = default;
};

struct MasterData {
    std::int64_t version = 0; ///< the newest change included; ask for since=version next time
    std::vector<ProductDoc> products;
    std::vector<PromotionDoc> promotions;
    std::vector<CashierDoc> cashiers;
    /// Records that break the master-data limits (master_limits.h) or are mistyped: skipped
    /// by the decoder, the rest is taken.
    std::vector<SkippedRecord> skipped;
    /// 抹零 for cash payments, set by head office per outlet type: "off", "jiao" or "yuan" (sent
    /// with every pull; absent from an older server: the till keeps what it has).
    std::string cashRounding;
    /// Head office's quick keys for this outlet's type, whole, in order (sent with every pull;
    /// absent from an older server: the till keeps what it has).
    std::optional<std::vector<QuickKeyDoc>> quickKeys;
    bool operator==(const MasterData&) const = default;
};

/// POST /v1/shifts: a closed shift's Z report.
struct ShiftReportDoc {
    std::string outlet;
    int terminal = 0;
    std::int64_t shiftId = 0;
    std::string cashier;
    std::string openedAt;
    std::string closedAt;
    std::int64_t floatFen = 0;
    struct Tender {
        std::string kind;
        std::int64_t expectedFen = 0;
        std::int64_t countedFen = 0;
        bool operator==(const Tender&) const = default;
    };
    std::vector<Tender> tenders;
    bool operator==(const ShiftReportDoc&) const = default;
};

/// GET /v1/reconcile?terminal=T&date=D: the server's view of one terminal's day.
struct ReconcileDoc {
    int terminal = 0;
    std::string date;
    std::int64_t count = 0;
    std::int64_t totalFen = 0;
    std::int64_t lastSeq = 0;
    std::string journalHead; ///< hash of the day's last sale
    std::vector<std::string> receipts;
    /// Of this terminal's sequence numbers 1..its highest on the server (any day), how many
    /// the server does not hold: sales not sent yet, or never coming (0 in older answers).
    std::int64_t missingSeqs = 0;
    bool operator==(const ReconcileDoc&) const = default;
};

/// One stock-ledger row of a till (POST /v1/movements), applied once by its UUID.
struct MovementDoc {
    std::string uuid;
    std::string sku;
    std::string lotCode;    ///< empty when no lot
    std::string originBase; ///< the lot's production base
    std::string kind;       ///< sale, return, receive, transfer_out, transfer_in, shrink, adjust
    std::int64_t units = 0; ///< signed
    std::int64_t grams = 0; ///< signed
    std::string document;   ///< receipt, delivery note, transfer id, stocktake
    std::string otherOutlet;
    std::string reason;
    std::string at;
    bool operator==(const MovementDoc&) const = default;
};

struct MovementBatch {
    std::string outlet;
    int terminal = 0;
    std::vector<MovementDoc> movements;
    /// Movements that are mistyped (a string for a number, an unknown kind, a field missing):
    /// each is quarantined alone, the rest of the batch is applied.
    std::vector<SkippedRecord> rejected;
    bool operator==(const MovementBatch&) const = default;
};

/// Answer to a movement batch: every UUID "stored" or "duplicate" (seq is 0), or "quarantined".
using MovementBatchResult = SaleBatchResult;

/// One entry of a till's loss-prevention log (POST /v1/events): a void, a removed line, a
/// drawer opened without a sale, cash in or out, a PIN locked or unlocked, a reprint, a return
/// without a receipt. Applied once by its UUID; hash-chained per terminal (canonicalTillEvent).
struct TillEventDoc {
    std::string uuid;
    std::string kind;       ///< void, line_removed, no_sale, cash_in, cash_out, pin_locked, ...
    std::int64_t shift = 0; ///< the till's shift number; 0 outside a shift
    std::string cashier;    ///< code of who was logged in (empty: nobody)
    std::string subject;    ///< code of whose PIN was locked or unlocked
    std::string approver;   ///< code of the supervisor who approved it
    std::int64_t amountFen = 0;
    std::string detail;
    std::string reason;
    std::string at; ///< UTC ISO-8601
    std::string prevHash;
    std::string hash;
    int journalScheme = 2; ///< 2: SHA-256 chain; 3: keyed with the terminal's journal key
    bool operator==(const TillEventDoc&) const = default;
};

/// POST /v1/journal-head: where the till's sale journal stands now (at every sync and at least
/// every 5 minutes while online). The server keeps the latest; sales it receives later for that
/// seq must carry that hash. seq 0 (hash: genesis) is an empty journal.
struct JournalHeadDoc {
    std::string outlet;
    int terminal = 0;
    std::int64_t seq = 0;
    std::string hash;
    int journalScheme = 2; ///< the scheme of the entry at seq
    bool operator==(const JournalHeadDoc&) const = default;
};

struct TillEventBatch {
    std::string outlet;
    int terminal = 0;
    std::vector<TillEventDoc> events;
    /// Mistyped events: each is quarantined alone, the rest applied.
    std::vector<SkippedRecord> rejected;
    bool operator==(const TillEventBatch&) const = default;
};

/// Answer to an event batch: every UUID "stored", "duplicate" or "quarantined" (seq is 0).
using TillEventBatchResult = SaleBatchResult;

/// GET /v1/transfers/incoming: goods other outlets sent here that this outlet has not received.
struct IncomingTransfer {
    std::string uuid;
    std::string fromOutlet;
    struct Line {
        std::string sku;
        std::int64_t units = 0; ///< positive: what arrives
        std::int64_t grams = 0;
        bool operator==(const Line&) const = default;
    };
    std::vector<Line> lines;
    bool operator==(const IncomingTransfer&) const = default;
};

struct IncomingTransfers {
    std::vector<IncomingTransfer> transfers;
    /// Entries the till could not read (a negative quantity, a mistyped field): skipped and
    /// reported, the others are offered.
    std::vector<SkippedRecord> skipped;
    bool operator==(const IncomingTransfers&) const = default;
};

/// GET /v1/sale?receipt=R[&uuid=U]: a sale of the asking outlet as head office stored it (from
/// any of its tills), with the returns already stored against it, so that another till of the
/// outlet can take a return of it and knows what is left to return.
struct SaleLookup {
    SaleDoc sale;
    std::vector<SaleDoc> returns;
    bool operator==(const SaleLookup&) const = default;
};

/// Body of every 4xx/5xx answer.
struct ShiftReportAnswer {
    bool stored = false;
    bool conflict = false; ///< another report is stored under this shift id; kept beside it
    std::string reason;
    bool operator==(const ShiftReportAnswer&) const = default;
};

struct ErrorDoc {
    std::string error;
    bool operator==(const ErrorDoc&) const = default;
};

} // namespace baidian::protocol
