// The organisations table's filter (src/ui/app_derived.cpp): typing narrows the previous result
// instead of scanning and sorting the whole book again, and must give exactly what a fresh
// computation gives.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "../core/book_builders.hpp"
#include "core/synthetic.hpp"
#include "ui/app_internal.hpp"

using namespace portal;
using namespace portal::testing;

namespace {

ui::AppModel staff_model(int organisations) {
    ui::AppModel m;
    m.catalog = test_catalog();
    m.rates.base = "USD";
    m.settings.today = "2026-11-22";
    SyntheticOptions options;
    options.organisations = organisations;
    options.seed = 7;
    m.book = generate_book(m.catalog, options);
    ui::refresh_all(m);
    ui::update(m, {{"type", "ui.staff"}, {"on", true}});
    return m;
}

std::string lower(std::string s) {
    for (char& c : s) if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

// What the filter means, written the slow, obvious way.
std::set<std::uint32_t> expected_rows(const ui::AppModel& m) {
    std::set<std::uint32_t> rows;
    const std::string needle = lower(m.filter.text);
    for (std::uint32_t i = 0; i < m.book.organisations.size(); ++i) {
        const Organisation& o = m.book.organisations[i];
        if (!m.filter.status.empty() && m.filter.status != to_string(m.org_status[i])) continue;
        if (m.filter.tier == "none" && o.tier) continue;
        if (!m.filter.tier.empty() && m.filter.tier != "none" && o.tier.value_or("") != m.filter.tier) continue;
        if (!needle.empty() && lower(o.name).find(needle) == std::string::npos &&
            lower(o.id).find(needle) == std::string::npos && lower(o.country).find(needle) == std::string::npos)
            continue;
        rows.insert(i);
    }
    return rows;
}

void set_filter(ui::AppModel& m, const char* field, const std::string& value) {
    ui::update(m, {{"type", "filter.set"}, {"field", field}, {"value", value}});
    REQUIRE(m.last.ok);
}

// A model given the same filter in one step (no narrowing) must show the same rows in the same order.
void check_against_fresh(const ui::AppModel& m, const ui::AppModel& base) {
    ui::AppModel fresh = base;
    fresh.filter = m.filter;
    ui::refresh_order(fresh);
    CHECK(fresh.filtered == m.filtered);
    const std::set<std::uint32_t> shown(m.filtered.begin(), m.filtered.end());
    CHECK(shown.size() == m.filtered.size());
    CHECK(shown == expected_rows(m));
}

}  // namespace

TEST_CASE("typing a search narrows to exactly what a fresh filter shows, in order") {
    const ui::AppModel base = staff_model(1500);
    ui::AppModel m = base;
    REQUIRE(m.filtered.size() == m.book.organisations.size());
    std::string typed;
    for (char c : std::string("org-1")) {
        typed += c;
        set_filter(m, "text", typed);
        check_against_fresh(m, base);
    }
    CHECK(!m.filtered.empty());
    CHECK(m.filtered.size() < m.book.organisations.size());
    // Deleting characters widens the search again.
    set_filter(m, "text", "org");
    check_against_fresh(m, base);
    set_filter(m, "text", "");
    CHECK(m.filtered.size() == m.book.organisations.size());
}

TEST_CASE("the search is case-insensitive and matches name, id or country") {
    const ui::AppModel base = staff_model(400);
    ui::AppModel m = base;
    const Organisation& o = m.book.organisations[123];
    for (const std::string& needle : {o.id, o.name.substr(0, 5), o.country}) {
        set_filter(m, "text", needle);
        check_against_fresh(m, base);
        CHECK(std::count(m.filtered.begin(), m.filtered.end(), 123u) == 1);
    }
    std::string upper = o.id;
    for (char& c : upper) if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
    set_filter(m, "text", upper);
    CHECK(std::count(m.filtered.begin(), m.filtered.end(), 123u) == 1);
}

TEST_CASE("status and tier filters combine with the search; a changed status or tier never narrows stale rows") {
    const ui::AppModel base = staff_model(1500);
    ui::AppModel m = base;
    set_filter(m, "text", "a");
    set_filter(m, "status", "current");
    check_against_fresh(m, base);
    set_filter(m, "text", "an");
    check_against_fresh(m, base);
    set_filter(m, "status", "");          // widening: every row the status had hidden comes back
    check_against_fresh(m, base);
    set_filter(m, "tier", "none");
    check_against_fresh(m, base);
    set_filter(m, "tier", "full");
    check_against_fresh(m, base);
    set_filter(m, "status", "no-such-status");
    CHECK(m.filtered.empty());
}

TEST_CASE("sorting keeps the filter and orders every column both ways") {
    const ui::AppModel base = staff_model(800);
    ui::AppModel m = base;
    set_filter(m, "text", "e");
    const std::set<std::uint32_t> rows(m.filtered.begin(), m.filtered.end());
    for (int column = 0; column <= 5; ++column)
        for (bool descending : {false, true}) {
            ui::update(m, {{"type", "filter.sort"}, {"column", column}, {"descending", descending}});
            REQUIRE(m.last.ok);
            CHECK(std::set<std::uint32_t>(m.filtered.begin(), m.filtered.end()) == rows);
            check_against_fresh(m, base);
            if (column == 0)
                for (std::size_t k = 1; k < m.filtered.size(); ++k) {
                    const std::string& a = m.book.organisations[m.filtered[k - 1]].name;
                    const std::string& b = m.book.organisations[m.filtered[k]].name;
                    CHECK((descending ? b <= a : a <= b));
                }
        }
    ui::update(m, {{"type", "filter.sort"}, {"column", 6}});
    CHECK(!m.last.ok);
}

TEST_CASE("a book change recomputes the rows: an added organisation that matches appears") {
    ui::AppModel m = staff_model(300);
    set_filter(m, "text", "zzqx");
    CHECK(m.filtered.empty());
    ui::update(m, {{"type", "org.add"}, {"org", {{"name", "Zzqx Library"}, {"type", "library"}, {"country", "FR"}}}});
    REQUIRE_MESSAGE(m.last.ok, m.last.error);
    REQUIRE(m.filtered.size() == 1);
    CHECK(m.book.organisations[m.filtered[0]].name == "Zzqx Library");
    set_filter(m, "text", "zzqxy");
    CHECK(m.filtered.empty());
}
