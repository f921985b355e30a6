// The sync base kept beside a book between syncs (docs/sync.md): "portal-sync-state/1", with the
// host URL it belongs to, the base's ETag and lineage, and the base book itself. JSON in and
// out, so the CLI (BOOK.sync.json, or sync-state.json in a store folder) and the browser (the same
// file in the IndexedDB store folder) read and write it the same way.
#pragma once

#include <string>

#include "sync/engine.hpp"

namespace portal::sync {

inline constexpr const char* kSyncStateSchema = "portal-sync-state/1";

// Compact JSON text, the base book written by the typed writer: a 100,000-organisation base never
// becomes a DOM (in the browser a DOM and its dump took most of a second after every sync).
std::string sync_state_to_text(const std::string& url, const SyncBase& base);
// false with *error when the document is not a sync state; a state recorded for another URL
// leaves `base` empty (start from no base: the merge then loses nothing).
// The base book is read against `catalog`; a base that does not read is reported like a bad file.
bool sync_state_from_json(const Json& doc, const std::string& url, const Catalog& catalog, SyncBase& base,
                          std::string* error);

}  // namespace portal::sync
