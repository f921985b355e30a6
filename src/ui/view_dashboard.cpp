// Dashboard: the book at a glance (members, money, overdue, pipeline, governance).
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {

void figure(const char* label, const std::string& value, ImVec4 colour) {
    ImGui::BeginGroup();
    ImGui::TextColored(colour::muted, "%s", label);
    if (heading_font()) ImGui::PushFont(heading_font());
    ImGui::TextColored(colour, "%s", value.c_str());
    if (heading_font()) ImGui::PopFont();
    ImGui::EndGroup();
    ImGui::SameLine(0, ImGui::GetFontSize() * 2.5f);
}

}  // namespace

void draw_dashboard(const AppModel& m) {
    const ReportTotals& t = m.report.totals;
    heading("Dashboard");
    ImGui::TextColored(colour::muted, "As of %s%s", today(m).iso().c_str(), m.demo ? " (demo data)" : "");
    ImGui::Spacing();
    figure("Organisations", std::to_string(t.organisations), ImVec4(1, 1, 1, 1));
    figure("Members in good standing", std::to_string(t.members), colour::ok);
    figure("Invoiced this year", money(m, t.revenue.invoiced), colour::info);
    figure("Collected", money(m, t.revenue.collected), colour::ok);
    ImGui::NewLine();
    figure("Receivables", money(m, t.receivables), colour::warn);
    figure("Overdue", money(m, t.overdue), t.overdue ? colour::bad : colour::ok);
    figure("Open prospects", std::to_string(t.open_prospects), colour::info);
    figure("Governance violations", std::to_string(m.violations.size()), m.violations.empty() ? colour::ok : colour::bad);
    ImGui::NewLine();
    ImGui::SeparatorText("Members by status");
    std::int64_t counts[6] = {};
    for (MembershipStatus s : m.org_status) counts[int(s)]++;
    for (int i = 0; i < 6; ++i) {
        const auto s = MembershipStatus(i);
        ImGui::TextColored(status_colour(s), "%s: %lld", to_string(s), (long long)counts[i]);
        ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
    }
    ImGui::NewLine();
    ImGui::Spacing();
    if (button("Overdue invoices")) {
        dispatch({{"type", "invoice.filter"}, {"value", "overdue"}});
        dispatch({{"type", "ui.navigate"}, {"screen", "invoices"}});
    }
    ImGui::SameLine();
    if (button("Committees and governance")) dispatch({{"type", "ui.navigate"}, {"screen", "committees"}});
}

}  // namespace portal::ui
