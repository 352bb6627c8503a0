#include "baidian/pos/till.h"

#include "till_internal.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <algorithm>

namespace baidian::pos {

using detail::invalid;
using domain::Fen;
using domain::Grams;
using domain::SaleUnit;

namespace {

bool hasText(const std::string& text) {
    return std::any_of(text.begin(), text.end(),
                       [](char c) { return c != ' ' && c != '\t' && c != '\n' && c != '\r'; });
}

/// "库尔勒香梨 ×2" or "阿克苏苹果 1.250kg": the line as the log keeps it.
std::string lineText(const BasketLine& line) {
    return line.name + (line.unit == SaleUnit::ByWeight ? " " + line.grams.formatKg()
                                                        : " ×" + std::to_string(line.units));
}

bool validReference(const std::string& ref) {
    return !ref.empty() && ref.size() <= 64 && std::all_of(ref.begin(), ref.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
               c == '-' || c == '_';
    });
}

/// Limit in fen: `bp` basis points of `amount`, rounded down (the limit never grows by rounding).
Fen limitOf(Fen amount, std::int64_t bp) {
    auto limit = domain::percentOf(amount, std::clamp<std::int64_t>(bp, 0, 10000),
                                   domain::RoundingMode::Down);
    return limit ? *limit : Fen(0);
}

} // namespace

Till::Till(LocalStore& store, const domain::Clock& clock)
    : m_store(store)
    , m_clock(clock) {
    m_limits = limits();
}

TillLimits Till::limits() {
    TillLimits l;
    l.approvalLimitBp = m_store.settingInt("approval_limit_bp", l.approvalLimitBp);
    l.maxLineGrams = m_store.settingInt("max_line_grams", l.maxLineGrams);
    l.maxLineUnits = m_store.settingInt("max_line_units", l.maxLineUnits);
    l.maxUnitPrice = Fen(m_store.settingInt("max_unit_price_fen", l.maxUnitPrice.value()));
    l.pinAttempts = std::max<std::int64_t>(1, m_store.settingInt("pin_attempts", l.pinAttempts));
    l.removeLineApprovalAbove = Fen(
        m_store.settingInt("remove_line_approval_above_fen", l.removeLineApprovalAbove.value()));
    const auto rounding = m_store.settingText("cash_rounding", "jiao");
    if (rounding == "off")
        l.cashRounding.reset();
    else if (rounding == "yuan")
        l.cashRounding->unit = domain::CashRoundingUnit::Yuan;
    return l;
}

// --- session --------------------------------------------------------------------------------

Result<Cashier> Till::login(const std::string& code, const std::string& pin) {
    if (m_basket.open)
        return keyedError(ErrorCode::Conflict,
                          "finish, suspend or void the open sale before changing cashier");
    m_limits = limits();
    auto cashier = checkPin(code, pin);
    if (!cashier)
        return cashier.error();
    m_cashier = *cashier;
    return cashier;
}

Result<Cashier> Till::checkPin(const std::string& code, const std::string& pin) {
    auto& db = m_store.database();
    try {
        SQLite::Statement who(db, "SELECT id, name, locked_at IS NOT NULL FROM cashier "
                                  "WHERE code = ? AND active = 1");
        who.bind(1, code);
        if (!who.executeStep()) // nobody to count wrong PINs against
            return keyedError(ErrorCode::Unauthorized, "wrong cashier code or PIN");
        const auto id = who.getColumn(0).getInt64();
        const auto name = who.getColumn(1).getString();
        const auto attempts = std::to_string(m_limits.pinAttempts);
        if (who.getColumn(2).getInt() != 0)
            return keyedError(
                ErrorCode::Unauthorized,
                "%1 is locked after %2 wrong PINs: a supervisor must unlock it (F12 at the login)",
                {name, attempts});
        auto person = m_store.authenticate(code, pin);
        if (person) {
            SQLite::Statement clear(db, "UPDATE cashier SET failed_pins = 0 WHERE id = ? AND "
                                        "failed_pins <> 0");
            clear.bind(1, id);
            clear.exec();
            return person;
        }
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement count(
            db, "UPDATE cashier SET failed_pins = failed_pins + 1, locked_at = CASE WHEN "
                "failed_pins + 1 >= ? THEN ? ELSE NULL END WHERE id = ? RETURNING failed_pins");
        count.bind(1, m_limits.pinAttempts);
        count.bind(2, domain::isoUtc(m_clock.now()));
        count.bind(3, id);
        count.executeStep();
        const auto failures = count.getColumn(0).getInt64();
        count.reset();
        if (failures < m_limits.pinAttempts) {
            tx.commit();
            // The same words as for an unknown code: which part was wrong stays unsaid.
            return keyedError(ErrorCode::Unauthorized, "wrong cashier code or PIN");
        }
        TillEvent locked;
        locked.kind = TillEventKind::PinLocked;
        locked.shiftId = currentShift();
        if (m_cashier)
            locked.cashierId = m_cashier->id;
        locked.subjectId = id;
        locked.detail = code;
        recordTillEvent(db, locked, m_clock.now(), m_store.journalKey());
        tx.commit();
        return keyedError(ErrorCode::Unauthorized,
                          "%1 is now locked after %2 wrong PINs: a supervisor must unlock it",
                          {name, attempts});
    } catch (const SQLite::Exception& e) {
        return keyedError(ErrorCode::Storage, "could not check the PIN: %1", {e.what()});
    }
}

Status Till::logEvent(TillEvent event) {
    if (!event.shiftId)
        event.shiftId = currentShift();
    if (!event.cashierId && m_cashier)
        event.cashierId = m_cashier->id;
    try {
        recordTillEvent(m_store.database(), std::move(event), m_clock.now(), m_store.journalKey());
        return {};
    } catch (const SQLite::Exception& e) {
        return keyedError(ErrorCode::Storage, "could not log it: %1", {e.what()});
    }
}

Status Till::unlockCashier(const std::string& code, const Approval& approval) {
    auto approver = approve(approval, "unlocking %1", {code});
    if (!approver)
        return approver.error();
    try {
        auto& db = m_store.database();
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        SQLite::Statement unlock(db, "UPDATE cashier SET failed_pins = 0, locked_at = NULL "
                                     "WHERE code = ? AND locked_at IS NOT NULL RETURNING id");
        unlock.bind(1, code);
        if (!unlock.executeStep())
            return invalid("%1 is not locked", {code});
        TillEvent unlocked;
        unlocked.kind = TillEventKind::PinUnlocked;
        unlocked.shiftId = currentShift();
        if (m_cashier)
            unlocked.cashierId = m_cashier->id;
        unlocked.subjectId = unlock.getColumn(0).getInt64();
        unlocked.approverId = *approver;
        unlocked.detail = code;
        unlock.reset();
        recordTillEvent(db, unlocked, m_clock.now(), m_store.journalKey());
        tx.commit();
        return {};
    } catch (const SQLite::Exception& e) {
        return keyedError(ErrorCode::Storage, "could not unlock: %1", {e.what()});
    }
}

void Till::logout() {
    if (!m_basket.open)
        m_cashier.reset();
}

Status Till::requireCashier() const {
    if (!m_cashier)
        return keyedError(ErrorCode::Unauthorized, "log in first");
    return {};
}

Status Till::requireShift() {
    if (auto ok = requireCashier(); !ok)
        return ok;
    if (!currentShift())
        return keyedError(ErrorCode::Conflict,
                          "open a shift first (count the float into the drawer)");
    return {};
}

// --- shift ----------------------------------------------------------------------------------

std::optional<std::int64_t> Till::currentShift() {
    db::Prepared q(m_store.database(), &m_store.statements(),
                   "SELECT id FROM shift WHERE closed_at IS NULL");
    if (q->executeStep())
        return q->getColumn(0).getInt64();
    return std::nullopt;
}

Result<std::int64_t> Till::openShift(Fen openingFloat) {
    if (auto ok = requireCashier(); !ok)
        return ok.error();
    if (openingFloat.value() < 0 || openingFloat > m_limits.maxUnitPrice)
        return invalid("the float must be between ¥0 and %1", {m_limits.maxUnitPrice.format()});
    if (currentShift())
        return keyedError(ErrorCode::Conflict,
                          "a shift is already open on this till: close it first");
    SQLite::Statement q(
        m_store.database(),
        "INSERT INTO shift(cashier_id, opened_at, float_fen) VALUES (?, ?, ?) RETURNING id");
    q.bind(1, m_cashier->id);
    q.bind(2, domain::isoUtc(m_clock.now()));
    q.bind(3, openingFloat.value());
    q.executeStep();
    const auto id = q.getColumn(0).getInt64();
    q.reset();
    return id;
}

Status Till::cashIn(Fen amount, const std::string& reason) {
    if (auto ok = requireShift(); !ok)
        return ok;
    if (amount.value() <= 0 || amount > m_limits.maxUnitPrice)
        return invalid("the amount must be above ¥0 and at most %1",
                       {m_limits.maxUnitPrice.format()});
    return moveCash(TillEventKind::CashIn, amount, reason, std::nullopt);
}

Status Till::moveCash(TillEventKind kind, Fen amount, const std::string& reason,
                      std::optional<std::int64_t> approver) {
    auto& db = m_store.database();
    try {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        const auto shift = *currentShift();
        SQLite::Statement q(
            db, "INSERT INTO cash_movement(shift_id, kind, amount_fen, reason, cashier_id, at) "
                "VALUES (?, ?, ?, ?, ?, ?)");
        q.bind(1, shift);
        q.bind(2, kind == TillEventKind::CashIn ? "in" : "out");
        q.bind(3, amount.value());
        q.bind(4, reason);
        q.bind(5, m_cashier->id);
        q.bind(6, domain::isoUtc(m_clock.now()));
        q.exec();
        TillEvent e;
        e.kind = kind;
        e.shiftId = shift;
        e.cashierId = m_cashier->id;
        e.approverId = approver;
        e.amount = amount;
        e.reason = reason;
        recordTillEvent(db, e, m_clock.now(), m_store.journalKey());
        tx.commit();
        return {};
    } catch (const SQLite::Exception& e) {
        return keyedError(ErrorCode::Storage, "could not record it: %1", {e.what()});
    }
}

Status Till::cashOut(Fen amount, const std::string& reason,
                     const std::optional<Approval>& approval) {
    if (auto ok = requireShift(); !ok)
        return ok;
    if (amount.value() <= 0 || amount > m_limits.maxUnitPrice)
        return invalid("the amount must be above ¥0 and at most %1",
                       {m_limits.maxUnitPrice.format()});
    if (!hasText(reason))
        return invalid("say why the cash is taken out (banked, change for another till ...)");
    // What the drawer should hold stays unsaid: the close is counted blind.
    const auto report = computeShiftReport(m_store.database(), *currentShift());
    if (amount > report.expected.at(TenderKind::Cash))
        return invalid("that is more cash than the drawer should hold");
    auto approver = approve(approval, "taking %1 out of the drawer", {amount.format()});
    if (!approver)
        return approver.error();
    return moveCash(TillEventKind::CashOut, amount, reason, *approver);
}

Status Till::openDrawer(const std::string& reason, const std::optional<Approval>& approval) {
    if (auto ok = requireShift(); !ok)
        return ok;
    if (m_basket.open && !m_basket.lines.empty())
        return keyedError(ErrorCode::Conflict,
                          "the drawer opens when the sale is paid: finish or suspend it first");
    if (!hasText(reason))
        return invalid("say why the drawer is opened without a sale");
    auto approver = approve(approval, "opening the drawer without a sale");
    if (!approver)
        return approver.error();
    TillEvent e;
    e.kind = TillEventKind::NoSale;
    e.approverId = *approver;
    e.reason = reason;
    return logEvent(e);
}

Result<ShiftReport> Till::xReport() {
    if (auto ok = requireShift(); !ok)
        return ok.error();
    return computeShiftReport(m_store.database(), *currentShift());
}

Result<ShiftReport> Till::closeShift(const std::map<TenderKind, Fen>& counted) {
    if (auto ok = requireShift(); !ok)
        return ok.error();
    if (m_basket.open)
        return keyedError(ErrorCode::Conflict,
                          "finish, suspend or void the open sale before closing the shift");
    for (const auto& [kind, amount] : counted)
        if (amount.value() < 0)
            return invalid("a counted amount cannot be negative");
    const auto shift = *currentShift();
    auto& db = m_store.database();
    try {
        SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
        auto report = computeShiftReport(db, shift);
        SQLite::Statement count(db, "INSERT INTO shift_count(shift_id, tender, expected_fen, "
                                    "counted_fen) VALUES (?,?,?,?)");
        for (const auto kind : kAllTenderKinds) {
            const auto c = counted.find(kind);
            count.bind(1, shift);
            count.bind(2, std::string(toString(kind)));
            count.bind(3, report.expected.at(kind).value());
            count.bind(4,
                       c == counted.end() ? report.expected.at(kind).value() : c->second.value());
            count.exec();
            count.reset();
        }
        SQLite::Statement close(db, "UPDATE shift SET closed_at = ?, closed_by = ? WHERE id = ?");
        close.bind(1, domain::isoUtc(m_clock.now()));
        close.bind(2, m_cashier->id);
        close.bind(3, shift);
        close.exec();
        report = computeShiftReport(db, shift);
        SQLite::Statement keep(db, "UPDATE shift SET report = ? WHERE id = ?");
        keep.bind(1, report.toText());
        keep.bind(2, shift);
        keep.exec();
        tx.commit();
        return report;
    } catch (const SQLite::Exception& e) {
        return keyedError(ErrorCode::Storage, "the shift could not be closed: %1", {e.what()});
    }
}

Result<std::string> Till::reprintLastZReport() {
    SQLite::Statement q(m_store.database(), "SELECT report FROM shift WHERE closed_at IS NOT NULL "
                                            "AND report IS NOT NULL ORDER BY id DESC LIMIT 1");
    if (!q.executeStep())
        return keyedError(ErrorCode::NotFound, "no shift has been closed on this till yet");
    return "【重打】\n" + q.getColumn(0).getString();
}

// --- the open sale --------------------------------------------------------------------------

Status Till::checkWeight(Grams grams) const {
    if (grams.value() <= 0)
        return invalid(
            "the weight must be above zero: put the item on the scale or key its weight");
    if (grams.value() > m_limits.maxLineGrams)
        return invalid("%1 is more than one line may weigh (%2): check the weight",
                       {grams.formatKg(), Grams(m_limits.maxLineGrams).formatKg()});
    return {};
}

Status Till::checkUnits(std::int64_t units) const {
    if (units <= 0)
        return invalid("the quantity must be at least 1");
    if (units > m_limits.maxLineUnits)
        return invalid("a quantity above %1 is a keying error",
                       {std::to_string(m_limits.maxLineUnits)});
    return {};
}

Status Till::editable(std::size_t line) const {
    if (!m_basket.open || line >= m_basket.lines.size())
        return invalid("there is no line %1", {std::to_string(line + 1)});
    if (m_basket.lines[line].originalLineNo)
        return invalid("a returned line cannot be changed: remove it and return it again");
    return {};
}

Status Till::setQuantity(std::size_t index, std::int64_t units) {
    if (auto ok = editable(index); !ok)
        return ok;
    auto& line = m_basket.lines[index];
    if (line.unit != SaleUnit::Each || line.labelAmount)
        return invalid("%1 is not counted in units", {line.name});
    if (auto ok = checkUnits(units); !ok)
        return ok;
    return change([&] { line.units = units; });
}

Status Till::setWeight(std::size_t index, Grams grams, WeightSource source) {
    if (auto ok = editable(index); !ok)
        return ok;
    auto& line = m_basket.lines[index];
    if (line.unit != SaleUnit::ByWeight)
        return invalid("%1 is sold by the unit, not by weight", {line.name});
    if (line.entry == EntryMethod::Label)
        return invalid(
            "the weight on a scale label cannot be changed: remove the line and reweigh");
    if (auto ok = checkWeight(grams); !ok)
        return ok;
    return change([&] {
        line.grams = grams;
        line.weightSource = source;
    });
}

Status Till::removeLine(std::size_t index, const std::optional<Approval>& approval) {
    if (!m_basket.open || index >= m_basket.lines.size())
        return invalid("there is no line %1", {std::to_string(index + 1)});
    const BasketLine line = m_basket.lines[index];
    const Fen worth = line.net.value() < 0 ? -line.net : line.net;
    std::optional<std::int64_t> approver;
    if (!m_basket.tenders.empty() || worth > m_limits.removeLineApprovalAbove) {
        auto id = approve(approval, "removing %1 (%2)", {lineText(line), worth.format()});
        if (!id)
            return id.error();
        approver = *id;
    }
    const auto lines = m_basket.lines;
    const auto promotions = m_basket.promotions;
    // Removing a line can make the order discount exceed the sale: then nothing changes.
    if (auto ok = change([&] {
            m_basket.lines.erase(m_basket.lines.begin() + static_cast<std::ptrdiff_t>(index));
            m_basket.promotions.erase(m_basket.promotions.begin() +
                                      static_cast<std::ptrdiff_t>(index));
        });
        !ok)
        return ok;
    TillEvent e;
    e.kind = TillEventKind::LineRemoved;
    e.approverId = approver;
    e.amount = worth;
    e.detail = lineText(line);
    if (auto logged = logEvent(e); !logged) { // not logged: not removed
        m_basket.lines = lines;
        m_basket.promotions = promotions;
        (void)reprice();
        return logged;
    }
    return {};
}

Result<std::int64_t> Till::approve(const std::optional<Approval>& approval, const std::string& what,
                                   std::vector<std::string> args) {
    if (!approval)
        return keyedError(ErrorCode::ApprovalRequired, what + " needs a supervisor's approval",
                          std::move(args));
    if (approval->pin.size() < kMinApproverPinDigits)
        return keyedError(
            ErrorCode::Unauthorized,
            "a supervisor's PIN has at least %1 digits: ask head office for a new one",
            {std::to_string(kMinApproverPinDigits)});
    auto supervisor = checkPin(approval->supervisorCode, approval->pin);
    if (!supervisor)
        return supervisor.error();
    if (!supervisor->canApprove())
        return keyedError(ErrorCode::Unauthorized, "%1 is not a supervisor and cannot approve this",
                          {supervisor->name});
    return supervisor->id;
}

Status Till::overridePrice(std::size_t index, Fen price, const std::optional<Approval>& approval) {
    if (auto ok = editable(index); !ok)
        return ok;
    if (m_basket.isReturn)
        return invalid("prices cannot be changed on a return");
    auto& line = m_basket.lines[index];
    if (line.labelAmount)
        return invalid("a price label's amount cannot be overridden: remove the line");
    if (price.value() <= 0 || price > m_limits.maxUnitPrice)
        return invalid("the price must be above ¥0 and at most %1",
                       {m_limits.maxUnitPrice.format()});
    std::optional<std::int64_t> approver;
    // A raise is always approved (¥99,999 for a ¥5.90 pear is a keying error or a fraud); a cut
    // beyond the approval limit too.
    if (price > line.listPrice.amount ||
        price < line.listPrice.amount - limitOf(line.listPrice.amount, m_limits.approvalLimitBp)) {
        auto id = approve(approval, "a price of %1 for %2", {price.format(), line.name});
        if (!id)
            return id.error();
        approver = *id;
    }
    return change([&] {
        line.price.amount = price;
        line.priceOverridden = price != line.listPrice.amount;
        if (approver)
            line.approvedBy = approver;
    });
}

Status Till::discountLine(std::size_t index, Fen amount, const std::optional<Approval>& approval) {
    if (auto ok = editable(index); !ok)
        return ok;
    if (m_basket.isReturn)
        return invalid("discounts cannot be given on a return");
    auto& line = m_basket.lines[index];
    const Fen base = line.gross - line.promotionDiscount;
    if (amount.value() < 0 || amount > base)
        return invalid("the discount must be between ¥0.00 and the line's %1", {base.format()});
    std::optional<std::int64_t> approver;
    if (amount > limitOf(base, m_limits.approvalLimitBp)) {
        auto id = approve(approval, "a discount of %1 on %2", {amount.format(), line.name});
        if (!id)
            return id.error();
        approver = *id;
    }
    return change([&] {
        line.lineDiscount = amount;
        if (approver)
            line.approvedBy = approver;
    });
}

Status Till::discountOrder(Fen amount, const std::optional<Approval>& approval) {
    if (!m_basket.open || m_basket.lines.empty())
        return invalid("there is no sale to discount");
    if (m_basket.isReturn)
        return invalid("discounts cannot be given on a return");
    if (amount.value() < 0 || amount > m_basket.totals.subtotal)
        return invalid("the discount must be between ¥0.00 and the sale's %1",
                       {m_basket.totals.subtotal.format()});
    std::optional<std::int64_t> approver;
    if (amount > limitOf(m_basket.totals.subtotal, m_limits.approvalLimitBp)) {
        auto id = approve(approval, "an order discount of %1", {amount.format()});
        if (!id)
            return id.error();
        approver = *id;
    }
    if (auto ok = change([&] { m_basket.orderDiscount = amount; }); !ok)
        return ok;
    if (approver) {
        m_basket.saleApprovedBy = approver;
        m_basket.saleApprovalWhat = "order discount " + amount.format();
    }
    return {};
}

Status Till::setCashRounding(std::optional<CashRoundingRule> rule) {
    if (!m_basket.open || m_basket.lines.empty())
        return invalid("there is no sale to round");
    if (m_basket.isReturn)
        return invalid("a refund is not rounded");
    if (auto ok = change([&] { m_basket.rounding = rule; }); !ok)
        return ok;
    m_basket.cashRounded = false; // the cashier's choice, kept whatever the tenders
    return {};
}

std::optional<CashRoundingRule> Till::cashSettlement() const {
    if (m_basket.isReturn || m_basket.rounding || !m_limits.cashRounding || m_basket.lines.empty())
        return std::nullopt;
    CashRoundingRule rule = *m_limits.cashRounding;
    for (const auto& t : m_basket.tenders)
        if (t.kind != TenderKind::Cash)
            rule.exactPart += t.amount;
    return rule;
}

Fen Till::cashDue() const {
    const auto rule = cashSettlement();
    if (!rule)
        return due();
    const Fen exact = std::clamp(rule->exactPart, Fen(0), m_basket.totals.total);
    auto r = domain::roundCash(m_basket.totals.total - exact, rule->unit, rule->direction);
    return r ? due() - r->discount : due();
}

void Till::dropCashSettlement() {
    if (!m_basket.cashRounded)
        return;
    m_basket.rounding.reset();
    m_basket.cashRounded = false;
    (void)reprice();
}

void Till::clearTenders() {
    m_basket.tenders.clear();
    dropCashSettlement();
}

Fen Till::cashConfirmAbove() const {
    const std::int64_t owed = std::max<std::int64_t>(cashDue().value(), 0);
    std::int64_t note = 0;
    for (const std::int64_t n : {100, 500, 1000, 2000, 5000, 10000})
        if (n >= owed) {
            note = n;
            break;
        }
    if (note == 0)
        note = (owed + 9999) / 10000 * 10000; // whole ¥100 notes
    return Fen(note + m_limits.cashOverNoteLimit.value());
}

Status Till::addTender(TenderKind kind, Fen amount, const std::string& reference, bool confirmed) {
    if (!m_basket.open || m_basket.lines.empty())
        return invalid("there is nothing to pay for");
    if (amount.value() <= 0)
        return invalid("a payment must be above ¥0.00");
    if (amount > m_limits.maxUnitPrice)
        return invalid("%1 is more than one payment may be", {amount.format()});
    if (due().value() <= 0)
        return invalid("the sale is paid: complete it, or remove a payment first");
    // Cash that settles the sale settles it rounded by the outlet's 抹零 (the cash part only).
    const auto settlement = kind == TenderKind::Cash ? cashSettlement() : std::nullopt;
    if (settlement && amount >= cashDue()) {
        if (auto ok = change([&] { m_basket.rounding = settlement; }); !ok)
            return ok;
        m_basket.cashRounded = true;
    }
    auto taken = takeTender(kind, amount, reference, confirmed);
    if (!taken && settlement)
        dropCashSettlement();
    return taken;
}

Status Till::takeTender(TenderKind kind, Fen amount, const std::string& reference, bool confirmed) {
    const Fen remaining = due();
    if (kind == TenderKind::Cash && !m_basket.isReturn && !confirmed && amount > cashConfirmAbove())
        return invalid("confirm %1 in cash for %2 due: the change would be %3",
                       {amount.format(), remaining.format(), (amount - remaining).format()});
    if (kind != TenderKind::Cash) {
        if (!validReference(reference))
            return invalid("enter the payment terminal's reference (letters and digits, up to 64)");
        if (amount > remaining)
            return invalid("a card or mobile payment can pay at most the %1 still due: change is "
                           "given in cash only",
                           {remaining.format()});
    } else if (m_basket.isReturn && amount > remaining) {
        return invalid("pay out at most the %1 still due on this return", {remaining.format()});
    }
    m_basket.tenders.push_back(
        {kind, amount, kind == TenderKind::Cash ? std::string() : reference});
    return {};
}

Status Till::removeTender(std::size_t index) {
    if (index >= m_basket.tenders.size())
        return invalid("there is no payment %1", {std::to_string(index + 1)});
    m_basket.tenders.erase(m_basket.tenders.begin() + static_cast<std::ptrdiff_t>(index));
    dropCashSettlement(); // what settles the sale now is decided again
    return {};
}

Result<CompletedSale> Till::complete() {
    if (auto ok = requireShift(); !ok)
        return ok.error();
    if (!m_basket.open || m_basket.lines.empty())
        return invalid("there is nothing to complete: add an item first");
    if (auto ok = reprice(); !ok)
        return ok.error();
    const Fen paid = tendered();
    Fen nonCash;
    for (const auto& t : m_basket.tenders)
        if (t.kind != TenderKind::Cash)
            nonCash += t.amount;
    if (paid < m_basket.totals.total)
        return keyedError(ErrorCode::Conflict, "tender short by %1",
                          {(m_basket.totals.total - paid).format()});
    if (nonCash > m_basket.totals.total)
        return keyedError(ErrorCode::Conflict,
                          "card and mobile payments exceed the total: remove one");
    if (m_basket.isReturn && paid != m_basket.totals.total)
        return keyedError(ErrorCode::Conflict, "pay out exactly %1 for this return",
                          {m_basket.totals.total.format()});
    const auto terminal = m_store.terminal();
    if (!terminal)
        return terminal.error();

    SaleRecord record;
    record.isReturn = m_basket.isReturn;
    record.originalSaleId = m_basket.originalSaleId;
    if (!m_basket.originalSaleId) {
        record.originalUuid = m_basket.originalUuid;
        record.originalReceiptNo = m_basket.originalReceiptNo;
    }
    record.shiftId = *currentShift();
    record.cashierId = m_cashier->id;
    record.approvedBy = m_basket.saleApprovedBy;
    record.approvalWhat = m_basket.saleApprovalWhat;
    record.lines = m_basket.lines;
    record.totals = m_basket.totals;
    record.tenders = m_basket.tenders;
    record.change = paid - m_basket.totals.total;
    record.completedAt = m_clock.now();
    auto done = writeSale(m_store.database(), m_store.statements(), *terminal, record,
                          m_store.journalKey());
    if (!done)
        return done.error();
    reset();
    return done;
}

Status Till::voidSale(const std::optional<Approval>& approval) {
    if (!m_basket.open)
        return invalid("there is no open sale to void");
    if (!m_basket.lines.empty() || !m_basket.tenders.empty()) {
        const Fen total =
            m_basket.totals.total.value() < 0 ? -m_basket.totals.total : m_basket.totals.total;
        auto approver = approve(
            approval, m_basket.isReturn ? "voiding the return of %1" : "voiding the sale of %1",
            {total.format()});
        if (!approver)
            return approver.error();
        TillEvent e;
        e.kind = TillEventKind::Void;
        e.approverId = *approver;
        e.amount = total;
        for (const auto& line : m_basket.lines) {
            if (!e.detail.empty())
                e.detail += "; ";
            if (e.detail.size() > 400) {
                e.detail += "...";
                break;
            }
            e.detail += lineText(line);
        }
        if (m_basket.isReturn)
            e.detail = "退货：" + e.detail;
        if (auto logged = logEvent(e); !logged)
            return logged;
    }
    reset();
    return {};
}

Result<Receipt> Till::reprint(const std::string& receiptNo) {
    if (auto ok = requireCashier(); !ok)
        return ok.error();
    auto r = receipt(receiptNo);
    if (!r)
        return r;
    TillEvent e;
    e.kind = TillEventKind::Reprint;
    e.detail = r->receiptNo;
    if (auto logged = logEvent(e); !logged)
        return logged.error();
    r.value().reprint = true;
    return r;
}

std::vector<TillEventRow> Till::shiftLog() {
    const auto shift = currentShift();
    return shift ? shiftEvents(m_store.database(), *shift) : std::vector<TillEventRow>{};
}

Result<Receipt> Till::receipt(const std::string& receiptNo) {
    const auto terminal = m_store.terminal();
    if (!terminal)
        return terminal.error();
    return loadReceipt(m_store.database(), *terminal, receiptNo);
}

} // namespace baidian::pos
