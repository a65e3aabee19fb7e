#pragma once
// A fresh directory under the system temp dir for storage tests, removed at the end of the test.
#include <algorithm>
#include <doctest/doctest.h>
#include <filesystem>
#include <string>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace refer::test {

struct TempDir {
    std::filesystem::path path;
    TempDir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "refer-storage-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    // The names in it, sorted, space-separated.
    std::string names() const
    {
        std::vector<std::string> names;
        for (const auto& entry : std::filesystem::directory_iterator(path))
            names.push_back(entry.path().filename().string());
        std::ranges::sort(names);
        std::string out;
        for (const std::string& name : names) {
            if (!out.empty()) out += ' ';
            out += name;
        }
        return out;
    }
};

} // namespace refer::test
