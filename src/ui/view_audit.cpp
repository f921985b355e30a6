// Audit log: every applied change, newest first, with who and when; filtered by a search text
// kept as transient widget state.
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {
std::string g_search;
std::string lower(std::string s) {
    for (char& c : s) if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}
}  // namespace

void draw_audit(const AppModel& m) {
    heading("Audit log");
    std::string out;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    if (input_text("##audit", g_search, &out, "Search who or what")) g_search = out;
    ImGui::SameLine();
    ImGui::TextColored(colour::muted, "%zu entries", m.book.audit.size());
    const std::string needle = lower(g_search);
    std::vector<std::size_t> rows;
    for (std::size_t k = m.book.audit.size(); k-- > 0;) {
        const AuditEntry& e = m.book.audit[k];
        if (needle.empty() || lower(e.summary + " " + e.who).find(needle) != std::string::npos) rows.push_back(k);
    }
    if (!begin_list_table("audit", {{"#", 0.4f}, {"When", 1.4f}, {"Who", 0.9f}, {"What", 5.0f}})) return;
    visible_rows(rows.size(), [&](std::size_t r) {
        const AuditEntry& e = m.book.audit[rows[r]];
        ImGui::TableNextRow();
        ImGui::TableNextColumn(); ImGui::Text("%lld", (long long)e.seq);
        ImGui::TableNextColumn(); ImGui::TextUnformatted(e.at.c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(e.who.c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(e.summary.c_str());
        if (ImGui::IsItemHovered() && ImGui::BeginTooltip()) {
            ImGui::TextUnformatted(e.action.dump(2).c_str());
            ImGui::EndTooltip();
        }
    });
    ImGui::EndTable();
}

}  // namespace portal::ui
