// Derived values of the model, recomputed when their inputs change and never per frame: the
// organisations table stays smooth at 100,000 rows because drawing only reads `filtered`.
#include <algorithm>
#include <numeric>

#include "ui/app_internal.hpp"

namespace portal::ui {

namespace {

std::string lower(const std::string& s) {
    std::string out = s;
    for (char& c : out) if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return out;
}

}  // namespace

void refresh_catalog(AppModel& m) {
    m.differing_benefits.clear();
    for (const Benefit& b : m.catalog.benefits) {
        int holders = 0;
        for (const Tier& t : m.catalog.tiers)
            holders += std::count(t.benefits.begin(), t.benefits.end(), b.id) > 0;
        if (holders != 0 && holders != int(m.catalog.tiers.size())) m.differing_benefits.push_back(b.id);
    }
}

namespace {

// The table's order: (the sort column's key, name rank), reversed when descending. Name ranks
// are unique, so this is a strict total order: a row's place is one binary search.
struct OrderLess {
    const AppModel& m;
    bool less(std::uint32_t a, std::uint32_t b) const {
        const Organisation& x = m.book.organisations[a];
        const Organisation& y = m.book.organisations[b];
        switch (m.filter.sort_column) {
            case 1: if (x.type != y.type) return x.type < y.type; break;
            case 2: if (x.country != y.country) return x.country < y.country; break;
            case 3: if (x.tier != y.tier) return x.tier < y.tier; break;  // no tier first
            case 4: if (m.org_status[a] != m.org_status[b]) return m.org_status[a] < m.org_status[b]; break;
            case 5: if (x.member_since != y.member_since) return x.member_since < y.member_since; break;
            default: break;
        }
        return m.name_rank[a] < m.name_rank[b];
    }
    bool operator()(std::uint32_t a, std::uint32_t b) const { return m.filter.sort_descending ? less(b, a) : less(a, b); }
};

bool name_less(const std::vector<Organisation>& orgs, std::uint32_t a, std::uint32_t b) {
    return orgs[a].name != orgs[b].name ? orgs[a].name < orgs[b].name : a < b;
}

void rank_names(AppModel& m) {
    m.name_rank.resize(m.by_name.size());
    for (std::uint32_t r = 0; r < m.by_name.size(); ++r) m.name_rank[m.by_name[r]] = r;
}

// One haystack per organisation: a match anywhere in name, id or country. '\n' never occurs in
// a search typed into the one-line box, so no match spans two fields.
std::string search_key(const Organisation& o) { return lower(o.name + '\n' + o.id + '\n' + o.country); }

}  // namespace

// Every organisation in the table's order: sorted once per book or sort change, so typing in
// the search box only selects rows and never sorts 100,000 of them again.
void refresh_order(AppModel& m) {
    const auto& orgs = m.book.organisations;
    const std::size_t n = orgs.size();
    // Names are compared once, here: every other column sorts by (its key, name rank), so a
    // click on a column header never compares 100,000 names again.
    if (m.name_rank.size() != n || m.by_name.size() != n) {
        m.by_name.resize(n);
        std::iota(m.by_name.begin(), m.by_name.end(), 0u);
        std::sort(m.by_name.begin(), m.by_name.end(), [&](std::uint32_t a, std::uint32_t b) { return name_less(orgs, a, b); });
        rank_names(m);
    }
    m.sorted.resize(n);
    std::iota(m.sorted.begin(), m.sorted.end(), 0u);
    std::sort(m.sorted.begin(), m.sorted.end(), OrderLess{m});
    m.filtered_current = false;
    refresh_filter(m);
}

void refresh_filter(AppModel& m) {
    const auto& orgs = m.book.organisations;
    const OrgFilter& f = m.filter;
    const std::string needle = lower(f.text);
    // Typing narrows a search: when the new text contains the old one and nothing else changed,
    // only rows shown now can still match, already in order.
    const bool narrowing = m.filtered_current && f.status == m.filtered_for.status && f.tier == m.filtered_for.tier &&
                           needle.find(lower(m.filtered_for.text)) != std::string::npos;
    std::vector<std::uint32_t> rows = narrowing ? std::move(m.filtered) : m.sorted;

    bool any_status = f.status.empty(), status_known = false;
    MembershipStatus wanted_status = MembershipStatus::Prospect;
    for (MembershipStatus s : {MembershipStatus::Prospect, MembershipStatus::Pending, MembershipStatus::Current,
                               MembershipStatus::Grace, MembershipStatus::Lapsed, MembershipStatus::Cancelled})
        if (f.status == to_string(s)) wanted_status = s, status_known = true;
    auto keep = [&](std::uint32_t i) {
        const Organisation& o = orgs[i];
        if (!any_status && (!status_known || i >= m.org_status.size() || m.org_status[i] != wanted_status)) return false;
        if (f.tier == "none") { if (o.tier) return false; }
        else if (!f.tier.empty() && !(o.tier && *o.tier == f.tier)) return false;
        return needle.empty() || (i < m.search_keys.size() && m.search_keys[i].find(needle) != std::string::npos);
    };
    rows.erase(std::remove_if(rows.begin(), rows.end(), [&](std::uint32_t i) { return !keep(i); }), rows.end());
    m.filtered = std::move(rows);
    m.filtered_for = f;
    m.filtered_current = true;
}

namespace {

// Values only some screens show: recomputed when one is drawn or the state is read.
void book_changed_for_screens(AppModel& m) {
    m.stale = AppModel::Stale{};
    // The projection follows the book only while its screen is open (navigating there reruns it).
    if (m.screen == Screen::Scenario) refresh_scenario(m);
}

void refresh_statuses(AppModel& m, std::vector<std::uint32_t>* changed) {
    const Date on = today(m);
    const auto& orgs = m.book.organisations;
    m.org_status.resize(orgs.size(), MembershipStatus::Prospect);
    for (std::size_t i = 0; i < orgs.size(); ++i) {
        const MembershipStatus s = membership_status(orgs[i], m.book, m.index, m.catalog, on);
        if (changed && s != m.org_status[i]) changed->push_back(std::uint32_t(i));
        m.org_status[i] = s;
    }
}

// Organisation `i` changed (name, sort key or status): its place in name order and in the table.
void reposition(AppModel& m, std::uint32_t i, bool name_may_change, bool is_new) {
    const auto& orgs = m.book.organisations;
    if (name_may_change) {
        if (!is_new) m.by_name.erase(m.by_name.begin() + m.name_rank[i]);
        auto at = std::lower_bound(m.by_name.begin(), m.by_name.end(), i,
                                   [&](std::uint32_t a, std::uint32_t b) { return name_less(orgs, a, b); });
        m.by_name.insert(at, i);
        rank_names(m);  // the others keep their relative order, so `sorted` stays in order
    }
    if (!is_new) m.sorted.erase(std::find(m.sorted.begin(), m.sorted.end(), i));
    m.sorted.insert(std::lower_bound(m.sorted.begin(), m.sorted.end(), i, OrderLess{m}), i);
}

}  // namespace

void refresh_book(AppModel& m) {
    m.index = index_book(m.book);
    refresh_from_index(m);
}

void refresh_from_index(AppModel& m) {
    const auto& orgs = m.book.organisations;
    refresh_statuses(m, nullptr);
    m.search_keys.resize(orgs.size());
    for (std::size_t i = 0; i < orgs.size(); ++i) m.search_keys[i] = search_key(orgs[i]);
    m.name_rank.clear();  // names may have changed: refresh_order ranks them again
    refresh_order(m);
    book_changed_for_screens(m);
}

namespace {

// The one organisation whose status an invoice or payment action can change (its invoice's
// organisation, found as the reducer found the invoice), Chains::kNone when the invoice belongs
// to none, nullopt when it cannot tell. Status reads only the organisation's own invoices and
// their payments (core/status.cpp), so the other organisations keep theirs.
std::optional<std::uint32_t> org_touched(const AppModel& m, const Json& action, const std::string& type) {
    const BookIndex& ix = m.index;
    auto org_of_invoice = [&](std::size_t i) -> std::optional<std::uint32_t> {
        if (i >= ix.invoices()) return std::nullopt;
        return ix.invoices_by_org.owner_of(i);
    };
    // The records the action appended are the last ones (the index holds them already).
    if (type == "invoice.create") return ix.invoices() ? org_of_invoice(ix.invoices() - 1) : std::nullopt;
    if (type == "payment.record") {
        if (ix.payments() == 0) return std::nullopt;
        const std::uint32_t inv = ix.payments_by_invoice.owner_of(ix.payments() - 1);
        return inv == Chains::kNone ? std::optional<std::uint32_t>(Chains::kNone) : org_of_invoice(inv);
    }
    // invoice.send, invoice.void, reminder.record: by id, else by number (actions_invoice.cpp
    // find_invoice, actions_documents.cpp), the first match winning.
    auto it = action.find("invoice");
    if (it == action.end() || !it->is_string()) return std::nullopt;
    const std::string key = it->get<std::string>();
    if (const IdIndex::Entry* e = ix.invoice_by_id.find(key)) return org_of_invoice(e->second);
    for (std::size_t i = 0; i < m.book.invoices.size(); ++i)
        if (m.book.invoices[i].number == key) return org_of_invoice(i);
    return std::nullopt;
}

}  // namespace

// The book action was applied with apply_action_indexed (app_state.cpp), so m.index is current:
// nothing here indexes the book again.
void refresh_after_action(AppModel& m, const Json& action, const std::string& type) {
    const auto& orgs = m.book.organisations;
    const std::size_t n = orgs.size();
    // Positions stand for ids only while ids are unique (actions only append, so unique now means
    // unique before) and every derived list matches the book as it was.
    const bool in_step = m.index.org_by_id.size() == n && m.org_status.size() == m.search_keys.size() &&
                         m.sorted.size() == m.org_status.size() && m.by_name.size() == m.org_status.size();
    auto id_at = [&](const char* key) -> std::optional<std::uint32_t> {
        auto it = action.find(key);
        if (it == action.end() || !it->is_string()) return std::nullopt;
        auto found = m.index.org_by_id.find(it->get<std::string>());
        if (found == m.index.org_by_id.end()) return std::nullopt;
        return std::uint32_t(found->second);
    };

    if (in_step && n == m.org_status.size() && (type == "org.update" || type == "org.cancel" || type == "org.reinstate")) {
        // One record changed in place (its id cannot change).
        if (std::optional<std::uint32_t> i = id_at("id")) {
            m.org_status[*i] = membership_status(orgs[*i], m.book, m.index, m.catalog, today(m));
            m.search_keys[*i] = search_key(orgs[*i]);
            reposition(m, *i, true, false);
            m.filtered_current = false;
            refresh_filter(m);
            return book_changed_for_screens(m);
        }
    } else if (in_step && n == m.org_status.size() && (type == "seat.add" || type == "seat.end")) {
        return book_changed_for_screens(m);  // seats are not in the index and change no status
    } else if (in_step && n == m.org_status.size() &&
               (type == "invoice.create" || type == "invoice.send" || type == "invoice.void" ||
                type == "payment.record" || type == "reminder.record")) {
        // Invoices and payments: only their organisation's status can change; when it does, that
        // row moves in the table.
        std::vector<std::uint32_t> changed;
        const std::optional<std::uint32_t> touched = org_touched(m, action, type);
        if (!touched) {
            refresh_statuses(m, &changed);
        } else if (*touched != Chains::kNone && *touched < n) {
            const MembershipStatus s = membership_status(orgs[*touched], m.book, m.index, m.catalog, today(m));
            if (s != m.org_status[*touched]) changed.push_back(*touched);
            m.org_status[*touched] = s;
        }
        if (!changed.empty()) {  // else the table's rows and order stay as they are
            if (m.filter.sort_column == 4)
                for (std::uint32_t i : changed) reposition(m, i, false, false);
            m.filtered_current = false;
            refresh_filter(m);
        }
        return book_changed_for_screens(m);
    } else if (in_step && n == m.org_status.size() + 1 && type == "org.add") {
        // One record appended (it may adopt invoices naming its id: its status counts them).
        const std::uint32_t i = std::uint32_t(n - 1);
        m.org_status.push_back(membership_status(orgs[i], m.book, m.index, m.catalog, today(m)));
        m.search_keys.push_back(search_key(orgs[i]));
        reposition(m, i, true, true);
        m.filtered_current = false;
        refresh_filter(m);
        return book_changed_for_screens(m);
    }
    refresh_from_index(m);  // anything else (a renewal, prospects, repeated ids): from scratch
}

namespace {
void refresh_violations(AppModel& m) {
    const Date on = today(m);
    m.violations = check_governance(m.book, m.catalog, on, context_from_book(m.book, m.catalog, on, m.index));
    m.stale.violations = false;
}
void refresh_report(AppModel& m) {
    const Date on = today(m);
    m.report = build_report(m.book, m.catalog, on.year(), on, m.index);
    m.stale.report = false;
}
void refresh_reminders(AppModel& m) {
    m.reminders = plan_reminders(m.catalog, m.book, today(m), m.index);
    m.stale.reminders = false;
}
}  // namespace

void prepare_screen(AppModel& m) {
    switch (m.screen) {
        case Screen::Dashboard:
            if (m.stale.report) refresh_report(m);
            if (m.stale.violations) refresh_violations(m);
            break;
        case Screen::Reports: if (m.stale.report) refresh_report(m); break;
        case Screen::Committees: if (m.stale.violations) refresh_violations(m); break;
        case Screen::Reminders: if (m.stale.reminders) refresh_reminders(m); break;
        case Screen::Wizard:
        case Screen::Join: if (m.stale.wizard) refresh_wizard(m); break;
        default: break;
    }
}

void refresh_stale(AppModel& m) {
    if (m.stale.report) refresh_report(m);
    if (m.stale.violations) refresh_violations(m);
    if (m.stale.reminders) refresh_reminders(m);
    if (m.stale.wizard) refresh_wizard(m);
}

void refresh_all(AppModel& m) {
    if (m.compare_currency.empty()) m.compare_currency = m.rates.base;
    refresh_catalog(m);
    refresh_book(m);  // the screen values follow when shown
}

void load_demo(AppModel& m) {
    m.book = Book{};
    m.demo = true;
    if (!m.demo_text.empty()) {
        Read<Book> r = read_book(m.demo_text, m.catalog);
        if (r.ok()) m.book = std::move(*r.value);
        else say(m, "error", "The bundled demo data set has " + std::to_string(r.problems.size()) + " problem(s); starting empty.");
    }
    m.selected_org.clear();
    m.selected_invoice.clear();
    m.renewal_preview = Json::array();
    ++m.book_version;
    m.effects.push_back({{"effect", "book_changed"}, {"replace", "demo"}});
    refresh_book(m);
}

}  // namespace portal::ui
