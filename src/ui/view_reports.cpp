// Reports: revenue by year (invoiced, collected, outstanding), receivables aging, retention and
// members by tier, from the core's report (recomputed by update() on each book change).
#include "ui/chart.hpp"
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {

std::string thousands(std::int64_t minor) { return std::to_string(minor / 100000) + "k"; }
std::string per_mille(std::int64_t v) { return std::to_string(v / 10) + "%"; }

}  // namespace

void draw_reports(const AppModel& m) {
    const Report& r = m.report;
    heading("Reports");
    ImGui::Text("Year %d as of %s: invoiced %s, collected %s, outstanding %s.", r.year, r.on.iso().c_str(),
                money(m, r.totals.revenue.invoiced).c_str(), money(m, r.totals.revenue.collected).c_str(),
                money(m, r.totals.revenue.outstanding).c_str());
    ImGui::SameLine();
    if (button("Download report (JSON)")) dispatch({{"type", "export.report"}, {"year", r.year}});
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 size(avail.x * 0.5f - ImGui::GetStyle().ItemSpacing.x, avail.y * 0.5f - ImGui::GetStyle().ItemSpacing.y * 2);

    std::vector<std::string> years;
    Series invoiced{"Invoiced (USD k)", colour::info, {}}, collected{"Collected", colour::ok, {}}, outstanding{"Outstanding", colour::bad, {}};
    for (const auto& y : r.revenue) {
        years.push_back(std::to_string(y.year));
        invoiced.values.push_back(y.total.invoiced);
        collected.values.push_back(y.total.collected);
        outstanding.values.push_back(y.total.outstanding);
    }
    bar_chart("chart:revenue", years, {invoiced, collected, outstanding}, size, thousands);
    ImGui::SameLine();
    std::vector<std::string> buckets;
    Series aging{"Receivables by days past due", colour::warn, {}};
    for (const auto& b : r.aging.buckets) { buckets.push_back(b.bucket); aging.values.push_back(b.amount); }
    bar_chart("chart:aging", buckets, {aging}, size, thousands);

    std::vector<std::string> ryears;
    Series rate{"Retention", colour::accent, {}};
    for (const auto& y : r.retention) { ryears.push_back(std::to_string(y.year)); rate.values.push_back(y.rate_per_mille); }
    line_chart("chart:retention", ryears, {rate}, size, per_mille);
    ImGui::SameLine();
    ImGui::BeginChild("by_tier", size, ImGuiChildFlags_Border);
    ImGui::TextUnformatted("Members in good standing");
    for (const auto& [tier, c] : r.by_tier) ImGui::BulletText("%s: %lld", tier_label(m, tier).c_str(), (long long)c.members);
    ImGui::Separator();
    ImGui::TextUnformatted("By type");
    for (const auto& [type, c] : r.by_type) ImGui::BulletText("%s: %lld", type_label(m, type).c_str(), (long long)c.members);
    ImGui::Separator();
    ImGui::TextUnformatted("By country");
    for (const auto& [country, c] : r.by_country) ImGui::BulletText("%s: %lld", country.c_str(), (long long)c.members);
    ImGui::EndChild();
}

}  // namespace portal::ui
