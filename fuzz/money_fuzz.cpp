// Money parsing (domain/money): any text either parses to non-negative cents or gives a
// reason; what parses is written back by format_decimal and format_money and reads again as
// the same cents, with either decimal mark where the text allows it.
#include "fuzz_target.h"
#include "refer/domain/money.h"

#include <string_view>

using namespace refer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view text(reinterpret_cast<const char*>(data), size);
    for (DecimalMark mark : {DecimalMark::point, DecimalMark::comma}) {
        MoneyParse parsed = parse_money(text, mark);
        FUZZ_CHECK(parsed.cents.has_value() != !parsed.error.empty());
        if (!parsed.cents) continue;
        Cents cents = *parsed.cents;
        FUZZ_CHECK(cents >= 0);
        FUZZ_CHECK(parse_money(format_decimal(cents)).cents == cents);
        FUZZ_CHECK(parse_money(format_money(cents)).cents == cents);
        FUZZ_CHECK(percent_of(cents, 10000) == cents);
    }
    return 0;
}
