// Shared drawing helpers for the views: the action queue, widget rectangles for tests
// (portal.locate), text fields whose buffers live outside the model, colours and money.
#pragma once

#include <initializer_list>
#include <string>
#include <unordered_map>
#include <vector>

#include <imgui.h>

#include "ui/app_state.hpp"

namespace portal::ui {

// [SECTION] Actions and widget rectangles
void dispatch(Json action);
std::vector<Json> take_actions();                 // the shell drains these every frame
// Records the last item's rectangle under `label` (the ImGui label, "##" suffix included).
void track(const std::string& label);
void begin_tracking();                            // at frame start
Json locate(const std::string& label);            // {x, y, w, h} in CSS pixels, or null
Json tracked_labels();                            // every label of the last frame
void set_pixel_ratio(float dpr);
float pixel_ratio();

// [SECTION] Widgets that dispatch
// A text field showing `value`; returns true with *out when the user edited it this frame.
bool input_text(const char* label, const std::string& value, std::string* out, const char* hint = nullptr,
                ImGuiInputTextFlags flags = 0);
bool input_multiline(const char* label, const std::string& value, std::string* out, ImVec2 size);
bool button(const char* label, bool enabled = true);  // tracked; disabled when !enabled
bool small_button(const char* label);
bool checkbox(const char* label, bool value);         // true when toggled
bool radio(const char* label, bool active);
// A combo over (id, label) pairs; returns true with *out when another id was chosen.
bool combo(const char* label, const std::string& current, const std::vector<std::pair<std::string, std::string>>& items,
           std::string* out, float width = 0);
void problem_text(const Problems& problems, const std::string& pointer);  // inline "what is wrong"
bool has_problem(const Problems& problems, const std::string& pointer);

// [SECTION] Lists
// One look for every long list (invoices, reminders, audit log, renewal preview): borders, row
// stripes, a frozen header row, columns stretched by weight (0: ImGui's default). False when the
// table is clipped away; call ImGui::EndTable() only after true.
struct Column {
    const char* label;
    float weight = 0.0f;
};
bool begin_list_table(const char* id, std::initializer_list<Column> columns, ImVec2 size = ImVec2(0, 0));
// Calls draw_row(i) for the rows of [0, count) that are on screen, so 100,000 rows cost what 30 do.
template <class DrawRow>
void visible_rows(std::size_t count, DrawRow&& draw_row) {
    ImGuiListClipper clipper;
    clipper.Begin(int(count));
    while (clipper.Step())
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) draw_row(std::size_t(r));
}

// [SECTION] Look
namespace colour {
inline const ImVec4 ok{0.30f, 0.78f, 0.42f, 1.0f};
inline const ImVec4 warn{0.95f, 0.70f, 0.20f, 1.0f};
inline const ImVec4 bad{0.95f, 0.38f, 0.35f, 1.0f};
inline const ImVec4 info{0.45f, 0.68f, 0.98f, 1.0f};
inline const ImVec4 muted{0.62f, 0.64f, 0.70f, 1.0f};
inline const ImVec4 accent{0.99f, 0.80f, 0.38f, 1.0f};
}  // namespace colour
// [SECTION] Narrow screens (phones): the layout adapts below 600 CSS pixels of width.
bool narrow_layout();
// ImGui::SameLine(), unless an item `width` wide would cross the right edge: then a new line.
void same_line_wrap(float width);
float button_width(const char* label);      // a button's width for its (visible) label
float radio_width(const char* label);       // a radio button or checkbox with its label
// A field's width: `preferred`, shrunk so the field and its label fit beside each other.
float field_width(const char* label, float preferred);
void muted_wrapped(const char* text);       // muted text that wraps at the window edge

ImVec4 status_colour(MembershipStatus s);
ImVec4 invoice_colour(InvoiceStatus s);
void heading(const char* text);                        // the large font
void help_marker(const char* text);
// Wrapped text followed by a "(?)" marker, wrapping early so the marker stays inside the column.
void text_with_help(const std::string& text, const char* help);
ImFont* heading_font();
void set_heading_font(ImFont* font);

// [SECTION] Formatting
std::string money(const AppModel& m, std::int64_t minor_units);   // catalog currency
// The amount in the display currency (from the rates table), or "" when none applies.
std::string money_local(const AppModel& m, std::int64_t minor_units, const std::string& code);
// "2,500.00" / "2500" / "2500.5" -> minor units (two digits); false when not an amount.
bool parse_amount(const std::string& text, std::int64_t* out);
std::string tier_label(const AppModel& m, const std::string& tier_id);
std::string type_label(const AppModel& m, const std::string& type_id);
std::string org_name(const AppModel& m, const std::string& org_id);

}  // namespace portal::ui
