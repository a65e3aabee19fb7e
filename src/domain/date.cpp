#include "refer/domain/date.h"

#include <chrono>
#include <cstring>
#include <ctime>
#include <fmt/format.h>

namespace refer {

namespace chr = std::chrono;

Date Date::from_ymd(int year, unsigned month, unsigned day)
{
    chr::sys_days d{chr::year{year} / chr::month{month} / chr::day{day}};
    return Date{static_cast<int>(d.time_since_epoch().count())};
}

static chr::year_month_day ymd(Date d) { return chr::year_month_day{chr::sys_days{chr::days{d.days}}}; }
int Date::year() const { return static_cast<int>(ymd(*this).year()); }
unsigned Date::month() const { return static_cast<unsigned>(ymd(*this).month()); }
unsigned Date::day() const { return static_cast<unsigned>(ymd(*this).day()); }

static bool digits(std::string_view s, size_t pos, size_t n, int& out)
{
    if (pos + n > s.size()) return false;
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

static std::optional<Date> valid(int y, int m, int d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return std::nullopt;
    chr::year_month_day date{chr::year{y}, chr::month{static_cast<unsigned>(m)}, chr::day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    return Date::from_ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::optional<Date> parse_iso_date(std::string_view s)
{
    int y, m, d;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    if (!digits(s, 0, 4, y) || !digits(s, 5, 2, m) || !digits(s, 8, 2, d)) return std::nullopt;
    return valid(y, m, d);
}

// Accepts `HH:MM`, `HH:MM:SS`, fractional seconds, then `Z` or `+HH:MM`/`+HHMM`/`+HH`.
static bool is_time_of_day(std::string_view t)
{
    int h, mi, se;
    if (!digits(t, 0, 2, h) || t.size() < 5 || t[2] != ':' || !digits(t, 3, 2, mi)) return false;
    if (h > 23 || mi > 59) return false;
    size_t pos = 5;
    if (pos < t.size() && t[pos] == ':') {
        if (!digits(t, pos + 1, 2, se) || se > 60) return false;
        pos += 3;
        if (pos < t.size() && (t[pos] == '.' || t[pos] == ',')) {
            ++pos;
            size_t start = pos;
            while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') ++pos;
            if (pos == start) return false;
        }
    }
    if (pos == t.size()) return true;
    std::string_view zone = t.substr(pos);
    if (zone == "Z" || zone == "z") return true;
    if (zone[0] == ' ') zone.remove_prefix(1);
    if (zone.empty() || (zone[0] != '+' && zone[0] != '-')) return zone == "UTC";
    int zh, zm;
    if (zone.size() == 3) return digits(zone, 1, 2, zh);
    if (zone.size() == 5) return digits(zone, 1, 2, zh) && digits(zone, 3, 2, zm);
    if (zone.size() == 6) return digits(zone, 1, 2, zh) && zone[3] == ':' && digits(zone, 4, 2, zm);
    return false;
}

std::optional<Date> parse_date_time(std::string_view s)
{
    if (s.size() == 10) return parse_iso_date(s);
    if (s.size() < 16 || (s[10] != ' ' && s[10] != 'T')) return std::nullopt;
    if (!is_time_of_day(s.substr(11))) return std::nullopt;
    return parse_iso_date(s.substr(0, 10));
}

std::optional<Date> parse_date_with_format(std::string_view text, const std::string& format)
{
    std::string copy(text);
    std::tm tm{};
    tm.tm_mday = 1;
    const char* end = strptime(copy.c_str(), format.c_str(), &tm);
    if (end == nullptr) return std::nullopt;
    // A date-time cell read with a date-only format: the time part is ignored.
    if (*end != '\0' && *end != ' ' && *end != 'T') return std::nullopt;
    return valid(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

std::string to_string(Date date)
{
    // By hand: exports and imports write millions of dates.
    auto d = ymd(date);
    int y = static_cast<int>(d.year());
    if (y < 0 || y > 9999) return fmt::format("{:04}-{:02}-{:02}", y, static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    unsigned m = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
    std::string s = "0000-00-00";
    s[0] = static_cast<char>('0' + y / 1000);
    s[1] = static_cast<char>('0' + y / 100 % 10);
    s[2] = static_cast<char>('0' + y / 10 % 10);
    s[3] = static_cast<char>('0' + y % 10);
    s[5] = static_cast<char>('0' + m / 10);
    s[6] = static_cast<char>('0' + m % 10);
    s[8] = static_cast<char>('0' + day / 10);
    s[9] = static_cast<char>('0' + day % 10);
    return s;
}

Date local_today()
{
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return Date::from_ymd(local.tm_year + 1900, static_cast<unsigned>(local.tm_mon + 1),
                          static_cast<unsigned>(local.tm_mday));
}

std::string utc_timestamp_now()
{
    std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buf;
}

} // namespace refer
