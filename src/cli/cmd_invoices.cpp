// portal-cli invoices: every invoice with its derived status, total, paid and outstanding amounts.
#include "cli/book_inputs.hpp"
#include "core/invoices.hpp"

namespace portal::cli {
namespace {

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("invoices");
    Args args = parse_args(argv, {"--book", "--catalog", "--on"}, {"--overdue"});
    args.expect({"--book"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto book_path = args.get("--book");
    std::optional<Date> on = inputs::on_date(args, cmd, err);
    if (!on) return kUsage;

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    std::optional<Book> book = inputs::load_book(*book_path, *catalog, err);
    if (!book) return kInvalidInput;
    out << invoices_to_json(*book, *on, args.has("--overdue")).dump(2) << "\n";
    return kOk;
}

Registrar reg{{"invoices", "invoices --book BOOK.json [--catalog CATALOG] [--overdue] [--on YYYY-MM-DD]",
               "invoices with derived status (as of --on, default today), total, paid and outstanding, as JSON", run}};

}  // namespace
}  // namespace portal::cli
