// The staff documents part of update() (docs/documents.md "For the web UI"): printable invoices,
// payment reminders, CSV exports for finance, the public directory page and application intake.
// Every document is the core's, built from the same (catalog, book, date) as portal-cli, so the
// bytes opened or downloaded here are the bytes the CLI writes. What the browser must do (open a
// tab, download, open the mail client) goes back to the shell as effects.
#include <optional>

#include "core/csv_export.hpp"
#include "core/directory_html.hpp"
#include "core/intake.hpp"
#include "core/invoice_html.hpp"
#include "core/reminders.hpp"
#include "ui/app_internal.hpp"

namespace portal::ui {

namespace {

std::string str(const Json& a, const char* key) {
    auto it = a.find(key);
    return it != a.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The invoice named by the action's "id" (an id or a number), else the selected one.
std::string invoice_document(AppModel& m, const Json& a, const std::string& type) {
    const std::string id = str(a, "id").empty() ? m.selected_invoice : str(a, "id");
    const Invoice* inv = find_invoice(m.book, id);
    if (!inv) return id.empty() ? "Select an invoice first." : "No invoice \"" + id + "\".";
    const std::string html = invoice_html(m.catalog, m.book, inv->id, today(m));
    const std::string name = "invoice-" + inv->number + ".html";
    if (type == "invoice.open") open_document(m, name, "invoice", html);
    else offer_download(m, name, "text/html", html);
    return "";
}

// The draft due today for this invoice (and stage, when given), copied: recording it changes the plan.
std::optional<ReminderDraft> due_draft(const AppModel& m, const std::string& invoice, const std::string& stage) {
    for (const ReminderDraft& d : m.reminders.drafts)
        if (d.invoice == invoice && (stage.empty() || d.stage == stage)) return d;
    return std::nullopt;
}

// "Email draft" opens the mail client and ".eml" downloads the message; either way the stage is
// recorded first (reminder.record, audited), so a refused record opens nothing and a recorded
// stage is never offered again.
Handled reminder_send(AppModel& m, const Json& a, const std::string& type, std::string* error) {
    refresh_stale(m);  // the plan is recomputed only when shown
    std::optional<ReminderDraft> d = due_draft(m, str(a, "invoice"), str(a, "stage"));
    if (!d) {
        *error = "No reminder is due today for invoice \"" + str(a, "invoice") + "\" (it may already be recorded).";
        return Handled::Yes;
    }
    apply_book_action(m, reminder_record_action(*d), type);
    if (!m.last.ok) return Handled::Reported;
    if (type == "reminder.email") m.effects.push_back({{"effect", "open_url"}, {"url", mailto_url(d->to, d->subject, d->body)}});
    else offer_download(m, d->number + "-" + d->stage + ".eml", "message/rfc822", eml_message(*d, m.catalog.consortium, today(m)));
    return Handled::Reported;
}

std::string csv_download(AppModel& m, const Json& a) {
    const std::string what = str(a, "what");
    std::optional<CsvKind> kind = csv_kind_from(what);
    if (!kind) return "Exports are organisations, invoices, payments or aging, not \"" + what + "\".";
    CsvOptions options;
    options.bom = a.value("bom", false) == true;
    offer_download(m, "portal-" + what + "-" + today(m).iso() + ".csv", "text/csv",
                   export_csv(m.catalog, m.book, *kind, today(m), options));
    return "";
}

}  // namespace

void open_document(AppModel& m, const std::string& name, const std::string& kind, const std::string& html) {
    m.effects.push_back({{"effect", "open_html"}, {"name", name}, {"html", html}});
    m.opened.push_back({{"name", name}, {"kind", kind}, {"bytes", html.size()}});
    if (m.opened.size() > 20) m.opened.erase(m.opened.begin());
}

// A portal-application/1 file becomes a prospect through the audited prospect.intake action;
// a duplicate or an invalid file changes nothing and is explained.
void intake_file(AppModel& m, const Json& doc) {
    m.import_kind = "application";
    m.import_ok = false;
    m.intake_prospect.clear();
    m.intake_duplicate.clear();
    apply_book_action(m, intake_action(doc), "import.file");
    m.import_problems = m.last.problems;
    if (m.last.ok) {
        m.import_ok = true;
        if (!m.book.prospects.empty()) m.intake_prospect = m.book.prospects.back().id;
        return;
    }
    if (auto dup = find_duplicate(m.book, str(doc, "name"), str(doc, "country"))) m.intake_duplicate = describe(*dup);
    if (m.import_problems.empty()) m.import_problems = {{"", m.last.error}};
    m.last.error = m.import_name + ": " + std::to_string(m.import_problems.size()) +
                   " problem(s); the application was not taken in.";
    say(m, "error", m.last.error);
}

Handled update_documents(AppModel& m, const Json& a, const std::string& type, std::string* error, std::string* summary) {
    if (type == "invoice.open" || type == "invoice.download") {
        *error = invoice_document(m, a, type);
    } else if (type == "reminder.email" || type == "reminder.eml") {
        return reminder_send(m, a, type, error);
    } else if (type == "export.csv") {
        *error = csv_download(m, a);
    } else if (type == "export.directory") {
        const std::string html = directory_html(m.book, m.catalog, today(m));
        if (a.value("open", false) == true) open_document(m, "members.html", "directory", html);
        else offer_download(m, "members.html", "text/html", html);
    } else {
        return Handled::No;
    }
    (void)summary;
    return Handled::Yes;
}

}  // namespace portal::ui
