// The browser shell: the main loop (main.cpp), the calls JavaScript makes into the app
// (bridge.cpp, window.portal in web/boot.js) and the calls the app makes into JavaScript
// (declared here, implemented in portal_lib.js).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/app_state.hpp"

extern "C" {
// [SECTION] Implemented in src/web/portal_lib.js
void portal_js_download(const char* name, const char* mime, const char* text);
void portal_js_open_url(const char* url);
void portal_js_open_html(const char* name, const char* html);  // a document in a new tab (Blob URL)
void portal_js_pick_file(const char* kind);
void portal_js_clipboard_set(const char* text);
void portal_js_ime(int active, float x, float y, float h);
char* portal_js_query(const char* name);   // URL query parameter, malloc'd, "" when absent
void portal_js_ready();                    // hides the loading indicator
void portal_js_fatal(const char* message); // shows a message instead of the canvas
double portal_js_now_ms();
}

namespace portal::web {

struct Shell {
    ui::AppModel model;
    int wake_frames = 0;             // frames still to draw after the last event
    std::uint64_t frames_drawn = 0;  // rendered frames: stays put while idle
    std::uint64_t ticks = 0;         // main-loop callbacks
    bool loop_paused = false;        // idle: the main loop is stopped until wake()
    double last_input_ms = 0;
    double frame_ms = 0;             // CPU time of the last drawn frame (actions, build, render calls)
    std::vector<float> frame_log;    // recent drawn frames' times in ms, for benchmarks (portal.frames())
    double first_frame_at_ms = 0;    // performance.now() when the first frame was finished
    double kiosk_idle_ms = 120000;
    float dpr = 0.0f;                // 0 until the first fit: forces the font build
    int css_w = 0, css_h = 0;
    int fb_w = 0, fb_h = 0;
    std::string clipboard;           // last text copied or pasted (the browser's is async)
};

Shell& shell();
void wake(int frames = 4);
// Drains the UI action queue through update() and carries out the effects.
void run_actions();
void run_effects();
void refresh_clock();
// A whole file of the in-memory file system (preloaded assets, IDBFS); "" when absent.
std::string read_file(const char* path);

}  // namespace portal::web
