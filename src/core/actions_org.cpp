// Organisation actions: org.add, org.update, org.cancel, org.reinstate (docs/actions.md).
#include "core/actions_internal.hpp"

namespace portal::detail {

namespace {

// Reads the organisation members present in `f` into `o`. `adding`: name, type and country are
// required. Nullable members (tier, commercial, member_since) are cleared by null.
void read_org_fields(Fields& f, const Catalog& catalog, Organisation& o, bool adding, std::vector<std::string>& changed,
                     Problems& problems) {
    auto mark = [&](const char* key) {
        if (f.has(key)) changed.push_back(key);
    };
    if (auto v = f.text("name", adding)) o.name = *v;
    mark("name");
    if (auto v = f.text("type", adding)) {
        if (catalog.find_type(*v)) o.type = *v;
        else f.problem("type", "'" + *v + "' is not an organisation type in the catalog");
    }
    mark("type");
    if (auto v = f.text("country", adding)) {
        if (is_country_code(*v)) o.country = *v;
        else f.problem("country", "must be an ISO 3166-1 alpha-2 code such as \"GB\"");
    }
    mark("country");
    if (f.is_null("commercial")) o.commercial.reset();
    else if (auto v = f.boolean("commercial", false)) o.commercial = *v;
    mark("commercial");
    if (f.is_null("tier")) {
        o.tier.reset();
    } else if (auto v = f.text("tier", false)) {
        if (catalog.find_tier(*v)) o.tier = *v;
        else f.problem("tier", "'" + *v + "' is not a tier in the catalog");
    }
    mark("tier");
    if (f.is_null("member_since")) o.member_since.reset();
    else if (auto v = f.date("member_since", false)) o.member_since = *v;
    mark("member_since");
    if (auto v = f.boolean("listed", false)) o.listed = *v;
    mark("listed");
    if (const Json* v = f.raw("contacts", false)) read_contacts(*v, f.ptr("contacts"), problems, o.contacts);
    mark("contacts");
    if (auto v = f.text("notes", false, true)) o.notes = *v;
    mark("notes");
}

}  // namespace

ApplyResult org_add(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                    const BookIndex* index) {
    Problems problems;
    Fields top(action, "", problems);
    top.has("type");
    const Json* body = top.raw("org", true);
    top.reject_unknown();
    Organisation o;
    if (body && !body->is_object()) top.problem("org", "must be an object");
    if (body && body->is_object()) {
        Fields f(*body, "/org", problems);
        std::vector<std::string> changed;
        std::optional<std::string> id = f.text("id", false);
        read_org_fields(f, catalog, o, true, changed, problems);
        f.reject_unknown();
        auto taken = [&](const std::string& x) { return find_org(book, x, index) != nullptr; };
        if (id && taken(*id)) f.problem("id", "'" + *id + "' is already an organisation");
        std::string base = "org-" + slug(o.name);
        if (base == "org-") base = "org";
        // When the name's id is taken, "<base>-<count + 1>" first: free in practice, so adding
        // thousands of organisations with one name costs one lookup each, not one per namesake.
        const std::string counted = base + "-" + std::to_string(book.organisations.size() + 1);
        o.id = id ? *id : !taken(base) ? base : !taken(counted) ? counted : unique_id(base, taken);
    }
    if (!problems.empty()) return rejected("org.add", std::move(problems));
    if (o.tier && !o.member_since) o.member_since = ctx.today;
    o.updated = ctx.at;
    std::string summary = "Added organisation " + o.name + " (" + o.id + ")" +
                          (o.tier ? ", " + *o.tier + " member since " + o.member_since->iso() : "");
    book.organisations.push_back(std::move(o));
    return applied(summary);
}

ApplyResult org_update(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                       const BookIndex* index) {
    Problems problems;
    Fields top(action, "", problems);
    top.has("type");
    std::optional<std::string> id = top.text("id", true);
    const Json* set = top.raw("set", true);
    top.reject_unknown();
    Organisation* target = id ? find_org(book, *id, index) : nullptr;
    if (id && !target) top.problem("id", "no organisation '" + *id + "'");
    if (set && (!set->is_object() || set->empty())) top.problem("set", "must be an object with the fields to change");
    if (!problems.empty()) return rejected("org.update", std::move(problems));

    Organisation o = *target;  // one record copied, never the book
    Fields f(*set, "/set", problems);
    std::vector<std::string> changed;
    read_org_fields(f, catalog, o, false, changed, problems);
    // Named so the message says what to do instead of "unknown field".
    if (f.has("id")) f.problem("id", "an organisation's id cannot change");
    if (f.has("cancelled_on")) f.problem("cancelled_on", "use org.cancel / org.reinstate");
    f.reject_unknown();
    if (o.member_since && o.cancelled_on && *o.cancelled_on < *o.member_since)
        f.problem("member_since", "would start the membership (" + o.member_since->iso() + ") after it was cancelled (" +
                                      o.cancelled_on->iso() + ")");
    if (!problems.empty()) return rejected("org.update", std::move(problems));

    if (o.tier && !target->tier && !o.member_since) o.member_since = ctx.today;  // becoming a member
    o.updated = ctx.at;
    std::string list;
    for (const std::string& c : changed) list += (list.empty() ? "" : ", ") + c;
    *target = std::move(o);
    return applied("Updated " + target->name + " (" + target->id + "): " + list);
}

ApplyResult org_cancel(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                       const BookIndex* index) {
    Problems problems;
    Fields f(action, "", problems);
    f.has("type");
    std::optional<std::string> id = f.text("id", true);
    std::optional<Date> on = f.date("on", false);
    std::optional<std::string> reason = f.text("reason", false, true);
    f.reject_unknown();
    Organisation* o = id ? find_org(book, *id, index) : nullptr;
    if (id && !o) f.problem("id", "no organisation '" + *id + "'");
    const Date when = on.value_or(ctx.today);
    if (o && !o->tier) f.problem("id", o->name + " is not a member");
    else if (o && o->cancelled_on) f.problem("id", o->name + " is already cancelled from " + o->cancelled_on->iso());
    else if (o && o->member_since && when < *o->member_since)
        f.problem(on ? "on" : "id", "cancellation on " + when.iso() + " is before member_since " + o->member_since->iso());
    if (!problems.empty()) return rejected("org.cancel", std::move(problems));
    o->cancelled_on = when;
    o->updated = ctx.at;
    return applied("Cancelled the membership of " + o->name + " (" + o->id + ") from " + when.iso() +
                   (reason && !reason->empty() ? ": " + *reason : ""));
}

ApplyResult org_reinstate(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                          const BookIndex* index) {
    Problems problems;
    Fields f(action, "", problems);
    f.has("type");
    std::optional<std::string> id = f.text("id", true);
    f.reject_unknown();
    Organisation* o = id ? find_org(book, *id, index) : nullptr;
    if (id && !o) f.problem("id", "no organisation '" + *id + "'");
    else if (o && !o->cancelled_on) f.problem("id", o->name + " is not cancelled");
    if (!problems.empty()) return rejected("org.reinstate", std::move(problems));
    o->cancelled_on.reset();
    o->updated = ctx.at;
    return applied("Reinstated the membership of " + o->name + " (" + o->id + ")");
}

}  // namespace portal::detail
