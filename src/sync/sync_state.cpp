#include "sync/sync_state.hpp"

#include "core/json_io.hpp"
#include "core/json_reader.hpp"

namespace portal::sync {

std::string sync_state_to_text(const std::string& url, const SyncBase& base) {
    // Members in nlohmann's key order: "base" first, then the small ones, dumped as one object
    // whose opening brace is dropped.
    std::string out = "{\"base\":";
    out += base.book ? write_book(*base.book) : std::string("null");
    const Json rest{{"etag", base.etag}, {"lineage", lineage_to_json(base.lineage)}, {"schema", kSyncStateSchema}, {"url", url}};
    const std::string tail = jsonr::safe_dump(rest);
    out += ',';
    out.append(tail, 1, std::string::npos);
    return out;
}

bool sync_state_from_json(const Json& doc, const std::string& url, const Catalog& catalog, SyncBase& base,
                          std::string* error) {
    base = SyncBase{};
    if (!doc.is_object() || doc.value("schema", "") != kSyncStateSchema) {
        if (error) *error = std::string("/schema: not a ") + kSyncStateSchema + " file (delete it to sync from scratch)";
        return false;
    }
    if (doc.value("url", "") != url) return true;  // another host: start from no base
    base.etag = doc.value("etag", "");
    Json book = doc.value("base", Json());
    if (!book.is_null()) {
        Read<Book> read = book_from_json(book, catalog);
        if (!read.ok()) {
            if (error) *error = "/base" + (read.problems.empty() ? std::string(": not a book") : read.problems.front().pointer + ": " + read.problems.front().message);
            base = SyncBase{};
            return false;
        }
        base.book = std::make_shared<const Book>(std::move(*read.value));
    }
    base.lineage = lineage_from_json(doc.value("lineage", Json()));
    return true;
}

}  // namespace portal::sync
