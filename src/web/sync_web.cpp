// The browser's sync driver (see sync_web.hpp, docs/sync.md "Driving it"). One SyncSession at a
// time: next() says what to do, the JS side does it asynchronously and calls back with the
// request id; the result waits in `arrived` until the main loop feeds it to the session, so the
// session only ever runs on the main loop. A result with a stale id (a cancelled session) is
// dropped.
//
// While a session runs the book is locked (m.book_lock): the session merged a copy of it, and an
// edit made meanwhile would be lost when the merged book is adopted. The sync base (the last
// version both sides agreed on) is saved as sync-state.json in the IndexedDB store folder, so it
// survives a reload; the local changes are simply everything that differs from it, which is the
// offline queue.
#include "web/sync_web.hpp"

#include <emscripten.h>

#include <map>
#include <memory>
#include <optional>

#include "core/public_export.hpp"
#include "store/book_codec.hpp"
#include "store/fs.hpp"
#include "sync/envelope.hpp"
#include "sync/sync_state.hpp"
#include "ui/app_internal.hpp"
#include "ui/ui.hpp"
#include "web/storage_web.hpp"
#include "web/web.hpp"

namespace portal::web {

namespace {

constexpr const char* kStatePath = "/data/book/sync-state.json";
constexpr const char* kMarkPath = "/data/book/sync-mark.json";
constexpr int kTimeoutMs = 30000;
constexpr double kDebounceMs = 3000;      // automatic sync this long after the last change
constexpr double kOfflineRetryMs = 60000; // and again this often while the host stays away
constexpr const char* kLockText = "A sync with the host is running; try again in a moment.";
constexpr const char* kDecideLockText = "The sync waits for your decisions (Settings > Sync): decide or give up first.";

enum class Status { Idle, Running, Decide, Done, Failed };
const char* to_string(Status s) {
    switch (s) {
        case Status::Idle: return "idle";
        case Status::Running: return "running";
        case Status::Decide: return "decide";
        case Status::Done: return "done";
        case Status::Failed: return "failed";
    }
    return "?";
}

struct Arrived {  // a result from JS, waiting for the main loop
    enum class Kind { None, Response, Waited, Crypto } kind = Kind::None;
    sync::HttpResponse response;
    sync::CipherResult cipher;
};

struct SyncWeb {
    bool started = false, store_ready = false, writer = false, online = true, auto_sync = true;
    std::string credentials;     // "basic", "token" or "" (which kind is set; the values stay in JS)
    bool passphrase = false;
    Status status = Status::Idle;
    std::string message, failure, step;
    bool pending = false;        // the local book differs from the base: changes to send
    bool manual = false;         // the running session was started by the user
    std::string last_synced_at;
    int requests = 0;
    int id = 0;                  // of the session's request, wait or crypto step in flight
    int side_id = 0;             // public.json requests count down from -1, apart from the session's
    int crypto_op = 0;           // 0 decrypt, 1 encrypt: the crypto step in flight
    Arrived arrived;
    std::unique_ptr<sync::SyncSession> session;
    std::uint64_t session_book_version = 0;
    std::map<std::string, sync::Take> choices;  // decisions made so far in the Decide step
    sync::SyncBase base;
    bool base_loaded = false;    // `base` was read from sync-state.json (it is read lazily)
    bool synced_before = false;  // a base exists for this host
    int start_after_base = 0;    // a sync asked for while the base was still being read: 1 automatic, 2 manual
    std::string base_url;        // the host URL the base belongs to
    double due_ms = 0;           // automatic sync wanted at this time (0: none)
    std::string publish_note;
    std::string catalog_source = "bundled", catalog_note;
    int public_id = 0, publish_id = 0;
};

SyncWeb& sw() {
    static SyncWeb s;
    return s;
}

ui::AppModel& model() { return shell().model; }

std::string host_folder() {
    std::string url = model().settings.host_url;
    if (!url.empty() && url.back() != '/') url += '/';
    return url;
}

bool configured() { return !host_folder().empty() && sw().passphrase; }

void publish() {
    model().sync = sync_state();
    wake();
}

void save_settings() {
    const Json doc = {{"host_url", model().settings.host_url}, {"auto", sw().auto_sync}};
    portal_js_sync_save_settings(doc.dump().c_str());
}

// [SECTION] The book as the session sees it. The only place that converts between the model's
// Book and what the sync engine takes (JSON today; the store may move to another form).

sync::BookPtr book_for_sync() { return std::make_shared<const Book>(model().book); }

// The session read and checked the merged book against the catalog; "" when taken over.
std::string adopt_book(const sync::BookPtr& book) {
    if (!book) return "no book";
    ui::AppModel& m = model();
    m.book = *book;
    m.demo = false;
    ++m.book_version;
    m.effects.push_back({{"effect", "book_changed"}, {"replace", "sync from " + host_folder()}, {"sync", true}});
    ui::refresh_book(m);
    run_effects();
    return "";
}

// [SECTION] The base, beside the book in IndexedDB

// sync-state.json holds the whole last agreed book: reading it takes seconds on a large book. So
// beside it a small mark records the store's journal position right after that sync: at start,
// "changes wait" is just "the journal moved since", and the base itself is read only when a sync
// starts. The state is written first: a crash in between leaves an old mark, which at worst
// announces changes that a sync then finds already there.
void save_base() {
    SyncWeb& s = sw();
    std::string error;
    const std::string url = s.base_url + "book.enc.json";
    const std::string text = sync::sync_state_to_text(url, s.base) + "\n";
    const Json mark = {{"url", url}, {"seq", storage_last_seq()}};
    if (!store::write_file_atomic(kStatePath, text, true, error) || !store::write_file_atomic(kMarkPath, mark.dump() + "\n", true, error))
        s.message = "The sync state could not be saved: " + error;
    s.synced_before = s.base.book != nullptr;
    storage_flush();
}

// Reads the base for the current host from sync-state.json; false when there is none.
bool read_base() {
    SyncWeb& s = sw();
    s.base = sync::SyncBase{};
    s.base_url = host_folder();
    s.base_loaded = true;
    const std::string text = read_file(kStatePath);
    if (text.empty()) return false;
    std::string error;
    Json doc = Json::parse(text, nullptr, false);
    if (doc.is_discarded()) doc = Json();
    if (!sync::sync_state_from_json(doc, s.base_url + "book.enc.json", model().catalog, s.base, &error)) {
        s.message = std::string("sync-state.json: ") + error;
        s.base = sync::SyncBase{};
    }
    return s.base.book != nullptr;
}

// At start: whether local changes wait, from the mark when there is one, else from the base.
void load_base() {
    SyncWeb& s = sw();
    s.base = sync::SyncBase{};
    s.base_url = host_folder();
    s.base_loaded = false;
    Json mark = Json::parse(read_file(kMarkPath), nullptr, false);
    // The base itself is read from IndexedDB after the book opened (storage_loading_later).
    const bool later = storage_loading_later(kStatePath);
    if (mark.is_object() && mark.value("url", "") == s.base_url + "book.enc.json" && (later || store::file_exists(kStatePath))) {
        s.synced_before = true;
        s.pending = mark.value("seq", std::int64_t(-1)) != storage_last_seq();
        return;
    }
    if (later) {  // no mark for this host: say that changes may wait; a sync finds out
        s.synced_before = true;
        s.pending = true;
        return;
    }
    s.synced_before = read_base();
    s.pending = s.synced_before ? !store::same(*s.base.book, model().book)
                                : !model().book.organisations.empty() || !model().book.audit.empty();
}

// [SECTION] Driving the session

void lock_book(const char* text) {
    std::string& lock = model().book_lock;
    if (lock.empty() || lock == kLockText || lock == kDecideLockText) lock = text;
}
void unlock_book() {
    std::string& lock = model().book_lock;
    if (lock == kLockText || lock == kDecideLockText) lock.clear();
}

std::string outcome_sentence(const sync::SyncOutcome& o) {
    std::string text;
    switch (o.failure) {
        case sync::SyncFailure::None: {
            text = o.pushed && o.pulled ? "Synced: your changes went to the host and the host's changes arrived."
                   : o.pushed           ? "Synced: your changes went to the host."
                   : o.pulled           ? "Synced: the host's changes arrived."
                                        : "Already in sync with the host.";
            if (o.conflicts_decided) text += " " + std::to_string(o.conflicts_decided) + " conflict(s) decided.";
            return text;
        }
        case sync::SyncFailure::Auth:
            return "The host refused the credentials (" + std::string(o.message.find("403") != std::string::npos ? "403" : "401") +
                   "): enter the host's user name and password, or a token, under Sync in Settings. Your changes stay here.";
        case sync::SyncFailure::Offline: {
            // The engine's sentence ends with what the next sentence says better for a browser.
            std::string why = o.message;
            if (const auto cut = why.find(": the local changes are kept"); cut != std::string::npos) why.erase(cut);
            return "The host cannot be reached (" + why + "). Your changes are kept in this browser and go out at the next sync.";
        }
        case sync::SyncFailure::Crypto:
            return "Sync stopped: " + o.message + ". Check the passphrase; nothing was changed.";
        case sync::SyncFailure::Conflicts: return "Sync given up: " + o.message + ". Nothing was changed here or on the host.";
        default: return "Sync failed: " + o.message + ". Nothing here was lost.";
    }
}

void finish_session() {
    SyncWeb& s = sw();
    const sync::SyncOutcome o = s.session->outcome();
    ui::AppModel& m = model();
    unlock_book();
    s.failure = sync::to_string(o.failure);
    s.message = outcome_sentence(o);
    s.step.clear();
    s.status = o.ok ? Status::Done : Status::Failed;
    s.choices.clear();
    // The base moves only together with the book it was merged into (a push that landed before a
    // later failure still moved it); a book that cannot be adopted leaves both as they were.
    bool adopted = true;
    if (o.ok && o.pulled) {
        if (std::string e = adopt_book(o.book); !e.empty()) {
            adopted = false;
            s.status = Status::Failed;
            s.message = "The merged book could not be taken over (" + e + "); nothing here changed.";
        }
    }
    if ((o.ok || o.pushed) && adopted) {
        s.base = o.base;
        s.base_url = host_folder();
        s.base_loaded = true;
        save_base();
    }
    if (o.ok && adopted) {
        s.pending = false;
        s.last_synced_at = m.now_iso;
        // The public files are derived from the merged book: publish them (last writer is right).
        if (o.pushed && !s.credentials.empty()) {
            const std::string body = public_export_text(m.book, m.catalog, ui::today(m)) + "\n";
            s.publish_id = --s.side_id;
            s.publish_note = "publishing public.json";
            portal_js_sync_send(s.publish_id, "PUT", (host_folder() + "public.json").c_str(),
                                R"([["Content-Type","application/json"]])", body.c_str(), kTimeoutMs, 1);
        }
    } else if (o.failure == sync::SyncFailure::Offline) {
        s.due_ms = portal_js_now_ms() + kOfflineRetryMs;
    }
    ui::say(m, o.ok ? "ok" : "error", s.message);
    s.session.reset();
    publish();
}

// Asks the session what to do and starts it; the answer comes back through the callbacks.
void advance() {
    SyncWeb& s = sw();
    if (!s.session) return;
    if (s.session->finished()) return finish_session();
    const sync::SyncStep step = s.session->next();
    switch (step.kind) {
        case sync::SyncStep::Kind::Send: {
            Json headers = Json::array();
            for (const auto& [k, v] : step.request.headers) headers.push_back({k, v});
            s.step = step.request.method + " " + step.request.url;
            ++s.requests;
            portal_js_sync_send(++s.id, step.request.method.c_str(), step.request.url.c_str(), headers.dump().c_str(),
                                step.request.body.c_str(), kTimeoutMs, 1);
            break;
        }
        case sync::SyncStep::Kind::Wait:
            s.step = "waiting " + std::to_string(step.wait_ms) + " ms before trying again";
            portal_js_sync_wait(++s.id, step.wait_ms);
            break;
        case sync::SyncStep::Kind::Decrypt: {
            // Malformed envelopes are reported member by member (JSON Pointers) by the portable parser.
            sync::EnvelopeRead env = sync::parse_envelope(step.text);
            if (!env.value) {
                s.arrived.kind = Arrived::Kind::Crypto;
                s.arrived.cipher = sync::CipherResult{false, "", "the file is not a valid encrypted book", env.problems};
                s.crypto_op = 0;
                ++s.id;
                break;
            }
            s.step = "decrypting the host's book";
            s.crypto_op = 0;
            portal_js_sync_crypto(++s.id, 0, step.text.c_str(), 0);
            break;
        }
        case sync::SyncStep::Kind::Encrypt:
            s.step = "encrypting the book";
            s.crypto_op = 1;
            portal_js_sync_crypto(++s.id, 1, step.text.c_str(), sync::kDefaultKdfIterations);
            break;
        case sync::SyncStep::Kind::Decide:
            s.status = Status::Decide;
            s.step = "waiting for your decisions";
            lock_book(kDecideLockText);
            s.message = std::to_string(s.session->conflicts().size()) +
                        " conflict(s): the same field was changed here and on the host. Decide each one under Sync in Settings.";
            ui::say(model(), "info", s.message);
            if (s.manual) model().screen = ui::Screen::Settings;
            break;
        case sync::SyncStep::Kind::Done:
        case sync::SyncStep::Kind::Failed: return finish_session();
    }
    publish();
}

std::string start_session(bool manual) {
    SyncWeb& s = sw();
    ui::AppModel& m = model();
    if (s.session) return s.status == Status::Decide ? kDecideLockText : kLockText;
    if (host_folder().empty()) return "Set the static host URL in Settings first.";
    if (!s.passphrase) return "Enter the passphrase of the encrypted book under Sync in Settings first.";
    if (!s.store_ready) return "The saved book is still loading; try again in a moment.";
    if (!s.writer) return "Another tab is editing the book; sync from that tab.";
    if (!m.book_lock.empty() && !(s.start_after_base && m.book_lock == kLockText)) return m.book_lock;
    if (storage_loading_later(kStatePath)) {
        // The base is still coming from IndexedDB (read after the book opened, not before): the
        // session starts as soon as it is there (sync_base_loaded).
        s.start_after_base = manual ? 2 : 1;
        s.status = Status::Running;
        s.message = "Reading the sync state saved in this browser…";
        s.due_ms = 0;
        lock_book(kLockText);
        return "";
    }
    if (s.base_url != host_folder() || !s.base_loaded) read_base();  // this host's base (or none)
    sync::SyncConfig config;
    config.url = host_folder() + "book.enc.json";  // credentials stay in JS: it adds Authorization
    config.catalog = std::make_shared<const Catalog>(m.catalog);
    s.session = std::make_unique<sync::SyncSession>(std::move(config), book_for_sync(), s.base);
    s.session_book_version = m.book_version;
    s.manual = manual;
    s.status = Status::Running;
    s.message = "Syncing with " + host_folder() + "…";
    s.failure.clear();
    s.requests = 0;
    s.choices.clear();
    s.due_ms = 0;
    lock_book(kLockText);
    advance();
    return "";
}

// [SECTION] public.json from the host (or the page's own origin) at start

// Only from a configured host: the page's own origin serves the bundled assets already (and a
// 404 there would be noise on every start).
void fetch_public() {
    SyncWeb& s = sw();
    if (host_folder().empty()) return;
    const std::string url = host_folder() + "public.json";
    s.public_id = --s.side_id;
    portal_js_sync_send(s.public_id, "GET", url.c_str(), "[]", "", 10000, 0);
}

void public_arrived(const sync::HttpResponse& r) {
    SyncWeb& s = sw();
    ui::AppModel& m = model();
    const std::string where = host_folder();
    if (r.status == 404) {
        s.catalog_note = "No public.json at " + where + ": using the bundled catalog.";
    } else if (r.status != 200) {
        s.catalog_note = "public.json could not be read from " + where + " (" +
                         (r.status ? "HTTP " + std::to_string(r.status) : r.error) + "): using the bundled catalog.";
    } else {
        Json doc = Json::parse(r.body, nullptr, false);
        Read<Catalog> cat = doc.is_object() && doc.contains("catalog") && doc.value("schema", "") == kPublicSchema
                                ? read_catalog(doc["catalog"].dump())
                                : Read<Catalog>{std::nullopt, {{"/", "not a portal-public/1 document"}}};
        if (!cat.ok()) {
            const Problem& p = cat.problems.front();
            s.catalog_note = "public.json from " + where + " is not valid (" + (p.pointer == "/" ? "" : "/catalog" + p.pointer + ": ") +
                             p.message + "): using the bundled catalog.";
        } else {
            m.catalog = std::move(*cat.value);
            s.catalog_source = where;
            s.catalog_note = "Catalog from " + where + "public.json (generated " + doc.value("generated_on", "?") + ").";
            ui::refresh_all(m);
        }
    }
    publish();
}

}  // namespace

// [SECTION] Entry points -------------------------------------------------------------------------

void sync_start() {
    SyncWeb& s = sw();
    s.started = true;
    char* text = portal_js_sync_init();
    Json saved = Json::parse(text ? text : "", nullptr, false);
    free(text);
    if (saved.is_object()) {
        const std::string url = saved.value("host_url", "");
        if (!url.empty()) model().settings.host_url = url;
        s.auto_sync = saved.value("auto", true);
        s.online = saved.value("online", true);
    }
    publish();
}

void sync_storage_loaded(bool writer) {
    SyncWeb& s = sw();
    // public.json (megabytes on a large book, parsed whole) once the book is open, not while
    // the saved book is being read from IndexedDB.
    if (!s.store_ready && s.online) fetch_public();
    s.store_ready = true;
    s.writer = writer;
    if (writer) load_base();
    if (s.pending && s.auto_sync) s.due_ms = portal_js_now_ms() + kDebounceMs;
    publish();
}

void sync_base_loaded() {
    SyncWeb& s = sw();
    if (!s.start_after_base) return;
    const bool manual = s.start_after_base == 2;
    s.start_after_base = 0;
    unlock_book();
    s.status = Status::Idle;
    if (const std::string error = start_session(manual); !error.empty()) {
        s.status = Status::Failed;
        s.message = error;
    }
    publish();
}

// Only while no session runs: sync_poll starts a due sync only then, and a running session's
// callbacks wake the loop themselves (a past due time would otherwise wake it over and over).
double sync_due_ms() { return sw().session ? 0 : sw().due_ms; }

void sync_poll() {
    SyncWeb& s = sw();
    if (!s.started) return;
    if (s.arrived.kind != Arrived::Kind::None && s.session) {
        Arrived a = std::move(s.arrived);
        s.arrived = Arrived{};
        refresh_clock();
        switch (a.kind) {
            case Arrived::Kind::Response: s.session->on_response(a.response); break;
            case Arrived::Kind::Waited: s.session->on_waited(); break;
            case Arrived::Kind::Crypto:
                if (s.crypto_op == 0) s.session->on_decrypted(a.cipher);
                else s.session->on_encrypted(a.cipher);
                break;
            case Arrived::Kind::None: break;
        }
        advance();
    }
    if (s.due_ms > 0 && portal_js_now_ms() >= s.due_ms && !s.session) {
        s.due_ms = 0;
        if (s.auto_sync && s.pending && configured() && s.online && model().book_lock.empty()) start_session(false);
    }
}

void sync_on_book_changed(const Json& effect) {
    SyncWeb& s = sw();
    if (effect.value("sync", false)) return;  // the sync's own adoption of the merged book
    s.pending = true;
    if (s.auto_sync && configured()) s.due_ms = portal_js_now_ms() + kDebounceMs;
    publish();
}

void sync_after_action(const Json& a) {
    if (a.value("type", "") == "settings.set" && a.value("field", "") == "host_url" && model().last.ok) {
        save_settings();
        if (sw().online) fetch_public();
        publish();
    }
}

bool sync_action(const Json& a) {
    const std::string type = a.value("type", "");
    if (type.rfind("sync.", 0) != 0) return false;
    ui::AppModel& m = model();
    SyncWeb& s = sw();
    m.last = ui::ActionOutcome{};
    m.last.type = type;
    std::string error, summary;
    auto text = [&](const char* key) {
        auto it = a.find(key);
        return it != a.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto take = [&](sync::Take* out) {
        const std::string t = text("take");
        if (t != "mine" && t != "theirs") return false;
        *out = t == "mine" ? sync::Take::Mine : sync::Take::Theirs;
        return true;
    };
    const bool deciding = s.session && s.status == Status::Decide;
    if (m.kiosk || !m.staff) {
        error = "Switch to staff mode to sync the book.";
    } else if (type == "sync.start") {
        error = start_session(true);
        if (error.empty()) summary = "Sync started.";
    } else if (type == "sync.credentials") {
        const std::string user = text("user"), password = text("password"), token = text("token");
        if (!token.empty()) portal_js_sync_set_secret("token", token.c_str(), "");
        else if (!user.empty()) portal_js_sync_set_secret("basic", user.c_str(), password.c_str());
        else portal_js_sync_set_secret("no_credentials", "", "");
        summary = token.empty() && user.empty() ? "Credentials removed." : "Credentials saved in this browser.";
    } else if (type == "sync.passphrase") {
        portal_js_sync_set_secret("passphrase", text("value").c_str(), "");
        summary = text("value").empty() ? "Passphrase forgotten." : "Passphrase kept for this tab.";
    } else if (type == "sync.forget") {
        portal_js_sync_set_secret("forget", "", "");
        summary = "Credentials and passphrase forgotten in this browser.";
    } else if (type == "sync.auto") {
        s.auto_sync = a.value("on", true);
        save_settings();
        summary = s.auto_sync ? "Automatic sync on." : "Automatic sync off.";
    } else if (type == "sync.decide" || type == "sync.decide_all") {
        sync::Take t;
        if (!deciding) error = "There are no sync conflicts to decide.";
        else if (!take(&t)) error = "\"take\" is \"mine\" or \"theirs\".";
        else if (type == "sync.decide_all") {
            for (const auto& c : s.session->conflicts()) s.choices[c.key()] = t;
            s.session->decide_all(t);
        } else {
            const std::string key = text("key");
            bool known = false;
            for (const auto& c : s.session->conflicts()) known = known || c.key() == key;
            if (!known) error = "No conflict \"" + key + "\".";
            else {
                s.choices[key] = t;
                s.session->decide(key, t);
            }
        }
    } else if (type == "sync.resume") {
        std::size_t open = 0;
        if (deciding)
            for (const auto& c : s.session->conflicts()) open += s.choices.count(c.key()) ? 0 : 1;
        if (!deciding) error = "There are no sync conflicts to decide.";
        else if (open) error = std::to_string(open) + " conflict(s) still need a decision.";
        else {
            s.status = Status::Running;
            lock_book(kLockText);
            s.session->resume();
            advance();
            summary = "Sync resumed with your decisions.";
        }
    } else if (type == "sync.cancel") {
        if (deciding) {
            s.session->give_up();
            finish_session();
        } else if (s.session) {
            // Results still in flight carry an old id and are dropped; nothing was adopted.
            ++s.id;
            s.session.reset();
            s.arrived = Arrived{};
            s.status = Status::Failed;
            s.message = "Sync cancelled. Nothing here was changed.";
            unlock_book();
        } else {
            error = "No sync is running.";
        }
    } else {
        error = "Unknown action \"" + type + "\".";
    }
    m.last.ok = error.empty();
    m.last.error = error;
    m.last.summary = summary;
    if (!error.empty()) ui::say(m, "error", error);
    else if (!summary.empty()) ui::say(m, "ok", summary);
    publish();
    return true;
}

Json sync_state() {
    const SyncWeb& s = sw();
    Json conflicts = Json::array();
    if (s.session && s.status == Status::Decide)
        for (const auto& c : s.session->conflicts()) {
            auto it = s.choices.find(c.key());
            conflicts.push_back({{"key", c.key()}, {"collection", c.collection}, {"id", c.id}, {"field", c.field},
                                 {"mine", c.mine}, {"theirs", c.theirs}, {"base", c.base}, {"in_mine", c.in_mine},
                                 {"in_theirs", c.in_theirs}, {"in_base", c.in_base},
                                 {"decided", it == s.choices.end() ? Json() : Json(it->second == sync::Take::Mine ? "mine" : "theirs")}});
        }
    return {{"configured", configured()}, {"host_url", model().settings.host_url}, {"credentials", s.credentials},
            {"passphrase_set", s.passphrase}, {"auto", s.auto_sync}, {"online", s.online}, {"status", to_string(s.status)},
            {"failure", s.failure}, {"message", s.message}, {"step", s.step}, {"requests", s.requests}, {"pending", s.pending},
            {"synced_before", s.synced_before}, {"last_synced_at", s.last_synced_at}, {"publish", s.publish_note},
            {"conflicts", conflicts}, {"catalog_source", s.catalog_source}, {"catalog_note", s.catalog_note}};
}

}  // namespace portal::web

using namespace portal;
using namespace portal::web;

extern "C" {

EMSCRIPTEN_KEEPALIVE void portal_sync_response(int id, int status, const char* headers_json, const char* body, const char* error) {
    SyncWeb& s = sw();
    sync::HttpResponse r;
    r.status = status;
    r.body = body ? body : "";
    r.error = error ? error : "";
    Json headers = Json::parse(headers_json ? headers_json : "[]", nullptr, false);
    if (headers.is_array())
        for (const Json& h : headers)
            if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string()) r.headers.emplace_back(h[0], h[1]);
    if (id == s.public_id) return public_arrived(r);
    if (id == s.publish_id) {
        s.publish_note = status >= 200 && status < 300 ? "public.json published"
                                                       : "public.json not published (" + (status ? "HTTP " + std::to_string(status) : r.error) + ")";
        return publish();
    }
    if (id != s.id || !s.session) return;
    s.arrived.kind = Arrived::Kind::Response;
    s.arrived.response = std::move(r);
    wake();
}

EMSCRIPTEN_KEEPALIVE void portal_sync_waited(int id) {
    SyncWeb& s = sw();
    if (id != s.id || !s.session) return;
    s.arrived.kind = Arrived::Kind::Waited;
    wake();
}

EMSCRIPTEN_KEEPALIVE void portal_sync_crypto_done(int id, int ok, const char* text, const char* error) {
    SyncWeb& s = sw();
    if (id != s.id || !s.session) return;
    s.arrived.kind = Arrived::Kind::Crypto;
    s.arrived.cipher = sync::CipherResult{ok != 0, text ? text : "", error ? error : "", {}};
    wake();
}

// Which secrets the JS side holds (never their values).
EMSCRIPTEN_KEEPALIVE void portal_sync_secrets(const char* credentials, int passphrase) {
    SyncWeb& s = sw();
    s.credentials = credentials ? credentials : "";
    s.passphrase = passphrase != 0;
    if (s.pending && s.auto_sync && configured() && !s.session) s.due_ms = portal_js_now_ms() + kDebounceMs;
    publish();
}

EMSCRIPTEN_KEEPALIVE void portal_sync_online(int online) {
    SyncWeb& s = sw();
    s.online = online != 0;
    // Back online: the queued changes go out now.
    if (s.online && s.pending && s.auto_sync && configured() && !s.session) s.due_ms = portal_js_now_ms();
    publish();
}

}  // extern "C"
