#include "labels.h"

#include "baidian/domain/clock.h"
#include "baidian/domain/money.h"
#include "baidian/domain/weight.h"

#include <QCoreApplication>
#include <QDateTime>

namespace baidian::console {

QDate localDate(const domain::Clock& clock) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(clock.now().time_since_epoch());
    return QDateTime::fromMSecsSinceEpoch(ms.count()).date();
}

namespace {
/// The translation context of these labels.
struct Labels {
    Q_DECLARE_TR_FUNCTIONS(Labels)
};

/// bp (1/100 of a percent) as "12.34%".
QString percent(std::int64_t bp) {
    return QString::fromStdString(protocol::formatScore(bp)) + QLatin1Char('%');
}
} // namespace

QStringList typeCodes() {
    return {QStringLiteral("flagship"), QStringLiteral("direct"), QStringLiteral("franchise"),
            QStringLiteral("counter"),  QStringLiteral("popup"),  QStringLiteral("online")};
}

QString typeLabel(const std::string& type) {
    if (type == "flagship")
        return Labels::tr("Flagship");
    if (type == "direct")
        return Labels::tr("Directly operated");
    if (type == "franchise")
        return Labels::tr("Franchise");
    if (type == "counter")
        return Labels::tr("Counter");
    if (type == "popup")
        return Labels::tr("Pop-up");
    if (type == "online")
        return Labels::tr("Online shop");
    return QString::fromStdString(type);
}

QString statusLabel(const std::string& status) {
    if (status == "open")
        return Labels::tr("Open");
    if (status == "suspended")
        return Labels::tr("Suspended");
    if (status == "closed")
        return Labels::tr("Closed");
    return QString::fromStdString(status);
}

QString metricLabel(const std::string& metric) {
    if (metric == "revenue")
        return Labels::tr("Revenue");
    if (metric == "growth")
        return Labels::tr("Growth on prior period");
    if (metric == "revenue_per_m2")
        return Labels::tr("Revenue per m²");
    if (metric == "average_ticket")
        return Labels::tr("Average ticket");
    if (metric == "shrink_rate")
        return Labels::tr("Shrink rate");
    if (metric == "returns_rate")
        return Labels::tr("Returns rate");
    if (metric == "price_compliance")
        return Labels::tr("Price compliance");
    if (metric == "sync_timeliness")
        return Labels::tr("Sync timeliness");
    if (metric == "inspection")
        return Labels::tr("Inspection score");
    return QString::fromStdString(metric);
}

QString flagLabel(const std::string& flag) {
    if (flag == "refund_spike")
        return Labels::tr("Refund spike");
    if (flag == "closing_burst")
        return Labels::tr("Sales burst before closing");
    if (flag == "above_history")
        return Labels::tr("Far above own history");
    return QString::fromStdString(flag);
}

QString noteLabel(const std::string& note) {
    static const std::vector<std::pair<const char*, const char*>> kNotes = {
        {"no sales in the prior period",
         QT_TRANSLATE_NOOP("Labels", "no sales in the prior period")},
        {"no floor area in the registry",
         QT_TRANSLATE_NOOP("Labels", "no floor area in the registry")},
        {"no tickets", QT_TRANSLATE_NOOP("Labels", "no tickets")},
        {"no sales or write-offs", QT_TRANSLATE_NOOP("Labels", "no sales or write-offs")},
        {"no sales", QT_TRANSLATE_NOOP("Labels", "no sales")},
        {"no sale lines", QT_TRANSLATE_NOOP("Labels", "no sale lines")},
        {"no day was due yet", QT_TRANSLATE_NOOP("Labels", "no day was due yet")},
        {"not inspected this period", QT_TRANSLATE_NOOP("Labels", "not inspected this period")},
        {"not measured for any eligible outlet of this type: left out, the other weights scaled up",
         QT_TRANSLATE_NOOP("Labels", "not measured for any eligible outlet of this type: left "
                                     "out, the other weights scaled up")}};
    for (const auto& [text, source] : kNotes)
        if (note == text)
            return Labels::tr(source);
    return QString::fromStdString(note);
}

QString yuan(std::int64_t fen) {
    return QString::fromStdString(domain::Fen(fen).format());
}

QString tonnes(std::int64_t grams) {
    return QString::fromStdString(domain::Grams(grams).formatTonnes()) + Labels::tr(" t");
}

QString score(std::int64_t centi) {
    return QString::fromStdString(protocol::formatScore(centi));
}

QString metricValue(const protocol::MetricDoc& m) {
    if (!m.value)
        return QStringLiteral("—");
    if (m.unit == "fen")
        return yuan(*m.value);
    if (m.unit == "fen_per_m2")
        return yuan(*m.value) + Labels::tr("/m²");
    if (m.unit == "bp")
        return percent(*m.value);
    return QString::number(*m.value);
}

} // namespace baidian::console
