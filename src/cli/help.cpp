// Help like git's: `refer help [COMMAND [SUBCOMMAND]]`, the command list that `refer` alone and
// a group without its command print, the global options in every --help, and "did you mean".
#include "refer/cli/help.h"

#include "refer/cli/app.h"
#include "refer/error.h"
#include "refer/util/text.h"

#include <algorithm>
#include <fmt/format.h>
#include <memory>

namespace refer {

static const CLI::App& root_of(const CLI::App& command)
{
    const CLI::App* root = &command;
    while (root->get_parent() != nullptr) root = root->get_parent();
    return *root;
}

std::string command_path(const CLI::App& command)
{
    if (command.get_parent() == nullptr) return command.get_name();
    return command_path(*command.get_parent()) + " " + command.get_name();
}

static std::vector<const CLI::App*> subcommands_of(const CLI::App& group)
{
    return group.get_subcommands([](const CLI::App*) { return true; });
}

// The options every command takes (the root's), without --help and --version.
static std::vector<const CLI::Option*> global_options(const CLI::App& root)
{
    return root.get_options([&root](const CLI::Option* o) {
        return o != root.get_help_ptr() && o != root.get_help_all_ptr() && o != root.get_version_ptr();
    });
}

// `[--db PATH]`, `[-q]`: an option as the usage line shows it.
static std::string usage_word(const CLI::Option& o)
{
    std::string name = o.get_snames().empty() ? "--" + o.get_lnames().front() : "-" + o.get_snames().front();
    if (takes_value(o)) name += " " + o.get_type_name();
    return "[" + name + "]";
}

std::string command_list(const CLI::App& group)
{
    std::string usage = "usage: " + command_path(group);
    std::vector<std::string> words;
    if (group.get_parent() == nullptr)
        for (const CLI::Option* o : global_options(group)) words.push_back(usage_word(*o));
    words.push_back("COMMAND [ARGS]");
    size_t indent = usage.size() + 1, line_start = 0;
    for (const std::string& word : words) {
        if (usage.size() - line_start + 1 + word.size() > 80) {
            line_start = usage.size() + 1;
            usage += "\n" + std::string(indent - 1, ' ');
        }
        usage += " " + word;
    }
    std::string out = usage + "\n\nCommands:\n";
    size_t width = 0;
    for (const CLI::App* sub : subcommands_of(group)) width = std::max(width, sub->get_name().size());
    for (const CLI::App* sub : subcommands_of(group))
        out += fmt::format("  {:<{}}  {}\n", sub->get_name(), width, sub->get_description());
    if (group.get_parent() == nullptr)
        out += "\nRun 'refer help COMMAND' for a command's options, 'man refer' for the manual.\n";
    else
        out += fmt::format("\nRun 'refer help {} COMMAND' for a command's options.\n", group.get_name());
    return out;
}

CLI::App* subcommand_named(CLI::App& group, const std::string& word)
{
    for (CLI::App* sub : group.get_subcommands([](CLI::App*) { return true; }))
        if (sub->check_name(word)) return sub;
    return nullptr;
}

// The names a mistyped `word` most likely meant: the nearest by edit distance (one edit for
// words of up to three letters, two for longer ones), else the names it begins.
static std::vector<std::string_view> nearest_names(const CLI::App& group, std::string_view word)
{
    std::vector<std::string_view> nearest;
    size_t best = word.size() <= 3 ? 1 : 2;
    for (const CLI::App* sub : subcommands_of(group)) {
        size_t distance = edit_distance(word, sub->get_name());
        if (distance < best) {
            nearest.clear();
            best = distance;
        }
        if (distance == best) nearest.push_back(sub->get_name());
    }
    if (!nearest.empty() || word.size() < 2) return nearest;
    for (const CLI::App* sub : subcommands_of(group))
        if (sub->get_name().starts_with(word)) nearest.push_back(sub->get_name());
    return nearest;
}

std::string unknown_command(const CLI::App& group, const std::string& word)
{
    std::vector<std::string_view> nearest = nearest_names(group, word);
    if (nearest.empty()) return fmt::format("unknown command \"{}\" (see {} --help)", word, command_path(group));
    std::vector<std::string> quoted;
    for (std::string_view name : nearest) quoted.push_back(fmt::format("\"{}\"", name));
    std::vector<std::string_view> views(quoted.begin(), quoted.end());
    return fmt::format("unknown command \"{}\"; did you mean {}?", word, spoken_list(views));
}

// The option `word` (`--db`, `--db=x.db`, `-q`) names for `command`: its own, else one of the
// commands above it, since every command falls through to them.
static const CLI::Option* option_named(const CLI::App& command, std::string_view word)
{
    bool is_long = word.starts_with("--");
    std::string name(is_long ? word.substr(0, word.find('=')) : word.substr(0, 2));
    for (const CLI::App* app = &command; app != nullptr; app = app->get_parent())
        for (const CLI::Option* o : app->get_options())
            if (o->nonpositional() && o->check_name(name)) return o;
    return nullptr;
}

static bool asks_for_help(const CLI::App& command, const CLI::Option* o)
{
    const CLI::App& root = root_of(command);
    for (const CLI::App* app = &command; app != nullptr; app = app->get_parent())
        if (o == app->get_help_ptr() || o == app->get_help_all_ptr()) return true;
    return o == root.get_version_ptr();
}

CommandWords read_command_words(CLI::App& app, int argc, const char* const* argv)
{
    CLI::App* current = &app;
    bool help = false;
    for (int i = 1; i < argc && !subcommands_of(*current).empty(); ++i) { // a command's own words are CLI11's
        std::string word = argv[i];
        if (word == "--") break;
        if (word.size() > 1 && word.front() == '-') {
            const CLI::Option* o = option_named(*current, word);
            if (o == nullptr)
                return {fmt::format("unknown option \"{}\" (see {} --help)", word, command_path(*current)), nullptr};
            help = help || asks_for_help(*current, o);
            bool value_attached = word.find('=') != std::string::npos || (!word.starts_with("--") && word.size() > 2);
            if (takes_value(*o) && !value_attached) ++i;
            continue;
        }
        CLI::App* next = subcommand_named(*current, word);
        if (next == nullptr) return {unknown_command(*current, word), nullptr};
        current = next;
    }
    if (help || subcommands_of(*current).empty()) return {};
    return {{}, current};
}

namespace {

class HelpFormatter : public CLI::Formatter {
public:
    // The command's footer (its example) after the global options, which CLI11 would not
    // show in a subcommand's help although every subcommand takes them.
    std::string make_footer(const CLI::App* app) const override
    {
        std::string footer = CLI::Formatter::make_footer(app);
        if (app->get_parent() == nullptr) return footer;
        std::string globals = "Global options:\n";
        for (const CLI::Option* o : global_options(root_of(*app))) globals += make_option(o, false);
        return footer.empty() ? globals : globals + "\n" + footer;
    }
};

struct HelpOptions {
    std::vector<std::string> words;
};

// The --help text of the command the words name, or the command list for none.
static std::string help_text(CLI::App& root, const std::vector<std::string>& words)
{
    CLI::App* command = &root;
    for (const std::string& word : words) {
        CLI::App* next = subcommand_named(*command, word);
        if (next == nullptr) throw usage_error(unknown_command(*command, word));
        command = next;
    }
    if (command == &root) return command_list(root);
    return command->help(command_path(*command->get_parent()));
}

} // namespace

std::shared_ptr<CLI::Formatter> help_formatter() { return std::make_shared<HelpFormatter>(); }

void setup_help(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto o = std::make_shared<HelpOptions>();
    CLI::App* cmd = app.add_subcommand("help", "Show the commands, or a command's options (same as COMMAND --help)");
    cmd->add_option("COMMAND", o->words, "A command, and a subcommand of a group (help import clients)");
    cmd->footer("Example: refer help payouts pay");
    cmd->callback([o, &app, &globals, &selected] {
        selected = [o, &app, &globals] { Terminal(globals).data(help_text(app, o->words)); };
    });
}

} // namespace refer
