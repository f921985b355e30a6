// The organisation editor: edits a draft (the stored JSON of one organisation); Save sends
// org.add or org.update, and every problem the reducer finds is shown beside its field.
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {

void set(const char* field, Json value) { dispatch({{"type", "draft.set"}, {"field", field}, {"value", std::move(value)}}); }

std::string text_of(const Json& draft, const char* key) {
    auto it = draft.find(key);
    return it != draft.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void text_field(const AppModel& m, const char* label, const char* key, const char* hint = nullptr) {
    std::string out;
    const bool flagged = has_problem(m.org_problems, std::string("/") + key);
    if (flagged) ImGui::PushStyleColor(ImGuiCol_Border, colour::bad), ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.5f);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 18);
    if (input_text(label, text_of(m.org_draft, key), &out, hint)) set(key, out);
    if (flagged) ImGui::PopStyleVar(), ImGui::PopStyleColor();
    problem_text(m.org_problems, std::string("/") + key);
}

void invoices_of(const AppModel& m) {
    auto it = m.index.org_by_id.find(m.selected_org);
    if (it == m.index.org_by_id.end() || it->second >= m.index.invoices_by_org.size()) return;
    ImGui::SeparatorText("Invoices");
    const Date on = today(m);
    for (std::size_t k : m.index.invoices_by_org[it->second]) {
        const Invoice& inv = m.book.invoices[k];
        const InvoiceStatus st = invoice_status(inv, m.index, on);
        ImGui::Text("%s  %s  due %s", inv.number.c_str(), money(m, invoice_total(inv)).c_str(), inv.due.iso().c_str());
        ImGui::SameLine();
        ImGui::TextColored(invoice_colour(st), "%s", to_string(st));
    }
}

}  // namespace

void draw_org_edit(const AppModel& m) {
    const Json& d = m.org_draft;
    heading(m.org_draft_new ? "New organisation" : ("Edit " + text_of(d, "name")).c_str());
    if (button("Back to the list")) dispatch({{"type", "ui.navigate"}, {"screen", "orgs"}});
    if (!m.org_draft_new) {
        auto it = m.index.org_by_id.find(m.selected_org);
        if (it != m.index.org_by_id.end() && it->second < m.org_status.size()) {
            const MembershipStatus st = m.org_status[it->second];
            ImGui::SameLine();
            ImGui::TextColored(status_colour(st), "Status: %s", to_string(st));
            ImGui::SameLine();
            ImGui::TextColored(colour::muted, "(%s)", m.selected_org.c_str());
        }
    }
    ImGui::Spacing();
    if (m.org_draft_new) text_field(m, "Id (optional)", "id", "generated from the name");
    text_field(m, "Name", "name");
    std::string out;
    std::vector<std::pair<std::string, std::string>> types;
    for (const OrgType& t : m.catalog.org_types) types.push_back({t.id, t.label});
    if (combo("Type", text_of(d, "type"), types, &out, ImGui::GetFontSize() * 18)) set("type", out);
    problem_text(m.org_problems, "/type");
    text_field(m, "Country", "country", "ISO code, e.g. GB");

    const Json commercial = d.value("commercial", Json());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Commercial");
    ImGui::SameLine();
    if (radio("From the type##org", commercial.is_null())) set("commercial", nullptr);
    ImGui::SameLine();
    if (radio("Yes##org", commercial == true)) set("commercial", true);
    ImGui::SameLine();
    if (radio("No##org", commercial == false)) set("commercial", false);

    std::vector<std::pair<std::string, std::string>> tiers{{"", "Not a member"}};
    for (const Tier& t : m.catalog.tiers) tiers.push_back({t.id, t.label});
    const std::string tier = text_of(d, "tier");
    if (combo("Tier", tier, tiers, &out, ImGui::GetFontSize() * 18)) set("tier", out.empty() ? Json() : Json(out));
    problem_text(m.org_problems, "/tier");
    text_field(m, "Member since", "member_since", "YYYY-MM-DD");
    if (checkbox("Listed in the public directory", d.value("listed", false))) set("listed", !d.value("listed", false));
    std::string notes;
    if (input_multiline("Notes (private)", text_of(d, "notes"), &notes, ImVec2(ImGui::GetFontSize() * 26, ImGui::GetFontSize() * 4)))
        set("notes", notes);

    ImGui::Spacing();
    if (button("Save")) dispatch({{"type", "draft.save"}});
    ImGui::SameLine();
    if (!m.org_draft_new && !tier.empty() && button("Cancel membership"))
        dispatch({{"type", "org.cancel"}, {"id", m.selected_org}});
    if (!m.org_problems.empty()) {
        ImGui::TextColored(colour::bad, "Not saved: %zu problem(s) flagged above.", m.org_problems.size());
        for (const auto& p : m.org_problems)
            if (p.pointer.empty() || p.pointer == "/id") ImGui::TextColored(colour::bad, "%s %s", p.pointer.c_str(), p.message.c_str());
    }
    if (!m.org_draft_new) invoices_of(m);
}

}  // namespace portal::ui
