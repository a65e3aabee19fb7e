#include "refer/util/output_file.h"

#include "refer/error.h"

#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdlib.h>
#include <sys/stat.h>
#include <vector>

using namespace refer;
namespace fs = std::filesystem;

namespace {

// A fresh directory, removed with everything in it.
struct ScratchDir {
    ScratchDir()
    {
        std::string pattern = (fs::temp_directory_path() / "refer-output-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~ScratchDir() { fs::remove_all(path); }
    std::vector<std::string> names() const
    {
        std::vector<std::string> result;
        for (const auto& entry : fs::directory_iterator(path)) result.push_back(entry.path().filename().string());
        std::sort(result.begin(), result.end());
        return result;
    }
    fs::path path;
};

void write_text(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

std::string read_text(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string refusal(const fs::path& target, std::span<const ProtectedFile> protected_files)
{
    try {
        check_output_target(target, protected_files);
    } catch (const Error& e) {
        CHECK(e.code() == Exit::failure);
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("an output file appears on commit, whole, and nothing else is left")
{
    ScratchDir dir;
    fs::path target = dir.path / "out.csv";
    {
        OutputFile out(target, {});
        out.write("a,b\n");
        out.write(std::string(200000, 'x')); // beyond the buffer
        CHECK_FALSE(fs::exists(target));     // not before the commit
        out.commit();
    }
    CHECK(read_text(target) == "a,b\n" + std::string(200000, 'x'));
    CHECK(dir.names() == std::vector<std::string>{"out.csv"});
    CHECK((fs::status(target).permissions() & fs::perms::owner_write) != fs::perms::none);
}

TEST_CASE("an output file destroyed without commit leaves the target as it was")
{
    ScratchDir dir;
    fs::path target = dir.path / "out.csv";
    write_text(target, "before\n");
    {
        OutputFile out(target, {});
        out.write(std::string(100000, 'y'));
        out.close(); // written and synced, still not in place
        CHECK(read_text(target) == "before\n");
    }
    CHECK(read_text(target) == "before\n");
    CHECK(dir.names() == std::vector<std::string>{"out.csv"});
    {
        OutputFile fresh(dir.path / "new.csv", {});
        fresh.write("never\n");
    }
    CHECK(dir.names() == std::vector<std::string>{"out.csv"});
}

TEST_CASE("replacing a file keeps its permissions")
{
    ScratchDir dir;
    fs::path target = dir.path / "private.csv";
    write_text(target, "old\n");
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
    OutputFile out(target, {});
    out.write("new\n");
    out.commit();
    CHECK(read_text(target) == "new\n");
    CHECK(fs::status(target).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("an owner-only file is 0600, new or replacing a file others could read")
{
    ScratchDir dir;
    mode_t old_umask = ::umask(0);
    {
        OutputFile fresh(dir.path / "new.db", {}, FileMode::owner_only);
        CHECK(fs::status(fresh.temporary()).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
        fresh.commit();
    }
    write_text(dir.path / "old.db", "old\n");
    fs::permissions(dir.path / "old.db", fs::perms::all);
    {
        OutputFile out(dir.path / "old.db", {}, FileMode::owner_only);
        out.write("new\n");
        out.commit();
    }
    ::umask(old_umask);
    for (const char* name : {"new.db", "old.db"})
        CHECK_MESSAGE(fs::status(dir.path / name).permissions() == (fs::perms::owner_read | fs::perms::owner_write), name);
    CHECK(read_text(dir.path / "old.db") == "new\n");
    CHECK(dir.names() == std::vector<std::string>{"new.db", "old.db"});
}

TEST_CASE("the temporary is beside the target, hidden, and is the target after the commit")
{
    ScratchDir dir;
    OutputFile out(dir.path / "copy.db", {});
    fs::path temporary = out.temporary();
    CHECK(temporary.parent_path() == dir.path);
    CHECK(temporary.filename().string().starts_with(".copy.db."));
    write_text(temporary, "written by name\n"); // as SQLite writes it
    out.commit();
    CHECK(read_text(dir.path / "copy.db") == "written by name\n");
    CHECK_FALSE(fs::exists(temporary));
}

TEST_CASE("writing through a symlink replaces the file it points to")
{
    ScratchDir dir;
    write_text(dir.path / "real.csv", "old\n");
    fs::create_symlink("real.csv", dir.path / "link.csv");
    OutputFile out(dir.path / "link.csv", {});
    out.write("new\n");
    out.commit();
    CHECK(fs::is_symlink(dir.path / "link.csv"));
    CHECK(read_text(dir.path / "real.csv") == "new\n");
}

TEST_CASE("a protected file is refused by inode, through a symlink, and by name before it exists")
{
    ScratchDir dir;
    write_text(dir.path / "t.db", "ledger");
    std::vector<ProtectedFile> ledger{{dir.path / "t.db", "the ledger"}, {dir.path / "t.db-wal", "the ledger"}};
    fs::create_symlink("t.db", dir.path / "link.db");
    fs::create_hard_link(dir.path / "t.db", dir.path / "hard.db");
    fs::create_directory(dir.path / "sub");

    CHECK(refusal(dir.path / "t.db", ledger) == (dir.path / "t.db").string() + ": refusing to write over the ledger");
    CHECK(refusal(dir.path / "link.db", ledger) == (dir.path / "link.db").string() + ": refusing to write over the ledger");
    CHECK(refusal(dir.path / "hard.db", ledger) == (dir.path / "hard.db").string() + ": refusing to write over the ledger");
    CHECK(refusal(dir.path / "sub" / ".." / "t.db-wal", ledger) ==
          (dir.path / "sub" / ".." / "t.db-wal").string() + ": refusing to write over the ledger");
    CHECK(refusal(dir.path / "sub", ledger) == (dir.path / "sub").string() + ": cannot write: Is a directory");
    CHECK(refusal(dir.path / "t.db-shm", ledger).empty());
    CHECK(refusal(dir.path / "other.csv", ledger).empty());

    CHECK_THROWS_AS(OutputFile(dir.path / "link.db", ledger), Error);
    CHECK(read_text(dir.path / "t.db") == "ledger");
    CHECK(dir.names() == std::vector<std::string>{"hard.db", "link.db", "sub", "t.db"});
}

TEST_CASE("a relative target is compared with an absolute protected path")
{
    ScratchDir dir;
    fs::path before = fs::current_path();
    fs::current_path(dir.path);
    std::vector<ProtectedFile> input{{dir.path / "in.csv", "the input file"}};
    CHECK(refusal("in.csv", input) == "in.csv: refusing to write over the input file"); // not there yet
    write_text("in.csv", "x");
    CHECK(refusal("./in.csv", input) == "./in.csv: refusing to write over the input file");
    fs::current_path(before);
}

TEST_CASE("a write that fails throws, and leaves neither a temporary nor the target")
{
    ScratchDir dir;
    CHECK_THROWS_WITH_AS(OutputFile(dir.path / "no" / "such.csv", {}),
                         ((dir.path / "no" / "such.csv").string() + ": cannot write: No such file or directory").c_str(),
                         Error);
    CHECK(dir.names().empty());
    if (fs::exists("/dev/full")) { // a device is written in place, and this one is always full
        OutputFile full("/dev/full", {});
        full.write("x");
        CHECK_THROWS_WITH_AS(full.commit(), "/dev/full: cannot write: No space left on device", Error);
    }
}
