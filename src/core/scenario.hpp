// The budget scenario modeller (PRODUCT.md C, docs/reports.md "Scenarios"): next year's projected
// membership revenue under changed fees, new tiers, pipeline conversion and churn, against the
// current year's invoiced figure, with a breakdown and plain explanation lines.
// All money is integer minor units; probabilities and rates are turned into integer factors
// (parts per million, per mille) and every sum is rounded once, at the end, with scale_rounded.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/json_io.hpp"
#include "core/model.hpp"

namespace portal {

inline constexpr const char* kScenarioSchema = "portal-scenario/1";
inline constexpr const char* kScenarioResultSchema = "portal-scenario-result/1";

struct ScenarioNewTier {
    std::string id;
    std::string label;                              // defaults to the id
    std::int64_t annual_fee = 0;                    // minor units, catalog currency
    std::int64_t new_members = 0;                   // expected organisations joining it
    std::map<std::string, std::int64_t> moves_from; // existing tier id -> members moving over
};

struct Scenario {
    std::string name;
    std::map<std::string, std::int64_t> fee_changes;  // tier id (catalog or new) -> new annual fee
    std::vector<ScenarioNewTier> new_tiers;
    bool pipeline = false;                            // convert open prospects at their probabilities
    std::int64_t churn_per_mille = 0;                 // share of existing members expected to leave
};

// Strict reading of a "portal-scenario/1" document: every problem with its JSON Pointer (unknown
// field or tier, negative or fractional money, out-of-range churn, duplicate new tier...).
Read<Scenario> scenario_from_json(const Json& doc, const Catalog& catalog);

struct ScenarioTier {
    std::string tier;
    std::string label;
    bool is_new = false;
    // Now: members in good standing or pending on `on` (no cancellation scheduled), the current
    // fee, and what the current year's invoices for this tier came to.
    std::int64_t current_members = 0;
    std::int64_t current_fee = 0;
    std::int64_t current_invoiced = 0;
    // Next year.
    std::int64_t projected_fee = 0;
    std::int64_t members = 0;          // current members after moves in and out (before churn)
    std::int64_t new_members = 0;      // new-tier conversions from outside
    std::int64_t existing = 0;         // members * projected_fee
    std::int64_t churn = 0;            // taken off `existing` by churn_per_mille
    std::int64_t conversions = 0;      // new_members * projected_fee
    std::int64_t pipeline = 0;         // sum of fee * probability over open prospects, rounded once
    std::int64_t pipeline_prospects = 0;
    std::int64_t projected = 0;        // existing - churn + conversions + pipeline
    std::int64_t change = 0;           // projected - current_invoiced
};

struct ScenarioResult {
    std::string name;
    int current_year = 0;
    int projected_year = 0;
    Date on;
    std::string currency;
    std::vector<ScenarioTier> tiers;   // catalog order, then new tiers in scenario order
    std::int64_t current_total = 0;    // the current year's invoiced revenue (every tier)
    std::int64_t projected_total = 0;
    std::int64_t change = 0;
    std::vector<std::string> explanation;
    std::string too_large;             // non-empty: a figure would not fit in int64 (the result is void)
};

// Problems that need the book: moving more members out of a tier than it has on `on`.
Problems check_scenario_against_book(const Scenario& scenario, const Book& book, const Catalog& catalog, Date on);

// The current year is on.year(); the projection is for the year after.
ScenarioResult run_scenario(const Book& book, const Catalog& catalog, const Scenario& scenario, Date on);
Json scenario_result_to_json(const ScenarioResult& result);

// A probability (0..1) as integer parts per million, clamped; how the pipeline is weighted.
std::int64_t probability_ppm(double probability);

}  // namespace portal
