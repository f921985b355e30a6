// portal-cli apply: a batch of actions (docs/actions.md) applied to a book, all or nothing.
#include "cli/book_inputs.hpp"

namespace portal::cli {
namespace {

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("apply");
    Args args = parse_args(argv, {"--book", "--actions", "--out", "--catalog", "--who", "--at"});
    args.expect({"--book", "--actions"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto book_path = args.get("--book");
    auto actions_path = args.get("--actions");
    std::optional<ActionContext> ctx = book_inputs::context(args, cmd, err);
    if (!ctx) return kUsage;

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    std::optional<Book> book = inputs::load_book(*book_path, *catalog, err);
    if (!book) return kInvalidInput;
    std::optional<Json> actions = inputs::load<Json>(*actions_path, [](std::string_view t) { return parse_json_text(t); }, err);
    if (!actions) return kInvalidInput;

    // A file holding one action object is applied as it is, so its pointers have no index.
    // With the book's index kept, each action's lookups cost what it touches, not the book.
    BookIndex index = index_book(*book);
    ApplyResult r = actions->is_object() ? apply_action_indexed(*book, index, *catalog, *actions, *ctx)
                                         : apply_actions_indexed(*book, index, *catalog, *actions, *ctx);
    if (!r.ok) {
        inputs::print_problems(*actions_path, r.problems, err);
        return kInvalidInput;
    }
    auto out_path = args.get("--out");
    int rc = book_inputs::write_book_out(*book, *catalog, out_path, out, err);
    if (rc == kOk && out_path) out << r.summary << "\n";
    return rc;
}

Registrar reg{{"apply",
               "apply --book BOOK.json --actions ACTIONS.json [--out NEW_BOOK.json] [--catalog CATALOG] [--who NAME] "
               "[--at YYYY-MM-DDThh:mm:ssZ]",
               "apply actions to the book, all or nothing (the new book to --out, else to stdout)", run}};

}  // namespace
}  // namespace portal::cli
