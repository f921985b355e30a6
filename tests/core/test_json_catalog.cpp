#include "test_json_util.hpp"

using namespace portal;
using namespace portal::testing;

namespace {

Json asset_catalog() { return Json::parse(read_repo_file("assets/catalog.json")); }

Problems catalog_problems(const Json& doc) {
    auto from_dom = catalog_from_json(doc);
    auto from_text = read_catalog(doc.dump());
    CHECK_FALSE(from_dom.ok());
    CHECK(from_dom.problems == from_text.problems);
    return from_text.problems;
}

}  // namespace

TEST_CASE("The bundled catalog loads and is assets/catalog.json") {
    auto bundled = read_catalog(bundled_catalog_text());
    INFO(describe(bundled.problems));
    REQUIRE(bundled.ok());
    auto asset = catalog_from_json(asset_catalog());
    REQUIRE(asset.ok());
    CHECK(catalog_to_json(*bundled.value) == catalog_to_json(*asset.value));
    CHECK(std::string(bundled_catalog_text()) == read_repo_file("assets/catalog.json"));
}

TEST_CASE("The catalog carries the seed's tiers, fees, rights and rules") {
    const Catalog& c = bundled_catalog();
    CHECK(c.currency == "USD");
    const Tier* full = c.find_tier("full");
    const Tier* assoc = c.find_tier("associate");
    REQUIRE(full);
    REQUIRE(assoc);
    CHECK(full->annual_fee == 1000000);
    CHECK(assoc->annual_fee == 250000);
    CHECK(full->rights.ec_vote);
    CHECK(full->rights.ec_seat);
    CHECK(full->rights.oc_seat);
    CHECK(full->rights.trc == TrcMode::Seat);
    CHECK_FALSE(assoc->rights.ec_vote);
    CHECK_FALSE(assoc->rights.ec_seat);
    CHECK_FALSE(assoc->rights.oc_seat);
    CHECK(assoc->rights.trc == TrcMode::Nominate);
    CHECK(c.rules.ec_commercial_seat_cap == 3);
    CHECK(c.rules.associate_trc_share.num == 1);
    CHECK(c.rules.associate_trc_share.den == 2);
    CHECK(c.rules.grace_days == 90);
    CHECK(c.invoicing.prefix == "IIIFC");
    CHECK(c.invoicing.payment_terms_days == 30);
    CHECK(c.invoicing.proration.mode == "monthly");
    CHECK(c.invoicing.reminder_days == std::vector<int>{14, 30, 60});
    CHECK(c.consortium.email == "admin@iiif.io");
    CHECK(c.consortium.name == "IIIF Consortium");
    CHECK(c.consortium.address.find("Council on Library and Information Resources") != std::string::npos);

    for (const char* t : {"library", "museum", "archive", "university", "research_institute", "government", "nonprofit"}) {
        CAPTURE(t);
        REQUIRE(c.find_type(t));
        CHECK_FALSE(c.find_type(t)->commercial);
    }
    REQUIRE(c.find_type("company"));
    CHECK(c.find_type("company")->commercial);
}

TEST_CASE("Every catalog benefit quotes the seed word for word") {
    std::string seed = read_repo_file("../shared/seeds/004_329d07d945e68186.txt");
    if (seed.empty()) seed = read_repo_file("shared/seeds/004_329d07d945e68186.txt");
    const Catalog& c = bundled_catalog();
    auto in_seed = [&](std::string s) {
        // The seed's file has its apostrophe mis-encoded (UTF-8 read as Windows-1252).
        auto p = s.find("’");
        if (p != std::string::npos) s.replace(p, std::string("’").size(), "â€™");
        return s;
    };
    CHECK(c.find_benefit("training_discount_year_round")->label == "Discounts on training and workshops held throughout the year");
    CHECK(c.find_benefit("conference_institution_rate")->label == "Institution-wide special rates for IIIF Conference registration");
    CHECK(c.find_benefit("priority_technical_advice")->label == "Priority technical advice and discounted consulting");
    CHECK(c.find_benefit("shape_agenda")->label ==
          "Shape the IIIF agenda and drive the development roadmap for an open, international standard");
    CHECK(c.find_benefit("conference_reduced_tickets")->label == "Receive reduced-price tickets to the IIIF Annual Conference");
    for (const Benefit& b : c.benefits) {
        CAPTURE(b.id);
        CHECK_FALSE(b.label.empty());
        CHECK_FALSE(b.seed_quote.empty());
        if (b.savings) CHECK(b.savings->note.rfind("Assumption", 0) == 0);  // marked as an assumption
        if (!seed.empty() && b.id != "ec_vote" && b.id != "community_groups" && b.id != "trc_representation" &&
            b.id != "ec_oc_eligibility" && b.id != "trc_nominate")
            CHECK(seed.find(in_seed(b.label)) != std::string::npos);
    }
    // Full gets everything the seed lists for it; associate exactly its three plus the general ones.
    const Tier* assoc = c.find_tier("associate");
    for (const char* id : {"training_discount", "priority_attendance", "trc_nominate", "shape_agenda", "discounted_training"})
        CHECK(std::find(assoc->benefits.begin(), assoc->benefits.end(), id) != assoc->benefits.end());
    for (const char* id : {"ec_vote", "ec_oc_eligibility", "trc_representation", "priority_technical_advice"})
        CHECK(std::find(assoc->benefits.begin(), assoc->benefits.end(), id) == assoc->benefits.end());
}

TEST_CASE("A catalog round-trips through JSON, unknown members included") {
    Json doc = asset_catalog();
    doc["x_cat"] = 1;
    doc["tiers"][0]["x_tier"] = {{"k", "v"}};
    doc["rules"]["x_rule"] = true;
    auto c = catalog_from_json(doc);
    REQUIRE(c.ok());
    Json written = catalog_to_json(*c.value);
    CHECK(written["x_cat"] == 1);
    CHECK(written["tiers"][0]["x_tier"]["k"] == "v");
    CHECK(written["rules"]["x_rule"] == true);
    CHECK(written["org_types"][0]["seed_quote"] == doc["org_types"][0]["seed_quote"]);  // kept as unknown member
    auto again = read_catalog(written.dump());
    REQUIRE(again.ok());
    CHECK(catalog_to_json(*again.value) == written);
}

TEST_CASE("A catalog holding only the data contract's fields is valid, with documented defaults") {
    Json doc = Json::parse(R"({ "schema": "portal-catalog/1", "currency": "USD",
      "org_types": [ { "id": "library", "label": "Library", "commercial": false },
                     { "id": "company", "label": "Commercial organisation", "commercial": true } ],
      "benefits": [ { "id": "training_discount", "label": "Discounts on training and workshops" } ],
      "tiers": [ { "id": "full", "label": "Full membership", "annual_fee": 1000000, "benefits": [ "training_discount" ],
                   "rights": { "ec_vote": true, "ec_seat": true, "oc_seat": true, "trc": "seat" } },
                 { "id": "associate", "label": "Associate membership", "annual_fee": 250000, "benefits": [],
                   "rights": { "ec_vote": false, "ec_seat": false, "oc_seat": false, "trc": "nominate" } } ],
      "rules": { "ec_commercial_seat_cap": 3, "associate_trc_share": { "num": 1, "den": 2 }, "grace_days": 90 } })");
    auto c = read_catalog(doc.dump());
    INFO(describe(c.problems));
    REQUIRE(c.ok());
    CHECK(c.value->invoicing.prefix == "IIIFC");
    CHECK(c.value->invoicing.proration.mode == "monthly");
    CHECK(c.value->consortium.email.empty());
}

TEST_CASE("Catalog: every kind of problem, at its pointer") {
    Json doc = asset_catalog();
    SUBCASE("duplicate ids") {
        doc["tiers"].push_back(doc["tiers"][0]);
        doc["benefits"].push_back(doc["benefits"][1]);
        doc["org_types"].push_back(doc["org_types"][7]);
        auto ps = catalog_problems(doc);
        CHECK_PROBLEM(ps, "/tiers/2/id", "duplicate id \"full\" (also used by /tiers/0)");
        CHECK_PROBLEM(ps, "/benefits/15/id", "duplicate id \"fund_staff\" (also used by /benefits/1)");
        CHECK_PROBLEM(ps, "/org_types/8/id", "duplicate id \"company\" (also used by /org_types/7)");
    }
    SUBCASE("a tier lists an unknown or repeated benefit") {
        doc["tiers"][1]["benefits"].push_back("free_lunch");
        doc["tiers"][1]["benefits"].push_back("shape_agenda");
        auto ps = catalog_problems(doc);
        CHECK_PROBLEM(ps, "/tiers/1/benefits/9", "unknown benefit \"free_lunch\"");
        CHECK_PROBLEM(ps, "/tiers/1/benefits/10", "benefit \"shape_agenda\" is listed twice");
    }
    SUBCASE("fees and rules") {
        doc["tiers"][0]["annual_fee"] = 10000.5;
        doc["tiers"][1]["annual_fee"] = -250000;
        doc["rules"]["associate_trc_share"]["den"] = 0;
        doc["rules"]["grace_days"] = "ninety";
        doc["rules"].erase("ec_commercial_seat_cap");
        doc["tiers"][0]["rights"]["trc"] = "vote";
        doc["tiers"][0]["rights"]["x"] = true;
        doc["invoicing"]["proration"]["mode"] = "daily";
        doc["invoicing"]["reminder_days"] = {14, -1};
        doc["benefits"][4]["savings"]["per"] = "cup_of_tea";
        doc["currency"] = "Dollars";
        doc["consortium"]["email"] = "admin";
        auto ps = catalog_problems(doc);
        CHECK_PROBLEM(ps, "/tiers/0/annual_fee", "written as a JSON integer, got 10000.5");
        CHECK_PROBLEM(ps, "/tiers/1/annual_fee", "must not be negative");
        CHECK_PROBLEM(ps, "/rules/associate_trc_share/den", "must be greater than zero");
        CHECK_PROBLEM(ps, "/rules/grace_days", "must be a whole number, got a string");
        CHECK_PROBLEM(ps, "/rules/ec_commercial_seat_cap", "required member is missing");
        CHECK_PROBLEM(ps, "/tiers/0/rights/trc", "\"vote\" is not a TRC right");
        CHECK_PROBLEM(ps, "/tiers/0/rights/x", "unknown member (expected one of: ec_vote, ec_seat, oc_seat, trc)");
        CHECK_PROBLEM(ps, "/invoicing/proration/mode", "\"daily\" is not a proration mode");
        CHECK_PROBLEM(ps, "/invoicing/reminder_days/1", "must not be negative");
        CHECK_PROBLEM(ps, "/benefits/4/savings/per", "\"cup_of_tea\" is not a usage unit");
        CHECK_PROBLEM(ps, "/currency", "\"Dollars\" is not a currency code");
        CHECK_PROBLEM(ps, "/consortium/email", "\"admin\" is not an email address");
        CHECK(ps.size() == 12);
    }
    SUBCASE("empty lists and missing members") {
        doc["tiers"] = Json::array();
        doc.erase("org_types");
        doc["benefits"][0].erase("label");
        auto ps = catalog_problems(doc);
        CHECK_PROBLEM(ps, "/tiers", "must list at least one tier");
        CHECK_PROBLEM(ps, "/org_types", "required member is missing");
        CHECK_PROBLEM(ps, "/benefits/0/label", "required member is missing");
        CHECK(ps.size() == 3);  // no "at least one" on top of "missing"
    }
    SUBCASE("wrong schema") {
        doc["schema"] = "portal-catalog/7";
        CHECK_PROBLEM(catalog_problems(doc), "/schema", "unsupported version \"portal-catalog/7\"");
    }
}
