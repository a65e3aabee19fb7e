#pragma once
// Writing a file the user named without ever destroying what it replaces: refuses the files a
// command must not touch, writes a temporary beside the target and renames it into place only
// when every byte is on disk.
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

namespace refer {

// A file no output may replace, and how to name it in the refusal ("the ledger").
struct ProtectedFile {
    std::filesystem::path path;
    std::string what;
};

// Throws failure ("t.db: refusing to write over the ledger") when `target` is one of
// `protected_files`: the same inode when both exist (a hard link or a symlink to it counts),
// else the same path once made absolute and its symlinks resolved (a -wal file not there
// yet). Also refuses a directory, before anything is written.
void check_output_target(const std::filesystem::path& target, std::span<const ProtectedFile> protected_files);

// Who may read a file written: `as_umask` is what a plain open gives (0666 less the umask;
// a replaced file keeps its mode), `owner_only` is 0600 whatever it replaces (a copy of the
// ledger holds what the ledger holds).
enum class FileMode { as_umask, owner_only };

// Output that appears all at once or not at all: a regular target is written as a temporary
// in its directory (same file system, so the rename is atomic) and replaced by commit();
// without commit() (an error, an exception) the temporary is removed and the target is as it
// was. A device or pipe (/dev/stdout, a FIFO) is written in place: there is nothing to replace.
// Errors throw failure ("out.csv: cannot write: No space left on device").
class OutputFile {
public:
    OutputFile(std::filesystem::path target, std::span<const ProtectedFile> protected_files,
               FileMode mode = FileMode::as_umask);
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    const std::filesystem::path& target() const { return m_target; }
    // Where the bytes go until commit(), for a writer that opens the file by its name (SQLite);
    // empty when a device or pipe is written in place.
    const std::filesystem::path& temporary() const { return m_temporary; }
    void write(std::string_view text);
    // Every byte written and synced; the target is still untouched. Idempotent.
    void close();
    // close(), then the temporary takes the target's place.
    void commit();

private:
    void flush();
    [[noreturn]] void fail(int error);

    std::filesystem::path m_target;    // as the user named it, for messages
    std::filesystem::path m_final;     // where the file lands: the target, its symlinks resolved
    std::filesystem::path m_temporary; // empty when writing in place
    std::string m_buffer;
    int m_fd = -1;
    bool m_committed = false, m_failed = false;
};

} // namespace refer
