// "Which tier fits us?": the organisation profile (invalid answers flagged in place), then for
// each tier its benefits, every right with its reason, savings, net cost, and the recommendation.
// The evaluation is the core's (portal::evaluate); this view only shows it.
#include <algorithm>

#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {

struct InterestLabel { const char* id; const char* label; };
constexpr InterestLabel kInterests[] = {
    {"ec_vote", "Voting on the Executive Committee"}, {"ec_seat", "A seat on the Executive Committee"},
    {"oc_seat", "A seat on the Operating Committee"}, {"trc_seat", "Technical Review Committee representation"},
    {"community_groups", "Community groups and committees"}};

void set(const char* field, Json value) { dispatch({{"type", "wizard.set"}, {"field", field}, {"value", std::move(value)}}); }

// Problems on untouched empty fields wait until "See results" is pressed.
bool show_problem(const AppModel& m, const std::string& pointer, bool empty) {
    return (!empty || m.wizard_checked) && has_problem(m.wizard_problems, pointer);
}

void field_problem(const AppModel& m, const std::string& pointer, bool empty) {
    if (show_problem(m, pointer, empty)) problem_text(m.wizard_problems, pointer);
}

void text_row(const AppModel& m, const char* label, const char* field, const std::string& value, const char* hint) {
    const std::string pointer = std::string("/") + field;
    const bool flagged = show_problem(m, pointer, value.empty());
    if (flagged) ImGui::PushStyleColor(ImGuiCol_Border, colour::bad), ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.5f);
    std::string out;
    ImGui::SetNextItemWidth(field_width(label, ImGui::GetFontSize() * 18));
    if (input_text(label, value, &out, hint)) set(field, out);
    if (flagged) ImGui::PopStyleVar(), ImGui::PopStyleColor();
    field_problem(m, pointer, value.empty());
}

void count_row(const char* label, const char* field, std::int64_t value) {
    int v = int(value);
    ImGui::SetNextItemWidth(field_width(label, ImGui::GetFontSize() * 8));
    if (ImGui::InputInt(label, &v, 1, 10)) set(field, std::max(0, v));
    track(label);
}

void profile(const AppModel& m) {
    const WizardInputs& w = m.wizard;
    muted_wrapped("Tell us about your organisation: nothing leaves this page until you send it.");
    ImGui::Spacing();
    text_row(m, "Organisation name", "name", w.name, "e.g. Bibliothèque municipale de Lyon");

    std::vector<std::pair<std::string, std::string>> types;
    for (const OrgType& t : m.catalog.org_types) types.push_back({t.id, t.label + (t.commercial ? " (commercial)" : "")});
    std::string chosen;
    if (combo("Organisation type", w.type.empty() ? std::string("Choose...") : w.type, types, &chosen,
              field_width("Organisation type", ImGui::GetFontSize() * 18)))
        set("type", chosen);
    field_problem(m, "/type", w.type.empty());

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Commercial?");
    same_line_wrap(radio_width("From the type"));
    if (radio("From the type", w.commercial < 0)) set("commercial", nullptr);
    same_line_wrap(radio_width("Commercial"));
    if (radio("Commercial", w.commercial == 1)) set("commercial", true);
    same_line_wrap(radio_width("Non-commercial"));
    if (radio("Non-commercial", w.commercial == 0)) set("commercial", false);
    help_marker("Libraries, museums and archives are non-commercial; a commercial organisation may hold one of at most three commercial Executive Committee seats.");

    text_row(m, "Country (ISO code)", "country", w.country, "e.g. FR");
    count_row("Conference attendees a year", "conference_attendees", w.conference_attendees);
    field_problem(m, "/usage/conference_attendees", false);
    count_row("Training seats a year", "training_seats", w.training_seats);
    field_problem(m, "/usage/training_seats", false);

    ImGui::Spacing();
    ImGui::TextUnformatted("Interested in");
    for (const auto& i : kInterests) {
        const bool on = std::find(w.interests.begin(), w.interests.end(), i.id) != w.interests.end();
        if (checkbox(i.label, on)) dispatch({{"type", "wizard.toggle"}, {"interest", i.id}});
    }
    ImGui::Spacing();
    if (button("See what each tier gives us")) dispatch({{"type", "wizard.step"}, {"step", 1}});
    same_line_wrap(button_width("Start again##wizard"));
    if (button("Start again##wizard")) dispatch({{"type", "wizard.reset"}});
}

void decision_line(const char* what, const Decision& d) {
    ImGui::TextColored(d.granted ? colour::ok : colour::bad, "%s %s", d.granted ? "\xE2\x9C\x93" : "\xE2\x9C\x97", what);
    ImGui::Indent();
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted);
    ImGui::TextWrapped("%s", d.reason.c_str());
    ImGui::PopStyleColor();
    ImGui::Unindent();
}

void tier_card(const AppModel& m, const TierEvaluation& t, bool recommended) {
    const Tier* tier = m.catalog.find_tier(t.tier);
    heading(tier ? tier->label.c_str() : t.tier.c_str());
    if (recommended) { ImGui::SameLine(); ImGui::TextColored(colour::accent, "Recommended"); }
    ImGui::Text("Annual fee: %s", money(m, t.annual_fee.amount).c_str());
    ImGui::Text("Estimated savings: %s", money(m, t.estimated_savings.amount).c_str());
    ImGui::TextColored(colour::accent, "Net cost: %s", money(m, t.net_cost.amount).c_str());
    const std::string local = "(" + money_local(m, t.net_cost.amount, m.compare_currency) + ")";
    if (local != "()") { same_line_wrap(ImGui::CalcTextSize(local.c_str()).x); ImGui::TextColored(colour::muted, "%s", local.c_str()); }
    for (const auto& line : t.savings_lines) { ImGui::Bullet(); ImGui::TextWrapped("%s", line.c_str()); }
    ImGui::SeparatorText("Rights");
    decision_line("Vote on the Executive Committee", t.ec_vote);
    decision_line("Executive Committee seat", t.ec_seat);
    decision_line("Operating Committee seat", t.oc_seat);
    decision_line("Technical Review Committee", t.trc);
    decision_line("Community groups and committees", t.community_groups);
    ImGui::SeparatorText("Benefits");
    for (const auto& id : t.benefits) {
        const Benefit* b = m.catalog.find_benefit(id);
        ImGui::Bullet();
        ImGui::TextWrapped("%s", b ? b->label.c_str() : id.c_str());
    }
}

void results(const AppModel& m) {
    const Evaluation& e = m.evaluation;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0.99f, 0.80f, 0.38f, 0.08f));
    ImGui::BeginChild("recommendation", ImVec2(0, 0), ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_Border);
    if (e.recommended) ImGui::TextColored(colour::accent, "We recommend: %s", tier_label(m, *e.recommended).c_str());
    else ImGui::TextColored(colour::warn, "No tier is recommended for this profile.");
    for (const auto& line : e.reasoning) ImGui::TextWrapped("%s", line.c_str());
    ImGui::EndChild();
    ImGui::PopStyleColor();
    if (button("Edit our profile")) dispatch({{"type", "wizard.step"}, {"step", 0}});
    same_line_wrap(button_width("Request to join"));
    if (button("Request to join")) dispatch({{"type", "ui.navigate"}, {"screen", "join"}});
    quote_buttons(m, true);
    ImGui::Spacing();

    const int n = int(e.tiers.size());
    if (narrow_layout()) {
        // A phone stacks the tiers, recommended first, in one scrolling column.
        ImGui::BeginChild("tiers", ImVec2(0, 0));
        for (int pass = 0; pass < 2; ++pass)
            for (const auto& t : e.tiers) {
                const bool rec = e.recommended && *e.recommended == t.tier;
                if (rec != (pass == 0)) continue;
                ImGui::PushID(t.tier.c_str());
                tier_card(m, t, rec);
                ImGui::PopID();
                ImGui::Separator();
            }
        ImGui::EndChild();
        return;
    }
    if (n == 0 || !ImGui::BeginTable("tiers", n, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY, ImVec2(0, 0))) return;
    ImGui::TableNextRow();
    for (const auto& t : e.tiers) {
        ImGui::TableNextColumn();
        ImGui::PushID(t.tier.c_str());
        tier_card(m, t, e.recommended && *e.recommended == t.tier);
        ImGui::PopID();
    }
    ImGui::EndTable();
}

}  // namespace

void draw_wizard(const AppModel& m) {
    heading("Which tier fits us?");
    if (m.wizard_step == 1 && m.wizard_problems.empty()) results(m);
    else profile(m);
}

}  // namespace portal::ui
