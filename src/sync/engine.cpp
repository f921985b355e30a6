#include "sync/engine.hpp"

#include <algorithm>

#include "core/json_book_records.hpp"
#include "core/json_io.hpp"
#include "store/book_codec.hpp"
#include "sync/base64.hpp"
#include "sync/sha1.hpp"

namespace portal::sync {

const char* to_string(SyncFailure f) {
    switch (f) {
        case SyncFailure::None: return "none";
        case SyncFailure::Auth: return "auth";
        case SyncFailure::Offline: return "offline";
        case SyncFailure::Conflicts: return "conflicts";
        case SyncFailure::Crypto: return "crypto";
        case SyncFailure::Invalid: return "invalid";
        case SyncFailure::Host: return "host";
    }
    return "?";
}

namespace {

bool transient(int status) { return status == 0 || status == 408 || status == 429 || (status >= 500 && status <= 599); }

std::string status_text(const HttpResponse& r) {
    if (r.status == 0) return r.error.empty() ? "no answer" : r.error;
    return "HTTP " + std::to_string(r.status);
}

Lineage lineage_of_envelope(const std::string& text) {
    Json doc = envelope_members(text).members;  // without lexing the ciphertext
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("lineage")) return {};
    return lineage_from_json(doc["lineage"]);
}

}  // namespace

bool Lineage::descends_from(const std::string& v) const {
    if (v.empty()) return false;
    if (v == version) return true;
    return std::find(ancestors.begin(), ancestors.end(), v) != ancestors.end();
}

Json lineage_to_json(const Lineage& l) { return Json{{"version", l.version}, {"ancestors", l.ancestors}}; }

Lineage lineage_from_json(const Json& doc) {
    Lineage l;
    if (!doc.is_object()) return l;
    if (doc.contains("version") && doc["version"].is_string()) l.version = doc["version"].get<std::string>();
    if (doc.contains("ancestors") && doc["ancestors"].is_array())
        for (const auto& a : doc["ancestors"])
            if (a.is_string() && l.ancestors.size() < kMaxAncestors) l.ancestors.push_back(a.get<std::string>());
    return l;
}

SyncSession::SyncSession(SyncConfig config, BookPtr local_book, SyncBase base)
    : config_(std::move(config)), base_(std::move(base)) {
    // Whole books are shared, never copied, while the session runs.
    local_ = local_book ? std::move(local_book) : std::make_shared<const Book>();
    original_local_ = local_;
    base_book_ = std::move(base_.book);
}

SyncSession::SyncSession(SyncConfig config, Book local_book, SyncBase base)
    : SyncSession(std::move(config), std::make_shared<const Book>(std::move(local_book)), std::move(base)) {}

bool SyncSession::finished() const { return phase_ == Phase::Done || phase_ == Phase::Failed; }

// [SECTION] Steps ---------------------------------------------------------------------------

HttpRequest SyncSession::request(const std::string& method) const {
    HttpRequest req;
    req.method = method;
    req.url = config_.url;
    std::string auth = authorization_value(config_.credentials);
    if (!auth.empty()) req.headers.emplace_back("Authorization", auth);
    return req;
}

SyncStep SyncSession::next() const {
    SyncStep step;
    switch (phase_) {
        case Phase::Get:
        case Phase::Verify: {
            step.kind = SyncStep::Kind::Send;
            step.request = request("GET");
            if (phase_ == Phase::Get && !full_get_ && base_book_ && !base_.etag.empty())
                step.request.headers.emplace_back("If-None-Match", base_.etag);
            break;
        }
        case Phase::Strengthen:
        case Phase::Confirm:
            step.kind = SyncStep::Kind::Send;
            step.request = request("HEAD");
            break;
        case Phase::Put:
            step.kind = SyncStep::Kind::Send;
            step.request = request("PUT");
            if (remote_exists_)
                step.request.headers.emplace_back("If-Match", remote_etag_);
            else
                step.request.headers.emplace_back("If-None-Match", "*");
            step.request.headers.emplace_back("Content-Type", "application/json");
            step.request.body = envelope_;
            break;
        case Phase::Wait:
            step.kind = SyncStep::Kind::Wait;
            step.wait_ms = wait_ms_;
            break;
        case Phase::Decrypt:
            step.kind = SyncStep::Kind::Decrypt;
            step.text = remote_envelope_;
            break;
        case Phase::Encrypt:
            step.kind = SyncStep::Kind::Encrypt;
            step.text = write_book(*merged_);
            break;
        case Phase::Decide: step.kind = SyncStep::Kind::Decide; break;
        case Phase::Done: step.kind = SyncStep::Kind::Done; break;
        case Phase::Failed: step.kind = SyncStep::Kind::Failed; break;
    }
    return step;
}

void SyncSession::fail(SyncFailure kind, std::string message) {
    outcome_.ok = false;
    outcome_.failure = kind;
    outcome_.message = std::move(message);
    outcome_.book = local_;
    outcome_.base = base_;
    outcome_.base.book = base_book_;
    note("failed: " + outcome_.message);
    phase_ = Phase::Failed;
}

void SyncSession::finish(std::string message) {
    outcome_.ok = true;
    outcome_.failure = SyncFailure::None;
    outcome_.message = std::move(message);
    outcome_.book = merged_;
    outcome_.pulled = merged_ != original_local_ && !store::same(*merged_, *original_local_);
    outcome_.base = base_;
    outcome_.base.book = base_book_;
    phase_ = Phase::Done;
}

// Network errors, timeouts and 5xx: wait and send the same request again, a bounded number of times.
bool SyncSession::retry_or_fail(const HttpResponse& r, const char* what) {
    if (!transient(r.status)) return false;
    if (++attempts_ >= config_.max_attempts) {
        fail(SyncFailure::Offline, std::string("the host did not answer the ") + what + " (" + status_text(r) + ") after " +
                                       std::to_string(attempts_) +
                                       " attempts: the local changes are kept and go out at the next sync");
        return true;
    }
    long delay = config_.backoff_initial_ms;
    for (int i = 1; i < attempts_ && delay < config_.backoff_max_ms; ++i) delay *= 2;
    wait_ms_ = static_cast<int>(std::min<long>(delay, config_.backoff_max_ms));
    note(std::string(what) + ": " + status_text(r) + ", retrying in " + std::to_string(wait_ms_) + " ms");
    after_wait_ = phase_;
    phase_ = Phase::Wait;
    return true;
}

void SyncSession::on_waited() {
    if (phase_ == Phase::Wait) phase_ = after_wait_;
}

void SyncSession::refetch(const std::string& why) {
    if (++rounds_ > config_.max_rounds) {
        fail(SyncFailure::Host, "the host's book kept changing during " + std::to_string(config_.max_rounds) +
                                    " attempts to write it: try again later (nothing was lost)");
        return;
    }
    note(why + ": fetching the host's version again to merge");
    full_get_ = true;
    attempts_ = 0;
    phase_ = Phase::Get;
}

// [SECTION] Responses -------------------------------------------------------------------------

void SyncSession::on_response(const HttpResponse& r) {
    const std::string etag = header(r.headers, "ETag");
    const int s = r.status;
    auto auth_failure = [&](const char* what) {
        if (s == 401) {
            fail(SyncFailure::Auth, std::string("the host refused the ") + what +
                                        " without valid credentials (401 Unauthorized): check the user and password "
                                        "file or the token file");
            return true;
        }
        if (s == 403) {
            fail(SyncFailure::Auth, std::string("the host forbids the ") + what +
                                        " (403 Forbidden): this account may not do that here");
            return true;
        }
        return false;
    };

    switch (phase_) {
        case Phase::Get: {
            if (retry_or_fail(r, "download") || auth_failure("download")) return;
            attempts_ = 0;
            if (s == 200) {
                note("GET: 200, ETag " + (etag.empty() ? std::string("(none)") : etag));
                remote_exists_ = true;
                remote_etag_ = etag;
                remote_envelope_ = r.body;
                remote_lineage_ = lineage_of_envelope(r.body);
                phase_ = Phase::Decrypt;
            } else if (s == 304) {
                note("GET: 304 not modified");
                remote_exists_ = true;
                remote_etag_ = etag.empty() ? base_.etag : etag;
                remote_ = base_book_;
                remote_lineage_ = base_.lineage;
                merge();
            } else if (s == 404) {
                note("GET: 404, the host has no book yet");
                remote_exists_ = false;
                remote_etag_.clear();
                remote_ = nullptr;
                remote_lineage_ = Lineage{};
                merge();
            } else {
                fail(SyncFailure::Host, "unexpected answer to the download: " + status_text(r));
            }
            return;
        }
        case Phase::Strengthen: {
            if (retry_or_fail(r, "check of the host's version") || auth_failure("check of the host's version")) return;
            attempts_ = 0;
            if (s == 404) return refetch("the host's book disappeared");
            if (s != 200 || etag.empty() || etag_opaque(etag) != etag_opaque(remote_etag_))
                return refetch("the host's book changed");
            if (!is_weak_etag(etag)) {
                note("HEAD: the ETag is strong now (" + etag + ")");
                remote_etag_ = etag;
                phase_ = Phase::Put;
                return;
            }
            if (++weak_waits_ > config_.weak_etag_waits) {
                note("HEAD: the ETag stays weak; writing anyway");
                phase_ = Phase::Put;  // a 412 then leads to a refetch, like any conflict
                return;
            }
            wait_ms_ = std::min(250 * weak_waits_, 1000);
            note("HEAD: weak ETag " + etag + " (written less than a second ago), waiting " + std::to_string(wait_ms_) + " ms");
            after_wait_ = Phase::Strengthen;
            phase_ = Phase::Wait;
            return;
        }
        case Phase::Put: {
            if (retry_or_fail(r, "upload") || auth_failure("upload")) return;
            attempts_ = 0;
            if (s == 200 || s == 201 || s == 204) {
                note("PUT: " + std::to_string(s));
                outcome_.pushed = true;
                // From here on, what we wrote is the agreed version even if confirming fails.
                previous_remote_ = remote_;
                previous_remote_lineage_ = remote_lineage_;
                base_book_ = merged_;
                base_.etag.clear();
                base_.lineage = pushed_lineage_;
                local_ = merged_;
                phase_ = Phase::Confirm;
            } else if (s == 412) {
                note("PUT: 412 precondition failed (someone else wrote first, or the ETag was weak)");
                refetch("conflict");
            } else if (s == 405 || s == 501) {
                fail(SyncFailure::Host, "the host does not accept uploads (" + status_text(r) +
                                            "): export the book and copy it by hand");
            } else {
                fail(SyncFailure::Host, "unexpected answer to the upload: " + status_text(r));
            }
            return;
        }
        case Phase::Confirm: {
            if (transient(s) && attempts_ + 1 < config_.max_attempts) {
                retry_or_fail(r, "check after the upload");
                return;
            }
            attempts_ = 0;
            // Hashing the envelope only when the ETag can be a digest (a default Apache ETag,
            // inode-size-mtime, never is).
            if (s == 200 && digest_shaped(etag) && etag == digest_etag(envelope_)) {
                // Apache's FileETag Digest: the ETag is the hash of the file, so it is ours.
                note("HEAD: ETag " + etag + " is the digest of what we wrote");
                base_.etag = etag;
                finish("synced: the host has the merged book");
                return;
            }
            phase_ = Phase::Verify;  // an ETag alone does not prove whose file it is: look
            return;
        }
        case Phase::Verify: {
            if (transient(s) && attempts_ + 1 < config_.max_attempts) {
                retry_or_fail(r, "check after the upload");
                return;
            }
            attempts_ = 0;
            if (s == 200 && r.body == envelope_) {
                note("GET: the host has our version, ETag " + (etag.empty() ? std::string("(none)") : etag));
                base_.etag = etag;
                finish("synced: the host has the merged book");
            } else if (s == 200) {
                // Someone wrote right after us (they had to merge ours to pass If-Match): merge theirs.
                note("GET: someone wrote right after us; merging their version");
                remote_exists_ = true;
                remote_etag_ = etag;
                remote_envelope_ = r.body;
                remote_lineage_ = lineage_of_envelope(r.body);
                phase_ = Phase::Decrypt;
            } else {
                note("could not confirm the upload (" + status_text(r) + "); the next sync downloads the host's version");
                finish("synced (the host's new ETag is unknown; the next sync checks it)");
            }
            return;
        }
        default: return;
    }
}

void SyncSession::on_decrypted(const CipherResult& result) {
    if (phase_ != Phase::Decrypt) return;
    if (!result.ok) {
        std::string message = "the host's book: " + result.error;
        if (!result.problems.empty()) message += " (" + result.problems.front().pointer + ": " + result.problems.front().message + ")";
        fail(SyncFailure::Crypto, message);
        return;
    }
    if (!config_.catalog) {
        fail(SyncFailure::Invalid, "no catalog to read the host's book with (SyncConfig::catalog)");
        return;
    }
    Read<Book> read = read_book(result.text, *config_.catalog);
    if (!read.ok()) {
        std::string message = "the host's book decrypts, but is not a valid portal-book/1 book";
        if (!read.problems.empty()) message += " (" + read.problems.front().pointer + ": " + read.problems.front().message + ")";
        fail(SyncFailure::Invalid, message);
        return;
    }
    remote_ = std::make_shared<const Book>(std::move(*read.value));
    merge();
}

void SyncSession::on_encrypted(const CipherResult& result) {
    if (phase_ != Phase::Encrypt) return;
    if (!result.ok) {
        fail(SyncFailure::Crypto, "cannot encrypt the book: " + result.error);
        return;
    }
    // The new version descends from what it replaces (and from our base, merged into it).
    EnvelopeMembers members = envelope_members(result.text);
    if (members.members.is_discarded() || !members.members.is_object()) {
        fail(SyncFailure::Crypto, "the encryption produced no envelope");
        return;
    }
    pushed_lineage_ = Lineage{};
    // The version id only has to be unique: the small members (with their fresh random nonce)
    // and the end of the ciphertext (the GCM tag) identify this encryption without hashing
    // ~150 MB; an envelope without a separate ciphertext (tests) is hashed whole.
    std::string identity = members.ciphertext
                               ? members.members.dump() + std::string(members.ciphertext->substr(
                                                              members.ciphertext->size() - std::min<std::size_t>(32, members.ciphertext->size())))
                               : result.text;
    pushed_lineage_.version = base64_encode(sha1_bytes(identity)).substr(0, 27);
    auto add = [&](const std::string& v) {
        if (!v.empty() && pushed_lineage_.ancestors.size() < kMaxAncestors &&
            std::find(pushed_lineage_.ancestors.begin(), pushed_lineage_.ancestors.end(), v) == pushed_lineage_.ancestors.end())
            pushed_lineage_.ancestors.push_back(v);
    };
    if (remote_exists_) {
        add(remote_lineage_.version);
        add(base_.lineage.version);
        for (const auto& a : remote_lineage_.ancestors) add(a);
    }
    nlohmann::ordered_json lineage = {{"version", pushed_lineage_.version}, {"ancestors", pushed_lineage_.ancestors}};
    const std::string& text = result.text;
    std::size_t close = text.find_last_not_of(" \t\r\n");
    if (!members.members.contains("lineage") && close != std::string::npos && text[close] == '}') {
        // Appended as the last member, in place: re-serialising would copy and re-escape the
        // whole ciphertext. For a compact envelope (format_envelope's) the same bytes as adding it
        // to the parsed object and dumping that.
        std::size_t before = text.find_last_not_of(" \t\r\n", close - 1);
        bool empty = before != std::string::npos && text[before] == '{';
        envelope_.clear();
        envelope_.reserve(close + 256);
        envelope_.append(text, 0, close).append(empty ? "\"lineage\":" : ",\"lineage\":").append(lineage.dump()).append("}\n");
    } else {
        nlohmann::ordered_json env = nlohmann::ordered_json::parse(text, nullptr, false);
        env["lineage"] = std::move(lineage);
        envelope_ = env.dump() + "\n";
    }
    if (remote_exists_ && remote_etag_.empty()) {
        // Without an ETag there is no conditional write, and an unconditional one could overwrite.
        fail(SyncFailure::Host, "the host sends no ETag, so it cannot be written safely (use a WebDAV host such as Apache mod_dav)");
        return;
    }
    attempts_ = 0;
    weak_waits_ = 0;
    phase_ = remote_exists_ && is_weak_etag(remote_etag_) ? Phase::Strengthen : Phase::Put;
}

// [SECTION] Merging and decisions -------------------------------------------------------------

// False (after failing the session) when there are problems with the book to push.
bool SyncSession::valid_or_fail(const Problems& problems) {
    if (problems.empty()) return true;
    fail(SyncFailure::Invalid,
         "the merged book is invalid, nothing was sent: " + problems.front().pointer + ": " + problems.front().message);
    return false;
}

void SyncSession::merge() {
    if (!remote_exists_) {
        merged_ = local_;
    } else if (remote_ == base_book_ && decisions_.empty()) {
        merged_ = local_;   // 304: the host has our base, so the merge is our book as it is
    } else if (base_book_ && store::same(*local_, *base_book_) && remote_lineage_.descends_from(base_.lineage.version)) {
        merged_ = remote_;  // nothing changed here: take the host's version as it is
    } else if (!base_book_ && merge_gives_theirs(nullptr, *local_, *remote_)) {
        merged_ = remote_;  // a first sync on a new device: the merge would copy the host's book
    } else {
        // The base must be an ancestor of the host's version; when our last write was replaced
        // without being merged, fall back to what that write replaced, or to no base at all.
        const Book* merge_base = base_book_.get();
        if (base_book_ && !base_.lineage.version.empty() && !remote_lineage_.version.empty() &&
            !remote_lineage_.descends_from(base_.lineage.version)) {
            if (previous_remote_ && remote_lineage_.descends_from(previous_remote_lineage_.version)) {
                merge_base = previous_remote_.get();
                note("our last write was replaced by a concurrent one: merging against what it replaced");
            } else {
                merge_base = nullptr;
                note("our last version is not an ancestor of the host's: merging without a base (differences are conflicts)");
            }
        }
        BookMergeResult m = merge_books(merge_base, *local_, *remote_, decisions_);
        outcome_.conflicts_decided = static_cast<int>(m.decided.size());
        if (!m.conflicts.empty()) {
            conflicts_ = std::move(m.conflicts);
            note(std::to_string(conflicts_.size()) + " conflict(s) to decide");
            phase_ = Phase::Decide;
            return;
        }
        conflicts_.clear();
        // Each side was checked when read; a merge can still break references (an invoice for
        // an organisation deleted on the other side).
        if (!valid_or_fail(m.problems)) return;
        if (config_.catalog && !valid_or_fail(check_book_references(m.merged, *config_.catalog))) return;
        merged_ = std::make_shared<const Book>(std::move(m.merged));
    }
    if (config_.validate && !valid_or_fail(config_.validate(*merged_))) return;
    if (remote_exists_ && (merged_ == remote_ || store::same(*merged_, *remote_))) {
        base_book_ = merged_;
        base_.etag = remote_etag_;
        base_.lineage = remote_lineage_;
        finish(merged_ == original_local_ || store::same(*merged_, *original_local_) ? "already in sync"
                                                                                     : "synced: took the host's changes");
        return;
    }
    phase_ = Phase::Encrypt;
}

void SyncSession::decide(const std::string& key, Take take) { decisions_[key] = take; }

void SyncSession::decide_all(Take take) {
    for (const auto& c : conflicts_) decisions_[c.key()] = take;
}

void SyncSession::resume() {
    if (phase_ == Phase::Decide) merge();
}

void SyncSession::give_up() {
    if (phase_ != Phase::Decide) return;
    std::string message = std::to_string(conflicts_.size()) + " conflict(s) need a decision; nothing was sent";
    if (!conflicts_.empty()) message += " (first: " + conflicts_.front().describe() + ")";
    fail(SyncFailure::Conflicts, message);
}

// [SECTION] Drivers ---------------------------------------------------------------------------

std::string plain_envelope(const std::string& text) { return Json{{"plain", text}}.dump() + "\n"; }

CipherResult open_plain_envelope(const std::string& envelope) {
    Json doc = Json::parse(envelope, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("plain") || !doc["plain"].is_string())
        return CipherResult{false, "", "not a plain test envelope", {}};
    return CipherResult{true, doc["plain"].get<std::string>(), "", {}};
}

SyncOutcome run_sync(SyncSession& session, const SyncDriver& driver) {
    // Each phase makes progress or fails, and waits and rounds are bounded: this ends.
    while (!session.finished()) {
        SyncStep step = session.next();
        switch (step.kind) {
            case SyncStep::Kind::Send: session.on_response(driver.http.send(step.request)); break;
            case SyncStep::Kind::Wait:
                if (driver.sleep) driver.sleep(step.wait_ms);
                session.on_waited();
                break;
            case SyncStep::Kind::Decrypt:
                if (driver.cipher) {
                    session.on_decrypted(driver.cipher->open(step.text));
                } else {
                    session.on_decrypted(open_plain_envelope(step.text));
                }
                break;
            case SyncStep::Kind::Encrypt:
                if (driver.cipher) {
                    session.on_encrypted(driver.cipher->seal(step.text));
                } else {
                    session.on_encrypted(CipherResult{true, plain_envelope(step.text), "", {}});
                }
                break;
            case SyncStep::Kind::Decide:
                if (driver.decide && driver.decide(session))
                    session.resume();
                else
                    session.give_up();
                break;
            case SyncStep::Kind::Done:
            case SyncStep::Kind::Failed: break;
        }
    }
    return session.outcome();
}

PublishResult publish_file(HttpClient& http, const SyncConfig& config, const std::string& url, const std::string& body,
                           const std::function<void(int ms)>& sleep) {
    HttpRequest req;
    req.method = "PUT";
    req.url = url;
    std::string auth = authorization_value(config.credentials);
    if (!auth.empty()) req.headers.emplace_back("Authorization", auth);
    req.headers.emplace_back("Content-Type", "application/json");
    req.body = body;
    long delay = config.backoff_initial_ms;
    HttpResponse r;
    for (int attempt = 1; attempt <= config.max_attempts; ++attempt) {
        r = http.send(req);
        if (!transient(r.status)) break;
        if (attempt < config.max_attempts && sleep) sleep(static_cast<int>(delay));
        delay = std::min<long>(delay * 2, config.backoff_max_ms);
    }
    if (r.status >= 200 && r.status < 300) return {true, "published"};
    if (r.status == 401) return {false, "the host refused the upload without valid credentials (401 Unauthorized)"};
    if (r.status == 403) return {false, "the host forbids the upload (403 Forbidden)"};
    return {false, "the upload failed: " + status_text(r)};
}

}  // namespace portal::sync
