// portal-cli scenario: next year's projected revenue under a "portal-scenario/1" scenario, as JSON.
#include "cli/book_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/scenario.hpp"

namespace portal::cli {
namespace {

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("scenario");
    Args args = parse_args(argv, {"--catalog", "--book", "--scenario", "--on"});
    args.expect({"--book", "--scenario"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto book_path = args.get("--book");
    auto scenario_path = args.get("--scenario");
    std::optional<Date> on = inputs::on_date(args, cmd, err);
    if (!on) return kUsage;

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    std::optional<Book> book = inputs::load_book(*book_path, *catalog, err);
    if (!book) return kInvalidInput;
    std::optional<Scenario> scenario = inputs::load<Scenario>(
        *scenario_path,
        [&](std::string_view text) {
            Read<Json> doc = parse_json_text(text);
            if (!doc.ok()) return Read<Scenario>{std::nullopt, doc.problems};
            return scenario_from_json(*doc.value, *catalog);
        },
        err);
    if (!scenario) return kInvalidInput;
    Problems problems = check_scenario_against_book(*scenario, *book, *catalog, *on);
    if (!problems.empty()) {
        inputs::print_problems(*scenario_path, problems, err);
        return kInvalidInput;
    }
    ScenarioResult result = run_scenario(*book, *catalog, *scenario, *on);
    if (!result.too_large.empty()) {
        err << *scenario_path << ": /: " << result.too_large << "\n";
        return kInvalidInput;
    }
    out << scenario_result_to_json(result).dump(2) << "\n";
    return kOk;
}

Registrar reg{{"scenario",
               "scenario [--catalog CATALOG] --book BOOK.json --scenario SCENARIO.json [--on YYYY-MM-DD]",
               "next year's projected revenue under fee changes, new tiers, pipeline and churn, as JSON", run}};

}  // namespace
}  // namespace portal::cli
