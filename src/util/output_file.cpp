#include "refer/util/output_file.h"

#include "refer/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <optional>
#include <random>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>

namespace refer {

namespace fs = std::filesystem;

// Big enough that an export is a handful of write calls, small enough not to matter.
static constexpr size_t k_buffer_bytes = 64 * 1024;

static std::string cannot_write(const fs::path& target, int error)
{
    return fmt::format("{}: cannot write: {}", target.string(), std::strerror(error));
}

// A path not there yet has no inode: then two names are the same file when they resolve to
// the same absolute path (t.db-wal named before SQLite creates it, ./t.db for t.db).
static bool same_file(const fs::path& a, const fs::path& b)
{
    struct stat sa {}, sb {};
    if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    auto resolved = [](const fs::path& p) -> std::optional<fs::path> {
        std::error_code ec;
        fs::path absolute = fs::absolute(p, ec);
        if (ec) return std::nullopt;
        fs::path canonical = fs::weakly_canonical(absolute, ec);
        if (ec) return std::nullopt;
        return canonical;
    };
    auto ra = resolved(a), rb = resolved(b);
    return ra && rb && *ra == *rb;
}

void check_output_target(const fs::path& target, std::span<const ProtectedFile> protected_files)
{
    for (const ProtectedFile& p : protected_files)
        if (same_file(target, p.path))
            throw failure(fmt::format("{}: refusing to write over {}", target.string(), p.what));
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) throw failure(cannot_write(target, EISDIR));
}

// Writing through a symlink replaces the file it points to, as the shell's `>` would,
// rather than the link itself.
static fs::path final_path(const fs::path& target)
{
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(target, ec))) return target;
    fs::path resolved = fs::canonical(target, ec);
    return ec ? target : resolved;
}

// Creates `.NAME.XXXXXX` beside `final`, with `mode` less the umask.
static int create_temporary(const fs::path& final, fs::path& temporary, mode_t mode)
{
    static constexpr std::string_view k_letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::random_device random;
    std::uniform_int_distribution<size_t> pick(0, k_letters.size() - 1);
    for (int attempt = 0; attempt < 100; ++attempt) {
        // Appended, not "." + ...: GCC 12 at -O3 warns (-Wrestrict, a false positive) on
        // "literal" + std::string&&.
        std::string name = ".";
        name += final.filename().string();
        name += '.';
        for (int i = 0; i < 6; ++i) name += k_letters[pick(random)];
        temporary = final.parent_path() / name;
        int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (fd >= 0 || errno != EEXIST) return fd;
    }
    errno = EEXIST;
    return -1;
}

OutputFile::OutputFile(fs::path target, std::span<const ProtectedFile> protected_files, FileMode mode)
    : m_target(std::move(target))
{
    check_output_target(m_target, protected_files);
    struct stat st {};
    bool exists = ::stat(m_target.c_str(), &st) == 0;
    if (exists && !S_ISREG(st.st_mode)) {
        m_fd = ::open(m_target.c_str(), O_WRONLY | O_CLOEXEC);
        if (m_fd < 0) fail(errno);
        return;
    }
    m_final = final_path(m_target);
    bool owner_only = mode == FileMode::owner_only;
    m_fd = create_temporary(m_final, m_temporary, owner_only ? 0600 : 0666);
    if (m_fd < 0) {
        int error = errno;
        m_temporary.clear(); // not ours: nothing to remove
        fail(error);
    }
    // 0600 exactly, whatever the umask; else the replacement keeps the permissions of the file
    // it replaces.
    if (owner_only && ::fchmod(m_fd, 0600) != 0) fail(errno);
    if (!owner_only && exists && ::fchmod(m_fd, st.st_mode & 07777) != 0) fail(errno);
}

OutputFile::~OutputFile()
{
    if (m_fd >= 0) ::close(m_fd);
    if (!m_committed && !m_temporary.empty()) ::unlink(m_temporary.c_str());
}

void OutputFile::fail(int error)
{
    m_failed = true;
    if (m_fd >= 0) ::close(m_fd);
    m_fd = -1;
    if (!m_temporary.empty()) ::unlink(m_temporary.c_str());
    m_temporary.clear();
    throw failure(cannot_write(m_target, error));
}

void OutputFile::write(std::string_view text)
{
    if (m_fd < 0) throw std::logic_error("OutputFile::write after close");
    m_buffer.append(text);
    if (m_buffer.size() >= k_buffer_bytes) flush();
}

void OutputFile::flush()
{
    std::string_view rest = m_buffer;
    while (!rest.empty()) {
        ssize_t n = ::write(m_fd, rest.data(), rest.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) fail(n < 0 ? errno : EIO);
        rest.remove_prefix(static_cast<size_t>(n));
    }
    m_buffer.clear();
}

void OutputFile::close()
{
    if (m_fd < 0) return;
    flush();
    // Synced before the rename: after a crash the target is the old file or the whole new one.
    if (!m_temporary.empty() && ::fsync(m_fd) != 0) fail(errno);
    int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) fail(errno);
}

void OutputFile::commit()
{
    if (m_failed) throw std::logic_error("OutputFile::commit after a failure");
    if (m_committed) return;
    close();
    if (!m_temporary.empty() && ::rename(m_temporary.c_str(), m_final.c_str()) != 0) fail(errno);
    m_committed = true;
}

} // namespace refer
