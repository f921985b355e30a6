// portal-cli eligibility: every tier's rights (with reasons and rules), savings and a
// recommendation, for an application or an organisation of the book (docs/rules.md).
#include "cli/book_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/eligibility.hpp"

namespace portal::cli {
namespace {

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("eligibility");
    Args args = parse_args(argv, {"--catalog", "--application", "--book", "--org", "--on"});
    args.expect({});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto app_path = args.get("--application");
    auto book_path = args.get("--book");
    auto org_id = args.get("--org");
    if (app_path && org_id) return usage_error(cmd, "give --application or --org, not both", err);
    if (!app_path && !org_id) return usage_error(cmd, "give --application APP.json, or --book BOOK.json --org ORG_ID", err);
    if (org_id && !book_path) return usage_error(cmd, "--org needs --book", err);
    std::optional<Date> on = inputs::on_date(args, cmd, err);
    if (!on) return kUsage;

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    std::optional<Book> book;
    if (book_path) {
        book = inputs::load_book(*book_path, *catalog, err);
        if (!book) return kInvalidInput;
    }
    std::optional<GovernanceContext> context;
    if (book) context = context_from_book(*book, *catalog, *on);

    Subject subject;
    if (app_path) {
        std::optional<Application> app = inputs::load<Application>(
            *app_path, [&](std::string_view t) { return read_application(t, *catalog); }, err);
        if (!app) return kInvalidInput;
        subject = subject_from_application(*app, *catalog);
    } else {
        const Organisation* org = nullptr;
        for (const Organisation& o : book->organisations)
            if (o.id == *org_id) {
                org = &o;
                break;
            }
        if (!org) {
            err << *book_path << ": /organisations: no organisation with id \"" << *org_id << "\"\n";
            return kInvalidInput;
        }
        subject = subject_from_org(*org, *catalog, *context);
    }
    out << evaluation_to_json(evaluate(subject, *catalog, context ? &*context : nullptr)).dump(2) << "\n";
    return kOk;
}

Registrar reg{{"eligibility",
               "eligibility [--catalog CATALOG] (--application APP.json [--book BOOK.json] | --book BOOK.json --org ORG_ID) "
               "[--on YYYY-MM-DD]",
               "each tier's rights with reasons, estimated savings and a recommendation, as JSON", run}};

}  // namespace
}  // namespace portal::cli
