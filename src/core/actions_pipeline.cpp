// Recruitment pipeline actions: prospect.add, prospect.update, prospect.advance (docs/actions.md).
// Joining creates the organisation and its first (prorated) invoice in the same action.
#include "core/actions_internal.hpp"
#include "core/invoices.hpp"
#include "core/pipeline.hpp"
#include "core/status.hpp"

namespace portal {

bool stage_transition_allowed(Stage from, Stage to) {
    switch (from) {
        case Stage::Identified: return to == Stage::Contacted || to == Stage::Declined;
        case Stage::Contacted: return to == Stage::Interested || to == Stage::Declined;
        case Stage::Interested: return to == Stage::Applied || to == Stage::Declined;
        case Stage::Applied: return to == Stage::Joined || to == Stage::Declined;
        case Stage::Declined: return to == Stage::Identified;
        case Stage::Joined: break;
    }
    return false;
}

std::vector<Stage> next_stages(Stage from) {
    std::vector<Stage> out;
    for (Stage to : {Stage::Identified, Stage::Contacted, Stage::Interested, Stage::Applied, Stage::Joined, Stage::Declined})
        if (stage_transition_allowed(from, to)) out.push_back(to);
    return out;
}

namespace detail {

namespace {

Prospect* find_prospect(Book& book, const std::string& id, const BookIndex* index) {
    if (index) {
        const IdIndex::Entry* e = index->prospect_by_id.find(id);
        return e ? &book.prospects[e->second] : nullptr;
    }
    for (Prospect& p : book.prospects)
        if (p.id == id) return &p;
    return nullptr;
}

// The prospect members present in `f`, into `p`. Stage is set only by prospect.add.
void read_prospect_fields(Fields& f, const Catalog& catalog, Prospect& p, bool adding) {
    if (auto v = f.text("name", adding)) p.name = *v;
    if (auto v = f.text("type", adding)) {
        if (catalog.find_type(*v)) p.type = *v;
        else f.problem("type", "'" + *v + "' is not an organisation type in the catalog");
    }
    if (auto v = f.text("country", false, true)) {
        if (v->empty() || is_country_code(*v)) p.country = *v;
        else f.problem("country", "must be an ISO 3166-1 alpha-2 code such as \"GB\"");
    }
    if (f.is_null("expected_tier")) {
        p.expected_tier.reset();
    } else if (auto v = f.text("expected_tier", false)) {
        if (catalog.find_tier(*v)) p.expected_tier = *v;
        else f.problem("expected_tier", "'" + *v + "' is not a tier in the catalog");
    }
    if (auto v = f.number("probability", false, 0.0, 1.0)) p.probability = *v;
    if (auto v = f.text("next_action", false, true)) p.next_action = *v;
    if (f.is_null("next_action_date")) p.next_action_date.reset();
    else if (auto v = f.date("next_action_date", false)) p.next_action_date = *v;
    if (auto v = f.text("notes", false, true)) p.notes = *v;
    if (const Json* v = f.raw("application", false)) {
        if (v->is_object() || v->is_null()) p.application = *v;
        else f.problem("application", "must be a portal-application/1 object or null");
    }
}

std::string stage_names(const std::vector<Stage>& stages) {
    std::string out;
    for (Stage s : stages) out += std::string(out.empty() ? "" : ", ") + to_string(s);
    return out.empty() ? "none: joined is final" : out;
}

}  // namespace

ApplyResult prospect_add(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                         const BookIndex* index) {
    Problems problems;
    Fields top(action, "", problems);
    top.has("type");
    const Json* body = top.raw("prospect", true);
    top.reject_unknown();
    Prospect p;
    if (body && !body->is_object()) top.problem("prospect", "must be an object");
    if (body && body->is_object()) {
        Fields f(*body, "/prospect", problems);
        std::optional<std::string> id = f.text("id", false);
        read_prospect_fields(f, catalog, p, true);
        if (auto s = f.text("stage", false)) {
            std::optional<Stage> st = stage_from(*s);
            if (!st) f.problem("stage", "must be one of identified, contacted, interested, applied, declined");
            else if (*st == Stage::Joined) f.problem("stage", "a prospect joins through prospect.advance");
            else p.stage = *st;
        }
        f.reject_unknown();
        auto taken = [&](const std::string& x) { return find_prospect(book, x, index) != nullptr; };
        if (id && taken(*id)) f.problem("id", "'" + *id + "' is already a prospect");
        std::string base = "prospect-" + slug(p.name);
        p.id = id ? *id : unique_id(base == "prospect-" ? "prospect" : base, taken);
    }
    if (!problems.empty()) return rejected("prospect.add", std::move(problems));
    std::string summary = "Added prospect " + p.name + " (" + p.id + "), " + to_string(p.stage);
    book.prospects.push_back(std::move(p));
    return applied(summary);
}

ApplyResult prospect_update(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                            const BookIndex* index) {
    Problems problems;
    Fields top(action, "", problems);
    top.has("type");
    std::optional<std::string> id = top.text("id", true);
    const Json* set = top.raw("set", true);
    top.reject_unknown();
    Prospect* target = id ? find_prospect(book, *id, index) : nullptr;
    if (id && !target) top.problem("id", "no prospect '" + *id + "'");
    if (set && (!set->is_object() || set->empty())) top.problem("set", "must be an object with the fields to change");
    if (!problems.empty()) return rejected("prospect.update", std::move(problems));

    Prospect p = *target;
    Fields f(*set, "/set", problems);
    read_prospect_fields(f, catalog, p, false);
    if (f.has("stage")) f.problem("stage", "use prospect.advance to change the stage");
    if (f.has("id")) f.problem("id", "a prospect's id cannot change");
    f.reject_unknown();
    if (!problems.empty()) return rejected("prospect.update", std::move(problems));
    *target = std::move(p);
    std::string list;
    for (auto it = set->begin(); it != set->end(); ++it) list += (list.empty() ? "" : ", ") + it.key();
    return applied("Updated prospect " + target->name + " (" + target->id + "): " + list);
}

ApplyResult prospect_advance(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                             const BookIndex* index) {
    Problems problems;
    Fields f(action, "", problems);
    f.has("type");
    std::optional<std::string> id = f.text("id", true);
    std::optional<std::string> stage_text = f.text("stage", true);
    std::optional<std::string> tier_id = f.text("tier", false);
    std::optional<Date> on = f.date("on", false);
    std::optional<std::string> org_id = f.text("org_id", false);
    f.reject_unknown();
    Prospect* p = id ? find_prospect(book, *id, index) : nullptr;
    if (id && !p) f.problem("id", "no prospect '" + *id + "'");
    std::optional<Stage> to = stage_text ? stage_from(*stage_text) : std::nullopt;
    if (stage_text && !to) f.problem("stage", "'" + *stage_text + "' is not a pipeline stage");
    if (p && to && !stage_transition_allowed(p->stage, *to))
        f.problem("stage", std::string("cannot move from ") + to_string(p->stage) + " to " + to_string(*to) +
                               " (allowed: " + stage_names(next_stages(p->stage)) + ")");
    const bool joining = p && to == Stage::Joined;
    if ((tier_id || on || org_id) && to && !joining)
        f.problem(tier_id ? "tier" : on ? "on" : "org_id", "applies only when the stage is joined");
    if (!problems.empty()) return rejected("prospect.advance", std::move(problems));

    if (!joining) {
        const Stage from = p->stage;
        p->stage = *to;
        return applied("Prospect " + p->name + " (" + p->id + "): " + to_string(from) + " -> " + to_string(*to));
    }

    // [SECTION] Joining: a new member organisation and its first invoice, all checked first.
    const std::string tier_name = tier_id ? *tier_id : p->expected_tier.value_or("");
    const Tier* tier = catalog.find_tier(tier_name);
    if (!tier)
        f.problem(tier_id ? "tier" : "stage", tier_name.empty() ? "joining needs a tier: give \"tier\" or set the prospect's expected_tier"
                                                          : "'" + tier_name + "' is not a tier in the catalog");
    if (!catalog.find_type(p->type))
        f.problem("id", "prospect's type '" + p->type + "' is not in the catalog: fix it with prospect.update");
    if (!is_country_code(p->country))
        f.problem("id", "prospect has no valid country: set it with prospect.update first");
    auto taken = [&](const std::string& x) { return find_org(book, x, index) != nullptr; };
    if (org_id && taken(*org_id)) f.problem("org_id", "'" + *org_id + "' is already an organisation");
    if (!problems.empty()) return rejected("prospect.advance", std::move(problems));

    Organisation org;
    std::string base = "org-" + slug(p->name);
    org.id = org_id ? *org_id : unique_id(base == "org-" ? "org" : base, taken);
    org.name = p->name;
    org.type = p->type;
    org.country = p->country;
    org.tier = tier->id;
    org.member_since = on.value_or(ctx.today);
    org.updated = ctx.at;
    if (p->application.is_object()) {  // what the applicant told us, kept with the member
        const Json& a = p->application;
        if (a.contains("commercial") && a["commercial"].is_boolean()) org.commercial = a["commercial"].get<bool>();
        Contact c;
        if (a.contains("contact_name") && a["contact_name"].is_string()) c.name = a["contact_name"].get<std::string>();
        if (a.contains("contact_email") && a["contact_email"].is_string()) c.email = a["contact_email"].get<std::string>();
        if (!c.name.empty() || !c.email.empty()) org.contacts.push_back(std::move(c));
    }
    InvoiceNumberer numbers(book, catalog.invoicing.prefix);
    const Date start = *org.member_since;
    Invoice inv = make_membership_invoice(org, *tier, catalog, start.year(), start, start, numbers);
    inv.id = unique_id(inv.id, [&](const std::string& x) {
        if (index) return index->invoice_by_id.count(x) > 0;
        for (const Invoice& i : book.invoices)
            if (i.id == x) return true;
        return false;
    });
    if (std::string why = invoice_dates_problem(inv); !why.empty()) return rejected("prospect.advance", {{"/on", why}});
    if (std::string why = money_room(book, index, invoice_total(inv), 0); !why.empty())
        return rejected("prospect.advance", {{"/tier", "the first invoice " + why}});
    p->stage = Stage::Joined;
    std::string summary = "Prospect " + p->name + " joined as " + org.id + " (" + tier->id + " from " + start.iso() +
                          "); invoice " + inv.number + " for " + format_money({invoice_total(inv), inv.currency});
    book.organisations.push_back(std::move(org));
    book.invoices.push_back(std::move(inv));
    return applied(summary);
}

}  // namespace detail
}  // namespace portal
