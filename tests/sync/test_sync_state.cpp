#include <doctest/doctest.h>

#include "sync/sync_state.hpp"

using namespace portal;
using namespace portal::sync;

TEST_CASE("the sync state round-trips for its own URL and is ignored for another") {
    SyncBase base;
    base.book = std::make_shared<const Json>(Json{{"schema", "portal-book/1"}, {"organisations", Json::array()}});
    base.etag = "\"abc=\"";
    base.lineage = Lineage{"v2", {"v1", "v0"}};
    const Json doc = sync_state_to_json("http://h/book.enc.json", base);
    CHECK(doc["schema"] == kSyncStateSchema);

    SyncBase back;
    std::string error;
    REQUIRE(sync_state_from_json(doc, "http://h/book.enc.json", back, &error));
    REQUIRE(back.book);
    CHECK(*back.book == *base.book);
    CHECK(back.etag == base.etag);
    CHECK(back.lineage.version == "v2");
    CHECK(back.lineage.ancestors == std::vector<std::string>{"v1", "v0"});

    // Another host: no base (the merge then loses nothing), and no error.
    REQUIRE(sync_state_from_json(doc, "http://other/book.enc.json", back, &error));
    CHECK_FALSE(back.book);
    CHECK(back.etag.empty());
}

TEST_CASE("a document that is not a sync state is refused with its pointer") {
    SyncBase back;
    std::string error;
    CHECK_FALSE(sync_state_from_json(Json{{"schema", "portal-book/1"}}, "u", back, &error));
    CHECK(error.find("/schema") == 0);
    CHECK_FALSE(sync_state_from_json(Json(), "u", back, &error));
    CHECK_FALSE(back.book);
}
