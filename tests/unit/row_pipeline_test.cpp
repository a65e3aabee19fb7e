#include "refer/cli/row_pipeline.h"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

using namespace refer;

namespace {

// A CSV of `rows` numbered rows (with a blank row after every 100th) in a temporary file.
struct NumberedCsv {
    explicit NumberedCsv(int rows)
        : path(std::filesystem::temp_directory_path() / ("refer-pipeline-" + std::to_string(::getpid()) + ".csv"))
    {
        std::ofstream out(path);
        out << "n,name\n";
        for (int i = 0; i < rows; ++i) {
            out << i << ",row " << i << "\n";
            if (i % 100 == 99) out << ",\n";
        }
    }
    ~NumberedCsv() { std::filesystem::remove(path); }
    std::filesystem::path path;
};

// The file opened for import, its header read.
struct OpenedCsv {
    explicit OpenedCsv(const NumberedCsv& csv) : options(with_file(csv)), terminal(globals), file(options, terminal, "ledger.db")
    {
        file.read_header();
    }
    static ImportOptions with_file(const NumberedCsv& csv)
    {
        ImportOptions o;
        o.file = csv.path.string();
        return o;
    }
    ImportOptions options;
    GlobalOptions globals;
    Terminal terminal;
    ImportFile file;
};

int number(const CsvRecord& r) { return std::stoi(r.fields.at(0)); }

} // namespace

TEST_CASE("rows come out of the reading thread in file order, blank rows skipped")
{
    NumberedCsv csv(5000); // several batches
    OpenedCsv opened(csv);
    ImportFile& file = opened.file;
    RowPipeline<int> rows(file, number);
    int expected = 0;
    while (auto* item = rows.next()) {
        REQUIRE(item->row == expected);
        CHECK(item->record.fields.at(1) == "row " + std::to_string(expected));
        ++expected;
    }
    CHECK(expected == 5000);
    CHECK(rows.fraction_read() == doctest::Approx(1.0));
    CHECK(rows.next() == nullptr);
}

TEST_CASE("what the reading thread throws reaches the caller, after the rows before it")
{
    NumberedCsv csv(3000);
    OpenedCsv opened(csv);
    ImportFile& file = opened.file;
    RowPipeline<int> rows(file, [](const CsvRecord& r) {
        int n = number(r);
        if (n == 2500) throw std::runtime_error("row 2500 is bad");
        return n;
    });
    int seen = 0;
    CHECK_THROWS_WITH([&] { while (rows.next()) ++seen; }(), "row 2500 is bad");
    CHECK(seen == 2500); // every row before the failing one
}

TEST_CASE("a caller that stops early does not wait for the whole file")
{
    NumberedCsv csv(20000);
    OpenedCsv opened(csv);
    ImportFile& file = opened.file;
    {
        RowPipeline<int> rows(file, number);
        for (int i = 0; i < 10; ++i) REQUIRE(rows.next()->row == i);
    } // joins the reading thread, which is blocked on a full queue
    CsvRecord rest;
    REQUIRE(file.next(rest));
    CHECK(number(rest) < 10000); // the reader stopped well before the end
}
