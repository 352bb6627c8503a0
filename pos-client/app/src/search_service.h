#pragma once

#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThread>
#include <atomic>
#include <memory>

namespace baidian::app {

struct SearchHit {
    qint64 productId = 0;
    QString sku;
    QString name;
    QString pinyin;
    QString price; ///< "¥5.90/斤": two products of one name differ here
    QString plu;
};

/// Search-as-you-type off the GUI thread: a worker thread with its own database connection
/// holds the catalog index; request() returns at once, and results() arrives for the newest
/// request only (stale keystrokes are skipped, never shown).
class SearchService : public QObject {
    Q_OBJECT
public:
    explicit SearchService(const QString& databasePath, QObject* parent = nullptr);
    ~SearchService() override;

    void request(const QString& text);
    /// Rebuild the index (after master data changed).
    void reload();

signals:
    void results(const QString& text, const QList<baidian::app::SearchHit>& hits);

private:
    class Worker;
    QThread m_thread;
    Worker* m_worker;
    std::shared_ptr<std::atomic<quint64>> m_latest;
};

} // namespace baidian::app

Q_DECLARE_METATYPE(baidian::app::SearchHit)
