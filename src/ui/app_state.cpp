// update(): the one place the web app's model changes. UI actions are handled here; book
// actions go to the core reducer (portal::apply_action_indexed, keeping m.index) unchanged.
#include "ui/app_state.hpp"

#include <algorithm>

#include "core/actions.hpp"
#include "ui/app_internal.hpp"

namespace portal::ui {

// [SECTION] Screens -------------------------------------------------------------------------------

namespace {
struct ScreenName { Screen screen; const char* name; };
constexpr ScreenName kScreens[] = {
    {Screen::Compare, "compare"}, {Screen::Wizard, "wizard"}, {Screen::Join, "join"},
    {Screen::Dashboard, "dashboard"}, {Screen::Orgs, "orgs"}, {Screen::OrgEdit, "org_edit"},
    {Screen::Invoices, "invoices"}, {Screen::Renewal, "renewal"}, {Screen::Pipeline, "pipeline"},
    {Screen::Committees, "committees"}, {Screen::Reports, "reports"}, {Screen::Audit, "audit"},
    {Screen::Settings, "settings"}, {Screen::Import, "import"},
    {Screen::Reminders, "reminders"}, {Screen::Scenario, "scenario"},
};
}  // namespace

const char* to_string(Screen s) {
    for (const auto& e : kScreens) if (e.screen == s) return e.name;
    return "compare";
}

bool screen_from(const std::string& s, Screen* out) {
    for (const auto& e : kScreens) if (s == e.name) { *out = e.screen; return true; }
    return false;
}

bool is_staff_screen(Screen s) {
    return !(s == Screen::Compare || s == Screen::Wizard || s == Screen::Join);
}

Date today(const AppModel& m) {
    if (auto d = Date::parse(m.settings.today)) return *d;
    return m.real_today;
}

// [SECTION] Helpers ---------------------------------------------------------------------------------

void say(AppModel& m, const std::string& level, const std::string& text) {
    m.messages.push_back({level, text});
    if (m.messages.size() > 6) m.messages.erase(m.messages.begin());
}

namespace {

void refuse(AppModel& m, const std::string& type, const std::string& error) {
    m.last = ActionOutcome{};
    m.last.ok = false;
    m.last.type = type;
    m.last.error = error;
    say(m, "error", error);
}

void done(AppModel& m, const std::string& type, const std::string& summary) {
    m.last = ActionOutcome{};
    m.last.type = type;
    m.last.summary = summary;
    if (!summary.empty()) say(m, "ok", summary);
}

std::string str(const Json& a, const char* key) {
    auto it = a.find(key);
    return it != a.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

void offer_download(AppModel& m, const std::string& name, const std::string& mime, const std::string& text) {
    m.effects.push_back({{"effect", "download"}, {"name", name}, {"mime", mime}, {"text", text}});
    m.downloads.push_back({{"name", name}, {"bytes", text.size()}});
    if (m.downloads.size() > 20) m.downloads.erase(m.downloads.begin());
}

// A book action: validated and applied whole by the core reducer, or refused with its problems.
void apply_book_action(AppModel& m, const Json& action, const std::string& type) {
    if (m.kiosk) return refuse(m, type, "Kiosk mode shows the public view only.");
    if (!m.staff) return refuse(m, type, "Switch to staff mode to change the membership book.");
    if (!m.book_lock.empty()) return refuse(m, type, m.book_lock);
    ActionContext ctx{m.settings.staff_name, m.now_iso, today(m)};
    // The reducer keeps m.index with the book (O(records added)): no action re-indexes the book.
    ApplyResult r = apply_action_indexed(m.book, m.index, m.catalog, action, ctx);
    m.last = ActionOutcome{};
    m.last.type = type;
    m.last.ok = r.ok;
    m.last.error = r.error;
    m.last.summary = r.summary;
    m.last.problems = r.problems;
    if (!r.ok) { say(m, "error", r.error.empty() ? "The change was refused." : r.error); return; }
    say(m, "ok", r.summary.empty() ? "Saved." : r.summary);
    ++m.book_version;
    // The shell appends exactly what the reducer applied, with its context, to the store journal.
    m.effects.push_back({{"effect", "book_changed"}, {"action", action},
                         {"ctx", {{"who", ctx.who}, {"at", ctx.at}, {"today", ctx.today.iso()}}}});
    refresh_after_action(m, action, action.value("type", ""));
}

// [SECTION] update -----------------------------------------------------------------------------------

void update(AppModel& m, const Json& action) {
    if (!action.is_object() || !action.contains("type") || !action["type"].is_string())
        return refuse(m, "", "An action is a JSON object with a string \"type\".");
    const std::string type = action["type"].get<std::string>();
    const std::string prefix = type.substr(0, type.find('.'));

    if (type == "ui.navigate") {
        Screen s;
        if (!screen_from(str(action, "screen"), &s)) return refuse(m, type, "Unknown screen \"" + str(action, "screen") + "\".");
        if (is_staff_screen(s) && (m.kiosk || !m.staff)) return refuse(m, type, "That screen is for staff.");
        m.screen = s;
        if (s == Screen::Scenario) refresh_scenario(m);
        return done(m, type, "");
    }
    if (type == "ui.staff") {
        bool on = action.value("on", !m.staff);
        if (on && m.kiosk) return refuse(m, type, "Kiosk mode shows the public view only.");
        m.staff = on;
        if (!on && is_staff_screen(m.screen)) m.screen = Screen::Compare;
        if (on && !is_staff_screen(m.screen)) m.screen = Screen::Dashboard;
        return done(m, type, "");
    }
    if (type == "ui.open") {
        const std::string url = str(action, "url");
        // Only links the app itself offers: pages beside it, mail, or the web.
        if (url.empty() || url.find("javascript:") != std::string::npos) return refuse(m, type, "That link cannot be opened.");
        m.effects.push_back({{"effect", "open_url"}, {"url", url}});
        return done(m, type, "");
    }
    if (type == "ui.dismiss") { m.messages.clear(); return done(m, type, ""); }
    if (type == "ui.currency") {
        std::string code = str(action, "code");
        if (code != m.rates.base && !m.rates.find(code)) return refuse(m, type, "No exchange rate for \"" + code + "\".");
        m.compare_currency = code;
        return done(m, type, "");
    }
    if (prefix == "wizard" || prefix == "join" || prefix == "quote") {
        std::string error = update_wizard(m, action, type);
        return error.empty() ? done(m, type, "") : refuse(m, type, error);
    }
    if (type == "kiosk.reset") {
        reset_public(m);
        return done(m, type, "");
    }
    if (type == "demo.load" || type == "demo.reset") {
        if (m.kiosk && type == "demo.load") return refuse(m, type, "Kiosk mode keeps its data set.");
        if (!m.book_lock.empty()) return refuse(m, type, m.book_lock);
        load_demo(m);
        return done(m, type, m.demo_text.empty() ? "No demo data set bundled: the book is empty." : "Demo data loaded.");
    }
    // Everything below is staff-only.
    if (m.kiosk || !m.staff)
        return refuse(m, type, m.kiosk ? "Kiosk mode shows the public view only."
                                        : "Switch to staff mode to change the membership book.");
    std::string error, summary;
    switch (update_staff(m, action, type, &error, &summary)) {
        case Handled::Reported: return;
        case Handled::Yes:
            if (error.empty()) return done(m, type, summary);
            refuse(m, type, error);
            if (type == "import.file") m.last.problems = m.import_problems;
            return;
        case Handled::No: break;
    }
    if (type == "book.apply") return apply_book_action(m, action.value("action", Json()), type);
    apply_book_action(m, action, type);
}

}  // namespace portal::ui
