#include "sync/merge.hpp"

#include <algorithm>
#include <set>
#include <tuple>

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

}  // namespace portal::sync
