// The value types of the product: catalog, book, application.
// Plain structs, no behaviour beyond lookups; JSON conversion lives in json_io.hpp,
// rules in eligibility.hpp / governance.hpp, changes in actions.hpp.
//
// Every record keeps the JSON members it does not know in `extra`, so a file written by a
// newer tool survives a round trip through this one (PRODUCT.md: unknown fields are kept).
// `extra` defaults to null, read as "no unknown members" everywhere (json_reader.hpp's
// start_with): an empty object would cost an allocation per record on a 500,000-invoice book.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/date.hpp"
#include "core/money.hpp"

namespace portal {

using Json = nlohmann::json;

// One problem found in an input document: where (JSON Pointer, "" for the root) and what.
struct Problem {
    std::string pointer;
    std::string message;
    friend bool operator==(const Problem& a, const Problem& b) {
        return a.pointer == b.pointer && a.message == b.message;
    }
};
using Problems = std::vector<Problem>;

// ---------------------------------------------------------------------------------------------
// [SECTION] Catalog (schema "portal-catalog/1")
// ---------------------------------------------------------------------------------------------

struct OrgType {
    std::string id;
    std::string label;
    bool commercial = false;
    Json extra;  // null or an object; null means none (no allocation per record)
};

// How a benefit turns into an estimated saving for an applicant: `amount` (minor units, catalog
// currency) per unit of usage. `per` names the usage field: "conference_attendee" or
// "training_seat". These are assumptions (the seed gives no discount sizes) and say so in `note`.
struct SavingsEstimate {
    std::string per;
    std::int64_t amount = 0;
    std::string note;
};

struct Benefit {
    std::string id;
    std::string label;        // the seed's wording
    std::string seed_quote;   // the sentence of the seed it comes from (may equal label)
    std::optional<SavingsEstimate> savings;
    Json extra;  // null or an object; null means none (no allocation per record)
};

enum class TrcMode { None, Nominate, Seat };

struct TierRights {
    bool ec_vote = false;
    bool ec_seat = false;
    bool oc_seat = false;
    TrcMode trc = TrcMode::None;
};

struct Tier {
    std::string id;
    std::string label;
    std::int64_t annual_fee = 0;  // minor units, catalog currency
    std::vector<std::string> benefits;
    TierRights rights;
    std::string summary;
    Json extra;  // null or an object; null means none (no allocation per record)
};

struct Fraction {
    std::int64_t num = 1;
    std::int64_t den = 2;
};

// How a mid-year joiner's first invoice is computed.
//   "none":      the full annual fee whatever the start date;
//   "monthly":   fee * remaining months (the joining month counts) / 12;
//   "quarterly": fee * remaining quarters (the joining quarter counts) / 4.
// Rounded half away from zero to the minor unit (scale_rounded).
struct ProrationPolicy {
    std::string mode = "monthly";
};

struct Rules {
    int ec_commercial_seat_cap = 3;
    Fraction associate_trc_share{1, 2};  // ceil(associates * num / den)
    int grace_days = 90;                 // days after an invoice's due date before rights lapse
    Json extra;  // null or an object; null means none (no allocation per record)
};

struct InvoicingSettings {
    std::string prefix = "IIIFC";        // IIIFC-2027-0001
    int payment_terms_days = 30;         // due = issued + terms
    ProrationPolicy proration;
    std::vector<int> reminder_days{14, 30, 60};  // days past due: first, second, final notice
    Json extra;  // null or an object; null means none (no allocation per record)
};

struct ConsortiumDetails {
    std::string name;
    std::string address;
    std::string email;          // admin@iiif.io: join requests go here
    std::string payment_instructions;
    Json extra;  // null or an object; null means none (no allocation per record)
};

struct Catalog {
    std::string currency = "USD";
    ConsortiumDetails consortium;
    std::vector<OrgType> org_types;
    std::vector<Benefit> benefits;
    std::vector<Tier> tiers;
    Rules rules;
    InvoicingSettings invoicing;
    Json extra;  // null or an object; null means none (no allocation per record)

    const OrgType* find_type(const std::string& id) const;
    const Benefit* find_benefit(const std::string& id) const;
    const Tier* find_tier(const std::string& id) const;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Book (schema "portal-book/1")
// ---------------------------------------------------------------------------------------------

struct Contact {
    std::string name;
    std::string email;
    std::string role;
    Json extra;  // null or an object; null means none (no allocation per record)
};

struct Organisation {
    std::string id;
    std::string name;
    std::string type;                       // OrgType id
    std::optional<bool> commercial;         // overrides the type's flag when set
    std::string country;                    // ISO 3166-1 alpha-2
    std::optional<std::string> tier;        // nullopt: not a member
    std::optional<Date> member_since;
    std::optional<Date> cancelled_on;       // membership ends on this date
    bool listed = false;                    // in the public directory
    std::vector<Contact> contacts;          // private
    std::string notes;                      // private
    std::string updated;                    // ISO timestamp of the last change (merge by update time)
    Json extra;  // null or an object; null means none (no allocation per record)
};

struct Seat {
    std::string id;
    std::string org;
    std::string person;
    Date term_start;
    std::optional<Date> term_end;           // nullopt: open-ended
    Json extra;  // null or an object; null means none (no allocation per record)
};

enum class Committee { EC, OC, TRC };

struct Committees {
    std::vector<Seat> ec, oc, trc;
    const std::vector<Seat>& of(Committee c) const { return c == Committee::EC ? ec : c == Committee::OC ? oc : trc; }
    std::vector<Seat>& of(Committee c) { return c == Committee::EC ? ec : c == Committee::OC ? oc : trc; }
};

struct InvoiceLine {
    std::string description;
    std::int64_t amount = 0;                // minor units, may not be negative
    Json extra;  // null or an object; null means none (no allocation per record)
};

// The stored lifecycle of an invoice. Paid, partly paid and overdue are derived from payments
// and dates (invoices.hpp), never stored; on reading they are accepted as "sent".
enum class InvoiceState { Draft, Sent, Void };

struct Invoice {
    std::string id;
    std::string number;                     // IIIFC-2027-0001
    std::string org;
    Date issued;
    Date due;
    std::string currency;
    std::vector<InvoiceLine> lines;
    InvoiceState state = InvoiceState::Sent;
    std::optional<int> membership_year;     // set on membership invoices (renewals, joins)
    std::optional<std::string> tier;        // the tier invoiced, for revenue by tier
    std::vector<std::string> reminders_sent; // reminder stages already sent (reminders.hpp), in order
    Json extra;  // null or an object; null means none (no allocation per record)
};

struct Payment {
    std::string id;
    std::string invoice;
    Date date;
    std::int64_t amount = 0;                // minor units in the invoice's currency
    std::string method;
    Json extra;  // null or an object; null means none (no allocation per record)
};

enum class Stage { Identified, Contacted, Interested, Applied, Joined, Declined };

struct Prospect {
    std::string id;
    std::string name;
    std::string type;
    std::string country;
    Stage stage = Stage::Identified;
    std::optional<std::string> expected_tier;
    double probability = 0.0;               // 0..1
    std::string next_action;
    std::optional<Date> next_action_date;
    std::string notes;
    Json application;                       // the portal-application/1 it came from, if any (null otherwise)
    Json extra;  // null or an object; null means none (no allocation per record)
};

struct AuditEntry {
    std::int64_t seq = 0;
    std::string at;                         // ISO 8601 timestamp, UTC
    std::string who;
    std::string summary;
    Json action;                            // the action as applied
};

struct Book {
    std::vector<Organisation> organisations;
    Committees committees;
    std::vector<Invoice> invoices;
    std::vector<Payment> payments;
    std::vector<Prospect> prospects;
    std::vector<AuditEntry> audit;
    Json extra;  // null or an object; null means none (no allocation per record)
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Application (schema "portal-application/1")
// ---------------------------------------------------------------------------------------------

struct Usage {
    std::int64_t conference_attendees = 0;
    std::int64_t training_seats = 0;
};

struct Application {
    std::string name;
    std::string type;
    std::optional<bool> commercial;
    std::string country;
    Usage usage;
    std::vector<std::string> interests;     // "ec_seat", "oc_seat", "trc_seat", "ec_vote", "community_groups"
    std::optional<std::string> tier;        // the tier applied for, if chosen
    std::string contact_name;
    std::string contact_email;
    Json extra;  // null or an object; null means none (no allocation per record)
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Small shared helpers
// ---------------------------------------------------------------------------------------------

const char* to_string(TrcMode m);
const char* to_string(Committee c);
const char* to_string(InvoiceState s);
const char* to_string(Stage s);
std::optional<TrcMode> trc_mode_from(const std::string& s);
std::optional<Committee> committee_from(const std::string& s);
std::optional<InvoiceState> invoice_state_from(const std::string& s);
std::optional<Stage> stage_from(const std::string& s);

// Whether an organisation counts as commercial: its override, else its type's flag.
bool is_commercial(const Organisation& org, const Catalog& catalog);

// ISO 3166-1 alpha-2 shape check (two upper-case letters).
bool is_country_code(const std::string& code);

}  // namespace portal
