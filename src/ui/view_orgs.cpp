// Organisations: filter, text search, sortable columns and status colours over the whole book.
// Drawing reads the precomputed `filtered` index and clips to the visible rows (ImGuiListClipper),
// so 100,000 organisations scroll smoothly; the index is rebuilt only when the filter changes.
#include <imgui_internal.h>

#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {

void filters(const AppModel& m) {
    std::string out;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (input_text("##search", m.filter.text, &out, "Search name, id or country"))
        dispatch({{"type", "filter.set"}, {"field", "text"}, {"value", out}});
    ImGui::SameLine();
    std::vector<std::pair<std::string, std::string>> statuses{{"", "Any status"}};
    for (const char* s : {"prospect", "pending", "current", "grace", "lapsed", "cancelled"}) statuses.push_back({s, s});
    if (combo("##status", m.filter.status, statuses, &out, ImGui::GetFontSize() * 8))
        dispatch({{"type", "filter.set"}, {"field", "status"}, {"value", out}});
    ImGui::SameLine();
    std::vector<std::pair<std::string, std::string>> tiers{{"", "Any tier"}, {"none", "Not a member"}};
    for (const Tier& t : m.catalog.tiers) tiers.push_back({t.id, t.label});
    if (combo("##tier", m.filter.tier, tiers, &out, ImGui::GetFontSize() * 12))
        dispatch({{"type", "filter.set"}, {"field", "tier"}, {"value", out}});
    ImGui::SameLine();
    ImGui::TextColored(colour::muted, "%zu of %zu", m.filtered.size(), m.book.organisations.size());
    ImGui::SameLine();
    if (button("New organisation")) dispatch({{"type", "org.new"}});
}

void sort_specs(const AppModel& m) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || specs->SpecsCount == 0) return;
    const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
    const bool descending = s.SortDirection == ImGuiSortDirection_Descending;
    if (!specs->SpecsDirty) {
        // The sort was changed by an action (portal.dispatch): show it in the header too.
        if (s.ColumnIndex != m.filter.sort_column || descending != m.filter.sort_descending)
            ImGui::TableSetColumnSortDirection(m.filter.sort_column,
                m.filter.sort_descending ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending, false);
        return;
    }
    if (s.ColumnIndex != m.filter.sort_column || descending != m.filter.sort_descending)
        dispatch({{"type", "filter.sort"}, {"column", s.ColumnIndex}, {"descending", descending}});
    specs->SpecsDirty = false;
}

}  // namespace

void draw_orgs(const AppModel& m) {
    heading("Organisations");
    filters(m);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("orgs", 6, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_DefaultSort, 3.0f);
    ImGui::TableSetupColumn("Type", 0, 1.6f);
    ImGui::TableSetupColumn("Country", 0, 0.7f);
    ImGui::TableSetupColumn("Tier", 0, 1.4f);
    ImGui::TableSetupColumn("Status", 0, 0.9f);
    ImGui::TableSetupColumn("Member since", 0, 1.0f);
    ImGui::TableHeadersRow();
    sort_specs(m);

    ImGuiListClipper clipper;
    clipper.Begin(int(m.filtered.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const std::uint32_t i = m.filtered[std::size_t(row)];
            const Organisation& o = m.book.organisations[i];
            const MembershipStatus st = m.org_status[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(int(i));
            if (ImGui::Selectable(o.name.c_str(), o.id == m.selected_org, ImGuiSelectableFlags_SpanAllColumns))
                dispatch({{"type", "org.select"}, {"id", o.id}});
            if (row < 50) track("row:" + o.id);
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(type_label(m, o.type).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(o.country.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(o.tier ? tier_label(m, *o.tier).c_str() : "-");
            ImGui::TableNextColumn();
            ImGui::TextColored(status_colour(st), "%s", to_string(st));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(o.member_since ? o.member_since->iso().c_str() : "");
        }
    }
    ImGui::EndTable();
}

}  // namespace portal::ui
