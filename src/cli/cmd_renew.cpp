// portal-cli renew: the renewal run for a membership year (docs/status.md, "Renewals").
#include <sstream>

#include "cli/book_inputs.hpp"
#include "core/invoices.hpp"

namespace portal::cli {
namespace {

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("renew");
    Args args = parse_args(argv, {"--catalog", "--book", "--year", "--out", "--on", "--who", "--at"});
    args.expect({"--book", "--year"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto book_path = args.get("--book");
    auto year_text = args.get("--year");
    int year = 0;
    bool digits = year_text->size() == 4;
    for (char c : *year_text) digits = digits && c >= '0' && c <= '9';
    if (digits) year = std::stoi(*year_text);
    if (!digits || year < 1900) return usage_error(cmd, "--year needs a year such as 2028, got \"" + *year_text + "\"", err);
    std::optional<ActionContext> ctx = book_inputs::context(args, cmd, err);
    if (!ctx) return kUsage;
    std::optional<Date> on = ctx->today;
    if (args.get("--on")) on = inputs::on_date(args, cmd, err);
    if (!on) return kUsage;

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    std::optional<Book> book = inputs::load_book(*book_path, *catalog, err);
    if (!book) return kInvalidInput;

    // The preview and the run are the same plan: apply_action recomputes it on the same book.
    Json summary = renewal_plan_to_json(plan_renewal(*book, *catalog, year, *on));
    auto out_path = args.get("--out");
    summary["applied"] = out_path.has_value();
    if (out_path) {
        ApplyResult r = apply_action(*book, *catalog, Json{{"type", "renewal.run"}, {"year", year}, {"on", on->iso()}}, *ctx);
        if (!r.ok) {  // cannot happen for a valid year and date; reported plainly all the same
            inputs::print_problems(*book_path, r.problems, err);
            return kInvalidInput;
        }
        std::ostringstream ignored;
        if (int rc = book_inputs::write_book_out(*book, *catalog, out_path, ignored, err); rc != kOk) return rc;
    }
    out << summary.dump(2) << "\n";
    return kOk;
}

Registrar reg{{"renew",
               "renew --book BOOK.json --year YYYY [--out NEW_BOOK.json] [--on YYYY-MM-DD] [--catalog CATALOG] "
               "[--who NAME] [--at TIMESTAMP]",
               "create next year's membership invoices (idempotent); without --out, only a preview", run}};

}  // namespace
}  // namespace portal::cli
