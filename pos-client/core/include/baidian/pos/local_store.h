#pragma once

#include "baidian/crypto/journal_key.h"
#include "baidian/db/checkpointer.h"
#include "baidian/db/database.h"
#include "baidian/domain/barcode.h"
#include "baidian/domain/result.h"
#include "baidian/pos/types.h"
#include "baidian/protocol/messages.h"

#include <SQLiteCpp/Database.h>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace baidian::pos {

/// A quick key on the till's touch grid (head office's, per outlet type).
struct QuickKey {
    std::string category; ///< the tab it sits under
    std::string label;    ///< what the key says (the product's name unless head office gave one)
    CatalogItem item;
};

/// What one master-data delivery changed on the till, and what it could not take.
struct MasterApplied {
    int products = 0;
    int promotions = 0;
    int cashiers = 0;
    std::vector<protocol::SkippedRecord> skipped; ///< of this delivery, with the reason
};

/// The till's own SQLite database: settings, the catalog copy, cashiers and promotions.
/// Selling (sales, shifts, journal, outbox) goes through Till, which uses this connection.
/// Not thread-safe: one LocalStore per thread (open the same file again for another thread).
class LocalStore {
public:
    /// Opens or creates the database at `path`, brings its schema up to date and fills the
    /// default barcode layouts on first use. Errors: Storage.
    static Result<LocalStore> open(const std::string& path);
    /// How the till's database is opened: 1 KiB pages for a new one, and one WAL write per
    /// transaction (a sale's commit is what the cashier waits for).
    static db::OpenOptions databaseOptions();

    SQLite::Database& database() { return m_db; }

    /// The till's journal key (loadJournalKey), or null: new sales and till events are journaled
    /// keyed (scheme 3) with it, and the keyed PIN verifiers head office sends are checked with
    /// it. Without one the till journals as before (scheme 2), which the server counts as
    /// unkeyed, and knows only PINs whose argon2id hash it holds.
    const crypto::JournalKey* journalKey() const { return m_journalKey ? &*m_journalKey : nullptr; }
    void setJournalKey(std::optional<crypto::JournalKey> key) { m_journalKey = std::move(key); }
    /// Statements the selling path reuses on this store's connection (GUI thread only).
    db::StatementCache& statements() { return *m_statements; }

    // --- settings -------------------------------------------------------------------------
    Result<TerminalConfig> terminal();
    Status setTerminal(const TerminalConfig& config);
    std::int64_t settingInt(const std::string& key, std::int64_t fallback);
    std::string settingText(const std::string& key, const std::string& fallback);
    void setSetting(const std::string& key, const std::string& value);

    // --- outbox ---------------------------------------------------------------------------
    /// Sales in the outbox that the server has not acknowledged yet (what a push will send).
    std::int64_t unsentSales();

    // --- catalog --------------------------------------------------------------------------
    /// Adds or replaces a product (by SKU) and its barcodes. The pinyin code is made from the
    /// name when empty. Errors: InvalidArgument (validation), Conflict (PLU or barcode taken).
    Result<std::int64_t> upsertProduct(domain::Product product);
    std::optional<CatalogItem> productById(std::int64_t id);
    std::optional<CatalogItem> productBySku(const std::string& sku);
    std::optional<CatalogItem> productByBarcode(const std::string& gtinKey);
    std::optional<CatalogItem> productByPlu(const std::string& plu);
    /// Active products whose pinyin code, name or SKU contains `text`; pinyin codes that start
    /// with it first, then shorter codes, at most `limit`.
    std::vector<CatalogItem> search(const std::string& text, int limit = 50);
    /// The label layouts of this till (barcode_layout table), loaded at open.
    const domain::VariableMeasureLayouts& layouts() const { return m_layouts; }

    /// Applies head office's master data from the server in one transaction (head office wins):
    /// products by SKU (inactive ones are hidden from sale), promotions by code, this outlet's
    /// cashiers with their PIN hashes; records the version. Record by record: one the till
    /// cannot take (master_limits.h, a PLU or barcode another product holds, a promotion of an
    /// unknown product, or one the decoder already skipped) is skipped and remembered, the rest
    /// applied, and the version still moves on. Errors (Storage only) leave everything as it was.
    Result<MasterApplied> applyMasterData(const protocol::MasterData& data);
    /// Replaces the quick keys (what a pull carrying them does). Keys over the master-data
    /// limits are refused, nothing changed. Errors: InvalidArgument, Storage.
    Status setQuickKeys(const std::vector<protocol::QuickKeyDoc>& keys);
    /// The quick keys in head office's order, each with its product; keys of products the till
    /// does not sell (unknown or inactive) are left out.
    std::vector<QuickKey> quickKeys();
    /// Master records skipped by an earlier delivery and not yet delivered again in a form the
    /// till takes (reason without the record's JSON).
    std::vector<protocol::SkippedRecord> skippedMasterRecords();

    // --- cashiers -------------------------------------------------------------------------
    /// PIN: 4-8 digits, stored as an argon2id hash. Errors: InvalidArgument, Conflict.
    Result<Cashier> addCashier(const std::string& code, const std::string& name, Role role,
                               const std::string& pin);
    /// Errors: Unauthorized for an unknown code, an inactive cashier or a wrong PIN (the
    /// message does not say which, so PINs cannot be probed per cashier). A keyed verifier is
    /// checked with journalKey(); without the key it matches no PIN.
    Result<Cashier> authenticate(const std::string& code, const std::string& pin);
    std::optional<Cashier> cashierByCode(const std::string& code);

    // --- promotions -----------------------------------------------------------------------
    Result<std::int64_t> addPromotion(const Promotion& promotion);
    /// Promotions of a product valid on `date` (YYYY-MM-DD).
    std::vector<Promotion> promotionsFor(std::int64_t productId, const std::string& date);

private:
    explicit LocalStore(SQLite::Database db)
        : m_db(std::move(db)) {}
    Status loadLayouts();

    SQLite::Database m_db;
    std::unique_ptr<db::StatementCache> m_statements = std::make_unique<db::StatementCache>();
    /// WAL checkpoints run beside the till, not inside the commit of a sale.
    std::unique_ptr<db::BackgroundCheckpointer> m_checkpointer;
    domain::VariableMeasureLayouts m_layouts;
    std::optional<crypto::JournalKey> m_journalKey;
};

/// Reads the till's journal key file (crypto::journalKeyFileBeside its private key): nullopt
/// when there is no such file (a till provisioned before keys); the key when it holds 64 hex
/// digits and only its owner may read it. Errors: InvalidArgument (the file is readable or
/// writable by others, or holds something else), Storage (it cannot be read), naming the file
/// and what to do.
Result<std::optional<crypto::JournalKey>> loadJournalKey(const std::string& path);

} // namespace baidian::pos
