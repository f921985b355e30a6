// portal-cli invoice-html: one invoice as a printable HTML document (docs/documents.md).
#include "cli/book_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/invoice_html.hpp"

namespace portal::cli {
namespace {

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("invoice-html");
    Args args = parse_args(argv, {"--catalog", "--book", "--invoice", "--out", "--on", "--page"});
    args.expect({"--book", "--out"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto book_path = args.get("--book");
    auto id = args.get("--invoice");
    auto out_path = args.get("--out");
    if (!id) return usage_error(cmd, "--invoice is required (an invoice id or number)", err);
    PageSize page = PageSize::Auto;
    if (auto p = args.get("--page"); p && !page_size_from(*p, page))
        return usage_error(cmd, "--page must be auto, a4 or letter, got \"" + *p + "\"", err);
    std::optional<Date> on = inputs::on_date(args, cmd, err);
    if (!on) return kUsage;

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    std::optional<Book> book = inputs::load_book(*book_path, *catalog, err);
    if (!book) return kInvalidInput;
    const Invoice* inv = find_invoice(*book, *id);
    if (!inv) {
        err << *book_path << ": /invoices: no invoice with id or number \"" << *id << "\"\n";
        return kInvalidInput;
    }
    std::string html = invoice_html(*catalog, *book, *id, *on, page);
    std::string error;
    if (!write_file(*out_path, html, error)) {
        err << *out_path << ": /: " << error << "\n";
        return kInvalidInput;
    }
    out << "wrote " << *out_path << ": invoice " << inv->number << "\n";
    return kOk;
}

Registrar reg{{"invoice-html",
               "invoice-html --book BOOK.json --invoice ID|NUMBER --out FILE.html [--catalog C] [--on YYYY-MM-DD] "
               "[--page auto|a4|letter]",
               "write one invoice as a printable HTML document", run}};

}  // namespace
}  // namespace portal::cli
