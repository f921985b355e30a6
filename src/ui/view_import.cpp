// Import and export: a book file from disk is validated whole by the core (read_book); on any
// problem, every one is listed with its JSON Pointer and nothing is applied.
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

void draw_import(const AppModel& m) {
    heading("Import and export");
    if (button("Import a file...")) dispatch({{"type", "import.pick"}});
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted);
    ImGui::TextWrapped("A book (portal-book/1) replaces the current one, only if it is entirely valid; a join request "
                       "(portal-application/1) becomes a prospect at stage \"applied\"; a scenario (portal-scenario/1) "
                       "opens in the scenario modeller.");
    ImGui::PopStyleColor();
    if (!m.import_name.empty()) {
        if (m.import_ok && m.import_kind == "application")
            ImGui::TextColored(colour::ok, "\xE2\x9C\x93 %s: taken in as prospect %s (applied).", m.import_name.c_str(), m.intake_prospect.c_str());
        else if (m.import_ok) ImGui::TextColored(colour::ok, "\xE2\x9C\x93 %s imported.", m.import_name.c_str());
        else ImGui::TextColored(colour::bad, "%s: %zu problem(s), nothing imported.", m.import_name.c_str(), m.import_problems.size());
        if (!m.import_ok && !m.intake_duplicate.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, colour::warn);
            ImGui::TextWrapped("Already in the book: %s. Update that record instead.", m.intake_duplicate.c_str());
            ImGui::PopStyleColor();
        }
    }
    if (!m.import_problems.empty()) {
        const float h = std::min(ImGui::GetContentRegionAvail().y * 0.6f, ImGui::GetTextLineHeightWithSpacing() * (m.import_problems.size() * 2 + 1.5f));
        if (ImGui::BeginTable("problems", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp, ImVec2(0, h))) {
            ImGui::TableSetupColumn("Where (JSON Pointer)", 0, 1.0f);
            ImGui::TableSetupColumn("Problem", 0, 2.5f);
            ImGui::TableHeadersRow();
            for (const auto& p : m.import_problems) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn(); ImGui::TextUnformatted(p.pointer.empty() ? "(document)" : p.pointer.c_str());
                ImGui::TableNextColumn();
                ImGui::PushStyleColor(ImGuiCol_Text, colour::bad);
                ImGui::TextWrapped("%s", p.message.c_str());  // long messages (a duplicate's) wrap
                ImGui::PopStyleColor();
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
    if (button("Open the member directory page")) dispatch({{"type", "export.directory"}, {"open", true}});
    ImGui::SameLine();
    if (button("Download members.html")) dispatch({{"type", "export.directory"}});

    // The same bytes as `portal-cli export-csv --what W --on TODAY` (RFC 4180, formula-safe).
    ImGui::SeparatorText("For finance (CSV, as of today)");
    for (const char* what : {"organisations", "invoices", "payments", "aging"}) {
        const std::string label = std::string(what == std::string("aging") ? "Receivables aging" : what) + ".csv";
        if (button(label.c_str())) dispatch({{"type", "export.csv"}, {"what", what}});
        ImGui::SameLine();
    }
    ImGui::NewLine();
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted);
    ImGui::TextWrapped("UTF-8 with a header row; amounts as decimals beside a currency column. The organisations "
                       "export holds contacts: keep it private.");
    ImGui::PopStyleColor();
}

}  // namespace portal::ui
