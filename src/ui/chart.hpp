// Small charts drawn with ImDrawList: grouped bars and a line, with axis labels. Values are
// integers (minor units, counts); the caller formats labels.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

namespace portal::ui {

struct Series {
    std::string name;
    ImVec4 colour;
    std::vector<std::int64_t> values;  // one per category
};

// Grouped bars, one group per category. `format` turns a value into an axis label.
void bar_chart(const char* id, const std::vector<std::string>& categories, const std::vector<Series>& series,
               ImVec2 size, std::string (*format)(std::int64_t));
// One line per series over the categories.
void line_chart(const char* id, const std::vector<std::string>& categories, const std::vector<Series>& series,
                ImVec2 size, std::string (*format)(std::int64_t));

}  // namespace portal::ui
