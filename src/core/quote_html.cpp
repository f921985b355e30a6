// The pro-forma quote (quote_html.hpp). Every value is escaped by the builder.
#include "core/quote_html.hpp"

#include <algorithm>
#include <cctype>

namespace portal {

QuoteRequest quote_request_from(const Application& a, Date issued, int valid_days, const std::string& tier) {
    QuoteRequest q;
    q.tier = !tier.empty() ? tier : a.tier.value_or("");
    q.org_name = a.name;
    q.org_type = a.type;
    q.country = a.country;
    q.contact_name = a.contact_name;
    q.issued = issued;
    q.valid_days = valid_days;
    return q;
}

namespace {

std::string reference(const QuoteRequest& q) {
    std::string s;
    for (unsigned char c : q.org_name) {
        if (std::isalnum(c) && c < 128) s += static_cast<char>(std::toupper(c));
        if (s.size() >= 8) break;
    }
    std::string date = q.issued.iso();
    date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
    return "Q-" + date + "-" + q.tier + (s.empty() ? "" : "-" + s);
}

std::string trc_text(TrcMode m) {
    switch (m) {
        case TrcMode::Seat: return "A seat on the Technical Review Committee";
        case TrcMode::Nominate: return "May nominate a representative to the Technical Review Committee";
        case TrcMode::None: break;
    }
    return "No Technical Review Committee representation";
}

}  // namespace

QuoteResult quote_html(const Catalog& catalog, const Rates* rates, const QuoteRequest& q, PageSize page) {
    QuoteResult out;
    const Tier* tier = catalog.find_tier(q.tier);
    if (q.tier.empty()) out.problems.push_back({"/tier", "is required: a tier id of the catalog"});
    else if (!tier) out.problems.push_back({"/tier", "'" + q.tier + "' is not a tier in the catalog"});
    bool blank = true;
    for (unsigned char c : q.org_name) blank = blank && std::isspace(c);
    if (blank) out.problems.push_back({"/org_name", "must not be empty"});
    if (q.valid_days < 1 || q.valid_days > 366) out.problems.push_back({"/valid_days", "must be between 1 and 366"});
    const Rate* rate = nullptr;
    if (!q.local_currency.empty() && q.local_currency != catalog.currency) {
        if (!rates) out.problems.push_back({"/local_currency", "needs an exchange-rate table"});
        else if (rates->base != catalog.currency)
            out.problems.push_back({"/local_currency", "the rates are based on " + rates->base + ", not " + catalog.currency});
        else if (!(rate = rates->find(q.local_currency)))
            out.problems.push_back({"/local_currency", "'" + q.local_currency + "' is not in the exchange-rate table"});
    }
    if (!out.problems.empty()) return out;

    const ConsortiumDetails& c = catalog.consortium;
    const Date valid_until = q.issued.add_days(q.valid_days);
    const Money fee{tier->annual_fee, catalog.currency};
    HtmlBuilder h;
    h.open("header", {{"class", "head"}}).open("div");
    h.element("h1", "Quote");
    h.element("div", "Pro-forma, not an invoice", {{"class", "muted"}});
    h.close("div").open("div", {{"class", "issuer"}}).element("div", c.name, {{"class", "name"}});
    if (!c.address.empty()) h.element("div", c.address, {{"class", "small"}});
    if (!c.email.empty()) h.element("div", c.email, {{"class", "small"}});
    h.close("div").close("header").nl();

    h.open("section", {{"class", "cols"}}).open("div").element("h3", "Prepared for");
    h.element("div", q.org_name, {{"class", "name"}, {"id", "prepared-for"}});
    const OrgType* type = q.org_type.empty() ? nullptr : catalog.find_type(q.org_type);
    std::string who = type ? type->label : q.org_type;
    if (!q.country.empty()) who += (who.empty() ? "" : ", ") + q.country;
    if (!who.empty()) h.element("div", who, {{"class", "muted"}});
    if (!q.contact_name.empty()) h.element("div", "Attention: " + q.contact_name, {{"class", "small"}});
    h.close("div").open("div").open("dl", {{"class", "facts"}});
    h.element("dt", "Reference").element("dd", reference(q));
    h.element("dt", "Issue date").element("dd", q.issued.iso());
    h.element("dt", "Valid until").element("dd", valid_until.iso(), {{"id", "valid-until"}});
    h.element("dt", "Membership").element("dd", tier->label);
    h.close("dl").close("div").close("section").nl();

    h.element("h2", "Fee");
    h.open("table").open("thead").open("tr").element("th", "Description").element("th", "Amount", {{"class", "num"}});
    h.close("tr").close("thead").open("tbody").open("tr");
    h.element("td", tier->label + ": annual membership fee").element("td", format_money(fee), {{"class", "num"}});
    h.close("tr").close("tbody").open("tfoot").open("tr", {{"class", "due"}}).element("td", "Total per year");
    h.element("td", format_money(fee), {{"class", "num"}, {"id", "quote-total"}}).close("tr").close("tfoot").close("table");
    if (rate) {
        std::optional<Money> local = convert(fee, *rates, *rate);
        h.open("section", {{"class", "box"}, {"id", "local-currency"}});
        h.element("p", "Indicative equivalent: about " +
                           (local ? format_money_digits(local->amount, rate->minor_digits, rate->code) : rate->code));
        h.element("p", "At the exchange rate of " + rates->date.iso() +
                           (rates->source.empty() ? "" : " (" + rates->source + ")") + ". Invoices are issued in " +
                           catalog.currency + "; the amount in " + rate->code + " will differ with the rate on the day of payment.",
                  {{"class", "note"}});
        h.close("section");
    }
    h.element("p", "Membership runs by calendar year. A member joining during the year pays for the rest of that year (" +
                       catalog.invoicing.proration.mode + " proration), then renews year by year. Invoices are due " +
                       std::to_string(catalog.invoicing.payment_terms_days) + " days after issue.",
              {{"class", "small muted"}});

    h.element("h2", "What membership gives you");
    h.open("ul", {{"class", "benefits"}});
    for (const std::string& id : tier->benefits) {
        const Benefit* b = catalog.find_benefit(id);
        h.element("li", b ? b->label : id);
    }
    h.close("ul");
    h.element("h3", "Governance");
    h.open("ul", {{"class", "benefits"}});
    h.element("li", tier->rights.ec_vote ? "A vote on the Executive Committee" : "No vote on the Executive Committee");
    h.element("li", tier->rights.ec_seat || tier->rights.oc_seat
                        ? "Eligible for seats on the Executive and Operating Committees"
                        : "Not eligible for Executive or Operating Committee seats");
    h.element("li", trc_text(tier->rights.trc));
    h.element("li", "Community groups are open to everyone, members or not");
    h.close("ul").nl();

    h.open("section", {{"class", "box"}}).element("h3", "To accept");
    h.element("p", "Reply to " + (c.email.empty() ? std::string("the consortium") : c.email) + " quoting " + reference(q) +
                       " before " + valid_until.iso() + ". An invoice follows on acceptance.");
    h.close("section");
    h.open("footer", {{"class", "foot"}}).text(c.name + " \u00b7 Pro-forma quote " + reference(q) + " \u00b7 Amounts in " +
                                               catalog.currency);
    h.close("footer").nl();
    out.html = html_document("Quote " + reference(q) + ": " + q.org_name, "en", page, "", h.str());
    return out;
}

}  // namespace portal
