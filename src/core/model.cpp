#include "core/model.hpp"

#include <algorithm>

namespace portal {

namespace {
template <class T>
const T* find_by_id(const std::vector<T>& items, const std::string& id) {
    auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
    return it == items.end() ? nullptr : &*it;
}
}  // namespace

const OrgType* Catalog::find_type(const std::string& id) const { return find_by_id(org_types, id); }
const Benefit* Catalog::find_benefit(const std::string& id) const { return find_by_id(benefits, id); }
const Tier* Catalog::find_tier(const std::string& id) const { return find_by_id(tiers, id); }

const char* to_string(TrcMode m) {
    switch (m) {
        case TrcMode::Seat: return "seat";
        case TrcMode::Nominate: return "nominate";
        case TrcMode::None: break;
    }
    return "none";
}

const char* to_string(Committee c) {
    switch (c) {
        case Committee::EC: return "ec";
        case Committee::OC: return "oc";
        case Committee::TRC: break;
    }
    return "trc";
}

const char* to_string(InvoiceState s) {
    switch (s) {
        case InvoiceState::Draft: return "draft";
        case InvoiceState::Void: return "void";
        case InvoiceState::Sent: break;
    }
    return "sent";
}

const char* to_string(Stage s) {
    switch (s) {
        case Stage::Identified: return "identified";
        case Stage::Contacted: return "contacted";
        case Stage::Interested: return "interested";
        case Stage::Applied: return "applied";
        case Stage::Joined: return "joined";
        case Stage::Declined: break;
    }
    return "declined";
}

std::optional<TrcMode> trc_mode_from(const std::string& s) {
    if (s == "seat") return TrcMode::Seat;
    if (s == "nominate") return TrcMode::Nominate;
    if (s == "none") return TrcMode::None;
    return std::nullopt;
}

std::optional<Committee> committee_from(const std::string& s) {
    if (s == "ec") return Committee::EC;
    if (s == "oc") return Committee::OC;
    if (s == "trc") return Committee::TRC;
    return std::nullopt;
}

std::optional<InvoiceState> invoice_state_from(const std::string& s) {
    if (s == "draft") return InvoiceState::Draft;
    if (s == "void") return InvoiceState::Void;
    // Derived statuses are recomputed from payments and dates; as stored, they mean "sent".
    if (s == "sent" || s == "partly_paid" || s == "paid" || s == "overdue") return InvoiceState::Sent;
    return std::nullopt;
}

std::optional<Stage> stage_from(const std::string& s) {
    for (Stage st : {Stage::Identified, Stage::Contacted, Stage::Interested, Stage::Applied, Stage::Joined,
                     Stage::Declined})
        if (s == to_string(st)) return st;
    return std::nullopt;
}

bool is_commercial(const Organisation& org, const Catalog& catalog) {
    if (org.commercial) return *org.commercial;
    const OrgType* t = catalog.find_type(org.type);
    return t && t->commercial;
}

bool is_country_code(const std::string& code) {
    // The officially assigned ISO 3166-1 alpha-2 codes, and XK (Kosovo, in common use); the
    // user-assigned ones (AA, QM-QZ, XA-XZ, ZZ) name no country.
    static const char kAssigned[] =
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW "
        "BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI "
        "FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN "
        "IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME "
        "MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF "
        "PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV "
        "SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK "
        "YE YT ZA ZM ZW";
    if (code.size() != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z') return false;
    for (std::size_t i = 0; i + 1 < sizeof kAssigned; i += 3)
        if (kAssigned[i] == code[0] && kAssigned[i + 1] == code[1]) return true;
    return false;
}

}  // namespace portal
