// refer: the referral-program ledger. Parses the command line, runs the chosen command and
// turns errors into the exit statuses of SPEC section 2.
#include "refer/cli/app.h"
#include "refer/cli/help.h"
#include "refer/error.h"

#include <SQLiteCpp/Exception.h>
#include <clocale>
#include <fmt/format.h>
#include <sqlite3.h>

int main(int argc, char** argv)
{
    std::setlocale(LC_CTYPE, "C.UTF-8");
    CLI::App app{"refer: the referral-program ledger for B2B service businesses", "refer"};
    refer::GlobalOptions globals;
    refer::Runner selected;
    refer::setup_app(app, globals, selected);
    // Before CLI11: it would print the top-level help for `refer payouts2 --help` and say only
    // "A subcommand is required" for `refer` or `refer import`.
    refer::CommandWords words = refer::read_command_words(app, argc, argv);
    if (!words.error.empty()) {
        fmt::print(stderr, "refer: error: {}\n", words.error);
        return static_cast<int>(refer::Exit::usage);
    }
    if (words.missing != nullptr) {
        fmt::print(stderr, "{}", refer::command_list(*words.missing));
        return static_cast<int>(refer::Exit::usage);
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
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
