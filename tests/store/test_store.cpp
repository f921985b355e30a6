#include <doctest/doctest.h>

#include "store/crc32.hpp"
#include "store/store.hpp"
#include "store_fixtures.hpp"

using namespace portal;
using namespace portal::store;
using namespace portal::store_testing;

namespace {

StoreOptions fast(std::int64_t snapshot_every = 1000) {
    StoreOptions o;
    o.sync = false;  // fsync is exercised by the kill test; here only the format matters
    o.snapshot_every = snapshot_every;
    return o;
}

OpenResult reopen(const std::string& dir, StoreOptions o = fast()) {
    OpenResult r = Store::open(dir, catalog(), o);
    REQUIRE_MESSAGE(r.ok(), r.error);
    return r;
}

std::string journal_path(const std::string& dir) {
    std::string found;
    for (const auto& n : list_dir(dir))
        if (n.rfind("journal-", 0) == 0 && (found.empty() || n > found)) found = n;
    return join_path(dir, found);
}

}  // namespace

TEST_CASE("crc32 matches the standard check value") {
    CHECK(crc32("123456789") == 0xCBF43926u);
    CHECK(crc32_hex("") == "00000000");
}

TEST_CASE("store: every applied action survives a reopen") {
    TempDir tmp;
    Book book;
    {
        OpenResult r = reopen(tmp.path);
        CHECK(r.book.organisations.empty());
        CHECK(r.last_seq == 0);
        for (int i = 0; i < 5; ++i) REQUIRE(r.store->apply(book, add_org(i), ctx(i)));
        REQUIRE(r.store->apply(book, rename_org(2, "Renamed"), ctx(9)));
        SUBCASE("a rejected action changes nothing and is not journalled") {
            ApplyResult ar;
            CHECK_FALSE(r.store->apply(book, rename_org(99, "x"), ctx(), &ar));
            CHECK_FALSE(ar.ok);
            CHECK(r.store->last_seq() == 6);
        }
    }
    OpenResult again = reopen(tmp.path);
    CHECK(again.last_seq == 6);
    CHECK(again.replayed == 6);
    CHECK(again.warnings.empty());
    CHECK(book_text(again.book) == book_text(book));
    CHECK(again.book.organisations[2].name == "Renamed");
    CHECK(again.book.audit.size() == 6);
}

TEST_CASE("store: a snapshot plus the journal after it gives the same book") {
    TempDir tmp;
    Book book;
    {
        OpenResult r = reopen(tmp.path, fast(4));
        for (int i = 0; i < 10; ++i) {
            REQUIRE(r.store->apply(book, add_org(i), ctx(i)));
            if (r.store->snapshot_due()) REQUIRE(r.store->snapshot(book, ctx(i).at, "auto"));
        }
    }
    OpenResult again = reopen(tmp.path, fast(4));
    CHECK(again.snapshot_seq == 8);
    CHECK(again.replayed == 2);
    CHECK(book_text(again.book) == book_text(book));
    auto snaps = again.store->list_snapshots();
    REQUIRE(snaps.size() == 2);
    CHECK(snaps[0].seq == 4);
    CHECK(snaps[1].seq == 8);
    CHECK(snaps[1].label == "auto");
}

TEST_CASE("store: a torn or corrupt journal tail loses only the change in flight") {
    TempDir tmp;
    Book book;
    {
        OpenResult r = reopen(tmp.path);
        for (int i = 0; i < 3; ++i) REQUIRE(r.store->apply(book, add_org(i), ctx(i)));
    }
    std::string path = journal_path(tmp.path);
    std::string good = *read_whole_file(path);
    std::string err;
    SUBCASE("half a line (no newline)") {
        std::string torn = format_journal_line(Json{{"seq", 4}, {"kind", "action"}, {"action", add_org(3)}});
        REQUIRE(write_file_atomic(path, good + torn.substr(0, torn.size() / 2), false, err));
    }
    SUBCASE("a whole line with a bad checksum") {
        std::string bad = format_journal_line(Json{{"seq", 4}, {"kind", "action"}, {"action", add_org(3)}});
        bad[20] = bad[20] == 'x' ? 'y' : 'x';
        REQUIRE(write_file_atomic(path, good + bad, false, err));
    }
    SUBCASE("garbage bytes") { REQUIRE(write_file_atomic(path, good + std::string("\0\0\xff\n\x01", 5), false, err)); }

    OpenResult r = reopen(tmp.path);
    CHECK(r.last_seq == 3);
    CHECK(r.book.organisations.size() == 3);
    REQUIRE(r.warnings.size() == 1);
    CHECK(r.warnings[0].find("tail") != std::string::npos);
    // The tail was cut, so later appends follow the last good entry.
    Book b = r.book;
    REQUIRE(r.store->apply(b, add_org(7), ctx()));
    r.store.reset();
    OpenResult again = reopen(tmp.path);
    CHECK(again.warnings.empty());
    CHECK(again.last_seq == 4);
    CHECK(again.book.organisations.back().id == "org-7");
}

TEST_CASE("store: a corrupt newest snapshot falls back to an older one and the journal") {
    TempDir tmp;
    Book book;
    StoreOptions o = fast();
    {
        OpenResult r = reopen(tmp.path, o);
        REQUIRE(r.store->apply(book, add_org(0), ctx()));
        REQUIRE(r.store->snapshot(book, "t1"));
        REQUIRE(r.store->apply(book, add_org(1), ctx()));
        REQUIRE(r.store->snapshot(book, "t2"));
        REQUIRE(r.store->apply(book, add_org(2), ctx()));
    }
    std::string newest = join_path(tmp.path, "snapshot-00000002.json");
    std::string text = *read_whole_file(newest);
    text[text.size() / 2 + 10] ^= 0x20;  // one flipped bit inside the book
    std::string err;
    REQUIRE(write_file_atomic(newest, text, false, err));

    OpenResult r = reopen(tmp.path, o);
    CHECK(r.snapshot_seq == 1);
    CHECK(r.replayed == 2);
    CHECK(book_text(r.book) == book_text(book));
    REQUIRE_FALSE(r.warnings.empty());
    CHECK(r.warnings[0].find("checksum") != std::string::npos);
}

TEST_CASE("store: older snapshots not read yet (absent_snapshots) are needed only for a fallback or a restore") {
    TempDir tmp;
    Book book;
    {
        OpenResult r = reopen(tmp.path);
        for (int i = 0; i < 3; ++i) {
            REQUIRE(r.store->apply(book, add_org(i), ctx(i)));
            REQUIRE(r.store->snapshot(book, "t"));
        }
        REQUIRE(r.store->apply(book, add_org(3), ctx()));
    }
    // As in the browser before the older ones arrive: files 1 and 2 are not in the folder.
    const std::string one = *read_whole_file(join_path(tmp.path, "snapshot-00000001.json"));
    const std::string two = *read_whole_file(join_path(tmp.path, "snapshot-00000002.json"));
    auto hide = [&] {
        REQUIRE(remove_file(join_path(tmp.path, "snapshot-00000001.json")));
        REQUIRE(remove_file(join_path(tmp.path, "snapshot-00000002.json")));
    };
    auto bring_back = [&] {
        std::string err;
        REQUIRE(write_file_atomic(join_path(tmp.path, "snapshot-00000001.json"), one, false, err));
        REQUIRE(write_file_atomic(join_path(tmp.path, "snapshot-00000002.json"), two, false, err));
    };
    auto folder = [&] {
        std::string all;
        for (const auto& n : list_dir(tmp.path)) all += n + "=" + *read_whole_file(join_path(tmp.path, n)) + ";";
        return all;
    };
    StoreOptions o = fast();
    o.absent_snapshots = {1, 2};
    hide();
    SUBCASE("the newest is whole: the book opens without them, and the next snapshot id follows them") {
        OpenResult r = reopen(tmp.path, o);
        CHECK_FALSE(r.incomplete);
        CHECK(book_text(r.book) == book_text(book));
        Book b = r.book;
        REQUIRE(r.store->snapshot(b, "t"));
        CHECK(file_exists(join_path(tmp.path, "snapshot-00000004.json")));
    }
    SUBCASE("the newest is damaged: nothing is written, and it opens once they are there") {
        const std::string newest = join_path(tmp.path, "snapshot-00000003.json");
        std::string text = *read_whole_file(newest), err;
        text[text.size() / 2] ^= 0x20;
        REQUIRE(write_file_atomic(newest, text, false, err));
        const std::string before = folder();
        OpenResult r = Store::open(tmp.path, catalog(), o);
        CHECK_FALSE(r.ok());
        CHECK(r.incomplete);
        CHECK(folder() == before);
        bring_back();
        OpenResult again = reopen(tmp.path, fast());
        CHECK(again.snapshot_seq == 2);  // the older snapshot, then the journal after it
        CHECK(book_text(again.book) == book_text(book));
    }
    SUBCASE("a journalled restore of one of them waits for it") {
        bring_back();
        {
            OpenResult r = reopen(tmp.path);
            // The restore entry is written, then the process dies before its snapshot.
            Json entry = {{"kind", "restore"}, {"snapshot", 1}, {"who", "t"}, {"at", "x"}, {"today", "2027-03-01"},
                          {"seq", r.last_seq + 1}};
            r.store.reset();
            std::string path = journal_path(tmp.path), err;
            REQUIRE(write_file_atomic(path, *read_whole_file(path) + format_journal_line(entry), false, err));
        }
        hide();
        OpenResult r = Store::open(tmp.path, catalog(), o);
        CHECK(r.incomplete);
        bring_back();
        OpenResult again = reopen(tmp.path, fast());
        CHECK(again.book.organisations.size() == 1);  // snapshot 1's book, restored
    }
}

TEST_CASE("store: restoring a snapshot is itself recorded") {
    TempDir tmp;
    Book book;
    std::int64_t first = 0;
    Book restored;
    {
        OpenResult r = reopen(tmp.path);
        REQUIRE(r.store->apply(book, add_org(0), ctx()));
        REQUIRE(r.store->snapshot(book, "2027-03-01T09:00:00Z", "manual"));
        first = r.store->list_snapshots().back().id;
        REQUIRE(r.store->apply(book, add_org(1), ctx(1)));
        REQUIRE(r.store->apply(book, rename_org(0, "Changed"), ctx(2)));

        RestoreResult rr = r.store->restore(first, book, ctx(3));
        REQUIRE_MESSAGE(rr.ok, rr.error);
        restored = rr.book;
        CHECK(restored.organisations.size() == 1);
        CHECK(restored.organisations[0].name == "Org 0");
        // The audit log is kept whole, plus the restore.
        REQUIRE(restored.audit.size() == 4);
        CHECK(restored.audit.back().summary.find("Restored snapshot") != std::string::npos);
        CHECK(restored.audit.back().who == "tester");
        SUBCASE("an unknown snapshot is refused") { CHECK_FALSE(r.store->restore(999, book, ctx()).ok); }
    }
    OpenResult again = reopen(tmp.path);
    CHECK(book_text(again.book) == book_text(restored));
    auto snaps = again.store->list_snapshots();
    CHECK(snaps.back().label == "restore of " + std::to_string(first));

    SUBCASE("replayed from the journal when the snapshot after the restore is lost") {
        again.store.reset();
        remove_file(join_path(tmp.path, snaps.back().file));
        OpenResult r = reopen(tmp.path);
        CHECK(book_text(r.book) == book_text(restored));
    }
}

TEST_CASE("store: replace records a whole-book change (import, sync)") {
    TempDir tmp;
    Book other;
    Organisation o;
    o.id = "org-imported";
    o.name = "Imported";
    o.type = "museum";
    o.country = "FR";
    other.organisations.push_back(o);
    {
        OpenResult r = reopen(tmp.path);
        Book book;
        REQUIRE(r.store->apply(book, add_org(0), ctx()));
        REQUIRE(r.store->replace(other, ctx(1), "import"));
        Book after = other;
        REQUIRE(r.store->apply(after, add_org(1), ctx(2)));
    }
    OpenResult r = reopen(tmp.path);
    REQUIRE(r.book.organisations.size() == 2);
    CHECK(r.book.organisations[0].id == "org-imported");
    CHECK(r.book.organisations[1].id == "org-1");
}

TEST_CASE("store: old snapshots and the journal only they need are pruned") {
    TempDir tmp;
    StoreOptions o = fast(2);
    o.keep_snapshots = 3;
    Book book;
    {
        OpenResult r = reopen(tmp.path, o);
        for (int i = 0; i < 20; ++i) {
            REQUIRE(r.store->apply(book, add_org(i), ctx(i)));
            if (r.store->snapshot_due()) REQUIRE(r.store->snapshot(book, "t"));
        }
        CHECK(r.store->list_snapshots().size() == 3);
    }
    int journals = 0;
    for (const auto& n : list_dir(tmp.path)) journals += n.rfind("journal-", 0) == 0;
    CHECK(journals <= 4);
    OpenResult r = reopen(tmp.path, o);
    CHECK(book_text(r.book) == book_text(book));
}

TEST_CASE("store: small journal files (segment_bytes) replay as one journal, and prune with snapshots") {
    TempDir tmp;
    StoreOptions o = fast(30);
    o.segment_bytes = 600;  // a few entries per file
    o.keep_snapshots = 2;
    Book book;
    int files_seen = 0;
    {
        OpenResult r = reopen(tmp.path, o);
        for (int i = 0; i < 25; ++i) REQUIRE(r.store->apply(book, add_org(i), ctx(i)));
        for (const auto& n : list_dir(tmp.path)) files_seen += n.rfind("journal-", 0) == 0;
        CHECK(files_seen >= 5);
        for (const auto& n : list_dir(tmp.path))
            if (n.rfind("journal-", 0) == 0) CHECK(read_whole_file(join_path(tmp.path, n))->size() < 600 + 400);
    }
    {
        OpenResult r = reopen(tmp.path, o);
        CHECK(r.warnings.empty());
        CHECK(r.replayed == 25);
        CHECK(book_text(r.book) == book_text(book));
        // Appends continue in the last file until it is full, then in a new one.
        for (int i = 25; i < 100; ++i) {
            REQUIRE(r.store->apply(book, add_org(i), ctx(i)));
            if (r.store->snapshot_due()) REQUIRE(r.store->snapshot(book, "t"));
        }
    }
    OpenResult r = reopen(tmp.path, o);
    CHECK(r.warnings.empty());
    CHECK(r.last_seq == 100);
    CHECK(book_text(r.book) == book_text(book));
    // Files wholly before the oldest kept snapshot are gone.
    const auto snaps = r.store->list_snapshots();
    REQUIRE(snaps.size() == 2);
    for (const auto& n : list_dir(tmp.path)) {
        if (n.rfind("journal-", 0) != 0) continue;
        // Its last entry follows the oldest kept snapshot.
        std::string text = *read_whole_file(join_path(tmp.path, n));
        text.pop_back();
        Json last;
        REQUIRE(parse_journal_line(std::string_view(text).substr(text.rfind('\n') + 1), last));
        CHECK(last.value("seq", std::int64_t(0)) > snaps.front().seq);
    }
    SUBCASE("a torn tail in the last small file loses only the change in flight") {
        r.store.reset();
        const std::string path = journal_path(tmp.path);
        std::string err;
        REQUIRE(write_file_atomic(path, *read_whole_file(path) + "0badf00d {\"seq\":", false, err));
        OpenResult again = reopen(tmp.path, o);
        CHECK(again.last_seq == 100);
        CHECK(again.warnings.size() == 1);
        CHECK(book_text(again.book) == book_text(book));
    }
}

TEST_CASE("store: files carry a schema version, with migrations from older ones") {
    TempDir tmp;
    Book book;
    Organisation o;
    o.id = "org-old";
    o.name = "From v0";
    o.type = "archive";
    o.country = "DE";
    book.organisations.push_back(o);
    std::string err;
    SUBCASE("a v0 snapshot (one JSON object, no checksum) is migrated") {
        Json v0 = {{"schema", "portal-snapshot/0"}, {"seq", 0}, {"book", book_to_json(book)}};
        REQUIRE(write_file_atomic(join_path(tmp.path, "snapshot-00000001.json"), v0.dump(2), false, err));
        OpenResult r = reopen(tmp.path);
        REQUIRE(r.book.organisations.size() == 1);
        CHECK(r.book.organisations[0].name == "From v0");
        CHECK(r.warnings.empty());
        auto snaps = r.store->list_snapshots();
        REQUIRE(snaps.size() == 1);
        // Later changes land on top of the migrated book.
        Book b = r.book;
        REQUIRE(r.store->apply(b, add_org(1), ctx()));
        REQUIRE(r.store->snapshot(b, "t"));
        r.store.reset();
        OpenResult again = reopen(tmp.path);
        CHECK(again.book.organisations.size() == 2);
        SnapshotFile f;
        REQUIRE(parse_snapshot_file(*read_whole_file(join_path(tmp.path, "snapshot-00000002.json")), f, err));
        CHECK(f.header["schema"] == "portal-snapshot/2");
        CHECK(f.binary());
    }
    SUBCASE("a v1 snapshot (the book as JSON text) is read, and the next one is written binary") {
        std::string body = write_book(book);
        Json header = {{"schema", "portal-snapshot/1"}, {"id", 1}, {"seq", 0}, {"taken_at", "t"}, {"label", "old"},
                       {"bytes", body.size()}, {"crc32", crc32_hex(body)}};
        REQUIRE(write_file_atomic(join_path(tmp.path, "snapshot-00000001.json"), header.dump() + "\n" + body + "\n", false, err));
        OpenResult r = reopen(tmp.path);
        REQUIRE(r.book.organisations.size() == 1);
        CHECK(r.book.organisations[0].name == "From v0");
        CHECK(r.warnings.empty());
        Book b = r.book;
        REQUIRE(r.store->apply(b, add_org(1), ctx()));
        REQUIRE(r.store->snapshot(b, "t"));
        r.store.reset();
        CHECK(book_text(reopen(tmp.path).book) == book_text(b));
        SnapshotFile f;
        REQUIRE(parse_snapshot_file(*read_whole_file(join_path(tmp.path, "snapshot-00000002.json")), f, err));
        CHECK(f.header["schema"] == "portal-snapshot/2");
        CHECK(f.header["encoding"] == "portal-book-bin/1");
        // A damaged v1 book is refused with where and what, and the store opens empty with a warning.
        std::string bad = write_book(book);
        bad.replace(bad.find("\"DE\""), 4, "\"D1\"");
        Json bad_header = {{"schema", "portal-snapshot/1"}, {"id", 3}, {"seq", 9}, {"bytes", bad.size()}, {"crc32", crc32_hex(bad)}};
        REQUIRE(write_file_atomic(join_path(tmp.path, "snapshot-00000003.json"), bad_header.dump() + "\n" + bad + "\n", false, err));
        OpenResult again = reopen(tmp.path);
        REQUIRE_FALSE(again.warnings.empty());
        CHECK(again.warnings[0].find("snapshot-00000003.json: the book is invalid (/organisations/0/country") != std::string::npos);
        CHECK(again.book.organisations.size() == 2);
    }
    SUBCASE("a binary snapshot whose bytes do not decode is skipped with a warning") {
        std::string junk = "PBB1\x05garbage";
        Json header = {{"schema", "portal-snapshot/2"}, {"id", 1}, {"seq", 0}, {"encoding", "portal-book-bin/1"},
                       {"bytes", junk.size()}, {"crc32", crc32_hex(junk)}};
        REQUIRE(write_file_atomic(join_path(tmp.path, "snapshot-00000001.json"), header.dump() + "\n" + junk + "\n", false, err));
        OpenResult r = reopen(tmp.path);
        REQUIRE(r.warnings.size() == 1);
        CHECK(r.warnings[0].find("snapshot-00000001.json: portal-book-bin/1:") != std::string::npos);
        CHECK(r.book.organisations.empty());
    }
    SUBCASE("a file from a newer version is refused, never overwritten") {
        Json v9 = {{"schema", "portal-snapshot/9"}, {"seq", 0}};
        REQUIRE(write_file_atomic(join_path(tmp.path, "snapshot-00000001.json"), v9.dump() + "\n{}\n", false, err));
        OpenResult r = Store::open(tmp.path, catalog(), fast());
        CHECK_FALSE(r.ok());
        CHECK(r.error.find("newer version") != std::string::npos);
    }
    SUBCASE("every journal file starts with its schema") {
        OpenResult r = reopen(tmp.path);
        std::string text = *read_whole_file(journal_path(tmp.path));
        Json header;
        REQUIRE(parse_journal_line(text.substr(0, text.find('\n')), header));
        CHECK(header["schema"] == "portal-journal/1");
    }
}
