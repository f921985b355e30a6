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
#include "core/text_rules.hpp"

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
    if (ctx.at.size() == 10) ctx.at += "T00:00:00Z";
    if (std::string why = timestamp_problem(ctx.at); !why.empty()) {
        usage_error(cmd, "--at needs YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC): \"" + args.get("--at").value_or(ctx.at) +
                             "\" " + why, err);
        return std::nullopt;
    }
    if (std::string why = line_text_problem(ctx.who); !why.empty() || is_blank(ctx.who)) {
        usage_error(cmd, "--who " + (why.empty() ? std::string("must not be blank") : why), err);
        return std::nullopt;
    }
    ctx.today = *Date::parse(ctx.at.substr(0, 10));
    return ctx;
}

// The book to --out (atomically), or to stdout when --out is absent. The text is read back with
// the book reader first: a book this tool could not read again is never written (the reader and
// the actions share their rules, so this refusal means a bug, reported as such).
inline int write_book_out(const Book& book, const Catalog& catalog, const std::optional<std::string>& out_path,
                          std::ostream& out, std::ostream& err) {
    const std::string text = write_book(book);
    if (Read<Book> again = read_book(text, catalog); !again.ok()) {
        const std::string where = out_path ? *out_path : std::string("(stdout)");
        err << where << ": /: not written: the new book would not be readable (please report this):\n";
        inputs::print_problems(where, again.problems, err);
        return kInvalidInput;
    }
    if (!out_path) {
        out << text << "\n";
        return kOk;
    }
    std::string error;
    if (!write_file(*out_path, text + "\n", error)) {
        err << *out_path << ": /: " << error << "\n";
        return kInvalidInput;
    }
    return kOk;
}

}  // namespace portal::cli::book_inputs
