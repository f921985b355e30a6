// The web app's model and its one update function (functional core, imperative shell, like
// lager): draw functions read a `const AppModel&` and push actions; the shell drains the queue
// through update(). Book actions are forwarded to portal::apply_action_indexed; everything the browser
// must do (download, open a link, pick a file) comes back as data in `effects`.
// Every action type and the portal.state() keys are listed in src/ui/README.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/eligibility.hpp"
#include "core/governance.hpp"
#include "core/reminders.hpp"
#include "core/reports.hpp"
#include "core/json_io.hpp"
#include "core/scenario.hpp"
#include "core/model.hpp"
#include "core/status.hpp"

namespace portal::ui {

enum class Screen {
    Compare, Wizard, Join,                                   // public
    Dashboard, Orgs, OrgEdit, Invoices, Renewal, Pipeline,   // staff
    Committees, Reports, Audit, Settings, Import,
    Reminders, Scenario
};
const char* to_string(Screen s);
bool screen_from(const std::string& s, Screen* out);
bool is_staff_screen(Screen s);

struct WizardInputs {
    std::string name;
    std::string type;
    int commercial = -1;                  // -1: from the type, 0: no, 1: yes
    std::string country;
    std::int64_t conference_attendees = 0;
    std::int64_t training_seats = 0;
    std::vector<std::string> interests;
    std::string contact_name;
    std::string contact_email;
    std::string tier;                     // the tier applied for ("" = the recommendation)
};

struct OrgFilter {
    std::string text;
    std::string status;                   // "" = any
    std::string tier;                     // "" = any, "none" = non-members
    int sort_column = 0;                  // 0 name, 1 type, 2 country, 3 tier, 4 status, 5 since
    bool sort_descending = false;
};

struct Settings {
    std::string staff_name = "Staff";
    std::string host_url;
    std::string display_currency = "USD";
    std::string today;                    // "" = the real date; set for demos and tests
};

struct Message {
    std::string level;                    // "info", "ok", "error"
    std::string text;
};

struct ActionOutcome {
    bool ok = true;
    std::string type;
    std::string error;
    std::string summary;
    Problems problems;
};

struct AppModel {
    // [SECTION] Shell facts, set by the imperative shell
    Screen screen = Screen::Compare;
    bool staff = false;
    bool kiosk = false;
    std::string now_iso = "2027-01-01T00:00:00Z";   // the clock, injected by the shell
    Date real_today = Date::from_ymd(2027, 1, 1);

    // [SECTION] Data
    Catalog catalog;
    Problems catalog_problems;
    Rates rates;
    bool rates_ok = false;
    Book book;
    std::uint64_t book_version = 0;
    std::string demo_text;                // assets/demo-book.json (compiled into the web app), "" when absent
    bool demo = false;
    std::string book_lock;                // non-empty: book changes are refused with this (loading, read-only tab)
    Json storage = Json::object();        // set by the web shell (src/web/storage_web.cpp): saving, snapshots, usage
    Json sync = Json::object();           // set by the web shell (src/web/sync_web.cpp): status, conflicts; no secret

    // [SECTION] Derived, recomputed by update() when their inputs change (never per frame).
    // After a book action only what it can have changed is recomputed (app_derived.cpp); the
    // values only some screens show are recomputed when one of them is drawn (prepare_screen) or
    // portal.state() is read (refresh_stale), not after every action: `stale` says which are due.
    BookIndex index;
    std::vector<MembershipStatus> org_status;   // parallel to book.organisations
    std::vector<std::uint32_t> filtered;        // indices of organisations shown, sorted
    std::vector<std::string> search_keys;       // per organisation: name, id and country in lower case
    std::vector<std::uint32_t> sorted;          // every organisation, in the table's sort order
    std::vector<std::uint32_t> name_rank;       // per organisation: its place in name order
    std::vector<std::uint32_t> by_name;         // every organisation in name order (name_rank's inverse)
    OrgFilter filtered_for;                     // the filter `filtered` holds the result of ...
    bool filtered_current = false;              // ... unless the book or the order changed since
    std::vector<std::string> differing_benefits;
    std::vector<Violation> violations;          // governance check on today's seats
    Report report;                              // today's year, as of today
    ReminderPlan reminders;                     // reminders due today (plan_reminders)
    struct Stale {                              // true: recompute before showing it
        bool violations = true, report = true, reminders = true, wizard = true;
    } stale;

    // [SECTION] Public view
    std::string compare_currency = "USD";
    WizardInputs wizard;
    Problems wizard_problems;             // pointers like "/name", "/country"
    Evaluation evaluation;
    int wizard_step = 0;                  // 0 profile, 1 results
    bool wizard_checked = false;          // "See results" was pressed: flag empty fields too

    // [SECTION] Staff view
    Settings settings;
    OrgFilter filter;
    std::string selected_org;
    Json org_draft = Json::object();      // the organisation being edited, as JSON
    Json org_original = Json::object();   // as stored, to send only what changed
    bool org_draft_new = false;
    Problems org_problems;
    std::string selected_invoice;
    std::string invoice_filter;           // "", "open", "overdue"
    int renewal_year = 0;                 // 0 = next year from today
    Json renewal_preview = Json::array(); // what a run would create: [{number, org, name, tier, amount, due}]
    Json renewal_skipped = Json::array(); // members left out, and why
    std::string import_name;
    Problems import_problems;
    bool import_ok = false;
    std::string import_kind;              // what the last import was: "book", "application", "scenario"
    std::string intake_prospect;          // the prospect an application became
    std::string intake_duplicate;         // the record an application duplicates (describe())
    Json scenario_doc;                    // the portal-scenario/1 being edited (set by refresh_scenario)
    Problems scenario_problems;
    ScenarioResult scenario_result;       // valid only when scenario_problems is empty

    // [SECTION] Feedback and effects
    std::vector<Message> messages;        // newest last, capped
    ActionOutcome last;
    std::vector<Json> effects;            // drained by the shell: download, open_url, pick_file
    std::vector<Json> downloads;          // {"name", "bytes"}: what was offered, for tests
    std::vector<Json> opened;             // {"name", "kind", "bytes"}: documents opened in a tab
};

// The one way the model changes. Unknown action types are refused with a message.
void update(AppModel& m, const Json& action);

// The date rules run on: settings.today when set, else the real date.
Date today(const AppModel& m);
// Called once the shell has filled catalog, rates and book, to compute the derived values.
void refresh_all(AppModel& m);
// Before drawing: recomputes the stale values the current screen shows (report, governance
// check, reminders, the wizard's evaluation against the book).
void prepare_screen(AppModel& m);
// Every stale value (before state_json, which shows them all).
void refresh_stale(AppModel& m);
// The application document the wizard would send (portal-application/1).
Json wizard_application(const AppModel& m);
std::string join_mailto(const AppModel& m);
// The starting scenario: every fee unchanged, no new tier, no pipeline, no churn.
Json default_scenario();
// Key values for window.portal.state().
Json state_json(const AppModel& m);

}  // namespace portal::ui
