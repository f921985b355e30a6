// The printable invoice (invoice_html.hpp). Every value from the book or catalog is escaped by
// HtmlBuilder::text / attribute values; only fixed markup goes through raw().
#include "core/invoice_html.hpp"

#include "core/status.hpp"

namespace portal {

const Invoice* find_invoice(const Book& book, const std::string& id_or_number) {
    for (const Invoice& inv : book.invoices)
        if (inv.id == id_or_number) return &inv;
    for (const Invoice& inv : book.invoices)
        if (inv.number == id_or_number) return &inv;
    return nullptr;
}

namespace {

const char* status_label(InvoiceStatus s) {
    switch (s) {
        case InvoiceStatus::Draft: return "Draft";
        case InvoiceStatus::Sent: return "Awaiting payment";
        case InvoiceStatus::PartlyPaid: return "Partly paid";
        case InvoiceStatus::Paid: return "Paid";
        case InvoiceStatus::Overdue: return "Overdue";
        case InvoiceStatus::Void: return "Void";
    }
    return "";
}

void issuer_block(HtmlBuilder& h, const ConsortiumDetails& c) {
    h.open("div", {{"class", "issuer"}});
    h.element("div", c.name, {{"class", "name"}});
    if (!c.address.empty()) h.element("div", c.address, {{"class", "small"}});
    if (!c.email.empty()) h.element("div", c.email, {{"class", "small"}});
    h.close("div");
}

void fact(HtmlBuilder& h, const char* label, const std::string& value) {
    h.element("dt", label).element("dd", value);
}

}  // namespace

std::string invoice_html(const Catalog& catalog, const Book& book, const std::string& id_or_number, Date on,
                         PageSize page) {
    const Invoice* inv = find_invoice(book, id_or_number);
    if (!inv) return "";
    const BookIndex index = index_book(book);
    const Organisation* org = nullptr;
    if (auto it = index.org_by_id.find(inv->org); it != index.org_by_id.end()) org = &book.organisations[it->second];
    const InvoiceStatus status = invoice_status(*inv, index, on);
    const std::int64_t total = invoice_total(*inv);
    const std::int64_t paid = invoice_paid_as_of(*inv, index, on);
    const std::int64_t due = status == InvoiceStatus::Void ? 0 : invoice_outstanding(*inv, index, on);
    auto money = [&](std::int64_t minor) { return format_money({minor, inv->currency}); };
    const std::string status_class = std::string("badge status-") + to_string(status);

    HtmlBuilder h;
    // Head: what this is, and who issues it.
    h.open("header", {{"class", "head"}}).open("div");
    h.element("h1", status == InvoiceStatus::Void ? "Invoice (void)" : "Invoice");
    h.element("div", inv->number, {{"class", "muted"}, {"id", "invoice-number"}});
    h.open("div", {{"style", "margin-top:2mm"}}).element("span", status_label(status), {{"class", status_class}});
    h.close("div").close("div");
    issuer_block(h, catalog.consortium);
    h.close("header").nl();

    // Who is billed, and the invoice's facts.
    h.open("section", {{"class", "cols"}}).open("div");
    h.element("h3", "Bill to");
    h.element("div", org ? org->name : inv->org, {{"class", "name"}, {"id", "bill-to"}});
    if (org && !org->country.empty()) h.element("div", org->country, {{"class", "muted"}});
    if (org && !org->contacts.empty()) {
        const Contact& c = org->contacts.front();
        h.element("div", c.name + (c.role.empty() ? "" : ", " + c.role), {{"class", "small"}});
        if (!c.email.empty()) h.element("div", c.email, {{"class", "small"}});
    }
    h.close("div").open("div").open("dl", {{"class", "facts"}});
    fact(h, "Invoice number", inv->number);
    fact(h, "Issue date", inv->issued.iso());
    fact(h, "Due date", inv->due.iso());
    if (inv->membership_year) fact(h, "Membership year", std::to_string(*inv->membership_year));
    if (inv->tier) {
        const Tier* t = catalog.find_tier(*inv->tier);
        fact(h, "Membership", t ? t->label : *inv->tier);
    }
    fact(h, "Status on", on.iso());
    h.close("dl").close("div").close("section").nl();

    // Lines and totals.
    h.element("h2", "Details");
    h.open("table", {{"class", "lines"}}).open("thead").open("tr");
    h.element("th", "Description").element("th", "Amount", {{"class", "num"}});
    h.close("tr").close("thead").open("tbody");
    for (const InvoiceLine& l : inv->lines)
        h.open("tr").element("td", l.description).element("td", money(l.amount), {{"class", "num"}}).close("tr");
    h.close("tbody").open("tfoot");
    h.open("tr", {{"class", "total"}}).element("td", "Total").element("td", money(total), {{"class", "num"}}).close("tr");
    h.open("tr").element("td", "Amount paid").element("td", money(paid), {{"class", "num"}}).close("tr");
    h.open("tr", {{"class", "due"}}).element("td", "Amount due");
    h.element("td", money(due), {{"class", "num"}, {"id", "amount-due"}}).close("tr");
    h.close("tfoot").close("table").nl();

    // Payments received by `on`, if any.
    bool any_payment = false;
    for (const Payment& p : book.payments) {
        if (p.invoice != inv->id || p.date > on) continue;
        if (!any_payment) {
            h.element("h2", "Payments received");
            h.open("table").open("thead").open("tr");
            h.element("th", "Date").element("th", "Method").element("th", "Amount", {{"class", "num"}});
            h.close("tr").close("thead").open("tbody");
            any_payment = true;
        }
        h.open("tr").element("td", p.date.iso()).element("td", p.method);
        h.element("td", money(p.amount), {{"class", "num"}}).close("tr");
    }
    if (any_payment) h.close("tbody").close("table").nl();

    // How to pay (or why not to).
    h.open("section", {{"class", "box"}});
    if (status == InvoiceStatus::Void) {
        h.element("p", "This invoice has been voided and is not payable.");
    } else if (due == 0) {
        h.element("p", "This invoice is paid in full. Thank you.");
    } else {
        h.element("h3", "Payment instructions");
        h.element("p", catalog.consortium.payment_instructions.empty()
                           ? "Please quote the invoice number with your payment."
                           : catalog.consortium.payment_instructions);
        h.element("p", "Please pay " + money(due) + " by " + inv->due.iso() + ", quoting " + inv->number + ".",
                  {{"class", "small"}});
    }
    h.close("section").nl();

    h.open("footer", {{"class", "foot"}});
    h.text(catalog.consortium.name + (catalog.consortium.email.empty() ? "" : " \u00b7 " + catalog.consortium.email) +
           " \u00b7 Amounts in " + inv->currency + " \u00b7 Statement as of " + on.iso());
    h.close("footer").nl();

    return html_document("Invoice " + inv->number, "en", page, "", h.str());
}

}  // namespace portal
