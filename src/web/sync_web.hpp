// Sync with a static host from the browser (docs/sync.md): the shell drives a sync::SyncSession
// with fetch and WebCrypto (src/web/sync_lib.js) asynchronously; results are fed back into the
// session from the main loop (sync_poll). Also: the sync settings and secrets (kept by the JS
// side: credentials in localStorage, the passphrase in sessionStorage, never in the model, an
// export, a log or portal.state()), the sync base persisted beside the book in IndexedDB,
// automatic sync after changes and when the browser comes back online, and public.json read
// from the host at start.
#pragma once

#include "core/json_io.hpp"

extern "C" {
// [SECTION] Implemented in src/web/sync_lib.js
char* portal_js_sync_init();  // malloc'd JSON: the saved {host_url, auto} and {online}
void portal_js_sync_save_settings(const char* json);
void portal_js_sync_set_secret(const char* kind, const char* a, const char* b);
void portal_js_sync_send(int id, const char* method, const char* url, const char* headers_json, const char* body,
                         int timeout_ms, int with_auth);
void portal_js_sync_wait(int id, int ms);
void portal_js_sync_crypto(int id, int op, const char* text, int iterations);
}

namespace portal::web {

// At start, after the page's settings are known (before storage_start).
void sync_start();
// The IndexedDB store is open (or not): read the saved sync base beside the book.
void sync_storage_loaded(bool writer);
// The saved sync base is readable now (it is read from IndexedDB after the book opened).
void sync_base_loaded();
// Every main-loop tick, drawn or idle: feeds arrived results into the session, runs the debounce.
void sync_poll();
// When an automatic sync is due (performance.now() ms), 0 when none: the idle loop wakes for it.
double sync_due_ms();
// A "book_changed" effect not caused by the sync: the book now differs from the base.
void sync_on_book_changed(const Json& effect);
// After each action went through update(): notices a changed host URL.
void sync_after_action(const Json& action);
// "sync.*" actions (src/ui/README.md); false: not a sync action.
bool sync_action(const Json& action);
// The sync object of portal.state() (never a credential or the passphrase).
Json sync_state();

}  // namespace portal::web
