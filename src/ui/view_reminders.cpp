// Reminders due today (core plan_reminders, recomputed by update() on each book change): one row
// per invoice with the latest stage reached, an "Email draft" button (mailto: with subject and
// body) and a ".eml" download. Either records the stage (reminder.record), so it is not offered
// again; the audit log shows who sent which reminder.
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {

std::string stage_label(const AppModel& m, const std::string& id) {
    for (const ReminderStage& s : reminder_stages(m.catalog)) if (s.id == id) return s.label;
    return id;
}

std::string recipients(const ReminderDraft& d) {
    std::string out;
    for (const EmailAddress& a : d.to) out += (out.empty() ? "" : ", ") + a.email;
    return out;
}

}  // namespace

void draw_reminders(const AppModel& m) {
    heading("Reminders");
    const ReminderPlan& plan = m.reminders;
    ImGui::Text("%zu reminder(s) due on %s.", plan.drafts.size(), plan.on.iso().c_str());
    std::string stages;
    for (const ReminderStage& s : reminder_stages(m.catalog))
        stages += (stages.empty() ? "" : ", ") + s.label + (s.id == "renewal" ? " (before the due date)" : " (" + std::to_string(s.days) + " days late)");
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted);
    ImGui::TextWrapped("Stages: %s. Only the latest stage reached is offered; once drafted it is recorded on the invoice "
                       "and never offered again.", stages.c_str());
    ImGui::PopStyleColor();
    if (!plan.skipped.empty()) {
        ImGui::TextColored(colour::warn, "%zu invoice(s) need a reminder but have no usable contact email:", plan.skipped.size());
        for (std::size_t i = 0; i < plan.skipped.size() && i < 5; ++i)
            ImGui::BulletText("%s (%s): %s", plan.skipped[i].invoice.c_str(), org_name(m, plan.skipped[i].org).c_str(),
                              plan.skipped[i].reason.c_str());
    }
    ImGui::Spacing();
    if (plan.drafts.empty()) {
        ImGui::TextColored(colour::ok, "Nothing to send today.");
        return;
    }
    if (!begin_list_table("reminders", {{"Invoice", 1.1f}, {"Organisation", 2.0f}, {"Stage", 1.1f}, {"Amount due", 0.9f},
                                        {"To", 1.8f}, {"Send", 1.5f}}))
        return;
    visible_rows(plan.drafts.size(), [&](std::size_t r) {
        const ReminderDraft& d = plan.drafts[r];
        ImGui::PushID(d.invoice.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(d.number.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", d.org_name.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(d.stage == "renewal" ? colour::info : colour::warn, "%s", stage_label(m, d.stage).c_str());
        if (d.days_past_due > 0) ImGui::TextColored(colour::muted, "%d days late", d.days_past_due);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money(m, d.amount_due).c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", recipients(d).c_str());
        ImGui::TableNextColumn();
        const Json send = {{"invoice", d.invoice}, {"stage", d.stage}};
        if (small_button(("Email draft##" + d.invoice).c_str())) { Json a = send; a["type"] = "reminder.email"; dispatch(a); }
        ImGui::SameLine();
        if (small_button((".eml##" + d.invoice).c_str())) { Json a = send; a["type"] = "reminder.eml"; dispatch(a); }
        ImGui::PopID();
    });
    ImGui::EndTable();
}

}  // namespace portal::ui
