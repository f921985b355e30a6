// portal-cli report: the staff reports for a year (revenue, aging, retention, members), as JSON.
#include <cstdlib>

#include "cli/book_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/reports.hpp"

namespace portal::cli {
namespace {

std::optional<int> parse_year(const std::string& s) {
    if (s.size() != 4) return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9') return std::nullopt;
    const int year = std::atoi(s.c_str());
    if (year < Date::min().year()) return std::nullopt;  // the supported date range
    return year;
}

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("report");
    Args args = parse_args(argv, {"--catalog", "--book", "--year", "--on"});
    args.expect({"--book", "--year"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto book_path = args.get("--book");
    auto year_text = args.get("--year");
    std::optional<int> year = parse_year(*year_text);
    if (!year) return usage_error(cmd, "--year needs a four-digit year, got \"" + *year_text + "\"", err);
    std::optional<Date> on = inputs::on_date(args, cmd, err);
    if (!on) return kUsage;

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    std::optional<Book> book = inputs::load_book(*book_path, *catalog, err);
    if (!book) return kInvalidInput;
    out << report_to_json(build_report(*book, *catalog, *year, *on)).dump(2) << "\n";
    return kOk;
}

Registrar reg{{"report", "report [--catalog CATALOG] --book BOOK.json --year YYYY [--on YYYY-MM-DD]",
               "revenue by tier and year, receivables aging, retention and members, as JSON", run}};

}  // namespace
}  // namespace portal::cli
