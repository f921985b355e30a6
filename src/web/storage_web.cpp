// IDBFS glue for the Store (see storage_web.hpp and docs/storage.md "In the browser"). The store
// writes to the in-memory IDBFS mount synchronously; durability comes from the flush to IndexedDB
// scheduled after each change, so "saving" is true until the flush covering last_seq finishes.
#include "web/storage_web.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <memory>

#include "store/store.hpp"
#include "ui/app_internal.hpp"
#include "ui/ui.hpp"
#include "web/sync_web.hpp"
#include "web/web.hpp"

namespace portal::web {

namespace {

constexpr const char* kMount = "/data";
constexpr const char* kBookDir = "/data/book";
constexpr const char* kReadOnly = "Another tab is editing the book; this tab is read-only.";
// Each flush writes the changed files whole: journal files this small keep that O(one entry).
constexpr std::uint64_t kSegmentBytes = 16 * 1024;

struct StorageWeb {
    bool enabled = false, loaded = false, writer = false, load_demo = false;
    bool persisted = false;
    bool reopen_when_later = false;  // opening needs an older snapshot still coming from IndexedDB
    double usage = 0, quota = 0;
    std::int64_t saved_seq = 0, requested_seq = 0;
    std::string error;
    std::vector<std::string> warnings;
    std::unique_ptr<store::Store> store;
};

StorageWeb& sw() {
    static StorageWeb s;
    return s;
}

ActionContext context_now() {
    refresh_clock();
    const ui::AppModel& m = shell().model;
    return ActionContext{m.settings.staff_name, m.now_iso, ui::today(m)};
}

void publish() {
    shell().model.storage = storage_state();
    wake();
}

void flush() {
    StorageWeb& s = sw();
    if (!s.store || !s.writer) return;
    s.requested_seq = s.store->last_seq();
    portal_js_storage_flush(double(s.requested_seq));
    hold_frames_for_flush();
}

// Snapshots in IndexedDB that storage_lib.js reads only after the book opened.
std::vector<std::int64_t> later_snapshots() {
    char* text = portal_js_storage_later_snapshots();
    std::vector<std::int64_t> ids;
    for (const char* p = text; p && *p;) {
        char* end = nullptr;
        ids.push_back(std::strtoll(p, &end, 10));
        p = *end == ',' ? end + 1 : end;
    }
    free(text);
    return ids;
}

void fail(const std::string& what, const store::Status& st) {
    sw().error = what + ": " + st.error;
    ui::AppModel& m = shell().model;
    ui::say(m, "error", "The book could not be saved in this browser (" + st.error + ").");
}

// A whole new book (import, demo, restore): journalled and snapshotted by the store.
void replace_book(const std::string& label) {
    StorageWeb& s = sw();
    if (!s.store || !s.writer) return;
    if (store::Status st = s.store->replace(shell().model.book, context_now(), label); !st) fail("replace", st);
    flush();
}

}  // namespace

void storage_start(bool load_demo_when_empty) {
    StorageWeb& s = sw();
    s.enabled = true;
    s.load_demo = load_demo_when_empty;
    shell().model.book_lock = "The saved book is still loading; try again in a moment.";
    publish();
    portal_js_storage_start(kMount);
}

void storage_on_book_changed(const Json& e) {
    StorageWeb& s = sw();
    if (!s.store || !s.writer) return;
    if (e.contains("replace")) return replace_book(e.value("replace", "replace"));
    const Json& c = e.value("ctx", Json::object());
    ActionContext ctx{c.value("who", ""), c.value("at", ""), Date::parse(c.value("today", "")).value_or(ui::today(shell().model))};
    if (store::Status st = s.store->append(e.value("action", Json::object()), ctx); !st) fail("append", st);
    if (s.store->snapshot_due()) {
        if (store::Status st = s.store->snapshot(shell().model.book, ctx.at, "auto"); !st) fail("snapshot", st);
    }
    flush();
    publish();
}

bool storage_action(const Json& a) {
    const std::string type = a.value("type", "");
    if (type.rfind("storage.", 0) != 0) return false;
    ui::AppModel& m = shell().model;
    StorageWeb& s = sw();
    m.last = ui::ActionOutcome{};
    m.last.type = type;
    auto refuse = [&](const std::string& why) {
        m.last.ok = false;
        m.last.error = why;
        ui::say(m, "error", why);
        return true;
    };
    if (m.kiosk || !m.staff) return refuse("Switch to staff mode to manage saved snapshots.");
    if (!m.book_lock.empty()) return refuse(m.book_lock);
    if (!s.store) return refuse("The book is not saved in this browser" + (s.error.empty() ? std::string(".") : ": " + s.error));
    if (type == "storage.restore") {
        const std::int64_t id = a.value("id", std::int64_t(0));
        store::RestoreResult r = s.store->restore(id, m.book, context_now());
        if (!r.ok) return refuse(r.error.empty() ? "That snapshot cannot be restored." : r.error);
        m.book = std::move(r.book);
        m.demo = false;
        m.selected_org.clear();
        m.selected_invoice.clear();
        ++m.book_version;
        ui::refresh_book(m);
        m.last.summary = "Restored snapshot " + std::to_string(id) + ".";
    } else if (type == "storage.snapshot") {
        const ActionContext ctx = context_now();
        if (store::Status st = s.store->snapshot(m.book, ctx.at, "manual"); !st) return refuse(st.error);
        m.last.summary = "Snapshot taken.";
    } else {
        return refuse("Unknown action \"" + type + "\".");
    }
    ui::say(m, "ok", m.last.summary);
    flush();
    publish();
    return true;
}

void storage_flush() { flush(); }

bool storage_loading_later(const char* path) { return portal_js_storage_later(path) != 0; }

std::int64_t storage_last_seq() { return sw().store ? sw().store->last_seq() : 0; }

Json storage_state() {
    const StorageWeb& s = sw();
    Json list = Json::array();
    if (s.store)
        for (const store::SnapshotInfo& i : s.store->list_snapshots())
            list.push_back({{"id", i.id}, {"seq", i.seq}, {"taken_at", i.taken_at}, {"label", i.label}, {"bytes", i.bytes}});
    const std::int64_t last = s.store ? s.store->last_seq() : 0;
    return {{"enabled", s.enabled}, {"loaded", s.loaded}, {"read_only", s.loaded && s.store && !s.writer},
            {"saving", s.saved_seq < last && s.writer}, {"last_seq", last}, {"last_saved_seq", s.saved_seq},
            {"snapshots", list.size()}, {"snapshot_list", list}, {"persisted", s.persisted},
            {"usage_bytes", s.usage}, {"quota_bytes", s.quota}, {"error", s.error}, {"warnings", s.warnings}};
}

}  // namespace portal::web

using namespace portal;
using namespace portal::web;

extern "C" {

// IDBFS is loaded (ok) or unusable; `writer`: this tab holds the portal-book-writer lock.
EMSCRIPTEN_KEEPALIVE void portal_storage_loaded(int ok, int writer, const char* error) {
    StorageWeb& s = sw();
    ui::AppModel& m = shell().model;
    s.loaded = true;
    s.writer = writer != 0;
    s.store.reset();
    s.error.clear();
    m.book_lock.clear();
    bool empty = true;
    if (!ok) {
        s.error = std::string("IndexedDB is not available (") + (error ? error : "") + "): changes are not saved.";
    } else {
        store::StoreOptions options;
        options.segment_bytes = kSegmentBytes;
        options.absent_snapshots = later_snapshots();
        store::OpenResult r = store::Store::open(kBookDir, m.catalog, options);
        if (r.incomplete) {
            // The newest snapshot is damaged, or the journal restores an older one: open again
            // once the older snapshots are read (portal_storage_later_loaded), nothing written.
            s.loaded = false;
            s.reopen_when_later = true;
            m.book_lock = "The saved book is still loading; try again in a moment.";
            publish();
            return;
        }
        s.warnings = r.warnings;
        if (!r.ok()) {
            s.error = "The saved book cannot be opened: " + r.error;
        } else {
            s.store = std::move(r.store);
            s.saved_seq = s.store->last_seq();
            empty = s.store->last_seq() == 0 && s.store->list_snapshots().empty();
            if (!empty) {
                m.book = std::move(r.book);
                m.demo = false;
                ++m.book_version;
                ui::refresh_book(m);
            }
        }
        if (!s.writer) m.book_lock = kReadOnly;
    }
    if (!s.error.empty()) ui::say(m, "error", s.error);
    const bool demo = s.load_demo;
    s.load_demo = false;  // a tab that becomes the writer later reloads, never loads the demo
    if (empty && demo && m.book_lock.empty()) {
        ui::load_demo(m);
        run_effects();  // its book_changed effect snapshots the demo book
    }
    sync_storage_loaded(s.writer && s.store != nullptr);
    publish();
}

EMSCRIPTEN_KEEPALIVE void portal_storage_flushed(double seq, int ok, const char* error) {
    StorageWeb& s = sw();
    release_frames();
    if (ok) {
        if (std::int64_t(seq) > s.saved_seq) s.saved_seq = std::int64_t(seq);
    } else {
        s.error = std::string("Saving to IndexedDB failed: ") + (error ? error : "unknown error");
    }
    publish();
}

EMSCRIPTEN_KEEPALIVE void portal_storage_later_loaded() {
    StorageWeb& s = sw();
    if (s.reopen_when_later) {
        s.reopen_when_later = false;
        portal_storage_loaded(1, s.writer ? 1 : 0, "");
    }
    sync_base_loaded();
    publish();
}

EMSCRIPTEN_KEEPALIVE void portal_storage_estimate(int persisted, double usage, double quota) {
    StorageWeb& s = sw();
    s.persisted = persisted != 0;
    s.usage = usage;
    s.quota = quota;
    publish();
}

}  // extern "C"
