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
    return code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

}  // namespace portal
