// The budget scenario modeller (docs/reports.md "Scenarios").
#include "core/scenario.hpp"

#include <cmath>
#include <set>

#include "core/reports.hpp"
#include "core/status.hpp"

namespace portal {

namespace {

// [SECTION] Reading ----------------------------------------------------------------------------

constexpr std::int64_t kMaxFee = 100000000000;  // 1,000,000,000.00 in minor units
constexpr std::int64_t kMaxCount = 10000000;    // members, and per-mille values

std::string escape_pointer(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

// A money or count field: an integer JSON number, not negative. Floats (even 12.0) are refused so
// a fraction of a cent can never slip in.
bool read_count(const Json& v, const std::string& ptr, const char* what, std::int64_t max, std::int64_t& out,
                Problems& problems) {
    if (v.is_number_float()) {
        problems.push_back({ptr, std::string("must be an integer ") + what + " (no fractions)"});
        return false;
    }
    if (!v.is_number_integer()) {
        problems.push_back({ptr, std::string("must be an integer ") + what});
        return false;
    }
    // Limits keep every product and sum far from int64 overflow (fee x members x ppm).
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
        problems.push_back({ptr, "is too large (at most " + std::to_string(max) + ")"});
        return false;
    }
    std::int64_t x = v.get<std::int64_t>();
    if (x < 0) {
        problems.push_back({ptr, "must not be negative"});
        return false;
    }
    if (x > max) {
        problems.push_back({ptr, "is too large (at most " + std::to_string(max) + ")"});
        return false;
    }
    out = x;
    return true;
}

void check_known(const Json& obj, const std::string& ptr, std::initializer_list<const char*> known, Problems& problems) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        bool ok = false;
        for (const char* k : known) ok = ok || it.key() == k;
        if (!ok) problems.push_back({ptr + "/" + escape_pointer(it.key()), "unknown field"});
    }
}

void read_new_tier(const Json& t, const std::string& ptr, const Catalog& catalog, std::set<std::string>& ids,
                   Scenario& s, Problems& problems) {
    if (!t.is_object()) {
        problems.push_back({ptr, "must be an object {id, label, annual_fee, conversions}"});
        return;
    }
    check_known(t, ptr, {"id", "label", "annual_fee", "conversions"}, problems);
    ScenarioNewTier nt;
    auto id = t.find("id");
    if (id == t.end() || !id->is_string() || id->get<std::string>().empty()) {
        problems.push_back({ptr + "/id", "must be a non-empty string"});
    } else {
        nt.id = id->get<std::string>();
        if (catalog.find_tier(nt.id)) problems.push_back({ptr + "/id", "tier \"" + nt.id + "\" is already in the catalog"});
        else if (!ids.insert(nt.id).second) problems.push_back({ptr + "/id", "tier \"" + nt.id + "\" is given twice"});
    }
    auto label = t.find("label");
    if (label != t.end() && !label->is_string()) problems.push_back({ptr + "/label", "must be a string"});
    nt.label = label != t.end() && label->is_string() ? label->get<std::string>() : nt.id;
    auto fee = t.find("annual_fee");
    if (fee == t.end()) problems.push_back({ptr + "/annual_fee", "is required (integer minor units)"});
    else read_count(*fee, ptr + "/annual_fee", "number of minor units", kMaxFee, nt.annual_fee, problems);
    auto conv = t.find("conversions");
    if (conv != t.end()) {
        const std::string cptr = ptr + "/conversions";
        if (!conv->is_object()) {
            problems.push_back({cptr, "must be an object {\"new\": N, \"from\": {tier: N}}"});
        } else {
            check_known(*conv, cptr, {"new", "from"}, problems);
            auto n = conv->find("new");
            if (n != conv->end()) read_count(*n, cptr + "/new", "number of members", kMaxCount, nt.new_members, problems);
            auto from = conv->find("from");
            if (from != conv->end()) {
                if (!from->is_object()) {
                    problems.push_back({cptr + "/from", "must be an object {tier: members}"});
                } else {
                    for (auto it = from->begin(); it != from->end(); ++it) {
                        std::string p = cptr + "/from/" + escape_pointer(it.key());
                        if (!catalog.find_tier(it.key())) {
                            problems.push_back({p, "unknown tier \"" + it.key() + "\""});
                            continue;
                        }
                        std::int64_t m = 0;
                        if (read_count(it.value(), p, "number of members", kMaxCount, m, problems)) nt.moves_from[it.key()] = m;
                    }
                }
            }
        }
    }
    s.new_tiers.push_back(std::move(nt));
}

// [SECTION] Running ----------------------------------------------------------------------------

bool counts_as_base_member(const Organisation& org, MembershipStatus s) {
    // A scheduled cancellation means the organisation will not renew.
    if (org.cancelled_on) return false;
    return s == MembershipStatus::Current || s == MembershipStatus::Grace || s == MembershipStatus::Pending;
}

std::map<std::string, std::int64_t> base_members(const Book& book, const Catalog& catalog, Date on) {
    std::map<std::string, std::int64_t> out;
    std::vector<MembershipStatus> status = membership_statuses(book, catalog, on);
    for (std::size_t i = 0; i < book.organisations.size(); ++i) {
        const Organisation& org = book.organisations[i];
        if (org.tier && counts_as_base_member(org, status[i])) ++out[*org.tier];
    }
    return out;
}

std::string money(std::int64_t amount, const std::string& currency) { return format_money(Money{amount, currency}); }

std::string signed_money(std::int64_t amount, const std::string& currency) {
    return (amount > 0 ? "+" : "") + money(amount, currency);
}

}  // namespace

std::int64_t probability_ppm(double probability) {
    if (!(probability > 0)) return 0;  // also NaN
    if (probability >= 1) return 1000000;
    return static_cast<std::int64_t>(std::llround(probability * 1e6));
}

Read<Scenario> scenario_from_json(const Json& doc, const Catalog& catalog) {
    Read<Scenario> r;
    Problems& problems = r.problems;
    if (!doc.is_object()) {
        problems.push_back({"", "a scenario must be a JSON object"});
        return r;
    }
    Scenario s;
    check_known(doc, "", {"schema", "name", "fee_changes", "new_tiers", "pipeline", "churn_per_mille"}, problems);
    auto schema = doc.find("schema");
    if (schema == doc.end() || !schema->is_string() || schema->get<std::string>() != kScenarioSchema)
        problems.push_back({"/schema", std::string("must be \"") + kScenarioSchema + "\""});
    auto name = doc.find("name");
    if (name != doc.end()) {
        if (name->is_string()) s.name = name->get<std::string>();
        else problems.push_back({"/name", "must be a string"});
    }
    auto fees = doc.find("fee_changes");
    if (fees != doc.end()) {
        if (!fees->is_object()) {
            problems.push_back({"/fee_changes", "must be an object {tier: annual_fee}"});
        } else {
            for (auto it = fees->begin(); it != fees->end(); ++it) {
                std::string p = "/fee_changes/" + escape_pointer(it.key());
                if (!catalog.find_tier(it.key())) {
                    problems.push_back({p, "unknown tier \"" + it.key() + "\" (a new tier goes in new_tiers)"});
                    continue;
                }
                std::int64_t fee = 0;
                if (read_count(it.value(), p, "number of minor units", kMaxFee, fee, problems)) s.fee_changes[it.key()] = fee;
            }
        }
    }
    auto tiers = doc.find("new_tiers");
    if (tiers != doc.end()) {
        if (!tiers->is_array()) {
            problems.push_back({"/new_tiers", "must be an array"});
        } else {
            std::set<std::string> ids;
            for (std::size_t i = 0; i < tiers->size(); ++i)
                read_new_tier((*tiers)[i], "/new_tiers/" + std::to_string(i), catalog, ids, s, problems);
        }
    }
    auto pipeline = doc.find("pipeline");
    if (pipeline != doc.end()) {
        if (pipeline->is_boolean()) s.pipeline = pipeline->get<bool>();
        else problems.push_back({"/pipeline", "must be true or false"});
    }
    auto churn = doc.find("churn_per_mille");
    if (churn != doc.end() && read_count(*churn, "/churn_per_mille", "per-mille rate", kMaxCount, s.churn_per_mille, problems) &&
        s.churn_per_mille > 1000)
        problems.push_back({"/churn_per_mille", "must be between 0 and 1000"});
    if (problems.empty()) r.value = std::move(s);
    return r;
}

Problems check_scenario_against_book(const Scenario& scenario, const Book& book, const Catalog& catalog, Date on) {
    Problems problems;
    std::map<std::string, std::int64_t> left = base_members(book, catalog, on);
    for (std::size_t i = 0; i < scenario.new_tiers.size(); ++i) {
        for (const auto& [tier, n] : scenario.new_tiers[i].moves_from) {
            std::int64_t& have = left[tier];
            if (n > have)
                problems.push_back({"/new_tiers/" + std::to_string(i) + "/conversions/from/" + escape_pointer(tier),
                                    "moves " + std::to_string(n) + " members but only " + std::to_string(have) +
                                        " \"" + tier + "\" members are left to move on " + on.iso()});
            have -= std::min(n, have);
        }
    }
    return problems;
}

ScenarioResult run_scenario(const Book& book, const Catalog& catalog, const Scenario& scenario, Date on) {
    ScenarioResult r;
    r.name = scenario.name;
    r.on = on;
    r.current_year = on.year();
    r.projected_year = on.year() + 1;
    r.currency = catalog.currency;
    const std::string& cur = r.currency;

    std::map<std::string, std::int64_t> base = base_members(book, catalog, on);
    std::map<std::string, std::int64_t> invoiced;
    for (const YearRevenue& y : revenue_by_year(book, catalog, on)) {
        if (y.year != r.current_year) continue;
        for (const TierRevenue& t : y.tiers) invoiced[t.tier] = t.figures.invoiced;
        r.current_total = y.total.invoiced;
    }

    // Lines in output order; `pos` maps a tier id to its line.
    std::map<std::string, std::size_t> pos;
    for (const Tier& t : catalog.tiers) {
        ScenarioTier line;
        line.tier = t.id;
        line.label = t.label;
        line.current_members = base[t.id];
        line.current_fee = t.annual_fee;
        line.current_invoiced = invoiced[t.id];
        auto fc = scenario.fee_changes.find(t.id);
        line.projected_fee = fc != scenario.fee_changes.end() ? fc->second : t.annual_fee;
        line.members = line.current_members;
        pos[t.id] = r.tiers.size();
        r.tiers.push_back(line);
    }
    for (const ScenarioNewTier& nt : scenario.new_tiers) {
        ScenarioTier line;
        line.tier = nt.id;
        line.label = nt.label;
        line.is_new = true;
        line.projected_fee = nt.annual_fee;
        line.new_members = nt.new_members;
        pos[nt.id] = r.tiers.size();
        r.tiers.push_back(line);
    }

    r.explanation.push_back("Current year " + std::to_string(r.current_year) + ": invoiced " +
                            money(r.current_total, cur) + "; projection for " + std::to_string(r.projected_year) +
                            " from the members in good standing or pending on " + on.iso() +
                            " (no scheduled cancellation), at full annual fees (no proration).");
    for (const auto& [tier, fee] : scenario.fee_changes) {
        const ScenarioTier& l = r.tiers[pos[tier]];
        r.explanation.push_back("Fee change: " + tier + " " + money(l.current_fee, cur) + " -> " + money(fee, cur) +
                                " (" + signed_money(fee - l.current_fee, cur) + " per member).");
    }
    // Moves between tiers, clamped to the members there are (check_scenario_against_book reports it).
    for (const ScenarioNewTier& nt : scenario.new_tiers) {
        ScenarioTier& to = r.tiers[pos[nt.id]];
        std::string moves;
        for (const auto& [tier, n] : nt.moves_from) {
            ScenarioTier& from = r.tiers[pos[tier]];
            std::int64_t m = std::min(n, from.members);
            from.members -= m;
            to.members += m;
            moves += ", " + std::to_string(m) + " moving from " + tier;
        }
        r.explanation.push_back("New tier " + nt.id + " (" + nt.label + ") at " + money(nt.annual_fee, cur) + ": " +
                                std::to_string(nt.new_members) + " new members" + moves + ".");
    }

    // Pipeline: fee x probability in parts per million, summed exactly, rounded once per tier.
    // Accumulated in 128 bits: fee (<= 1e11) x ppm (<= 1e6) x prospects could pass int64.
    std::map<std::string, __int128> ppm_fee;
    if (scenario.pipeline) {
        for (const Prospect& p : book.prospects) {
            if (p.stage == Stage::Joined || p.stage == Stage::Declined || !p.expected_tier) continue;
            auto it = pos.find(*p.expected_tier);
            if (it == pos.end()) continue;
            ScenarioTier& l = r.tiers[it->second];
            ppm_fee[l.tier] += l.projected_fee * probability_ppm(p.probability);
            ++l.pipeline_prospects;
        }
    }

    // Every figure is computed in 128 bits and must fit in int64 (money.hpp): members x fee on a
    // huge book could pass it, and a wrapped projection is worse than none.
    std::int64_t churn_total = 0, pipeline_total = 0, pipeline_count = 0;
    __int128 projected_total = 0, churn_sum = 0, pipeline_sum = 0;
    auto fits = [&](__int128 v, const std::string& what) {
        if (v <= INT64_MAX && v >= INT64_MIN) return static_cast<std::int64_t>(v);
        if (r.too_large.empty()) r.too_large = what + " is too large to compute (over " + format_decimal(INT64_MAX) + ")";
        return std::int64_t(0);
    };
    for (ScenarioTier& l : r.tiers) {
        l.existing = fits(static_cast<__int128>(l.members) * l.projected_fee, "the revenue of tier " + l.tier);
        l.churn = l.existing - scale_rounded(l.existing, 1000 - scenario.churn_per_mille, 1000);
        l.conversions = fits(static_cast<__int128>(l.new_members) * l.projected_fee, "the new members' revenue of tier " + l.tier);
        l.pipeline = fits((ppm_fee[l.tier] + 500000) / 1000000, "the pipeline of tier " + l.tier);  // half up, never negative
        l.projected = fits(static_cast<__int128>(l.existing) - l.churn + l.conversions + l.pipeline, "the projection of tier " + l.tier);
        l.change = fits(static_cast<__int128>(l.projected) - l.current_invoiced, "the change of tier " + l.tier);
        projected_total += l.projected;
        churn_sum += l.churn;
        pipeline_sum += l.pipeline;
        pipeline_count += l.pipeline_prospects;
    }
    r.projected_total = fits(projected_total, "the projected total");
    churn_total = fits(churn_sum, "the churn");
    pipeline_total = fits(pipeline_sum, "the pipeline");
    r.change = fits(static_cast<__int128>(r.projected_total) - r.current_total, "the change");

    if (scenario.churn_per_mille > 0)
        r.explanation.push_back("Churn of " + std::to_string(scenario.churn_per_mille) +
                                " per mille of existing members removes " + money(churn_total, cur) + ".");
    if (scenario.pipeline)
        r.explanation.push_back("Pipeline: " + std::to_string(pipeline_count) +
                                " open prospects with an expected tier, each counted at fee x probability, add " +
                                money(pipeline_total, cur) + ".");
    for (const ScenarioTier& l : r.tiers)
        r.explanation.push_back(l.tier + ": " + std::to_string(l.members) + (l.members == 1 ? " member x " : " members x ") +
                                money(l.projected_fee, cur) + " = " + money(l.existing, cur) +
                                (l.churn ? ", churn -" + money(l.churn, cur) : std::string()) +
                                (l.conversions ? ", new members " + money(l.conversions, cur) : std::string()) +
                                (l.pipeline ? ", pipeline " + money(l.pipeline, cur) : std::string()) + " -> " +
                                money(l.projected, cur) + " (" + signed_money(l.change, cur) + " vs " +
                                std::to_string(r.current_year) + ").");
    r.explanation.push_back("Projected " + std::to_string(r.projected_year) + " revenue " +
                            money(r.projected_total, cur) + " vs " + std::to_string(r.current_year) + " invoiced " +
                            money(r.current_total, cur) + " (" + signed_money(r.change, cur) + ").");
    return r;
}

Json scenario_result_to_json(const ScenarioResult& r) {
    Json tiers = Json::array();
    for (const ScenarioTier& l : r.tiers)
        tiers.push_back(Json{{"tier", l.tier},
                             {"label", l.label},
                             {"new", l.is_new},
                             {"current", Json{{"members", l.current_members},
                                              {"annual_fee", l.current_fee},
                                              {"invoiced", l.current_invoiced}}},
                             {"projected", Json{{"annual_fee", l.projected_fee},
                                                {"members", l.members},
                                                {"new_members", l.new_members},
                                                {"existing", l.existing},
                                                {"churn", l.churn},
                                                {"conversions", l.conversions},
                                                {"pipeline", l.pipeline},
                                                {"pipeline_prospects", l.pipeline_prospects},
                                                {"total", l.projected}}},
                             {"change", l.change}});
    return Json{{"schema", kScenarioResultSchema},
                {"name", r.name},
                {"on", r.on.iso()},
                {"currency", r.currency},
                {"current_year", r.current_year},
                {"projected_year", r.projected_year},
                {"tiers", std::move(tiers)},
                {"total", Json{{"current", r.current_total}, {"projected", r.projected_total}, {"change", r.change}}},
                {"explanation", r.explanation}};
}

}  // namespace portal
