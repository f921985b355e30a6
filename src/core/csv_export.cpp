// CSV exports (csv_export.hpp): the writer with RFC 4180 quoting and formula neutralising, then
// one function per export.
#include "core/csv_export.hpp"

#include "core/text_rules.hpp"

#include <algorithm>

#include "core/reports.hpp"
#include "core/status.hpp"

namespace portal {

// [SECTION] Cells and writer -------------------------------------------------------------------

const char* to_string(CsvKind k) {
    switch (k) {
        case CsvKind::Organisations: return "organisations";
        case CsvKind::Invoices: return "invoices";
        case CsvKind::Payments: return "payments";
        case CsvKind::Aging: return "aging";
    }
    return "";
}

std::optional<CsvKind> csv_kind_from(std::string_view text) {
    for (CsvKind k : {CsvKind::Organisations, CsvKind::Invoices, CsvKind::Payments, CsvKind::Aging})
        if (text == to_string(k)) return k;
    return std::nullopt;
}

namespace {

std::string quoted_if_needed(std::string value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace

std::string csv_text_cell(std::string_view text) {
    // Control characters and bidi overrides from a file made elsewhere become U+FFFD.
    std::string value = neutralise_text(text, true);
    // A spreadsheet would run these as a formula (or DDE): show them as text instead.
    if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
                           value[0] == '\t' || value[0] == '\r'))
        value.insert(0, "'");
    return quoted_if_needed(std::move(value));
}

std::string csv_number_cell(std::string_view number) { return quoted_if_needed(std::string(number)); }

CsvWriter::CsvWriter(std::vector<std::string> header) : columns_(header.size()) {
    for (const std::string& h : header) text(h);
    end_row();
}

CsvWriter& CsvWriter::text(std::string_view value) {
    if (in_row_++) out_ += ',';
    out_ += csv_text_cell(value);
    return *this;
}

CsvWriter& CsvWriter::number(std::string_view value) {
    if (in_row_++) out_ += ',';
    out_ += csv_number_cell(value);
    return *this;
}

CsvWriter& CsvWriter::number(std::int64_t value) { return number(std::to_string(value)); }

CsvWriter& CsvWriter::end_row() {
    // A short row is padded so every record has the header's field count (RFC 4180).
    while (in_row_ < columns_) {
        if (in_row_++) out_ += ',';
    }
    out_ += "\r\n";
    in_row_ = 0;
    return *this;
}

std::string CsvWriter::str(bool bom) const { return bom ? "\xEF\xBB\xBF" + out_ : out_; }

const char* aging_bucket(int late) {
    // The due day itself is not late: 1-30 days late falls in "0-30" (as in reports.cpp).
    return late <= 0 ? "not_yet_due" : late <= 30 ? "0-30" : late <= 60 ? "31-60" : late <= 90 ? "61-90" : "90+";
}

// [SECTION] Exports ----------------------------------------------------------------------------

namespace {

std::string opt_date(const std::optional<Date>& d) { return d ? d->iso() : ""; }

const Organisation* org_of(const Book& book, const BookIndex& index, const std::string& id) {
    auto it = index.org_by_id.find(id);
    return it == index.org_by_id.end() ? nullptr : &book.organisations[it->second];
}

std::string organisations_csv(const Catalog& catalog, const Book& book, Date on, bool bom) {
    CsvWriter w({"id", "name", "type", "type_label", "commercial", "country", "tier", "tier_label", "member_since",
                 "cancelled_on", "status", "listed", "contact_names", "contact_emails"});
    const std::vector<MembershipStatus> status = membership_statuses(book, catalog, on);
    for (std::size_t i = 0; i < book.organisations.size(); ++i) {
        const Organisation& o = book.organisations[i];
        const OrgType* type = catalog.find_type(o.type);
        const Tier* tier = o.tier ? catalog.find_tier(*o.tier) : nullptr;
        std::string names, emails;
        for (const Contact& c : o.contacts) {
            names += (names.empty() ? "" : "; ") + c.name;
            if (!c.email.empty()) emails += (emails.empty() ? "" : "; ") + c.email;
        }
        w.text(o.id).text(o.name).text(o.type).text(type ? type->label : "");
        w.text(is_commercial(o, catalog) ? "true" : "false").text(o.country);
        w.text(o.tier.value_or("")).text(tier ? tier->label : "");
        w.text(opt_date(o.member_since)).text(opt_date(o.cancelled_on)).text(to_string(status[i]));
        w.text(o.listed ? "true" : "false").text(names).text(emails).end_row();
    }
    return w.str(bom);
}

std::string invoices_csv(const Book& book, Date on, bool bom) {
    CsvWriter w({"id", "number", "org", "org_name", "issued", "due", "currency", "total", "paid", "outstanding",
                 "status", "membership_year", "tier", "days_overdue"});
    const BookIndex index = index_book(book);
    for (const Invoice& inv : book.invoices) {
        const Organisation* org = org_of(book, index, inv.org);
        const InvoiceStatus st = invoice_status(inv, index, on);
        const bool owing = st == InvoiceStatus::Overdue;
        w.text(inv.id).text(inv.number).text(inv.org).text(org ? org->name : "");
        w.text(inv.issued.iso()).text(inv.due.iso()).text(inv.currency);
        w.number(format_decimal(invoice_total(inv))).number(format_decimal(invoice_paid_as_of(inv, index, on)));
        w.number(format_decimal(st == InvoiceStatus::Void ? 0 : invoice_outstanding(inv, index, on)));
        w.text(to_string(st));
        if (inv.membership_year) w.number(*inv.membership_year);
        else w.text("");
        w.text(inv.tier.value_or(""));
        if (owing) w.number(std::max(0, days_between(inv.due, on)));
        else w.text("");
        w.end_row();
    }
    return w.str(bom);
}

std::string payments_csv(const Book& book, bool bom) {
    CsvWriter w({"id", "invoice", "invoice_number", "org", "org_name", "date", "currency", "amount", "method"});
    const BookIndex index = index_book(book);
    for (const Payment& p : book.payments) {
        const Invoice* inv = nullptr;
        if (auto it = index.invoice_by_id.find(p.invoice); it != index.invoice_by_id.end())
            inv = &book.invoices[it->second];
        const Organisation* org = inv ? org_of(book, index, inv->org) : nullptr;
        w.text(p.id).text(p.invoice).text(inv ? inv->number : "").text(inv ? inv->org : "").text(org ? org->name : "");
        w.text(p.date.iso()).text(inv ? inv->currency : "").number(format_decimal(p.amount)).text(p.method).end_row();
    }
    return w.str(bom);
}

// Per invoice still owed on `on`: sent, issued by `on`, unpaid remainder > 0 (the report's rows).
std::string aging_csv(const Book& book, Date on, bool bom) {
    CsvWriter w({"invoice", "number", "org", "org_name", "issued", "due", "days_past_due", "bucket", "currency",
                 "outstanding"});
    const BookIndex index = index_book(book);
    struct Row {
        const Invoice* inv;
        int late;
        std::int64_t left;
    };
    std::vector<Row> rows;
    for (const Invoice& inv : book.invoices) {
        if (inv.state != InvoiceState::Sent || inv.issued > on) continue;
        std::int64_t left = invoice_outstanding(inv, index, on);
        if (left > 0) rows.push_back({&inv, days_between(inv.due, on), left});
    }
    // Oldest debt first, then by number: the order a credit controller works through.
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return a.late != b.late ? a.late > b.late : a.inv->number < b.inv->number;
    });
    for (const Row& r : rows) {
        const Organisation* org = org_of(book, index, r.inv->org);
        w.text(r.inv->id).text(r.inv->number).text(r.inv->org).text(org ? org->name : "");
        w.text(r.inv->issued.iso()).text(r.inv->due.iso()).number(std::max(0, r.late)).text(aging_bucket(r.late));
        w.text(r.inv->currency).number(format_decimal(r.left)).end_row();
    }
    return w.str(bom);
}

}  // namespace

std::string export_csv(const Catalog& catalog, const Book& book, CsvKind kind, Date on, const CsvOptions& options) {
    switch (kind) {
        case CsvKind::Organisations: return organisations_csv(catalog, book, on, options.bom);
        case CsvKind::Invoices: return invoices_csv(book, on, options.bom);
        case CsvKind::Payments: return payments_csv(book, options.bom);
        case CsvKind::Aging: return aging_csv(book, on, options.bom);
    }
    return "";
}

}  // namespace portal
