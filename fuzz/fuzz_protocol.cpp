// Every protocol v1 decoder on arbitrary bytes: must return a value or an error, never crash,
// and what decodes must encode and decode to the same value.
#include "baidian/protocol/codec.h"
#include "baidian/protocol/office.h"
#include "baidian/server/sale_rules.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace baidian::protocol;

/// Records a decoder skipped (mistyped, beyond the master-data limits) never travel: what
/// survives re-encoding is the rest.
template <typename T> T withoutSkipped(T value) {
    if constexpr (requires { value.skipped; })
        value.skipped.clear();
    if constexpr (requires { value.rejected; })
        value.rejected.clear();
    return value;
}

template <typename T, typename Decode> void roundTrip(std::string_view input, Decode decode) {
    auto first = decode(input);
    if (!first)
        return;
    auto again = decode(encode(*first));
    if (!again || !(*again == withoutSkipped(*first)))
        std::abort(); // a decoded message must survive re-encoding
}

/// Head-office messages: what decodes encodes to text that decodes to the same text again.
template <typename Decode> void roundTripText(std::string_view input, Decode decode) {
    auto first = decode(input);
    if (!first)
        return;
    const auto text = encode(*first);
    auto again = decode(text);
    if (!again || encode(*again) != text)
        std::abort();
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    roundTrip<SaleBatch>(input, decodeSaleBatch);
    roundTrip<SaleBatchResult>(input, decodeSaleBatchResult);
    roundTrip<MasterData>(input, decodeMasterData);
    roundTrip<ShiftReportDoc>(input, decodeShiftReport);
    roundTrip<ReconcileDoc>(input, decodeReconcile);
    roundTrip<MovementBatch>(input, decodeMovementBatch);
    roundTrip<TillEventBatch>(input, decodeTillEventBatch);
    roundTrip<IncomingTransfers>(input, decodeIncomingTransfers);
    roundTripText(input, decodeLoginRequest);
    roundTripText(input, decodeInspection);
    roundTripText(input, decodeSession);
    roundTripText(input, decodeOutletList);
    roundTripText(input, decodeDashboard);
    roundTripText(input, decodeRanking);
    roundTripText(input, decodeOutletDetail);
    roundTripText(input, decodeImportSummary);
    roundTripText(input, decodePeriodList);
    // Whatever the codec lets through, the sale rules judge without overflowing (UBSan).
    if (auto batch = decodeSaleBatch(input))
        for (const auto& sale : batch->sales)
            (void)baidian::server::checkSaleRules(sale, {}, {"2020-01-01", "2030-12-31"});
    return 0;
}
