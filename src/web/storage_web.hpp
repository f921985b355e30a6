// The staff book persisted in IndexedDB: the Store (src/store, docs/storage.md) on Emscripten's
// IDBFS at /data/book. JavaScript (src/web/storage_lib.js) mounts and loads IDBFS, elects one
// writer tab with navigator.locks, and flushes what changed in one transaction, one at a time.
#pragma once

#include "core/json_io.hpp"

extern "C" {
// [SECTION] Implemented in src/web/storage_lib.js
void portal_js_storage_start(const char* mount);  // mount IDBFS, syncfs(true), lock, persist(); then portal_storage_loaded
void portal_js_storage_flush(double seq);         // write what changed to IndexedDB; portal_storage_flushed when done
int portal_js_storage_later(const char* path);   // 1: in IndexedDB, read after the book opened (not yet)
char* portal_js_storage_later_snapshots();       // "1,2,5": snapshot ids not read yet (free it)
}

namespace portal::web {

// At start (not in kiosk mode): book changes wait until the saved book is loaded.
void storage_start(bool load_demo_when_empty);
// A "book_changed" effect: append the action to the journal, or snapshot a whole new book.
void storage_on_book_changed(const Json& effect);
// "storage.*" actions (storage.restore {id}, storage.snapshot); false: not a storage action.
bool storage_action(const Json& action);
// The storage object of portal.state().
Json storage_state();
// Schedules a flush to IndexedDB after a file beside the store changed (the sync state).
void storage_flush();
// True while `path` (the sync base) is saved in IndexedDB but read only after the book opened:
// sync_base_loaded() follows once it is readable.
bool storage_loading_later(const char* path);
// The store's last journal sequence number (0 without a store).
std::int64_t storage_last_seq();

}  // namespace portal::web
