// The sync protocol with a static host (docs/sync.md) as a state machine: it says what to do
// next (send a request, wait, decrypt, encrypt, ask the user) and is fed the results, so the
// browser can drive it asynchronously with fetch + WebCrypto, and natively run_sync() drives
// it with a blocking HttpClient and an EnvelopeCipher.
//
// One sync: GET the book with If-None-Match (304: unchanged) -> decrypt -> three-way merge with
// the base (the last version both sides agreed on) -> if the host lacks something, encrypt and
// PUT with If-Match (If-None-Match: * for the first write) -> 412 means someone wrote first:
// fetch again and merge again. Then HEAD (and if needed GET) to learn the new ETag, since
// mod_dav sends none on PUT. Weak ETags (W/) never match If-Match: before a PUT the session
// HEADs until the host gives the strong form, and a 412 is handled like any other.
// Network errors, timeouts and 5xx are retried with exponential backoff; when the host stays
// away the local changes simply stay local (base unchanged) and go out at the next sync.
//
// Books are typed (`Book`) and shared (`std::shared_ptr<const Book>`), never copied whole: the
// host's text is read with read_book against SyncConfig::catalog, merged record by record
// (merge_books), and written with write_book only for the Encrypt step. The texts exchanged with
// the driver (Decrypt, Encrypt) are unchanged: the envelope and the book's portal-book/1 JSON.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "sync/envelope.hpp"
#include "sync/http.hpp"
#include "sync/merge.hpp"

namespace portal::sync {

struct SyncConfig {
    std::string url;                  // the private book on the host, e.g. https://host/portal/book.enc.json
    Credentials credentials;          // sent on every request; never logged
    int max_attempts = 6;             // per request, on network errors, timeouts, 408, 429, 5xx
    int backoff_initial_ms = 250;     // doubled on every retry ...
    int backoff_max_ms = 8000;        // ... up to this
    int max_rounds = 10;              // 412 -> fetch -> merge -> PUT cycles before giving up
    int weak_etag_waits = 8;          // HEADs while the host's ETag is still weak
    // Required: reads the host's book (read_book) and checks a merged one (check_book_references).
    std::shared_ptr<const Catalog> catalog;
    // Optional extra check of the book about to be pushed (merged or local), e.g. house rules.
    std::function<Problems(const Book&)> validate;
};

using BookPtr = std::shared_ptr<const Book>;

// Which version a book on the host is, and which versions it descends from. Written beside the
// ciphertext in the envelope ("lineage"), so a client can tell whether its own last version is an
// ancestor of what the host has now. It is not: the host let another write replace ours without
// merging it (mod_dav checks If-Match before a PUT's body arrives, so two concurrent PUTs with the
// same If-Match can both succeed). Then that version is not a safe merge base, and the merge
// falls back to the newest ancestor we still know, or to no base (nothing deleted, every
// difference a conflict): never a silent loss.
struct Lineage {
    std::string version;                 // "" when unknown (an envelope without lineage)
    std::vector<std::string> ancestors;  // newest first, at most kMaxAncestors
    bool descends_from(const std::string& v) const;  // v is this version or one of its ancestors
};
inline constexpr std::size_t kMaxAncestors = 64;
Json lineage_to_json(const Lineage& lineage);
Lineage lineage_from_json(const Json& doc);  // tolerant: missing or malformed -> empty

// What both sides last agreed on; kept locally (with the private data) between syncs.
struct SyncBase {
    BookPtr book;       // null: never synced (shared: a large book is not copied)
    std::string etag;   // "" when unknown
    Lineage lineage;    // of that version
};

enum class SyncFailure { None, Auth, Offline, Conflicts, Crypto, Invalid, Host };
const char* to_string(SyncFailure f);

struct SyncOutcome {
    bool ok = false;
    SyncFailure failure = SyncFailure::None;
    std::string message;           // one plain sentence for the user (never a credential)
    BookPtr book;                  // the book to adopt locally (on failure: the local book, unchanged)
    SyncBase base;                 // the base to keep (on failure: the old one)
    bool pushed = false;           // the host received our version
    bool pulled = false;           // the local book changed
    int conflicts_decided = 0;
    std::vector<std::string> log;  // what happened, request by request
};

struct SyncStep {
    enum class Kind { Send, Wait, Decrypt, Encrypt, Decide, Done, Failed };
    Kind kind = Kind::Done;
    HttpRequest request;   // Send
    int wait_ms = 0;       // Wait
    std::string text;      // Decrypt: the envelope; Encrypt: the book JSON
};

class SyncSession {
public:
    SyncSession(SyncConfig config, BookPtr local_book, SyncBase base);
    SyncSession(SyncConfig config, Book local_book, SyncBase base);

    SyncStep next() const;  // what the driver does now
    void on_response(const HttpResponse& response);
    void on_waited();
    void on_decrypted(const CipherResult& result);
    void on_encrypted(const CipherResult& result);

    // Decide step: the undecided conflicts, then decide() each and resume() (or give_up()).
    const std::vector<Conflict>& conflicts() const { return conflicts_; }
    void decide(const std::string& conflict_key, Take take);
    void decide_all(Take take);
    void resume();
    void give_up();

    bool finished() const;
    const SyncOutcome& outcome() const { return outcome_; }

private:
    enum class Phase { Get, Decrypt, Encrypt, Strengthen, Put, Confirm, Verify, Wait, Decide, Done, Failed };

    HttpRequest request(const std::string& method) const;
    bool retry_or_fail(const HttpResponse& r, const char* what);
    void fail(SyncFailure kind, std::string message);
    void finish(std::string message);
    void merge();
    void refetch(const std::string& why);
    void note(std::string line) { outcome_.log.push_back(std::move(line)); }

    bool valid_or_fail(const Problems& problems);
    using Doc = BookPtr;  // whole books, shared rather than copied (null: none)

    SyncConfig config_;
    Doc local_;
    SyncBase base_;          // etag and lineage; its book lives in base_book_
    Doc base_book_;
    Doc original_local_;     // as given, to tell whether the sync changed the local book
    Phase phase_ = Phase::Get;
    Phase after_wait_ = Phase::Get;
    int wait_ms_ = 0;
    int attempts_ = 0;       // of the current request
    int rounds_ = 0;         // PUTs refused with 412
    int weak_waits_ = 0;
    bool full_get_ = false;  // GET without If-None-Match (after a 412)
    bool remote_exists_ = false;
    std::string remote_etag_;
    std::string remote_envelope_;
    Lineage remote_lineage_;
    Doc previous_remote_;            // what our last PUT replaced, a merge base if it got overwritten
    Lineage previous_remote_lineage_;
    Lineage pushed_lineage_;         // of the envelope we PUT
    Doc remote_;
    Doc merged_;
    std::string envelope_;   // what we PUT
    Decisions decisions_;
    std::vector<Conflict> conflicts_;
    SyncOutcome outcome_;
};

// [SECTION] Blocking driver (native CLI, tests)

// Tests only: {"plain": "<the book text>"}, an envelope without encryption.
std::string plain_envelope(const std::string& text);
CipherResult open_plain_envelope(const std::string& envelope);

struct SyncDriver {
    HttpClient& http;
    EnvelopeCipher* cipher = nullptr;                  // null: plain_envelope (tests only)
    std::function<void(int ms)> sleep;                 // empty: no waiting (tests)
    std::function<bool(SyncSession&)> decide;          // fills decisions; false or empty: stop with the conflicts
};
SyncOutcome run_sync(SyncSession& session, const SyncDriver& driver);

// Publishes a derived file (public.json, catalog.json, rates.json) with a plain PUT: it is
// recomputed from the merged book, so the last writer is right. Retries like the session.
struct PublishResult {
    bool ok = false;
    std::string message;
};
PublishResult publish_file(HttpClient& http, const SyncConfig& config, const std::string& url, const std::string& body,
                           const std::function<void(int ms)>& sleep = {});

}  // namespace portal::sync
