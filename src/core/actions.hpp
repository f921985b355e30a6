// One way to change a book: every change is an action, a JSON object {"type": ..., ...},
// applied by one reducer that validates it first and then applies it whole, or rejects it with
// a reason and leaves the book untouched. Every applied action is appended to book.audit.
// The action types and their fields are documented in docs/actions.md.
#pragma once

#include <string>

#include "core/book_index.hpp"
#include "core/model.hpp"

namespace portal {

struct ActionContext {
    std::string who;   // the staff name from settings
    std::string at;    // ISO 8601 UTC timestamp, e.g. "2027-03-01T09:30:00Z"
    Date today;        // the date `at` falls on, used for derived status and defaults
};

struct ApplyResult {
    bool ok = false;
    std::string error;      // the reason, when rejected
    Problems problems;      // per-field problems (JSON Pointers into the action), when rejected
    std::string summary;    // plain sentence describing what changed, when applied
};

ApplyResult apply_action(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx);
// A batch (JSON array) is all or nothing: the first rejected action rejects the whole batch
// and its error names the action's index.
ApplyResult apply_actions(Book& book, const Catalog& catalog, const Json& actions, const ActionContext& ctx);

// The same, keeping `index` (index_book of `book`, or kept by these calls) up to date with the
// book: an action adds to it only what it added to the book (book_index.hpp), and uses it for its
// own lookups. A rejected action or batch leaves both untouched.
ApplyResult apply_action_indexed(Book& book, BookIndex& index, const Catalog& catalog, const Json& action,
                                 const ActionContext& ctx);
ApplyResult apply_actions_indexed(Book& book, BookIndex& index, const Catalog& catalog, const Json& actions,
                                  const ActionContext& ctx);

}  // namespace portal
