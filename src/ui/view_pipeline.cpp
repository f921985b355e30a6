// Recruitment pipeline: prospects by stage, each with its expected tier, probability and next
// action; the buttons offer only the moves the core allows (next_stages).
#include "core/pipeline.hpp"
#include "ui/book_actions.hpp"
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

void draw_pipeline(const AppModel& m) {
    heading("Recruitment pipeline");
    constexpr Stage kStages[] = {Stage::Identified, Stage::Contacted, Stage::Interested, Stage::Applied, Stage::Joined, Stage::Declined};
    std::int64_t weighted = 0;
    for (const Prospect& p : m.book.prospects)
        if (p.stage != Stage::Joined && p.stage != Stage::Declined && p.expected_tier)
            if (const Tier* t = m.catalog.find_tier(*p.expected_tier)) weighted += scale_rounded(t->annual_fee, std::int64_t(p.probability * 1000 + 0.5), 1000);
    ImGui::TextColored(colour::muted, "%zu prospects; open ones weighted by probability: %s a year.", m.book.prospects.size(),
                       money(m, weighted).c_str());
    if (!ImGui::BeginTable("stages", 6, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchSame)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (Stage s : kStages) ImGui::TableSetupColumn(to_string(s));
    ImGui::TableHeadersRow();
    ImGui::TableNextRow();
    for (Stage s : kStages) {
        ImGui::TableNextColumn();
        int shown = 0;
        for (const Prospect& p : m.book.prospects) {
            if (p.stage != s) continue;
            if (++shown > 200) { ImGui::TextColored(colour::muted, "..."); break; }
            ImGui::PushID(p.id.c_str());
            ImGui::TextWrapped("%s", p.name.c_str());
            ImGui::PushStyleColor(ImGuiCol_Text, colour::muted);
            ImGui::TextWrapped("%s, %d%%", p.expected_tier ? tier_label(m, *p.expected_tier).c_str() : "no tier",
                               int(p.probability * 100 + 0.5));
            ImGui::PopStyleColor();
            if (!p.next_action.empty()) {
                ImGui::PushStyleColor(ImGuiCol_Text, colour::info);
                ImGui::TextWrapped("%s %s", p.next_action.c_str(), p.next_action_date ? p.next_action_date->iso().c_str() : "");
                ImGui::PopStyleColor();
            }
            // Buttons wrap to the next line when the column is too narrow for them.
            const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
            bool first = true;
            for (Stage next : next_stages(p.stage)) {
                const std::string text = std::string("\xE2\x86\x92 ") + to_string(next);
                const float w = ImGui::CalcTextSize(text.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
                if (!first) {
                    ImGui::SameLine();
                    if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
                }
                first = false;
                if (small_button((text + "##" + p.id).c_str())) dispatch(book_actions::prospect_advance(p.id, to_string(next)));
            }
            ImGui::Separator();
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

}  // namespace portal::ui
