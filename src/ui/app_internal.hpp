// Pieces of update() split by topic (app_state.cpp, app_public.cpp, app_staff.cpp,
// app_derived.cpp). Not for views: views only read AppModel and dispatch actions.
#pragma once

#include <string>

#include "ui/app_state.hpp"

namespace portal::ui {

void say(AppModel& m, const std::string& level, const std::string& text);
void offer_download(AppModel& m, const std::string& name, const std::string& mime, const std::string& text);
void apply_book_action(AppModel& m, const Json& action, const std::string& type);

// Derived values: each recomputes only what depends on what changed.
// A replaced book (import, demo, restore, sync): the index from scratch, then everything else.
void refresh_book(AppModel& m);      // everything: index, statuses, order, filter; screen values stale
// Everything but the index, which must be current (kept by apply_action_indexed).
void refresh_from_index(AppModel& m);
// After the reducer applied `action` (of type `type`) to m.book: recomputes only what that kind
// of action can change, equal to refresh_book (tests/ui/test_app_incremental.cpp).
void refresh_after_action(AppModel& m, const Json& action, const std::string& type);
void refresh_order(AppModel& m);     // every organisation in the sort order, then the filter
void refresh_filter(AppModel& m);    // the organisations shown: `sorted` narrowed by the filter
void refresh_wizard(AppModel& m);    // validation and evaluation of the wizard profile
void refresh_catalog(AppModel& m);   // benefits that differ between tiers

void refresh_scenario(AppModel& m); // the scenario modeller's problems and projection

void reset_public(AppModel& m);      // the kiosk's inactivity reset
void load_demo(AppModel& m);         // the demo book (or an empty book when none is bundled)

// "" when handled, else the refusal.
std::string update_wizard(AppModel& m, const Json& action, const std::string& type);
enum class Handled { No, Yes, Reported };
// Yes: a staff UI action, *error set on refusal, *summary on success; Reported: it went through
// apply_book_action, which already set m.last.
Handled update_staff(AppModel& m, const Json& action, const std::string& type, std::string* error, std::string* summary);
// Invoice documents, reminders, CSV and directory exports (app_documents.cpp).
Handled update_documents(AppModel& m, const Json& action, const std::string& type, std::string* error, std::string* summary);
// The scenario modeller (app_scenario.cpp).
Handled update_scenario(AppModel& m, const Json& action, const std::string& type, std::string* error, std::string* summary);

// A document shown in a new browser tab (effect "open_html"), remembered in m.opened for tests.
void open_document(AppModel& m, const std::string& name, const std::string& kind, const std::string& html);
// Imports that are not a whole book (import.file routes by "schema"): an application becomes a
// prospect (app_documents.cpp); a scenario opens in the modeller (app_scenario.cpp).
void intake_file(AppModel& m, const Json& doc);
void scenario_file(AppModel& m, const Json& doc);

}  // namespace portal::ui
