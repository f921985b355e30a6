// The staff view's part of update(): settings, the organisations filter, the org editor,
// renewal preview, import and exports. Book changes themselves go through apply_action.
#include <algorithm>

#include "core/actions.hpp"
#include "core/invoices.hpp"
#include "core/public_export.hpp"
#include "core/reports.hpp"
#include "core/scenario.hpp"
#include "ui/app_internal.hpp"
#include "ui/book_actions.hpp"

namespace portal::ui {

namespace {

std::string str(const Json& a, const char* key) {
    auto it = a.find(key);
    return it != a.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string org_name(const AppModel& m, const std::string& id) {
    auto it = m.index.org_by_id.find(id);
    return it == m.index.org_by_id.end() ? id : m.book.organisations[it->second].name;
}

// One organisation as the book format writes it (so the editor edits exactly the stored fields).
Json org_json(const Organisation& org) {
    Book one;
    one.organisations.push_back(org);
    Json doc = book_to_json(one);
    return doc["organisations"][0];
}

std::string settings_set(AppModel& m, const Json& a) {
    const std::string field = str(a, "field");
    const Json v = a.value("value", Json());
    if (!v.is_string()) return "Settings take text values.";
    const std::string s = v.get<std::string>();
    if (field == "staff_name") {
        if (s.empty()) return "The staff name is recorded in the audit log: it cannot be empty.";
        m.settings.staff_name = s;
    } else if (field == "host_url") {
        if (!s.empty() && s.rfind("https://", 0) != 0 && s.rfind("http://", 0) != 0)
            return "The static host URL starts with https:// (or http:// on a local network).";
        m.settings.host_url = s;
    } else if (field == "display_currency") {
        if (s != m.rates.base && !m.rates.find(s)) return "No exchange rate for \"" + s + "\".";
        m.settings.display_currency = s;
    } else if (field == "today") {
        if (!s.empty() && !Date::parse(s)) return "\"today\" is a date YYYY-MM-DD, or empty for the real date.";
        m.settings.today = s;
        refresh_from_index(m);  // statuses move with the date; the index does not
    } else {
        return "Settings have no field \"" + field + "\".";
    }
    return "";
}

std::string filter_set(AppModel& m, const Json& a, const std::string& type) {
    if (type == "filter.sort") {
        const int column = a.value("column", 0);
        if (column < 0 || column > 5) return "Sort column is 0 to 5.";
        m.filter.sort_column = column;
        m.filter.sort_descending = a.value("descending", false);
        refresh_order(m);
        return "";
    } else {
        const std::string field = str(a, "field");
        const std::string value = str(a, "value");
        if (field == "text") m.filter.text = value;
        else if (field == "status") m.filter.status = value;
        else if (field == "tier") m.filter.tier = value;
        else return "The filter has no field \"" + field + "\".";
    }
    refresh_filter(m);
    return "";
}

std::string renewal_preview(AppModel& m, const Json& a) {
    if (a.contains("year")) m.renewal_year = a.value("year", 0);
    const int year = m.renewal_year ? m.renewal_year : today(m).year() + 1;
    // The core's plan is what renewal.run applies: the preview cannot disagree with the run.
    RenewalPlan plan = plan_renewal(m.book, m.catalog, year, today(m), m.index);
    m.renewal_preview = Json::array();
    m.renewal_skipped = Json::array();
    for (const Invoice& inv : plan.invoices)
        m.renewal_preview.push_back({{"number", inv.number}, {"org", inv.org}, {"name", org_name(m, inv.org)},
                                     {"tier", inv.tier.value_or("")}, {"amount", invoice_total(inv)}, {"due", inv.due.iso()}});
    for (const RenewalSkip& skip : plan.skipped)
        m.renewal_skipped.push_back({{"org", skip.org}, {"name", org_name(m, skip.org)}, {"reason", skip.reason}});
    return "";
}

std::string import_file(AppModel& m, const Json& a) {
    m.import_name = str(a, "name");
    m.import_kind = "book";
    m.import_ok = false;
    if (!m.book_lock.empty()) return m.book_lock;
    // The browser tab has at most 2 GB for the file, its parse tree and the book: larger books
    // are refused before reading (web/boot.js checks the size first).
    constexpr std::int64_t kMaxImportBytes = std::int64_t(64) << 20;
    const std::int64_t bytes = a.contains("too_large") ? a.value("too_large", std::int64_t(0)) : std::int64_t(str(a, "text").size());
    if (bytes > kMaxImportBytes) {
        m.import_problems = {{"", "the file is " + std::to_string(bytes >> 20) + " MB; the browser imports books up to 64 MB (use portal-cli for larger ones)"}};
        return m.import_name + ": too large; nothing was imported.";
    }
    Read<Book> r = read_book(str(a, "text"), m.catalog);
    m.import_problems = r.problems;
    if (!r.ok()) return m.import_name + ": " + std::to_string(r.problems.size()) + " problem(s); nothing was imported.";
    // A whole book replaces the current one (it carries its own audit log).
    m.book = std::move(*r.value);
    m.import_ok = true;
    m.demo = false;
    m.selected_org.clear();
    m.selected_invoice.clear();
    ++m.book_version;
    m.effects.push_back({{"effect", "book_changed"}, {"replace", "import"}});
    refresh_book(m);
    return "";
}

// Problems of org.add / org.update point into the action ("/org/name", "/set/name"): the editor
// shows them beside the field ("/name").
Problems editor_problems(const Problems& ps) {
    Problems out;
    for (Problem p : ps) {
        for (const char* prefix : {"/org", "/set"})
            if (p.pointer.rfind(prefix, 0) == 0) p.pointer = p.pointer.substr(std::string(prefix).size());
        out.push_back(p);
    }
    return out;
}

}  // namespace

Handled update_staff(AppModel& m, const Json& a, const std::string& type, std::string* error, std::string* summary) {
    if (type == "settings.set") *error = settings_set(m, a);
    else if (type == "filter.set" || type == "filter.sort") *error = filter_set(m, a, type);
    else if (type == "org.select") {
        const std::string id = str(a, "id");
        auto it = m.index.org_by_id.find(id);
        if (it == m.index.org_by_id.end()) { *error = "No organisation \"" + id + "\"."; return Handled::Yes; }
        m.selected_org = id;
        m.org_draft = org_json(m.book.organisations[it->second]);
        m.org_original = m.org_draft;
        m.org_draft_new = false;
        m.org_problems.clear();
        m.screen = Screen::OrgEdit;
    } else if (type == "org.new") {
        m.selected_org.clear();
        m.org_draft = {{"id", ""}, {"name", ""}, {"type", m.catalog.org_types.empty() ? "" : m.catalog.org_types[0].id},
                       {"country", ""}, {"tier", nullptr}, {"listed", false}, {"contacts", Json::array()}, {"notes", ""}};
        m.org_original = Json::object();
        m.org_draft_new = true;
        m.org_problems.clear();
        m.screen = Screen::OrgEdit;
    } else if (type == "draft.set") {
        const std::string field = str(a, "field");
        if (field.empty() || (field == "id" && !m.org_draft_new)) { *error = "That field cannot be edited."; return Handled::Yes; }
        m.org_draft[field] = a.value("value", Json());
        if (field == "member_since" && m.org_draft[field] == "") m.org_draft[field] = nullptr;
        if (m.org_draft[field].is_null() && field != "tier" && field != "commercial" && field != "member_since") m.org_draft.erase(field);
        if (field == "commercial" && m.org_draft[field].is_null()) m.org_draft.erase(field);
    } else if (type == "draft.save") {
        const std::size_t before = m.book.organisations.size();
        apply_book_action(m, book_actions::org_save(m.org_draft, m.org_original, m.org_draft_new), type);
        m.org_problems = editor_problems(m.last.problems);
        if (m.last.ok) {
            // A new organisation gets its id from the reducer: it is the last one added.
            std::string id = m.org_draft.value("id", "");
            if (m.org_draft_new && m.book.organisations.size() > before) id = m.book.organisations.back().id;
            m.selected_org = id;
            m.org_draft_new = false;
            auto it = m.index.org_by_id.find(id);
            if (it != m.index.org_by_id.end()) m.org_draft = org_json(m.book.organisations[it->second]);
            m.org_original = m.org_draft;
        }
        return Handled::Reported;
    } else if (type == "invoice.select") {
        m.selected_invoice = str(a, "id");
    } else if (type == "invoice.filter") {
        const std::string v = str(a, "value");
        if (v != "" && v != "open" && v != "overdue") *error = "The invoice filter is \"\", \"open\" or \"overdue\".";
        else m.invoice_filter = v;
    } else if (type == "renewal.preview") {
        *error = renewal_preview(m, a);
        if (error->empty()) *summary = std::to_string(m.renewal_preview.size()) + " invoice(s) would be created.";
    } else if (type == "renewal.run") {
        const int year = a.contains("year") ? a.value("year", 0) : (m.renewal_year ? m.renewal_year : today(m).year() + 1);
        apply_book_action(m, book_actions::renewal_run(year), type);
        m.renewal_preview = Json::array();
        m.renewal_skipped = Json::array();
        return Handled::Reported;
    } else if (type == "import.pick") {
        m.effects.push_back({{"effect", "pick_file"}, {"kind", "book"}});
    } else if (type == "import.file") {
        // The one file input takes books, join requests and scenarios: small files are sniffed
        // for their "schema" (a book is parsed once, by read_book).
        auto text = a.find("text");
        const bool small = text != a.end() && text->is_string() && text->get_ref<const std::string&>().size() < (std::size_t(1) << 20);
        const Json doc = small ? Json::parse(text->get_ref<const std::string&>(), nullptr, false) : Json();
        const std::string schema = doc.is_object() ? str(doc, "schema") : "";
        if (schema == kApplicationSchema || schema == kScenarioSchema) {
            m.import_name = str(a, "name");
            if (schema == kApplicationSchema) { intake_file(m, doc); return Handled::Reported; }
            scenario_file(m, doc);
            if (!m.import_ok) *error = m.import_name + ": " + std::to_string(m.import_problems.size()) + " problem(s) in the scenario.";
            else *summary = "Opened the scenario " + m.import_name + ".";
            return Handled::Yes;
        }
        *error = import_file(m, a);
        if (error->empty()) *summary = "Imported " + m.import_name + ": " + std::to_string(m.book.organisations.size()) + " organisations.";
    } else if (type == "export.book") {
        offer_download(m, "portal-book-" + today(m).iso() + ".json", "application/json", dump_json(book_to_json(m.book), 2) + "\n");
    } else if (type == "export.public") {
        offer_download(m, "portal-public.json", "application/json", public_export(m.book, m.catalog, today(m)).dump(2) + "\n");
    } else if (type == "export.report") {
        Report r = build_report(m.book, m.catalog, a.value("year", today(m).year()), today(m), m.index);
        offer_download(m, "portal-report-" + std::to_string(r.year) + ".json", "application/json", report_to_json(r).dump(2) + "\n");
    } else {
        const Handled h = update_documents(m, a, type, error, summary);
        return h != Handled::No ? h : update_scenario(m, a, type, error, summary);
    }
    return Handled::Yes;
}

}  // namespace portal::ui
