// portal-cli governance: every violation of the committee rules in the book's current seats.
#include "cli/book_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/eligibility.hpp"
#include "core/governance.hpp"

namespace portal::cli {
namespace {

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("governance");
    Args args = parse_args(argv, {"--catalog", "--book", "--on"});
    args.expect({"--book"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto book_path = args.get("--book");
    std::optional<Date> on = inputs::on_date(args, cmd, err);
    if (!on) return kUsage;

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    std::optional<Book> book = inputs::load_book(*book_path, *catalog, err);
    if (!book) return kInvalidInput;
    // Violations are findings, not failures: exit 0 either way.
    out << violations_to_json(check_governance(*book, *catalog, *on)).dump(2) << "\n";
    return kOk;
}

Registrar reg{{"governance", "governance [--catalog CATALOG] --book BOOK.json [--on YYYY-MM-DD]",
               "every committee-rule violation in the current seats, as JSON", run}};

}  // namespace
}  // namespace portal::cli
