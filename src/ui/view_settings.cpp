// Settings: the staff name recorded in the audit log, the static host URL for sync, the display
// currency, and an optional "today" for demos.
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {
void set(const char* field, const std::string& value) {
    dispatch({{"type", "settings.set"}, {"field", field}, {"value", value}});
}
// Storage (src/web/storage_web.cpp fills m.storage): usage, persistence, snapshots to restore.
void draw_storage(const AppModel& m) {
    const Json& st = m.storage;
    if (!st.value("enabled", false)) return;
    ImGui::Spacing();
    heading("Storage");
    const double mb = 1024.0 * 1024.0;
    ImGui::Text("Browser storage: %.1f MB used of %.0f MB; %s.", st.value("usage_bytes", 0.0) / mb, st.value("quota_bytes", 0.0) / mb,
                st.value("persisted", false) ? "kept persistently" : "may be cleared by the browser when space runs low");
    ImGui::Text("Journal entry %lld; last saved %lld.", (long long)st.value("last_seq", std::int64_t(0)),
                (long long)st.value("last_saved_seq", std::int64_t(0)));
    if (const std::string e = st.value("error", ""); !e.empty()) ImGui::TextColored(colour::bad, "%s", e.c_str());
    const Json list = st.value("snapshot_list", Json::array());
    if (list.empty()) { ImGui::TextColored(colour::muted, "No snapshots yet."); return; }
    const bool writable = !st.value("read_only", false) && st.value("loaded", false);
    if (ImGui::BeginTable("snapshots", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        for (const char* h : {"Snapshot", "Taken", "Label", "Entry", ""}) ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (auto it = list.rbegin(); it != list.rend(); ++it) {
            const std::int64_t id = it->value("id", std::int64_t(0));
            ImGui::TableNextRow();
            ImGui::TableNextColumn(); ImGui::Text("%lld", (long long)id);
            ImGui::TableNextColumn(); ImGui::TextUnformatted(it->value("taken_at", "").c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(it->value("label", "").c_str());
            ImGui::TableNextColumn(); ImGui::Text("%lld", (long long)it->value("seq", std::int64_t(0)));
            ImGui::TableNextColumn();
            const std::string label = "Restore##snapshot" + std::to_string(id);
            if (button(label.c_str(), writable)) dispatch({{"type", "storage.restore"}, {"id", id}});
        }
        ImGui::EndTable();
    }
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
    draw_storage(m);
}

}  // namespace portal::ui
