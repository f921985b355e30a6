// Settings: the staff name recorded in the audit log, the static host URL for sync, the display
// currency, and an optional "today" for demos.
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {
void set(const char* field, const std::string& value) {
    dispatch({{"type", "settings.set"}, {"field", field}, {"value", value}});
}
}  // namespace

void draw_settings(const AppModel& m) {
    heading("Settings");
    const Settings& s = m.settings;
    std::string out;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    if (input_text("Staff name", s.staff_name, &out, "recorded in the audit log", ImGuiInputTextFlags_EnterReturnsTrue)) set("staff_name", out);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
    if (input_text("Static host URL", s.host_url, &out, "https://example.org/portal/", ImGuiInputTextFlags_EnterReturnsTrue)) set("host_url", out);
    std::vector<std::pair<std::string, std::string>> currencies{{m.rates.base, m.rates.base}};
    for (const auto& r : m.rates.rates) currencies.push_back({r.code, r.code + " - " + r.name});
    if (combo("Display currency", s.display_currency, currencies, &out, ImGui::GetFontSize() * 16)) set("display_currency", out);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (input_text("Today (for demos)", s.today, &out, today(m).iso().c_str(), ImGuiInputTextFlags_EnterReturnsTrue)) set("today", out);
    ImGui::TextColored(colour::muted, "Text fields apply when you press Enter.");
    ImGui::Spacing();
    ImGui::TextColored(colour::muted, "Exchange rates of %s (%zu currencies); catalog currency %s.",
                       m.rates_ok ? m.rates.date.iso().c_str() : "(none)", m.rates.rates.size(), m.catalog.currency.c_str());
}

}  // namespace portal::ui
