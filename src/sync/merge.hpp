// Three-way merge of two versions of a book (portal-book/1 JSON) against the last version both
// sides agreed on (the sync base). Records (organisations, invoices, payments, prospects and
// committee seats) are matched by id and merged field by field:
//   changed on one side only -> that side wins; changed the same way -> fine;
//   changed differently on both sides -> a Conflict for the user, decided with take mine/theirs.
// An "updated" timestamp changed on both sides takes the later one (it is bookkeeping, not data).
// A record deleted on one side and changed on the other is a conflict on the whole record.
// The audit log merges by union (entries identified by seq, at, who and summary).
//
// Two entry points with the same semantics: merge_books() works on typed Books (what the sync
// session uses: records equal on the sides that matter are taken as they are, and only records
// that differ are turned into JSON, merged member by member and read back), and
// three_way_merge() on JSON trees (the reference the typed merge is tested against).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace portal::sync {

enum class Take { Mine, Theirs };

struct Conflict {
    std::string collection;  // "organisations", "committees/ec", ... or "book" for a top-level member
    std::string id;          // record id ("" for a top-level member)
    std::string field;       // member name; "" when one side deleted the record and the other changed it
    Json base, mine, theirs; // the values (null when absent, see the flags)
    bool in_base = false, in_mine = false, in_theirs = false;

    // Stable identity of the decision, the same on every re-merge: "organisations/org-1/name".
    std::string key() const;
    // "organisations/org-1 field name: mine \"A\", theirs \"B\" (was \"C\")"
    std::string describe() const;
};

using Decisions = std::map<std::string, Take>;  // Conflict::key() -> choice

struct MergeResult {
    Json merged;                      // the decided conflicts applied; undecided ones hold "mine"
    std::vector<Conflict> conflicts;  // undecided conflicts only
    std::vector<Conflict> decided;    // conflicts settled by `decisions`
    bool ok() const { return conflicts.empty(); }
};

// `base` may be null (never synced): every record then counts as added on both sides.
MergeResult three_way_merge(const Json& base, const Json& mine, const Json& theirs, const Decisions& decisions = {});

struct BookMergeResult {
    Book merged;                      // as MergeResult::merged, typed
    std::vector<Conflict> conflicts;  // undecided conflicts only
    std::vector<Conflict> decided;    // conflicts settled by `decisions`
    Problems problems;                // merged records that do not read back (e.g. cancelled before joining)
    bool ok() const { return conflicts.empty() && problems.empty(); }
};

// `base` null: never synced (or no usable common ancestor). Reference checks across records
// (an invoice for an organisation deleted on the other side) are check_book_references' job.
BookMergeResult merge_books(const Book* base, const Book& mine, const Book& theirs, const Decisions& decisions = {});

// True when merge_books(base, mine, theirs) is `theirs` as it is, so a caller may take it without
// the copy: no base and nothing here (a first sync on a new device), and theirs' audit log
// already in merge order. `theirs` as read_book gives it (no duplicate ids).
bool merge_gives_theirs(const Book* base, const Book& mine, const Book& theirs);

}  // namespace portal::sync
