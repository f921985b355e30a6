#include "store/store.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "core/json_io.hpp"
#include "store/book_codec.hpp"
#include "store/crc32.hpp"

namespace portal::store {

// [SECTION] Names and small helpers -----------------------------------------------------------

namespace {

std::string snapshot_name(std::int64_t id) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "snapshot-%08lld.json", static_cast<long long>(id));
    return buf;
}

std::string segment_name(std::int64_t first_seq) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "journal-%012lld.log", static_cast<long long>(first_seq));
    return buf;
}

// "snapshot-00000007.json" -> 7; -1 when the name is not ours.
std::int64_t number_in(const std::string& name, const std::string& prefix, const std::string& suffix) {
    if (name.size() <= prefix.size() + suffix.size()) return -1;
    if (name.compare(0, prefix.size(), prefix) != 0) return -1;
    if (name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) return -1;
    std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
    if (digits.empty() || digits.size() > 15) return -1;
    std::int64_t n = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return -1;
        n = n * 10 + (c - '0');
    }
    return n;
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "portal-snapshot/3" -> 3; -1 when the schema is not of that family.
int schema_version(const Json& doc, const std::string& family) {
    if (!doc.is_object()) return -1;
    auto it = doc.find("schema");
    if (it == doc.end() || !it->is_string()) return -1;
    const std::string& s = it->get_ref<const std::string&>();
    std::string prefix = family + "/";
    if (s.compare(0, prefix.size(), prefix) != 0 || s.size() == prefix.size()) return -1;
    int v = 0;
    for (std::size_t i = prefix.size(); i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9' || v > 100000) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

std::int64_t int_member(const Json& doc, const char* key, std::int64_t fallback = -1) {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_number_integer()) return fallback;
    return it->get<std::int64_t>();
}

std::string string_member(const Json& doc, const char* key) {
    auto it = doc.find(key);
    if (it == doc.end() || !it->is_string()) return "";
    return it->get<std::string>();
}

// The first line of a file (a snapshot header) without reading a large book.
std::string read_first_line(const std::string& path) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return "";
    std::string line;
    char buf[4096];
    while (line.size() < (1u << 20)) {
        std::size_t n = std::fread(buf, 1, sizeof buf, f);
        if (n == 0) break;
        const char* nl = static_cast<const char*>(std::memchr(buf, '\n', n));
        if (nl) {
            line.append(buf, static_cast<std::size_t>(nl - buf));
            break;
        }
        line.append(buf, n);
    }
    std::fclose(f);
    return line;
}

Json context_json(const ActionContext& ctx) {
    return Json{{"who", ctx.who}, {"at", ctx.at}, {"today", ctx.today.iso()}};
}

ActionContext context_from(const Json& entry) {
    ActionContext ctx;
    ctx.who = string_member(entry, "who");
    ctx.at = string_member(entry, "at");
    if (auto d = Date::parse(string_member(entry, "today"))) ctx.today = *d;
    return ctx;
}

AuditEntry restore_audit_entry(const Book& current, std::int64_t snapshot_id, const std::string& taken_at,
                               const ActionContext& ctx) {
    AuditEntry e;
    e.seq = current.audit.empty() ? 1 : current.audit.back().seq + 1;
    e.at = ctx.at;
    e.who = ctx.who;
    e.summary = "Restored snapshot " + std::to_string(snapshot_id) +
                (taken_at.empty() ? std::string() : " taken at " + taken_at);
    e.action = Json{{"type", "restore_snapshot"}, {"snapshot", snapshot_id}};
    return e;
}

struct LoadedSnapshot {
    Book book;
    Json header;
};

bool load_snapshot(const std::string& dir, std::int64_t id, const Catalog& catalog, LoadedSnapshot& out,
                   std::string& error) {
    std::string path = join_path(dir, snapshot_name(id));
    auto text = read_whole_file(path, &error);
    if (!text) return false;
    SnapshotFile file;
    if (!parse_snapshot_file(*text, file, error)) {
        error = snapshot_name(id) + ": " + error;
        return false;
    }
    if (file.binary()) {
        std::string why;
        if (!decode_book(file.body, out.book, why)) {
            error = snapshot_name(id) + ": " + why;
            return false;
        }
    } else {
        // Older snapshots hold JSON text: the streaming typed reader, checked like an import.
        auto read = read_book(file.body, catalog);
        if (!read.ok()) {
            error = snapshot_name(id) + ": the book is invalid";
            if (!read.problems.empty())
                error += " (" + read.problems.front().pointer + ": " + read.problems.front().message + ")";
            return false;
        }
        out.book = std::move(*read.value);
    }
    out.header = std::move(file.header);
    return true;
}

}  // namespace

// [SECTION] File formats and migrations -------------------------------------------------------

std::string format_journal_line(const Json& entry) {
    std::string body = entry.dump();
    return crc32_hex(body) + " " + body + "\n";
}

bool parse_journal_line(std::string_view line, Json& entry) {
    if (line.size() < 11 || line[8] != ' ') return false;
    std::string_view body = line.substr(9);
    if (crc32_hex(body) != line.substr(0, 8)) return false;
    entry = Json::parse(body.begin(), body.end(), nullptr, false);
    return !entry.is_discarded() && entry.is_object();
}

bool SnapshotFile::binary() const {
    auto it = header.find("encoding");
    return it != header.end() && it->is_string() && *it == kBookBinaryEncoding;
}

std::string format_snapshot_file(const Json& header_without_check, const std::string& body) {
    Json header = header_without_check;
    header["schema"] = kSnapshotSchema;
    header["bytes"] = body.size();
    header["crc32"] = crc32_hex(body);
    return header.dump() + "\n" + body + "\n";
}

namespace {

// v0 snapshots were one JSON object holding the book, with no checksum.
bool migrate_snapshot_v0(SnapshotFile& file, std::string& error) {
    const Json& doc = file.header;
    auto book = doc.find("book");
    if (book == doc.end() || !book->is_object()) {
        error = "/book: missing in a portal-snapshot/0 file";
        return false;
    }
    std::string body = book->dump();
    Json header = {{"schema", "portal-snapshot/1"},
                   {"seq", int_member(doc, "seq", 0)},
                   {"taken_at", string_member(doc, "taken_at")},
                   {"label", "migrated from portal-snapshot/0"},
                   {"bytes", body.size()},
                   {"crc32", crc32_hex(body)}};
    file.header = std::move(header);
    file.body = std::move(body);
    return true;
}

// migrations[v] turns a version-v file into version v+1. Add one entry per format change.
using Migration = bool (*)(SnapshotFile&, std::string&);
const Migration kSnapshotMigrations[] = {migrate_snapshot_v0};

}  // namespace

bool parse_snapshot_file(const std::string& text, SnapshotFile& out, std::string& error) {
    auto nl = text.find('\n');
    std::string first = text.substr(0, nl);
    Json header = Json::parse(first, nullptr, false);
    if (header.is_discarded() || !header.is_object()) {
        // v0 files are a single (possibly pretty-printed) JSON object.
        header = Json::parse(text, nullptr, false);
        if (header.is_discarded() || !header.is_object()) {
            error = "header is not valid JSON (torn or corrupt file)";
            return false;
        }
    }
    int version = schema_version(header, "portal-snapshot");
    if (version < 0) {
        error = "/schema: not a portal-snapshot file";
        return false;
    }
    if (version > kSnapshotVersion) {
        error = "/schema: portal-snapshot/" + std::to_string(version) + " was written by a newer version (this one reads up to /" +
                std::to_string(kSnapshotVersion) + ")";
        return false;
    }
    SnapshotFile file;
    file.header = std::move(header);
    if (version >= 1) {  // v1 and v2: header line, body, size and CRC-32
        std::int64_t bytes = int_member(file.header, "bytes");
        std::string crc = string_member(file.header, "crc32");
        if (nl == std::string::npos || bytes < 0 || text.size() != nl + 1 + static_cast<std::size_t>(bytes) + 1 ||
            text.back() != '\n') {
            error = "size does not match the header (torn or truncated file)";
            return false;
        }
        file.body = text.substr(nl + 1, static_cast<std::size_t>(bytes));
        if (crc32_hex(file.body) != crc) {
            error = "checksum mismatch (corrupt file)";
            return false;
        }
    } else {
        for (int v = version; v < 1; ++v)  // up to the framing of v1 (its JSON body is read as is)
            if (!kSnapshotMigrations[v](file, error)) return false;
    }
    out = std::move(file);
    return true;
}

// [SECTION] Opening: newest valid snapshot, then replay ---------------------------------------

Store::Store(std::string dir, Catalog catalog, StoreOptions options)
    : dir_(std::move(dir)), catalog_(std::move(catalog)), options_(std::move(options)) {
    if (!options_.reducer) options_.reducer = apply_action;
}

Store::~Store() = default;

OpenResult Store::open(const std::string& dir, const Catalog& catalog, StoreOptions options) {
    OpenResult r;
    std::string err;
    if (!make_dirs(dir, err)) {
        r.error = err;
        return r;
    }
    std::unique_ptr<Store> s(new Store(dir, catalog, std::move(options)));

    std::vector<std::int64_t> snapshot_ids, segment_firsts;
    for (const auto& name : list_dir(dir)) {
        if (ends_with(name, ".tmp")) {
            remove_file(join_path(dir, name));  // an interrupted write-then-rename
            continue;
        }
        if (auto id = number_in(name, "snapshot-", ".json"); id >= 0) snapshot_ids.push_back(id);
        if (auto first = number_in(name, "journal-", ".log"); first >= 0) segment_firsts.push_back(first);
    }
    const std::vector<std::int64_t>& absent = s->options_.absent_snapshots;
    auto is_absent = [&](std::int64_t id) { return std::find(absent.begin(), absent.end(), id) != absent.end(); };
    auto needs_absent = [&](std::int64_t id) {
        r.error = snapshot_name(id) + " is not read yet";
        r.incomplete = true;
        return std::move(r);
    };
    for (std::int64_t id : absent)
        if (std::find(snapshot_ids.begin(), snapshot_ids.end(), id) == snapshot_ids.end()) snapshot_ids.push_back(id);
    std::sort(snapshot_ids.begin(), snapshot_ids.end());
    std::sort(segment_firsts.begin(), segment_firsts.end());
    if (!snapshot_ids.empty()) s->next_snapshot_id_ = snapshot_ids.back() + 1;

    // The newest snapshot that reads back whole; older ones are the fallback.
    Book book;
    std::int64_t snap_seq = 0;
    for (auto it = snapshot_ids.rbegin(); it != snapshot_ids.rend(); ++it) {
        if (is_absent(*it)) return needs_absent(*it);
        LoadedSnapshot snap;
        std::string why;
        if (load_snapshot(dir, *it, s->catalog_, snap, why)) {
            book = std::move(snap.book);
            snap_seq = int_member(snap.header, "seq", 0);
            break;
        }
        if (why.find("newer version") != std::string::npos) {
            r.error = why;  // never overwrite what a newer build wrote
            return r;
        }
        r.warnings.push_back("skipped " + why);
    }

    std::int64_t last = snap_seq, max_seen = snap_seq, replayed = 0;
    bool stopped_early = false;   // corruption before the tail: later entries are unreachable
    bool need_new_segment = true; // the last segment cannot take appends as it is
    for (std::size_t i = 0; i < segment_firsts.size() && !stopped_early; ++i) {
        const bool is_last = i + 1 == segment_firsts.size();
        const std::string name = segment_name(segment_firsts[i]);
        const std::string path = join_path(dir, name);
        auto text = read_whole_file(path, &err);
        if (!text) {
            r.warnings.push_back(err);
            stopped_early = !is_last;
            continue;
        }
        std::size_t pos = 0, good_end = 0;
        bool header_ok = false, damaged = false;
        std::int64_t segment_last = segment_firsts[i] - 1;
        while (pos < text->size()) {
            std::size_t nl = text->find('\n', pos);
            if (nl == std::string::npos) {
                damaged = true;  // a line without its newline: the write in flight
                break;
            }
            Json entry;
            if (!parse_journal_line(std::string_view(*text).substr(pos, nl - pos), entry)) {
                damaged = true;
                break;
            }
            if (!header_ok) {
                int version = schema_version(entry, "portal-journal");
                if (version > kJournalVersion) {
                    r.error = name + ": /schema: " + string_member(entry, "schema") +
                              " was written by a newer version";
                    return r;
                }
                if (version != kJournalVersion) {
                    damaged = true;
                    break;
                }
                header_ok = true;
            } else {
                std::int64_t seq = int_member(entry, "seq");
                max_seen = std::max(max_seen, seq);
                if (seq <= last) {
                    // already inside the snapshot
                } else if (seq != last + 1) {
                    r.warnings.push_back(name + ": entry " + std::to_string(seq) + " follows " + std::to_string(last) +
                                         " (gap): stopped there");
                    stopped_early = true;
                    break;
                } else {
                    const std::string kind = string_member(entry, "kind");
                    const ActionContext ctx = context_from(entry);
                    if (kind == "action") {
                        ApplyResult ar = s->options_.reducer(book, s->catalog_, entry["action"], ctx);
                        if (!ar.ok)
                            r.warnings.push_back(name + ": entry " + std::to_string(seq) +
                                                 " was rejected on replay: " + ar.error);
                    } else if (kind == "restore" || kind == "replace") {
                        std::int64_t id = int_member(entry, "snapshot");
                        if (is_absent(id)) return needs_absent(id);
                        LoadedSnapshot snap;
                        std::string why;
                        if (!load_snapshot(dir, id, s->catalog_, snap, why)) {
                            r.warnings.push_back(name + ": entry " + std::to_string(seq) + " (" + kind + "): " + why);
                        } else if (kind == "restore") {
                            AuditEntry audit = restore_audit_entry(book, id, string_member(snap.header, "taken_at"), ctx);
                            snap.book.audit = std::move(book.audit);
                            snap.book.audit.push_back(std::move(audit));
                            book = std::move(snap.book);
                        } else {
                            book = std::move(snap.book);
                        }
                    } else {
                        r.warnings.push_back(name + ": entry " + std::to_string(seq) + " has unknown kind '" + kind + "'");
                    }
                    last = seq;
                    ++replayed;
                }
                segment_last = seq;
            }
            pos = nl + 1;
            good_end = pos;
        }
        if (damaged) {
            if (is_last) {
                r.warnings.push_back(name + ": cut a torn or corrupt tail of " + std::to_string(text->size() - good_end) +
                                     " bytes (at most the change in flight is lost)");
                if (!header_ok) {
                    remove_file(path);
                } else if (!truncate_file(path, good_end)) {
                    r.warnings.push_back(name + ": could not cut the tail; a new journal file follows it");
                    header_ok = false;
                }
            } else {
                r.warnings.push_back(name + ": corrupt entry at byte " + std::to_string(good_end) +
                                     "; later entries cannot be replayed");
                stopped_early = true;
            }
        }
        if (is_last && !stopped_early && header_ok && segment_last == last) {
            need_new_segment = false;
            s->segment_first_ = segment_firsts[i];
            s->segment_size_ = good_end;
        }
    }

    s->last_seq_ = last;
    s->since_snapshot_ = last - snap_seq;
    if (stopped_early) {
        // Entries after the damage are unreachable: record the recovered state at a seq above
        // every entry seen, so no later open replays them out of order.
        s->last_seq_ = max_seen;
        Status st = s->write_snapshot(book, s->next_snapshot_id_++, "", "recovery");
        if (!st) {
            r.error = st.error;
            return r;
        }
    } else if (need_new_segment) {
        Status st = s->start_segment(last + 1);
        if (!st) {
            r.error = st.error;
            return r;
        }
    } else if (!s->journal_.open(join_path(dir, segment_name(s->segment_first_)), err)) {
        r.error = err;
        return r;
    }

    r.book = std::move(book);
    r.snapshot_seq = snap_seq;
    r.replayed = replayed;
    r.last_seq = s->last_seq_;
    r.store = std::move(s);
    return r;
}

// [SECTION] Writing ----------------------------------------------------------------------------

Status Store::start_segment(std::int64_t first_seq) {
    journal_.close();
    std::string path = join_path(dir_, segment_name(first_seq));
    std::string err;
    Json header = {{"schema", kJournalSchema}, {"first_seq", first_seq}};
    const std::string line = format_journal_line(header);
    if (!write_file_atomic(path, line, options_.sync, err)) return Status::fail(err);
    if (!journal_.open(path, err)) return Status::fail(err);
    segment_first_ = first_seq;
    segment_size_ = line.size();
    return {};
}

Status Store::append_entry(Json entry) {
    entry["seq"] = last_seq_ + 1;
    if (options_.segment_bytes > 0 && segment_size_ >= options_.segment_bytes) {
        Status st = start_segment(last_seq_ + 1);
        if (!st) return st;
    }
    const std::string line = format_journal_line(entry);
    std::string err;
    if (!journal_.append(line, options_.sync, err)) return Status::fail(err);
    segment_size_ += line.size();
    ++last_seq_;
    ++since_snapshot_;
    return {};
}

Status Store::append(const Json& action, const ActionContext& ctx) {
    Json entry = context_json(ctx);
    entry["kind"] = "action";
    entry["action"] = action;
    return append_entry(std::move(entry));
}

Status Store::apply(Book& book, const Json& action, const ActionContext& ctx, ApplyResult* result) {
    ApplyResult ar = options_.reducer(book, catalog_, action, ctx);
    if (result) *result = ar;
    if (!ar.ok) return Status::fail(ar.error);
    return append(action, ctx);
}

Status Store::write_snapshot(const Book& book, std::int64_t id, const std::string& at, const std::string& label) {
    std::string body = encode_book(book);
    Json header = {{"id", id}, {"seq", last_seq_}, {"taken_at", at}, {"label", label}, {"encoding", kBookBinaryEncoding}};
    std::string err;
    if (!write_file_atomic(join_path(dir_, snapshot_name(id)), format_snapshot_file(header, body), options_.sync, err))
        return Status::fail(err);
    since_snapshot_ = 0;
    // Later entries go to a fresh journal file, so older files can be deleted with old snapshots.
    if (segment_first_ != last_seq_ + 1 || !journal_.is_open()) {
        Status st = start_segment(last_seq_ + 1);
        if (!st) return st;
    }
    prune();
    return {};
}

Status Store::snapshot(const Book& book, const std::string& at, const std::string& label) {
    return write_snapshot(book, next_snapshot_id_++, at, label);
}

std::vector<SnapshotInfo> Store::list_snapshots() const {
    std::vector<SnapshotInfo> out;
    for (const auto& name : list_dir(dir_)) {
        std::int64_t id = number_in(name, "snapshot-", ".json");
        if (id < 0) continue;
        Json header = Json::parse(read_first_line(join_path(dir_, name)), nullptr, false);
        if (header.is_discarded() || !header.is_object()) {
            // An older format (v0 is one pretty-printed object): read and migrate the whole file.
            SnapshotFile file;
            std::string why;
            auto text = read_whole_file(join_path(dir_, name));
            if (!text || !parse_snapshot_file(*text, file, why)) continue;
            header = std::move(file.header);
        }
        SnapshotInfo info;
        info.id = id;
        info.seq = int_member(header, "seq", 0);
        info.taken_at = string_member(header, "taken_at");
        info.label = string_member(header, "label");
        info.bytes = static_cast<std::uint64_t>(std::max<std::int64_t>(0, int_member(header, "bytes", 0)));
        info.file = name;
        out.push_back(std::move(info));
    }
    std::sort(out.begin(), out.end(), [](const SnapshotInfo& a, const SnapshotInfo& b) { return a.id < b.id; });
    return out;
}

RestoreResult Store::restore(std::int64_t snapshot_id, const Book& current, const ActionContext& ctx) {
    RestoreResult r;
    LoadedSnapshot snap;
    if (!load_snapshot(dir_, snapshot_id, catalog_, snap, r.error)) return r;
    AuditEntry audit = restore_audit_entry(current, snapshot_id, string_member(snap.header, "taken_at"), ctx);
    snap.book.audit = current.audit;
    snap.book.audit.push_back(std::move(audit));

    // Journal first: a crash before the new snapshot still replays the restore from the old one.
    Json entry = context_json(ctx);
    entry["kind"] = "restore";
    entry["snapshot"] = snapshot_id;
    Status st = append_entry(std::move(entry));
    if (st) st = write_snapshot(snap.book, next_snapshot_id_++, ctx.at, "restore of " + std::to_string(snapshot_id));
    if (!st) {
        r.error = st.error;
        return r;
    }
    r.ok = true;
    r.book = std::move(snap.book);
    return r;
}

Status Store::replace(const Book& book, const ActionContext& ctx, const std::string& label) {
    // The snapshot holding the new book gets the id the journal entry names; the entry goes
    // first, so a crash in between leaves a dangling entry (skipped on open) and the old book.
    std::int64_t id = next_snapshot_id_++;
    Json entry = context_json(ctx);
    entry["kind"] = "replace";
    entry["snapshot"] = id;
    Status st = append_entry(std::move(entry));
    if (!st) return st;
    return write_snapshot(book, id, ctx.at, label);
}

void Store::prune() {
    auto snaps = list_snapshots();
    if (snaps.size() <= options_.keep_snapshots || options_.keep_snapshots == 0) return;
    std::size_t drop = snaps.size() - options_.keep_snapshots;
    std::int64_t oldest_kept_seq = snaps[drop].seq;
    for (std::size_t i = drop; i < snaps.size(); ++i) oldest_kept_seq = std::min(oldest_kept_seq, snaps[i].seq);
    for (std::size_t i = 0; i < drop; ++i) remove_file(join_path(dir_, snaps[i].file));

    std::vector<std::int64_t> firsts;
    for (const auto& name : list_dir(dir_))
        if (auto first = number_in(name, "journal-", ".log"); first >= 0) firsts.push_back(first);
    std::sort(firsts.begin(), firsts.end());
    for (std::size_t i = 0; i + 1 < firsts.size(); ++i) {
        if (firsts[i] == segment_first_) continue;
        if (firsts[i + 1] - 1 <= oldest_kept_seq) remove_file(join_path(dir_, segment_name(firsts[i])));
    }
}

}  // namespace portal::store
