// Application intake (docs/documents.md "Application intake"): a portal-application/1 file becomes
// a prospect at stage "applied" with the application kept, unless it duplicates an organisation
// or prospect already in the book, in which case it is refused with a message naming that record.
// Applied through the reducer as a "prospect.intake" action (docs/actions.md), so it is audited.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/actions.hpp"

namespace portal {

// Case- and accent-insensitive key for a name: Latin letters folded to ASCII (é -> e, ß -> ss,
// Œ -> oe, Ł -> l), "&" read as "and", every run of punctuation and white space one space,
// trimmed. Other scripts are kept as they are. "Université  de Genève!" -> "universite de geneve".
std::string normalise_name(std::string_view name);

struct DuplicateMatch {
    std::string kind;     // "organisation" or "prospect"
    std::string id;
    std::string name;
    std::string country;
};
// The first organisation, then prospect, with the same normalised name and the same country
// (an empty country on either side matches any). Declined prospects count: they are still known.
std::optional<DuplicateMatch> find_duplicate(const Book& book, std::string_view name, std::string_view country);
std::string describe(const DuplicateMatch& m);  // organisation org-x "Name" (GB)

// {"type": "prospect.intake", "application": application}
Json intake_action(const Json& application);

struct IntakeResult {
    ApplyResult result;                     // as from apply_action
    std::string prospect_id;                // the new prospect, when applied
    std::optional<DuplicateMatch> duplicate;  // when refused as a duplicate
};
IntakeResult intake_application(Book& book, const Catalog& catalog, const Json& application, const ActionContext& ctx);

}  // namespace portal
