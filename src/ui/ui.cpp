// Shared drawing helpers (ui.hpp).
#include "ui/ui.hpp"

#include <algorithm>

#include <imgui_internal.h>

namespace portal::ui {

// [SECTION] Actions and widget rectangles ------------------------------------------------------------

namespace {
std::vector<Json> g_actions;
// The visible part of each tracked widget, and whether a scrolling region cut some of it off.
struct Tracked {
    ImRect rect;
    bool clipped = false;   // cut at the top or bottom (scrolled)
    float cut_w = 0;        // width cut off at the sides (does not fit its window)
};
std::unordered_map<std::string, Tracked> g_rects, g_last_rects;
std::unordered_map<ImGuiID, std::string> g_buffers;  // text being edited: transient UI state
float g_dpr = 1.0f;
ImFont* g_heading = nullptr;
}  // namespace

void dispatch(Json action) { g_actions.push_back(std::move(action)); }

std::vector<Json> take_actions() {
    std::vector<Json> out;
    out.swap(g_actions);
    return out;
}

namespace {
// Items scrolled out of their window are not clickable: keep only the visible part.
void track_rect(const std::string& label, const ImRect& full) {
    ImRect r = full;
    r.ClipWith(ImGui::GetCurrentWindow()->ClipRect);
    if (r.GetWidth() > 0 && r.GetHeight() > 0)
        g_rects[label] = {r, r.GetHeight() < full.GetHeight(), full.GetWidth() - r.GetWidth()};
}
}  // namespace

void track(const std::string& label) { track_rect(label, ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax())); }

namespace {
// Text fields and combos react to clicks on their frame only, not their label: record the frame.
struct FrameProbe {
    ImVec2 min;
    float width;
    FrameProbe() : min(ImGui::GetCursorScreenPos()), width(ImGui::CalcItemWidth()) {}
    void track(const std::string& label) const {
        track_rect(label, ImRect(min, ImVec2(min.x + width, min.y + ImGui::GetFrameHeight())));
    }
};
}  // namespace

void begin_tracking() {
    g_last_rects.swap(g_rects);
    g_rects.clear();
}

Json locate(const std::string& label) {
    // During a frame the current map is incomplete: answer from the last finished frame.
    const auto& rects = g_last_rects;
    auto it = rects.find(label);
    if (it == rects.end()) return nullptr;
    const ImRect& r = it->second.rect;
    return {{"x", r.Min.x / g_dpr}, {"y", r.Min.y / g_dpr}, {"w", r.GetWidth() / g_dpr}, {"h", r.GetHeight() / g_dpr},
            {"cx", (r.Min.x + r.Max.x) * 0.5f / g_dpr}, {"cy", (r.Min.y + r.Max.y) * 0.5f / g_dpr},
            {"clipped", it->second.clipped}, {"cut_w", it->second.cut_w / g_dpr}};
}

Json tracked_labels() {
    Json out = Json::array();
    for (const auto& kv : g_last_rects) out.push_back(kv.first);
    return out;
}

void set_pixel_ratio(float dpr) { g_dpr = dpr > 0 ? dpr : 1.0f; }
float pixel_ratio() { return g_dpr; }
ImFont* heading_font() { return g_heading; }
void set_heading_font(ImFont* font) { g_heading = font; }

// [SECTION] Widgets ------------------------------------------------------------------------------------

namespace {
int resize_callback(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        auto* s = static_cast<std::string*>(data->UserData);
        s->resize(std::size_t(data->BufTextLen));
        data->Buf = s->data();
    }
    return 0;
}

std::string& buffer_for(const char* label, const std::string& value) {
    const ImGuiID id = ImGui::GetID(label);
    std::string& buf = g_buffers[id];
    // While the field is being edited its buffer is the truth; otherwise the model is.
    if (ImGui::GetActiveID() != id) buf = value;
    return buf;
}
}  // namespace

bool input_text(const char* label, const std::string& value, std::string* out, const char* hint, ImGuiInputTextFlags flags) {
    std::string& buf = buffer_for(label, value);
    flags |= ImGuiInputTextFlags_CallbackResize;
    const FrameProbe probe;
    bool changed = hint ? ImGui::InputTextWithHint(label, hint, buf.data(), buf.capacity() + 1, flags, resize_callback, &buf)
                        : ImGui::InputText(label, buf.data(), buf.capacity() + 1, flags, resize_callback, &buf);
    probe.track(label);
    if (changed && buf != value) { *out = buf; return true; }
    return false;
}

bool input_multiline(const char* label, const std::string& value, std::string* out, ImVec2 size) {
    std::string& buf = buffer_for(label, value);
    bool changed = ImGui::InputTextMultiline(label, buf.data(), buf.capacity() + 1, size,
                                             ImGuiInputTextFlags_CallbackResize, resize_callback, &buf);
    track(label);
    if (changed && buf != value) { *out = buf; return true; }
    return false;
}

bool button(const char* label, bool enabled) {
    ImGui::BeginDisabled(!enabled);
    bool pressed = ImGui::Button(label);
    ImGui::EndDisabled();
    track(label);
    return pressed && enabled;
}

bool small_button(const char* label) {
    bool pressed = ImGui::SmallButton(label);
    track(label);
    return pressed;
}

bool checkbox(const char* label, bool value) {
    bool v = value;
    bool pressed = ImGui::Checkbox(label, &v);
    track(label);
    return pressed;
}

bool radio(const char* label, bool active) {
    bool pressed = ImGui::RadioButton(label, active);
    track(label);
    return pressed && !active;
}

bool combo(const char* label, const std::string& current, const std::vector<std::pair<std::string, std::string>>& items,
           std::string* out, float width) {
    std::string preview = current;
    for (const auto& [id, text] : items) if (id == current) preview = text;
    if (width > 0) ImGui::SetNextItemWidth(width);
    const FrameProbe probe;
    bool chosen = false;
    if (ImGui::BeginCombo(label, preview.c_str())) {
        for (const auto& [id, text] : items) {
            if (ImGui::Selectable(text.c_str(), id == current) && id != current) { *out = id; chosen = true; }
            track(std::string(label) + "/" + text);
        }
        ImGui::EndCombo();
    }
    probe.track(label);
    return chosen;
}

bool has_problem(const Problems& problems, const std::string& pointer) {
    for (const auto& p : problems) if (p.pointer == pointer || p.pointer.rfind(pointer + "/", 0) == 0) return true;
    return false;
}

void problem_text(const Problems& problems, const std::string& pointer) {
    for (const auto& p : problems) {
        if (p.pointer != pointer && p.pointer.rfind(pointer + "/", 0) != 0) continue;
        ImGui::PushStyleColor(ImGuiCol_Text, colour::bad);
        ImGui::TextWrapped("%s", p.message.c_str());
        ImGui::PopStyleColor();
    }
}

// [SECTION] Narrow screens ------------------------------------------------------------------------------

bool narrow_layout() { return ImGui::GetMainViewport()->Size.x / g_dpr < 600.0f; }

void same_line_wrap(float width) {
    ImGui::SameLine();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
}

float button_width(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

float radio_width(const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

float field_width(const char* label, float preferred) {
    const float text = ImGui::CalcTextSize(label, nullptr, true).x;
    const float room = ImGui::GetContentRegionAvail().x - (text > 0 ? text + ImGui::GetStyle().ItemInnerSpacing.x : 0);
    return std::max(ImGui::GetFontSize() * 4, std::min(preferred, room));
}

void muted_wrapped(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted);
    ImGui::TextWrapped("%s", text);
    ImGui::PopStyleColor();
}

// [SECTION] Look ------------------------------------------------------------------------------------------

ImVec4 status_colour(MembershipStatus s) {
    switch (s) {
        case MembershipStatus::Current: return colour::ok;
        case MembershipStatus::Grace: return colour::warn;
        case MembershipStatus::Pending: return colour::info;
        case MembershipStatus::Lapsed: return colour::bad;
        case MembershipStatus::Cancelled:
        case MembershipStatus::Prospect: break;
    }
    return colour::muted;
}

ImVec4 invoice_colour(InvoiceStatus s) {
    switch (s) {
        case InvoiceStatus::Paid: return colour::ok;
        case InvoiceStatus::PartlyPaid: return colour::warn;
        case InvoiceStatus::Overdue: return colour::bad;
        case InvoiceStatus::Sent: return colour::info;
        case InvoiceStatus::Draft:
        case InvoiceStatus::Void: break;
    }
    return colour::muted;
}

namespace {
// The heading font holds fewer glyphs than the body font (src/web/main.cpp build_fonts): a text
// with a character it lacks is drawn in the body font rather than with a '?'.
bool heading_has_glyphs(const char* text) {
    for (const char* p = text; *p;) {
        unsigned int c = 0;
        p += ImTextCharFromUtf8(&c, p, nullptr);
        if (c >= 0x20 && !g_heading->FindGlyphNoFallback(ImWchar(c))) return false;
    }
    return true;
}
}  // namespace

void heading(const char* text) {
    const bool font = g_heading && heading_has_glyphs(text);
    if (font) ImGui::PushFont(g_heading);
    ImGui::TextUnformatted(text);
    if (font) ImGui::PopFont();
}

void help_marker(const char* text) {
    same_line_wrap(ImGui::CalcTextSize("(?)").x);
    ImGui::TextDisabled("(?)");
    if (ImGui::BeginItemTooltip()) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30.0f);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void text_with_help(const std::string& text, const char* help) {
    if (!help) { ImGui::TextWrapped("%s", text.c_str()); return; }
    const float marker = ImGui::CalcTextSize("(?)").x + ImGui::GetStyle().ItemSpacing.x;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(ImGui::GetContentRegionAvail().x - marker, marker));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    help_marker(help);
}

// [SECTION] Formatting ----------------------------------------------------------------------------------

std::string money(const AppModel& m, std::int64_t minor_units) {
    return format_money({minor_units, m.catalog.currency});
}

std::string money_local(const AppModel& m, std::int64_t minor_units, const std::string& code) {
    if (code.empty() || code == m.catalog.currency) return "";
    const Rate* rate = m.rates.find(code);
    if (!rate) return "";
    auto converted = convert({minor_units, m.catalog.currency}, m.rates, *rate);
    if (!converted) return "";
    return "~ " + format_money_digits(converted->amount, rate->minor_digits, code);
}

bool parse_amount(const std::string& text, std::int64_t* out) {
    std::int64_t whole = 0, cents = 0;
    int digits = 0, decimals = -1;
    for (char c : text) {
        if (c == ',' && decimals < 0) continue;
        if (c == '.' && decimals < 0) { decimals = 0; continue; }
        if (c < '0' || c > '9') return false;
        if (decimals >= 0) {
            if (++decimals > 2) return false;
            cents = cents * 10 + (c - '0');
        } else {
            if (++digits > 12) return false;
            whole = whole * 10 + (c - '0');
        }
    }
    if (digits == 0 && decimals <= 0) return false;
    if (decimals == 1) cents *= 10;
    *out = whole * 100 + cents;
    return true;
}

std::string tier_label(const AppModel& m, const std::string& tier_id) {
    const Tier* t = m.catalog.find_tier(tier_id);
    return t ? t->label : tier_id.empty() ? "Not a member" : tier_id;
}

std::string type_label(const AppModel& m, const std::string& type_id) {
    const OrgType* t = m.catalog.find_type(type_id);
    return t ? t->label : type_id;
}

std::string org_name(const AppModel& m, const std::string& org_id) {
    auto it = m.index.org_by_id.find(org_id);
    return it == m.index.org_by_id.end() ? org_id : m.book.organisations[it->second].name;
}

// [SECTION] Lists -------------------------------------------------------------------------------

bool begin_list_table(const char* id, std::initializer_list<Column> columns, ImVec2 size) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(id, int(columns.size()), flags, size)) return false;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const Column& c : columns) ImGui::TableSetupColumn(c.label, 0, c.weight);
    ImGui::TableHeadersRow();
    return true;
}

}  // namespace portal::ui
