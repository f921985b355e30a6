// portal-cli intake: an application file becomes a prospect at stage "applied" (a
// "prospect.intake" action); a duplicate organisation or prospect is refused by name.
#include "cli/book_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/intake.hpp"

namespace portal::cli {
namespace {

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("intake");
    Args args = parse_args(argv, {"--catalog", "--book", "--application", "--out", "--who", "--at"});
    args.expect({"--book", "--application"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto book_path = args.get("--book");
    auto app_path = args.get("--application");
    std::optional<ActionContext> ctx = book_inputs::context(args, cmd, err);
    if (!ctx) return kUsage;

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    std::optional<Book> book = inputs::load_book(*book_path, *catalog, err);
    if (!book) return kInvalidInput;
    std::optional<Json> doc = inputs::load<Json>(*app_path, [](std::string_view t) { return parse_json_text(t); }, err);
    if (!doc) return kInvalidInput;

    IntakeResult r = intake_application(*book, *catalog, *doc, *ctx);
    if (!r.result.ok) {
        // Pointers come back as /application/...: report them against the application file.
        for (const Problem& p : r.result.problems) {
            const bool in_app = p.pointer.rfind("/application", 0) == 0;
            err << (in_app ? *app_path : *book_path) << ": " << (in_app ? p.pointer.substr(12) : p.pointer) << ": "
                << p.message << "\n";
        }
        return kInvalidInput;
    }
    if (int rc = book_inputs::write_book_out(*book, *catalog, args.get("--out"), out, err); rc != kOk) return rc;
    (args.get("--out") ? out : err) << r.result.summary << "\n";
    return kOk;
}

Registrar reg{{"intake",
               "intake --book BOOK.json --application APPLICATION.json [--out NEW_BOOK.json] [--catalog C] "
               "[--who NAME] [--at TIMESTAMP]",
               "take in an application as a prospect at stage applied (duplicates refused)", run}};

}  // namespace
}  // namespace portal::cli
