// Small builders for staff-book tests: a catalog and book written as C++ structs, so these tests
// do not depend on the JSON readers.
#pragma once

#include <string>

#include "core/model.hpp"

namespace portal::testing {

inline Date d(const char* iso) { return *Date::parse(iso); }

inline Catalog test_catalog() {
    Catalog c;
    c.currency = "USD";
    c.org_types = {{"library", "Library", false, Json::object()},
                   {"university", "University", false, Json::object()},
                   {"company", "Commercial organisation", true, Json::object()}};
    Tier full;
    full.id = "full";
    full.label = "Full membership";
    full.annual_fee = 1000000;
    full.rights = {true, true, true, TrcMode::Seat};
    Tier associate;
    associate.id = "associate";
    associate.label = "Associate membership";
    associate.annual_fee = 250000;
    associate.rights = {false, false, false, TrcMode::Nominate};
    c.tiers = {full, associate};
    c.rules.grace_days = 90;
    c.invoicing.prefix = "IIIFC";
    c.invoicing.payment_terms_days = 30;
    c.invoicing.proration.mode = "monthly";
    return c;
}

inline Organisation member(const std::string& id, const char* tier, const char* since, const char* type = "library") {
    Organisation o;
    o.id = id;
    o.name = id;
    o.type = type;
    o.country = "GB";
    if (tier) o.tier = tier;
    if (since) o.member_since = d(since);
    return o;
}

inline Invoice invoice(const std::string& id, const std::string& org, const char* issued, const char* due,
                       std::int64_t amount, std::optional<int> year = std::nullopt) {
    Invoice i;
    i.id = id;
    i.number = "IIIFC-" + std::string(issued).substr(0, 4) + "-" + id;
    i.org = org;
    i.issued = d(issued);
    i.due = d(due);
    i.currency = "USD";
    i.lines = {{"Membership", amount, Json::object()}};
    i.state = InvoiceState::Sent;
    i.membership_year = year;
    return i;
}

inline Payment payment(const std::string& id, const std::string& inv, const char* date, std::int64_t amount) {
    Payment p;
    p.id = id;
    p.invoice = inv;
    p.date = d(date);
    p.amount = amount;
    p.method = "bank transfer";
    return p;
}

}  // namespace portal::testing
