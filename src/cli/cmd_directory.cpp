// portal-cli directory: the public member directory page (HTML), built from the public export
// only, so no private field can appear (docs/documents.md "Member directory").
#include "cli/book_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/directory_html.hpp"
#include "core/public_export.hpp"

namespace portal::cli {
namespace {

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("directory");
    Args args = parse_args(argv, {"--catalog", "--book", "--out", "--on", "--page"});
    args.expect({"--book", "--out"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto book_path = args.get("--book");
    auto out_path = args.get("--out");
    PageSize page = PageSize::Auto;
    if (auto p = args.get("--page"); p && !page_size_from(*p, page))
        return usage_error(cmd, "--page must be auto, a4 or letter, got \"" + *p + "\"", err);
    std::optional<Date> on = inputs::on_date(args, cmd, err);
    if (!on) return kUsage;

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    std::optional<Book> book = inputs::load_book(*book_path, *catalog, err);
    if (!book) return kInvalidInput;
    const Json pub = public_export(*book, *catalog, *on);
    std::string error;
    if (!write_file(*out_path, directory_html(pub, page), error)) {
        err << *out_path << ": /: " << error << "\n";
        return kInvalidInput;
    }
    out << "wrote " << *out_path << ": " << pub["organisations"].size() << " listed members\n";
    return kOk;
}

Registrar reg{{"directory",
               "directory --book BOOK.json --out MEMBERS.html [--catalog C] [--on YYYY-MM-DD] [--page auto|a4|letter]",
               "write the public member directory page (HTML, from the public export)", run}};

}  // namespace
}  // namespace portal::cli
