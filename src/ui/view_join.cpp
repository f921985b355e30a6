// Join request: a pre-filled email to the consortium's address and the portal-application/1
// file to attach, both built from the wizard's profile (app_public.cpp).
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {

void set(const char* field, Json value) { dispatch({{"type", "wizard.set"}, {"field", field}, {"value", std::move(value)}}); }

void tier_choice(const AppModel& m) {
    const std::string current = !m.wizard.tier.empty() ? m.wizard.tier : m.evaluation.recommended.value_or("");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("We apply for");
    for (const Tier& t : m.catalog.tiers) {
        const std::string label = t.label + " (" + money(m, t.annual_fee) + ")";
        same_line_wrap(radio_width(label.c_str()));
        if (radio(label.c_str(), current == t.id)) set("tier", t.id);
    }
    if (m.evaluation.recommended) {
        const std::string note = "recommended: " + tier_label(m, *m.evaluation.recommended);
        same_line_wrap(ImGui::CalcTextSize(note.c_str()).x);
        ImGui::TextColored(colour::muted, "%s", note.c_str());
    }
}

}  // namespace

void quote_buttons(const AppModel& m, bool same_line) {
    const std::string tier = !m.wizard.tier.empty() ? m.wizard.tier : m.evaluation.recommended.value_or("");
    if (tier.empty()) return;
    const std::string label = "Printable quote: " + tier_label(m, tier) + "##quote";
    if (same_line) same_line_wrap(button_width(label.c_str()));
    if (button(label.c_str())) dispatch({{"type", "quote.open"}, {"tier", tier}});
    same_line_wrap(button_width("Download quote##quote"));
    if (button("Download quote##quote")) dispatch({{"type", "quote.download"}, {"tier", tier}});
}

void draw_join(const AppModel& m) {
    const WizardInputs& w = m.wizard;
    heading("Request to join");
    if (!m.wizard_problems.empty()) {
        ImGui::TextColored(colour::warn, "Your profile is not complete yet:");
        for (const auto& p : m.wizard_problems) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s: %s", p.pointer.c_str(), p.message.c_str());
        }
        if (button("Complete our profile")) dispatch({{"type", "ui.navigate"}, {"screen", "wizard"}});
        return;
    }
    ImGui::TextWrapped("%s, %s, %s", w.name.c_str(), type_label(m, w.type).c_str(), w.country.c_str());
    tier_choice(m);
    ImGui::Spacing();
    std::string out;
    ImGui::SetNextItemWidth(field_width("Contact name", ImGui::GetFontSize() * 16));
    if (input_text("Contact name", w.contact_name, &out, "who we should write to")) set("contact_name", out);
    ImGui::SetNextItemWidth(field_width("Contact email", ImGui::GetFontSize() * 16));
    if (input_text("Contact email", w.contact_email, &out, "name@example.org")) set("contact_email", out);
    problem_text(m.wizard_problems, "/contact_email");
    ImGui::Spacing();

    const std::string email = m.catalog.consortium.email;
    if (button(("Write to " + email + "##mail").c_str())) dispatch({{"type", "join.email"}});
    same_line_wrap(button_width("Download our application (JSON)"));
    if (button("Download our application (JSON)")) dispatch({{"type", "join.download"}});
    same_line_wrap(button_width("Copy the email link"));
    if (button("Copy the email link")) ImGui::SetClipboardText(join_mailto(m).c_str());
    muted_wrapped("The email opens in your mail program, pre-filled; attach the downloaded file to it.");
    quote_buttons(m, false);
    ImGui::SeparatorText("Preview of the application file");
    const std::string doc = wizard_application(m).dump(2);
    ImGui::BeginChild("preview", ImVec2(0, 0), ImGuiChildFlags_Border);
    ImGui::TextUnformatted(doc.c_str());
    ImGui::EndChild();
}

}  // namespace portal::ui
