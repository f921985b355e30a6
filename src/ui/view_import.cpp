// Import and export: a book file from disk is validated whole by the core (read_book); on any
// problem, every one is listed with its JSON Pointer and nothing is applied.
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

void draw_import(const AppModel& m) {
    heading("Import and export");
    if (button("Import a book file...")) dispatch({{"type", "import.pick"}});
    ImGui::SameLine();
    ImGui::TextColored(colour::muted, "portal-book/1 JSON; replaces the current book only if it is entirely valid.");
    if (!m.import_name.empty()) {
        if (m.import_ok) ImGui::TextColored(colour::ok, "\xE2\x9C\x93 %s imported.", m.import_name.c_str());
        else ImGui::TextColored(colour::bad, "%s: %zu problem(s), nothing imported.", m.import_name.c_str(), m.import_problems.size());
    }
    if (!m.import_problems.empty()) {
        const float h = std::min(ImGui::GetContentRegionAvail().y * 0.6f, ImGui::GetTextLineHeightWithSpacing() * (m.import_problems.size() + 1.5f));
        if (ImGui::BeginTable("problems", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp, ImVec2(0, h))) {
            ImGui::TableSetupColumn("Where (JSON Pointer)", 0, 1.0f);
            ImGui::TableSetupColumn("Problem", 0, 2.5f);
            ImGui::TableHeadersRow();
            for (const auto& p : m.import_problems) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn(); ImGui::TextUnformatted(p.pointer.empty() ? "(document)" : p.pointer.c_str());
                ImGui::TableNextColumn(); ImGui::TextColored(colour::bad, "%s", p.message.c_str());
            }
            ImGui::EndTable();
        }
    }
    ImGui::SeparatorText("Downloads");
    if (button("Export the book (JSON)")) dispatch({{"type", "export.book"}});
    ImGui::SameLine();
    if (button("Export the public data")) dispatch({{"type", "export.public"}});
    ImGui::SameLine();
    if (button("Export this year's report")) dispatch({{"type", "export.report"}});
    ImGui::TextColored(colour::muted, "The public export never contains contacts, notes, invoices, payments or prospects.");
}

}  // namespace portal::ui
