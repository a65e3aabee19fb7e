#pragma once
// The one error type commands throw; main.cpp turns it into an exit status.
#include <stdexcept>
#include <string>

namespace refer {

// Exit statuses of SPEC section 2.
enum class Exit { ok = 0, failure = 1, usage = 2, busy = 3, not_refer = 4 };

class Error : public std::runtime_error {
public:
    Error(Exit code, const std::string& message) : std::runtime_error(message), m_code(code) {}
    Exit code() const { return m_code; }

private:
    Exit m_code;
};

inline Error failure(const std::string& message) { return Error(Exit::failure, message); }
inline Error usage_error(const std::string& message) { return Error(Exit::usage, message); }

} // namespace refer
