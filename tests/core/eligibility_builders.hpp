// Builders for the eligibility and governance tests: a catalog shaped like assets/catalog.json and
// books written as C++ structs, so these tests do not depend on the JSON readers.
#pragma once

#include <string>

#include "core/eligibility.hpp"
#include "core/governance.hpp"
#include "core/model.hpp"
#include "core/rules.hpp"

namespace portal::elig_test {

inline Date day(const char* iso) { return *Date::parse(iso); }
inline const Date kOn = day("2027-06-01");

inline Tier tier(const char* id, const char* label, std::int64_t fee, TierRights rights,
                 std::vector<std::string> benefits) {
    Tier t;
    t.id = id;
    t.label = label;
    t.annual_fee = fee;
    t.rights = rights;
    t.benefits = std::move(benefits);
    return t;
}

inline Catalog catalog() {
    Catalog c;
    c.currency = "USD";
    c.org_types = {{"library", "Library", false, Json::object()},
                   {"museum", "Museum", false, Json::object()},
                   {"archive", "Archive", false, Json::object()},
                   {"company", "Commercial organisation", true, Json::object()}};
    Benefit training{"training_discount", "Discounts on training and workshops", "", SavingsEstimate{"training_seat", 20000, "20% off a 1,000 USD workshop"}, Json::object()};
    Benefit conference{"conference_rates", "Institution-wide special rates for IIIF Conference registration", "",
                       SavingsEstimate{"conference_attendee", 15000, "150 USD off each registration"}, Json::object()};
    Benefit trc{"trc_representation", "Representation on the IIIF Technical Review Committee", "", std::nullopt, Json::object()};
    Benefit priority{"priority_attendance", "Priority attendance at IIIF Working meetings and other events", "", std::nullopt, Json::object()};
    c.benefits = {training, conference, trc, priority};
    c.tiers = {tier("full", "Full membership", 1000000, {true, true, true, TrcMode::Seat},
                    {"training_discount", "conference_rates", "trc_representation", "priority_attendance"}),
               tier("associate", "Associate membership", 250000, {false, false, false, TrcMode::Nominate},
                    {"training_discount", "priority_attendance"})};
    c.rules.ec_commercial_seat_cap = 3;
    c.rules.associate_trc_share = {1, 2};
    c.rules.grace_days = 90;
    return c;
}

inline Organisation org(const std::string& id, std::optional<std::string> tier_id, const char* type = "library") {
    Organisation o;
    o.id = id;
    o.name = "Org " + id;
    o.type = type;
    o.country = "GB";
    o.tier = std::move(tier_id);
    o.member_since = day("2020-01-01");
    return o;
}

inline Seat seat(const std::string& id, const std::string& org_id, const char* start = "2026-01-01",
                 const char* end = nullptr) {
    Seat s;
    s.id = id;
    s.org = org_id;
    s.person = "Person " + id;
    s.term_start = day(start);
    if (end) s.term_end = day(end);
    return s;
}

// An invoice for `org_id` due on `due`, unpaid: 90 days after `due` the member lapses.
inline Invoice unpaid_invoice(const std::string& id, const std::string& org_id, const char* issued, const char* due) {
    Invoice i;
    i.id = id;
    i.number = "IIIFC-2027-" + id;
    i.org = org_id;
    i.issued = day(issued);
    i.due = day(due);
    i.currency = "USD";
    i.lines = {{"Membership", 1000000, Json::object()}};
    i.state = InvoiceState::Sent;
    i.membership_year = 2027;
    return i;
}

inline Subject applicant(bool commercial, std::vector<std::string> interests = {}) {
    Subject s;
    s.name = commercial ? "Example Corp" : "Example Library";
    s.type = commercial ? "company" : "library";
    s.commercial = commercial;
    s.country = "FR";
    s.interests = std::move(interests);
    return s;
}

inline const TierEvaluation& tier_of(const Evaluation& e, const std::string& id) {
    for (const TierEvaluation& t : e.tiers)
        if (t.tier == id) return t;
    static TierEvaluation none;
    return none;
}

// For a temporary evaluation: a copy, so no reference outlives it.
inline TierEvaluation tier_of(Evaluation&& e, const std::string& id) {
    return tier_of(static_cast<const Evaluation&>(e), id);
}

inline bool known_rule(const std::string& id) { return rules::find_rule(id.c_str()) != nullptr; }

}  // namespace portal::elig_test
