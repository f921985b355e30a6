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

// Every organisation in the table's order: sorted once per book or sort change, so typing in
// the search box only selects rows and never sorts 100,000 of them again.
void refresh_order(AppModel& m) {
    const auto& orgs = m.book.organisations;
    const OrgFilter& f = m.filter;
    const std::size_t n = orgs.size();
    // Names are compared once, here: every other column sorts by (its key, name rank), so a
    // click on a column header never compares 100,000 names again.
    if (m.name_rank.size() != n) {
        std::vector<std::uint32_t> by_name(n);
        std::iota(by_name.begin(), by_name.end(), 0u);
        std::sort(by_name.begin(), by_name.end(), [&](std::uint32_t a, std::uint32_t b) {
            return orgs[a].name != orgs[b].name ? orgs[a].name < orgs[b].name : a < b;
        });
        m.name_rank.resize(n);
        for (std::uint32_t r = 0; r < n; ++r) m.name_rank[by_name[r]] = r;
    }
    m.sorted.resize(n);
    std::iota(m.sorted.begin(), m.sorted.end(), 0u);
    auto key_less = [&](std::uint32_t a, std::uint32_t b) {
        const Organisation& x = orgs[a];
        const Organisation& y = orgs[b];
        switch (f.sort_column) {
            case 1: if (x.type != y.type) return x.type < y.type; break;
            case 2: if (x.country != y.country) return x.country < y.country; break;
            case 3: if (x.tier != y.tier) return x.tier < y.tier; break;  // no tier first
            case 4: if (m.org_status[a] != m.org_status[b]) return m.org_status[a] < m.org_status[b]; break;
            case 5: if (x.member_since != y.member_since) return x.member_since < y.member_since; break;
            default: break;
        }
        return m.name_rank[a] < m.name_rank[b];
    };
    if (f.sort_descending)
        std::sort(m.sorted.begin(), m.sorted.end(), [&](auto a, auto b) { return key_less(b, a); });
    else
        std::sort(m.sorted.begin(), m.sorted.end(), key_less);
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

void refresh_book(AppModel& m) {
    m.index = index_book(m.book);
    const Date on = today(m);
    const auto& orgs = m.book.organisations;
    m.org_status.resize(orgs.size());
    m.search_keys.resize(orgs.size());
    m.name_rank.clear();  // names may have changed: refresh_order ranks them again
    for (std::size_t i = 0; i < orgs.size(); ++i) {
        m.org_status[i] = membership_status(orgs[i], m.book, m.index, m.catalog, on);
        // One haystack per organisation: a match anywhere in name, id or country. '\n' never
        // occurs in a search typed into the one-line box, so no match spans two fields.
        m.search_keys[i] = lower(orgs[i].name + '\n' + orgs[i].id + '\n' + orgs[i].country);
    }
    refresh_order(m);
    refresh_wizard(m);
    m.violations = check_governance(m.book, m.catalog, on);
    m.report = build_report(m.book, m.catalog, on.year(), on);
    m.reminders = plan_reminders(m.catalog, m.book, on);
    // The projection follows the book only while its screen is open (navigating there reruns it).
    if (m.screen == Screen::Scenario) refresh_scenario(m);
}

void refresh_all(AppModel& m) {
    if (m.compare_currency.empty()) m.compare_currency = m.rates.base;
    refresh_catalog(m);
    refresh_book(m);
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
