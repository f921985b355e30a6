#include "sync/merge.hpp"

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "core/json_book_records.hpp"
#include "store/book_codec.hpp"

namespace portal::sync {

namespace {

const char* const kCollections[] = {"organisations", "invoices", "payments", "prospects"};

bool is_collection(const std::string& key) {
    for (const char* c : kCollections)
        if (key == c) return true;
    return false;
}

const Json* member(const Json* obj, const std::string& key) {
    if (!obj || !obj->is_object()) return nullptr;
    auto it = obj->find(key);
    return it == obj->end() ? nullptr : &*it;
}

bool same(const Json* a, const Json* b) {
    if (!a || !b) return a == b;
    return *a == *b;
}

// Keys of up to three objects, in first-seen order (mine, then theirs, then base).
std::vector<std::string> union_keys(const Json* mine, const Json* theirs, const Json* base) {
    std::vector<std::string> keys;
    std::set<std::string> seen;
    for (const Json* obj : {mine, theirs, base}) {
        if (!obj || !obj->is_object()) continue;
        for (auto it = obj->begin(); it != obj->end(); ++it)
            if (seen.insert(it.key()).second) keys.push_back(it.key());
    }
    return keys;
}

struct Merger {
    const Decisions& decisions;
    MergeResult& result;

    // Three-way choice of one value; nullptr means absent. Records a conflict when needed.
    const Json* pick(const Json* b, const Json* m, const Json* t, const std::string& collection, const std::string& id,
                     const std::string& field) {
        if (same(m, t)) return m;
        if (same(m, b)) return t;
        if (same(t, b)) return m;
        if (field == "updated" && m && t && m->is_string() && t->is_string())
            return m->get<std::string>() >= t->get<std::string>() ? m : t;
        Conflict c;
        c.collection = collection;
        c.id = id;
        c.field = field;
        c.in_base = b != nullptr;
        c.in_mine = m != nullptr;
        c.in_theirs = t != nullptr;
        if (b) c.base = *b;
        if (m) c.mine = *m;
        if (t) c.theirs = *t;
        auto d = decisions.find(c.key());
        if (d != decisions.end()) {
            result.decided.push_back(std::move(c));
            return d->second == Take::Mine ? m : t;
        }
        result.conflicts.push_back(std::move(c));
        return m;
    }

    // A record present on at least one side; returns false when the merge deletes it.
    bool merge_record(const Json* b, const Json* m, const Json* t, const std::string& collection, const std::string& id,
                      Json& out) {
        if (!m && !t) return false;  // deleted on both sides
        if (!m || !t) {
            // Deleted (or never seen) on one side: fine if the other side did not change it.
            const Json* kept = m ? m : t;
            if (!b) {
                out = *kept;
                return true;
            }
            if (same(kept, b)) return false;
            const Json* chosen = pick(b, m, t, collection, id, "");
            if (!chosen) return false;
            out = *chosen;
            return true;
        }
        if (!m->is_object() || !t->is_object()) {
            const Json* chosen = pick(b, m, t, collection, id, "");
            if (!chosen) return false;
            out = *chosen;
            return true;
        }
        out = Json::object();
        const Json* base_obj = b && b->is_object() ? b : nullptr;
        for (const auto& key : union_keys(m, t, base_obj)) {
            const Json* v = pick(member(base_obj, key), member(m, key), member(t, key), collection, id, key);
            if (v) out[key] = *v;
        }
        return true;
    }

    static std::string record_id(const Json& rec) {
        if (rec.is_object()) {
            auto it = rec.find("id");
            if (it != rec.end() && it->is_string()) return it->get<std::string>();
        }
        return "#" + rec.dump();  // no id: identified by content
    }

    Json merge_array(const Json* b, const Json* m, const Json* t, const std::string& collection) {
        auto index = [](const Json* arr) {
            std::map<std::string, const Json*> by_id;
            if (arr && arr->is_array())
                for (const auto& rec : *arr) by_id.emplace(record_id(rec), &rec);
            return by_id;
        };
        auto bi = index(b), mi = index(m), ti = index(t);
        auto find = [](const std::map<std::string, const Json*>& idx, const std::string& id) -> const Json* {
            auto it = idx.find(id);
            return it == idx.end() ? nullptr : it->second;
        };
        // Order: theirs (the shared copy), then records only mine has, then base leftovers.
        std::vector<std::string> order;
        std::set<std::string> seen;
        for (const Json* arr : {t, m, b})
            if (arr && arr->is_array())
                for (const auto& rec : *arr) {
                    std::string id = record_id(rec);
                    if (seen.insert(id).second) order.push_back(id);
                }
        Json out = Json::array();
        for (const auto& id : order) {
            Json rec;
            if (merge_record(find(bi, id), find(mi, id), find(ti, id), collection, id, rec)) out.push_back(std::move(rec));
        }
        return out;
    }

    // Union of audit entries, ordered by time then seq (keys computed once per entry).
    static Json merge_audit(const Json* b, const Json* m, const Json* t) {
        struct Entry {
            std::string at;
            std::int64_t seq = 0;
            std::string identity;
            const Json* json;
        };
        std::map<std::string, Entry> by_key;
        for (const Json* arr : {b, m, t}) {
            if (!arr || !arr->is_array()) continue;
            for (const auto& e : *arr) {
                Entry entry{"", 0, "", &e};
                if (e.is_object()) {
                    auto at = e.find("at");
                    auto seq = e.find("seq");
                    if (at != e.end() && at->is_string()) entry.at = at->get<std::string>();
                    if (seq != e.end() && seq->is_number_integer()) entry.seq = seq->get<std::int64_t>();
                    entry.identity = Json::array({e.value("seq", Json()), e.value("at", Json()), e.value("who", Json()),
                                                  e.value("summary", Json())})
                                         .dump();
                } else {
                    entry.identity = e.dump();
                }
                std::string key = entry.identity;
                by_key.emplace(std::move(key), std::move(entry));
            }
        }
        std::vector<const Entry*> entries;
        entries.reserve(by_key.size());
        for (auto& kv : by_key) entries.push_back(&kv.second);
        std::stable_sort(entries.begin(), entries.end(), [](const Entry* x, const Entry* y) {
            return std::tie(x->at, x->seq, x->identity) < std::tie(y->at, y->seq, y->identity);
        });
        Json out = Json::array();
        for (const Entry* e : entries) out.push_back(*e->json);
        return out;
    }
};

// [SECTION] The typed merge: Merger's rules, applied only where the records differ ----------

template <class R>
struct RecordJson {
    Json (*to_json)(const R&);
    Read<R> (*from_json)(const Json&);
};

struct BookMerger {
    Merger& json;  // the member-by-member rules and the conflict lists
    Problems& problems;

    // A record the sides disagree on: merged as JSON by Merger, read back into a record.
    template <class R>
    void merge_as_json(const R* b, const R* m, const R* t, const std::string& collection, const std::string& id,
                       RecordJson<R> codec, std::vector<R>& out) {
        Json jb = b ? codec.to_json(*b) : Json(), jm = m ? codec.to_json(*m) : Json(), jt = t ? codec.to_json(*t) : Json();
        Json merged;
        if (!json.merge_record(b ? &jb : nullptr, m ? &jm : nullptr, t ? &jt : nullptr, collection, id, merged)) return;
        Read<R> read = codec.from_json(merged);
        if (!read.ok()) {
            std::string at = "/" + collection + "/" + std::to_string(out.size());
            for (auto& p : read.problems) problems.push_back({at + p.pointer, p.message});
            return;
        }
        out.push_back(std::move(*read.value));
    }

    // Same outcome as Merger::merge_record on the records' JSON: when two sides are equal the
    // member-wise rules reduce to taking a whole record, so only real differences pay for JSON.
    template <class R>
    void merge_one(const R* b, const R* m, const R* t, const std::string& collection, RecordJson<R> codec,
                   std::vector<R>& out) {
        if (!m && !t) return;  // deleted on both sides
        if (!m || !t) {
            const R* kept = m ? m : t;
            if (!b) return out.push_back(*kept);
            if (store::same(*kept, *b)) return;  // deleted on one side, unchanged on the other
        } else if (store::same(*m, *t)) {
            return out.push_back(*m);
        } else if (b && store::same(*m, *b)) {
            return out.push_back(*t);
        } else if (b && store::same(*t, *b)) {
            return out.push_back(*m);
        }
        merge_as_json(b, m, t, collection, (m ? m : t)->id, codec, out);
    }

    // Records matched by id, in the order of theirs, then records only mine has (as merge_array).
    // Ids are unique within each side (read_book, check_book_references and the reducer see to it).
    template <class R>
    std::vector<R> records(const std::vector<R>* b, const std::vector<R>& m, const std::vector<R>& t,
                           const std::string& collection, RecordJson<R> codec) {
        // The sides usually share a long prefix of the same ids in the same order (records are
        // appended): merge it position by position, and match only the rest by id. With unique
        // ids no id of the rest can be in the prefix, so the order and result are the same.
        std::size_t k = std::min(m.size(), t.size());
        if (b) k = std::min(k, b->size());
        for (std::size_t i = 0; i < k; ++i)
            if (m[i].id != t[i].id || (b && (*b)[i].id != t[i].id)) {
                k = i;
                break;
            }
        std::vector<R> out;
        out.reserve(std::max(m.size(), t.size()));
        for (std::size_t i = 0; i < k; ++i) merge_one(b ? &(*b)[i] : nullptr, &m[i], &t[i], collection, codec, out);
        if (k == m.size() && k == t.size() && (!b || k == b->size())) return out;
        return by_id(b, m, t, k, collection, codec, std::move(out));
    }

    template <class R>
    std::vector<R> by_id(const std::vector<R>* b, const std::vector<R>& m, const std::vector<R>& t, std::size_t k,
                         const std::string& collection, RecordJson<R> codec, std::vector<R> out) {
        using Index = std::unordered_map<std::string_view, const R*>;
        auto index = [k](const std::vector<R>* v) {
            Index idx;
            if (!v || v->size() <= k) return idx;
            idx.reserve(v->size() - k);
            for (std::size_t i = k; i < v->size(); ++i) idx.emplace((*v)[i].id, &(*v)[i]);  // a duplicate: the first counts
            return idx;
        };
        const Index bi = index(b), mi = index(&m), ti = index(&t);
        auto find = [](const Index& idx, std::string_view id) -> const R* {
            auto it = idx.find(id);
            return it == idx.end() ? nullptr : it->second;
        };
        std::unordered_set<std::string_view> seen;
        seen.reserve(std::max(m.size(), t.size()) - k);
        auto visit = [&](const std::vector<R>* side) {
            if (!side) return;
            for (std::size_t i = k; i < side->size(); ++i) {
                const R& r = (*side)[i];
                if (seen.insert(r.id).second) merge_one(find(bi, r.id), find(mi, r.id), find(ti, r.id), collection, codec, out);
            }
        };
        visit(&t);
        visit(&m);
        visit(b);
        return out;
    }

    static std::string identity(const AuditEntry& e) {
        return Json::array({e.seq, e.at, e.who, e.summary}).dump(-1, ' ', false, Json::error_handler_t::replace);
    }

    // Union of the three logs, ordered by time, seq, then identity (as Merger::merge_audit).
    static std::vector<AuditEntry> audit(const std::vector<AuditEntry>* b, const std::vector<AuditEntry>& m,
                                         const std::vector<AuditEntry>& t) {
        struct Entry {
            std::string identity;
            const AuditEntry* e;
        };
        std::vector<Entry> entries;
        std::unordered_set<std::string> seen;
        for (const std::vector<AuditEntry>* log : {b, &m, &t}) {
            if (!log) continue;
            for (const AuditEntry& e : *log) {
                std::string id = identity(e);
                if (seen.insert(id).second) entries.push_back({std::move(id), &e});
            }
        }
        std::sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
            return std::tie(x.e->at, x.e->seq, x.identity) < std::tie(y.e->at, y.e->seq, y.identity);
        });
        std::vector<AuditEntry> out;
        out.reserve(entries.size());
        for (const Entry& e : entries) out.push_back(*e.e);
        return out;
    }
};

std::string short_value(const Json& v, bool present) {
    if (!present) return "(absent)";
    std::string s = v.dump();
    if (s.size() > 80) s = s.substr(0, 77) + "...";
    return s;
}

}  // namespace

std::string Conflict::key() const { return collection + "/" + id + "/" + field; }

std::string Conflict::describe() const {
    std::string where = collection + (id.empty() ? "" : "/" + id);
    if (field.empty()) {
        return where + ": " + (in_mine ? "changed" : "deleted") + " here, " + (in_theirs ? "changed" : "deleted") +
               " on the host";
    }
    return where + " field " + field + ": mine " + short_value(mine, in_mine) + ", theirs " +
           short_value(theirs, in_theirs) + " (was " + short_value(base, in_base) + ")";
}

MergeResult three_way_merge(const Json& base, const Json& mine, const Json& theirs, const Decisions& decisions) {
    MergeResult result;
    Merger merger{decisions, result};
    const Json* b = base.is_object() ? &base : nullptr;
    const Json* m = &mine;
    const Json* t = &theirs;
    Json out = Json::object();
    for (const auto& key : union_keys(m, t, b)) {
        const Json* bv = member(b, key);
        const Json* mv = member(m, key);
        const Json* tv = member(t, key);
        if (is_collection(key)) {
            out[key] = merger.merge_array(bv, mv, tv, key);
        } else if (key == "audit") {
            out[key] = Merger::merge_audit(bv, mv, tv);
        } else if (key == "committees" && (!mv || mv->is_object()) && (!tv || tv->is_object())) {
            Json committees = Json::object();
            for (const auto& sub : union_keys(mv, tv, bv)) {
                const Json* bs = member(bv, sub);
                const Json* ms = member(mv, sub);
                const Json* ts = member(tv, sub);
                if ((ms && ms->is_array()) || (ts && ts->is_array())) {
                    committees[sub] = merger.merge_array(bs, ms, ts, "committees/" + sub);
                } else if (const Json* v = merger.pick(bs, ms, ts, "committees", "", sub)) {
                    committees[sub] = *v;
                }
            }
            out[key] = std::move(committees);
        } else if (const Json* v = merger.pick(bv, mv, tv, "book", "", key)) {
            out[key] = *v;
        }
    }
    result.merged = std::move(out);
    return result;
}

BookMergeResult merge_books(const Book* base, const Book& mine, const Book& theirs, const Decisions& decisions) {
    MergeResult conflicts;
    Merger json{decisions, conflicts};
    BookMergeResult result;
    BookMerger merger{json, result.problems};
    Book& out = result.merged;

    // Top-level members in the order three_way_merge meets them (sorted, as in a JSON object), so
    // conflicts are listed in the same order: the known collections and any unknown members.
    std::set<std::string> keys = {"audit", "committees", "invoices", "organisations", "payments", "prospects"};
    for (const Json* extra : {&mine.extra, &theirs.extra, base ? &base->extra : nullptr})
        if (extra && extra->is_object())
            for (auto it = extra->begin(); it != extra->end(); ++it) keys.insert(it.key());
    const RecordJson<Organisation> orgs{organisation_to_json, organisation_from_json};
    const RecordJson<Seat> seats{seat_to_json, seat_from_json};
    for (const std::string& key : keys) {
        if (key == "audit") {
            out.audit = BookMerger::audit(base ? &base->audit : nullptr, mine.audit, theirs.audit);
        } else if (key == "committees") {
            for (Committee c : {Committee::EC, Committee::OC, Committee::TRC})
                out.committees.of(c) = merger.records(base ? &base->committees.of(c) : nullptr, mine.committees.of(c),
                                                      theirs.committees.of(c), std::string("committees/") + to_string(c), seats);
        } else if (key == "invoices") {
            out.invoices = merger.records(base ? &base->invoices : nullptr, mine.invoices, theirs.invoices, key,
                                          RecordJson<Invoice>{invoice_to_json, invoice_from_json});
        } else if (key == "organisations") {
            out.organisations = merger.records(base ? &base->organisations : nullptr, mine.organisations,
                                               theirs.organisations, key, orgs);
        } else if (key == "payments") {
            out.payments = merger.records(base ? &base->payments : nullptr, mine.payments, theirs.payments, key,
                                          RecordJson<Payment>{payment_to_json, payment_from_json});
        } else if (key == "prospects") {
            out.prospects = merger.records(base ? &base->prospects : nullptr, mine.prospects, theirs.prospects, key,
                                           RecordJson<Prospect>{prospect_to_json, prospect_from_json});
        } else if (const Json* v = json.pick(member(base ? &base->extra : nullptr, key), member(&mine.extra, key),
                                             member(&theirs.extra, key), "book", "", key)) {
            if (!out.extra.is_object()) out.extra = Json::object();
            out.extra[key] = *v;
        }
    }
    result.conflicts = std::move(conflicts.conflicts);
    result.decided = std::move(conflicts.decided);
    return result;
}

bool merge_gives_theirs(const Book* base, const Book& mine, const Book& theirs) {
    if (base) return false;
    if (!mine.organisations.empty() || !mine.invoices.empty() || !mine.payments.empty() || !mine.prospects.empty() ||
        !mine.audit.empty() || (mine.extra.is_object() && !mine.extra.empty()))
        return false;
    for (Committee c : {Committee::EC, Committee::OC, Committee::TRC})
        if (!mine.committees.of(c).empty()) return false;
    // The merged log is sorted by (at, seq, identity) without duplicates: is theirs already?
    std::string previous;
    for (std::size_t i = 0; i < theirs.audit.size(); ++i) {
        std::string id = BookMerger::identity(theirs.audit[i]);
        if (i > 0) {
            const AuditEntry& a = theirs.audit[i - 1];
            const AuditEntry& b = theirs.audit[i];
            if (!(std::tie(a.at, a.seq, previous) < std::tie(b.at, b.seq, id))) return false;
        }
        previous = std::move(id);
    }
    return true;
}

}  // namespace portal::sync
