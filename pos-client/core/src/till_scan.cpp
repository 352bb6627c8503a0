// Till: adding to the open sale (what the scan field takes, scans, PLUs, picked products).
#include "baidian/pos/till.h"
#include "till_internal.h"

namespace baidian::pos {

using detail::invalid;
using domain::Grams;
using domain::SaleUnit;

namespace {

ScanOutcome outcome(ScanOutcome::Kind kind) {
    ScanOutcome out;
    out.kind = kind;
    return out;
}

Error notInCatalog(const domain::Gtin& gtin) {
    return keyedError(ErrorCode::NotFound, "barcode %1 is not in the catalog", {gtin.digits});
}

/// A weighed product entered by PLU or barcode: its weight comes next, so no quantity.
Result<ScanOutcome> toWeigh(const CatalogItem& item, std::int64_t units, std::string barcode) {
    if (units != 1)
        return invalid("%1 is sold by weight: weigh it instead of giving a quantity",
                       {item.product.name});
    auto weigh = outcome(ScanOutcome::Kind::Weigh);
    weigh.item = item;
    weigh.barcode = std::move(barcode);
    return weigh;
}

Result<ScanOutcome> addedAt(const Result<std::size_t>& line) {
    if (!line)
        return line.error();
    auto added = outcome(ScanOutcome::Kind::Added);
    added.line = *line;
    return added;
}

} // namespace

Result<ScanOutcome> Till::enter(std::string_view text) {
    auto input = parseScanInput(text);
    if (!input)
        return input.error();
    switch (input->kind) {
    case ScanInput::Kind::ReceiptCode:
        if (auto ok = startReturn(input->text); !ok)
            return ok.error();
        return outcome(ScanOutcome::Kind::ReturnStarted);
    case ScanInput::Kind::Plu:
        return enterPlu(input->text, input->units);
    case ScanInput::Kind::Code:
        return enterCode(input->text, input->units);
    case ScanInput::Kind::Search:
        break;
    }
    auto search = outcome(ScanOutcome::Kind::Search);
    search.text = input->text;
    return search;
}

Result<ScanOutcome> Till::enterPlu(const std::string& plu, std::int64_t units) {
    const auto item = m_store.productByPlu(plu);
    if (!item)
        return keyedError(ErrorCode::NotFound, "no product has the PLU %1", {plu});
    if (item->product.unit == SaleUnit::ByWeight)
        return toWeigh(*item, units, {});
    return addedAt(
        addProduct(item->id, EntryMethod::Plu, units, std::nullopt, WeightSource::Keyed));
}

Result<ScanOutcome> Till::enterCode(const std::string& code, std::int64_t units) {
    auto scanned = domain::parseScan(code, m_store.layouts());
    if (!scanned)
        return scanned.error();
    const auto* gtin = std::get_if<domain::Gtin>(&scanned.value());
    if (!gtin)
        return addedAt(addLabel(std::get<domain::VariableMeasureLabel>(scanned.value()), units));
    const auto item = m_store.productByBarcode(gtin->key());
    if (!item)
        return notInCatalog(*gtin);
    if (item->product.unit == SaleUnit::ByWeight)
        return toWeigh(*item, units, code);
    return addedAt(addBarcoded(*item, gtin->digits, units, std::nullopt, WeightSource::Keyed));
}

Result<std::size_t> Till::addLine(BasketLine line) {
    if (auto ok = requireShift(); !ok)
        return ok.error();
    if (m_basket.open && m_basket.isReturn && !m_basket.originalUuid.empty())
        return keyedError(ErrorCode::Conflict,
                          "this return follows a receipt: pick lines from the original sale");
    std::vector<Promotion> promotions;
    if (!(m_basket.open && m_basket.isReturn))
        promotions = m_store.promotionsFor(line.productId, domain::businessDate(m_clock.now()));
    if (auto ok = change([&] {
            m_basket.lines.push_back(std::move(line));
            m_basket.promotions.push_back(std::move(promotions));
        });
        !ok)
        return ok.error();
    m_basket.open = true;
    return m_basket.lines.size() - 1;
}

Result<std::size_t> Till::addProduct(std::int64_t productId, EntryMethod entry, std::int64_t units,
                                     std::optional<Grams> grams, WeightSource source) {
    const auto item = m_store.productById(productId);
    if (!item)
        return keyedError(ErrorCode::NotFound, "no product with id %1",
                          {std::to_string(productId)});
    BasketLine line;
    line.productId = item->id;
    line.sku = item->product.sku;
    line.name = item->product.name;
    line.unit = item->product.unit;
    line.listPrice = line.price = item->product.price;
    line.entry = entry;
    if (line.unit == SaleUnit::ByWeight) {
        if (!grams)
            return invalid("%1 is sold by weight: weigh it or key its weight", {line.name});
        if (auto ok = checkWeight(*grams); !ok)
            return ok.error();
        line.grams = *grams;
        line.weightSource = source;
    } else {
        if (auto ok = checkUnits(units); !ok)
            return ok.error();
        line.units = units;
        if (const auto same = mergeableLine(line)) {
            if (auto ok = requireShift(); !ok)
                return ok.error();
            auto& into = m_basket.lines[*same];
            if (auto ok = checkUnits(into.units + units); !ok)
                return ok.error();
            if (auto ok = change([&] { into.units += units; }); !ok)
                return ok.error();
            return *same;
        }
    }
    return addLine(std::move(line));
}

std::optional<std::size_t> Till::mergeableLine(const BasketLine& line) const {
    if (!m_limits.mergeRescans || !m_basket.open || m_basket.isReturn ||
        line.unit != SaleUnit::Each || line.labelAmount)
        return std::nullopt;
    // The last such line: the one the cashier just added to. A line whose price or discount
    // was changed is its own: the next box gets the plain price on a line of its own.
    for (std::size_t i = m_basket.lines.size(); i-- > 0;) {
        const auto& l = m_basket.lines[i];
        if (l.productId == line.productId && l.unit == SaleUnit::Each && !l.labelAmount &&
            !l.refundAmount && !l.originalLineNo && !l.priceOverridden &&
            l.lineDiscount.value() == 0 && l.price.amount == line.price.amount &&
            l.price.basis == line.price.basis)
            return i;
    }
    return std::nullopt;
}

Result<std::size_t> Till::addByPlu(const std::string& plu, std::int64_t units,
                                   std::optional<Grams> grams, WeightSource source) {
    const auto item = m_store.productByPlu(plu);
    if (!item)
        return keyedError(ErrorCode::NotFound, "no product has the PLU %1", {plu});
    return addProduct(item->id, EntryMethod::Plu, units, grams, source);
}

Result<std::size_t> Till::scan(std::string_view code, std::optional<Grams> grams,
                               WeightSource source, std::int64_t units) {
    auto scanned = domain::parseScan(code, m_store.layouts());
    if (!scanned)
        return scanned.error();
    if (const auto* gtin = std::get_if<domain::Gtin>(&scanned.value())) {
        const auto item = m_store.productByBarcode(gtin->key());
        if (!item)
            return notInCatalog(*gtin);
        return addBarcoded(*item, gtin->digits, units, grams, source);
    }
    return addLabel(std::get<domain::VariableMeasureLabel>(scanned.value()), units);
}

Result<std::size_t> Till::addBarcoded(const CatalogItem& item, const std::string& barcode,
                                      std::int64_t units, std::optional<Grams> grams,
                                      WeightSource source) {
    auto added = addProduct(item.id, EntryMethod::Scan, units, grams, source);
    if (added && m_basket.lines[*added].barcode.empty())
        m_basket.lines[*added].barcode = barcode;
    return added;
}

Result<std::size_t> Till::addLabel(const domain::VariableMeasureLabel& label, std::int64_t units) {
    if (units != 1)
        return invalid(
            "label %1 is one weighed or priced item: scan each label, without a quantity",
            {label.barcode});
    const auto item = m_store.productByPlu(label.itemCode);
    if (!item)
        return keyedError(ErrorCode::NotFound, "label %1: no product has the PLU %2",
                          {label.barcode, label.itemCode});
    BasketLine line;
    line.productId = item->id;
    line.sku = item->product.sku;
    line.name = item->product.name;
    line.unit = item->product.unit;
    line.listPrice = line.price = item->product.price;
    line.entry = EntryMethod::Label;
    line.barcode = label.barcode;
    if (label.measure == domain::LabelMeasure::Weight) {
        if (line.unit != SaleUnit::ByWeight)
            return invalid("label %1 carries a weight but %2 is sold by the unit",
                           {label.barcode, line.name});
        if (auto ok = checkWeight(label.weight()); !ok)
            return ok.error();
        line.grams = label.weight();
        line.weightSource = WeightSource::Label;
    } else {
        if (label.price() > m_limits.maxUnitPrice)
            return invalid("label %1 carries an implausible price %2",
                           {label.barcode, label.price().format()});
        line.labelAmount = label.price();
        if (line.unit == SaleUnit::ByWeight) {
            // The scale printed the amount; the weight behind it is amount ÷ price, for the ledger.
            const std::int64_t per = line.price.basis == domain::PriceBasis::PerJin
                                         ? domain::kGramsPerJin
                                         : domain::kGramsPerKg;
            auto g = domain::divideRounded(domain::Wide(label.price().value()) * per,
                                           line.price.amount.value(), domain::RoundingMode::HalfUp);
            line.grams = Grams(g ? *g : 0);
            line.weightSource = WeightSource::Label;
        } else {
            // A pre-packed item's label says what this one costs: that is its unit price (the
            // list price stays head office's), so that gross = price × units on every line.
            line.units = 1;
            line.price.amount = label.price();
        }
    }
    return addLine(std::move(line));
}

} // namespace baidian::pos
