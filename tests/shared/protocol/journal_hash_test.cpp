// The canonical encoding the till and the server both hash (journal scheme 2).
#include "baidian/crypto/hash_chain.h"
#include "baidian/protocol/codec.h"
#include "baidian/protocol/journal_hash.h"

#include <boost/json.hpp>
#include <functional>
#include <gtest/gtest.h>
#include <set>

using namespace baidian;
using namespace baidian::protocol;
namespace json = boost::json;

namespace {

SaleDoc sampleSale() {
    SaleDoc s;
    s.uuid = "0b6f7d3e-3a47-4c1e-9d0e-6a1f5b2c8e01";
    s.seq = 7;
    s.receiptNo = "HZ-F01-01-000007";
    s.kind = "return";
    s.originalUuid = "5d2a1c9e-7b3f-4e8a-a1d0-2c6b9f4e7a13";
    s.completedAt = "2026-11-30T02:15:00Z";
    s.businessDate = "2026-11-30";
    s.cashier = "1001";
    s.subtotalFen = -2706;
    s.discountFen = -1;
    s.roundingFen = 6;
    s.totalFen = -2700;
    s.changeFen = 0;
    s.lines.push_back({1, "AKS-APL-01", "阿克苏冰糖心苹果", 0, 1500, 680, 690, "jin", -2040, "", 0,
                       0, 5, -2035, 1});
    s.lines.push_back({2, "AKS-DAT-01", "和田红枣", 0, 333, 1999, 1999, "kg", -666, "P-1", 1, 0, 1,
                       -665, std::nullopt});
    s.tenders.push_back({"wechat", -1000, "4200001234"});
    s.tenders.push_back({"cash", -1700, ""});
    s.prevHash = std::string(64, '0');
    s.journalScheme = kJournalSchemeAsSent;
    s.hash = journalHash(s);
    return s;
}

/// The sale as the server decodes it from `sale` (a batch of one).
std::optional<SaleDoc> decodeOne(const json::value& sale) {
    json::object batch{
        {"v", kVersion}, {"outlet", "HZ-F01"}, {"terminal", 1}, {"sales", json::array{sale}}};
    auto decoded = decodeSaleBatch(json::serialize(batch));
    if (!decoded || decoded->sales.size() != 1)
        return std::nullopt;
    return decoded->sales[0];
}

/// Other values for `v` that the decoder still takes, to try in turn.
std::vector<json::value> alternatives(const json::value& v) {
    std::vector<json::value> out;
    if (v.is_int64()) {
        out.emplace_back(v.get_int64() + 1);
        out.emplace_back(v.get_int64() - 1);
    } else if (v.is_string()) {
        std::string s(v.get_string());
        out.emplace_back(s + "x");
        if (!s.empty()) {
            std::string last = s;
            last.back() = last.back() == '1' ? '2' : '1';
            out.emplace_back(last);
            // A date stays a date with its first digit changed ("2026-11-30": "3026-11-30").
            if (const auto digit = s.find_first_of("0123456789"); digit != std::string::npos) {
                std::string other = s;
                other[digit] = other[digit] == '9' ? '8' : static_cast<char>(other[digit] + 1);
                out.emplace_back(other);
            }
        }
        for (const char* e : {"sale", "return", "unit", "kg", "jin", "cash", "card"})
            if (s != e)
                out.emplace_back(e);
    } else if (v.is_null()) {
        out.emplace_back("x");
        out.emplace_back(1);
    }
    return out;
}

/// Calls `visit` with every scalar field of `object` (recursing into arrays of objects) and a
/// path naming it.
void eachField(json::object& object, const std::string& path,
               const std::function<void(json::value&, const std::string&)>& visit) {
    for (auto& [key, value] : object) {
        const std::string name = path + std::string(key);
        if (value.is_array()) {
            auto& items = value.get_array();
            for (std::size_t i = 0; i < items.size(); ++i)
                if (items[i].is_object())
                    eachField(items[i].get_object(), name + "[" + std::to_string(i) + "].", visit);
        } else {
            visit(value, name);
        }
    }
}

} // namespace

// Every field the server receives is covered: each field of the sale as it travels (found in
// its JSON, so a field added to the protocol and forgotten here fails this test), changed to
// another value the server would take, changes the hash the server computes.
TEST(JournalHash, EveryFieldAsSentChangesTheHash) {
    const SaleDoc base = sampleSale();
    const auto original = json::parse(encode(SaleBatch{"HZ-F01", 1, {base}}));
    json::value sale = original.at("sales").at(0);
    ASSERT_EQ(journalHash(*decodeOne(sale)), base.hash);
    std::vector<std::string> paths;
    eachField(sale.get_object(), "", [&](json::value& field, const std::string& path) {
        if (path == "hash" || path == "journal_scheme")
            return; // what the hash is, and how it was made
        paths.push_back(path);
        const json::value kept = field;
        bool tried = false;
        for (const auto& other : alternatives(kept)) {
            field = other;
            const auto decoded = decodeOne(sale);
            if (!decoded)
                continue;
            tried = true;
            EXPECT_NE(journalHash(*decoded), base.hash) << path << " changed to " << other;
            break;
        }
        EXPECT_TRUE(tried) << "no other value of " << path << " could be tried";
        field = kept;
    });
    EXPECT_GE(paths.size(), 14u + 2 * 15 + 2 * 3);
}

TEST(JournalHash, RemovedAddedOrReorderedLinesAndTendersChangeTheHash) {
    const SaleDoc base = sampleSale();
    std::set<std::string> hashes{base.hash};
    const auto variant = [&](const std::function<void(SaleDoc&)>& change) {
        SaleDoc s = base;
        change(s);
        return hashes.insert(journalHash(s)).second;
    };
    EXPECT_TRUE(variant([](SaleDoc& s) { s.lines.pop_back(); }));
    EXPECT_TRUE(variant([](SaleDoc& s) { s.lines.erase(s.lines.begin()); }));
    EXPECT_TRUE(variant([](SaleDoc& s) { s.lines.push_back(s.lines.back()); }));
    EXPECT_TRUE(variant([](SaleDoc& s) { std::swap(s.lines[0], s.lines[1]); }));
    EXPECT_TRUE(variant([](SaleDoc& s) { s.tenders.pop_back(); }));
    EXPECT_TRUE(variant([](SaleDoc& s) { s.tenders.push_back({"cash", 0, ""}); }));
    EXPECT_TRUE(variant([](SaleDoc& s) { std::swap(s.tenders[0], s.tenders[1]); }));
    EXPECT_TRUE(variant([](SaleDoc& s) { s.lines[1].originalLineNo = 0; }));
    EXPECT_TRUE(variant([](SaleDoc& s) { s.lines[0].originalLineNo.reset(); }));
    EXPECT_TRUE(variant([](SaleDoc& s) { s.prevHash = std::string(64, 'f'); }));
}

// Text cannot imitate a separator: moving a '|' or a line break from one field into another,
// or writing the escaped form literally, gives another text and another hash.
TEST(JournalHash, SeparatorsInsideTextCannotCollide) {
    SaleDoc a = sampleSale(), b = sampleSale();
    a.lines[0].sku = "A|B";
    a.lines[0].name = "C";
    b.lines[0].sku = "A";
    b.lines[0].name = "B|C";
    EXPECT_NE(canonicalSale(a), canonicalSale(b));
    EXPECT_NE(journalHash(a), journalHash(b));

    // A name that carries a whole forged tender record is still one field of one line.
    SaleDoc forged = sampleSale();
    const SaleDoc real = sampleSale(); // wechat 4200001234, then cash -1700
    forged.tenders.pop_back();
    forged.tenders.back().reference = "4200001234\nT|cash|-1700|";
    EXPECT_NE(canonicalSale(forged).substr(canonicalSale(forged).find("\nT|")),
              canonicalSale(real).substr(canonicalSale(real).find("\nT|")));

    SaleDoc escaped = sampleSale(), raw = sampleSale();
    escaped.cashier = "10%7C01";
    raw.cashier = "10|01";
    EXPECT_NE(canonicalSale(escaped), canonicalSale(raw));

    // However the text looks, the canonical form has one record per line: the header, the
    // sale, its lines and its tenders.
    SaleDoc nasty = sampleSale();
    nasty.lines[0].name = "a\nL|1|b\r\n|%|";
    nasty.tenders[0].reference = "\n\n";
    const auto text = canonicalSale(nasty);
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1 + 1 + 2 + 2);
    EXPECT_EQ(text.find('\r'), std::string::npos);
}

// An absent optional number is distinguishable from every number, and empty text from absent
// text's neighbours: "-" is never what an integer encodes to.
TEST(JournalHash, AbsentOptionalNumbersAreNotZeroOrEmpty) {
    SaleDoc none = sampleSale(), zero = sampleSale();
    none.lines[1].originalLineNo.reset();
    zero.lines[1].originalLineNo = 0;
    EXPECT_NE(journalHash(none), journalHash(zero));
    SaleDoc dash = sampleSale();
    dash.lines[1].promotion = "-";
    SaleDoc empty = sampleSale();
    empty.lines[1].promotion = "";
    EXPECT_NE(journalHash(dash), journalHash(empty));
}

// The exact text both sides hash, pinned: a change to the encoding is a new scheme, never a
// silent change that would turn every honest till's sales into journal breaks.
TEST(JournalHash, TheCanonicalTextIsFixed) {
    const SaleDoc s = sampleSale();
    EXPECT_EQ(
        canonicalSale(s),
        "baidian-sale-v2\n"
        "S|0b6f7d3e-3a47-4c1e-9d0e-6a1f5b2c8e01|7|HZ-F01-01-000007|return|"
        "5d2a1c9e-7b3f-4e8a-a1d0-2c6b9f4e7a13|2026-11-30T02:15:00Z|2026-11-30|1001|-2706|-1|6|"
        "-2700|0|2|2\n"
        "L|1|AKS-APL-01|阿克苏冰糖心苹果|0|1500|680|690|jin|-2040||0|0|5|-2035|1\n"
        "L|2|AKS-DAT-01|和田红枣|0|333|1999|1999|kg|-666|P-1|1|0|1|-665|-\n"
        "T|wechat|-1000|4200001234\n"
        "T|cash|-1700|\n");
    EXPECT_EQ(journalHash(s), crypto::HashChain::link(s.prevHash, canonicalSale(s)));
}

// journal_scheme travels with the sale; absent (an old till) means 1; 3 is keyed; 4 is nothing.
TEST(JournalHash, TheSchemeTravelsAndAbsentMeansOne) {
    const SaleDoc s = sampleSale();
    auto sale = json::parse(encode(SaleBatch{"HZ-F01", 1, {s}})).at("sales").at(0);
    EXPECT_EQ(decodeOne(sale)->journalScheme, kJournalSchemeAsSent);
    sale.get_object().erase("journal_scheme");
    EXPECT_EQ(decodeOne(sale)->journalScheme, kJournalSchemeTillRows);
    sale.get_object()["journal_scheme"] = 3;
    EXPECT_EQ(decodeOne(sale)->journalScheme, kJournalSchemeKeyed);
    sale.get_object()["journal_scheme"] = 4;
    EXPECT_FALSE(decodeOne(sale).has_value());
}

// Scheme 3 is HMAC-SHA256 under the terminal's key over scheme 2's input (prev hash, newline,
// canonical text): another key, another prev hash or another field gives another hash, and
// without a key the server has nothing to compare with.
TEST(JournalHash, TheKeyedSchemeIsAnHmacOfTheSameTextUnderTheTerminalsKey) {
    SaleDoc s = sampleSale();
    const auto key = crypto::newJournalKey();
    const auto other = crypto::newJournalKey();
    EXPECT_EQ(keyedJournalHash(s, key),
              crypto::hmacSha256Hex(key, s.prevHash + "\n" + canonicalSale(s)));
    EXPECT_NE(keyedJournalHash(s, key), journalHash(s));
    EXPECT_NE(keyedJournalHash(s, key), keyedJournalHash(s, other));
    s.journalScheme = kJournalSchemeKeyed;
    EXPECT_EQ(expectedJournalHash(s, &key), keyedJournalHash(s, key));
    EXPECT_FALSE(expectedJournalHash(s, nullptr));
    auto changed = s;
    changed.totalFen -= 1;
    EXPECT_NE(keyedJournalHash(changed, key), keyedJournalHash(s, key));
}
