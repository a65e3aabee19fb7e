#pragma once
// Help like git's: the short usage with the command list, the global options in every
// command's --help, and the nearest command for a mistyped one (src/cli/help.cpp).
#include <CLI/CLI.hpp>
#include <memory>
#include <string>

namespace refer {

// `refer import` for the `import` app: the names from the root down.
std::string command_path(const CLI::App& command);

// Whether an option takes a value: a flag (--json, -q) does not.
inline bool takes_value(const CLI::Option& option) { return option.get_expected_max() > 0; }

// The usage line and the commands of `group` (refer itself, or a group such as `import`),
// and where to read more: what `refer help` prints, and `refer` alone (on stderr).
std::string command_list(const CLI::App& group);

// The subcommand of `group` named `word`, or nullptr.
CLI::App* subcommand_named(CLI::App& group, const std::string& word);

// `unknown command "imprt"; did you mean "import"?` for a word that names no subcommand of
// `group`, or `... (see refer import --help)` when no name is near.
std::string unknown_command(const CLI::App& group, const std::string& word);

// What the words of a command line name, read before CLI11 parses them: an unknown command
// or option of a group (`error`), or a group without its command (`missing`). A request for
// help or the version is left to CLI11, unless a word before it names no command.
struct CommandWords {
    std::string error;
    const CLI::App* missing = nullptr;
};
CommandWords read_command_words(CLI::App& app, int argc, const char* const* argv);

// The help formatter: CLI11's, with refer's global options after every command's own.
std::shared_ptr<CLI::Formatter> help_formatter();

} // namespace refer
