// Settings: the staff name recorded in the audit log, the static host URL, sync with it (secrets,
// "Sync now", conflicts to decide), the display currency, an optional "today" for demos, storage.
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {
void set(const char* field, const std::string& value) {
    dispatch({{"type", "settings.set"}, {"field", field}, {"value", value}});
}
// Storage (src/web/storage_web.cpp fills m.storage): usage, persistence, snapshots to restore.
void draw_storage(const AppModel& m) {
    const Json& st = m.storage;
    if (!st.value("enabled", false)) return;
    ImGui::Spacing();
    heading("Storage");
    const double mb = 1024.0 * 1024.0;
    ImGui::Text("Browser storage: %.1f MB used of %.0f MB; %s.", st.value("usage_bytes", 0.0) / mb, st.value("quota_bytes", 0.0) / mb,
                st.value("persisted", false) ? "kept persistently" : "may be cleared by the browser when space runs low");
    ImGui::Text("Journal entry %lld; last saved %lld.", (long long)st.value("last_seq", std::int64_t(0)),
                (long long)st.value("last_saved_seq", std::int64_t(0)));
    if (const std::string e = st.value("error", ""); !e.empty()) ImGui::TextColored(colour::bad, "%s", e.c_str());
    const Json list = st.value("snapshot_list", Json::array());
    if (list.empty()) { ImGui::TextColored(colour::muted, "No snapshots yet."); return; }
    const bool writable = !st.value("read_only", false) && st.value("loaded", false);
    if (ImGui::BeginTable("snapshots", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        for (const char* h : {"Snapshot", "Taken", "Label", "Entry", ""}) ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (auto it = list.rbegin(); it != list.rend(); ++it) {
            const std::int64_t id = it->value("id", std::int64_t(0));
            ImGui::TableNextRow();
            ImGui::TableNextColumn(); ImGui::Text("%lld", (long long)id);
            ImGui::TableNextColumn(); ImGui::TextUnformatted(it->value("taken_at", "").c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(it->value("label", "").c_str());
            ImGui::TableNextColumn(); ImGui::Text("%lld", (long long)it->value("seq", std::int64_t(0)));
            ImGui::TableNextColumn();
            const std::string label = "Restore##snapshot" + std::to_string(id);
            if (button(label.c_str(), writable)) dispatch({{"type", "storage.restore"}, {"id", id}});
        }
        ImGui::EndTable();
    }
}
// A value of a conflicting field, short enough for a table cell ("(absent)" when that side has no
// such record or field).
std::string short_value(const Json& c, const char* value, const char* present) {
    if (!c.value(present, false)) return "(absent)";
    const Json& v = c.value(value, Json());
    std::string text = v.is_string() ? v.get<std::string>() : v.dump();
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return text;
}

// The sync's Decide step: every real conflict field by field, decided one by one or all at once.
void draw_conflicts(const AppModel& m) {
    const Json list = m.sync.value("conflicts", Json::array());
    ImGui::TextColored(colour::warn, "%zu conflict(s): the same field was changed here and on the host since the last sync.", list.size());
    ImGui::TextColored(colour::muted, "Keep yours or take the host's for each, then resume. Giving up changes nothing anywhere.");
    // Up to 8 rows show whole; more scroll inside the table, so the buttons below stay in view.
    const bool scroll = list.size() > 8;
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp |
                                  (scroll ? ImGuiTableFlags_ScrollY : 0);
    const float row_h = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    if (ImGui::BeginTable("conflicts", 6, flags, ImVec2(0, scroll ? row_h * 9.5f : 0.0f))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        for (const char* h : {"Record", "Field", "Mine", "Host", "Base", "Decision"}) ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (const Json& c : list) {
            const std::string key = c.value("key", "");
            const Json decided = c.value("decided", Json());
            ImGui::TableNextRow();
            ImGui::TableNextColumn(); ImGui::TextUnformatted((c.value("collection", "") + "/" + c.value("id", "")).c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(c.value("field", "").empty() ? "(whole record)" : c.value("field", "").c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(short_value(c, "mine", "in_mine").c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(short_value(c, "theirs", "in_theirs").c_str());
            ImGui::TableNextColumn(); ImGui::TextColored(colour::muted, "%s", short_value(c, "base", "in_base").c_str());
            ImGui::TableNextColumn();
            for (const char* take : {"mine", "theirs"}) {
                const bool chosen = decided.is_string() && decided.get<std::string>() == take;
                const std::string label = std::string(take[0] == 'm' ? "Keep mine" : "Take theirs") + "##" + key;
                if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.20f, 0.55f, 0.30f, 1.0f));
                if (small_button(label.c_str())) dispatch({{"type", "sync.decide"}, {"key", key}, {"take", take}});
                if (chosen) ImGui::PopStyleColor();
                if (take[0] == 'm') ImGui::SameLine();
            }
        }
        ImGui::EndTable();
    }
    if (button("Keep all mine")) dispatch({{"type", "sync.decide_all"}, {"take", "mine"}});
    ImGui::SameLine();
    if (button("Take all theirs")) dispatch({{"type", "sync.decide_all"}, {"take", "theirs"}});
    ImGui::SameLine();
    bool all = true;
    for (const Json& c : list) all = all && c.value("decided", Json()).is_string();
    if (button("Resume sync", all)) dispatch({{"type", "sync.resume"}});
    ImGui::SameLine();
    if (button("Give up")) dispatch({{"type", "sync.cancel"}});
}

// A secret typed into a field that lives only for this frame's dispatch (the value goes to the
// browser's storage through the shell and the buffer is wiped at once).
bool secret_field(const char* label, char* buf, std::size_t size, const char* hint, bool password) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    const ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue | (password ? ImGuiInputTextFlags_Password : 0);
    const bool entered = ImGui::InputTextWithHint(label, hint, buf, size, flags);
    track(label);
    return entered;
}

void wipe(char* buf, std::size_t size) {
    volatile char* p = buf;
    for (std::size_t i = 0; i < size; ++i) p[i] = 0;
}

// Sync with the static host (docs/sync.md): secrets, status and outcome, "Sync now", conflicts.
void draw_sync(const AppModel& m) {
    const Json& st = m.sync;
    if (st.empty()) return;
    ImGui::Spacing();
    heading("Sync with the host");
    const std::string status = st.value("status", "idle");
    if (status == "decide") draw_conflicts(m);
    const std::string message = st.value("message", "");
    const ImVec4 tone = status == "failed" ? colour::bad : status == "done" ? colour::ok : colour::info;
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x);
    if (!st.value("configured", false))
        ImGui::TextColored(colour::muted, "Not set up: enter the static host URL above and the book's passphrase below.");
    if (!message.empty() && status != "decide") ImGui::TextColored(tone, "%s", message.c_str());  // the panel says it
    if (status == "running") ImGui::TextColored(colour::muted, "Now: %s (request %d)", st.value("step", "").c_str(), st.value("requests", 0));
    ImGui::PopTextWrapPos();

    static char user[128], password[128], token[256], phrase[256];
    const std::string creds = st.value("credentials", "");
    ImGui::TextUnformatted(creds == "basic" ? "Credentials: user and password saved in this browser."
                           : creds == "token" ? "Credentials: a token saved in this browser."
                                              : "Credentials: none (the host lets anyone read; writing needs them).");
    secret_field("Host user", user, sizeof user, "user name", false);
    ImGui::SameLine();
    const bool pw_entered = secret_field("Host password", password, sizeof password, "password", true);
    ImGui::SameLine();
    if (button("Save user and password") || pw_entered) {
        dispatch({{"type", "sync.credentials"}, {"user", std::string(user)}, {"password", std::string(password)}});
        wipe(password, sizeof password);
    }
    if (secret_field("Or a token", token, sizeof token, "Enter to save", true)) {
        dispatch({{"type", "sync.credentials"}, {"token", std::string(token)}});
        wipe(token, sizeof token);
    }
    if (secret_field("Passphrase", phrase, sizeof phrase, "Enter to keep", true)) {
        dispatch({{"type", "sync.passphrase"}, {"value", std::string(phrase)}});
        wipe(phrase, sizeof phrase);
    }
    ImGui::SameLine();
    ImGui::TextColored(colour::muted, st.value("passphrase_set", false) ? "(the book's passphrase) set for this tab" : "(the book's passphrase) not set");
    if (checkbox("Sync automatically after changes and when back online", st.value("auto", true)))
        dispatch({{"type", "sync.auto"}, {"on", !st.value("auto", true)}});
    const bool busy = status == "running" || status == "decide";
    if (button("Sync now", st.value("configured", false) && !busy)) dispatch({{"type", "sync.start"}});
    ImGui::SameLine();
    if (button("Cancel sync", status == "running")) dispatch({{"type", "sync.cancel"}});
    ImGui::SameLine();
    if (button("Forget credentials and passphrase")) dispatch({{"type", "sync.forget"}});
    ImGui::TextColored(st.value("pending", false) ? colour::warn : colour::muted, "%s%s%s",
                       st.value("pending", false) ? "Local changes wait to go to the host." : "No local changes waiting.",
                       st.value("online", true) ? "" : " The browser is offline.",
                       st.value("last_synced_at", "").empty() ? "" : (" Last synced " + st.value("last_synced_at", "") + ".").c_str());
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x);
    if (const std::string note = st.value("catalog_note", ""); !note.empty()) ImGui::TextColored(colour::muted, "%s", note.c_str());
    ImGui::PopTextWrapPos();
}
}  // namespace

void draw_settings(const AppModel& m) {
    heading("Settings");
    const Settings& s = m.settings;
    std::string out;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    if (input_text("Staff name", s.staff_name, &out, "recorded in the audit log", ImGuiInputTextFlags_EnterReturnsTrue)) set("staff_name", out);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 24);
    if (input_text("Static host URL", s.host_url, &out, "https://example.org/portal/", ImGuiInputTextFlags_EnterReturnsTrue)) set("host_url", out);
    std::vector<std::pair<std::string, std::string>> currencies{{m.rates.base, m.rates.base}};
    for (const auto& r : m.rates.rates) currencies.push_back({r.code, r.code + " - " + r.name});
    if (combo("Display currency", s.display_currency, currencies, &out, ImGui::GetFontSize() * 16)) set("display_currency", out);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (input_text("Today (for demos)", s.today, &out, today(m).iso().c_str(), ImGuiInputTextFlags_EnterReturnsTrue)) set("today", out);
    ImGui::TextColored(colour::muted, "Text fields apply when you press Enter.");
    ImGui::Spacing();
    ImGui::TextColored(colour::muted, "Exchange rates of %s (%zu currencies); catalog currency %s.",
                       m.rates_ok ? m.rates.date.iso().c_str() : "(none)", m.rates.rates.size(), m.catalog.currency.c_str());
    draw_sync(m);
    draw_storage(m);
}

}  // namespace portal::ui
