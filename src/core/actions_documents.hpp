// Reducer handlers for the documents and communications actions (docs/actions.md):
// reminder.record and prospect.intake. Not a public API: apply them through apply_action.
#pragma once

#include "core/actions_internal.hpp"

namespace portal::detail {

ApplyResult reminder_record(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                            const BookIndex* index);
ApplyResult prospect_intake(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                            const BookIndex* index);

}  // namespace portal::detail
