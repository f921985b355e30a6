// portal-cli export-public: the public export (catalog, directory, committees, governance summary);
// never a private field (docs/reports.md "Public export").
#include "cli/book_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/public_export.hpp"

namespace portal::cli {
namespace {

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("export-public");
    Args args = parse_args(argv, {"--catalog", "--book", "--out", "--on"});
    args.expect({"--book", "--out"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto book_path = args.get("--book");
    auto out_path = args.get("--out");
    std::optional<Date> on = inputs::on_date(args, cmd, err);
    if (!on) return kUsage;

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    std::optional<Book> book = inputs::load_book(*book_path, *catalog, err);
    if (!book) return kInvalidInput;
    Json pub = public_export(*book, *catalog, *on);
    std::string error;
    if (!write_file(*out_path, pub.dump(2) + "\n", error)) {
        err << *out_path << ": /: " << error << "\n";
        return kInvalidInput;
    }
    out << "wrote " << *out_path << ": " << pub["organisations"].size() << " listed members, "
        << pub["governance"]["count"].get<std::int64_t>() << " governance violations\n";
    return kOk;
}

Registrar reg{{"export-public", "export-public [--catalog CATALOG] --book BOOK.json --out PUBLIC.json [--on YYYY-MM-DD]",
               "write the public export (catalog, directory, committees, governance summary)", run}};

}  // namespace
}  // namespace portal::cli
