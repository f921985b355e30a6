// Payment reminders (docs/documents.md "Reminders"): which member gets which reminder on a date,
// as ready-to-send email drafts, each sent at most once per (invoice, stage).
//
// Stages: "renewal" (a membership invoice was sent and is not yet due: a courtesy notice), then,
// after the due date, one stage per catalog invoicing.reminder_days entry (days past due):
// "first", "second", ... and the last one "final". On a date only the latest stage reached is
// drafted (a missed earlier stage is not sent late), and never a stage already recorded on the
// invoice (Invoice::reminders_sent, set by the "reminder.record" action) or an earlier one.
// The core writes drafts and messages; the shell sends them and records what it sent.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/book_index.hpp"
#include "core/model.hpp"

namespace portal {

struct ReminderStage {
    std::string id;     // "renewal", "first", "second", "reminder-3", "final"
    std::string label;  // "Renewal notice", "First reminder", ...
    int days = 0;       // days past due when it starts (renewal: 0, it comes before)
};
// "renewal" followed by the overdue stages of the catalog, in order.
std::vector<ReminderStage> reminder_stages(const Catalog& catalog);

struct EmailAddress {
    std::string name;
    std::string email;
};

struct ReminderDraft {
    std::string invoice;         // invoice id
    std::string number;
    std::string org;
    std::string org_name;
    std::string stage;           // a ReminderStage id
    int days_past_due = 0;       // 0 for a renewal notice
    Date due;
    std::int64_t amount_due = 0; // minor units
    std::string currency;
    std::vector<EmailAddress> to;
    std::string subject;
    std::string body;            // plain text, LF line ends
};

struct ReminderSkip {
    std::string invoice;
    std::string org;
    std::string reason;
};

struct ReminderPlan {
    Date on;
    std::vector<ReminderDraft> drafts;  // book order of the invoices
    std::vector<ReminderSkip> skipped;  // reminders due but not draftable (no contact email)
};

ReminderPlan plan_reminders(const Catalog& catalog, const Book& book, Date on);
// The same with the book's index (book_index.hpp), kept with the book or built for it.
ReminderPlan plan_reminders(const Catalog& catalog, const Book& book, Date on, const BookIndex& index);
// {"on", "drafts": [{invoice, number, org, org_name, stage, days_past_due, due, amount_due,
//  currency, to: [{name, email}], subject, body, mailto}], "skipped": [{invoice, org, reason}]}
Json reminder_plan_to_json(const ReminderPlan& plan);

// {"type": "reminder.record", "invoice": id, "stage": stage}: what to apply once a draft is sent.
Json reminder_record_action(const ReminderDraft& draft);

// [SECTION] Email encoding

// A plausible single address: one '@', something each side, no space, control or <>(),;:"[]\.
bool is_plain_email(std::string_view email);
// RFC 2047 "B" encoded-words (UTF-8) when `text` is not plain printable ASCII, else `text`;
// encoded-words are at most 75 characters, separated by CRLF SP (header folding).
std::string encode_header_text(std::string_view text);
// "Name <a@b>" with the name quoted or encoded as needed; "a@b" when the name is empty.
std::string format_address(const EmailAddress& a);
// A whole RFC 5322 message (CRLF line ends): From (the consortium), To, Subject, Date (09:00 UTC
// on `on`), a deterministic Message-ID, MIME-Version, text/plain; charset=utf-8, 8bit body.
// CR and LF in any header value are replaced by spaces (no header injection).
std::string eml_message(const ReminderDraft& draft, const ConsortiumDetails& from, Date on);
// "Sun, 22 Nov 2026 09:00:00 +0000"
std::string rfc5322_date(Date on);

// RFC 3986 percent-encoding of UTF-8 bytes; only A-Z a-z 0-9 - . _ ~ stay as they are.
std::string percent_encode(std::string_view text);
// RFC 6068 mailto: URL with to (comma-separated), subject and body (line ends as %0D%0A).
std::string mailto_url(const std::vector<EmailAddress>& to, std::string_view subject, std::string_view body);

}  // namespace portal
