// The frame's layout: one full-screen window with a top bar (public screens, staff switch), a
// staff navigation column, the current screen, and a message strip at the bottom.
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {

struct NavItem { Screen screen; const char* label; };
constexpr NavItem kPublic[] = {
    {Screen::Compare, "Compare tiers"}, {Screen::Wizard, "Which tier fits us?"}, {Screen::Join, "Join request"}};
constexpr NavItem kStaff[] = {
    {Screen::Dashboard, "Dashboard"}, {Screen::Orgs, "Organisations"}, {Screen::Invoices, "Invoices"},
    {Screen::Reminders, "Reminders"}, {Screen::Renewal, "Renewal"}, {Screen::Pipeline, "Pipeline"},
    {Screen::Committees, "Committees"}, {Screen::Reports, "Reports"}, {Screen::Scenario, "Scenarios"},
    {Screen::Audit, "Audit log"}, {Screen::Import, "Import / export"}, {Screen::Settings, "Settings"}};

void nav_button(const AppModel& m, const NavItem& item, bool full_width) {
    const bool active = m.screen == item.screen || (item.screen == Screen::Orgs && m.screen == Screen::OrgEdit);
    if (active) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    bool pressed = full_width ? ImGui::Button(item.label, ImVec2(-1, 0)) : ImGui::Button(item.label);
    if (active) ImGui::PopStyleColor();
    track(item.label);
    if (pressed) dispatch({{"type", "ui.navigate"}, {"screen", to_string(item.screen)}});
}

void top_bar(const AppModel& m) {
    heading(m.catalog.consortium.name.empty() ? "Membership portal" : (m.catalog.consortium.name + " membership").c_str());
    // Wide: the links follow the title on one line. Narrow (phones): they wrap below it.
    const bool narrow = narrow_layout();
    bool first = true;
    for (const auto& item : kPublic) {
        if (first && !narrow) ImGui::SameLine(0, ImGui::GetFontSize() * 2);
        else if (!first || !narrow) same_line_wrap(button_width(item.label));
        first = false;
        nav_button(m, item, false);
    }
    const float right = ImGui::GetContentRegionMax().x;
    if (m.kiosk) {
        if (narrow) same_line_wrap(ImGui::CalcTextSize("Kiosk").x);
        else ImGui::SameLine(right - ImGui::CalcTextSize("Kiosk").x - ImGui::GetStyle().ItemSpacing.x);
        ImGui::TextColored(colour::muted, "Kiosk");
    } else {
        // "Saved" / "Saving…" once the staff book is persisted (src/web/storage_web.cpp).
        const Json& st = m.storage;
        if (m.staff && st.value("enabled", false) && !narrow) {
            const char* saved = !st.value("loaded", false) ? "Loading book…" : st.value("read_only", false) ? "Read-only"
                              : st.value("saving", false) ? "Saving…" : "Saved";
            const float sw = ImGui::CalcTextSize(saved).x + ImGui::GetFrameHeight() * 4;
            ImGui::SameLine(right - sw);
            ImGui::TextColored(colour::muted, "%s", saved);
        }
        const char* label = "Staff";
        const float w = radio_width(label);
        if (narrow) same_line_wrap(w);
        else ImGui::SameLine(right - w);
        if (checkbox(label, m.staff)) dispatch({{"type", "ui.staff"}, {"on", !m.staff}});
    }
    ImGui::Separator();
    if (m.staff && m.storage.value("read_only", false))
        ImGui::TextColored(colour::bad, "Another tab is editing the book; this tab is read-only.");
}

void staff_nav(const AppModel& m) {
    for (const auto& item : kStaff) nav_button(m, item, true);
    ImGui::Spacing();
    ImGui::TextColored(colour::muted, "Signed as %s", m.settings.staff_name.c_str());
    if (m.demo) {
        ImGui::TextColored(colour::accent, "Demo data");
        if (button("Reset demo")) dispatch({{"type", "demo.reset"}});
    } else if (button("Load demo")) {
        dispatch({{"type", "demo.load"}});
    }
}

void message_strip(const AppModel& m) {
    if (m.messages.empty()) return;
    const Message& msg = m.messages.back();
    const ImVec4 c = msg.level == "error" ? colour::bad : msg.level == "ok" ? colour::ok : colour::info;
    ImGui::Separator();
    ImGui::PushStyleColor(ImGuiCol_Text, c);
    ImGui::TextWrapped("%s", msg.text.c_str());
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (small_button("Dismiss")) dispatch({{"type", "ui.dismiss"}});
}

void draw_screen(const AppModel& m) {
    switch (m.screen) {
        case Screen::Compare: return draw_compare(m);
        case Screen::Wizard: return draw_wizard(m);
        case Screen::Join: return draw_join(m);
        case Screen::Dashboard: return draw_dashboard(m);
        case Screen::Orgs: return draw_orgs(m);
        case Screen::OrgEdit: return draw_org_edit(m);
        case Screen::Invoices: return draw_invoices(m);
        case Screen::Renewal: return draw_renewal(m);
        case Screen::Pipeline: return draw_pipeline(m);
        case Screen::Committees: return draw_committees(m);
        case Screen::Reports: return draw_reports(m);
        case Screen::Audit: return draw_audit(m);
        case Screen::Settings: return draw_settings(m);
        case Screen::Import: return draw_import(m);
        case Screen::Reminders: return draw_reminders(m);
        case Screen::Scenario: return draw_scenario(m);
    }
}

}  // namespace

void draw_app(const AppModel& m) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    // Phones: larger tap targets (about 40 CSS pixels high) and more room between rows.
    const bool narrow = narrow_layout();
    if (narrow) {
        const float dpr = pixel_ratio();
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(10 * dpr, 12 * dpr));
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8 * dpr, 10 * dpr));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(8 * dpr, 8 * dpr));
    }
    ImGui::Begin("portal", nullptr, flags);
    top_bar(m);
    const float strip = m.messages.empty() ? 0.0f : ImGui::GetFrameHeightWithSpacing() * 1.6f;
    if (m.staff && !m.kiosk) {
        ImGui::BeginChild("nav", ImVec2(ImGui::GetFontSize() * 11, -strip), ImGuiChildFlags_None);
        staff_nav(m);
        ImGui::EndChild();
        ImGui::SameLine();
    }
    ImGui::BeginChild("screen", ImVec2(0, -strip), ImGuiChildFlags_None);
    draw_screen(m);
    ImGui::EndChild();
    message_strip(m);
    ImGui::End();
    if (narrow) ImGui::PopStyleVar(3);
}

}  // namespace portal::ui
