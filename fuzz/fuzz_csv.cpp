// CSV files head office imports (outlet registry, catalog, prices, promotions): whatever bytes
// come in, parsing ends with a table or an error, and a table written back reads the same.
#include "baidian/csv/csv.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace baidian;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto table = csv::parse(input);
    if (!table)
        return 0;
    std::vector<std::vector<std::string>> rows{table->header};
    for (const auto& r : table->rows) {
        if (r.fields.size() != table->header.size())
            std::abort(); // every row has the header's width
        rows.push_back(r.fields);
    }
    auto again = csv::parse(csv::write(rows));
    if (!again || again->header != table->header || again->rows.size() != table->rows.size())
        std::abort();
    for (std::size_t i = 0; i < table->rows.size(); ++i)
        if (again->rows[i].fields != table->rows[i].fields)
            std::abort();
    return 0;
}
