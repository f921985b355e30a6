// Charts with ImDrawList (chart.hpp).
#include "ui/chart.hpp"

#include <algorithm>

#include "ui/ui.hpp"

namespace portal::ui {

namespace {

struct Frame {
    ImVec2 min, max;        // plot area
    std::int64_t top = 1;   // value at the top edge
};

Frame axes(const char* id, const std::vector<std::string>& categories, const std::vector<Series>& series, ImVec2 size,
           std::string (*format)(std::int64_t)) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    track(id);
    std::int64_t top = 1;
    for (const auto& s : series) for (auto v : s.values) top = std::max(top, v);
    const float fs = ImGui::GetFontSize();
    const float left = ImGui::CalcTextSize(format(top).c_str()).x + fs * 0.5f;
    Frame f{ImVec2(origin.x + left, origin.y + fs * 1.6f), ImVec2(origin.x + size.x, origin.y + size.y - fs * 1.4f), top};
    const ImU32 grid = ImGui::GetColorU32(ImVec4(1, 1, 1, 0.12f));
    const ImU32 text = ImGui::GetColorU32(colour::muted);
    for (int i = 0; i <= 4; ++i) {
        const float y = f.max.y - (f.max.y - f.min.y) * float(i) / 4.0f;
        dl->AddLine(ImVec2(f.min.x, y), ImVec2(f.max.x, y), grid);
        const std::string label = format(top * i / 4);
        dl->AddText(ImVec2(origin.x, y - fs * 0.5f), text, label.c_str());
    }
    const float step = (f.max.x - f.min.x) / float(std::max<std::size_t>(1, categories.size()));
    for (std::size_t c = 0; c < categories.size(); ++c) {
        const ImVec2 ts = ImGui::CalcTextSize(categories[c].c_str());
        dl->AddText(ImVec2(f.min.x + step * (float(c) + 0.5f) - ts.x * 0.5f, f.max.y + fs * 0.2f), text, categories[c].c_str());
    }
    float x = f.min.x;  // legend along the top
    for (const auto& s : series) {
        dl->AddRectFilled(ImVec2(x, origin.y + fs * 0.3f), ImVec2(x + fs * 0.8f, origin.y + fs * 1.1f), ImGui::GetColorU32(s.colour));
        dl->AddText(ImVec2(x + fs, origin.y), text, s.name.c_str());
        x += fs * 1.5f + ImGui::CalcTextSize(s.name.c_str()).x;
    }
    return f;
}

float y_of(const Frame& f, std::int64_t v) {
    return f.max.y - (f.max.y - f.min.y) * float(double(v) / double(f.top));
}

}  // namespace

void bar_chart(const char* id, const std::vector<std::string>& categories, const std::vector<Series>& series, ImVec2 size,
               std::string (*format)(std::int64_t)) {
    const Frame f = axes(id, categories, series, size, format);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float step = (f.max.x - f.min.x) / float(std::max<std::size_t>(1, categories.size()));
    const float bar = step * 0.8f / float(std::max<std::size_t>(1, series.size()));
    for (std::size_t c = 0; c < categories.size(); ++c)
        for (std::size_t s = 0; s < series.size(); ++s) {
            if (c >= series[s].values.size()) continue;
            const float x = f.min.x + step * float(c) + step * 0.1f + bar * float(s);
            dl->AddRectFilled(ImVec2(x, y_of(f, series[s].values[c])), ImVec2(x + bar - 2, f.max.y), ImGui::GetColorU32(series[s].colour), 2.0f);
        }
}

void line_chart(const char* id, const std::vector<std::string>& categories, const std::vector<Series>& series, ImVec2 size,
                std::string (*format)(std::int64_t)) {
    const Frame f = axes(id, categories, series, size, format);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float step = (f.max.x - f.min.x) / float(std::max<std::size_t>(1, categories.size()));
    for (const auto& s : series) {
        std::vector<ImVec2> points;
        for (std::size_t c = 0; c < s.values.size() && c < categories.size(); ++c)
            points.push_back(ImVec2(f.min.x + step * (float(c) + 0.5f), y_of(f, s.values[c])));
        const ImU32 col = ImGui::GetColorU32(s.colour);
        if (points.size() > 1) dl->AddPolyline(points.data(), int(points.size()), col, ImDrawFlags_None, 2.5f);
        for (const auto& p : points) dl->AddCircleFilled(p, 4.0f, col);
    }
}

}  // namespace portal::ui
