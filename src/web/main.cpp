// The browser shell's main loop: GLFW + WebGL2, Dear ImGui, high-DPI sizing, and idling
// (no frame is drawn while nothing happens; see PRODUCT.md "Toolchain facts").
//
// [SECTION] Startup data
// [SECTION] Fonts and style
// [SECTION] Canvas size
// [SECTION] Frame
// [SECTION] main
#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>
#define GLFW_INCLUDE_ES3
#include <GLFW/glfw3.h>

#include <algorithm>
#include <ctime>
#include <cstdio>

#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include "ui/app_internal.hpp"
#include "ui/ui.hpp"
#include "ui/views.hpp"
#include "web/storage_web.hpp"
#include "web/sync_web.hpp"
#include "web/web.hpp"

namespace portal::web {

namespace {
GLFWwindow* g_window = nullptr;
ImGuiStyle g_base_style;
bool g_ime_active = false;
ImGuiPlatformImeData g_ime{};
}  // namespace

Shell& shell() {
    static Shell s;
    return s;
}

void wake(int frames) {
    Shell& s = shell();
    if (s.wake_frames < frames) s.wake_frames = frames;
    if (s.loop_paused) {
        s.loop_paused = false;
        emscripten_resume_main_loop();
    }
}

// Waiting costs the user nothing visible (a flush takes a few milliseconds) and keeps the frames,
// which a software-rendered canvas makes expensive, from competing with the transaction; the cap
// keeps a slow or stuck IndexedDB from freezing the screen.
constexpr double kMaxHoldMs = 100;

void hold_frames_for_flush() { shell().hold_frames_until_ms = portal_js_now_ms() + kMaxHoldMs; }

void release_frames() {
    shell().hold_frames_until_ms = 0;
    wake();
}

// [SECTION] Startup data -------------------------------------------------------------------------------

// stdio rather than iostreams: nothing else in the app uses iostreams, whose locale machinery
// would otherwise be linked into the wasm.
std::string read_file(const char* path) {
    std::string out;
    std::FILE* f = std::fopen(path, "rb");
    if (!f) return out;
    char buf[16384];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
    std::fclose(f);
    return out;
}

namespace {

std::string query(const char* name) {
    char* v = portal_js_query(name);
    std::string out = v ? v : "";
    free(v);
    return out;
}

// The catalog, rates and demo book are compiled in (from assets/ at build time): portal.data
// holds only the font.
void load_data(ui::AppModel& m) {
    Read<Catalog> cat = read_catalog(bundled_catalog_text());
    if (cat.ok()) m.catalog = std::move(*cat.value);
    else m.catalog_problems = cat.problems;
    Read<Rates> rates = read_rates(bundled_rates_text());
    m.rates_ok = rates.ok();
    if (rates.ok()) m.rates = std::move(*rates.value);
    m.rates.base = m.catalog.currency;
    m.compare_currency = m.rates.base;
    m.settings.display_currency = m.rates.base;
    m.demo_text = std::string(bundled_demo_text());
}

}  // namespace

void refresh_clock() {
    ui::AppModel& m = shell().model;
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    m.now_iso = buf;
    m.real_today = Date::from_ymd(tm.tm_year + 1900, unsigned(tm.tm_mon + 1), unsigned(tm.tm_mday));
}

// [SECTION] Fonts and style -----------------------------------------------------------------------------

namespace {

// The atlas is built before the first frame and again whenever the pixel ratio changes, so its
// cost is start-up time: glyphs are rasterised once (no horizontal oversampling; PixelSnapH puts
// every glyph on whole pixels, which keeps them sharp without it), and the TTF is read once.
void build_fonts(float dpr) {
    static std::string ttf = read_file("/fonts/ui.ttf");
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->Flags |= ImFontAtlasFlags_NoMouseCursors;  // the browser draws the cursor
    // Latin + Latin Extended (A, B, Additional), Greek, Cyrillic, punctuation, currency, the four
    // plain arrows, minus, check marks.
    static const ImWchar ranges[] = {0x0020, 0x024F, 0x0370, 0x03FF, 0x0400, 0x052F, 0x1E00, 0x1EFF, 0x2000, 0x206F,
                                     0x20A0, 0x20CF, 0x2190, 0x2193, 0x2212, 0x2212, 0x2713, 0x2717, 0};
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // `ttf` outlives every rebuild
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    // Headings are mostly fixed English titles: Latin-1 and Extended-A, Greek, Cyrillic and common
    // punctuation cover names too, and ui::heading() falls back to the body font for a text with
    // any other character. Half the glyphs: the atlas is built in about 40 % less time.
    static const ImWchar heading_ranges[] = {0x0020, 0x017F, 0x0370, 0x03FF, 0x0400, 0x04FF, 0x2010, 0x2027,
                                             0x2030, 0x203A, 0x20AC, 0x20AC, 0x2212, 0x2212, 0};
    ImFont* body = nullptr;
    ImFont* head = nullptr;
    if (!ttf.empty()) {
        body = io.Fonts->AddFontFromMemoryTTF(ttf.data(), int(ttf.size()), 16.0f * dpr, &cfg, ranges);
        head = io.Fonts->AddFontFromMemoryTTF(ttf.data(), int(ttf.size()), 22.0f * dpr, &cfg, heading_ranges);
    }
    if (!body) {
        ImFontConfig fallback;
        fallback.SizePixels = 13.0f * dpr;
        io.Fonts->AddFontDefault(&fallback);
    }
    io.Fonts->Build();
    ui::set_heading_font(head);
}

void apply_style(float dpr) {
    ImGuiStyle& style = ImGui::GetStyle();
    style = g_base_style;
    style.ScaleAllSizes(dpr);
}

void make_base_style() {
    ImGui::StyleColorsDark();
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowRounding = 0;
    s.FrameRounding = 4;
    s.GrabRounding = 4;
    s.ChildRounding = 4;
    s.FramePadding = ImVec2(8, 5);
    s.ItemSpacing = ImVec2(8, 6);
    s.CellPadding = ImVec2(6, 4);
    s.WindowPadding = ImVec2(12, 10);
    s.Colors[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.10f, 0.13f, 1.0f);
    s.Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    s.Colors[ImGuiCol_Header] = ImVec4(0.20f, 0.32f, 0.52f, 0.6f);
    s.Colors[ImGuiCol_Button] = ImVec4(0.18f, 0.30f, 0.50f, 1.0f);
    s.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.25f, 0.42f, 0.68f, 1.0f);
    s.Colors[ImGuiCol_ButtonActive] = ImVec4(0.32f, 0.52f, 0.82f, 1.0f);
    g_base_style = s;
}

void set_ime_data(ImGuiViewport*, ImGuiPlatformImeData* data) { g_ime = *data; }

// The backend listens for the wheel on the document, where Chrome makes listeners passive (and
// logs an error on every preventDefault): listen on the canvas instead, with the same scaling.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* ev, void*) {
    float step = 0.0f;
    if (ev->deltaMode == DOM_DELTA_PIXEL) step = 1.0f / 100.0f;
    else if (ev->deltaMode == DOM_DELTA_LINE) step = 1.0f / 3.0f;
    else if (ev->deltaMode == DOM_DELTA_PAGE) step = 80.0f;
    ImGui::GetIO().AddMouseWheelEvent(float(ev->deltaX) * -step, float(ev->deltaY) * -step);
    return EM_TRUE;
}

}  // namespace

// [SECTION] Canvas size ----------------------------------------------------------------------------------

namespace {

// The backbuffer is the CSS size times the device pixel ratio, so text is sharp on high-DPI
// screens; ImGui works in backbuffer pixels (GLFW reports the mouse in them too).
void fit_canvas() {
    Shell& s = shell();
    double w = 0, h = 0;
    emscripten_get_element_css_size("#canvas", &w, &h);
    const float dpr = float(emscripten_get_device_pixel_ratio());
    const int css_w = int(w), css_h = int(h);
    if (css_w == s.css_w && css_h == s.css_h && dpr == s.dpr) return;
    const bool dpr_changed = dpr != s.dpr;
    s.css_w = css_w;
    s.css_h = css_h;
    s.dpr = dpr;
    s.fb_w = int(w * dpr + 0.5);
    s.fb_h = int(h * dpr + 0.5);
    emscripten_set_canvas_element_size("#canvas", s.fb_w, s.fb_h);
    ui::set_pixel_ratio(dpr);
    if (dpr_changed) {
        const bool first = ImGui::GetIO().Fonts->Fonts.empty();
        build_fonts(dpr);
        apply_style(dpr);
        // The first texture is made with the backend's other device objects (main); making it
        // here too uploaded it twice at start-up and leaked the first one.
        if (!first) {
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
    }
    wake();
}

}  // namespace

// [SECTION] Frame -----------------------------------------------------------------------------------------

namespace {

void update_ime() {
    const bool want = ImGui::GetIO().WantTextInput;
    const float dpr = shell().dpr;
    if (want || g_ime_active) portal_js_ime(want ? 1 : 0, g_ime.InputPos.x / dpr, g_ime.InputPos.y / dpr, g_ime.InputLineHeight / dpr);
    g_ime_active = want;
}

void frame() {
    Shell& s = shell();
    ++s.ticks;
    sync_poll();  // results of fetch/WebCrypto/setTimeout go into the sync session here
    fit_canvas();
    const double now = portal_js_now_ms();
    if (GImGui->InputEventsQueue.Size > 0) {
        s.last_input_ms = now;
        wake();
    }
    if (s.model.kiosk && now - s.last_input_ms > s.kiosk_idle_ms) {
        s.last_input_ms = now;
        if (s.model.screen != ui::Screen::Compare || !s.model.wizard.name.empty() || s.model.wizard_step != 0) {
            ui::dispatch({{"type", "kiosk.reset"}});
            run_actions();
        }
    }
    if (s.wake_frames > 0 && now < s.hold_frames_until_ms) return;  // a flush is in flight (hold_frames_for_flush)
    if (s.wake_frames <= 0) {
        // Idle: nothing arrived, nothing changed. Stop the loop (no requestAnimationFrame at all)
        // until wake(): input (web/boot.js calls portal_wake), a storage or sync callback, an
        // action, or the kiosk's inactivity deadline.
        s.loop_paused = true;
        emscripten_pause_main_loop();
        if (s.model.kiosk)
            emscripten_set_timeout([](void*) { wake(1); }, s.kiosk_idle_ms - (now - s.last_input_ms) + 50, nullptr);
        if (const double due = sync_due_ms(); due > 0)  // a debounced or retried automatic sync
            emscripten_set_timeout([](void*) { wake(1); }, std::max(0.0, due - now) + 10, nullptr);
        return;
    }
    --s.wake_frames;
    ++s.frames_drawn;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(s.fb_w), float(s.fb_h));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    ImGui::NewFrame();
    ui::begin_tracking();
    ui::prepare_screen(s.model);  // what this screen shows and the last actions made stale
    ui::draw_app(s.model);
    ImGui::Render();
    glViewport(0, 0, s.fb_w, s.fb_h);
    glClearColor(0.09f, 0.10f, 0.13f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    update_ime();
    run_actions();  // what this frame's input asked for (a filter keystroke, a click) is part of its cost
    const double end = portal_js_now_ms();
    s.frame_ms = end - now;
    if (s.frame_log.size() >= 4096) s.frame_log.erase(s.frame_log.begin(), s.frame_log.begin() + 2048);
    s.frame_log.push_back(float(s.frame_ms));
    if (s.first_frame_at_ms == 0) {
        s.first_frame_at_ms = end;
        EM_ASM(performance.mark('portal-first-frame'));
    }
}

}  // namespace

}  // namespace portal::web

// [SECTION] main ---------------------------------------------------------------------------------------------

int main() {
    using namespace portal::web;
    Shell& s = shell();
    if (!glfwInit()) { portal_js_fatal("This browser could not start the app (GLFW)."); return 1; }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    g_window = glfwCreateWindow(1280, 720, "portal", nullptr, nullptr);
    if (!g_window) {
        portal_js_fatal("This browser has no WebGL2, which the portal needs to draw. Try a current Firefox, Chrome, Edge or Safari.");
        return 1;
    }
    glfwMakeContextCurrent(g_window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing to persist between visits
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    make_base_style();
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);
    emscripten_set_wheel_callback("#canvas", nullptr, false, on_wheel);
    // Built-in GLFW's clipboard is a stub: bridge to the browser's (web/boot.js keeps the cache).
    io.SetPlatformImeDataFn = set_ime_data;
    io.SetClipboardTextFn = [](void*, const char* text) {
        shell().clipboard = text;
        portal_js_clipboard_set(text);
    };
    io.GetClipboardTextFn = [](void*) -> const char* { return shell().clipboard.c_str(); };
    ImGui_ImplOpenGL3_Init("#version 300 es");

    EM_ASM(performance.mark('portal-main'));
    refresh_clock();
    load_data(s.model);
    s.model.kiosk = query("kiosk") == "1";
    if (const std::string idle = query("idle"); !idle.empty()) s.kiosk_idle_ms = std::atof(idle.c_str()) * 1000.0;
    // Kiosk mode shows the bundled demo and saves nothing; otherwise the staff book comes from
    // IndexedDB (storage_web.cpp), and ?demo=1 loads the demo only into an empty store. The book's
    // values are derived once: load_demo derives the demo's (refresh_all after it did it again);
    // otherwise those of the empty book until IndexedDB answers.
    portal::ui::refresh_catalog(s.model);
    if (s.model.kiosk) portal::ui::load_demo(s.model);
    else {
        sync_start();  // the saved host URL and sync settings (public.json follows once the book is open)
        storage_start(query("demo") == "1");
        portal::ui::refresh_book(s.model);
    }
    s.model.messages.clear();
    s.model.effects.clear();
    s.last_input_ms = portal_js_now_ms();

    EM_ASM(performance.mark('portal-data'));
    fit_canvas();  // builds the font atlas for the screen's pixel ratio
    ImGui_ImplOpenGL3_CreateDeviceObjects();  // shaders, buffers, the atlas texture
    EM_ASM(performance.mark('portal-fonts'));
    wake(6);
    portal_js_ready();
    frame();  // now, rather than at the next animation frame
    emscripten_set_main_loop(frame, 0, true);
    return 0;
}
