// The public export (see public_export.hpp for what it may and may not contain).
#include "core/public_export.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/governance.hpp"
#include "core/json_io.hpp"
#include "core/json_text.hpp"
#include "core/reports.hpp"
#include "core/status.hpp"

namespace portal {

namespace {

// Listed members in good standing, by name (then id): the directory's rows.
std::vector<const Organisation*> directory_rows(const Book& book, const Catalog& catalog, Date on) {
    std::vector<const Organisation*> listed;
    std::vector<MembershipStatus> status = membership_statuses(book, catalog, on);
    for (std::size_t i = 0; i < book.organisations.size(); ++i) {
        const Organisation& org = book.organisations[i];
        if (org.listed && org.tier && in_good_standing(status[i])) listed.push_back(&org);
    }
    std::sort(listed.begin(), listed.end(), [](const Organisation* a, const Organisation* b) {
        return a->name != b->name ? a->name < b->name : a->id < b->id;
    });
    return listed;
}

// A seat names its organisation and person only when that organisation is in the published
// directory (`rows`): a seat of a lapsed or unlisted organisation is shown as a placeholder, so
// public.json never names anyone the directory leaves out.
Json committees(const Book& book, Date on, const std::vector<const Organisation*>& rows) {
    std::unordered_map<std::string, const Organisation*> orgs;
    for (const Organisation* o : rows) orgs.emplace(o->id, o);
    Json out = Json::object();
    for (Committee c : {Committee::EC, Committee::OC, Committee::TRC}) {
        Json seats = Json::array();
        for (const Seat& s : book.committees.of(c)) {
            if (!seat_is_current(s, on)) continue;
            auto it = orgs.find(s.org);
            const Organisation* org = it == orgs.end() ? nullptr : it->second;
            Json j = Json::object();
            if (org) {
                j["org"] = org->id;
                j["person"] = s.person;
            } else {
                // Nothing that could identify it: no id, no name, and not the person either.
                j["org"] = kUnlistedPlaceholder;
                j["person"] = kUnlistedPlaceholder;
            }
            j["term_start"] = s.term_start.iso();
            j["term_end"] = s.term_end ? Json(s.term_end->iso()) : Json(nullptr);
            seats.push_back(std::move(j));
        }
        out[to_string(c)] = std::move(seats);
    }
    return out;
}

// Rule ids only: a violation's message, org and seat would name the organisation.
Json governance_summary(const Book& book, const Catalog& catalog, Date on) {
    std::vector<std::string> rules;
    for (const Violation& v : check_governance(book, catalog, on)) rules.push_back(v.rule);
    std::sort(rules.begin(), rules.end());
    Json list = Json::array();
    for (const std::string& r : rules) list.push_back(Json{{"rule", r}});
    return Json{{"count", static_cast<std::int64_t>(rules.size())}, {"violations", std::move(list)}};
}

// One directory row as nlohmann would write it: members in key order.
void append_row(std::string& out, const Organisation& org) {
    out += "{\"country\":";
    jsont::append_string(out, org.country);
    out += ",\"id\":";
    jsont::append_string(out, org.id);
    out += ",\"member_since\":";
    if (org.member_since) jsont::append_date(out, *org.member_since);
    else out += "null";
    out += ",\"name\":";
    jsont::append_string(out, org.name);
    out += ",\"tier\":";
    jsont::append_string(out, *org.tier);
    out += ",\"type\":";
    jsont::append_string(out, org.type);
    out += '}';
}

}  // namespace

std::string public_export_text(const Book& book, const Catalog& catalog, Date on) {
    const std::vector<const Organisation*> rows = directory_rows(book, catalog, on);
    std::string out;
    out.reserve(rows.size() * 120 + 4096);
    // Members in key order, as public_export()'s object would be written.
    out += "{\"catalog\":";
    jsont::append_json(out, catalog_to_json(catalog));
    out += ",\"committees\":";
    jsont::append_json(out, committees(book, on, rows));
    out += ",\"generated_on\":";
    jsont::append_date(out, on);
    out += ",\"governance\":";
    jsont::append_json(out, governance_summary(book, catalog, on));
    out += ",\"organisations\":[";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i) out += ',';
        append_row(out, *rows[i]);
    }
    out += "],\"schema\":";
    jsont::append_string(out, kPublicSchema);
    out += '}';
    return out;
}

// The DOM is read back from the text, so the allow-list of public fields is written once.
Json public_export(const Book& book, const Catalog& catalog, Date on) {
    return Json::parse(public_export_text(book, catalog, on));
}

}  // namespace portal
