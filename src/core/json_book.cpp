// portal-book/1: the staff membership book (docs/formats.md#book).
#include <unordered_map>
#include <unordered_set>

#include "core/json_common.hpp"
#include "core/json_book_records.hpp"
#include "core/json_text.hpp"

namespace portal {

using namespace jsonr;

namespace {

// [SECTION] Enumerations -----------------------------------------------------------------------

bool conv_invoice_state(Ctx& ctx, const Scalar& v, InvoiceState& out) {
    std::string s;
    if (!conv_string(ctx, v, s)) return false;
    if (auto st = invoice_state_from(s)) {
        out = *st;
        return true;
    }
    ctx.problem(quote(s) + " is not an invoice status (expected draft, sent, partly_paid, paid, overdue or void)");
    return false;
}

bool conv_stage(Ctx& ctx, const Scalar& v, Stage& out) {
    std::string s;
    if (!conv_string(ctx, v, s)) return false;
    if (auto st = stage_from(s)) {
        out = *st;
        return true;
    }
    ctx.problem(quote(s) +
                " is not a pipeline stage (expected identified, contacted, interested, applied, joined or declined)");
    return false;
}

// [SECTION] Field tables -----------------------------------------------------------------------

const Spec<Contact>& contact_spec() {
    static const Spec<Contact> s = [] {
        Spec<Contact> s;
        add_scalar(s, "name", true, &Contact::name, conv_id, kId);
        add_scalar(s, "email", false, &Contact::email, conv_email, kStr);
        add_scalar(s, "role", false, &Contact::role, conv_string, kStr);
        s.extra = &Contact::extra;
        return s;
    }();
    return s;
}

void finish_org(Ctx& ctx, Organisation& o, const ObjectFrame<Organisation>& f) {
    if (f.ok("member_since") && f.ok("cancelled_on") && o.member_since && o.cancelled_on &&
        *o.cancelled_on < *o.member_since)
        ctx.problem_member("cancelled_on", "membership is cancelled (" + o.cancelled_on->iso() + ") before it starts (" +
                                               o.member_since->iso() + ")");
}

const Spec<Organisation>& organisation_spec() {
    static const Spec<Organisation> s = [] {
        Spec<Organisation> s;
        add_scalar(s, "id", true, &Organisation::id, conv_id, kId);
        add_scalar(s, "name", true, &Organisation::name, conv_id, kId);
        add_scalar(s, "type", true, &Organisation::type, conv_id, kId);
        add_scalar(s, "commercial", false, &Organisation::commercial, conv_bool, kBool, true);
        add_scalar(s, "country", true, &Organisation::country, conv_country, kCode);
        add_scalar(s, "tier", false, &Organisation::tier, conv_id, kId, true);
        add_scalar(s, "member_since", false, &Organisation::member_since, conv_date, kDate, true);
        add_scalar(s, "cancelled_on", false, &Organisation::cancelled_on, conv_date, kDate, true);
        add_scalar(s, "listed", false, &Organisation::listed, conv_bool, kBool);
        s.add<ArrayField<Organisation, Contact>>("contacts", false, &Organisation::contacts, contact_spec);
        add_scalar(s, "notes", false, &Organisation::notes, conv_string, kStr);
        add_scalar(s, "updated", false, &Organisation::updated, conv_string, kStr);
        s.extra = &Organisation::extra;
        s.finish = finish_org;
        return s;
    }();
    return s;
}

void finish_seat(Ctx& ctx, Seat& seat, const ObjectFrame<Seat>& f) {
    if (f.ok("term_start") && f.ok("term_end") && seat.term_end && *seat.term_end < seat.term_start)
        ctx.problem_member("term_end", "the term ends (" + seat.term_end->iso() + ") before it starts (" +
                                           seat.term_start.iso() + ")");
}

const Spec<Seat>& seat_spec() {
    static const Spec<Seat> s = [] {
        Spec<Seat> s;
        add_scalar(s, "id", false, &Seat::id, conv_id, kId);
        add_scalar(s, "org", true, &Seat::org, conv_id, kId);
        add_scalar(s, "person", true, &Seat::person, conv_id, kId);
        add_scalar(s, "term_start", true, &Seat::term_start, conv_date, kDate);
        add_scalar(s, "term_end", false, &Seat::term_end, conv_date, kDate, true);
        s.extra = &Seat::extra;
        s.finish = finish_seat;
        return s;
    }();
    return s;
}

const Spec<Committees>& committees_spec() {
    static const Spec<Committees> s = [] {
        Spec<Committees> s;
        s.add<ArrayField<Committees, Seat>>("ec", false, &Committees::ec, seat_spec);
        s.add<ArrayField<Committees, Seat>>("oc", false, &Committees::oc, seat_spec);
        s.add<ArrayField<Committees, Seat>>("trc", false, &Committees::trc, seat_spec);
        return s;  // no `extra`: an unknown committee is refused, not kept
    }();
    return s;
}

const Spec<InvoiceLine>& line_spec() {
    static const Spec<InvoiceLine> s = [] {
        Spec<InvoiceLine> s;
        add_scalar(s, "description", true, &InvoiceLine::description, conv_id, kId);
        add_scalar(s, "amount", true, &InvoiceLine::amount, conv_money, kMoney);
        s.extra = &InvoiceLine::extra;
        return s;
    }();
    return s;
}

void finish_invoice(Ctx& ctx, Invoice& inv, const ObjectFrame<Invoice>& f) {
    if (f.ok("issued") && f.ok("due") && inv.due < inv.issued)
        ctx.problem_member("due", "the due date (" + inv.due.iso() + ") is before the issue date (" + inv.issued.iso() +
                                      ")");
}

const Spec<Invoice>& invoice_spec() {
    static const Spec<Invoice> s = [] {
        Spec<Invoice> s;
        add_scalar(s, "id", true, &Invoice::id, conv_id, kId);
        add_scalar(s, "number", true, &Invoice::number, conv_id, kId);
        add_scalar(s, "org", true, &Invoice::org, conv_id, kId);
        add_scalar(s, "issued", true, &Invoice::issued, conv_date, kDate);
        add_scalar(s, "due", true, &Invoice::due, conv_date, kDate);
        add_scalar(s, "currency", true, &Invoice::currency, conv_currency, kCode);
        s.add<ArrayField<Invoice, InvoiceLine>>("lines", true, &Invoice::lines, line_spec);
        add_scalar(s, "status", false, &Invoice::state, conv_invoice_state, kStr);
        add_scalar(s, "membership_year", false, &Invoice::membership_year, conv_int, kInt, true);
        add_scalar(s, "tier", false, &Invoice::tier, conv_id, kId, true);
        s.add<ScalarArrayField<Invoice, std::string>>("reminders_sent", false, &Invoice::reminders_sent, conv_id,
                                                      "reminder stages");
        s.extra = &Invoice::extra;
        s.finish = finish_invoice;
        return s;
    }();
    return s;
}

const Spec<Payment>& payment_spec() {
    static const Spec<Payment> s = [] {
        Spec<Payment> s;
        add_scalar(s, "id", true, &Payment::id, conv_id, kId);
        add_scalar(s, "invoice", true, &Payment::invoice, conv_id, kId);
        add_scalar(s, "date", true, &Payment::date, conv_date, kDate);
        add_scalar(s, "amount", true, &Payment::amount, conv_positive_money, kMoney);
        add_scalar(s, "method", false, &Payment::method, conv_string, kStr);
        s.extra = &Payment::extra;
        return s;
    }();
    return s;
}

const Spec<Prospect>& prospect_spec() {
    static const Spec<Prospect> s = [] {
        Spec<Prospect> s;
        add_scalar(s, "id", true, &Prospect::id, conv_id, kId);
        add_scalar(s, "name", true, &Prospect::name, conv_id, kId);
        add_scalar(s, "type", true, &Prospect::type, conv_id, kId);
        add_scalar(s, "country", false, &Prospect::country, conv_country, kCode);
        add_scalar(s, "stage", true, &Prospect::stage, conv_stage, kStr);
        add_scalar(s, "expected_tier", false, &Prospect::expected_tier, conv_id, kId, true);
        add_scalar(s, "probability", false, &Prospect::probability, conv_probability, "a number between 0 and 1");
        add_scalar(s, "next_action", false, &Prospect::next_action, conv_string, kStr);
        add_scalar(s, "next_action_date", false, &Prospect::next_action_date, conv_date, kDate, true);
        add_scalar(s, "notes", false, &Prospect::notes, conv_string, kStr);
        s.add<JsonField<Prospect>>("application", false, &Prospect::application);
        s.extra = &Prospect::extra;
        return s;
    }();
    return s;
}

const Spec<AuditEntry>& audit_spec() {
    static const Spec<AuditEntry> s = [] {
        Spec<AuditEntry> s;
        add_scalar(s, "seq", true, &AuditEntry::seq, conv_count, kInt);
        add_scalar(s, "at", true, &AuditEntry::at, conv_id, kId);
        add_scalar(s, "who", true, &AuditEntry::who, conv_string, kStr);
        add_scalar(s, "summary", true, &AuditEntry::summary, conv_string, kStr);
        s.add<JsonField<AuditEntry>>("action", false, &AuditEntry::action);
        return s;  // no `extra` in AuditEntry: unknown members are refused
    }();
    return s;
}

const Spec<Book>& book_spec() {
    static const Spec<Book> s = [] {
        Spec<Book> s;
        s.add<SchemaField<Book>>(kBookSchema);
        s.add<ArrayField<Book, Organisation>>("organisations", false, &Book::organisations, organisation_spec);
        s.add<ObjectField<Book, Committees, Committees>>("committees", false, &Book::committees, committees_spec);
        s.add<ArrayField<Book, Invoice>>("invoices", false, &Book::invoices, invoice_spec);
        s.add<ArrayField<Book, Payment>>("payments", false, &Book::payments, payment_spec);
        s.add<ArrayField<Book, Prospect>>("prospects", false, &Book::prospects, prospect_spec);
        s.add<ArrayField<Book, AuditEntry>>("audit", false, &Book::audit, audit_spec);
        s.extra = &Book::extra;
        return s;
    }();
    return s;
}

// [SECTION] Cross-record checks: references into the catalog and the book, duplicates --------

void check_catalog_ref(Ctx& ctx, bool found, const std::string& value, const char* base, std::size_t i,
                       const char* member, const char* what) {
    if (!found && !value.empty())
        ctx.add(at(base, i, member), "unknown " + std::string(what) + " " + quote(value) + " (not in the catalog)");
}

// Seats without an id get "<committee>-<org>-<term_start>", made unique with "-2", "-3", ...
// in document order (ec, oc, trc), after every explicit id is taken.
void assign_seat_ids(Ctx& ctx, Book& b, IdRegistry& seats) {
    static const char* bases[] = {"/committees/ec", "/committees/oc", "/committees/trc"};
    Committee cs[] = {Committee::EC, Committee::OC, Committee::TRC};
    for (int c = 0; c < 3; ++c) {
        auto& list = b.committees.of(cs[c]);
        for (std::size_t i = 0; i < list.size(); ++i) seats.add(list[i].id, bases[c], i);
    }
    // Per base, the next suffix to try: 20,000 seats of one organisation from one date cost one
    // lookup each, not one per seat before them.
    std::unordered_map<std::string, int> next_suffix;
    for (int c = 0; c < 3; ++c) {
        auto& list = b.committees.of(cs[c]);
        for (std::size_t i = 0; i < list.size(); ++i) {
            Seat& seat = list[i];
            if (!seat.id.empty()) continue;
            std::string base = std::string(to_string(cs[c])) + "-" + seat.org + "-" + seat.term_start.iso();
            std::string id = base;
            auto [it, fresh] = next_suffix.try_emplace(base, 2);
            if (!fresh || seats.contains(id))
                for (int& n = it->second; seats.contains(id); ++n) id = base + "-" + std::to_string(n);
            seat.id = id;
            seats.add(seat.id, bases[c], i);
        }
    }
}

void check_book(Ctx& ctx, Book& b, const Catalog& cat) {
    IdRegistry orgs(ctx), seats(ctx), invoices(ctx), numbers(ctx, "number", "invoice number"), payments(ctx),
        prospects(ctx);
    orgs.reserve(b.organisations.size());
    for (std::size_t i = 0; i < b.organisations.size(); ++i) {
        const Organisation& o = b.organisations[i];
        orgs.add(o.id, "/organisations", i);
        check_catalog_ref(ctx, cat.find_type(o.type), o.type, "/organisations", i, "type", "organisation type");
        if (o.tier) check_catalog_ref(ctx, cat.find_tier(*o.tier), *o.tier, "/organisations", i, "tier", "tier");
    }

    assign_seat_ids(ctx, b, seats);
    static const char* bases[] = {"/committees/ec", "/committees/oc", "/committees/trc"};
    for (int c = 0; c < 3; ++c) {
        const auto& list = b.committees.of(static_cast<Committee>(c));
        for (std::size_t i = 0; i < list.size(); ++i)
            if (!list[i].org.empty() && !orgs.contains(list[i].org))
                ctx.add(at(bases[c], i, "org"), "unknown organisation " + quote(list[i].org) + " (not in /organisations)");
    }

    // Money: one currency per book (the catalog's), and the book-wide totals of money.hpp,
    // reported at the amount that passes them.
    invoices.reserve(b.invoices.size());
    numbers.reserve(b.invoices.size());
    std::int64_t invoiced = 0, paid = 0;
    bool invoiced_over = false, paid_over = false;
    for (std::size_t i = 0; i < b.invoices.size(); ++i) {
        const Invoice& inv = b.invoices[i];
        invoices.add(inv.id, "/invoices", i);
        numbers.add(inv.number, "/invoices", i);
        if (!inv.org.empty() && !orgs.contains(inv.org))
            ctx.add(at("/invoices", i, "org"), "unknown organisation " + quote(inv.org) + " (not in /organisations)");
        if (!inv.currency.empty() && inv.currency != cat.currency)
            ctx.add(at("/invoices", i, "currency"), quote(inv.currency) + " is not the book's currency " +
                                                         quote(cat.currency) + " (one currency per book: the catalog's)");
        if (inv.lines.empty() && !has_problem_at(ctx, at("/invoices", i, "lines")))
            ctx.add(at("/invoices", i, "lines"), "an invoice needs at least one line");
        if (inv.lines.size() > kMaxInvoiceLines)
            ctx.add(at("/invoices", i, "lines"), "has " + std::to_string(inv.lines.size()) +
                                                     " lines, more than the maximum of " + std::to_string(kMaxInvoiceLines));
        for (std::size_t k = 0; k < inv.lines.size() && !invoiced_over; ++k)
            if (!add_within(invoiced, inv.lines[k].amount)) {
                invoiced_over = true;
                ctx.add(at("/invoices", i, "lines") + "/" + std::to_string(k) + "/amount",
                        "brings the book's invoiced total over its maximum of " + format_decimal(kMaxBookTotal));
            }
    }

    payments.reserve(b.payments.size());
    for (std::size_t i = 0; i < b.payments.size(); ++i) {
        const Payment& p = b.payments[i];
        payments.add(p.id, "/payments", i);
        const std::size_t* owner = p.invoice.empty() ? nullptr : invoices.position(p.invoice);
        if (!p.invoice.empty() && !owner)
            ctx.add(at("/payments", i, "invoice"), "unknown invoice " + quote(p.invoice) + " (not in /invoices)");
        if (owner) {
            // The same rules as payment.record: sent invoices only, not before the issue date.
            const Invoice& inv = b.invoices[*owner];
            if (inv.state != InvoiceState::Sent)
                ctx.add(at("/payments", i, "invoice"), "invoice " + quote(inv.number) + " is " + to_string(inv.state) +
                                                           ": payments go on sent invoices only");
            else if (p.date < inv.issued && ctx.dropped == 0 && !has_problem_at(ctx, at("/payments", i, "date")))
                ctx.add(at("/payments", i, "date"), "the payment (" + p.date.iso() + ") is before its invoice was issued (" +
                                                        inv.issued.iso() + ")");
        }
        if (!paid_over && !add_within(paid, p.amount)) {
            paid_over = true;
            ctx.add(at("/payments", i, "amount"),
                    "brings the book's payments over their maximum total of " + format_decimal(kMaxBookTotal));
        }
    }

    for (std::size_t i = 0; i < b.prospects.size(); ++i) {
        const Prospect& p = b.prospects[i];
        prospects.add(p.id, "/prospects", i);
        check_catalog_ref(ctx, cat.find_type(p.type), p.type, "/prospects", i, "type", "organisation type");
        if (p.expected_tier)
            check_catalog_ref(ctx, cat.find_tier(*p.expected_tier), *p.expected_tier, "/prospects", i, "expected_tier",
                              "tier");
    }
}

// [SECTION] Writing ------------------------------------------------------------------------------

Json organisation_json(const Organisation& o) {
    Json j = start_with(o.extra);
    j["id"] = o.id;
    j["name"] = o.name;
    j["type"] = o.type;
    if (o.commercial) j["commercial"] = *o.commercial;
    j["country"] = o.country;
    j["tier"] = o.tier ? Json(*o.tier) : Json(nullptr);  // the contract says null for non-members
    if (o.member_since) j["member_since"] = o.member_since->iso();
    if (o.cancelled_on) j["cancelled_on"] = o.cancelled_on->iso();
    j["listed"] = o.listed;
    if (!o.contacts.empty()) {
        Json cs = Json::array();
        for (const Contact& c : o.contacts) {
            Json cj = start_with(c.extra);
            cj["name"] = c.name;
            if (!c.email.empty()) cj["email"] = c.email;
            if (!c.role.empty()) cj["role"] = c.role;
            cs.push_back(std::move(cj));
        }
        j["contacts"] = std::move(cs);
    }
    if (!o.notes.empty()) j["notes"] = o.notes;
    if (!o.updated.empty()) j["updated"] = o.updated;
    return j;
}

Json seat_json(const Seat& s) {
    Json j = start_with(s.extra);
    j["id"] = s.id;
    j["org"] = s.org;
    j["person"] = s.person;
    j["term_start"] = s.term_start.iso();
    if (s.term_end) j["term_end"] = s.term_end->iso();
    return j;
}

Json committees_json(const Committees& c) {
    Json j = Json::object();
    for (Committee k : {Committee::EC, Committee::OC, Committee::TRC}) {
        Json list = Json::array();
        for (const Seat& s : c.of(k)) list.push_back(seat_json(s));
        j[to_string(k)] = std::move(list);
    }
    return j;
}

Json invoice_json(const Invoice& inv) {
    Json j = start_with(inv.extra);
    j["id"] = inv.id;
    j["number"] = inv.number;
    j["org"] = inv.org;
    j["issued"] = inv.issued.iso();
    j["due"] = inv.due.iso();
    j["currency"] = inv.currency;
    Json lines = Json::array();
    for (const InvoiceLine& l : inv.lines) {
        Json lj = start_with(l.extra);
        lj["description"] = l.description;
        lj["amount"] = l.amount;
        lines.push_back(std::move(lj));
    }
    j["lines"] = std::move(lines);
    j["status"] = to_string(inv.state);
    if (inv.membership_year) j["membership_year"] = *inv.membership_year;
    if (inv.tier) j["tier"] = *inv.tier;
    if (!inv.reminders_sent.empty()) j["reminders_sent"] = inv.reminders_sent;
    return j;
}

Json payment_json(const Payment& p) {
    Json j = start_with(p.extra);
    j["id"] = p.id;
    j["invoice"] = p.invoice;
    j["date"] = p.date.iso();
    j["amount"] = p.amount;
    if (!p.method.empty()) j["method"] = p.method;
    return j;
}

Json prospect_json(const Prospect& p) {
    Json j = start_with(p.extra);
    j["id"] = p.id;
    j["name"] = p.name;
    j["type"] = p.type;
    if (!p.country.empty()) j["country"] = p.country;
    j["stage"] = to_string(p.stage);
    if (p.expected_tier) j["expected_tier"] = *p.expected_tier;
    j["probability"] = p.probability;
    if (!p.next_action.empty()) j["next_action"] = p.next_action;
    if (p.next_action_date) j["next_action_date"] = p.next_action_date->iso();
    if (!p.notes.empty()) j["notes"] = p.notes;
    if (!p.application.is_null()) j["application"] = p.application;
    return j;
}

Json audit_json(const AuditEntry& a) {
    Json j = Json::object();
    j["seq"] = a.seq;
    j["at"] = a.at;
    j["who"] = a.who;
    j["summary"] = a.summary;
    if (!a.action.is_null()) j["action"] = a.action;
    return j;
}

template <class T, class F>
Json array_json(const std::vector<T>& items, F f) {
    Json a = Json::array();
    for (const T& x : items) a.push_back(f(x));
    return a;
}

// [SECTION] Writing text directly ---------------------------------------------------------------
// The same bytes as safe_dump(book_to_json(b)) (tests/core/test_json_book_text.cpp compares them
// on random books), appended to one string with no DOM: members in ascending key order, merged
// with each record's unknown members by ObjectWriter.

using jsont::append_date;
using jsont::append_int;
using jsont::append_json;
using jsont::append_string;
using jsont::ObjectWriter;

template <class T, class F>
void write_array(std::string& out, const std::vector<T>& items, F f) {
    out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ',';
        f(out, items[i]);
    }
    out += ']';
}

void write_plain_string(std::string& out, const std::string& s) { append_string(out, s); }

void write_contact(std::string& out, const Contact& c) {
    ObjectWriter w(out, &c.extra);
    if (!c.email.empty()) append_string(w.key("email"), c.email);
    append_string(w.key("name"), c.name);
    if (!c.role.empty()) append_string(w.key("role"), c.role);
    w.close();
}

void write_line(std::string& out, const InvoiceLine& l) {
    ObjectWriter w(out, &l.extra);
    append_int(w.key("amount"), l.amount);
    append_string(w.key("description"), l.description);
    w.close();
}

void write_opt_string(std::string& out, const std::optional<std::string>& s) {
    if (s) append_string(out, *s);
    else out += "null";
}

void write_org(std::string& out, const Organisation& o) {
    ObjectWriter w(out, &o.extra);
    if (o.cancelled_on) append_date(w.key("cancelled_on"), *o.cancelled_on);
    if (o.commercial) w.key("commercial") += *o.commercial ? "true" : "false";
    if (!o.contacts.empty()) write_array(w.key("contacts"), o.contacts, write_contact);
    append_string(w.key("country"), o.country);
    append_string(w.key("id"), o.id);
    w.key("listed") += o.listed ? "true" : "false";
    if (o.member_since) append_date(w.key("member_since"), *o.member_since);
    append_string(w.key("name"), o.name);
    if (!o.notes.empty()) append_string(w.key("notes"), o.notes);
    write_opt_string(w.key("tier"), o.tier);  // the contract says null for non-members
    append_string(w.key("type"), o.type);
    if (!o.updated.empty()) append_string(w.key("updated"), o.updated);
    w.close();
}

void write_seat(std::string& out, const Seat& s) {
    ObjectWriter w(out, &s.extra);
    append_string(w.key("id"), s.id);
    append_string(w.key("org"), s.org);
    append_string(w.key("person"), s.person);
    if (s.term_end) append_date(w.key("term_end"), *s.term_end);
    append_date(w.key("term_start"), s.term_start);
    w.close();
}

void write_invoice(std::string& out, const Invoice& inv) {
    ObjectWriter w(out, &inv.extra);
    append_string(w.key("currency"), inv.currency);
    append_date(w.key("due"), inv.due);
    append_string(w.key("id"), inv.id);
    append_date(w.key("issued"), inv.issued);
    write_array(w.key("lines"), inv.lines, write_line);
    if (inv.membership_year) append_int(w.key("membership_year"), *inv.membership_year);
    append_string(w.key("number"), inv.number);
    append_string(w.key("org"), inv.org);
    if (!inv.reminders_sent.empty()) write_array(w.key("reminders_sent"), inv.reminders_sent, write_plain_string);
    append_string(w.key("status"), to_string(inv.state));
    if (inv.tier) append_string(w.key("tier"), *inv.tier);
    w.close();
}

void write_payment(std::string& out, const Payment& p) {
    ObjectWriter w(out, &p.extra);
    append_int(w.key("amount"), p.amount);
    append_date(w.key("date"), p.date);
    append_string(w.key("id"), p.id);
    append_string(w.key("invoice"), p.invoice);
    if (!p.method.empty()) append_string(w.key("method"), p.method);
    w.close();
}

void write_prospect(std::string& out, const Prospect& p) {
    ObjectWriter w(out, &p.extra);
    if (!p.application.is_null()) append_json(w.key("application"), p.application);
    if (!p.country.empty()) append_string(w.key("country"), p.country);
    if (p.expected_tier) append_string(w.key("expected_tier"), *p.expected_tier);
    append_string(w.key("id"), p.id);
    append_string(w.key("name"), p.name);
    if (!p.next_action.empty()) append_string(w.key("next_action"), p.next_action);
    if (p.next_action_date) append_date(w.key("next_action_date"), *p.next_action_date);
    if (!p.notes.empty()) append_string(w.key("notes"), p.notes);
    append_json(w.key("probability"), Json(p.probability));  // nlohmann's shortest double form
    append_string(w.key("stage"), to_string(p.stage));
    append_string(w.key("type"), p.type);
    w.close();
}

void write_audit(std::string& out, const AuditEntry& a) {
    ObjectWriter w(out, nullptr);
    if (!a.action.is_null()) append_json(w.key("action"), a.action);
    append_string(w.key("at"), a.at);
    append_int(w.key("seq"), a.seq);
    append_string(w.key("summary"), a.summary);
    append_string(w.key("who"), a.who);
    w.close();
}

// A size close above the text's, so the string grows once or not at all.
std::size_t estimate_size(const Book& b) {
    return 512 + b.organisations.size() * 700 + b.invoices.size() * 330 + b.payments.size() * 130 +
           b.prospects.size() * 300 + b.audit.size() * 300 +
           (b.committees.ec.size() + b.committees.oc.size() + b.committees.trc.size()) * 120;
}

}  // namespace

// [SECTION] Public API -------------------------------------------------------------------------

Read<Book> read_book(std::string_view text, const Catalog& catalog, const ReadLimits& limits) {
    return read_doc(text, nullptr, book_spec(), limits, [&](Ctx& ctx, Book& b) { check_book(ctx, b, catalog); });
}

Read<Book> book_from_json(const Json& doc, const Catalog& catalog) {
    return read_doc(std::string_view(), &doc, book_spec(), ReadLimits{},
                    [&](Ctx& ctx, Book& b) { check_book(ctx, b, catalog); });
}

Json book_to_json(const Book& b) {
    Json j = start_with(b.extra);
    j["schema"] = kBookSchema;
    j["organisations"] = array_json(b.organisations, organisation_json);
    j["committees"] = committees_json(b.committees);
    j["invoices"] = array_json(b.invoices, invoice_json);
    j["payments"] = array_json(b.payments, payment_json);
    j["prospects"] = array_json(b.prospects, prospect_json);
    j["audit"] = array_json(b.audit, audit_json);
    return j;
}

std::string write_book(const Book& b) {
    std::string out;
    out.reserve(estimate_size(b));
    ObjectWriter w(out, &b.extra);
    write_array(w.key("audit"), b.audit, write_audit);
    ObjectWriter cw(w.key("committees"), nullptr);
    write_array(cw.key("ec"), b.committees.ec, write_seat);
    write_array(cw.key("oc"), b.committees.oc, write_seat);
    write_array(cw.key("trc"), b.committees.trc, write_seat);
    cw.close();
    write_array(w.key("invoices"), b.invoices, write_invoice);
    write_array(w.key("organisations"), b.organisations, write_org);
    write_array(w.key("payments"), b.payments, write_payment);
    write_array(w.key("prospects"), b.prospects, write_prospect);
    append_string(w.key("schema"), kBookSchema);
    w.close();
    return out;
}

}  // namespace portal

// [SECTION] One record at a time (json_book_records.hpp) --------------------------------------

namespace portal {

namespace {
template <class R>
Read<R> read_record(const Json& doc, const Spec<R>& spec) {
    return read_doc(std::string_view(), &doc, spec, ReadLimits{}, [](Ctx&, R&) {});
}
}  // namespace

Json organisation_to_json(const Organisation& o) { return organisation_json(o); }
Json seat_to_json(const Seat& s) { return seat_json(s); }
Json invoice_to_json(const Invoice& i) { return invoice_json(i); }
Json payment_to_json(const Payment& p) { return payment_json(p); }
Json prospect_to_json(const Prospect& p) { return prospect_json(p); }
Json audit_to_json(const AuditEntry& a) { return audit_json(a); }

Read<Organisation> organisation_from_json(const Json& doc) { return read_record(doc, organisation_spec()); }
Read<Seat> seat_from_json(const Json& doc) { return read_record(doc, seat_spec()); }
Read<Invoice> invoice_from_json(const Json& doc) { return read_record(doc, invoice_spec()); }
Read<Payment> payment_from_json(const Json& doc) { return read_record(doc, payment_spec()); }
Read<Prospect> prospect_from_json(const Json& doc) { return read_record(doc, prospect_spec()); }

Problems check_book_references(Book& book, const Catalog& catalog) {
    Ctx ctx{ReadLimits{}};
    check_book(ctx, book, catalog);
    return ctx.finish_problems();
}

}  // namespace portal
