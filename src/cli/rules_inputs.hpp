// Input helpers shared by the eligibility, governance and compare commands: read a file, parse it
// with the strict readers of json_io.hpp, and print every problem as `FILE: <pointer>: <message>`.
#pragma once

#include <ctime>
#include <optional>
#include <ostream>
#include <string>

#include "cli/cli.hpp"
#include "core/date.hpp"
#include "core/json_io.hpp"

namespace portal::cli::inputs {

// A problem about the document as a whole (pointer "") is printed with the pointer "/" so the
// line keeps its three parts (docs/formats.md); every command prints problems this one way.
inline void print_problems(const std::string& file, const Problems& problems, std::ostream& err) {
    for (const Problem& p : problems) err << file << ": " << (p.pointer.empty() ? "/" : p.pointer) << ": " << p.message << "\n";
}

// Reads `path` and parses it with `reader(text)`; prints the problems and returns nullopt on failure.
template <class T, class Reader>
std::optional<T> load(const std::string& path, Reader reader, std::ostream& err) {
    std::string error;
    std::optional<std::string> text = read_file(path, error);
    if (!text) {
        err << path << ": /: " << error << "\n";
        return std::nullopt;
    }
    Read<T> r = reader(*text);
    if (!r.ok()) {
        print_problems(path, r.problems.empty() ? Problems{{"", "invalid document"}} : r.problems, err);
        return std::nullopt;
    }
    return std::move(*r.value);
}

inline std::optional<Catalog> load_catalog(const std::string& path, std::ostream& err) {
    return load<Catalog>(path, [](std::string_view t) { return read_catalog(t); }, err);
}
inline std::optional<Book> load_book(const std::string& path, const Catalog& c, std::ostream& err) {
    return load<Book>(path, [&](std::string_view t) { return read_book(t, c); }, err);
}

// Today's date from the system clock (UTC): only the command-line shell asks the clock, never the core.
inline Date today_utc() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
#if defined(_WIN32)
    gmtime_s(&tm, &now);
#else
    gmtime_r(&now, &tm);
#endif
    return Date::from_ymd(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1), static_cast<unsigned>(tm.tm_mday));
}

// The --on date, today when absent; nullopt (with a usage message printed) when malformed.
inline std::optional<Date> on_date(const Args& args, const Command& cmd, std::ostream& err) {
    std::optional<std::string> on = args.get("--on");
    if (!on) return today_utc();
    std::optional<Date> d = Date::parse(*on);
    if (!d) usage_error(cmd, "--on needs a date as YYYY-MM-DD, got \"" + *on + "\"", err);
    return d;
}

}  // namespace portal::cli::inputs
