// portal-application/1: a prospective member's join request (docs/formats.md#application).
#include <set>

#include "core/json_common.hpp"

namespace portal {

using namespace jsonr;

namespace {

// The interests the wizard offers; see docs/formats.md.
const char* const kInterests[] = {"ec_seat", "oc_seat", "trc_seat", "ec_vote", "community_groups"};

bool conv_interest(Ctx& ctx, const Scalar& v, std::string& out) {
    if (!conv_string(ctx, v, out)) return false;
    for (const char* k : kInterests)
        if (out == k) return true;
    ctx.problem(quote(out) + " is not an interest (expected ec_seat, oc_seat, trc_seat, ec_vote or community_groups)");
    return false;
}

const Spec<Usage>& usage_spec() {
    static const Spec<Usage> s = [] {
        Spec<Usage> s;
        add_scalar(s, "conference_attendees", false, &Usage::conference_attendees, conv_usage, kInt);
        add_scalar(s, "training_seats", false, &Usage::training_seats, conv_usage, kInt);
        return s;
    }();
    return s;
}

const Spec<Application>& application_spec() {
    static const Spec<Application> s = [] {
        Spec<Application> s;
        s.add<SchemaField<Application>>(kApplicationSchema);
        add_scalar(s, "name", true, &Application::name, conv_id, kId);
        add_scalar(s, "type", true, &Application::type, conv_id, kId);
        add_scalar(s, "commercial", false, &Application::commercial, conv_bool, kBool, true);
        add_scalar(s, "country", true, &Application::country, conv_country, kCode);
        s.add<ObjectField<Application, Usage, Usage>>("usage", false, &Application::usage, usage_spec);
        s.add<ScalarArrayField<Application, std::string>>("interests", false, &Application::interests, conv_interest,
                                                          "interest names");
        add_scalar(s, "tier", false, &Application::tier, conv_id, kId, true);
        add_scalar(s, "contact_name", false, &Application::contact_name, conv_string, kStr);
        add_scalar(s, "contact_email", false, &Application::contact_email, conv_email, kStr);
        s.extra = &Application::extra;
        return s;
    }();
    return s;
}

void check_application(Ctx& ctx, const Application& a, const Catalog& cat) {
    if (!a.type.empty() && !cat.find_type(a.type))
        ctx.add("/type", "unknown organisation type " + quote(a.type) + " (not in the catalog)");
    if (a.tier && !cat.find_tier(*a.tier)) ctx.add("/tier", "unknown tier " + quote(*a.tier) + " (not in the catalog)");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < a.interests.size(); ++i)
        if (!a.interests[i].empty() && !seen.insert(a.interests[i]).second)
            ctx.add(at("/interests", i), "interest " + quote(a.interests[i]) + " is listed twice");
}

}  // namespace

Read<Application> read_application(std::string_view text, const Catalog& catalog, const ReadLimits& limits) {
    return read_doc(text, nullptr, application_spec(), limits,
                    [&](Ctx& ctx, Application& a) { check_application(ctx, a, catalog); });
}

Read<Application> application_from_json(const Json& doc, const Catalog& catalog) {
    return read_doc(std::string_view(), &doc, application_spec(), ReadLimits{},
                    [&](Ctx& ctx, Application& a) { check_application(ctx, a, catalog); });
}

Json application_to_json(const Application& a) {
    Json j = start_with(a.extra);
    j["schema"] = kApplicationSchema;
    j["name"] = a.name;
    j["type"] = a.type;
    if (a.commercial) j["commercial"] = *a.commercial;
    j["country"] = a.country;
    j["usage"] = {{"conference_attendees", a.usage.conference_attendees}, {"training_seats", a.usage.training_seats}};
    j["interests"] = a.interests;
    if (a.tier) j["tier"] = *a.tier;
    if (!a.contact_name.empty()) j["contact_name"] = a.contact_name;
    if (!a.contact_email.empty()) j["contact_email"] = a.contact_email;
    return j;
}

}  // namespace portal
