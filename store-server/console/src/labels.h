#pragma once

#include <QDate>
// How the console shows codes and amounts: outlet types, statuses, metrics and flags in the UI
// language, money in yuan from fen, weight in tonnes or kilograms from grams.

#include "baidian/protocol/office.h"

#include <QString>

namespace baidian::domain {
class Clock;
}

namespace baidian::console {

/// Today on this machine's calendar (local time, as QDate::currentDate()), read from `clock`.
QDate localDate(const domain::Clock& clock);

QString typeLabel(const std::string& type);
QString statusLabel(const std::string& status);
QString metricLabel(const std::string& metric);
QString flagLabel(const std::string& flag);
/// A metric's note from the server in the UI language (known notes; others as sent).
QString noteLabel(const std::string& note);
/// A metric's value in its unit: ¥, %, ¥/m², points; "—" when it could not be measured.
QString metricValue(const protocol::MetricDoc& metric);
QString yuan(std::int64_t fen);
QString tonnes(std::int64_t grams);
QString score(std::int64_t centi);

/// The codes a type filter offers, in order (flagship first).
QStringList typeCodes();

} // namespace baidian::console
