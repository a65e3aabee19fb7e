// refer completion bash|zsh: a completion script written from the CLI::App tree that parses the
// command line, so that it cannot drift from it. The script is data (one case per command:
// subcommands, options, arguments; one per option or argument: what completes its value) and
// a walker shared by both shells; only the last step, offering the words, is the shell's own.
#include "refer/cli/completion.h"

#include "refer/cli/app.h"
#include "refer/cli/help.h"

#include <algorithm>
#include <fmt/format.h>
#include <memory>

namespace refer {

namespace {

// Read by bash and zsh alike. _refer_command and _refer_values are the data; @COMMANDS@ and
// @VALUES@ are filled with one case per command and per option or argument.
constexpr std::string_view k_shared = R"(
# _refer_command CMD: sets subs (the subcommands of CMD, e.g. "refer import"), opts (its
# options and those of the commands above it), args (how many arguments it takes) and
# more (1 when its last argument repeats).
_refer_command() {
    subs= opts= args=0 more=0
    case $1 in
@COMMANDS@    esac
}

# _refer_values CMD WHAT: sets values to what completes WHAT, an option of CMD or its Nth
# argument (#N): words, @file for a file name, nothing for free text. Fails for a flag.
_refer_values() {
    case "$1 $2" in
@VALUES@    *) return 1 ;;
    esac
}

# _refer_value CMD OPTION: _refer_values for OPTION of CMD or of a command above it.
_refer_value() {
    local cmd=$1
    until _refer_values "$cmd" "$2"; do
        [[ $cmd == *' '* ]] || return 1
        cmd=${cmd% *}
    done
}

# _refer_walk WORD...: reads the words before the cursor; sets cmd (the command they name),
# n (how many arguments it has been given) and pending (an option waiting for its value).
_refer_walk() {
    local word subs opts args more values ended=0
    cmd=refer n=0 pending=
    for word in "$@"; do
        if [[ -n $pending ]]; then
            [[ $word == = ]] || pending= # bash splits --format=csv into --format = csv
            continue
        fi
        if (( ! ended )) && [[ $word == -?* ]]; then
            [[ $word == -- ]] && ended=1
            [[ $word != *=* ]] && _refer_value "$cmd" "$word" && pending=$word
            continue
        fi
        _refer_command "$cmd"
        if (( n == 0 )) && [[ " $subs " == *" $word "* ]]; then
            cmd="$cmd $word"
        else
            n=$((n + 1))
        fi
    done
}
)";

constexpr std::string_view k_bash_header = R"(# bash completion for refer @VERSION@, written by `refer completion bash` from the
# definitions refer parses its command line with. For this shell: source <(refer completion bash)
)";

constexpr std::string_view k_bash_driver = R"(
# _refer_reply WORDS: COMPREPLY gets the words that begin with cur, quoted for the shell
# (or the file names that do, for @file).
_refer_reply() {
    if [[ $1 == @file ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        return
    fi
    local word quoted words
    read -ra words <<<"$1"
    for word in "${words[@]}"; do
        [[ $word == "$cur"* ]] || continue
        printf -v quoted '%q' "$word"
        COMPREPLY+=("$quoted")
    done
}

_refer() {
    local cur=${COMP_WORDS[COMP_CWORD]} cmd n pending subs opts args more values
    COMPREPLY=()
    _refer_walk "${COMP_WORDS[@]:1:COMP_CWORD-1}"
    [[ $cur == = && -n $pending ]] && cur=
    if [[ -n $pending ]]; then
        _refer_value "$cmd" "$pending" && _refer_reply "$values"
        return 0
    fi
    _refer_command "$cmd"
    if [[ $cur == -* ]]; then
        _refer_reply "$opts"
    elif (( n == 0 )) && [[ -n $subs ]]; then
        _refer_reply "$subs"
    else
        n=$((n + 1))
        (( n > args && more )) && n=$args
        _refer_values "$cmd" "#$n" && _refer_reply "$values"
    fi
    return 0
}

complete -F _refer refer
)";

constexpr std::string_view k_zsh_header = R"(#compdef refer
# zsh completion for refer @VERSION@, written by `refer completion zsh` from the definitions
# refer parses its command line with. For this shell (after compinit): source <(refer completion zsh)
)";

constexpr std::string_view k_zsh_driver = R"(
# _refer_offer WORDS: offers the words (or file names, for @file).
_refer_offer() {
    if [[ $1 == @file ]]; then
        _files
    else
        compadd -- ${=1}
    fi
}

_refer() {
    local cur=${words[CURRENT]} cmd n pending subs opts args more values
    _refer_walk "${(@)words[2,CURRENT-1]}"
    if [[ -z $pending && $cur == --*=* ]]; then
        pending=${cur%%=*}
        compset -P '*='
    fi
    if [[ -n $pending ]]; then
        _refer_value "$cmd" "$pending" && _refer_offer "$values"
        return 0
    fi
    _refer_command "$cmd"
    if [[ $cur == -* ]]; then
        _refer_offer "$opts"
    elif (( n == 0 )) && [[ -n $subs ]]; then
        _refer_offer "$subs"
    else
        n=$((n + 1))
        (( n > args && more )) && n=$args
        _refer_values "$cmd" "#$n" && _refer_offer "$values"
    fi
    return 0
}

if [[ $funcstack[1] == _refer ]]; then
    _refer "$@" # autoloaded from $fpath (share/zsh/vendor-completions/_refer)
else
    compdef _refer refer # sourced
fi
)";

std::vector<CLI::App*> subcommands_of(CLI::App& command)
{
    return command.get_subcommands([](CLI::App*) { return true; });
}

std::string joined(const std::vector<std::string>& words) { return fmt::format("{}", fmt::join(words, " ")); }

// A value completion can insert as one word: no blanks, quotes, backslashes or dollars
// (a tab as the delimiter is typed by hand).
bool insertable(const std::string& value)
{
    return !value.empty() && value.find_first_of(" \t\n'\"\\`$") == std::string::npos;
}

// An argument or option value that names a file: FILE or PATH, as --help shows it.
bool names_a_file(const CLI::Option& o)
{
    std::string shown = o.get_positional() ? o.get_name(true) : o.get_type_name();
    shown = shown.substr(0, shown.find(':'));
    return shown == "FILE" || shown == "PATH";
}

// What completes a value: @file, the values it may be, or nothing (free text).
std::string completion_of(CLI::Option& o)
{
    if (names_a_file(o)) return "@file";
    std::vector<std::string> words;
    for (const std::string& value : offered_values(o))
        if (insertable(value)) words.push_back(value);
    return joined(words);
}

// `'refer export -o'|'refer export --output'`: the case pattern of an option of `path`.
std::string option_pattern(const std::string& path, const CLI::Option& o)
{
    std::vector<std::string> patterns;
    for (const std::string& s : o.get_snames()) patterns.push_back(fmt::format("'{} -{}'", path, s));
    for (const std::string& l : o.get_lnames()) patterns.push_back(fmt::format("'{} --{}'", path, l));
    return fmt::format("{}", fmt::join(patterns, "|"));
}

// The options a command takes: its own, then those of the commands above it that unknown
// options fall through to.
std::string option_names(CLI::App& command)
{
    std::vector<std::string> names;
    for (CLI::App* app = &command; app != nullptr; app = app->get_fallthrough() ? app->get_parent() : nullptr)
        for (const CLI::Option* o : app->get_options([](CLI::Option* o) { return o->nonpositional(); })) {
            std::vector<std::string> own;
            for (const std::string& s : o->get_snames()) own.push_back("-" + s);
            for (const std::string& l : o->get_lnames()) own.push_back("--" + l);
            for (std::string& name : own)
                if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
        }
    return joined(names);
}

std::vector<std::string> names_of(const std::vector<CLI::App*>& commands)
{
    std::vector<std::string> names;
    for (const CLI::App* c : commands) names.push_back(c->get_name());
    return names;
}

struct Cases {
    std::string commands, values;
};

// `refer help import clients`: after `help`, the words are command names, so that the path
// below `help` mirrors the tree of commands (with the help command's options).
void describe_help_words(CLI::App& command, const std::string& path, const std::string& opts, Cases& cases)
{
    std::vector<CLI::App*> subs = subcommands_of(command);
    cases.commands += fmt::format("    '{}') subs='{}' opts='{}' ;;\n", path, joined(names_of(subs)), opts);
    for (CLI::App* sub : subs) describe_help_words(*sub, path + " " + sub->get_name(), opts, cases);
}

void describe(CLI::App& command, Cases& cases)
{
    std::string path = command_path(command);
    auto positionals = command.get_options([](CLI::Option* o) { return o->get_positional(); });
    bool more = !positionals.empty() && positionals.back()->get_items_expected_max() > 1;
    std::vector<CLI::App*> subs = subcommands_of(command);
    cases.commands += fmt::format("    '{}') subs='{}' opts='{}' args={} more={} ;;\n", path,
                                  joined(names_of(subs)), option_names(command), positionals.size(), more ? 1 : 0);
    for (CLI::Option* o : command.get_options([](CLI::Option* o) { return o->nonpositional(); }))
        if (takes_value(*o)) // a flag takes no value
            cases.values += fmt::format("    {}) values='{}' ;;\n", option_pattern(path, *o), completion_of(*o));
    for (size_t i = 0; i < positionals.size(); ++i)
        if (std::string words = completion_of(*positionals[i]); !words.empty())
            cases.values += fmt::format("    '{} #{}') values='{}' ;;\n", path, i + 1, words);
    for (CLI::App* sub : subs) {
        if (command.get_parent() == nullptr && sub->get_name() == "help")
            describe_help_words(command, path + " help", option_names(*sub), cases);
        else
            describe(*sub, cases);
    }
}

std::string replaced(std::string_view text, std::string_view placeholder, const std::string& by)
{
    std::string out(text);
    for (size_t at = out.find(placeholder); at != std::string::npos; at = out.find(placeholder, at + by.size()))
        out.replace(at, placeholder.size(), by);
    return out;
}

std::string script(CLI::App& app, std::string_view header, std::string_view driver)
{
    Cases cases;
    describe(app, cases);
    std::string shared = replaced(replaced(k_shared, "@COMMANDS@", cases.commands), "@VALUES@", cases.values);
    return replaced(header, "@VERSION@", REFER_VERSION) + shared + std::string(driver);
}

} // namespace

std::string bash_completion(CLI::App& app) { return script(app, k_bash_header, k_bash_driver); }

std::string zsh_completion(CLI::App& app) { return script(app, k_zsh_header, k_zsh_driver); }

void setup_completion(CLI::App& app, const GlobalOptions& globals, Runner& selected)
{
    auto shell = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("completion", "Print the shell completion script for bash or zsh");
    cmd->add_option("SHELL", *shell, "bash or zsh")->required()->check(one_of({"bash", "zsh"}));
    cmd->footer("Example: refer completion bash > ~/.local/share/bash-completion/completions/refer");
    cmd->callback([shell, &app, &globals, &selected] {
        selected = [shell, &app, &globals] {
            Terminal(globals).data(*shell == "bash" ? bash_completion(app) : zsh_completion(app));
        };
    });
}

} // namespace refer
