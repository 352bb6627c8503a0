#include "till_session.h"

#include "baidian/crypto/journal_key.h"

#include <QCoreApplication>
#include <QFile>
#include <SQLiteCpp/Database.h>

namespace baidian::app {

std::unique_ptr<TillSession> TillSession::open(const TillOptions& options, QString* error) {
    auto store = pos::LocalStore::open(options.databasePath.toStdString());
    if (!store) {
        *error = detail(store.error());
        return nullptr;
    }
    std::unique_ptr<TillSession> session(new TillSession);
    session->m_options = options;
    session->m_store = std::make_unique<pos::LocalStore>(std::move(store).value());
    // The journal key lies beside the till's private key (store-admin issue-cert puts it
    // there); a till provisioned before keys has none and journals unkeyed.
    if (options.server && !options.server->keyFile.empty()) {
        auto key = pos::loadJournalKey(crypto::journalKeyFileBeside(options.server->keyFile));
        if (!key) {
            *error = detail(key.error());
            return nullptr;
        }
        session->m_store->setJournalKey(*key);
    }
    session->m_till = std::make_unique<pos::Till>(*session->m_store, session->m_clock);
    if (options.server) {
        session->m_sync = std::make_unique<pos::BackgroundSync>(options.databasePath.toStdString(),
                                                                *options.server);
        session->m_sync->start();
        // A return of another till's receipt asks head office for the sale; offline it is
        // refused at once rather than after a timeout.
        auto endpoint = *options.server;
        endpoint.timeout = std::chrono::seconds(5);
        session->m_lookup = std::make_unique<pos::HttpsClient>(endpoint);
        auto* raw = session.get();
        session->m_till->setSaleLookup(
            [raw](const std::string& receiptNo,
                  const std::string& uuid) -> Result<protocol::SaleLookup> {
                if (!raw->online())
                    return makeError(ErrorCode::Unavailable, "the server cannot be reached");
                return pos::lookupSale(*raw->m_lookup, receiptNo, uuid);
            });
    }
    return session;
}

TillSession::~TillSession() {
    if (m_sync)
        m_sync->stop();
}

pos::TerminalConfig TillSession::terminal() {
    auto t = m_store->terminal();
    return t ? *t : pos::TerminalConfig{};
}

std::int64_t TillSession::pendingSales() {
    return m_store->unsentSales();
}

void TillSession::nudgeSync() {
    if (m_sync)
        m_sync->nudge();
}

QString TillSession::describe(const Error& error) {
    QString headline;
    switch (error.code) {
    case ErrorCode::BadBarcode:
    case ErrorCode::BadCheckDigit:
        headline = QCoreApplication::translate("TillSession", "Barcode not readable");
        break;
    case ErrorCode::NotFound:
        headline = QCoreApplication::translate("TillSession", "Not found");
        break;
    case ErrorCode::InvalidArgument:
    case ErrorCode::ParseError:
        headline = QCoreApplication::translate("TillSession", "Not accepted");
        break;
    case ErrorCode::Conflict:
        headline = QCoreApplication::translate("TillSession", "Not possible now");
        break;
    case ErrorCode::Unauthorized:
        headline = QCoreApplication::translate("TillSession", "Not allowed");
        break;
    case ErrorCode::ApprovalRequired:
        headline = QCoreApplication::translate("TillSession", "Supervisor approval needed");
        break;
    case ErrorCode::Overflow:
        headline = QCoreApplication::translate("TillSession", "Amount too large");
        break;
    case ErrorCode::Storage:
        headline = QCoreApplication::translate("TillSession", "Could not save");
        break;
    case ErrorCode::Unavailable:
        headline = QCoreApplication::translate("TillSession", "Server unreachable");
        break;
    }
    // A keyed approval request says all itself ("删除 … 需要主管授权").
    if (error.code == ErrorCode::ApprovalRequired && !error.key.empty())
        return detail(error);
    return headline + QStringLiteral(": ") + detail(error);
}

QString TillSession::detail(const Error& error) {
    if (error.key.empty())
        return QString::fromStdString(error.message);
    // The wording in the UI's language, its %1 ... filled in one pass (an argument holding
    // "%2" stays as it is).
    const QString wording = QCoreApplication::translate("TillEngine", error.key.c_str());
    QString out;
    for (qsizetype i = 0; i < wording.size(); ++i) {
        const QChar next = i + 1 < wording.size() ? wording[i + 1] : QChar();
        if (wording[i] == QLatin1Char('%') && next >= QLatin1Char('1') &&
            next <= QLatin1Char('9') &&
            static_cast<std::size_t>(next.unicode() - u'1') < error.args.size()) {
            out +=
                QString::fromStdString(error.args[static_cast<std::size_t>(next.unicode() - u'1')]);
            ++i;
        } else {
            out += wording[i];
        }
    }
    return out;
}

QString TillSession::print(const std::string& bytes) {
    if (m_options.printerPath.isEmpty())
        return QCoreApplication::translate("TillSession",
                                           "No receipt printer is configured (--printer)");
    QFile device(m_options.printerPath);
    if (!device.open(QIODevice::WriteOnly | QIODevice::Append))
        return QCoreApplication::translate("TillSession", "Cannot open the printer %1: %2")
            .arg(m_options.printerPath, device.errorString());
    if (device.write(bytes.data(), static_cast<qint64>(bytes.size())) !=
        static_cast<qint64>(bytes.size()))
        return QCoreApplication::translate("TillSession",
                                           "The printer did not take the receipt: %1")
            .arg(device.errorString());
    return {};
}

} // namespace baidian::app
