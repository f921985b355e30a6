// One view per file; each draws a const model and dispatches actions (ui.hpp).
#pragma once

#include "ui/app_state.hpp"

namespace portal::ui {

// The whole window for one frame: top bar, staff navigation, the current screen, messages.
void draw_app(const AppModel& m);

void draw_compare(const AppModel& m);
void draw_wizard(const AppModel& m);
void draw_join(const AppModel& m);
void draw_dashboard(const AppModel& m);
void draw_orgs(const AppModel& m);
void draw_org_edit(const AppModel& m);
void draw_invoices(const AppModel& m);
void draw_renewal(const AppModel& m);
void draw_pipeline(const AppModel& m);
void draw_committees(const AppModel& m);
void draw_reports(const AppModel& m);
void draw_audit(const AppModel& m);
void draw_settings(const AppModel& m);
void draw_import(const AppModel& m);
// "Printable quote" and "Download quote" for the chosen (else recommended) tier: wizard and join.
void quote_buttons(const AppModel& m, bool same_line);
void draw_reminders(const AppModel& m);
void draw_scenario(const AppModel& m);

}  // namespace portal::ui
