// bench_store: the store and sync on a 100,000-organisation book.
//   bench_store [OUT.json]     (default bench/results/bench_store_native.json, _wasm under node)
// Measures: persisting one action (journal append + fsync; and reducer + append), writing a
// snapshot, opening (snapshot load + journal replay), and natively a full encrypted push + pull
// (PBKDF2 600,000 iterations, AES-256-GCM), against a real host when PORTAL_BENCH_URL (and
// PORTAL_BENCH_USER / PORTAL_BENCH_PASSWORD) are set, else an in-process host.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#include "core/actions.hpp"
#include "core/json_book_records.hpp"
#include "core/json_io.hpp"
#include "core/synthetic.hpp"
#include "store/store.hpp"
#include "sync/engine.hpp"
#include "sync/sha1.hpp"

#ifdef PORTAL_HAVE_NET
#include "sync/native/crypto_openssl.hpp"
#include "sync/native/deflate_zlib.hpp"
#include "sync/native/http_curl.hpp"
#endif

using namespace portal;
using Clock = std::chrono::steady_clock;

namespace {

double peak_rss_mb() {
    struct rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024.0;  // kilobytes on Linux
}

void progress(const char* what) { std::cerr << "bench_store: " << what << " (peak RSS " << peak_rss_mb() << " MB)\n"; }

// CPU time of this process (user + system): on a machine shared with other builds the wall clock
// also counts waiting for a core; both are reported.
double cpu_ms() {
    struct rusage u {};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000.0 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000.0;
}

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

Json stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(q * (v.size() - 1) + 0.5))]; };
    double sum = 0;
    for (double x : v) sum += x;
    return Json{{"n", v.size()}, {"median_ms", at(0.5)}, {"p95_ms", at(0.95)}, {"max_ms", v.back()}, {"mean_ms", sum / v.size()}};
}

void remove_tree(const std::string& dir) {
    for (const auto& name : store::list_dir(dir)) store::remove_file(store::join_path(dir, name));
    ::rmdir(dir.c_str());
}

#ifdef PORTAL_HAVE_NET
// Runs a session like run_sync, timing where the time goes: the host (transfer), the cipher
// (decrypt / encrypt, PBKDF2 included when a key is derived), and the session itself: reading
// the host's book and merging (on_decrypted), writing the book's JSON (the Encrypt step's text),
// and the rest (SHA-1 digests, lineage, bookkeeping).
struct Breakdown {
    double transfer_ms = 0, decrypt_ms = 0, encrypt_ms = 0, read_and_merge_ms = 0, write_json_ms = 0, other_ms = 0;
    int requests = 0;
    std::size_t envelope_bytes = 0;  // the envelope written (push) or read (pull)
    Json to_json() const {
        return Json{{"transfer_ms", transfer_ms},   {"decrypt_ms", decrypt_ms},
                    {"encrypt_ms", encrypt_ms},     {"read_and_merge_ms", read_and_merge_ms},
                    {"write_json_ms", write_json_ms}, {"other_ms", other_ms},
                    {"requests", requests},         {"envelope_bytes", envelope_bytes}};
    }
};

sync::SyncOutcome timed_sync(sync::SyncSession& s, sync::HttpClient& http, sync::EnvelopeCipher& cipher, Breakdown& b) {
    using K = sync::SyncStep::Kind;
    while (!s.finished()) {
        auto t = Clock::now();
        sync::SyncStep step = s.next();
        (step.kind == K::Encrypt ? b.write_json_ms : b.other_ms) += ms_since(t);
        switch (step.kind) {
            case K::Send: {
                t = Clock::now();
                sync::HttpResponse r = http.send(step.request);
                b.transfer_ms += ms_since(t);
                ++b.requests;
                t = Clock::now();
                s.on_response(r);
                b.other_ms += ms_since(t);
                break;
            }
            case K::Decrypt: {
                t = Clock::now();
                sync::CipherResult r = cipher.open(step.text);
                b.decrypt_ms += ms_since(t);
                b.envelope_bytes = step.text.size();
                t = Clock::now();
                s.on_decrypted(r);
                b.read_and_merge_ms += ms_since(t);
                break;
            }
            case K::Encrypt: {
                t = Clock::now();
                sync::CipherResult r = cipher.seal(step.text);
                b.encrypt_ms += ms_since(t);
                b.envelope_bytes = r.text.size();
                t = Clock::now();
                s.on_encrypted(r);
                b.other_ms += ms_since(t);
                break;
            }
            case K::Wait: s.on_waited(); break;
            case K::Decide: s.give_up(); break;
            case K::Done:
            case K::Failed: break;
        }
    }
    return s.outcome();
}
#endif

// An in-memory host with mod_dav's conditional PUT and Apache's digest ETags.
struct MemoryHost : sync::HttpClient {
    std::map<std::string, std::string> files;
    sync::HttpResponse send(const sync::HttpRequest& req) override {
        sync::HttpResponse r;
        auto it = files.find(req.url);
        std::string etag = it == files.end() ? "" : sync::digest_etag(it->second);
        if (req.method == "GET" || req.method == "HEAD") {
            if (it == files.end()) return r.status = 404, r;
            r.headers.emplace_back("ETag", etag);
            if (sync::header(req.headers, "If-None-Match") == etag) return r.status = 304, r;
            r.status = 200;
            if (req.method == "GET") r.body = it->second;
            return r;
        }
        std::string if_match = sync::header(req.headers, "If-Match");
        if ((!if_match.empty() && if_match != etag) || (sync::header(req.headers, "If-None-Match") == "*" && it != files.end()))
            return r.status = 412, r;
        r.status = it == files.end() ? 201 : 204;
        files[req.url] = req.body;
        return r;
    }
};

}  // namespace

int main(int argc, char** argv) {
#ifdef __EMSCRIPTEN__
    std::string out_path = argc > 1 ? argv[1] : "bench/results/bench_store_wasm.json";
#else
    std::string out_path = argc > 1 ? argv[1] : "bench/results/bench_store_native.json";
#endif
    const int orgs = std::getenv("PORTAL_BENCH_ORGS") ? std::atoi(std::getenv("PORTAL_BENCH_ORGS")) : 100000;
    auto cat = read_catalog(bundled_catalog_text());
    if (!cat.ok()) {
        std::cerr << "bench_store: the bundled catalog does not read\n";
        return 1;
    }
    const Catalog& catalog = *cat.value;
    Json results = {{"bench", "bench_store"}, {"organisations", orgs}};

    auto t0 = Clock::now();
    SyntheticOptions so;
    so.organisations = orgs;
    so.years = 2;
    so.seed = 42;
    Book book = generate_book(catalog, so);
    results["generate_ms"] = ms_since(t0);
    progress("generated");
    results["book"] = {{"organisations", book.organisations.size()}, {"invoices", book.invoices.size()},
                       {"payments", book.payments.size()}, {"prospects", book.prospects.size()}};

    char tmpl[] = "/tmp/portal-bench-store-XXXXXX";
    std::string dir = ::mkdtemp(tmpl) ? tmpl : "/tmp/portal-bench-store";
    store::StoreOptions options;  // fsync on, as in real use
    {
        store::OpenResult r = store::Store::open(dir, catalog, options);
        if (!r.ok()) {
            std::cerr << "bench_store: " << r.error << "\n";
            return 1;
        }
        ActionContext ctx{"bench", "2026-11-22T10:00:00Z", Date::from_ymd(2026, 11, 22)};
        t0 = Clock::now();
        if (!r.store->replace(book, ctx, "initial")) return 1;
        results["snapshot_write_ms"] = ms_since(t0);
        results["snapshot_bytes"] = r.store->list_snapshots().back().bytes;

        // One action = reducer + one journal line + fsync; timed apart and together.
        std::vector<double> append_only, apply_and_append;
        for (int i = 0; i < 300; ++i) {
            const Organisation& o = book.organisations[static_cast<std::size_t>(i * 331) % book.organisations.size()];
            Json action = {{"type", "org.update"}, {"id", o.id}, {"set", {{"notes", "bench note " + std::to_string(i)}}}};
            auto a0 = Clock::now();
            ApplyResult ar = apply_action(book, catalog, action, ctx);
            auto a1 = Clock::now();
            if (!ar.ok || !r.store->append(action, ctx)) {
                std::cerr << "bench_store: action failed: " << ar.error << "\n";
                return 1;
            }
            append_only.push_back(ms_since(a1));
            apply_and_append.push_back(ms_since(a0));
        }
        results["persist_one_action_append_fsync"] = stats(append_only);
        results["persist_one_action_apply_append_fsync"] = stats(apply_and_append);
        progress("appended");
    }
    {
        t0 = Clock::now();
        double c0 = cpu_ms();
        store::OpenResult r = store::Store::open(dir, catalog, options);
        results["open_snapshot_plus_replay_ms"] = ms_since(t0);
        results["open_snapshot_plus_replay_cpu_ms"] = cpu_ms() - c0;
        results["open_replayed_entries"] = r.replayed;
        results["peak_rss_mb_after_open"] = peak_rss_mb();
        progress("reopened");
        if (!r.ok() || write_book(r.book) != write_book(book)) {
            std::cerr << "bench_store: reopened book differs\n";
            return 1;
        }
    }
    remove_tree(dir);

#ifdef PORTAL_HAVE_NET
    {
        auto crypto = sync::make_openssl_crypto();
        std::unique_ptr<sync::HttpClient> http;
        MemoryHost memory;
        std::string url;
        sync::SyncConfig config;
        if (const char* base = std::getenv("PORTAL_BENCH_URL")) {
            http = sync::make_curl_client();
            url = std::string(base) + (std::string(base).back() == '/' ? "" : "/") + "bench-" +
                  std::to_string(::getpid()) + ".enc.json";
            config.credentials.user = std::getenv("PORTAL_BENCH_USER") ? std::getenv("PORTAL_BENCH_USER") : "";
            config.credentials.password = std::getenv("PORTAL_BENCH_PASSWORD") ? std::getenv("PORTAL_BENCH_PASSWORD") : "";
            results["sync_host"] = "apache (PORTAL_BENCH_URL)";
        } else {
            results["sync_host"] = "in-process";
        }
        sync::HttpClient& host = http ? *http : static_cast<sync::HttpClient&>(memory);
        if (url.empty()) url = "http://memory/bench.enc.json";
        config.url = url;
        config.catalog = std::make_shared<const Catalog>(catalog);
        {
            std::string key;
            t0 = Clock::now();
            crypto->pbkdf2_sha256("bench passphrase", std::string(16, 'x'), sync::kDefaultKdfIterations, key);
            results["pbkdf2_600000_ms"] = ms_since(t0);
        }

        // Push: a client with no base writes the whole book (If-None-Match: *).
        bool push_ok = false;
        std::string push_message;
        {
            sync::EnvelopeCipher writer(*crypto, "bench passphrase");
            auto local = std::make_shared<const Book>(book);  // the app's book, shared with the session
            Breakdown b;
            t0 = Clock::now();
            double c0 = cpu_ms();
            sync::SyncSession push(config, local, sync::SyncBase{});
            sync::SyncOutcome pushed = timed_sync(push, host, writer, b);
            results["push_ms"] = ms_since(t0);
            results["push_cpu_ms"] = cpu_ms() - c0;
            results["push_breakdown"] = b.to_json();
            push_ok = pushed.ok && pushed.pushed;
            push_message = pushed.message;
        }
        progress("pushed");
        // Pull: a second client with no base downloads, decrypts (its own PBKDF2) and merges.
        results["peak_rss_mb_after_push"] = peak_rss_mb();
        sync::EnvelopeCipher reader(*crypto, "bench passphrase");
        Breakdown b;
        t0 = Clock::now();
        double c0 = cpu_ms();
        sync::SyncSession pull(config, Book{}, sync::SyncBase{});
        sync::SyncOutcome pulled = timed_sync(pull, host, reader, b);
        results["pull_ms"] = ms_since(t0);
        results["pull_cpu_ms"] = cpu_ms() - c0;
        results["pull_breakdown"] = b.to_json();
        results["peak_rss_mb_after_pull"] = peak_rss_mb();
        progress("pulled");
        // A no-change sync: conditional GET answered 304.
        t0 = Clock::now();
        sync::SyncSession again(config, pulled.book, std::move(pulled.base));
        sync::SyncOutcome same = sync::run_sync(again, sync::SyncDriver{host, &reader, {}, {}});
        results["unchanged_sync_ms"] = ms_since(t0);
        results["sync_ok"] = push_ok && pulled.ok && same.ok && !same.pushed &&
                             same.book->organisations.size() == book.organisations.size();
        if (!http) results["envelope_bytes"] = memory.files[url].size();
        if (!push_ok || !pulled.ok) std::cerr << "bench_store: sync: " << push_message << " / " << pulled.message << "\n";
    }
#endif

    results["load_average_1min_at_end"] = [] {
        double l[1] = {0};
        return getloadavg(l, 1) == 1 ? l[0] : -1.0;
    }();
    results["peak_rss_mb"] = peak_rss_mb();  // store + push + pull; the parts below add copies

    // Parts of a sync apart: the book's JSON text both ways, and a real three-way merge
    // (1,000 organisations renamed on one side, 1,000 others annotated on the other).
    {
        t0 = Clock::now();
        std::string text = write_book(book);
        results["write_book_ms"] = ms_since(t0);
        results["book_json_bytes"] = text.size();
        t0 = Clock::now();
        Read<Book> again = read_book(text, catalog);
        results["read_book_ms"] = ms_since(t0);
        if (!again.ok()) return 1;
#ifdef PORTAL_HAVE_NET
        {  // the envelope's compression alone (zlib level sync::kDeflateLevel, raw DEFLATE)
            std::string packed, back;
            t0 = Clock::now();
            sync::zlib_deflate_raw(text, packed);
            results["deflate_ms"] = ms_since(t0);
            results["book_deflated_bytes"] = packed.size();
            t0 = Clock::now();
            sync::zlib_inflate_raw(packed, sync::kMaxPlaintextBytes, back);
            results["inflate_ms"] = ms_since(t0);
            if (back != text) return 1;
        }
#endif
        Book mine = book, theirs = book;
        const std::size_t n = book.organisations.size();
        for (std::size_t i = 0; i < 1000 && i < n; ++i) {
            mine.organisations[(i * 97) % n].notes = "mine " + std::to_string(i);
            theirs.organisations[(i * 97 + 1) % n].name = "Theirs " + std::to_string(i);
        }
        t0 = Clock::now();
        sync::BookMergeResult m = sync::merge_books(&book, mine, theirs);
        results["merge_books_ms"] = ms_since(t0);
        results["merge_books_conflicts"] = m.conflicts.size();
        Book merged = std::move(m.merged);
        t0 = Clock::now();
        Problems refs = check_book_references(merged, catalog);
        results["check_references_ms"] = ms_since(t0);
        if (!refs.empty() || !m.ok()) return 1;
    }
#ifdef __EMSCRIPTEN__
    // No getrusage, getloadavg or fsync under node: leave out what would read as zero.
    for (const char* k : {"open_snapshot_plus_replay_cpu_ms", "peak_rss_mb", "peak_rss_mb_after_open", "load_average_1min_at_end"})
        results.erase(k);
    results["note"] = "wasm under node with NODERAWFS: fsync does nothing here, so the persist figures are not the browser's";
#endif
    std::ofstream out(out_path);
    out << results.dump(2) << "\n";
    std::cout << results.dump(2) << "\n";
    if (!out) std::cerr << "bench_store: cannot write " << out_path << "\n";
    return out ? 0 : 1;
}
