// Shared by the reducer's files (actions*.cpp), not a public API: reading an action's fields with
// per-field problems, ids for new records, and the handler signature.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>

#include "core/actions.hpp"

namespace portal::detail {

std::string pointer_token(const std::string& key);  // RFC 6901 escaping (~0, ~1)

// Reads the members of one JSON object (the action, or a nested "org"/"set" object), noting a
// problem for each missing, mistyped or unknown member. Nothing is thrown.
class Fields {
public:
    Fields(const Json& obj, std::string base, Problems& problems);

    bool has(const char* key);       // present (null included); marks the key as known
    bool is_null(const char* key);   // present and null
    std::string ptr(const char* key) const { return base_ + "/" + pointer_token(key); }
    void problem(const char* key, std::string message) { problems_.push_back({ptr(key), std::move(message)}); }

    // Each returns nullopt when absent (a problem if `required`) or invalid (always a problem).
    std::optional<std::string> text(const char* key, bool required, bool allow_empty = false);
    std::optional<Date> date(const char* key, bool required);
    std::optional<std::int64_t> integer(const char* key, bool required, std::int64_t min, std::int64_t max);
    std::optional<bool> boolean(const char* key, bool required);
    std::optional<double> number(const char* key, bool required, double min, double max);
    const Json* raw(const char* key, bool required);  // any JSON value

    // Flags every member never asked about: an action carries only documented fields.
    void reject_unknown();

private:
    const Json& obj_;
    std::string base_;
    Problems& problems_;
    std::set<std::string> known_;
};

// "British Library" -> "british-library" (ASCII letters and digits, others collapse to '-').
std::string slug(const std::string& name);
// `base`, or `base-2`, `base-3`... whichever `taken` does not hold.
std::string unique_id(const std::string& base, const std::function<bool(const std::string&)>& taken);

// The one check of the book-wide money limits (money.hpp): "" when adding `invoiced` (new
// invoice lines) and `paid` (new payments) keeps both of the book's totals within kMaxBookTotal,
// else the reason. Called by every action that adds money, before it changes anything.
std::string money_room(const Book& book, const BookIndex* index, std::int64_t invoiced, std::int64_t paid);
// "" when every date of a new invoice is in the supported range, else the reason.
std::string invoice_dates_problem(const Invoice& inv);

// Returns the rejection when problems were found.
ApplyResult rejected(const std::string& type, Problems problems);
ApplyResult applied(std::string summary);

// One function per action type, each validating everything before changing anything. `index`,
// when the caller keeps one, describes the book as it was before the action (null: none kept;
// then lookups scan the book): handlers only read it, the reducer brings it up to date after.
#define PORTAL_ACTION(name) \
    ApplyResult name(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx, const BookIndex* index)
PORTAL_ACTION(org_add);
PORTAL_ACTION(org_update);
PORTAL_ACTION(org_cancel);
PORTAL_ACTION(org_reinstate);
PORTAL_ACTION(invoice_create);
PORTAL_ACTION(invoice_send);
PORTAL_ACTION(invoice_void);
PORTAL_ACTION(payment_record);
PORTAL_ACTION(renewal_run);
PORTAL_ACTION(prospect_add);
PORTAL_ACTION(prospect_update);
PORTAL_ACTION(prospect_advance);
PORTAL_ACTION(seat_add);
PORTAL_ACTION(seat_end);
#undef PORTAL_ACTION

// Organisation reading shared by org.add, org.update and prospect.advance.
Organisation* find_org(Book& book, const std::string& id, const BookIndex* index);
void read_contacts(const Json& value, const std::string& ptr, Problems& problems, std::vector<Contact>& out);

}  // namespace portal::detail
