// Invoices: create one, record a payment, void, and the open / overdue lists. Form fields are
// transient widget state (kept here, not in the model) until a button sends the action.
#include "ui/book_actions.hpp"
#include "ui/ui.hpp"
#include "ui/views.hpp"

namespace portal::ui {

namespace {

struct InvoiceForms {
    std::string org, description = "Membership contribution", amount;
    std::string pay_amount, pay_date, pay_method = "bank transfer", void_reason;
};
InvoiceForms g_form;

void create_form(const AppModel& m) {
    ImGui::SeparatorText("New invoice");
    std::string out;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    if (input_text("Organisation id##inv", g_form.org, &out)) g_form.org = out;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (input_text("Description##inv", g_form.description, &out)) g_form.description = out;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    if (input_text("Amount##inv", g_form.amount, &out, "2500.00")) g_form.amount = out;
    ImGui::SameLine();
    std::int64_t amount = 0;
    const bool valid = parse_amount(g_form.amount, &amount) && amount > 0 && !g_form.org.empty();
    if (button("Create invoice", valid))
        dispatch(book_actions::invoice_create(g_form.org, g_form.description, amount));
    if (!g_form.org.empty() && !m.index.org_by_id.count(g_form.org)) ImGui::TextColored(colour::bad, "No organisation with that id.");
    if (!g_form.amount.empty() && !parse_amount(g_form.amount, &amount)) ImGui::TextColored(colour::bad, "The amount is a number like 2500.00.");
}

void selected_panel(const AppModel& m) {
    auto it = m.index.invoice_by_id.find(m.selected_invoice);
    if (it == m.index.invoice_by_id.end()) {
        ImGui::TextColored(colour::muted, "Select an invoice to record a payment or void it.");
        return;
    }
    const Invoice& inv = m.book.invoices[it->second];
    const Date on = today(m);
    const InvoiceStatus st = invoice_status(inv, m.index, on);
    ImGui::SeparatorText(("Invoice " + inv.number).c_str());
    ImGui::Text("%s, issued %s, due %s", org_name(m, inv.org).c_str(), inv.issued.iso().c_str(), inv.due.iso().c_str());
    ImGui::Text("Total %s, paid %s, outstanding %s", money(m, invoice_total(inv)).c_str(),
                money(m, invoice_paid(inv, m.index)).c_str(), money(m, invoice_outstanding(inv, m.index, on)).c_str());
    ImGui::SameLine();
    ImGui::TextColored(invoice_colour(st), "%s", to_string(st));
    // The printable invoice is the core's invoice_html on today's date: what portal-cli writes.
    if (button("Open printable invoice")) dispatch({{"type", "invoice.open"}, {"id", inv.id}});
    ImGui::SameLine();
    if (button("Download HTML##invoice")) dispatch({{"type", "invoice.download"}, {"id", inv.id}});
    std::string out;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    if (input_text("Payment amount", g_form.pay_amount, &out, "amount")) g_form.pay_amount = out;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    if (input_text("Date##pay", g_form.pay_date, &out, on.iso().c_str())) g_form.pay_date = out;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    if (input_text("Method##pay", g_form.pay_method, &out)) g_form.pay_method = out;
    ImGui::SameLine();
    std::int64_t amount = 0;
    const bool ok = parse_amount(g_form.pay_amount, &amount) && amount > 0;
    if (button("Record payment", ok && inv.state == InvoiceState::Sent)) {
        dispatch(book_actions::payment_record(inv.id, amount, g_form.pay_date, g_form.pay_method));
        g_form.pay_amount.clear();
    }
    if (inv.state == InvoiceState::Draft) {
        if (button("Send invoice")) dispatch(book_actions::invoice_send(inv.id));
        ImGui::SameLine();
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (input_text("Reason##void", g_form.void_reason, &out, "why it is voided")) g_form.void_reason = out;
    ImGui::SameLine();
    if (button("Void invoice", inv.state != InvoiceState::Void)) dispatch(book_actions::invoice_void(inv.id, g_form.void_reason));
}

bool shown(const AppModel& m, InvoiceStatus st) {
    if (m.invoice_filter == "overdue") return st == InvoiceStatus::Overdue;
    if (m.invoice_filter == "open") return st == InvoiceStatus::Sent || st == InvoiceStatus::PartlyPaid || st == InvoiceStatus::Overdue;
    return true;
}

}  // namespace

void draw_invoices(const AppModel& m) {
    heading("Invoices");
    for (const auto& [id, label] : std::vector<std::pair<const char*, const char*>>{{"", "All"}, {"open", "Open"}, {"overdue", "Overdue"}}) {
        if (radio(label, m.invoice_filter == id)) dispatch({{"type", "invoice.filter"}, {"value", id}});
        ImGui::SameLine();
    }
    ImGui::NewLine();
    create_form(m);
    selected_panel(m);
    ImGui::Spacing();
    if (!begin_list_table("invoices", {{"Number"}, {"Organisation"}, {"Issued"}, {"Due"}, {"Total"}, {"Status"}})) return;
    const Date on = today(m);
    // Newest first; filtering happens here because the invoice list is short next to the org list.
    std::vector<std::size_t> rows;
    for (std::size_t k = m.book.invoices.size(); k-- > 0;)
        if (shown(m, invoice_status(m.book.invoices[k], m.index, on))) rows.push_back(k);
    visible_rows(rows.size(), [&](std::size_t r) {
        const Invoice& inv = m.book.invoices[rows[r]];
        const InvoiceStatus st = invoice_status(inv, m.index, on);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (ImGui::Selectable(inv.number.c_str(), inv.id == m.selected_invoice, ImGuiSelectableFlags_SpanAllColumns))
            dispatch({{"type", "invoice.select"}, {"id", inv.id}});
        if (r < 50) track("invoice:" + inv.id);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(org_name(m, inv.org).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(inv.issued.iso().c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(inv.due.iso().c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(money(m, invoice_total(inv)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(invoice_colour(st), "%s", to_string(st));
    });
    ImGui::EndTable();
}

}  // namespace portal::ui
