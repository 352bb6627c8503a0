#pragma once

#include "baidian/domain/clock.h"
#include "baidian/pos/basket.h"
#include "baidian/pos/local_store.h"
#include "baidian/pos/open_basket.h"
#include "baidian/pos/receipt.h"
#include "baidian/pos/sale_record.h"
#include "baidian/pos/scan_input.h"
#include "baidian/pos/shift_report.h"
#include "baidian/pos/till_events.h"
#include "baidian/protocol/messages.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baidian::pos {

struct SuspendedSummary {
    std::int64_t id = 0;
    std::string createdAt; ///< China time
    std::string note;
    int lines = 0;
};

/// Asks head office for a sale of this outlet by receipt number (and the UUID of its QR code,
/// if known), with the returns stored against it: how a till takes a return of a receipt of
/// another till. Errors: NotFound (head office has no such sale of the outlet), Unavailable
/// (offline, or the server did not answer).
using SaleLookupFn = std::function<Result<protocol::SaleLookup>(const std::string& receiptNo,
                                                                const std::string& uuid)>;

/// What the scan field's text came to (Till::enter).
struct ScanOutcome {
    enum class Kind {
        Added,         ///< onto the sale as line `line` (new, or a unit item's line added to)
        Weigh,         ///< `item` is sold by weight: the cashier keys its weight, then it is added
        Search,        ///< not a code: the cashier picks a product matching `text`
        ReturnStarted, ///< a receipt's QR code: a return against it is open (returnableLines)
    };
    Kind kind = Kind::Added;
    std::size_t line = 0;
    CatalogItem item;    ///< Weigh
    std::string barcode; ///< Weigh: the code it was scanned by, for scan(); "" when keyed by PLU
    std::string text;    ///< Search
};

/// Limits the till enforces; stored as settings in the till database.
struct TillLimits {
    std::int64_t approvalLimitBp = 1000; ///< discounts/overrides above 10% need a supervisor
    std::int64_t maxLineGrams = 50000;   ///< a heavier line is a keying error (50 kg)
    std::int64_t maxLineUnits = 999;
    domain::Fen maxUnitPrice{10000000}; ///< ¥100,000: a higher keyed price is a keying error
    /// Cash more than this above the next note covering what is due (¥8 due: the ¥10 note)
    /// needs the cashier to confirm it: ¥9,999 for ¥8 is a keying error far more often.
    domain::Fen cashOverNoteLimit{10000};
    /// A unit item added again (scanned, keyed or picked) goes onto its line, as a cashier
    /// expects of a second box; weighed items and labels always make lines of their own.
    bool mergeRescans = true;
    /// Wrong PINs in a row after which a person is locked until a supervisor unlocks them.
    std::int64_t pinAttempts = 5;
    /// Removing a line worth more than this needs a supervisor (so does any removal once a
    /// payment has been taken).
    domain::Fen removeLineApprovalAbove{10000};
    /// 抹零 for cash (head office's, per outlet type; setting cash_rounding "off", "jiao",
    /// "yuan"): a sale settled in cash has its cash part rounded down to the jiao by default,
    /// so change is never in fen and a perfect drawer count closes at ¥0.00.
    std::optional<CashRoundingRule> cashRounding = CashRoundingRule{};
};

/// The fewest digits of a PIN that may approve (a supervisor's or manager's): a 4-digit PIN
/// falls to a search of its 10,000 values.
inline constexpr std::size_t kMinApproverPinDigits = 6;

/// The selling engine a till UI drives: a cashier's session, shifts, the open sale or return,
/// completion in one transaction, suspend/resume, reprints. Every operation either succeeds or
/// returns an Error and changes nothing. Not thread-safe: one Till per GUI thread; it does its
/// own SQLite work synchronously (a sale completes in a few milliseconds).
class Till {
public:
    Till(LocalStore& store, const domain::Clock& clock);

    // --- session ------------------------------------------------------------------------------
    Result<Cashier> login(const std::string& code, const std::string& pin);
    void logout();
    const std::optional<Cashier>& cashier() const { return m_cashier; }

    // --- shift --------------------------------------------------------------------------------
    /// Opens a shift with a cash float. Errors: Conflict if a shift is already open.
    Result<std::int64_t> openShift(domain::Fen openingFloat);
    std::optional<std::int64_t> currentShift();
    Status cashIn(domain::Fen amount, const std::string& reason);
    /// Takes cash out of the drawer: a reason is required, and a supervisor's approval. Logged.
    Status cashOut(domain::Fen amount, const std::string& reason,
                   const std::optional<Approval>& approval = {});
    /// Opens the drawer without a sale (to give change for a note ...): a reason and a
    /// supervisor's approval are required; logged. The caller then pulses the drawer.
    Status openDrawer(const std::string& reason, const std::optional<Approval>& approval = {});
    /// Unlocks a person locked after TillLimits::pinAttempts wrong PINs; a supervisor approves.
    Status unlockCashier(const std::string& code, const Approval& approval);
    Result<ShiftReport> xReport();
    /// Closes the shift with the counted amount per tender; stores and returns the Z report.
    /// Errors: Conflict if a sale is open.
    Result<ShiftReport> closeShift(const std::map<TenderKind, domain::Fen>& counted);
    /// The Z report of this till's last closed shift as it was stored at the close, headed
    /// 重打 (a copy). Errors: NotFound when no shift was closed yet.
    Result<std::string> reprintLastZReport();

    // --- the open sale ------------------------------------------------------------------------
    bool saleOpen() const { return m_basket.open; }
    bool isReturn() const { return m_basket.isReturn; }
    const std::vector<BasketLine>& lines() const { return m_basket.lines; }
    const BasketTotals& totals() const { return m_basket.totals; }
    const std::vector<TenderEntry>& tenders() const { return m_basket.tenders; }
    domain::Fen tendered() const { return m_basket.tendered(); }
    /// What is still to pay (or to pay out for a return); negative when change is due.
    domain::Fen due() const { return m_basket.due(); }

    /// Adds a scanned code: a product barcode (`units` of it, checked before anything is added)
    /// or a variable-measure label (one item: a quantity other than 1 is refused). A weighed
    /// product scanned by a plain barcode needs `grams`. Returns the line index: a unit item
    /// already on an unchanged line of its own is added to that line (TillLimits::mergeRescans).
    Result<std::size_t> scan(std::string_view code,
                             std::optional<domain::Grams> grams = std::nullopt,
                             WeightSource source = WeightSource::Scale, std::int64_t units = 1);
    /// What the cashier typed or scanned into the scan field, by the grammar of parseScanInput:
    /// a receipt's QR code starts a return; a PLU or a code adds its product (`N*` units of
    /// it), or asks for its weight first when it is sold by weight; anything else is a search.
    /// Errors: those of parseScanInput, scan, addProduct and startReturn; NotFound for a PLU or
    /// barcode the catalog lacks; InvalidArgument for a quantity before a weighed item.
    Result<ScanOutcome> enter(std::string_view text);
    Result<std::size_t> addByPlu(const std::string& plu, std::int64_t units,
                                 std::optional<domain::Grams> grams, WeightSource source);
    Result<std::size_t> addProduct(std::int64_t productId, EntryMethod entry, std::int64_t units,
                                   std::optional<domain::Grams> grams, WeightSource source);
    Status setQuantity(std::size_t line, std::int64_t units);
    Status setWeight(std::size_t line, domain::Grams grams, WeightSource source);
    /// Takes a line off the open sale; logged. Needs approval once a payment has been taken
    /// or when the line is worth more than TillLimits::removeLineApprovalAbove.
    Status removeLine(std::size_t line, const std::optional<Approval>& approval = {});
    /// Charges `price` (same basis as the list price). Needs approval when it is more than the
    /// approval limit below the list price. Errors: ApprovalRequired, Unauthorized,
    /// InvalidArgument.
    Status overridePrice(std::size_t line, domain::Fen price,
                         const std::optional<Approval>& approval = {});
    Status discountLine(std::size_t line, domain::Fen amount,
                        const std::optional<Approval>& approval = {});
    Status discountOrder(domain::Fen amount, const std::optional<Approval>& approval = {});
    /// 抹零: round the total for payment (nullopt turns it off).
    Status setCashRounding(std::optional<CashRoundingRule> rule);
    /// Cash may exceed what is due (change is given); card, WeChat and Alipay may not, and need
    /// the payment terminal's reference. Nothing is taken once the sale is paid. Cash beyond
    /// cashConfirmAbove() is refused unless `confirmed` (the cashier saw the change it makes).
    Status addTender(TenderKind kind, domain::Fen amount, const std::string& reference = {},
                     bool confirmed = false);
    /// What is still due when the rest is paid in cash: due() with the outlet's 抹零 for cash
    /// applied (what addTender applies when cash settles the sale).
    domain::Fen cashDue() const;
    /// The most cash taken without confirmation: the next note (¥1, 5, 10, 20, 50, 100, then
    /// whole ¥100s) covering what is still due, plus TillLimits::cashOverNoteLimit.
    domain::Fen cashConfirmAbove() const;
    Status removeTender(std::size_t index);
    /// Removes every payment of the open sale (the cashier backed out of paying), and the
    /// 抹零 cash settlement applied.
    void clearTenders();
    /// Completes the sale or return when fully paid. Errors leave the basket as it was.
    Result<CompletedSale> complete();
    /// Abandons the open sale: no sale is recorded, but the void is logged (what it held, who
    /// approved it). A sale with lines needs a supervisor's approval.
    Status voidSale(const std::optional<Approval>& approval = {});

    Result<std::int64_t> suspend(const std::string& note = {});
    std::vector<SuspendedSummary> suspendedSales();
    Status resume(std::int64_t suspendedId);

    // --- returns ------------------------------------------------------------------------------
    /// Starts a return against a receipt of this outlet: `receipt` is what the receipt's QR code
    /// reads (BD1|number|uuid; the UUID must match), its printed number, or only its sequence
    /// digits ("123" for HZ-F01-01-000123: this till's). A receipt of another till is asked of
    /// head office through the sale look-up (setSaleLookup); what is left to return counts the
    /// returns stored there as well as this till's own. Errors: NotFound, Unavailable (another
    /// till's receipt while head office cannot be reached), Conflict, Unauthorized.
    Status startReturn(const std::string& receipt);
    /// How startReturn reaches head office (unset: only this till's own receipts).
    void setSaleLookup(SaleLookupFn lookup) { m_saleLookup = std::move(lookup); }
    /// The receipt number of the sale the open return is against ("" if none).
    const std::string& originalReceiptNo() const { return m_basket.originalReceiptNo; }
    std::vector<ReturnableLine> returnableLines() const { return m_basket.returnable; }
    /// How the original sale of the open return was paid, largest first: a refund goes back
    /// the way the money came (a WeChat sale is refunded by WeChat, not in cash).
    const std::vector<TenderEntry>& originalTenders() const { return m_basket.originalTenders; }
    /// Returns part or all of an original line; refunds what was paid for that share.
    Result<std::size_t> returnLine(int originalLineNo, std::int64_t units,
                                   std::optional<domain::Grams> grams);
    /// Starts a return without a receipt (current prices); a supervisor must approve.
    Status startNoReceiptReturn(const Approval& approval);

    // --- receipts -----------------------------------------------------------------------------
    Result<Receipt> receipt(const std::string& receiptNo);
    /// The receipt printed again: marked 重打 and logged.
    Result<Receipt> reprint(const std::string& receiptNo);
    /// The loss-prevention log of the open shift (X report) in order.
    std::vector<TillEventRow> shiftLog();
    TillLimits limits();

private:
    Status requireCashier() const;
    Status requireShift();
    Status editable(std::size_t line) const;
    /// The approver's id; `what` (with %1 ... for `args`) names what is approved, keyed.
    Result<std::int64_t> approve(const std::optional<Approval>& approval, const std::string& what,
                                 std::vector<std::string> args = {});
    /// Checks a code and PIN, counting wrong PINs per person and locking at pinAttempts.
    Result<Cashier> checkPin(const std::string& code, const std::string& pin);
    /// Appends to the event log (shift and cashier filled in). Errors: Storage.
    Status logEvent(TillEvent event);
    /// Cash in or out of the drawer and its log entry, in one transaction.
    Status moveCash(TillEventKind kind, domain::Fen amount, const std::string& reason,
                    std::optional<std::int64_t> approver);
    Status reprice() { return m_basket.reprice(); }
    /// Applies `edit` to the open basket and reprices (OpenBasket::change).
    Status change(const std::function<void()>& edit) { return m_basket.change(edit); }
    Result<std::size_t> addLine(BasketLine line);
    Result<ScanOutcome> enterPlu(const std::string& plu, std::int64_t units);
    Result<ScanOutcome> enterCode(const std::string& code, std::int64_t units);
    /// A product found by its barcode, `units` of it or `grams` of it; the line keeps `barcode`.
    Result<std::size_t> addBarcoded(const CatalogItem& item, const std::string& barcode,
                                    std::int64_t units, std::optional<domain::Grams> grams,
                                    WeightSource source);
    Result<std::size_t> addLabel(const domain::VariableMeasureLabel& label, std::int64_t units);
    Status checkWeight(domain::Grams grams) const;
    Status checkUnits(std::int64_t units) const;
    /// The open sale's line that `line` (a unit item being added) goes onto, if any.
    std::optional<std::size_t> mergeableLine(const BasketLine& line) const;
    void reset() { m_basket.reset(); }

    LocalStore& m_store;
    const domain::Clock& m_clock;
    std::optional<Cashier> m_cashier;
    TillLimits m_limits;

    SaleLookupFn m_saleLookup;
    OpenBasket m_basket;
    /// The policy's rounding for the open sale, if a cash tender settling it would apply it.
    std::optional<CashRoundingRule> cashSettlement() const;
    void dropCashSettlement();
    Status takeTender(TenderKind kind, domain::Fen amount, const std::string& reference,
                      bool confirmed);
};

} // namespace baidian::pos
