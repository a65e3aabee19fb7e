// The TOML program loader (programio/program_file): any text is either a program or one
// `file:line:column: message`; a program read is written back by to_toml into a file that
// reads again as the same program.
#include "fuzz_target.h"
#include "refer/programio/program_file.h"

#include <string>
#include <string_view>

using namespace refer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    std::string_view text(reinterpret_cast<const char*>(data), size);
    ProgramParse parsed = read_program(text, "fuzz.toml");
    FUZZ_CHECK(parsed.program.has_value() != !parsed.error.empty());
    if (!parsed.program) {
        FUZZ_CHECK(std::string_view(parsed.error).starts_with("fuzz.toml:"));
        return 0;
    }
    std::string written = to_toml(*parsed.program);
    ProgramParse again = read_program(written, "written.toml");
    if (!again.program) std::fprintf(stderr, "to_toml wrote:\n%s\nwhich reads as: %s\n", written.c_str(), again.error.c_str());
    FUZZ_CHECK(again.program.has_value());
    // The text, not Program's ==: a NaN target bound is never equal to itself.
    FUZZ_CHECK(to_toml(*again.program) == written);
    return 0;
}
