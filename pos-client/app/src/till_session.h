#pragma once

#include "baidian/pos/sync_agent.h"
#include "baidian/pos/till.h"

#include <QObject>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

namespace baidian::app {

/// What the till program was started with.
struct TillOptions {
    QString databasePath = QStringLiteral("till.db");
    std::optional<pos::ServerEndpoint> server; ///< background sync when set
    QString printerPath;                       ///< ESC/POS device or file; empty: none
    int receiptColumns = 32;                   ///< 32 for 58 mm paper, 48 for 80 mm
};

/// The till's engine as the widgets see it: owns the database connection (GUI thread only), the
/// selling engine and the background sync; turns engine errors into text for the cashier.
/// Every engine call is synchronous and local (milliseconds); the one that waits for the network
/// is a return of another till's receipt, which asks head office for the sale (only while the
/// background sync reports the server reachable, for at most 5 seconds).
class TillSession : public QObject {
    Q_OBJECT
public:
    static std::unique_ptr<TillSession> open(const TillOptions& options, QString* error);
    ~TillSession() override;

    pos::Till& till() { return *m_till; }
    pos::LocalStore& store() { return *m_store; }
    const TillOptions& options() const { return m_options; }
    pos::TerminalConfig terminal();

    bool syncConfigured() const { return m_sync != nullptr; }
    bool online() const { return m_sync && m_sync->online(); }
    std::int64_t pendingSales();

    /// Engine error as a line for the status bar: a short headline in the UI language and the
    /// engine's detail (which names the barcode, the amount, the limit ...).
    static QString describe(const Error& error);
    /// The engine's detail alone, in the UI language when the error is keyed.
    static QString detail(const Error& error);

    /// After a completed sale: wake the background sync.
    void nudgeSync();
    /// Writes an ESC/POS stream to the configured printer; returns an error text or empty.
    QString print(const std::string& bytes);

signals:
    void basketChanged();
    /// A sale or return was completed (the customer display says thank you).
    void saleCompleted(const baidian::pos::CompletedSale& sale);

public:
    void notifyBasketChanged() { emit basketChanged(); }
    void notifySaleCompleted(const pos::CompletedSale& sale) { emit saleCompleted(sale); }

private:
    TillSession() = default;
    TillOptions m_options;
    std::unique_ptr<pos::LocalStore> m_store;
    domain::SystemClock m_clock;
    std::unique_ptr<pos::Till> m_till;
    std::unique_ptr<pos::BackgroundSync> m_sync;
    std::unique_ptr<pos::HttpsClient> m_lookup; ///< the sale look-up's connection (GUI thread)
};

} // namespace baidian::app
