// Committees: EC, OC and TRC seats, with the governance check live (recomputed by update() on
// every book change) listing each violation and the rule it breaks.
#include "core/governance.hpp"
#include "ui/book_actions.hpp"
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {

struct SeatForm { std::string committee = "ec", org, person; };
SeatForm g_seat;

void seat_table(const AppModel& m, Committee c, const char* title) {
    ImGui::SeparatorText(title);
    const Date on = today(m);
    const auto& seats = m.book.committees.of(c);
    if (seats.empty()) { ImGui::TextColored(colour::muted, "No seats."); return; }
    if (!ImGui::BeginTable(title, 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
    for (const char* h : {"Organisation", "Person", "Term", "Current", ""}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const Seat& s : seats) {
        ImGui::PushID(s.id.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn(); ImGui::TextUnformatted(org_name(m, s.org).c_str());
        ImGui::TableNextColumn(); ImGui::TextUnformatted(s.person.c_str());
        ImGui::TableNextColumn(); ImGui::Text("%s to %s", s.term_start.iso().c_str(), s.term_end ? s.term_end->iso().c_str() : "open");
        const bool current = seat_is_current(s, on);
        ImGui::TableNextColumn(); ImGui::TextColored(current ? colour::ok : colour::muted, current ? "yes" : "no");
        ImGui::TableNextColumn();
        if (current && small_button(("End seat##" + s.id).c_str())) dispatch(book_actions::seat_end(to_string(c), s.id));
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace

void draw_committees(const AppModel& m) {
    heading("Committees");
    if (m.violations.empty()) {
        ImGui::TextColored(colour::ok, "\xE2\x9C\x93 Governance check: no violation today.");
    } else {
        ImGui::TextColored(colour::bad, "Governance check: %zu violation(s)", m.violations.size());
        for (const Violation& v : m.violations) {
            ImGui::Bullet();
            ImGui::PushStyleColor(ImGuiCol_Text, colour::bad);
            ImGui::TextWrapped("[%s] %s (%s)", to_string(v.committee), v.message.c_str(), v.rule.c_str());
            ImGui::PopStyleColor();
        }
    }
    ImGui::SeparatorText("Add a seat");
    std::string out;
    if (combo("Committee##seat", g_seat.committee, {{"ec", "Executive (EC)"}, {"oc", "Operating (OC)"}, {"trc", "Technical Review (TRC)"}},
              &out, ImGui::GetFontSize() * 12))
        g_seat.committee = out;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (input_text("Organisation id##seat", g_seat.org, &out)) g_seat.org = out;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (input_text("Person##seat", g_seat.person, &out)) g_seat.person = out;
    ImGui::SameLine();
    if (button("Add seat", !g_seat.org.empty() && !g_seat.person.empty()))
        dispatch(book_actions::seat_add(g_seat.committee, g_seat.org, g_seat.person));
    ImGui::BeginChild("seats");
    seat_table(m, Committee::EC, "Executive Committee");
    seat_table(m, Committee::OC, "Operating Committee");
    seat_table(m, Committee::TRC, "Technical Review Committee");
    ImGui::EndChild();
}

}  // namespace portal::ui
