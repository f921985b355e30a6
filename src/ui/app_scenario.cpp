// The scenario modeller's part of update() (PRODUCT.md C, docs/reports.md "Scenarios"): the model
// keeps the portal-scenario/1 document being edited; every edit replaces it whole and reruns the
// core (scenario_from_json, check_scenario_against_book, run_scenario), so what the screen shows is
// exactly what `portal-cli scenario` prints for the downloaded file.
#include "core/scenario.hpp"
#include "ui/app_internal.hpp"

namespace portal::ui {

Json default_scenario() {
    return {{"schema", kScenarioSchema}, {"name", "Next year"}, {"fee_changes", Json::object()},
            {"new_tiers", Json::array()}, {"pipeline", false}, {"churn_per_mille", 0}};
}

void refresh_scenario(AppModel& m) {
    if (!m.scenario_doc.is_object()) m.scenario_doc = default_scenario();
    Read<Scenario> r = scenario_from_json(m.scenario_doc, m.catalog);
    m.scenario_problems = r.problems;
    m.scenario_result = ScenarioResult{};
    if (!r.ok()) return;
    m.scenario_problems = check_scenario_against_book(*r.value, m.book, m.catalog, today(m));
    if (m.scenario_problems.empty()) m.scenario_result = run_scenario(m.book, m.catalog, *r.value, today(m));
}

// Loading a file keeps it even when invalid, so its problems can be shown and fixed on screen.
void scenario_file(AppModel& m, const Json& doc) {
    m.import_kind = "scenario";
    m.scenario_doc = doc;
    refresh_scenario(m);
    m.import_problems = m.scenario_problems;
    m.import_ok = m.scenario_problems.empty();
    m.screen = Screen::Scenario;
}

Handled update_scenario(AppModel& m, const Json& a, const std::string& type, std::string* error, std::string* summary) {
    if (type == "scenario.set") {
        const Json doc = a.value("scenario", Json());
        if (!doc.is_object()) { *error = "scenario.set takes {\"scenario\": a portal-scenario/1 object}."; return Handled::Yes; }
        m.scenario_doc = doc;
        refresh_scenario(m);
    } else if (type == "scenario.reset") {
        m.scenario_doc = default_scenario();
        refresh_scenario(m);
    } else if (type == "scenario.download") {
        refresh_scenario(m);
        offer_download(m, "scenario.json", "application/json", m.scenario_doc.dump(2) + "\n");
    } else if (type == "scenario.pick") {
        m.effects.push_back({{"effect", "pick_file"}, {"kind", "scenario"}});
    } else {
        return Handled::No;
    }
    (void)summary;  // the screen shows the projection, or the problems beside the fields
    return Handled::Yes;
}

}  // namespace portal::ui
