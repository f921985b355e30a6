// Helpers shared by the staff-book commands (apply, renew, invoices): the catalog (bundled when
// --catalog is absent), the action context from --who/--at, and writing the book out.
#pragma once

#include <cstdlib>
#include <ctime>
#include <optional>
#include <ostream>
#include <string>

#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/actions.hpp"
#include "core/json_io.hpp"

namespace portal::cli::book_inputs {

inline std::optional<Catalog> catalog_or_bundled(const Args& args, std::ostream& err) {
    if (auto path = args.get("--catalog")) return inputs::load_catalog(*path, err);
    Read<Catalog> r = read_catalog(bundled_catalog_text());
    if (!r.ok()) {
        inputs::print_problems("(bundled catalog)", r.problems, err);
        return std::nullopt;
    }
    return std::move(*r.value);
}

inline std::string now_utc() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

// --who (default $USER, else "portal-cli") and --at (default now, UTC). --at takes a date
// (midnight UTC) or a timestamp "YYYY-MM-DDThh:mm:ssZ"; the context's `today` is its date.
inline std::optional<ActionContext> context(const Args& args, const Command& cmd, std::ostream& err) {
    ActionContext ctx;
    const char* user = std::getenv("USER");
    ctx.who = args.get("--who").value_or(user && *user ? user : "portal-cli");
    ctx.at = args.get("--at").value_or(now_utc());
    std::optional<Date> day = ctx.at.size() >= 10 ? Date::parse(ctx.at.substr(0, 10)) : std::nullopt;
    if (!day || (ctx.at.size() > 10 && ctx.at[10] != 'T')) {
        usage_error(cmd, "--at needs YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, got \"" + ctx.at + "\"", err);
        return std::nullopt;
    }
    if (ctx.at.size() == 10) ctx.at += "T00:00:00Z";
    ctx.today = *day;
    return ctx;
}

// The book to --out (atomically), or to stdout when --out is absent.
inline int write_book_out(const Book& book, const std::optional<std::string>& out_path, std::ostream& out, std::ostream& err) {
    const std::string text = write_book(book);
    if (!out_path) {
        out << text << "\n";
        return kOk;
    }
    std::string error;
    if (!write_file(*out_path, text + "\n", error)) {
        err << *out_path << ": : " << error << "\n";
        return kInvalidInput;
    }
    return kOk;
}

}  // namespace portal::cli::book_inputs
