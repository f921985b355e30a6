// Invoice and payment actions: invoice.create, invoice.send, invoice.void, payment.record,
// renewal.run (docs/actions.md; numbering and proration in invoices.hpp).
#include <string_view>
#include <unordered_set>

#include "core/actions_internal.hpp"
#include "core/invoices.hpp"
#include "core/status.hpp"

namespace portal::detail {

namespace {

// By id, else by number (staff type numbers; tools use ids).
Invoice* find_invoice(Book& book, const std::string& key, const BookIndex* index) {
    if (index) {
        if (const IdIndex::Entry* e = index->invoice_by_id.find(key)) return &book.invoices[e->second];
    } else {
        for (Invoice& inv : book.invoices)
            if (inv.id == key) return &inv;
    }
    for (Invoice& inv : book.invoices)
        if (inv.number == key) return &inv;
    return nullptr;
}

// Every payment naming the invoice's id (with the index: those the index counted for the first
// invoice with that id, which are the same payments).
std::int64_t paid_so_far(const Book& book, const Invoice& inv, const BookIndex* index) {
    if (index) {
        const IdIndex::Entry* e = index->invoice_by_id.find(inv.id);
        return e ? index->paid_by_invoice[e->second] : 0;
    }
    std::int64_t paid = 0;
    for (const Payment& p : book.payments)
        if (p.invoice == inv.id) paid += p.amount;
    return paid;
}

void read_lines(const Json& value, Problems& problems, std::vector<InvoiceLine>& out) {
    if (!value.is_array() || value.empty()) {
        problems.push_back({"/lines", "must be a non-empty array of {description, amount}"});
        return;
    }
    if (value.size() > kMaxInvoiceLines) {
        problems.push_back({"/lines", "has " + std::to_string(value.size()) + " lines, more than the maximum of " +
                                          std::to_string(kMaxInvoiceLines)});
        return;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        const std::string here = "/lines/" + std::to_string(i);
        if (!value[i].is_object()) {
            problems.push_back({here, "must be an object {description, amount}"});
            continue;
        }
        Fields f(value[i], here, problems);
        InvoiceLine line;
        line.description = f.text("description", true).value_or("");
        line.amount = f.integer("amount", true, 0, kMaxAmount).value_or(0);
        f.reject_unknown();
        out.push_back(std::move(line));
    }
}

// "pay-<count + 1>", or the first free "pay-<count + 1>-<n>": one scan of the payments, then a
// set of the taken ids only when the first choice is taken (not one scan per candidate).
std::string next_payment_id(const Book& book) {
    const std::string base = "pay-" + std::to_string(book.payments.size() + 1);
    std::unordered_set<std::string_view> taken;
    bool base_taken = false;
    for (const Payment& q : book.payments) base_taken = base_taken || q.id == base;
    if (!base_taken) return base;
    taken.reserve(book.payments.size());
    for (const Payment& q : book.payments) taken.insert(q.id);
    return unique_id(base, [&](const std::string& x) { return taken.count(x) > 0; });
}

std::string money(std::int64_t amount, const std::string& currency) { return format_money({amount, currency}); }

}  // namespace

ApplyResult invoice_create(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                           const BookIndex* index) {
    Problems problems;
    Fields f(action, "", problems);
    f.has("type");
    std::optional<std::string> org_id = f.text("org", true);
    std::optional<Date> issued = f.date("issued", false);
    std::optional<Date> due = f.date("due", false);
    const Json* lines = f.raw("lines", false);
    std::optional<std::int64_t> year = f.integer("membership_year", false, 1900, 9999);
    std::optional<std::string> tier_id = f.text("tier", false);
    std::optional<std::string> state = f.text("state", false);
    f.reject_unknown();

    const Organisation* org = org_id ? find_org(book, *org_id, index) : nullptr;
    if (org_id && !org) f.problem("org", "no organisation '" + *org_id + "'");
    const Date issue_date = issued.value_or(ctx.today);
    std::optional<Date> default_due = issue_date.plus_days(catalog.invoicing.payment_terms_days);
    if (!due && !default_due)
        f.problem(issued ? "issued" : "type", "the due date (" + std::to_string(catalog.invoicing.payment_terms_days) +
                                                  " days later) would be after " + Date::max().iso());
    const Date due_date = due.value_or(default_due.value_or(Date::max()));
    if (due && *due < issue_date) f.problem("due", "is before the issue date " + issue_date.iso());
    if (state && *state != "draft" && *state != "sent") f.problem("state", "must be \"draft\" or \"sent\"");
    const Tier* tier = nullptr;
    if (tier_id) {
        tier = catalog.find_tier(*tier_id);
        if (!tier) f.problem("tier", "'" + *tier_id + "' is not a tier in the catalog");
    } else if (org && org->tier && year) {
        tier = catalog.find_tier(*org->tier);
    }
    if (year && org) {
        auto check = [&](const Invoice& inv) {
            if (inv.membership_year == *year && inv.state != InvoiceState::Void && inv.org == org->id)
                f.problem("membership_year", org->name + " already has invoice " + inv.number + " for " +
                                                 std::to_string(*year) + " (void it first to replace it)");
        };
        // With the index, the organisation's own invoices (every invoice naming its id), in book
        // order as the scan would meet them; the scan tests the cheap fields first.
        if (index) {
            for (std::uint32_t i : index->invoices_by_org[static_cast<std::size_t>(org - book.organisations.data())])
                check(book.invoices[i]);
        } else {
            for (const Invoice& inv : book.invoices) check(inv);
        }
    }
    std::vector<InvoiceLine> read;
    if (lines) read_lines(*lines, problems, read);
    else if (!year) f.problem("lines", "is required unless membership_year is given (then the tier's fee is invoiced)");
    else if (!tier && org) f.problem("tier", "is required: " + org->name + " has no tier to invoice");
    if (!problems.empty()) return rejected("invoice.create", std::move(problems));

    InvoiceNumberer numbers(book, catalog.invoicing.prefix);
    Invoice inv;
    if (!lines) {
        inv = make_membership_invoice(*org, *tier, catalog, static_cast<int>(*year), issue_date, org->member_since, numbers);
    } else {
        inv.number = numbers.next(issue_date.year());
        inv.lines = std::move(read);
        inv.org = org->id;
        inv.currency = catalog.currency;
        if (year) inv.membership_year = static_cast<int>(*year);
        if (tier) inv.tier = tier->id;
    }
    inv.id = unique_id("inv-" + inv.number, [&](const std::string& x) { return find_invoice(book, x, index) != nullptr; });
    inv.issued = issue_date;
    inv.due = due_date;
    inv.state = state.value_or("draft") == "sent" ? InvoiceState::Sent : InvoiceState::Draft;
    std::int64_t total = 0;
    for (const InvoiceLine& l : inv.lines) total += l.amount;  // at most 10^4 lines of kMaxAmount each
    if (std::string why = money_room(book, index, total, 0); !why.empty())
        return rejected("invoice.create", {{lines ? "/lines" : "/membership_year", "this invoice (" +
                                                                                    money(total, inv.currency) + ") " + why}});
    std::string summary = "Created invoice " + inv.number + " for " + org->name + ": " +
                          money(invoice_total(inv), inv.currency) + ", due " + inv.due.iso() + " (" +
                          to_string(inv.state) + ")";
    book.invoices.push_back(std::move(inv));
    return applied(summary);
}

ApplyResult invoice_send(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                         const BookIndex* index) {
    Problems problems;
    Fields f(action, "", problems);
    f.has("type");
    std::optional<std::string> key = f.text("invoice", true);
    f.reject_unknown();
    Invoice* inv = key ? find_invoice(book, *key, index) : nullptr;
    if (key && !inv) f.problem("invoice", "no invoice '" + *key + "'");
    else if (inv && inv->state != InvoiceState::Draft)
        f.problem("invoice", inv->number + " is " + to_string(inv->state) + ", only a draft can be sent");
    if (!problems.empty()) return rejected("invoice.send", std::move(problems));
    inv->state = InvoiceState::Sent;
    return applied("Sent invoice " + inv->number);
}

ApplyResult invoice_void(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                         const BookIndex* index) {
    Problems problems;
    Fields f(action, "", problems);
    f.has("type");
    std::optional<std::string> key = f.text("invoice", true);
    std::optional<std::string> reason = f.text("reason", false, true);
    f.reject_unknown();
    Invoice* inv = key ? find_invoice(book, *key, index) : nullptr;
    if (key && !inv) f.problem("invoice", "no invoice '" + *key + "'");
    else if (inv && inv->state == InvoiceState::Void) f.problem("invoice", inv->number + " is already void");
    else if (inv && paid_so_far(book, *inv, index) > 0)
        f.problem("invoice", inv->number + " has payments recorded (" + money(paid_so_far(book, *inv, index), inv->currency) +
                                 "): a paid invoice cannot be voided");
    if (!problems.empty()) return rejected("invoice.void", std::move(problems));
    inv->state = InvoiceState::Void;  // keeps its number: numbering has no gaps
    return applied("Voided invoice " + inv->number + (reason && !reason->empty() ? ": " + *reason : ""));
}

ApplyResult payment_record(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                           const BookIndex* index) {
    Problems problems;
    Fields f(action, "", problems);
    f.has("type");
    std::optional<std::string> key = f.text("invoice", true);
    std::optional<std::int64_t> amount = f.integer("amount", true, 1, kMaxAmount);
    std::optional<Date> date = f.date("date", false);
    std::optional<std::string> method = f.text("method", false, true);
    f.reject_unknown();
    Invoice* inv = key ? find_invoice(book, *key, index) : nullptr;
    const Date when = date.value_or(ctx.today);
    if (key && !inv) f.problem("invoice", "no invoice '" + *key + "'");
    else if (inv && inv->state != InvoiceState::Sent)
        f.problem("invoice", inv->number + " is " + to_string(inv->state) + ": payments go on sent invoices only");
    else if (inv && when < inv->issued)
        f.problem(date ? "date" : "invoice", "payment date " + when.iso() + " is before the invoice's issue date " + inv->issued.iso());
    if (inv && amount) {
        if (std::string why = money_room(book, index, 0, *amount); !why.empty()) f.problem("amount", why);
        else if (paid_so_far(book, *inv, index) > kMaxBookTotal - *amount) f.problem("amount", "is too large");
    }
    if (!problems.empty()) return rejected("payment.record", std::move(problems));

    Payment p;
    p.id = next_payment_id(book);
    p.invoice = inv->id;
    p.date = when;
    p.amount = *amount;
    p.method = method.value_or("");
    const std::int64_t paid = paid_so_far(book, *inv, index) + p.amount, total = invoice_total(*inv);
    std::string summary = "Recorded payment " + p.id + " of " + money(p.amount, inv->currency) + " on " + inv->number +
                          (paid > total   ? " (overpaid by " + money(paid - total, inv->currency) + ")"
                           : paid == total ? " (paid in full)"
                                           : " (" + money(total - paid, inv->currency) + " still due)");
    book.payments.push_back(std::move(p));
    return applied(summary);
}

ApplyResult renewal_run(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                        const BookIndex* index) {
    Problems problems;
    Fields f(action, "", problems);
    f.has("type");
    std::optional<std::int64_t> year = f.integer("year", true, 1900, 9999);
    std::optional<Date> on = f.date("on", false);
    f.reject_unknown();
    if (!problems.empty()) return rejected("renewal.run", std::move(problems));
    const Date when = on.value_or(ctx.today);
    RenewalPlan plan = index ? plan_renewal(book, catalog, static_cast<int>(*year), when, *index)
                             : plan_renewal(book, catalog, static_cast<int>(*year), when);
    if (std::string why = money_room(book, index, plan.total, 0); !why.empty())
        return rejected("renewal.run", {{"/year", "the renewal (" + money(plan.total, plan.currency) + ") " + why}});
    const std::size_t created = plan.invoices.size();
    book.invoices.reserve(book.invoices.size() + created);
    for (Invoice& inv : plan.invoices) book.invoices.push_back(std::move(inv));
    return applied("Renewal " + std::to_string(*year) + ": " + std::to_string(created) +
                   (created == 1 ? " invoice" : " invoices") + " created, " + money(plan.total, plan.currency) +
                   " (" + std::to_string(plan.skipped.size()) + " members not invoiced)");
}

}  // namespace portal::detail
