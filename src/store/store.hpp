// Crash-safe persistence of a Book in a folder (docs/storage.md): an append-only journal of
// applied actions plus snapshots written new-then-rename. Every change costs one appended line
// and one fsync, never a rewrite of the book; a crash loses at most the action in flight.
//
// Folder layout (every file carries its schema version):
//   snapshot-00000007.json   header line {"schema":"portal-snapshot/2","id","seq","crc32",
//                            "encoding":"portal-book-bin/1",...} then the book in the compact
//                            binary encoding (book_codec.hpp), checked by size and CRC-32
//   journal-000000000042.log header line {"schema":"portal-journal/1","first_seq":42}, then one
//                            line per entry: "<crc32 hex> <json>", seq numbers without gaps
// Opening loads the newest valid snapshot and replays the journal entries after its seq with
// the reducer; a torn or corrupt tail is cut off (and reported in `warnings`).
//
// The same code runs natively and under Emscripten (IDBFS/MEMFS/NODERAWFS at the same path).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/actions.hpp"
#include "core/model.hpp"
#include "store/fs.hpp"

namespace portal::store {

inline constexpr const char* kSnapshotSchema = "portal-snapshot/2";
inline constexpr const char* kJournalSchema = "portal-journal/1";
inline constexpr int kSnapshotVersion = 2;  // read: 0 (migrated), 1 and 2; written: 2
inline constexpr int kJournalVersion = 1;

using Reducer = std::function<ApplyResult(Book&, const Catalog&, const Json&, const ActionContext&)>;

struct StoreOptions {
    bool sync = true;                    // fsync every append and snapshot (off only for benchmarks of the format)
    std::int64_t snapshot_every = 1000;  // snapshot_due() once this many entries follow the last snapshot
    std::size_t keep_snapshots = 20;     // older snapshots (and the journal only they need) are deleted
    // A new journal file starts once the open one holds this many bytes (0: only at snapshots).
    // The browser sets it small: its IndexedDB flush writes every changed file whole, so a
    // short file keeps the per-action write small (docs/storage.md "In the browser").
    std::uint64_t segment_bytes = 0;
    // Snapshots that exist but cannot be read yet (the browser reads all but the newest after
    // the book opened). Opening never needs them unless the newest is damaged or a journalled
    // restore names one: then it fails with `incomplete` set, having written nothing.
    std::vector<std::int64_t> absent_snapshots;
    Reducer reducer;                     // replays journal entries; empty: portal::apply_action
};

struct SnapshotInfo {
    std::int64_t id = 0;       // increasing with every snapshot written
    std::int64_t seq = 0;      // the last journal entry the snapshot includes
    std::string taken_at;      // ISO timestamp given by the caller
    std::string label;         // "auto", "manual", "before import", "restore of 3", ...
    std::uint64_t bytes = 0;   // size of the book text
    std::string file;          // name inside the store folder
};

struct Status {
    bool ok = true;
    std::string error;
    explicit operator bool() const { return ok; }
    static Status fail(std::string e) { return Status{false, std::move(e)}; }
};

class Store;

struct OpenResult {
    std::unique_ptr<Store> store;        // null when the folder cannot be used (see `error`)
    Book book;                           // the last committed state
    std::string error;
    std::vector<std::string> warnings;   // what recovery did: torn tail cut, corrupt snapshot skipped, ...
    std::int64_t snapshot_seq = 0;       // seq of the snapshot loaded (0: none, empty book)
    std::int64_t replayed = 0;           // journal entries replayed after it
    std::int64_t last_seq = 0;
    bool incomplete = false;             // an absent snapshot is needed: open again once it is there
    bool ok() const { return store != nullptr; }
};

struct RestoreResult {
    bool ok = false;
    std::string error;
    Book book;  // the restored book (with the current audit log and one entry for the restore)
};

class Store {
public:
    // Creates the folder when missing; an empty folder gives an empty book.
    static OpenResult open(const std::string& dir, const Catalog& catalog, StoreOptions options = {});

    // Records an action the reducer has just applied to the in-memory book (ctx as given to it).
    Status append(const Json& action, const ActionContext& ctx);
    // Reducer then append: the book changes only if the action is valid, and is persisted then.
    Status apply(Book& book, const Json& action, const ActionContext& ctx, ApplyResult* result = nullptr);

    // Writes a snapshot of `book`, which must be the state after last_seq().
    Status snapshot(const Book& book, const std::string& at, const std::string& label = "manual");
    bool snapshot_due() const { return since_snapshot_ >= options_.snapshot_every; }
    std::vector<SnapshotInfo> list_snapshots() const;  // oldest first

    // Makes a listed snapshot the current book. The audit log is kept (the current one plus an
    // entry for the restore), the restore is journalled, and a new snapshot records the result.
    RestoreResult restore(std::int64_t snapshot_id, const Book& current, const ActionContext& ctx);
    // Replaces the whole book (an import, the result of a sync merge): journalled, then snapshotted.
    Status replace(const Book& book, const ActionContext& ctx, const std::string& label);

    std::int64_t last_seq() const { return last_seq_; }
    const std::string& dir() const { return dir_; }

    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;
    ~Store();

private:
    Store(std::string dir, Catalog catalog, StoreOptions options);
    Status append_entry(Json entry);
    Status write_snapshot(const Book& book, std::int64_t id, const std::string& at, const std::string& label);
    Status start_segment(std::int64_t first_seq);
    void prune();

    std::string dir_;
    Catalog catalog_;
    StoreOptions options_;
    AppendFile journal_;
    std::int64_t segment_first_ = 1;   // first seq of the open journal segment
    std::uint64_t segment_size_ = 0;   // bytes in the open journal segment
    std::int64_t last_seq_ = 0;
    std::int64_t since_snapshot_ = 0;
    std::int64_t next_snapshot_id_ = 1;

    friend struct StoreOpener;
};

// [SECTION] File format helpers, exposed for tests and tools

// Migrations of snapshot files: v0 (a single JSON object {"schema":"portal-snapshot/0","seq",
// "book"} without checksum) becomes v1. v1 and v2 share the framing (header line, body, size and
// CRC-32); a v1 body is the book's JSON text, a v2 body is what the header's "encoding" names
// (portal-book-bin/1, or JSON text when absent). Snapshots are always written as v2 binary.
struct SnapshotFile {
    Json header;       // schema portal-snapshot/1 or /2
    std::string body;  // the book: JSON text or portal-book-bin/1 bytes (see binary())
    bool binary() const;
};
// Reads, checks and migrates a snapshot file's text; false with a message when it is unusable.
bool parse_snapshot_file(const std::string& text, SnapshotFile& out, std::string& error);
std::string format_snapshot_file(const Json& header_without_check, const std::string& body);

// One journal line ("<crc32 hex> <json>\n") and its reverse (false: torn or corrupt).
std::string format_journal_line(const Json& entry);
bool parse_journal_line(std::string_view line, Json& entry);

}  // namespace portal::store
