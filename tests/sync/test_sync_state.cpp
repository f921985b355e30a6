#include <doctest/doctest.h>

#include "../core/book_builders.hpp"
#include "core/json_io.hpp"
#include "store/book_codec.hpp"
#include "sync/sync_state.hpp"

using namespace portal;
using namespace portal::sync;
using namespace portal::testing;

TEST_CASE("the sync state round-trips for its own URL and is ignored for another") {
    const Catalog catalog = test_catalog();
    Book book;
    Organisation org;
    org.id = "org-1";
    org.name = "Bibliothèque Ω";
    org.type = "library";
    org.country = "FR";
    book.organisations.push_back(org);
    SyncBase base;
    base.book = std::make_shared<const Book>(book);
    base.etag = "\"abc=\"";
    base.lineage = Lineage{"v2", {"v1", "v0"}};
    const Json doc = Json::parse(sync_state_to_text("http://h/book.enc.json", base));
    CHECK(doc["schema"] == kSyncStateSchema);
    // Written as nlohmann would (members in key order, compact), and without a base the base is null.
    CHECK(sync_state_to_text("http://h/book.enc.json", base) == doc.dump());
    CHECK(Json::parse(sync_state_to_text("http://h/book.enc.json", SyncBase{}))["base"].is_null());

    SyncBase back;
    std::string error;
    REQUIRE(sync_state_from_json(doc, "http://h/book.enc.json", catalog, back, &error));
    REQUIRE(back.book);
    CHECK(store::same(*back.book, *base.book));
    CHECK(back.etag == base.etag);
    CHECK(back.lineage.version == "v2");
    CHECK(back.lineage.ancestors == std::vector<std::string>{"v1", "v0"});

    // Another host: no base (the merge then loses nothing), and no error.
    REQUIRE(sync_state_from_json(doc, "http://other/book.enc.json", catalog, back, &error));
    CHECK_FALSE(back.book);
    CHECK(back.etag.empty());
}

TEST_CASE("a document that is not a sync state, or holds a bad base, is refused with its pointer") {
    const Catalog catalog = test_catalog();
    SyncBase back;
    std::string error;
    CHECK_FALSE(sync_state_from_json(Json{{"schema", "portal-book/1"}}, "u", catalog, back, &error));
    CHECK(error.find("/schema") == 0);
    CHECK_FALSE(sync_state_from_json(Json(), "u", catalog, back, &error));
    CHECK_FALSE(back.book);
    Json bad = {{"schema", kSyncStateSchema}, {"url", "u"}, {"etag", "\"e\""},
                {"base", {{"schema", "portal-book/1"}, {"organisations", {{{"id", 5}}}}}}};
    CHECK_FALSE(sync_state_from_json(bad, "u", catalog, back, &error));
    CHECK(error.find("/base/") == 0);
    CHECK_FALSE(back.book);
}
