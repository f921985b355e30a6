#include <doctest/doctest.h>

#include "fake_host.hpp"

using namespace portal;
using namespace portal::sync;
using namespace portal::sync_testing;

namespace {

// Two clients that both start from the same synced book.
struct Pair {
    FakeHost host;
    Client a, b;
    Pair() {
        a.book = small_book();
        REQUIRE(a.sync(host).ok);
        REQUIRE(b.sync(host).ok);
        REQUIRE(b.book == a.book);
        host.log.clear();
    }
};

bool has_header(const HttpRequest& r, const std::string& name, const std::string& value) {
    return header(r.headers, name) == value;
}

}  // namespace

TEST_CASE("sync: the first write uses If-None-Match: * and learns the ETag after the PUT") {
    FakeHost host;
    Client a;
    a.book = small_book();
    SUBCASE("ETag from size/mtime: confirmed by reading the file back") {
        SyncOutcome out = a.sync(host);
        REQUIRE_MESSAGE(out.ok, out.message);
        CHECK(out.pushed);
        CHECK(host.log == std::vector<std::string>{"GET 404", "PUT 201", "HEAD 200", "GET 200"});
        CHECK(has_header(host.requests[1], "If-None-Match", "*"));
        CHECK(a.base.etag == "\"v1\"");
    }
    SUBCASE("Apache FileETag Digest: the HEAD alone proves it is our file") {
        host.digest_etags = true;
        SyncOutcome out = a.sync(host);
        REQUIRE(out.ok);
        CHECK(host.log == std::vector<std::string>{"GET 404", "PUT 201", "HEAD 200"});
        CHECK(a.base.etag == digest_etag(host.files[a.url].body));
    }
    REQUIRE(a.base.book);
    CHECK(book_to_json(*a.base.book) == small_book());
    CHECK(host_book(host) == small_book());
}

TEST_CASE("sync: an unchanged host answers 304 and nothing is sent") {
    Pair p;
    SyncOutcome out = p.a.sync(p.host);
    REQUIRE(out.ok);
    CHECK(p.host.log == std::vector<std::string>{"GET 304"});
    CHECK(has_header(p.host.requests.back(), "If-None-Match", p.a.base.etag));
    CHECK_FALSE(out.pushed);
    CHECK_FALSE(out.pulled);
}

TEST_CASE("sync: a stale write gets 412, fetches, merges field by field and loses nothing") {
    Pair p;
    find_record(p.a.book, "organisations", "org-a")->at("name") = "Alpha (A)";
    find_record(p.b.book, "organisations", "org-a")->at("country") = "FR";
    p.b.book["organisations"].push_back(org("org-c", "Gamma"));
    REQUIRE(p.a.sync(p.host).ok);
    p.host.log.clear();

    SyncOutcome out = p.b.sync(p.host);  // b's base is stale: its conditional read gets a new body
    REQUIRE_MESSAGE(out.ok, out.message);
    CHECK(out.pushed);
    CHECK(out.pulled);
    Json* merged = find_record(p.b.book, "organisations", "org-a");
    CHECK(merged->at("name") == "Alpha (A)");
    CHECK(merged->at("country") == "FR");
    CHECK(find_record(p.b.book, "organisations", "org-c") != nullptr);

    SUBCASE("the 412 path: b's PUT races a write it has not seen") {
        find_record(p.a.book, "organisations", "org-b")->at("name") = "Beta (A)";
        find_record(p.b.book, "organisations", "org-b")->at("country") = "DE";
        // a writes after b's GET, right before b's PUT.
        REQUIRE(p.a.sync(p.host).ok);
        FakeHost& host = p.host;
        Json a_book = p.a.book;
        find_record(p.a.book, "organisations", "org-b")->at("notes") = "late note";
        Client& a = p.a;
        host.before = [&a, done = false](FakeHost& h, const HttpRequest& req) mutable {
            if (req.method == "PUT" && !done) {
                done = true;
                h.before = nullptr;
                REQUIRE(a.sync(h).ok);
            }
        };
        host.log.clear();
        SyncOutcome again = p.b.sync(host);
        REQUIRE_MESSAGE(again.ok, again.message);
        CHECK(host.count("PUT 412") == 1);
        Json* b_org = find_record(p.b.book, "organisations", "org-b");
        CHECK(b_org->at("name") == "Beta (A)");
        CHECK(b_org->at("country") == "DE");
        CHECK(b_org->at("notes") == "late note");
        REQUIRE(p.a.sync(host).ok);
        CHECK(p.a.book == p.b.book);
    }
}

TEST_CASE("sync: real conflicts are listed and decided field by field") {
    Pair p;
    find_record(p.a.book, "organisations", "org-a")->at("name") = "Alpha by A";
    find_record(p.a.book, "organisations", "org-b")->at("country") = "IT";
    REQUIRE(p.a.sync(p.host).ok);
    find_record(p.b.book, "organisations", "org-a")->at("name") = "Alpha by B";
    find_record(p.b.book, "organisations", "org-b")->at("country") = "ES";
    find_record(p.b.book, "organisations", "org-b")->at("notes") = "only B touched this";
    const Json host_before = host_book(p.host);
    const Json b_before = p.b.book;
    p.host.log.clear();

    SUBCASE("without a decision nothing is sent and nothing local changes") {
        SyncOutcome out = p.b.sync(p.host);
        CHECK_FALSE(out.ok);
        CHECK(out.failure == SyncFailure::Conflicts);
        CHECK(out.message.find("2 conflict") != std::string::npos);
        CHECK(p.host.count("PUT 204") == 0);
        CHECK(p.b.book == b_before);
        CHECK(host_book(p.host) == host_before);
    }
    SUBCASE("take mine for one field, theirs for the other") {
        std::vector<Conflict> seen;
        SyncOutcome out = p.b.sync(p.host, [&](SyncSession& s) {
            seen = s.conflicts();
            for (const auto& c : s.conflicts())
                s.decide(c.key(), c.field == "name" ? Take::Mine : Take::Theirs);
            return true;
        });
        REQUIRE_MESSAGE(out.ok, out.message);
        REQUIRE(seen.size() == 2);
        CHECK(seen[0].collection == "organisations");
        CHECK(seen[0].key() == "organisations/org-a/name");
        CHECK(seen[0].base == "Alpha");
        CHECK(seen[0].mine == "Alpha by B");
        CHECK(seen[0].theirs == "Alpha by A");
        CHECK(seen[0].describe().find("Alpha by A") != std::string::npos);
        CHECK(out.conflicts_decided == 2);
        CHECK(find_record(p.b.book, "organisations", "org-a")->at("name") == "Alpha by B");
        CHECK(find_record(p.b.book, "organisations", "org-b")->at("country") == "IT");
        CHECK(find_record(p.b.book, "organisations", "org-b")->at("notes") == "only B touched this");
        REQUIRE(p.a.sync(p.host).ok);
        CHECK(p.a.book == p.b.book);
    }
}

TEST_CASE("sync: Apache's weak ETags (W/) are waited out or handled like any 412") {
    Pair p;
    p.host.weak_reads = 4;  // the next 4 reads after a write see W/"..."
    find_record(p.a.book, "organisations", "org-a")->at("name") = "one";
    REQUIRE(p.a.sync(p.host).ok);
    CHECK(is_weak_etag(p.a.base.etag));
    find_record(p.a.book, "organisations", "org-a")->at("name") = "two";
    p.host.log.clear();
    SUBCASE("HEAD until the strong form, then PUT") {
        SyncOutcome out = p.a.sync(p.host);
        REQUIRE_MESSAGE(out.ok, out.message);
        CHECK(p.host.count("PUT 412") == 0);
        CHECK_FALSE(p.a.waits.empty());
        CHECK(host_book(p.host) == p.a.book);
    }
    SUBCASE("an ETag that stays weak ends in a clean failure, never an overwrite") {
        p.host.weak_left = 1000000;
        const std::string before = p.host.files[p.a.url].body;
        SyncOutcome out = p.a.sync(p.host);
        CHECK_FALSE(out.ok);
        CHECK(out.failure == SyncFailure::Host);
        CHECK(p.host.count("PUT 412") > 0);
        CHECK(p.host.files[p.a.url].body == before);
        CHECK(find_record(p.a.book, "organisations", "org-a")->at("name") == "two");  // kept locally
    }
}

TEST_CASE("sync: 401 and 403 give a clear message and no credential anywhere") {
    Pair p;
    find_record(p.a.book, "organisations", "org-a")->at("name") = "changed";
    p.a.credentials = Credentials{"alice", "wrong-password-123", ""};
    SyncOutcome out = p.a.sync(p.host);
    CHECK_FALSE(out.ok);
    CHECK(out.failure == SyncFailure::Auth);
    CHECK(out.message.find("401") != std::string::npos);
    CHECK(out.message.find("wrong-password-123") == std::string::npos);
    for (const auto& line : out.log) CHECK(line.find("wrong-password-123") == std::string::npos);
    CHECK(find_record(p.a.book, "organisations", "org-a")->at("name") == "changed");
    SUBCASE("no credentials at all") {
        p.a.credentials = Credentials{};
        SyncOutcome none = p.a.sync(p.host);
        CHECK(none.failure == SyncFailure::Auth);
        CHECK(header(p.host.requests.back().headers, "Authorization").empty());
    }
}

TEST_CASE("sync: network errors are retried with bounded exponential backoff; offline changes wait") {
    Pair p;
    find_record(p.a.book, "organisations", "org-a")->at("name") = "written offline";
    const SyncBase base_before = p.a.base;
    SUBCASE("a transient 503 and a timeout are retried") {
        p.host.fail_next = 1;
        SyncOutcome out = p.a.sync(p.host);
        REQUIRE(out.ok);
        CHECK(p.a.waits == std::vector<int>{250});
        p.host.fail_next = 1;
        p.host.fail_status = 0;
        find_record(p.a.book, "organisations", "org-a")->at("name") = "again";
        REQUIRE(p.a.sync(p.host).ok);
    }
    SUBCASE("host down: queued locally, sent when it is back") {
        p.host.down = true;
        SyncOutcome out = p.a.sync(p.host);
        CHECK_FALSE(out.ok);
        CHECK(out.failure == SyncFailure::Offline);
        CHECK(out.message.find("kept") != std::string::npos);
        CHECK(p.a.waits == std::vector<int>{250, 500, 1000, 2000, 4000});
        CHECK(p.a.base.etag == base_before.etag);
        CHECK(find_record(p.a.book, "organisations", "org-a")->at("name") == "written offline");
        // More offline work, then the host returns.
        p.a.book["organisations"].push_back(org("org-offline", "Offline Org"));
        p.host.down = false;
        SyncOutcome back = p.a.sync(p.host);
        REQUIRE(back.ok);
        CHECK(back.pushed);
        REQUIRE(p.b.sync(p.host).ok);
        CHECK(find_record(p.b.book, "organisations", "org-a")->at("name") == "written offline");
        CHECK(find_record(p.b.book, "organisations", "org-offline") != nullptr);
    }
}

TEST_CASE("sync: a write landing between our PUT and the HEAD is merged, not lost") {
    Pair p;
    find_record(p.a.book, "organisations", "org-a")->at("name") = "from A";
    find_record(p.b.book, "organisations", "org-b")->at("name") = "from B";
    FakeHost& host = p.host;
    Client& b = p.b;
    host.before = [&b](FakeHost& h, const HttpRequest& req) {
        if (req.method == "HEAD") {
            h.before = nullptr;
            REQUIRE(b.sync(h).ok);  // b fetches a's version, merges, writes
        }
    };
    SyncOutcome out = p.a.sync(host);
    REQUIRE_MESSAGE(out.ok, out.message);
    CHECK(find_record(p.a.book, "organisations", "org-b")->at("name") == "from B");
    CHECK(p.a.base.etag == "\"v" + std::to_string(host.versions) + "\"");
    // Neither side is behind: the next syncs send nothing and agree.
    host.log.clear();
    REQUIRE(p.a.sync(host).ok);
    CHECK(host.log == std::vector<std::string>{"GET 304"});
    REQUIRE(p.b.sync(host).ok);
    CHECK(p.a.book == p.b.book);
}

TEST_CASE("sync: the merged book is validated before anything is sent") {
    Pair p;
    find_record(p.a.book, "organisations", "org-a")->at("name") = "DRAFT";
    SyncConfig config;
    config.url = p.a.url;
    config.credentials = p.a.credentials;
    config.catalog = test_catalog();
    config.validate = [](const Book& book) {  // a house rule on top of the format's checks
        Problems problems;
        for (std::size_t i = 0; i < book.organisations.size(); ++i)
            if (book.organisations[i].name == "DRAFT") problems.push_back({"/organisations/" + std::to_string(i) + "/name", "is a draft"});
        return problems;
    };
    SyncSession session(config, to_book(p.a.book), p.a.base);
    SyncOutcome out = run_sync(session, SyncDriver{p.host, nullptr, {}, {}});
    CHECK(out.failure == SyncFailure::Invalid);
    CHECK(out.message.find("/organisations/0/name") != std::string::npos);
    CHECK(p.host.count("PUT 204") == 0);
}

TEST_CASE("sync: the session can be driven step by step (as the browser does)") {
    FakeHost host;
    SyncConfig config;
    config.url = "http://host/book.enc.json";
    config.credentials = Credentials{"", "", "tok"};
    host.password_auth = "Bearer tok";
    config.catalog = test_catalog();
    SyncSession s(config, to_book(small_book()), SyncBase{});
    std::vector<SyncStep::Kind> kinds;
    while (!s.finished()) {
        SyncStep step = s.next();
        kinds.push_back(step.kind);
        if (step.kind == SyncStep::Kind::Send) s.on_response(host.send(step.request));
        else if (step.kind == SyncStep::Kind::Encrypt) s.on_encrypted(CipherResult{true, "{\"sealed\":" + step.text + "}", "", {}});
        else if (step.kind == SyncStep::Kind::Decrypt) s.on_decrypted(CipherResult{true, Json::parse(step.text)["sealed"].dump(), "", {}});
    }
    CHECK(s.outcome().ok);
    using K = SyncStep::Kind;
    CHECK(kinds == std::vector<K>{K::Send, K::Encrypt, K::Send, K::Send, K::Send});
    CHECK(Json::parse(host.files[config.url].body)["sealed"] == small_book());
}

TEST_CASE("publish_file puts derived files unconditionally, with credentials") {
    FakeHost host;
    SyncConfig config;
    config.credentials = Credentials{"alice", "secret", ""};
    PublishResult r = publish_file(host, config, "http://host/public.json", "{}");
    CHECK(r.ok);
    CHECK(host.files["http://host/public.json"].body == "{}");
    config.credentials = {};
    CHECK(publish_file(host, config, "http://host/public.json", "{}").message.find("401") != std::string::npos);
}

TEST_CASE("sync: a host without ETags is never written blindly") {
    struct NoEtagHost : FakeHost {
        HttpResponse send(const HttpRequest& req) override {
            HttpResponse r = FakeHost::send(req);
            r.headers.clear();
            return r;
        }
    } host;
    host.write("http://host/book.enc.json", plain_envelope(small_book().dump()));
    Client a;
    a.book = small_book();
    a.book["organisations"].push_back(org("org-new", "New"));
    SyncOutcome out = a.sync(host);
    CHECK_FALSE(out.ok);
    CHECK(out.failure == SyncFailure::Host);
    CHECK(out.message.find("ETag") != std::string::npos);
    CHECK(host.count("PUT 204") == 0);
}

namespace {
// Drives a session until it wants to send a PUT; returns that request (the session waits for it).
HttpRequest drive_until_put(SyncSession& s, HttpClient& host) {
    while (!s.finished()) {
        SyncStep step = s.next();
        if (step.kind == SyncStep::Kind::Send && step.request.method == "PUT") return step.request;
        if (step.kind == SyncStep::Kind::Send) s.on_response(host.send(step.request));
        else if (step.kind == SyncStep::Kind::Encrypt) s.on_encrypted(CipherResult{true, plain_envelope(step.text), "", {}});
        else if (step.kind == SyncStep::Kind::Decrypt) s.on_decrypted(open_plain_envelope(step.text));
        else if (step.kind == SyncStep::Kind::Wait) s.on_waited();
    }
    FAIL("the session ended before its PUT");
    return {};
}
// The second of two concurrent PUTs that a host like mod_dav lets through: its If-Match was
// checked while the file was still the old version, the body lands after the first PUT.
HttpResponse racy_put(FakeHost& host, const HttpRequest& put) {
    host.write(put.url, put.body);
    HttpResponse r;
    r.status = 204;
    return r;
}
SyncConfig config_for(const Client& c) {
    SyncConfig config;
    config.url = c.url;
    config.credentials = c.credentials;
    config.catalog = test_catalog();
    return config;
}
}  // namespace

TEST_CASE("sync: two concurrent PUTs that both pass If-Match (mod_dav) lose nothing") {
    Pair p;
    p.a.book["organisations"].push_back(org("org-a1", "Added by A"));
    p.b.book["organisations"].push_back(org("org-b1", "Added by B"));
    (*find_record(p.b.book, "organisations", "org-a"))["notes"] = "B's note";
    SyncSession b(config_for(p.b), to_book(p.b.book), p.b.base);
    HttpRequest b_put = drive_until_put(b, p.host);  // b merged against the old version

    SUBCASE("b's PUT lands between a's PUT and a's HEAD") {
        p.host.before = [&](FakeHost& h, const HttpRequest& req) {
            if (req.method == "HEAD") {
                h.before = nullptr;
                b.on_response(racy_put(h, b_put));
            }
        };
        SyncOutcome out = p.a.sync(p.host);
        REQUIRE_MESSAGE(out.ok, out.message);
    }
    SUBCASE("b's PUT lands after a confirmed its write; a notices at its next sync") {
        REQUIRE(p.a.sync(p.host).ok);
        b.on_response(racy_put(p.host, b_put));  // a's version is gone from the host
        // Without a known common ancestor every difference is a conflict for the user; records
        // only one side has are kept.
        std::vector<std::string> asked;
        SyncOutcome out = p.a.sync(p.host, [&](SyncSession& s) {
            for (const auto& c : s.conflicts()) asked.push_back(c.key());
            s.decide_all(Take::Theirs);
            return true;
        });
        REQUIRE_MESSAGE(out.ok, out.message);
        CHECK(asked == std::vector<std::string>{"organisations/org-a/notes"});
        bool noted = false;
        for (const auto& line : out.log) noted |= line.find("not an ancestor") != std::string::npos;
        CHECK(noted);
    }
    SyncOutcome b_out = run_sync(b, SyncDriver{p.host, nullptr, {}, {}});
    REQUIRE_MESSAGE(b_out.ok, b_out.message);
    p.b.book = book_to_json(*b_out.book);
    p.b.base = b_out.base;
    REQUIRE(p.a.sync(p.host).ok);
    REQUIRE(p.b.sync(p.host).ok);
    for (Client* c : {&p.a, &p.b}) {
        CHECK(find_record(c->book, "organisations", "org-a1") != nullptr);
        CHECK(find_record(c->book, "organisations", "org-b1") != nullptr);
        CHECK((*find_record(c->book, "organisations", "org-a"))["notes"] == "B's note");
    }
    CHECK(host_book(p.host) == p.a.book);
}
