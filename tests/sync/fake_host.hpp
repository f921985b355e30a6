// A scripted, in-process static host with mod_dav's behaviour: GET/HEAD with If-None-Match,
// PUT with If-Match / If-None-Match: *, no ETag on PUT responses, basic auth for writes,
// optional weak ETags right after a write, outages and 5xx on demand, and a hook to let
// "someone else" write between two requests.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/json_io.hpp"
#include "sync/engine.hpp"
#include "sync/sha1.hpp"

namespace portal::sync_testing {

using namespace portal::sync;

struct FakeHost : HttpClient {
    struct File {
        std::string body;
        int version = 0;
    };
    std::map<std::string, File> files;
    int versions = 0;
    std::string password_auth = authorization_value(Credentials{"alice", "secret", ""});
    bool digest_etags = false;    // Apache FileETag Digest
    int weak_reads = 0;           // reads after a write that still see a weak ETag
    int weak_left = 0;
    bool down = false;            // connection refused
    int fail_next = 0;            // the next N requests fail with fail_status
    int fail_status = 503;
    std::function<void(FakeHost&, const HttpRequest&)> before;  // runs before each request
    std::vector<std::string> log;  // "PUT 412", ...
    std::vector<HttpRequest> requests;

    std::string etag_of(const File& f) const {
        std::string strong = digest_etags ? digest_etag(f.body) : "\"v" + std::to_string(f.version) + "\"";
        return weak_left > 0 ? "W/" + strong : strong;
    }

    // Someone else writes (no conditions).
    void write(const std::string& url, const std::string& body) {
        File& f = files[url];
        f.body = body;
        f.version = ++versions;
        weak_left = weak_reads;
    }

    HttpResponse send(const HttpRequest& req) override {
        requests.push_back(req);
        if (before) {
            auto hook = before;
            hook(*this, req);
        }
        HttpResponse r = handle(req);
        log.push_back(req.method + " " + std::to_string(r.status));
        return r;
    }

    HttpResponse handle(const HttpRequest& req) {
        HttpResponse r;
        if (down) {
            r.error = "Couldn't connect to server";
            return r;
        }
        if (fail_next > 0) {
            --fail_next;
            r.status = fail_status;
            if (fail_status == 0) r.error = "Timeout was reached";
            return r;
        }
        auto it = files.find(req.url);
        const std::string if_match = header(req.headers, "If-Match");
        const std::string if_none = header(req.headers, "If-None-Match");
        if (req.method == "GET" || req.method == "HEAD") {
            if (it == files.end()) {
                r.status = 404;
                return r;
            }
            std::string etag = etag_of(it->second);
            if (weak_left > 0) --weak_left;
            r.headers.emplace_back("ETag", " " + etag + "\r\n");  // as curl delivers it
            if (!if_none.empty() && etag_opaque(if_none) == etag_opaque(etag)) {
                r.status = 304;
                return r;
            }
            r.status = 200;
            if (req.method == "GET") r.body = it->second.body;
            return r;
        }
        if (req.method == "PUT") {
            if (header(req.headers, "Authorization") != password_auth) {
                r.status = 401;
                return r;
            }
            if (!if_match.empty()) {
                // Strong comparison: a weak ETag on either side never matches.
                if (it == files.end() || is_weak_etag(if_match) || weak_left > 0 ||
                    if_match != etag_of(it->second)) {
                    r.status = 412;
                    return r;
                }
            }
            if (if_none == "*" && it != files.end()) {
                r.status = 412;
                return r;
            }
            bool created = it == files.end();
            write(req.url, req.body);
            r.status = created ? 201 : 204;
            return r;
        }
        r.status = 405;
        return r;
    }

    int count(const std::string& entry) const {
        int n = 0;
        for (const auto& l : log) n += l == entry;
        return n;
    }
};

inline std::shared_ptr<const Catalog> test_catalog() {
    static const std::shared_ptr<const Catalog> c = [] {
        auto r = read_catalog(bundled_catalog_text());
        REQUIRE(r.ok());
        return std::make_shared<const Catalog>(std::move(*r.value));
    }();
    return c;
}

// The tests edit books as JSON; the session works on typed books (null: an empty book).
inline Book to_book(const Json& doc) {
    if (doc.is_null()) return Book{};  // a client that never had a book
    Read<Book> r = book_from_json(doc, *test_catalog());
    REQUIRE_MESSAGE(r.ok(), (r.problems.empty() ? "" : r.problems.front().pointer + ": " + r.problems.front().message));
    return std::move(*r.value);
}

// One staff member's copy: the local book and the sync base, synced through the fake host.
struct Client {
    Json book;
    SyncBase base;
    Credentials credentials{"alice", "secret", ""};
    std::vector<int> waits;
    std::string url = "http://host/book.enc.json";

    SyncOutcome sync(HttpClient& host, std::function<bool(SyncSession&)> decide = {}, EnvelopeCipher* cipher = nullptr) {
        SyncConfig config;
        config.url = url;
        config.credentials = credentials;
        config.catalog = test_catalog();
        SyncSession session(config, to_book(book), base);
        SyncDriver driver{host, cipher, [this](int ms) { waits.push_back(ms); }, std::move(decide)};
        SyncOutcome out = run_sync(session, driver);
        book = book_to_json(*out.book);
        base = out.base;
        return out;
    }
};

inline Json org(const std::string& id, const std::string& name, const std::string& country = "GB") {
    return Json{{"id", id}, {"name", name}, {"type", "library"}, {"country", country}, {"tier", nullptr},
                {"listed", false}, {"notes", "About " + name}, {"updated", "2027-01-01T00:00:00Z"}};
}

inline Json small_book() {
    return Json{{"schema", "portal-book/1"},
                {"organisations", Json::array({org("org-a", "Alpha"), org("org-b", "Beta")})},
                {"committees", {{"ec", Json::array()}, {"oc", Json::array()}, {"trc", Json::array()}}},
                {"invoices", Json::array()},
                {"payments", Json::array()},
                {"prospects", Json::array()},
                {"audit", Json::array()}};
}

// The book the host holds (the tests sync with plain_envelope).
inline Json host_book(FakeHost& host, const std::string& url = "http://host/book.enc.json") {
    CipherResult r = open_plain_envelope(host.files[url].body);
    REQUIRE(r.ok);
    return Json::parse(r.text);
}

inline Json* find_record(Json& book, const std::string& collection, const std::string& id) {
    for (auto& r : book[collection])
        if (r.value("id", "") == id) return &r;
    return nullptr;
}

}  // namespace portal::sync_testing
