// The eligibility engine (PRODUCT.md B, docs/rules.md): for an organisation or an application,
// under each tier, the benefits and every right granted or not, each with a reason citing its rule.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/model.hpp"
#include "core/status.hpp"

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
    IdSet orgs_holding_ec_seat;  // IdSet (status.hpp): open addressing, no node per id
    int associate_members = 0;                // associate-tier members in good standing
    int associate_trc_representatives = 0;    // current TRC seats held by associate members
    IdSet orgs_in_good_standing;
    // Added by the engine (h2): current TRC seat holders (an associate holding one keeps it), and
    // for members NOT in good standing their status word ("lapsed", "pending", "cancelled").
    IdSet orgs_holding_trc_seat;
    std::unordered_map<std::string, std::string> standing_of;

    // The same facts by the organisation's position in the book the context was built from
    // (context_from_book fills them unless the book repeats an id), so a loop over the whole book
    // reads one byte per organisation instead of hashing its id three times. subject_from_org uses
    // them only for that book's own records; a context made by hand leaves them empty.
    enum : std::uint8_t { kGood = 1, kHoldsEc = 2, kHoldsTrc = 4, kMember = 8 };  // status: bits 4..6
    const Organisation* book_orgs = nullptr;
    std::vector<std::uint8_t> org_flags;  // parallel to the book's organisations
    // The position of `org` when it is the book's own record and flags are kept, else -1.
    std::ptrdiff_t position_of(const Organisation& org) const;
};
GovernanceContext context_from_book(const Book& book, const Catalog& catalog, Date on);
// The same with the book's index (status.hpp) already built for this version of the book (h2).
struct BookIndex;
GovernanceContext context_from_book(const Book& book, const Catalog& catalog, Date on, const BookIndex& index);

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
    std::optional<std::string> tier;          // the book organisation's current tier, if a member
    std::string standing;                     // status word when not in good standing ("lapsed")
    // Filled by subject_from_org from its context (so the assessor need not look the id up again);
    // otherwise the assessor looks org_id up in the context it is given.
    bool seats_known = false;
    bool holds_ec_seat = false;
    bool holds_trc_seat = false;
};
Subject subject_from_application(const Application& application, const Catalog& catalog);
Subject subject_from_org(const Organisation& org, const Catalog& catalog, const GovernanceContext& context);
// The same, filling `out` and reusing its storage: for loops over a whole book (h2).
void subject_from_org(const Organisation& org, const Catalog& catalog, const GovernanceContext& context, Subject& out);

// `context` may be null: then seat caps are evaluated against an empty book.
Evaluation evaluate(const Subject& subject, const Catalog& catalog, const GovernanceContext* context);
// The shape of `portal-cli eligibility` (issue 3).
Json evaluation_to_json(const Evaluation& evaluation);

// ---------------------------------------------------------------------------------------------
// Bulk assessment (added by h2): the same decisions as evaluate(), without any text, for screens
// and reports over many organisations (100,000 in well under a millisecond each). evaluate() is
// built on it, so the two never disagree; open one organisation with evaluate() for the reasons.
// ---------------------------------------------------------------------------------------------

// Why a right was decided as it was; evaluate() turns it into the reason sentence.
enum class Why : unsigned char {
    TierGrants,         // the tier's rights grant it
    TierLacks,          // the tier's rights do not
    NotInGoodStanding,  // a member lapsed, pending or cancelled
    NonCommercial,      // EC seat: the commercial cap does not apply
    CommercialHolds,    // EC seat: already holds one of the commercial seats
    CommercialFree,     // EC seat: a commercial seat is free
    CommercialFull,     // EC seat: every commercial seat is taken
    AssociateHolds,     // TRC nomination: already holds an associate place
    AssociateFree,      // TRC nomination: a place is free
    AssociateFull,      // TRC nomination: every place is taken
    OpenToEveryone,     // community groups
};

struct Check {
    bool granted = false;
    const char* rule = "";  // a rules.hpp constant (static storage)
    Why why = Why::TierLacks;
};

struct TierAssessment {
    const Tier* tier = nullptr;
    Check ec_vote, ec_seat, oc_seat, trc, community_groups;
    std::int64_t estimated_savings = 0;  // catalog currency, minor units
    std::int64_t net_cost = 0;
    std::int64_t trc_cap = 0;            // nominate tiers: associate places, and the members counted
    std::int64_t trc_members = 0;
};

struct Assessment {
    std::vector<TierAssessment> tiers;   // catalog order
    int recommended = -1;                // index into tiers; -1: none
    unsigned wanted = 0;                 // bits: 1 ec_vote, 2 ec_seat, 4 oc_seat, 8 trc_seat
    int wanted_granted = 0;              // how many of them the recommended tier grants
};

// Precomputes what depends only on the catalog and the context, then assesses subjects one by one.
// Holds references: `catalog` and `context` must outlive it. `context` may be null (empty book).
class Assessor {
public:
    Assessor(const Catalog& catalog, const GovernanceContext* context);
    // Fills `out`, reusing its storage (no allocation once warm).
    void assess(const Subject& subject, Assessment& out) const;

    const Catalog& catalog() const { return catalog_; }
    const GovernanceContext& context() const { return context_; }

private:
    struct TierRates {
        std::int64_t per_attendee = 0;  // summed savings per conference attendee
        std::int64_t per_seat = 0;      // and per training seat
    };
    const Catalog& catalog_;
    const GovernanceContext& context_;
    std::vector<TierRates> rates_;      // parallel to catalog.tiers
};

}  // namespace portal
