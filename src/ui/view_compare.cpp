// Compare tiers: the benefit matrix (benefits x tiers) with the seed's wording, the fees in the
// catalog currency and a local equivalent, and what differs between tiers highlighted.
#include <algorithm>

#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {

bool tier_has(const Tier& t, const std::string& benefit) {
    return std::find(t.benefits.begin(), t.benefits.end(), benefit) != t.benefits.end();
}

void currency_picker(const AppModel& m) {
    std::vector<std::pair<std::string, std::string>> items{{m.rates.base, m.rates.base + " (invoiced)"}};
    for (const auto& r : m.rates.rates) items.push_back({r.code, r.code + " - " + r.name});
    std::string chosen;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Show fees also in");
    ImGui::SameLine();
    if (combo("##currency", m.compare_currency, items, &chosen, field_width("", ImGui::GetFontSize() * 14)))
        dispatch({{"type", "ui.currency"}, {"code", chosen}});
    // On a phone the note goes below, wrapped; on a wide screen it follows the picker.
    if (!narrow_layout()) {
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
    }
    if (m.rates_ok)
        muted_wrapped(("Rates of " + m.rates.date.iso() + ", indicative only: invoices are in " + m.catalog.currency + ".").c_str());
    else
        ImGui::TextColored(colour::warn, "No exchange-rate table: fees in %s only.", m.catalog.currency.c_str());
}

// Narrow columns (phones) show the mark alone, wrapped text otherwise.
void mark(bool yes, bool differs) {
    ImGui::PushStyleColor(ImGuiCol_Text, yes ? (differs ? colour::ok : colour::muted) : (differs ? colour::bad : colour::muted));
    if (narrow_layout()) ImGui::TextUnformatted(yes ? "\xE2\x9C\x93" : "\xE2\x80\x94");
    else ImGui::TextWrapped("%s", yes ? "\xE2\x9C\x93 Included" : "\xE2\x80\x94 Not included");  // check mark, em dash
    ImGui::PopStyleColor();
}

void right_row(const AppModel& m, const char* label, const char* detail, const std::vector<std::string>& values) {
    const bool differs = std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>()) != values.end();
    ImGui::TableNextRow();
    if (differs) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImVec4(0.99f, 0.80f, 0.38f, 0.10f)));
    ImGui::TableNextColumn();
    text_with_help(label, detail);
    for (const auto& v : values) {
        ImGui::TableNextColumn();
        const bool yes = v != "No";
        ImGui::PushStyleColor(ImGuiCol_Text, !differs ? colour::muted : yes ? colour::ok : colour::bad);
        ImGui::TextWrapped("%s %s", yes ? "\xE2\x9C\x93" : "\xE2\x80\x94", v.c_str());
        ImGui::PopStyleColor();
    }
}

}  // namespace

void draw_compare(const AppModel& m) {
    heading("Compare membership tiers");
    muted_wrapped("Rows highlighted in amber are where the tiers differ.");
    currency_picker(m);
    ImGui::Spacing();

    const int tiers = int(m.catalog.tiers.size());
    if (tiers == 0) { ImGui::TextColored(colour::bad, "The tier catalog could not be loaded."); return; }
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    // A phone puts the two buttons on two lines under the table, and wraps the tier names in the
    // header (a header row of ImGui clips instead of wrapping).
    const bool narrow = narrow_layout();
    const float footer = ImGui::GetFrameHeightWithSpacing() * (narrow ? 2.2f : 1.5f);
    if (!ImGui::BeginTable("matrix", tiers + 1, flags, ImVec2(0, -footer))) return;
    ImGui::TableSetupScrollFreeze(narrow ? 0 : 1, 1);
    ImGui::TableSetupColumn("Benefit", ImGuiTableColumnFlags_WidthStretch, narrow ? 1.5f : 2.2f);
    for (const Tier& t : m.catalog.tiers) ImGui::TableSetupColumn(t.label.c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    if (narrow) {
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        for (int c = 0; c <= tiers; ++c) {
            ImGui::TableSetColumnIndex(c);
            ImGui::TextWrapped("%s", c == 0 ? "Benefit" : m.catalog.tiers[std::size_t(c - 1)].label.c_str());
        }
    } else {
        ImGui::TableHeadersRow();
    }

    // Fees first: the catalog currency, then the local equivalent.
    ImGui::TableNextRow();
    ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImVec4(0.99f, 0.80f, 0.38f, 0.10f)));
    ImGui::TableNextColumn();
    ImGui::TextWrapped("Annual sustaining contribution");
    for (const Tier& t : m.catalog.tiers) {
        ImGui::TableNextColumn();
        ImGui::PushStyleColor(ImGuiCol_Text, colour::accent);
        ImGui::TextWrapped("%s", money(m, t.annual_fee).c_str());
        ImGui::PopStyleColor();
        const std::string local = money_local(m, t.annual_fee, m.compare_currency);
        if (!local.empty()) muted_wrapped(local.c_str());
    }
    for (const Benefit& b : m.catalog.benefits) {
        const bool differs = std::find(m.differing_benefits.begin(), m.differing_benefits.end(), b.id) != m.differing_benefits.end();
        ImGui::TableNextRow();
        if (differs) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImVec4(0.99f, 0.80f, 0.38f, 0.10f)));
        ImGui::TableNextColumn();
        text_with_help(b.label, !b.seed_quote.empty() && b.seed_quote != b.label ? b.seed_quote.c_str() : nullptr);
        for (const Tier& t : m.catalog.tiers) {
            ImGui::TableNextColumn();
            mark(tier_has(t, b.id), differs);
        }
    }
    auto rights = [&](auto get) {
        std::vector<std::string> v;
        for (const Tier& t : m.catalog.tiers) v.push_back(get(t.rights));
        return v;
    };
    right_row(m, "Vote on the Executive Committee", "Only full members are eligible for voting rights on the Executive Committee.",
              rights([](const TierRights& r) { return std::string(r.ec_vote ? "Yes" : "No"); }));
    right_row(m, "Eligible for an Executive Committee seat",
              "At most three EC seats may be held by commercial organisations.",
              rights([](const TierRights& r) { return std::string(r.ec_seat ? "Yes" : "No"); }));
    right_row(m, "Eligible for an Operating Committee seat", nullptr,
              rights([](const TierRights& r) { return std::string(r.oc_seat ? "Yes" : "No"); }));
    right_row(m, "Technical Review Committee", "Associate members may nominate a representative; up to half the number of associate members (rounded up) serve at once.",
              rights([](const TierRights& r) {
                  return std::string(r.trc == TrcMode::Seat ? "Representation" : r.trc == TrcMode::Nominate ? "May nominate" : "No");
              }));
    right_row(m, "Community groups and committees", "Open to everyone, including commercial organisations and non-members.",
              rights([](const TierRights&) { return std::string("Open to all"); }));
    ImGui::EndTable();

    if (button("Which tier fits us?##cta")) dispatch({{"type", "ui.navigate"}, {"screen", "wizard"}});
    same_line_wrap(button_width("Printable comparison (compare.html)"));
    if (button("Printable comparison (compare.html)"))
        dispatch({{"type", "ui.open"}, {"url", "compare.html"}});
}

}  // namespace portal::ui
