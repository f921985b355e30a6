// Staff reports (docs/reports.md). One pass over invoices, one over organisations, no allocation
// per record: a book of 100,000 organisations and 500,000 invoices reports in tens of milliseconds.
#include "core/reports.hpp"

#include <algorithm>
#include <set>
#include <string_view>

namespace portal {

namespace {

// [SECTION] Facts: one linear pass, no per-record allocation ---------------------------------
//
// The report reads every invoice and every organisation once. It needs the payments summed as of
// `on` (not all of them), into one array, and invoices grouped by organisation in one compressed
// array; the matching of payments to invoices and invoices to organisations comes from the
// BookIndex when the caller keeps one, else from tables of its own. status_of mirrors status.cpp's membership_status exactly
// (a test compares the two on random books).

// Ids are looked up in a table of views into the book's own strings: unlike IdIndex (status.hpp)
// it copies no id, which for 600,000 invoice ids costs more than it saves.
class IdTable {
public:
    template <class KeyOf>
    void build(std::size_t n, KeyOf key_of) {
        std::size_t cap = 16;
        while (cap < 2 * n) cap <<= 1;
        mask_ = cap - 1;
        slots_.assign(cap, 0);
        keys_.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            keys_[i] = key_of(i);
            std::size_t h = std::hash<std::string_view>{}(keys_[i]) & mask_;
            while (slots_[h] != 0 && keys_[slots_[h] - 1] != keys_[i]) h = (h + 1) & mask_;
            if (slots_[h] == 0) slots_[h] = static_cast<std::uint32_t>(i + 1);  // duplicates: the first wins
        }
    }
    // Position of the first record with this id, or -1.
    std::int64_t find(std::string_view key) const {
        if (slots_.empty()) return -1;
        std::size_t h = std::hash<std::string_view>{}(key) & mask_;
        while (slots_[h] != 0) {
            if (keys_[slots_[h] - 1] == key) return static_cast<std::int64_t>(slots_[h] - 1);
            h = (h + 1) & mask_;
        }
        return -1;
    }

private:
    std::vector<std::string_view> keys_;
    std::vector<std::uint32_t> slots_;
    std::size_t mask_ = 0;
};

// What the report needs of one invoice, read once: later passes stay in this compact array
// instead of walking the large Invoice records (and their line vectors) again.
struct Row {
    std::int64_t total = 0;
    std::int64_t paid = 0;            // payments dated on or before `on`
    std::int64_t org = -1;            // the first organisation with the invoice's org id, or -1
    Date issued, due;
    int year = 0;                     // invoice_year()
    int membership_year = 0;          // 0: none
    std::uint32_t tier = 0;           // index into Facts::tier_ids
    bool counts = false;              // sent (not draft, not void) and issued by `on`
    bool sent = false;
    bool membership = false;          // has a membership year or a tier
};

struct Facts {
    IdTable orgs;                     // built only without a BookIndex
    const IdIndex* org_ids = nullptr; // the BookIndex's table, when given one
    std::vector<Row> rows;            // parallel to book.invoices
    std::vector<std::string> tier_ids;  // catalog tiers, "other", then unknown tier ids as met
    std::vector<std::uint32_t> by_org_start, by_org;  // invoices grouped by organisation (CSR)
    int first_year = 0, last_year = -1;               // the years of the counted rows (empty: none)
    bool duplicate_orgs = false;                      // some organisation ids repeat (a broken import)

    // Position of the first organisation with this id, or -1.
    std::int64_t find_org(std::string_view id) const {
        if (!org_ids) return orgs.find(id);
        const IdIndex::Entry* e = org_ids->find(id);
        return e ? static_cast<std::int64_t>(e->second) : -1;
    }
};

// With `index` (kept with the book, or built for it) the payments and organisations are already
// matched: no id is hashed. Without, the report builds its own tables (cheaper than a BookIndex).
Facts gather(const Book& book, const Catalog& catalog, Date on, const BookIndex* index) {
    Facts f;
    const std::size_t ni = book.invoices.size(), no = book.organisations.size();
    std::vector<std::int64_t> paid_by_first(ni, 0);
    std::vector<std::int64_t> org_of(ni, -1);
    if (index) {
        f.org_ids = &index->org_by_id;
        for (std::size_t k = 0; k < book.payments.size(); ++k) {
            const std::uint32_t i = index->payments_by_invoice.owner_of(k);
            const auto& [date, amount] = index->payment_facts[k];
            if (i != Chains::kNone && date <= on) paid_by_first[i] += amount;
        }
        for (std::size_t i = 0; i < ni; ++i)
            if (const std::uint32_t o = index->invoices_by_org.owner_of(i); o != Chains::kNone) org_of[i] = o;
    } else {
        f.orgs.build(no, [&](std::size_t i) { return std::string_view(book.organisations[i].id); });
        IdTable invoices;
        invoices.build(ni, [&](std::size_t i) { return std::string_view(book.invoices[i].id); });
        for (const Payment& p : book.payments) {
            if (p.date > on) continue;
            std::int64_t i = invoices.find(p.invoice);
            if (i >= 0) paid_by_first[static_cast<std::size_t>(i)] += p.amount;
        }
        for (std::size_t i = 0; i < ni; ++i) org_of[i] = f.orgs.find(book.invoices[i].org);
    }
    for (const Tier& t : catalog.tiers) f.tier_ids.push_back(t.id);
    f.tier_ids.push_back("other");
    const std::uint32_t other = static_cast<std::uint32_t>(catalog.tiers.size());
    f.rows.resize(ni);
    f.by_org_start.assign(no + 1, 0);
    for (std::size_t i = 0; i < ni; ++i) {
        const Invoice& inv = book.invoices[i];
        Row& r = f.rows[i];
        for (const InvoiceLine& l : inv.lines) r.total += l.amount;
        // Payments go to the first invoice with their id; a later invoice sharing it sees none (status.cpp).
        r.paid = paid_by_first[i];
        r.org = org_of[i];
        if (r.org >= 0) ++f.by_org_start[static_cast<std::size_t>(r.org) + 1];
        r.issued = inv.issued;
        r.due = inv.due;
        r.year = invoice_year(inv);
        r.membership_year = inv.membership_year ? *inv.membership_year : 0;
        r.sent = inv.state == InvoiceState::Sent;
        r.counts = r.sent && inv.issued <= on;
        if (r.counts && (f.last_year < f.first_year || r.year < f.first_year)) f.first_year = r.year;
        if (r.counts && r.year > f.last_year) f.last_year = r.year;
        r.membership = inv.membership_year.has_value() || inv.tier.has_value();
        r.tier = other;
        if (inv.tier) {
            std::uint32_t t = 0;
            while (t < f.tier_ids.size() && f.tier_ids[t] != *inv.tier) ++t;
            if (t == f.tier_ids.size()) f.tier_ids.push_back(*inv.tier);
            r.tier = t;
        }
    }
    for (std::size_t o = 0; o < no; ++o) f.by_org_start[o + 1] += f.by_org_start[o];
    if (index) {
        f.duplicate_orgs = index->org_by_id.size() != no;
    } else {
        for (std::size_t o = 0; o < no && !f.duplicate_orgs; ++o)
            f.duplicate_orgs = f.orgs.find(book.organisations[o].id) != static_cast<std::int64_t>(o);
    }
    f.by_org.resize(f.by_org_start[no]);
    std::vector<std::uint32_t> fill(f.by_org_start.begin(), f.by_org_start.end() - 1);
    for (std::size_t i = 0; i < ni; ++i)
        if (f.rows[i].org >= 0) f.by_org[fill[static_cast<std::size_t>(f.rows[i].org)]++] = static_cast<std::uint32_t>(i);
    return f;
}

void add(RevenueFigures& into, const RevenueFigures& x) {
    into.invoiced += x.invoiced;
    into.collected += x.collected;
    into.outstanding += x.outstanding;
    into.invoices += x.invoices;
}

std::vector<TierRevenue> ordered_tiers(const std::map<std::string, RevenueFigures>& by_tier, const Catalog& catalog) {
    std::vector<TierRevenue> out;
    std::set<std::string> done;
    for (const Tier& t : catalog.tiers) {
        auto it = by_tier.find(t.id);
        if (it == by_tier.end()) continue;
        out.push_back({t.id, t.label, it->second});
        done.insert(t.id);
    }
    for (const auto& [id, fig] : by_tier)
        if (!done.count(id) && id != "other") out.push_back({id, id, fig});
    auto other = by_tier.find("other");
    if (other != by_tier.end()) out.push_back({"other", "Other invoices", other->second});
    return out;
}

// [SECTION] Retention --------------------------------------------------------------------------

// What one organisation's membership invoices for one year came to, as of `on`.
struct YearState {
    bool invoiced = false;
    bool unpaid = false;          // some invoice not fully paid
    bool past_grace = false;      // ...and past its due date + grace
};

std::vector<RetentionYear> retention(const Book& book, const Facts& f, const Catalog& catalog, int year, Date on) {
    // Per year (a slot per year from f.first_year, not a map lookup per invoice): the state of
    // every organisation (parallel to book.organisations), allocated for the years that have one.
    std::vector<std::vector<YearState>> states;
    if (f.last_year >= f.first_year) states.resize(static_cast<std::size_t>(f.last_year - f.first_year) + 1);
    const std::size_t n = book.organisations.size();
    int first = 0;
    bool any = false;
    for (const Row& row : f.rows) {
        if (!row.counts || !row.membership || row.year > year || row.org < 0) continue;
        auto& v = states[static_cast<std::size_t>(row.year - f.first_year)];
        if (v.empty()) v.assign(n, YearState{});
        if (!any || row.year < first) first = row.year;
        any = true;
        YearState& s = v[static_cast<std::size_t>(row.org)];
        s.invoiced = true;
        if (row.paid < row.total) {
            s.unpaid = true;
            if (on > row.due.add_days(catalog.rules.grace_days)) s.past_grace = true;
        }
    }
    std::vector<RetentionYear> out;
    if (!any) return out;
    auto of_year = [&](int y) -> const std::vector<YearState>* {
        if (y < f.first_year || y > f.last_year) return nullptr;
        const std::vector<YearState>& v = states[static_cast<std::size_t>(y - f.first_year)];
        return v.empty() ? nullptr : &v;
    };
    for (int y = first + 1; y <= year; ++y) {
        RetentionYear r;
        r.year = y;
        const std::vector<YearState>* prev = of_year(y - 1);
        const std::vector<YearState>* cur = of_year(y);
        for (std::size_t o = 0; o < n; ++o) {
            bool was = prev && (*prev)[o].invoiced && !(*prev)[o].unpaid;
            const YearState* s = cur ? &(*cur)[o] : nullptr;
            bool paid = s && s->invoiced && !s->unpaid;
            if (!was) {
                if (paid) ++r.new_members;
                continue;
            }
            ++r.members_at_start;
            const Organisation& org = book.organisations[o];
            bool cancelled = org.cancelled_on && *org.cancelled_on <= on;
            if (paid) ++r.renewed;
            else if (cancelled || (s && s->invoiced && s->past_grace)) ++r.lapsed;
            else if (s && s->invoiced) ++r.pending;
            else ++r.not_invoiced;
        }
        r.rate_per_mille = r.members_at_start ? scale_rounded(r.renewed, 1000, r.members_at_start) : 0;
        out.push_back(r);
    }
    return out;
}

// [SECTION] Aging ------------------------------------------------------------------------------

AgingReport aging(const Facts& f, Date on) {
    AgingReport a;
    for (const char* b : {"not_yet_due", "0-30", "31-60", "61-90", "90+"}) a.buckets.push_back({b, 0, 0});
    for (const Row& row : f.rows) {
        if (!row.counts) continue;
        std::int64_t left = row.total - row.paid;
        if (left <= 0) continue;
        // The due day itself is not late (status.hpp): 1-30 days late falls in "0-30".
        int late = days_between(row.due, on);
        std::size_t b = late <= 0 ? 0 : late <= 30 ? 1 : late <= 60 ? 2 : late <= 90 ? 3 : 4;
        a.buckets[b].invoices += 1;
        a.buckets[b].amount += left;
        a.invoices += 1;
        a.amount += left;
    }
    return a;
}

// [SECTION] JSON -------------------------------------------------------------------------------

Json figures_json(const RevenueFigures& f) {
    return Json{{"invoiced", f.invoiced}, {"collected", f.collected}, {"outstanding", f.outstanding},
                {"invoices", f.invoices}};
}

Json counts_json(const std::map<std::string, StatusCounts>& m) {
    Json out = Json::object();
    for (const auto& [key, c] : m)
        out[key] = Json{{"organisations", c.organisations}, {"members", c.members}, {"current", c.current},
                        {"grace", c.grace},   {"pending", c.pending}, {"lapsed", c.lapsed},
                        {"cancelled", c.cancelled}};
    return out;
}

}  // namespace

// [SECTION] Public API -------------------------------------------------------------------------

int invoice_year(const Invoice& invoice) {
    return invoice.membership_year ? *invoice.membership_year : invoice.issued.year();
}

namespace {

// status.cpp's membership_status, over the gathered facts.
// `own` is the organisation's position; with duplicate ids the first record holds the invoices,
// for every duplicate (as in status.cpp).
MembershipStatus status_of(const Organisation& org, std::size_t own, const Facts& f, int grace, Date on) {
    if (!org.tier) return MembershipStatus::Prospect;
    if (org.cancelled_on && *org.cancelled_on <= on) return MembershipStatus::Cancelled;
    if (org.member_since && *org.member_since > on) return MembershipStatus::Pending;
    const std::size_t pos = f.duplicate_orgs ? static_cast<std::size_t>(f.find_org(org.id)) : own;
    bool lapsed = false, late = false, joining_unpaid = false;
    for (std::uint32_t k = f.by_org_start[pos]; k < f.by_org_start[pos + 1]; ++k) {
        const Row& row = f.rows[f.by_org[k]];
        if (!row.counts) continue;  // drafts, voids, and invoices issued after `on`
        if (row.paid >= row.total) continue;
        if (on > row.due.add_days(grace)) lapsed = true;
        else if (on > row.due) late = true;
        if (org.member_since && row.membership_year != 0 && row.membership_year == org.member_since->year())
            joining_unpaid = true;
    }
    if (lapsed) return MembershipStatus::Lapsed;
    if (joining_unpaid) return MembershipStatus::Pending;
    if (late) return MembershipStatus::Grace;
    return MembershipStatus::Current;
}

std::vector<YearRevenue> revenue(const Facts& f, const Catalog& catalog) {
    // One slot per (year, tier) from f.first_year: no map lookup per invoice.
    const std::size_t tiers = f.tier_ids.size();
    const std::size_t years = f.last_year >= f.first_year ? static_cast<std::size_t>(f.last_year - f.first_year) + 1 : 0;
    std::vector<RevenueFigures> slots(years * tiers);
    std::vector<bool> seen(years, false);
    for (const Row& row : f.rows) {
        if (!row.counts) continue;
        const std::size_t y = static_cast<std::size_t>(row.year - f.first_year);
        seen[y] = true;
        RevenueFigures& fig = slots[y * tiers + row.tier];
        fig.invoiced += row.total;
        fig.collected += row.paid;
        fig.outstanding += std::max<std::int64_t>(0, row.total - row.paid);
        fig.invoices += 1;
    }
    std::vector<YearRevenue> out;
    for (std::size_t y = 0; y < years; ++y) {
        if (!seen[y]) continue;
        std::map<std::string, RevenueFigures> by_tier;
        for (std::size_t t = 0; t < tiers; ++t)
            if (slots[y * tiers + t].invoices > 0) by_tier[f.tier_ids[t]] = slots[y * tiers + t];
        YearRevenue yr;
        yr.year = f.first_year + static_cast<int>(y);
        yr.tiers = ordered_tiers(by_tier, catalog);
        for (const TierRevenue& t : yr.tiers) add(yr.total, t.figures);
        out.push_back(std::move(yr));
    }
    return out;
}

}  // namespace

std::vector<MembershipStatus> membership_statuses(const Book& book, const Catalog& catalog, Date on) {
    Facts f = gather(book, catalog, on, nullptr);
    std::vector<MembershipStatus> out;
    out.reserve(book.organisations.size());
    for (std::size_t o = 0; o < book.organisations.size(); ++o)
        out.push_back(status_of(book.organisations[o], o, f, catalog.rules.grace_days, on));
    return out;
}

std::vector<YearRevenue> revenue_by_year(const Book& book, const Catalog& catalog, Date on) {
    return revenue(gather(book, catalog, on, nullptr), catalog);
}

namespace {

Report report_of(const Book& book, const Catalog& catalog, int year, Date on, const BookIndex* index) {
    Report r;
    r.year = year;
    r.on = on;
    r.currency = catalog.currency;
    const Facts f = gather(book, catalog, on, index);

    for (YearRevenue& y : revenue(f, catalog)) {
        if (y.year > year) continue;
        if (y.year == year) r.totals.revenue = y.total;
        r.revenue.push_back(std::move(y));
    }
    r.aging = aging(f, on);
    r.retention = retention(book, f, catalog, year, on);

    // Counted in slots (a tier, type or country gets the next slot the first time it is met), named
    // once at the end: no map lookup or allocation by string per organisation.
    std::map<std::string, StatusCounts>* maps[3] = {&r.by_tier, &r.by_type, &r.by_country};
    IdIndex names[3];
    std::vector<StatusCounts> acc[3];
    std::vector<std::string_view> keys[3];  // the name of each slot (views into the book)
    auto slot = [&](int k, const std::string& key) -> StatusCounts& {
        const IdIndex::Entry* e = names[k].find(key);
        if (e) return acc[k][e->second];
        names[k].insert(key, acc[k].size());
        keys[k].push_back(key);
        acc[k].emplace_back();
        return acc[k].back();
    };
    for (std::size_t o = 0; o < book.organisations.size(); ++o) {
        const Organisation& org = book.organisations[o];
        ++r.totals.organisations;
        if (!org.tier) continue;
        MembershipStatus s = status_of(org, o, f, catalog.rules.grace_days, on);
        for (StatusCounts* c : {&slot(0, *org.tier), &slot(1, org.type), &slot(2, org.country)}) {
            ++c->organisations;
            switch (s) {
                case MembershipStatus::Current: ++c->current; ++c->members; break;
                case MembershipStatus::Grace: ++c->grace; ++c->members; break;
                case MembershipStatus::Pending: ++c->pending; break;
                case MembershipStatus::Lapsed: ++c->lapsed; break;
                case MembershipStatus::Cancelled: ++c->cancelled; break;
                case MembershipStatus::Prospect: break;
            }
        }
        if (in_good_standing(s)) ++r.totals.members;
    }
    for (int k = 0; k < 3; ++k)
        for (std::size_t i = 0; i < acc[k].size(); ++i) (*maps[k])[std::string(keys[k][i])] = acc[k][i];

    r.totals.receivables = r.aging.amount;
    r.totals.overdue = r.aging.amount - r.aging.buckets[0].amount;
    for (const Prospect& p : book.prospects)
        if (p.stage != Stage::Joined && p.stage != Stage::Declined) ++r.totals.open_prospects;
    if (!r.retention.empty() && r.retention.back().year == year)
        r.totals.retention_per_mille = r.retention.back().rate_per_mille;
    return r;
}

}  // namespace

Report build_report(const Book& book, const Catalog& catalog, int year, Date on) {
    return report_of(book, catalog, year, on, nullptr);
}

Report build_report(const Book& book, const Catalog& catalog, int year, Date on, const BookIndex& index) {
    return report_of(book, catalog, year, on, &index);
}

Json report_to_json(const Report& r) {
    Json revenue = Json::array();
    for (const YearRevenue& y : r.revenue) {
        Json tiers = Json::array();
        for (const TierRevenue& t : y.tiers) {
            Json j = figures_json(t.figures);
            j["tier"] = t.tier;
            j["label"] = t.label;
            tiers.push_back(std::move(j));
        }
        revenue.push_back(Json{{"year", y.year}, {"tiers", std::move(tiers)}, {"total", figures_json(y.total)}});
    }
    Json buckets = Json::array();
    for (const AgingBucket& b : r.aging.buckets)
        buckets.push_back(Json{{"bucket", b.bucket}, {"invoices", b.invoices}, {"amount", b.amount}});
    Json retention = Json::array();
    for (const RetentionYear& y : r.retention)
        retention.push_back(Json{{"year", y.year},
                                 {"members_at_start", y.members_at_start},
                                 {"renewed", y.renewed},
                                 {"pending", y.pending},
                                 {"lapsed", y.lapsed},
                                 {"not_invoiced", y.not_invoiced},
                                 {"new", y.new_members},
                                 {"rate_per_mille", y.rate_per_mille},
                                 {"rate", Json{{"num", y.renewed}, {"den", y.members_at_start}}}});
    const ReportTotals& t = r.totals;
    return Json{
        {"schema", kReportSchema},
        {"year", r.year},
        {"on", r.on.iso()},
        {"currency", r.currency},
        {"totals", Json{{"organisations", t.organisations},
                        {"members", t.members},
                        {"revenue", figures_json(t.revenue)},
                        {"receivables", t.receivables},
                        {"overdue", t.overdue},
                        {"open_prospects", t.open_prospects},
                        {"retention_per_mille", t.retention_per_mille}}},
        {"revenue", std::move(revenue)},
        {"aging", Json{{"buckets", std::move(buckets)}, {"invoices", r.aging.invoices}, {"amount", r.aging.amount}}},
        {"retention", std::move(retention)},
        {"members", Json{{"by_tier", counts_json(r.by_tier)},
                         {"by_type", counts_json(r.by_type)},
                         {"by_country", counts_json(r.by_country)}}},
    };
}

}  // namespace portal
