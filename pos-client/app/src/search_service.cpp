#include "search_service.h"

#include "baidian/pos/catalog_index.h"
#include "basket_model.h"

namespace baidian::app {

class SearchService::Worker : public QObject {
    Q_OBJECT
public:
    Worker(QString path, std::shared_ptr<std::atomic<quint64>> latest)
        : m_path(std::move(path))
        , m_latest(std::move(latest)) {}

public slots:
    void load() {
        auto store = pos::LocalStore::open(m_path.toStdString());
        if (store)
            m_index = std::make_unique<pos::CatalogIndex>(pos::CatalogIndex::build(store.value()));
    }
    void search(quint64 generation, const QString& text) {
        if (generation != m_latest->load() || !m_index)
            return; // a newer keystroke is already queued
        QList<SearchHit> hits;
        for (const auto& hit : m_index->search(text.toStdString(), 50))
            hits.push_back({hit.productId, QString::fromStdString(hit.sku),
                            QString::fromStdString(hit.name), QString::fromStdString(hit.pinyin),
                            BasketModel::priceText(hit.price), QString::fromStdString(hit.plu)});
        emit found(generation, text, hits);
    }

signals:
    void found(quint64 generation, const QString& text, const QList<baidian::app::SearchHit>& hits);

private:
    QString m_path;
    std::shared_ptr<std::atomic<quint64>> m_latest;
    std::unique_ptr<pos::CatalogIndex> m_index;
};

SearchService::SearchService(const QString& databasePath, QObject* parent)
    : QObject(parent)
    , m_latest(std::make_shared<std::atomic<quint64>>(0)) {
    qRegisterMetaType<SearchHit>();
    qRegisterMetaType<QList<SearchHit>>();
    m_worker = new Worker(databasePath, m_latest);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &Worker::found, this,
            [this](quint64 generation, const QString& text, const QList<SearchHit>& hits) {
                if (generation == m_latest->load())
                    emit results(text, hits);
            });
    m_thread.setObjectName(QStringLiteral("catalog-search"));
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &Worker::load, Qt::QueuedConnection);
}

SearchService::~SearchService() {
    m_thread.quit();
    m_thread.wait();
}

void SearchService::request(const QString& text) {
    const quint64 generation = ++*m_latest;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, generation, text] { worker->search(generation, text); },
        Qt::QueuedConnection);
}

void SearchService::reload() {
    QMetaObject::invokeMethod(m_worker, &Worker::load, Qt::QueuedConnection);
}

} // namespace baidian::app

#include "search_service.moc"
