// Calls from JavaScript into the app (window.portal in web/boot.js), and the effects the
// model asks the browser to carry out. portal.dispatch() goes through exactly the same queue and
// update() as a click in the UI.
#include <emscripten.h>

#include <imgui.h>

#include "ui/ui.hpp"
#include "web/storage_web.hpp"
#include "web/sync_web.hpp"
#include "web/web.hpp"

namespace portal::web {

void run_effects() {
    ui::AppModel& m = shell().model;
    std::vector<Json> effects;
    effects.swap(m.effects);
    for (const Json& e : effects) {
        const std::string kind = e.value("effect", "");
        if (kind == "download")
            portal_js_download(e.value("name", "").c_str(), e.value("mime", "").c_str(), e.value("text", "").c_str());
        else if (kind == "open_html")
            portal_js_open_html(e.value("name", "").c_str(), e.value("html", "").c_str());
        else if (kind == "open_url")
            portal_js_open_url(e.value("url", "").c_str());
        else if (kind == "pick_file")
            portal_js_pick_file(e.value("kind", "").c_str());
        else if (kind == "book_changed") {
            storage_on_book_changed(e);  // journal append or snapshot, then a syncfs flush
            sync_on_book_changed(e);     // the book differs from the sync base now
        }
    }
}

void run_actions() {
    std::vector<Json> actions = ui::take_actions();
    if (actions.empty()) return;
    refresh_clock();
    // Effects run after each action: the journal must see the book exactly as each action left it.
    for (const Json& a : actions) {
        if (!storage_action(a) && !sync_action(a)) {
            ui::update(shell().model, a);
            sync_after_action(a);
        }
        run_effects();
    }
    wake();
}

namespace {
std::string g_out;  // the last answer handed to JavaScript (copied there at once)

const char* answer(const Json& j) {
    g_out = j.dump(-1, ' ', false, Json::error_handler_t::replace);
    return g_out.c_str();
}
}  // namespace

}  // namespace portal::web

using namespace portal;
using namespace portal::web;

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* portal_dispatch(const char* action_json) {
    Json action = Json::parse(action_json ? action_json : "", nullptr, false);
    if (action.is_discarded()) return answer({{"ok", false}, {"error", "The action is not valid JSON."}});
    ui::dispatch(action);
    run_actions();
    const ui::ActionOutcome& o = shell().model.last;
    Json problems = Json::array();
    for (const auto& p : o.problems) problems.push_back({{"pointer", p.pointer}, {"message", p.message}});
    return answer({{"ok", o.ok}, {"type", o.type}, {"error", o.error}, {"summary", o.summary}, {"problems", problems}});
}

EMSCRIPTEN_KEEPALIVE const char* portal_state() {
    ui::refresh_stale(shell().model);  // the state shows every derived value
    const Shell& s = shell();
    Json j = ui::state_json(s.model);
    j["storage"] = storage_state();
    j["storage"].erase("snapshot_list");
    if (s.model.staff) j["sync"] = sync_state();  // never a credential or the passphrase
    j["frames"] = s.frames_drawn;
    j["ticks"] = s.ticks;
    j["idle"] = s.wake_frames <= 0;
    j["frame_ms"] = s.frame_ms;
    j["dpr"] = s.dpr;
    j["canvas"] = {{"css_w", s.css_w}, {"css_h", s.css_h}, {"fb_w", s.fb_w}, {"fb_h", s.fb_h}};
    j["want_text_input"] = ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput;
    return answer(j);
}

EMSCRIPTEN_KEEPALIVE const char* portal_locate(const char* label) {
    if (label && *label == 0) return answer(ui::tracked_labels());
    return answer(ui::locate(label ? label : ""));
}

// Text from the hidden <input> (phones, IME, dead keys): arrives whole, as UTF-8.
EMSCRIPTEN_KEEPALIVE void portal_text_input(const char* utf8) {
    if (!ImGui::GetCurrentContext() || !utf8) return;
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
    wake();
}

EMSCRIPTEN_KEEPALIVE void portal_clipboard_cache(const char* text) { shell().clipboard = text ? text : ""; }

EMSCRIPTEN_KEEPALIVE void portal_file_loaded(const char* kind, const char* name, const char* text) {
    ui::dispatch({{"type", "import.file"}, {"kind", kind ? kind : ""}, {"name", name ? name : ""}, {"text", text ? text : ""}});
    run_actions();
}

EMSCRIPTEN_KEEPALIVE void portal_wake() { wake(); }

// Frame times for benchmarks (bench/web_app.mjs): the ones drawn since the last clear.
EMSCRIPTEN_KEEPALIVE const char* portal_frames(int clear) {
    Shell& s = shell();
    Json j = {{"first_frame_at_ms", s.first_frame_at_ms}, {"frames", s.frames_drawn}, {"ticks", s.ticks},
              {"frame_ms", s.frame_log}};
    if (clear) s.frame_log.clear();
    return answer(j);
}

}  // extern "C"
