// portal-cli export-csv: organisations, invoices, payments or receivables aging as RFC 4180 CSV
// (docs/documents.md "CSV exports").
#include "cli/book_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/csv_export.hpp"

namespace portal::cli {
namespace {

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("export-csv");
    Args args = parse_args(argv, {"--catalog", "--book", "--what", "--out", "--on"}, {"--bom"});
    args.expect({"--book", "--what", "--out"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto book_path = args.get("--book");
    auto what = args.get("--what");
    auto out_path = args.get("--out");
    std::optional<CsvKind> kind = csv_kind_from(*what);
    if (!kind) return usage_error(cmd, "--what must be organisations, invoices, payments or aging, got \"" + *what + "\"", err);
    std::optional<Date> on = inputs::on_date(args, cmd, err);
    if (!on) return kUsage;

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    std::optional<Book> book = inputs::load_book(*book_path, *catalog, err);
    if (!book) return kInvalidInput;
    CsvOptions options;
    options.bom = args.has("--bom");
    const std::string csv = export_csv(*catalog, *book, *kind, *on, options);
    std::string error;
    if (!write_file(*out_path, csv, error)) {
        err << *out_path << ": /: " << error << "\n";
        return kInvalidInput;
    }
    out << "wrote " << *out_path << ": " << *what << " on " << on->iso() << "\n";
    return kOk;
}

Registrar reg{{"export-csv",
               "export-csv --book BOOK.json --what organisations|invoices|payments|aging --out FILE.csv "
               "[--catalog C] [--on YYYY-MM-DD] [--bom]",
               "export part of the book as CSV for spreadsheets (RFC 4180, formula-safe)", run}};

}  // namespace
}  // namespace portal::cli
