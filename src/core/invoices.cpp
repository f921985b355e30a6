#include "core/invoices.hpp"

#include <cstdio>
#include <string_view>

#include "core/status.hpp"

namespace portal {

// [SECTION] Numbering --------------------------------------------------------------------------

namespace {

// printf's "%04d" by hand: a renewal run formats 100,000 numbers, and snprintf was most of it.
void append_padded(std::string& out, int v) {
    if (v < 0) {  // never for real numbers; kept exactly as printf writes it
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d", v);
        out += buf;
        return;
    }
    char digits[12];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v > 0);
    while (n < 4) digits[n++] = '0';
    while (n > 0) out += digits[--n];
}

}  // namespace

std::string format_invoice_number(const std::string& prefix, int year, int seq) {
    std::string out;
    out.reserve(prefix.size() + 12);
    out += prefix;
    out += '-';
    append_padded(out, year);
    out += '-';
    append_padded(out, seq);
    return out;
}

namespace {

// "<prefix>-<year>-": what every number of that year starts with.
std::string number_head(const std::string& prefix, int year) {
    std::string head = format_invoice_number(prefix, year, 0);
    head.resize(head.size() - 4);
    return head;
}

std::optional<int> seq_after(std::string_view number, std::string_view head) {
    if (number.size() <= head.size() || number.compare(0, head.size(), head) != 0) return std::nullopt;
    long long seq = 0;
    for (std::size_t i = head.size(); i < number.size(); ++i) {
        char c = number[i];
        if (c < '0' || c > '9' || seq > 100000000) return std::nullopt;
        seq = seq * 10 + (c - '0');
    }
    return static_cast<int>(seq);
}

}  // namespace

std::optional<int> invoice_number_seq(const std::string& number, const std::string& prefix, int year) {
    return seq_after(number, number_head(prefix, year));
}

std::string InvoiceNumberer::next(int year) {
    for (auto& [y, last] : last_)
        if (y == year) return format_invoice_number(prefix_, year, ++last);
    // First number for this year: continue after the highest one in the book (void included).
    // One scan per year asked about, the head built once (not per invoice).
    const std::string head = number_head(prefix_, year);
    int last = 0;
    for (const Invoice& inv : book_.invoices)
        if (auto seq = seq_after(inv.number, head); seq && *seq > last) last = *seq;
    last_.emplace_back(year, last + 1);
    return format_invoice_number(prefix_, year, last + 1);
}

// [SECTION] Membership fees --------------------------------------------------------------------

std::int64_t prorated_fee(std::int64_t annual_fee, const ProrationPolicy& policy, Date start, int year) {
    if (start.year() != year) return annual_fee;
    const int month = static_cast<int>(start.month());
    if (policy.mode == "monthly") return scale_rounded(annual_fee, 12 - (month - 1), 12);
    if (policy.mode == "quarterly") return scale_rounded(annual_fee, 4 - (month - 1) / 3, 4);
    return annual_fee;  // "none", or a mode this version does not know
}

Invoice make_membership_invoice(const Organisation& org, const Tier& tier, const Catalog& catalog, int year,
                                Date issued, std::optional<Date> start, InvoiceNumberer& numbers) {
    Invoice inv;
    inv.number = numbers.next(issued.year());
    inv.id.reserve(4 + inv.number.size());
    inv.id += "inv-";
    inv.id += inv.number;
    inv.org = org.id;
    inv.issued = issued;
    inv.due = issued.add_days(catalog.invoicing.payment_terms_days);
    inv.currency = catalog.currency;
    inv.state = InvoiceState::Sent;
    inv.membership_year = year;
    inv.tier = tier.id;
    InvoiceLine line;
    line.description = (tier.label.empty() ? tier.id : tier.label) + " " + std::to_string(year);
    line.amount = tier.annual_fee;
    if (start && start->year() == year) {
        line.amount = prorated_fee(tier.annual_fee, catalog.invoicing.proration, *start, year);
        if (line.amount != tier.annual_fee) line.description += " (prorated from " + start->iso().substr(0, 7) + ")";
    }
    inv.lines.push_back(std::move(line));
    return inv;
}

// [SECTION] Renewals ---------------------------------------------------------------------------

RenewalPlan plan_renewal(const Book& book, const Catalog& catalog, int year, Date on) {
    return plan_renewal(book, catalog, year, on, index_book(book));
}

RenewalPlan plan_renewal(const Book& book, const Catalog& catalog, int year, Date on, const BookIndex& index) {
    RenewalPlan plan;
    plan.year = year;
    plan.on = on;
    plan.currency = catalog.currency;
    const Date year_end = Date::from_ymd(year, 12, 31);
    InvoiceNumberer numbers(book, catalog.invoicing.prefix);
    std::size_t members = 0;
    for (const Organisation& org : book.organisations) members += org.tier.has_value();
    const bool unique_ids = index.org_by_id.size() == book.organisations.size();
    plan.invoices.reserve(members);  // no reallocation moving the invoices made so far
    IdSet planned_ids;

    for (std::size_t o = 0; o < book.organisations.size(); ++o) {
        const Organisation& org = book.organisations[o];
        if (!org.tier) continue;  // not a member: not listed as skipped either
        auto skip = [&](std::string reason) { plan.skipped.push_back({org.id, std::move(reason)}); };
        // The first record with this id is indexed (with no repeated id, every record is a first).
        if (!unique_ids && index.org_by_id.find(org.id)->second != o) {
            skip("duplicate id");
            continue;
        }
        const Tier* tier = catalog.find_tier(*org.tier);
        if (!tier) {
            skip("tier '" + *org.tier + "' is not in the catalog");
            continue;
        }
        if (org.cancelled_on) {
            skip("cancelled (" + org.cancelled_on->iso() + ")");
            continue;
        }
        if (org.member_since && *org.member_since > year_end) {
            skip("joins after " + std::to_string(year));
            continue;
        }
        const Invoice* existing = nullptr;
        for (std::size_t i : index.invoices_by_org[o]) {
            const Invoice& inv = book.invoices[i];
            if (inv.state != InvoiceState::Void && inv.membership_year == year) existing = &inv;
        }
        if (existing) {
            skip("already invoiced (" + existing->number + ")");
            continue;
        }
        MembershipStatus st = membership_status(org, book, index, catalog, on);
        if (st == MembershipStatus::Lapsed) {
            skip("lapsed");
            continue;
        }
        Invoice inv = make_membership_invoice(org, *tier, catalog, year, on, org.member_since, numbers);
        if (!inv.due.in_range()) {
            skip("the due date would be after " + Date::max().iso());
            continue;
        }
        // "inv-<number>" unless a record (or an earlier invoice of this plan) already has that id,
        // as in a book whose ids do not follow its numbers.
        if (index.invoice_by_id.count(inv.id) || planned_ids.count(inv.id)) {
            const std::string base = inv.id;
            for (int n = 2; index.invoice_by_id.count(inv.id) || planned_ids.count(inv.id); ++n)
                inv.id = base + "-" + std::to_string(n);
        }
        planned_ids.insert(inv.id);
        plan.total = saturating_add(plan.total, invoice_total(inv));
        plan.invoices.push_back(std::move(inv));
    }
    return plan;
}

Json renewal_plan_to_json(const RenewalPlan& plan) {
    Json invoices = Json::array();
    for (const Invoice& inv : plan.invoices)
        invoices.push_back({{"id", inv.id},
                            {"number", inv.number},
                            {"org", inv.org},
                            {"tier", inv.tier.value_or("")},
                            {"issued", inv.issued.iso()},
                            {"due", inv.due.iso()},
                            {"amount", invoice_total(inv)},
                            {"description", inv.lines.empty() ? "" : inv.lines[0].description}});
    Json skipped = Json::array();
    for (const RenewalSkip& s : plan.skipped) skipped.push_back({{"org", s.org}, {"reason", s.reason}});
    return {{"year", plan.year},     {"on", plan.on.iso()},         {"currency", plan.currency},
            {"created", plan.invoices.size()}, {"total", plan.total}, {"invoices", std::move(invoices)},
            {"skipped", std::move(skipped)}};
}

// [SECTION] Invoice listing --------------------------------------------------------------------

Json invoices_to_json(const Book& book, Date on, bool overdue_only) {
    const BookIndex index = index_book(book);
    Json list = Json::array();
    for (const Invoice& inv : book.invoices) {
        InvoiceStatus st = invoice_status(inv, index, on);
        if (overdue_only && st != InvoiceStatus::Overdue) continue;
        const IdIndex::Entry* org = index.org_by_id.find(inv.org);
        Json j = {{"id", inv.id},
                  {"number", inv.number},
                  {"org", inv.org},
                  {"org_name", org == index.org_by_id.end() ? "" : book.organisations[org->second].name},
                  {"issued", inv.issued.iso()},
                  {"due", inv.due.iso()},
                  {"currency", inv.currency},
                  {"total", invoice_total(inv)},
                  {"paid", invoice_paid_as_of(inv, index, on)},
                  {"outstanding", st == InvoiceStatus::Void ? 0 : invoice_outstanding(inv, index, on)},
                  {"status", to_string(st)},
                  {"days_overdue", st == InvoiceStatus::Overdue ? days_between(inv.due, on) : 0}};
        if (inv.membership_year) j["membership_year"] = *inv.membership_year;
        if (inv.tier) j["tier"] = *inv.tier;
        list.push_back(std::move(j));
    }
    return {{"on", on.iso()}, {"invoices", std::move(list)}};
}

}  // namespace portal
