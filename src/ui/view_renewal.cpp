// Renewal: preview what a run for a year would invoice (the core's plan), then run it. The run is
// idempotent: a second run creates nothing new, and the preview says so.
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

void draw_renewal(const AppModel& m) {
    heading("Renewal run");
    const int year = m.renewal_year ? m.renewal_year : today(m).year() + 1;
    int y = year;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::InputInt("Membership year", &y) && y != year && y > 1900 && y < 10000)
        dispatch({{"type", "renewal.preview"}, {"year", y}});
    track("Membership year");
    ImGui::SameLine();
    if (button("Preview")) dispatch({{"type", "renewal.preview"}, {"year", year}});
    ImGui::SameLine();
    if (button("Run renewal")) dispatch({{"type", "renewal.run"}, {"year", year}});
    ImGui::TextColored(colour::muted, "Creates next year's invoice for every current member; running it twice creates nothing new.");

    std::int64_t total = 0;
    for (const auto& row : m.renewal_preview) total += row.value("amount", std::int64_t(0));
    ImGui::Text("Preview: %zu invoice(s), %s; %zu member(s) left out.", m.renewal_preview.size(), money(m, total).c_str(),
                m.renewal_skipped.size());
    const float half = ImGui::GetContentRegionAvail().y * 0.6f;
    if (begin_list_table("preview", {{"Number"}, {"Organisation"}, {"Tier"}, {"Amount"}, {"Due"}}, ImVec2(0, half))) {
        visible_rows(m.renewal_preview.size(), [&](std::size_t r) {
            const Json& row = m.renewal_preview[r];
            ImGui::TableNextRow();
            ImGui::TableNextColumn(); ImGui::TextUnformatted(row.value("number", "").c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(row.value("name", "").c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(tier_label(m, row.value("tier", "")).c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(money(m, row.value("amount", std::int64_t(0))).c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(row.value("due", "").c_str());
        });
        ImGui::EndTable();
    }
    if (!m.renewal_skipped.empty() && ImGui::BeginChild("skipped", ImVec2(0, 0), ImGuiChildFlags_Border)) {
        ImGui::TextColored(colour::muted, "Left out");
        for (const auto& s : m.renewal_skipped)
            ImGui::BulletText("%s: %s", s.value("name", "").c_str(), s.value("reason", "").c_str());
    }
    if (!m.renewal_skipped.empty()) ImGui::EndChild();
}

}  // namespace portal::ui
