// The reducer: one entry point per action (or batch), validation helpers shared by the handlers
// in actions_*.cpp, and the audit log. docs/actions.md documents every action type.
#include "core/actions.hpp"

#include <cctype>
#include <cmath>
#include <limits>
#include <optional>

#include "core/actions_documents.hpp"
#include "core/actions_internal.hpp"
#include "core/text_rules.hpp"

namespace portal {
namespace detail {

// [SECTION] Field reading ----------------------------------------------------------------------

std::string pointer_token(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

Fields::Fields(const Json& obj, std::string base, Problems& problems)
    : obj_(obj), base_(std::move(base)), problems_(problems) {}

bool Fields::has(const char* key) {
    known_.insert(key);
    return obj_.is_object() && obj_.contains(key);
}

bool Fields::is_null(const char* key) { return has(key) && obj_.at(key).is_null(); }

const Json* Fields::raw(const char* key, bool required) {
    if (!has(key)) {
        if (required) problem(key, "is required");
        return nullptr;
    }
    return &obj_.at(key);
}

std::optional<std::string> Fields::text(const char* key, bool required, bool allow_empty) {
    const Json* v = raw(key, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        problem(key, "must be a string");
        return std::nullopt;
    }
    std::string s = v->get<std::string>();
    bool blank = true;
    for (unsigned char c : s) blank = blank && std::isspace(c);
    if (blank && !allow_empty) {
        problem(key, s.empty() ? "must not be empty" : "must not be blank");
        return std::nullopt;
    }
    // The readers' rules (text_rules.hpp): free text where the book keeps several lines.
    const std::string_view k = key;
    const bool free = k == "notes" || k == "reason" || k == "next_action";
    if (std::string why = free ? free_text_problem(s) : line_text_problem(s); !why.empty()) {
        problem(key, why);
        return std::nullopt;
    }
    return s;
}

std::optional<Date> Fields::date(const char* key, bool required) {
    const Json* v = raw(key, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        problem(key, "must be a date string YYYY-MM-DD");
        return std::nullopt;
    }
    const std::string& text = v->get_ref<const std::string&>();
    std::optional<Date> d = Date::parse(text);
    if (!d) problem(key, "\"" + text.substr(0, 40) + "\" " + date_problem(text) + " (a date YYYY-MM-DD)");
    return d;
}

std::optional<std::int64_t> Fields::integer(const char* key, bool required, std::int64_t min, std::int64_t max) {
    const Json* v = raw(key, required);
    if (!v) return std::nullopt;
    if (!v->is_number_integer()) {
        problem(key, "must be a whole number");
        return std::nullopt;
    }
    bool too_big = v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max);
    std::int64_t n = too_big ? max : v->get<std::int64_t>();
    if (too_big || n < min || n > max) {
        problem(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
        return std::nullopt;
    }
    return n;
}

std::optional<bool> Fields::boolean(const char* key, bool required) {
    const Json* v = raw(key, required);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
        problem(key, "must be true or false");
        return std::nullopt;
    }
    return v->get<bool>();
}

std::optional<double> Fields::number(const char* key, bool required, double min, double max) {
    const Json* v = raw(key, required);
    if (!v) return std::nullopt;
    if (!v->is_number() || !std::isfinite(v->get<double>()) || v->get<double>() < min || v->get<double>() > max) {
        problem(key, "must be a number from " + Json(min).dump() + " to " + Json(max).dump());
        return std::nullopt;
    }
    return v->get<double>();
}

void Fields::reject_unknown() {
    if (!obj_.is_object()) return;
    for (auto it = obj_.begin(); it != obj_.end(); ++it)
        if (!known_.count(it.key())) problems_.push_back({ptr(it.key().c_str()), "unknown field"});
}

// [SECTION] Ids and results --------------------------------------------------------------------

std::string slug(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        if (std::isalnum(c) && c < 128) out += static_cast<char>(std::tolower(c));
        else if (!out.empty() && out.back() != '-') out += '-';
        if (out.size() >= 48) break;  // ids stay short
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

std::string unique_id(const std::string& base, const std::function<bool(const std::string&)>& taken) {
    if (!taken(base)) return base;
    for (int n = 2;; ++n)
        if (std::string id = base + "-" + std::to_string(n); !taken(id)) return id;
}

std::string money_room(const Book& book, const BookIndex* index, std::int64_t invoiced, std::int64_t paid) {
    std::int64_t inv_total = 0, paid_total = 0;
    if (index) {
        inv_total = index->invoiced_total;
        paid_total = index->paid_total;
    } else {
        for (const Invoice& inv : book.invoices)
            for (const InvoiceLine& l : inv.lines) inv_total = saturating_add(inv_total, l.amount);
        for (const Payment& p : book.payments) paid_total = saturating_add(paid_total, p.amount);
    }
    if (invoiced > 0 && !add_within(inv_total, invoiced))
        return "would bring the book's invoiced total to more than its maximum of " + format_decimal(kMaxBookTotal);
    if (paid > 0 && !add_within(paid_total, paid))
        return "would bring the book's payments to more than their maximum total of " + format_decimal(kMaxBookTotal);
    return "";
}

std::string invoice_dates_problem(const Invoice& inv) {
    if (!inv.issued.in_range() || !inv.due.in_range())
        return "the due date would be after " + Date::max().iso() + " (issued " + inv.issued.iso() + ")";
    return "";
}

ApplyResult rejected(const std::string& type, Problems problems) {
    ApplyResult r;
    r.ok = false;
    if (problems.empty()) problems.push_back({"", "rejected"});
    const Problem& p = problems.front();
    r.error = type + " rejected: " + (p.pointer.empty() ? "" : p.pointer + ": ") + p.message;
    if (problems.size() > 1) r.error += " (and " + std::to_string(problems.size() - 1) + " more)";
    r.problems = std::move(problems);
    return r;
}

ApplyResult applied(std::string summary) {
    ApplyResult r;
    r.ok = true;
    r.summary = std::move(summary);
    return r;
}

Organisation* find_org(Book& book, const std::string& id, const BookIndex* index) {
    if (index) {
        const IdIndex::Entry* e = index->org_by_id.find(id);
        return e ? &book.organisations[e->second] : nullptr;
    }
    for (Organisation& o : book.organisations)
        if (o.id == id) return &o;
    return nullptr;
}

void read_contacts(const Json& value, const std::string& ptr, Problems& problems, std::vector<Contact>& out) {
    if (!value.is_array()) {
        problems.push_back({ptr, "must be an array of contacts"});
        return;
    }
    out.clear();
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string here = ptr + "/" + std::to_string(i);
        if (!value[i].is_object()) {
            problems.push_back({here, "must be an object {name, email, role}"});
            continue;
        }
        Fields f(value[i], here, problems);
        Contact c;
        c.name = f.text("name", true).value_or("");
        c.email = f.text("email", false, true).value_or("");
        c.role = f.text("role", false, true).value_or("");
        if (std::string why = email_problem(c.email); !why.empty()) f.problem("email", why);
        f.reject_unknown();
        out.push_back(std::move(c));
    }
}

}  // namespace detail

// [SECTION] The reducer ------------------------------------------------------------------------

namespace {

using detail::rejected;

struct Entry {
    const char* type;
    ApplyResult (*fn)(Book&, const Catalog&, const Json&, const ActionContext&, const BookIndex*);
};

const Entry kHandlers[] = {
    {"org.add", detail::org_add},
    {"org.update", detail::org_update},
    {"org.cancel", detail::org_cancel},
    {"org.reinstate", detail::org_reinstate},
    {"invoice.create", detail::invoice_create},
    {"invoice.send", detail::invoice_send},
    {"invoice.void", detail::invoice_void},
    {"payment.record", detail::payment_record},
    {"renewal.run", detail::renewal_run},
    {"prospect.add", detail::prospect_add},
    {"prospect.update", detail::prospect_update},
    {"prospect.advance", detail::prospect_advance},
    {"seat.add", detail::seat_add},
    {"seat.end", detail::seat_end},
    {"reminder.record", detail::reminder_record},
    {"prospect.intake", detail::prospect_intake},
};

}  // namespace

namespace {

ApplyResult apply_one(Book& book, BookIndex* index, const Catalog& catalog, const Json& action, const ActionContext& ctx) {
    if (!action.is_object()) return rejected("action", {{"", "an action must be a JSON object {\"type\": ...}"}});
    auto t = action.find("type");
    if (t == action.end() || !t->is_string())
        return rejected("action", {{"/type", "is required: a string such as \"org.add\""}});
    const std::string type = t->get<std::string>();
    for (const Entry& e : kHandlers) {
        if (type != e.type) continue;
        ApplyResult r = e.fn(book, catalog, action, ctx, index);
        if (!r.ok) return r;
        // Actions only append the records the index holds (they change fields of existing ones,
        // never an id or a position), so bringing it up to date costs what the action added.
        if (index) index_appended(*index, book);
        AuditEntry entry;
        entry.seq = book.audit.empty() ? 1 : book.audit.back().seq + 1;
        entry.at = ctx.at;
        entry.who = ctx.who;
        entry.summary = r.summary;
        entry.action = action;  // only documented fields reach here: unknown ones were rejected
        book.audit.push_back(std::move(entry));
        return r;
    }
    std::string known;
    for (const Entry& e : kHandlers) known += std::string(known.empty() ? "" : ", ") + e.type;
    return rejected("action", {{"/type", "unknown action type '" + type + "' (known: " + known + ")"}});
}

ApplyResult apply_batch(Book& book, BookIndex* index, const Catalog& catalog, const Json& actions, const ActionContext& ctx) {
    if (!actions.is_array()) return rejected("batch", {{"", "must be a JSON array of actions"}});
    auto run = [&](Book& target, BookIndex* target_index, std::size_t i, std::vector<std::string>& summaries) -> std::optional<ApplyResult> {
        ApplyResult r = apply_one(target, target_index, catalog, actions[i], ctx);
        if (r.ok) {
            summaries.push_back(r.summary);
            return std::nullopt;
        }
        const std::string at = "/" + std::to_string(i);
        for (Problem& p : r.problems) p.pointer = at + p.pointer;
        r.error = "action " + std::to_string(i) + ": " + r.error + "; no action of the batch was applied";
        return r;
    };
    std::vector<std::string> summaries;
    if (actions.size() == 1) {  // one action is already all or nothing: no copy needed
        if (auto failed = run(book, index, 0, summaries)) return *failed;
    } else if (!actions.empty()) {
        // The only copies: the book (and its index) stay untouched until every action passed.
        Book work = book;
        std::optional<BookIndex> work_index;
        if (index) work_index = *index;
        for (std::size_t i = 0; i < actions.size(); ++i)
            if (auto failed = run(work, work_index ? &*work_index : nullptr, i, summaries)) return *failed;
        book = std::move(work);
        if (index) *index = std::move(*work_index);
    }
    std::string summary = std::to_string(summaries.size()) + (summaries.size() == 1 ? " action" : " actions") + " applied";
    for (const std::string& s : summaries) summary += "\n" + s;
    return detail::applied(summary);
}

}  // namespace

ApplyResult apply_action(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx) {
    return apply_one(book, nullptr, catalog, action, ctx);
}

ApplyResult apply_action_indexed(Book& book, BookIndex& index, const Catalog& catalog, const Json& action,
                                 const ActionContext& ctx) {
    return apply_one(book, &index, catalog, action, ctx);
}

ApplyResult apply_actions(Book& book, const Catalog& catalog, const Json& actions, const ActionContext& ctx) {
    return apply_batch(book, nullptr, catalog, actions, ctx);
}

ApplyResult apply_actions_indexed(Book& book, BookIndex& index, const Catalog& catalog, const Json& actions,
                                  const ActionContext& ctx) {
    return apply_batch(book, &index, catalog, actions, ctx);
}

}  // namespace portal
