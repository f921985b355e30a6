// portal-catalog/1: tiers, benefits, organisation types, rules (docs/formats.md#catalog).
#include <map>
#include <set>

#include "core/json_common.hpp"

namespace portal {

using namespace jsonr;

// [SECTION] Enumerations ---------------------------------------------------------------------

namespace {

bool conv_trc(Ctx& ctx, const Scalar& v, TrcMode& out) {
    std::string s;
    if (!conv_string(ctx, v, s)) return false;
    if (auto m = trc_mode_from(s)) {
        out = *m;
        return true;
    }
    ctx.problem(quote(s) + " is not a TRC right (expected \"seat\", \"nominate\" or \"none\")");
    return false;
}

bool conv_savings_per(Ctx& ctx, const Scalar& v, std::string& out) {
    if (!conv_string(ctx, v, out)) return false;
    if (out == "conference_attendee" || out == "training_seat") return true;
    ctx.problem(quote(out) + " is not a usage unit (expected \"conference_attendee\" or \"training_seat\")");
    return false;
}

bool conv_proration(Ctx& ctx, const Scalar& v, std::string& out) {
    if (!conv_string(ctx, v, out)) return false;
    if (out == "none" || out == "monthly" || out == "quarterly") return true;
    ctx.problem(quote(out) + " is not a proration mode (expected \"none\", \"monthly\" or \"quarterly\")");
    return false;
}

// [SECTION] Field tables ---------------------------------------------------------------------

const Spec<OrgType>& org_type_spec() {
    static const Spec<OrgType> s = [] {
        Spec<OrgType> s;
        add_scalar(s, "id", true, &OrgType::id, conv_id, kId);
        add_scalar(s, "label", true, &OrgType::label, conv_id, kId);
        add_scalar(s, "commercial", true, &OrgType::commercial, conv_bool, kBool);
        s.extra = &OrgType::extra;
        return s;
    }();
    return s;
}

const Spec<SavingsEstimate>& savings_spec() {
    static const Spec<SavingsEstimate> s = [] {
        Spec<SavingsEstimate> s;
        add_scalar(s, "per", true, &SavingsEstimate::per, conv_savings_per, kStr);
        add_scalar(s, "amount", true, &SavingsEstimate::amount, conv_money, kMoney);
        add_scalar(s, "note", true, &SavingsEstimate::note, conv_id, kId);
        return s;
    }();
    return s;
}

const Spec<Benefit>& benefit_spec() {
    static const Spec<Benefit> s = [] {
        Spec<Benefit> s;
        add_scalar(s, "id", true, &Benefit::id, conv_id, kId);
        add_scalar(s, "label", true, &Benefit::label, conv_id, kId);
        add_scalar(s, "seed_quote", false, &Benefit::seed_quote, conv_string, kStr);
        s.add<ObjectField<Benefit, std::optional<SavingsEstimate>, SavingsEstimate>>("savings", false, &Benefit::savings,
                                                                                    savings_spec);
        s.extra = &Benefit::extra;
        return s;
    }();
    return s;
}

const Spec<TierRights>& rights_spec() {
    static const Spec<TierRights> s = [] {
        Spec<TierRights> s;
        add_scalar(s, "ec_vote", true, &TierRights::ec_vote, conv_bool, kBool);
        add_scalar(s, "ec_seat", true, &TierRights::ec_seat, conv_bool, kBool);
        add_scalar(s, "oc_seat", true, &TierRights::oc_seat, conv_bool, kBool);
        add_scalar(s, "trc", true, &TierRights::trc, conv_trc, kStr);
        return s;
    }();
    return s;
}

const Spec<Tier>& tier_spec() {
    static const Spec<Tier> s = [] {
        Spec<Tier> s;
        add_scalar(s, "id", true, &Tier::id, conv_id, kId);
        add_scalar(s, "label", true, &Tier::label, conv_id, kId);
        add_scalar(s, "annual_fee", true, &Tier::annual_fee, conv_money, kMoney);
        s.add<ScalarArrayField<Tier, std::string>>("benefits", true, &Tier::benefits, conv_id, "benefit ids");
        s.add<ObjectField<Tier, TierRights, TierRights>>("rights", true, &Tier::rights, rights_spec);
        add_scalar(s, "summary", false, &Tier::summary, conv_string, kStr);
        s.extra = &Tier::extra;
        return s;
    }();
    return s;
}

const Spec<Fraction>& fraction_spec() {
    static const Spec<Fraction> s = [] {
        Spec<Fraction> s;
        add_scalar(s, "num", true, &Fraction::num, conv_count, kInt);
        add_scalar(s, "den", true, &Fraction::den, conv_positive_int, kInt);
        return s;
    }();
    return s;
}

const Spec<Rules>& rules_spec() {
    static const Spec<Rules> s = [] {
        Spec<Rules> s;
        add_scalar(s, "ec_commercial_seat_cap", true, &Rules::ec_commercial_seat_cap, conv_int, kInt);
        s.add<ObjectField<Rules, Fraction, Fraction>>("associate_trc_share", true, &Rules::associate_trc_share,
                                                      fraction_spec);
        add_scalar(s, "grace_days", true, &Rules::grace_days, conv_days, kInt);
        s.extra = &Rules::extra;
        return s;
    }();
    return s;
}

const Spec<ProrationPolicy>& proration_spec() {
    static const Spec<ProrationPolicy> s = [] {
        Spec<ProrationPolicy> s;
        add_scalar(s, "mode", true, &ProrationPolicy::mode, conv_proration, kStr);
        return s;
    }();
    return s;
}

const Spec<InvoicingSettings>& invoicing_spec() {
    static const Spec<InvoicingSettings> s = [] {
        Spec<InvoicingSettings> s;
        add_scalar(s, "prefix", false, &InvoicingSettings::prefix, conv_id, kId);
        add_scalar(s, "payment_terms_days", false, &InvoicingSettings::payment_terms_days, conv_days, kInt);
        s.add<ObjectField<InvoicingSettings, ProrationPolicy, ProrationPolicy>>("proration", false,
                                                                                &InvoicingSettings::proration,
                                                                                proration_spec);
        s.add<ScalarArrayField<InvoicingSettings, int>>("reminder_days", false, &InvoicingSettings::reminder_days,
                                                        conv_days, "whole numbers of days");
        s.extra = &InvoicingSettings::extra;
        return s;
    }();
    return s;
}

const Spec<ConsortiumDetails>& consortium_spec() {
    static const Spec<ConsortiumDetails> s = [] {
        Spec<ConsortiumDetails> s;
        add_scalar(s, "name", false, &ConsortiumDetails::name, conv_string, kStr);
        add_scalar(s, "address", false, &ConsortiumDetails::address, conv_string, kStr);
        add_scalar(s, "email", false, &ConsortiumDetails::email, conv_email, kStr);
        add_scalar(s, "payment_instructions", false, &ConsortiumDetails::payment_instructions, conv_string, kStr);
        s.extra = &ConsortiumDetails::extra;
        return s;
    }();
    return s;
}

const Spec<Catalog>& catalog_spec() {
    static const Spec<Catalog> s = [] {
        Spec<Catalog> s;
        s.add<SchemaField<Catalog>>(kCatalogSchema);
        add_scalar(s, "currency", true, &Catalog::currency, conv_currency, kStr);
        s.add<ObjectField<Catalog, ConsortiumDetails, ConsortiumDetails>>("consortium", false, &Catalog::consortium,
                                                                          consortium_spec);
        s.add<ArrayField<Catalog, OrgType>>("org_types", true, &Catalog::org_types, org_type_spec);
        s.add<ArrayField<Catalog, Benefit>>("benefits", true, &Catalog::benefits, benefit_spec);
        s.add<ArrayField<Catalog, Tier>>("tiers", true, &Catalog::tiers, tier_spec);
        s.add<ObjectField<Catalog, Rules, Rules>>("rules", true, &Catalog::rules, rules_spec);
        s.add<ObjectField<Catalog, InvoicingSettings, InvoicingSettings>>("invoicing", false, &Catalog::invoicing,
                                                                          invoicing_spec);
        s.extra = &Catalog::extra;
        return s;
    }();
    return s;
}

// [SECTION] Cross-record checks ----------------------------------------------------------------

void check_catalog(Ctx& ctx, const Catalog& c) {
    IdRegistry types(ctx), benefits(ctx), tiers(ctx);
    for (std::size_t i = 0; i < c.org_types.size(); ++i) types.add(c.org_types[i].id, "/org_types", i);
    for (std::size_t i = 0; i < c.benefits.size(); ++i) benefits.add(c.benefits[i].id, "/benefits", i);
    for (std::size_t i = 0; i < c.tiers.size(); ++i) {
        const Tier& t = c.tiers[i];
        tiers.add(t.id, "/tiers", i);
        std::set<std::string> listed;
        for (std::size_t k = 0; k < t.benefits.size(); ++k) {
            std::string ptr = "/tiers/" + std::to_string(i) + "/benefits/" + std::to_string(k);
            if (t.benefits[k].empty()) continue;  // refused already
            if (!c.find_benefit(t.benefits[k]))
                ctx.add(ptr, "unknown benefit " + quote(t.benefits[k]) + " (not listed in /benefits)");
            else if (!listed.insert(t.benefits[k]).second)
                ctx.add(ptr, "benefit " + quote(t.benefits[k]) + " is listed twice");
        }
    }
    if (c.org_types.empty() && !has_problem_at(ctx, "/org_types"))
        ctx.add("/org_types", "must list at least one organisation type");
    if (c.tiers.empty() && !has_problem_at(ctx, "/tiers")) ctx.add("/tiers", "must list at least one tier");
}

}  // namespace

// [SECTION] Public API -------------------------------------------------------------------------

Read<Catalog> read_catalog(std::string_view text, const ReadLimits& limits) {
    return read_doc(text, nullptr, catalog_spec(), limits, check_catalog);
}

Read<Catalog> catalog_from_json(const Json& doc) {
    return read_doc(std::string_view(), &doc, catalog_spec(), ReadLimits{}, check_catalog);
}

Json catalog_to_json(const Catalog& c) {
    Json j = start_with(c.extra);
    j["schema"] = kCatalogSchema;
    j["currency"] = c.currency;
    const ConsortiumDetails& cd = c.consortium;
    Json cj = start_with(cd.extra);
    if (!cd.name.empty()) cj["name"] = cd.name;
    if (!cd.address.empty()) cj["address"] = cd.address;
    if (!cd.email.empty()) cj["email"] = cd.email;
    if (!cd.payment_instructions.empty()) cj["payment_instructions"] = cd.payment_instructions;
    if (!cj.empty()) j["consortium"] = std::move(cj);

    Json types = Json::array();
    for (const OrgType& t : c.org_types) {
        Json tj = start_with(t.extra);
        tj["id"] = t.id;
        tj["label"] = t.label;
        tj["commercial"] = t.commercial;
        types.push_back(std::move(tj));
    }
    j["org_types"] = std::move(types);

    Json benefits = Json::array();
    for (const Benefit& b : c.benefits) {
        Json bj = start_with(b.extra);
        bj["id"] = b.id;
        bj["label"] = b.label;
        if (!b.seed_quote.empty()) bj["seed_quote"] = b.seed_quote;
        if (b.savings) bj["savings"] = {{"per", b.savings->per}, {"amount", b.savings->amount}, {"note", b.savings->note}};
        benefits.push_back(std::move(bj));
    }
    j["benefits"] = std::move(benefits);

    Json tiers = Json::array();
    for (const Tier& t : c.tiers) {
        Json tj = start_with(t.extra);
        tj["id"] = t.id;
        tj["label"] = t.label;
        tj["annual_fee"] = t.annual_fee;
        tj["benefits"] = t.benefits;
        tj["rights"] = {{"ec_vote", t.rights.ec_vote},
                        {"ec_seat", t.rights.ec_seat},
                        {"oc_seat", t.rights.oc_seat},
                        {"trc", to_string(t.rights.trc)}};
        if (!t.summary.empty()) tj["summary"] = t.summary;
        tiers.push_back(std::move(tj));
    }
    j["tiers"] = std::move(tiers);

    Json rules = start_with(c.rules.extra);
    rules["ec_commercial_seat_cap"] = c.rules.ec_commercial_seat_cap;
    rules["associate_trc_share"] = {{"num", c.rules.associate_trc_share.num}, {"den", c.rules.associate_trc_share.den}};
    rules["grace_days"] = c.rules.grace_days;
    j["rules"] = std::move(rules);

    Json inv = start_with(c.invoicing.extra);
    inv["prefix"] = c.invoicing.prefix;
    inv["payment_terms_days"] = c.invoicing.payment_terms_days;
    inv["proration"] = {{"mode", c.invoicing.proration.mode}};
    inv["reminder_days"] = c.invoicing.reminder_days;
    j["invoicing"] = std::move(inv);
    return j;
}

}  // namespace portal
