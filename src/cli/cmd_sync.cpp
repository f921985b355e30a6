// portal-cli sync: push and pull the encrypted private book with a static host (docs/sync.md),
// then publish public.json, catalog.json and rates.json beside it.
//
// Exit codes: 0 synced; 1 invalid input (book, catalog, state, passphrase file, or a host
// book that cannot be decrypted); 2 usage; 3 conflicts to decide (nothing sent, nothing
// changed); 4 the host refused the credentials (401/403); 5 the host is unreachable (the local
// changes are kept and go out at the next sync); 6 any other refusal by the host.
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/public_export.hpp"
#include "store/fs.hpp"
#include "store/store.hpp"
#include "sync/engine.hpp"
#include "sync/native/crypto_openssl.hpp"
#include "sync/native/http_curl.hpp"
#include "sync/sync_state.hpp"

namespace portal::cli {
namespace {

constexpr int kConflicts = 3, kAuth = 4, kOffline = 5, kHost = 6;

// First line of a secret file, without its newline; never echoed anywhere.
std::optional<std::string> read_secret(const std::string& path, const char* what, std::ostream& err) {
    std::string error;
    auto text = read_file(path, error);
    if (!text) {
        err << path << ": : cannot read the " << what << " file (" << error << ")\n";
        return std::nullopt;
    }
    std::string line = text->substr(0, text->find('\n'));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    sync::wipe(*text);
    if (line.empty()) {
        err << path << ": : the " << what << " file is empty\n";
        return std::nullopt;
    }
    return line;
}

bool is_dir(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::string now_iso() {
    auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

class PausingClient : public sync::HttpClient {
public:
    PausingClient(std::unique_ptr<sync::HttpClient> inner, int ms) : inner_(std::move(inner)), ms_(ms) {}
    sync::HttpResponse send(const sync::HttpRequest& r) override {
        if (r.method == "PUT" && !paused_ && ms_ > 0) {
            paused_ = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(ms_));
        }
        return inner_->send(r);
    }

private:
    std::unique_ptr<sync::HttpClient> inner_;
    int ms_;
    bool paused_ = false;
};

struct LocalBook {
    bool is_store = false;
    std::string path, state_path;
    std::unique_ptr<store::Store> store;
    Book book;
};

// The sync base lives beside the book: BOOK.sync.json, or sync-state.json in a store folder, in
// the format the browser keeps too (src/sync/sync_state.hpp).
bool load_state(const std::string& path, const std::string& url, const Catalog& catalog, sync::SyncBase& base,
                std::ostream& err) {
    if (!store::file_exists(path)) return true;
    std::string error;
    auto text = read_file(path, error);
    if (!text) {
        err << path << ": /: " << error << "\n";
        return false;
    }
    Json doc = Json::parse(*text, nullptr, false);
    if (doc.is_discarded()) doc = Json();  // reported like any other non-state document
    if (!sync::sync_state_from_json(doc, url, catalog, base, &error)) {
        err << path << ": " << error << "\n";
        return false;
    }
    return true;
}

bool save_state(const std::string& path, const std::string& url, const sync::SyncBase& base, std::ostream& err) {
    std::string error;
    if (!store::write_file_atomic(path, sync::sync_state_to_text(url, base) + "\n", true, error)) {
        err << path << ": /: " << error << "\n";
        return false;
    }
    return true;
}

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("sync");
    Args args = parse_args(argv,
                           {"--book", "--url", "--user", "--password-file", "--token-file", "--passphrase-file",
                            "--catalog", "--rates", "--on-conflict", "--kdf-iterations", "--on", "--timeout", "--retries"},
                           {"--no-publish", "--verbose"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    if (!args.positional.empty()) return usage_error(cmd, "unexpected argument \"" + args.positional[0] + "\"", err);
    auto book_path = args.get("--book");
    auto url_arg = args.get("--url");
    if (!book_path) return usage_error(cmd, "--book is required", err);
    if (!url_arg) return usage_error(cmd, "--url is required", err);
    if (args.get("--user").has_value() != args.get("--password-file").has_value())
        return usage_error(cmd, "--user and --password-file go together", err);
    if (args.get("--user") && args.get("--token-file"))
        return usage_error(cmd, "give either --user/--password-file or --token-file", err);
    if (!args.get("--passphrase-file"))
        return usage_error(cmd, "--passphrase-file is required: the private book only leaves encrypted", err);
    std::string on_conflict = args.get("--on-conflict").value_or("stop");
    if (on_conflict != "stop" && on_conflict != "mine" && on_conflict != "theirs")
        return usage_error(cmd, "--on-conflict takes stop, mine or theirs", err);
    int iterations = sync::kDefaultKdfIterations;
    if (auto it = args.get("--kdf-iterations")) {
        iterations = static_cast<int>(parse_int_arg(*it, 0, sync::kMaxKdfIterations).value_or(0));
        if (iterations < 1 || iterations > sync::kMaxKdfIterations)
            return usage_error(cmd, "--kdf-iterations takes 1 to " + std::to_string(sync::kMaxKdfIterations), err);
    }
    long timeout_s = 30;
    if (auto t = args.get("--timeout")) {
        timeout_s = static_cast<long>(parse_int_arg(*t, 0, 86400).value_or(0));
        if (timeout_s < 1) return usage_error(cmd, "--timeout takes seconds, 1 to 86400", err);
    }
    int retries = 6;
    if (auto r = args.get("--retries")) {
        retries = static_cast<int>(parse_int_arg(*r, 0, 1000).value_or(-1));
        if (retries < 1 || retries > 20) return usage_error(cmd, "--retries takes 1 to 20 attempts", err);
    }
    std::optional<Date> on = inputs::on_date(args, cmd, err);
    if (!on) return kUsage;
    std::string base_url = *url_arg;
    if (base_url.rfind("http://", 0) != 0 && base_url.rfind("https://", 0) != 0)
        return usage_error(cmd, "--url must start with http:// or https://", err);
    if (base_url.back() != '/') base_url += '/';

    // [SECTION] Inputs
    std::optional<Catalog> catalog;
    std::string catalog_text;
    if (auto c = args.get("--catalog")) {
        std::string error;
        auto text = read_file(*c, error);
        if (!text) {
            err << *c << ": /: " << error << "\n";
            return kInvalidInput;
        }
        catalog_text = *text;
        catalog = inputs::load_catalog(*c, err);
    } else {
        catalog_text = std::string(bundled_catalog_text());
        auto r = read_catalog(catalog_text);
        if (r.ok()) catalog = std::move(*r.value);
    }
    if (!catalog) return kInvalidInput;
    std::string rates_text = std::string(bundled_rates_text());
    if (auto r = args.get("--rates")) {
        std::string error;
        auto text = read_file(*r, error);
        if (!text || !read_rates(*text).ok()) {
            err << *r << ": /: " << (text ? "not a valid portal-rates/1 file" : error) << "\n";
            return kInvalidInput;
        }
        rates_text = *text;
    }

    sync::Credentials credentials;
    if (auto u = args.get("--user")) {
        auto pw = read_secret(*args.get("--password-file"), "password", err);
        if (!pw) return kInvalidInput;
        credentials.user = *u;
        credentials.password = *pw;
    }
    if (auto t = args.get("--token-file")) {
        auto tok = read_secret(*t, "token", err);
        if (!tok) return kInvalidInput;
        credentials.token = *tok;
    }
    auto passphrase = read_secret(*args.get("--passphrase-file"), "passphrase", err);
    if (!passphrase) return kInvalidInput;

    LocalBook local;
    local.path = *book_path;
    local.is_store = is_dir(local.path);
    if (local.is_store) {
        store::OpenResult r = store::Store::open(local.path, *catalog);
        if (!r.ok()) {
            err << local.path << ": /: " << r.error << "\n";
            return kInvalidInput;
        }
        for (const auto& w : r.warnings) err << local.path << ": : recovered: " << w << "\n";
        local.store = std::move(r.store);
        local.book = std::move(r.book);
        local.state_path = store::join_path(local.path, "sync-state.json");
    } else {
        if (store::file_exists(local.path)) {
            auto b = inputs::load_book(local.path, *catalog, err);
            if (!b) return kInvalidInput;
            local.book = std::move(*b);
        }
        local.state_path = local.path + ".sync.json";
    }
    const std::string book_url = base_url + "book.enc.json";
    sync::SyncBase base;
    if (!load_state(local.state_path, book_url, *catalog, base, err)) return kInvalidInput;

    // [SECTION] Sync
    sync::SyncConfig config;
    config.url = book_url;
    config.credentials = credentials;
    config.max_attempts = retries;
    config.catalog = std::make_shared<const Catalog>(*catalog);
    auto crypto = sync::make_openssl_crypto();
    sync::EnvelopeCipher cipher(*crypto, *passphrase, iterations);
    sync::wipe(*passphrase);
    sync::CurlOptions curl_options;
    curl_options.timeout_ms = timeout_s * 1000;
    curl_options.connect_timeout_ms = std::min<long>(5000, timeout_s * 1000);
    std::unique_ptr<sync::HttpClient> http = sync::make_curl_client(curl_options);
    // Test seam (tests/integration/apache_sync.sh): hold the first PUT of the book back so another
    // client can write in between and this one meets a real 412 from the host.
    if (const char* pause = std::getenv("PORTAL_SYNC_PAUSE_BEFORE_PUT_MS"))
        http = std::make_unique<PausingClient>(std::move(http), std::atoi(pause));
    auto sleep = [](int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); };
    auto decide = [&](sync::SyncSession& s) {
        if (on_conflict == "stop") return false;
        s.decide_all(on_conflict == "mine" ? sync::Take::Mine : sync::Take::Theirs);
        return true;
    };
    sync::SyncSession session(config, std::move(local.book), base);
    sync::SyncOutcome outcome = sync::run_sync(session, sync::SyncDriver{*http, &cipher, sleep, decide});
    if (args.has("--verbose"))
        for (const auto& line : outcome.log) err << "sync: " << line << "\n";

    if (!outcome.ok) {
        if (outcome.failure == sync::SyncFailure::Conflicts) {
            for (const auto& c : session.conflicts()) out << "conflict: " << c.describe() << "\n";
            err << "portal-cli sync: " << outcome.message
                << "; decide with --on-conflict mine|theirs, or edit the book and sync again\n";
            return kConflicts;
        }
        err << "portal-cli sync: " << outcome.message << "\n";
        // A push that landed before a later failure still moved the base: keep what the host has.
        if (outcome.pushed) save_state(local.state_path, book_url, outcome.base, err);
        switch (outcome.failure) {
            case sync::SyncFailure::Auth: return kAuth;
            case sync::SyncFailure::Offline: return kOffline;
            case sync::SyncFailure::Crypto:
            case sync::SyncFailure::Invalid: return kInvalidInput;
            default: return kHost;
        }
    }

    // [SECTION] Adopt the merged book locally, then publish
    const Book& merged = *outcome.book;  // read and checked by the session
    if (outcome.pulled) {
        if (local.is_store) {
            ActionContext ctx{"sync", now_iso(), *on};
            store::Status st = local.store->replace(merged, ctx, "sync from " + base_url);
            if (!st) {
                err << local.path << ": /: " << st.error << "\n";
                return kInvalidInput;
            }
        } else {
            std::string error;
            if (!replace_file(local.path, write_book(merged) + "\n", error)) {
                err << local.path << ": /: " << error << "\n";
                return kInvalidInput;
            }
        }
    }
    if (!save_state(local.state_path, book_url, outcome.base, err)) return kInvalidInput;
    out << outcome.message << (outcome.pushed ? " (sent)" : "") << (outcome.pulled ? " (received)" : "");
    if (outcome.conflicts_decided) out << ", " << outcome.conflicts_decided << " conflict(s) decided (" << on_conflict << ")";
    out << "\n";

    if (!args.has("--no-publish")) {
        const std::pair<std::string, std::string> files[] = {
            {"public.json", public_export_text(merged, *catalog, *on) + "\n"},
            {"catalog.json", catalog_text},
            {"rates.json", rates_text}};
        for (const auto& [name, body] : files) {
            sync::PublishResult p = sync::publish_file(*http, config, base_url + name, body, sleep);
            if (!p.ok) {
                err << "portal-cli sync: " << name << ": " << p.message << "\n";
                return p.message.find("401") != std::string::npos || p.message.find("403") != std::string::npos ? kAuth : kHost;
            }
        }
        out << "published public.json, catalog.json, rates.json\n";
    }
    return kOk;
}

Registrar reg{{"sync",
               "sync --book BOOK(.json|folder) --url URL [--user U --password-file F | --token-file F] "
               "--passphrase-file F [--catalog C] [--rates R] [--on-conflict stop|mine|theirs] "
               "[--kdf-iterations N] [--on YYYY-MM-DD] [--timeout S] [--retries N] [--no-publish] [--verbose]",
               "push and pull the encrypted book with a static host (If-Match / three-way merge), publish public.json",
               run}};

}  // namespace
}  // namespace portal::cli
