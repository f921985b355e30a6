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

void refresh_filter(AppModel& m) {
    const auto& orgs = m.book.organisations;
    const OrgFilter& f = m.filter;
    const std::string needle = lower(f.text);
    m.filtered.clear();
    m.filtered.reserve(orgs.size());
    for (std::uint32_t i = 0; i < orgs.size(); ++i) {
        const Organisation& o = orgs[i];
        if (!f.status.empty() && (i >= m.org_status.size() || f.status != to_string(m.org_status[i]))) continue;
        if (f.tier == "none" && o.tier) continue;
        if (!f.tier.empty() && f.tier != "none" && o.tier.value_or("") != f.tier) continue;
        if (!needle.empty() && lower(o.name).find(needle) == std::string::npos &&
            lower(o.id).find(needle) == std::string::npos && lower(o.country) != needle)
            continue;
        m.filtered.push_back(i);
    }
    auto key_less = [&](std::uint32_t a, std::uint32_t b) {
        const Organisation& x = orgs[a];
        const Organisation& y = orgs[b];
        switch (f.sort_column) {
            case 1: if (x.type != y.type) return x.type < y.type; break;
            case 2: if (x.country != y.country) return x.country < y.country; break;
            case 3: if (x.tier != y.tier) return x.tier.value_or("") < y.tier.value_or(""); break;
            case 4: if (m.org_status[a] != m.org_status[b]) return m.org_status[a] < m.org_status[b]; break;
            case 5: if (x.member_since != y.member_since) return x.member_since.value_or(Date{}) < y.member_since.value_or(Date{}); break;
            default: break;
        }
        return x.name != y.name ? x.name < y.name : a < b;
    };
    if (f.sort_descending)
        std::stable_sort(m.filtered.begin(), m.filtered.end(), [&](auto a, auto b) { return key_less(b, a); });
    else
        std::stable_sort(m.filtered.begin(), m.filtered.end(), key_less);
}

void refresh_book(AppModel& m) {
    m.index = index_book(m.book);
    const Date on = today(m);
    m.org_status.resize(m.book.organisations.size());
    for (std::size_t i = 0; i < m.book.organisations.size(); ++i)
        m.org_status[i] = membership_status(m.book.organisations[i], m.book, m.index, m.catalog, on);
    refresh_filter(m);
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
