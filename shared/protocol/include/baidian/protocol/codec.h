#pragma once
// JSON encoding and strict decoding of protocol v1 messages. Decoding never throws: malformed,
// truncated or mistyped JSON, unknown enum values, out-of-range numbers and oversize arrays are
// errors naming the field ("sales[3].lines[0].grams: must be a non-negative integer").

#include "baidian/domain/result.h"
#include "baidian/protocol/messages.h"

#include <string>
#include <string_view>

namespace baidian::protocol {

std::string encode(const SaleBatch& batch);
std::string encode(const SaleBatchResult& result);
std::string encode(const MasterData& data);
std::string encode(const ShiftReportDoc& report);
std::string encode(const ReconcileDoc& reconcile);
std::string encode(const ErrorDoc& error);
std::string encode(const MovementBatch& batch);
std::string encode(const TillEventBatch& batch);
/// One event alone (what a quarantine keeps).
std::string encode(const TillEventDoc& event);
/// One movement alone (what a quarantine keeps of a movement that breaks a rule).
std::string encode(const MovementDoc& movement);
std::string encode(const IncomingTransfers& transfers);
std::string encode(const JournalHeadDoc& head);
std::string encode(const SaleLookup& lookup);

Result<SaleBatch> decodeSaleBatch(std::string_view json);
Result<SaleBatchResult> decodeSaleBatchResult(std::string_view json);
/// Record by record: a product, promotion or cashier that is mistyped or breaks the limits of
/// master_limits.h lands in `skipped`; only a body that is not JSON, not an object or without
/// the three lists is an error.
Result<MasterData> decodeMasterData(std::string_view json);
Result<ShiftReportDoc> decodeShiftReport(std::string_view json);
Result<ReconcileDoc> decodeReconcile(std::string_view json);
Result<ErrorDoc> decodeError(std::string_view json);
/// Record by record: a mistyped movement lands in `rejected`; only a body that is not JSON or
/// not a movement batch is an error.
Result<MovementBatch> decodeMovementBatch(std::string_view json);
/// Event by event, as decodeMovementBatch.
Result<TillEventBatch> decodeTillEventBatch(std::string_view json);
/// The hash must be 64 lower-case hex digits, the scheme 1 to 3, the terminal 1 to 99.
Result<JournalHeadDoc> decodeJournalHead(std::string_view json);
/// Transfer by transfer: an entry that is mistyped or has a negative quantity lands in
/// `skipped`.
Result<IncomingTransfers> decodeIncomingTransfers(std::string_view json);

/// The sale must be of kind "sale"; each return of kind "return" with the sale's UUID as its
/// original.
Result<SaleLookup> decodeSaleLookup(std::string_view json);

/// What a Z report's upload was answered: stored (or a repeat of the one stored), or kept
/// beside another report under the same shift id (`conflict`, with a reason).
std::string encode(const ShiftReportAnswer& answer);
Result<ShiftReportAnswer> decodeShiftReportAnswer(std::string_view json);

} // namespace baidian::protocol
