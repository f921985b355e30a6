// The member directory page (directory_html.hpp). Reads the public export only; every value is
// escaped by the builder.
#include "core/directory_html.hpp"

#include <algorithm>
#include <map>

#include "core/public_export.hpp"

namespace portal {

namespace {

std::string str(const Json& j, const char* key) {
    auto it = j.is_object() ? j.find(key) : j.end();
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const Json& arr(const Json& j, const char* key) {
    static const Json kEmpty = Json::array();
    auto it = j.is_object() ? j.find(key) : j.end();
    return it != j.end() && it->is_array() ? *it : kEmpty;
}

// id -> label from a catalog list (tiers, org_types).
std::map<std::string, std::string> labels(const Json& list) {
    std::map<std::string, std::string> out;
    for (const Json& e : list) out[str(e, "id")] = str(e, "label");
    return out;
}

std::string label_of(const std::map<std::string, std::string>& m, const std::string& id) {
    auto it = m.find(id);
    return it == m.end() || it->second.empty() ? id : it->second;
}

void count_table(HtmlBuilder& h, const char* title, const std::map<std::string, int>& counts,
                 const std::map<std::string, std::string>& names) {
    h.open("div").element("h3", title).open("table").open("tbody");
    for (const auto& [key, n] : counts)
        h.open("tr").element("td", label_of(names, key)).element("td", std::to_string(n), {{"class", "num"}}).close("tr");
    h.close("tbody").close("table").close("div");
}

}  // namespace

std::string directory_html(const Json& pub, PageSize page) {
    const Json& catalog = pub.is_object() && pub.contains("catalog") ? pub["catalog"] : Json::object();
    const std::map<std::string, std::string> tier_names = labels(arr(catalog, "tiers"));
    const std::map<std::string, std::string> type_names = labels(arr(catalog, "org_types"));
    std::string consortium = str(catalog.is_object() && catalog.contains("consortium") ? catalog["consortium"] : Json(), "name");
    if (consortium.empty()) consortium = "the consortium";
    const Json& members = arr(pub, "organisations");
    std::map<std::string, std::string> org_names;
    std::map<std::string, int> by_tier, by_type, by_country;
    for (const Json& m : members) {
        org_names[str(m, "id")] = str(m, "name");
        ++by_tier[str(m, "tier")];
        ++by_type[str(m, "type")];
        ++by_country[str(m, "country")];
    }

    HtmlBuilder h;
    h.open("header", {{"class", "head"}}).open("div");
    h.element("h1", "Member directory");
    h.element("div", "Members of " + consortium + " in good standing, as of " + str(pub, "generated_on"), {{"class", "muted"}});
    h.close("div").open("div", {{"class", "issuer"}}).element("div", consortium, {{"class", "name"}});
    h.element("div", std::to_string(members.size()) + (members.size() == 1 ? " member" : " members"), {{"class", "small"}});
    h.close("div").close("header").nl();

    h.element("h2", "At a glance");
    h.open("section", {{"class", "cols"}});
    count_table(h, "By membership", by_tier, tier_names);
    count_table(h, "By type", by_type, type_names);
    count_table(h, "By country", by_country, {});
    h.close("section").nl();

    // Tiers in catalog order, then any tier the catalog no longer lists.
    std::vector<std::string> tier_order;
    for (const Json& t : arr(catalog, "tiers")) tier_order.push_back(str(t, "id"));
    for (const auto& [tier, n] : by_tier)
        if (std::find(tier_order.begin(), tier_order.end(), tier) == tier_order.end()) tier_order.push_back(tier);
    for (const std::string& tier : tier_order) {
        if (!by_tier.count(tier)) continue;
        h.element("h2", label_of(tier_names, tier));
        h.open("table", {{"class", "members"}}).open("thead").open("tr");
        h.element("th", "Organisation").element("th", "Type").element("th", "Country").element("th", "Member since");
        h.close("tr").close("thead").open("tbody");
        for (const Json& m : members) {
            if (str(m, "tier") != tier) continue;
            h.open("tr").element("td", str(m, "name")).element("td", label_of(type_names, str(m, "type")));
            h.element("td", str(m, "country")).element("td", str(m, "member_since")).close("tr");
        }
        h.close("tbody").close("table").nl();
    }
    if (members.empty()) h.element("p", "No member is listed yet.", {{"class", "muted"}});

    h.element("h2", "Committees");
    const Json& committees = pub.is_object() && pub.contains("committees") ? pub["committees"] : Json::object();
    const std::pair<const char*, const char*> kCommittees[] = {
        {"ec", "Executive Committee"}, {"oc", "Operating Committee"}, {"trc", "Technical Review Committee"}};
    for (const auto& [key, title] : kCommittees) {
        const Json& seats = arr(committees, key);
        h.element("h3", title);
        if (seats.empty()) {
            h.element("p", "No current seat.", {{"class", "muted small"}});
            continue;
        }
        h.open("table").open("thead").open("tr");
        h.element("th", "Organisation").element("th", "Representative").element("th", "Term");
        h.close("tr").close("thead").open("tbody");
        for (const Json& s : seats) {
            const std::string org = str(s, "org");
            auto it = org_names.find(org);
            const std::string end = str(s, "term_end");
            h.open("tr").element("td", it != org_names.end() ? it->second : org).element("td", str(s, "person"));
            h.element("td", str(s, "term_start") + " to " + (end.empty() ? "open" : end)).close("tr");
        }
        h.close("tbody").close("table");
    }
    h.open("footer", {{"class", "foot"}}).text("Published from the public export of " + consortium + ".").close("footer").nl();
    return html_document("Member directory: " + consortium, "en", page, "", h.str());
}

std::string directory_html(const Book& book, const Catalog& catalog, Date on, PageSize page) {
    return directory_html(public_export(book, catalog, on), page);
}

}  // namespace portal
