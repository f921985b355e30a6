// The rule ids every eligibility decision and governance violation cites, each beside the seed
// sentence it comes from (docs/rules.md lists the same table; a test keeps the two in step).
// Rules marked as policy are the consortium's own reading where the seed says nothing.
#pragma once

#include <cstdint>

#include "core/model.hpp"

namespace portal::rules {

inline constexpr const char* kEcVote = "ec-vote-full-only";
inline constexpr const char* kCommitteeSeat = "committee-seat-full-only";
inline constexpr const char* kEcCommercialCap = "ec-commercial-cap";
inline constexpr const char* kNonCommercial = "non-commercial-types";
inline constexpr const char* kTrcFull = "trc-full-representation";
inline constexpr const char* kTrcAssociate = "trc-associate-share";
inline constexpr const char* kCommunityOpen = "community-open";
inline constexpr const char* kGoodStanding = "good-standing";        // policy
inline constexpr const char* kTrcTierNone = "trc-tier-none";          // policy
inline constexpr const char* kSeatOrgUnknown = "seat-org-unknown";    // policy

struct RuleText {
    const char* id;
    const char* seed;     // the exact seed sentence (markup removed), or "" for a policy rule
    const char* summary;  // how the engine applies it
};

// Every rule, in the order of docs/rules.md.
inline constexpr RuleText kAll[] = {
    {kEcVote, "Only full members are eligible for voting rights on the Executive Committee",
     "A tier votes on the EC only when its catalog rights set ec_vote; the member must be in good standing."},
    {kCommitteeSeat,
     "Eligibility to serve on the Executive Committee and Operating Committee, which provide IIIF governance",
     "A tier may hold EC or OC seats only when its catalog rights set ec_seat / oc_seat."},
    {kEcCommercialCap,
     "A limit of three seats on the Executive Committee may be held by commercial organisations.",
     "At most rules.ec_commercial_seat_cap current EC seats are held by commercial organisations; a "
     "commercial organisation is eligible for an EC seat only while one is free or it already holds one."},
    {kNonCommercial, "Non-commercial organisations include libraries, museums, and archives.",
     "Whether an organisation is commercial comes from its own override, else from its type in the catalog."},
    {kTrcFull,
     "Representation on the IIIF Technical Review Committee which guides technical development of IIIF specs",
     "A tier whose catalog rights give trc \"seat\" has a TRC seat for each member."},
    {kTrcAssociate,
     "Ability to nominate a representative to serve on the Technical Review Committee which guides technical "
     "development of IIIF specs (a number up to half the total number of associate member institutions "
     "(rounding up) may be elected to serve on the TRC)",
     "Members of a tier whose trc right is \"nominate\" (associate members) may nominate; at most "
     "ceil(associate members in good standing x rules.associate_trc_share) serve at once."},
    {kCommunityOpen,
     "Individuals who work for commercial organisations are welcome and encouraged to serve in community "
     "groups and committees",
     "Community groups are open to everyone, members or not, commercial or not: never denied."},
    {kGoodStanding, "",
     "Policy: a member keeps its rights while current or in grace (rules.grace_days after an invoice's due "
     "date, default 90); lapsed, pending or cancelled members lose votes and seats."},
    {kTrcTierNone, "",
     "Policy: a tier whose trc right is \"none\", and a non-member, has no TRC representation and may not hold "
     "a TRC seat."},
    {kSeatOrgUnknown, "", "Policy: every committee seat must be held by an organisation in the book."},
};

const RuleText* find_rule(const char* id);

// ceil(associate_members * share.num / share.den); 0 for a non-positive share or count.
std::int64_t associate_trc_cap(std::int64_t associate_members, const Fraction& share);

}  // namespace portal::rules
