// refer: the referral-program ledger. Parses the command line, runs the chosen command and
// turns errors into the exit statuses of SPEC section 2.
#include "refer/cli/app.h"
#include "refer/error.h"

#include <SQLiteCpp/Exception.h>
#include <clocale>
#include <fmt/format.h>
#include <sqlite3.h>

// The first word on the command line that should name a command (or a subcommand of a
// group such as `import`) and names none: "unknown command" says more than CLI11's
// "A subcommand is required". Empty when the words are fine.
static std::string unknown_command(CLI::App& app, int argc, char** argv)
{
    CLI::App* current = &app;
    std::string path = "refer";
    auto all = [](CLI::App*) { return true; };
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        if (arg == "--") return {};
        if (arg.starts_with("-")) {
            bool takes_value = arg == "--db" || arg == "--today" || arg == "--format";
            if (takes_value) ++i;
            continue;
        }
        if (current->get_subcommands(all).empty()) return {}; // a command's own arguments
        CLI::App* next = nullptr;
        for (CLI::App* sub : current->get_subcommands(all))
            if (sub->check_name(std::string(arg))) next = sub;
        if (next == nullptr) return fmt::format("unknown command \"{}\" (see {} --help)", arg, path);
        current = next;
        path += " " + next->get_name();
    }
    return {};
}

int main(int argc, char** argv)
{
    std::setlocale(LC_CTYPE, "C.UTF-8");
    CLI::App app{"refer: the referral-program ledger for B2B service businesses", "refer"};
    refer::GlobalOptions globals;
    refer::Runner selected;
    refer::setup_app(app, globals, selected);
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        if (std::string unknown = unknown_command(app, argc, argv); !unknown.empty())
            fmt::print(stderr, "refer: error: {}\n", unknown);
        else
            fmt::print(stderr, "refer: error: {}\n", e.what());
        return static_cast<int>(refer::Exit::usage);
    }
    try {
        globals.today_date(); // a malformed $REFER_TODAY is a usage error for every command
        selected();
        return 0;
    } catch (const refer::Error& e) {
        fmt::print(stderr, "refer: error: {}\n", e.what());
        return static_cast<int>(e.code());
    } catch (const SQLite::Exception& e) {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_BUSY) {
            fmt::print(stderr, "refer: error: the database is locked by another process; try again\n");
            return static_cast<int>(refer::Exit::busy);
        }
        fmt::print(stderr, "refer: error: database: {}\n", e.what());
        bool broken = code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
        return static_cast<int>(broken ? refer::Exit::not_refer : refer::Exit::failure);
    } catch (const std::exception& e) {
        fmt::print(stderr, "refer: error: {}\n", e.what());
        return static_cast<int>(refer::Exit::failure);
    }
}
