// The budget scenario modeller (staff): fee changes per tier, an optional new tier with its fee
// and expected conversions, the pipeline toggle and churn on the left; next year's projection
// against the current year on the right, with the breakdown by tier and a bar chart. Every edit
// sends the whole portal-scenario/1 document (scenario.set); the numbers are the core's.
#include <algorithm>

#include "core/money.hpp"
#include "ui/chart.hpp"
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {

void send(Json doc) { dispatch({{"type", "scenario.set"}, {"scenario", std::move(doc)}}); }

std::string thousands(std::int64_t minor) { return std::to_string(minor / 100000) + "k"; }

std::string signed_money(const AppModel& m, std::int64_t v) { return (v > 0 ? "+" : "") + money(m, v); }

// "156,000": whole units with thousands separators, rounded half away from zero (the breakdown
// is an overview; the totals above it are exact).
std::string whole(std::int64_t minor) {
    const bool negative = minor < 0;
    std::uint64_t units = (std::uint64_t(negative ? -(minor + 1) : minor) + (negative ? 1 : 0) + 50) / 100;
    std::string digits = std::to_string(units), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return (negative && units ? "-" : "") + out;
}

// A fee field: shows the scenario's fee (or the catalog's when unchanged); an edit that is not an
// amount is kept in the field and not sent.
bool fee_input(const char* label, std::int64_t fee, std::int64_t* out) {
    std::string text;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    return input_text(label, format_decimal(fee), &text) && parse_amount(text, out);
}

void fees(const AppModel& m, const Json& doc) {
    ImGui::SeparatorText("Annual fees next year");
    const Json changes = doc.value("fee_changes", Json::object());
    if (!ImGui::BeginTable("fees", 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
    ImGui::TableSetupColumn("Tier", 0, 1.6f);
    ImGui::TableSetupColumn(("Now (" + m.catalog.currency + ")").c_str(), 0, 1.0f);
    ImGui::TableSetupColumn("Next year", 0, 1.2f);
    ImGui::TableHeadersRow();
    for (const Tier& t : m.catalog.tiers) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextWrapped("%s", t.label.c_str());
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(whole(t.annual_fee).c_str());
        ImGui::TableNextColumn();
        const auto it = changes.find(t.id);
        const std::int64_t current = it != changes.end() && it->is_number_integer() ? it->get<std::int64_t>() : t.annual_fee;
        std::int64_t fee = 0;
        if (fee_input(("##fee:" + t.id).c_str(), current, &fee)) {
            Json next = doc;
            if (fee == t.annual_fee) next["fee_changes"].erase(t.id);
            else next["fee_changes"][t.id] = fee;
            send(next);
        }
    }
    ImGui::EndTable();
}

void new_tier(const AppModel& m, const Json& doc) {
    ImGui::SeparatorText("A new tier");
    const Json tiers = doc.value("new_tiers", Json::array());
    const bool on = tiers.is_array() && !tiers.empty();
    if (checkbox("Add a new tier", on)) {
        Json next = doc;
        next["new_tiers"] = on ? Json::array()
                               : Json::array({{{"id", "supporter"}, {"label", "Supporter membership"}, {"annual_fee", 100000},
                                               {"conversions", {{"new", 5}}}}});
        send(next);
    }
    if (!on || !tiers[0].is_object()) return;
    const Json& t = tiers[0];
    auto set = [&](const char* field, Json value) {
        Json next = doc;
        if (std::string(field) == "new") next["new_tiers"][0]["conversions"]["new"] = std::move(value);
        else next["new_tiers"][0][field] = std::move(value);
        send(next);
    };
    std::string text;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    if (input_text("Id##newtier", t.value("id", Json("")).is_string() ? t.value("id", "") : "", &text)) set("id", text);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    if (input_text("Label##newtier", t.value("label", Json("")).is_string() ? t.value("label", "") : "", &text)) set("label", text);
    const Json fee = t.value("annual_fee", Json(0));
    std::int64_t amount = 0;
    if (fee_input("Annual fee##newtier", fee.is_number_integer() ? fee.get<std::int64_t>() : 0, &amount)) set("annual_fee", amount);
    const Json conv = t.value("conversions", Json::object());
    const Json joining = conv.is_object() ? conv.value("new", Json(0)) : Json(0);
    int n = joining.is_number_integer() ? int(joining.get<std::int64_t>()) : 0;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    if (ImGui::InputInt("Organisations joining it", &n, 1, 5)) set("new", std::max(0, n));
    track("Organisations joining it");

    // Members of an existing tier expected to move to the new one (conversions.from): the core
    // caps each at the members that tier has (in good standing or pending) and says so in the breakdown.
    const Json from = conv.is_object() ? conv.value("from", Json::object()) : Json::object();
    ImGui::TextUnformatted("Members moving to it from:");
    for (const Tier& tier : m.catalog.tiers) {
        const Json count = from.is_object() ? from.value(tier.id, Json(0)) : Json(0);
        int moving = count.is_number_integer() ? int(count.get<std::int64_t>()) : 0;
        // The label stands apart so the tracked rectangle is the field alone (clicks land in it).
        const std::string field = "##from:" + tier.id;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
        const bool changed = ImGui::InputInt(field.c_str(), &moving, 0, 0);
        track(field);
        ImGui::SameLine();
        ImGui::TextUnformatted(tier.label.c_str());
        if (changed) {
            Json next = doc;
            Json& moves = next["new_tiers"][0]["conversions"]["from"];
            if (!moves.is_object()) moves = Json::object();
            if (moving > 0) moves[tier.id] = moving;
            else moves.erase(tier.id);
            if (moves.empty()) next["new_tiers"][0]["conversions"].erase("from");
            send(next);
        }
    }
}

void options(const Json& doc) {
    ImGui::SeparatorText("Pipeline and churn");
    const bool pipeline = doc.value("pipeline", Json(false)) == true;
    if (checkbox("Include the pipeline at its probabilities", pipeline)) {
        Json next = doc;
        next["pipeline"] = !pipeline;
        send(next);
    }
    const Json churn = doc.value("churn_per_mille", Json(0));
    int c = churn.is_number_integer() ? int(churn.get<std::int64_t>()) : 0;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    if (ImGui::InputInt("Members leaving per 1,000", &c, 10, 50)) {
        Json next = doc;
        next["churn_per_mille"] = std::min(1000, std::max(0, c));
        send(next);
    }
    track("Members leaving per 1,000");
}

void editor(const AppModel& m) {
    const Json& doc = m.scenario_doc;
    if (button("Load scenario...")) dispatch({{"type", "scenario.pick"}});
    ImGui::SameLine();
    if (button("Download scenario JSON")) dispatch({{"type", "scenario.download"}});
    ImGui::SameLine();
    if (button("Reset##scenario")) dispatch({{"type", "scenario.reset"}});
    std::string text;
    ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Name").x - ImGui::GetStyle().ItemInnerSpacing.x * 2);
    if (input_text("Name##scenario", doc.value("name", Json("")).is_string() ? doc.value("name", "") : "", &text)) {
        Json next = doc;
        next["name"] = text;
        send(next);
    }
    fees(m, doc);
    new_tier(m, doc);
    options(doc);
    for (const Problem& p : m.scenario_problems) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour::bad);
        ImGui::TextWrapped("%s: %s", p.pointer.c_str(), p.message.c_str());
        ImGui::PopStyleColor();
    }
}

void breakdown(const ScenarioResult& r) {
    ImGui::TextColored(colour::muted, "By tier, in %s (whole units); \"New\" is new members and the pipeline:", r.currency.c_str());
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("projection", 7, flags)) return;
    for (const char* c : {"Tier", "Members", "Fee", "Existing", "New", "Projected", "Change"}) ImGui::TableSetupColumn(c);
    ImGui::TableHeadersRow();
    for (const ScenarioTier& t : r.tiers) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%s%s", t.tier.c_str(), t.is_new ? " (new)" : "");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", t.label.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%lld", (long long)(t.members + t.new_members));
        for (std::int64_t v : {t.projected_fee, t.existing - t.churn, t.conversions + t.pipeline, t.projected}) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(whole(v).c_str());
        }
        ImGui::TableNextColumn();
        ImGui::TextColored(t.change < 0 ? colour::bad : colour::ok, "%s%s", t.change > 0 ? "+" : "", whole(t.change).c_str());
    }
    ImGui::EndTable();
}

void projection(const AppModel& m) {
    const ScenarioResult& r = m.scenario_result;
    if (!m.scenario_problems.empty() || r.tiers.empty()) {
        ImGui::TextColored(colour::bad, "Fix the scenario to see the projection.");
        return;
    }
    ImGui::Text("%d projected: %s", r.projected_year, money(m, r.projected_total).c_str());
    ImGui::Text("%d invoiced: %s", r.current_year, money(m, r.current_total).c_str());
    ImGui::TextColored(r.change < 0 ? colour::bad : colour::ok, "Change: %s", signed_money(m, r.change).c_str());
    breakdown(r);
    std::vector<std::string> tiers;
    Series now{"Invoiced " + std::to_string(r.current_year) + " (USD k)", colour::info, {}};
    Series next{"Projected " + std::to_string(r.projected_year), colour::accent, {}};
    for (const ScenarioTier& t : r.tiers) {
        tiers.push_back(t.tier);
        now.values.push_back(t.current_invoiced);
        next.values.push_back(t.projected);
    }
    const float lines = ImGui::GetTextLineHeightWithSpacing() * float(r.explanation.size() + 1);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    bar_chart("chart:scenario", tiers, {now, next}, ImVec2(avail.x, std::max(avail.y - lines, ImGui::GetFontSize() * 10)), thousands);
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted);
    for (const std::string& line : r.explanation) ImGui::TextWrapped("%s", line.c_str());
    ImGui::PopStyleColor();
}

}  // namespace

void draw_scenario(const AppModel& m) {
    heading("Budget scenario");
    const float left = std::min(ImGui::GetFontSize() * 24, ImGui::GetContentRegionAvail().x * 0.40f);
    ImGui::BeginChild("scenario:edit", ImVec2(left, 0), ImGuiChildFlags_None);
    editor(m);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("scenario:result", ImVec2(0, 0), ImGuiChildFlags_Border);
    projection(m);
    ImGui::EndChild();
}

}  // namespace portal::ui
