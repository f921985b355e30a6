// The governance check over the current committee seats (PRODUCT.md B): every violation, each
// with the rule it breaks. Used by `portal-cli governance` and on every committee change.
#pragma once

#include <string>
#include <vector>

#include "core/model.hpp"

namespace portal {

struct Violation {
    std::string rule;       // rule id from docs/rules.md
    Committee committee;
    std::string org;
    std::string seat_id;
    std::string message;
};

// A seat is current on `on` when term_start <= on and (no term_end or on <= term_end).
bool seat_is_current(const Seat& seat, Date on);

std::vector<Violation> check_governance(const Book& book, const Catalog& catalog, Date on);
// The same check with a context already computed for `on` (context_from_book), so a screen that
// evaluates eligibility too works out membership status once.
struct GovernanceContext;
std::vector<Violation> check_governance(const Book& book, const Catalog& catalog, Date on,
                                        const GovernanceContext& context);
Json violations_to_json(const std::vector<Violation>& violations);  // {"violations": [...]}

}  // namespace portal
