#pragma once
// Program files (SPEC 7, 12): a TOML file read into a Program, or the first problem in it
// as `file:line:column: message`, naming the key; and a Program written back as TOML.
// Money and percentages are read from the value's text in the file, never through the
// double TOML makes of `100.00`.
#include "refer/domain/program.h"

#include <optional>
#include <string>
#include <string_view>

namespace refer {

struct ProgramParse {
    std::optional<Program> program; // set when the file is valid
    std::string error;              // otherwise `program.toml:14:9: unknown key "ammount" in [[rewards]]`
};

// Every key the file does not give takes program_defaults(); `name` is required.
ProgramParse read_program(std::string_view text, std::string_view file_name);

// A program file that read_program reads back as `program`: every setting written out,
// money with 2 decimals, no comments.
std::string to_toml(const Program& program);

} // namespace refer
