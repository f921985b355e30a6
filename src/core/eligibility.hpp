// The eligibility engine (PRODUCT.md B, docs/rules.md): for an organisation or an application,
// under each tier, the benefits and every right granted or not, each with a reason citing its rule.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/model.hpp"

namespace portal {

struct Decision {
    bool granted = false;
    std::string rule;    // rule id from docs/rules.md, e.g. "ec-vote-full-only"
    std::string reason;  // plain sentence citing the rule
};

struct TrcDecision : Decision {
    TrcMode mode = TrcMode::None;
};

struct TierEvaluation {
    std::string tier;
    Money annual_fee;
    std::vector<std::string> benefits;
    Decision ec_vote, ec_seat, oc_seat, community_groups;
    TrcDecision trc;
    Money estimated_savings;
    Money net_cost;                           // annual_fee - estimated_savings (may not go below 0)
    std::vector<std::string> savings_lines;   // how the savings were estimated, one line per benefit
};

struct Evaluation {
    std::optional<std::string> recommended;   // tier id, or nullopt when no tier is recommended
    std::vector<std::string> reasoning;       // why, sentence by sentence
    std::vector<TierEvaluation> tiers;        // in catalog order
};

// Facts about the book the rules depend on, computed once for every evaluation on a date.
struct GovernanceContext {
    int commercial_ec_seats_held = 0;
    std::unordered_set<std::string> orgs_holding_ec_seat;
    int associate_members = 0;                // associate-tier members in good standing
    int associate_trc_representatives = 0;    // current TRC seats held by associate members
    std::unordered_set<std::string> orgs_in_good_standing;
};
GovernanceContext context_from_book(const Book& book, const Catalog& catalog, Date on);

// Who is being evaluated: from an application (a prospective member) or a book organisation.
struct Subject {
    std::string name;
    std::string type;
    bool commercial = false;
    std::string country;
    Usage usage;
    std::vector<std::string> interests;
    std::optional<std::string> org_id;        // set when the subject is in the book
    bool in_good_standing = true;             // applicants are assumed to pay on time
};
Subject subject_from_application(const Application& application, const Catalog& catalog);
Subject subject_from_org(const Organisation& org, const Catalog& catalog, const GovernanceContext& context);

// `context` may be null: then seat caps are evaluated against an empty book.
Evaluation evaluate(const Subject& subject, const Catalog& catalog, const GovernanceContext* context);
// The shape of `portal-cli eligibility` (issue 3).
Json evaluation_to_json(const Evaluation& evaluation);

}  // namespace portal
