#include <doctest/doctest.h>

#include "sync/merge.hpp"
#include "fake_host.hpp"

using namespace portal;
using namespace portal::sync;
using namespace portal::sync_testing;

TEST_CASE("merge: changes to different fields and records combine") {
    Json base = small_book();
    Json mine = base, theirs = base;
    (*find_record(mine, "organisations", "org-a"))["name"] = "Mine";
    (*find_record(theirs, "organisations", "org-a"))["country"] = "NL";
    (*find_record(theirs, "organisations", "org-b"))["notes"] = "theirs";
    mine["invoices"].push_back({{"id", "inv-1"}, {"org", "org-a"}});
    theirs["payments"].push_back({{"id", "pay-1"}, {"invoice", "inv-0"}});
    MergeResult m = three_way_merge(base, mine, theirs);
    REQUIRE(m.ok());
    CHECK((*find_record(m.merged, "organisations", "org-a"))["name"] == "Mine");
    CHECK((*find_record(m.merged, "organisations", "org-a"))["country"] == "NL");
    CHECK((*find_record(m.merged, "organisations", "org-b"))["notes"] == "theirs");
    CHECK(m.merged["invoices"].size() == 1);
    CHECK(m.merged["payments"].size() == 1);
    SUBCASE("merging is symmetric in content") {
        MergeResult other = three_way_merge(base, theirs, mine);
        REQUIRE(other.ok());
        CHECK(*find_record(other.merged, "organisations", "org-a") == *find_record(m.merged, "organisations", "org-a"));
    }
}

TEST_CASE("merge: the same field changed differently is a conflict; the same way is not") {
    Json base = small_book();
    Json mine = base, theirs = base;
    (*find_record(mine, "organisations", "org-a"))["name"] = "X";
    (*find_record(theirs, "organisations", "org-a"))["name"] = "Y";
    (*find_record(mine, "organisations", "org-b"))["name"] = "Same";
    (*find_record(theirs, "organisations", "org-b"))["name"] = "Same";
    SUBCASE("undecided") {
        MergeResult m = three_way_merge(base, mine, theirs);
        REQUIRE(m.conflicts.size() == 1);
        CHECK(m.conflicts[0].key() == "organisations/org-a/name");
        CHECK(m.conflicts[0].in_base);
    }
    SUBCASE("decided: theirs") {
        MergeResult m = three_way_merge(base, mine, theirs, {{"organisations/org-a/name", Take::Theirs}});
        REQUIRE(m.ok());
        CHECK(m.decided.size() == 1);
        CHECK((*find_record(m.merged, "organisations", "org-a"))["name"] == "Y");
        CHECK((*find_record(m.merged, "organisations", "org-b"))["name"] == "Same");
    }
}

TEST_CASE("merge: update timestamps take the later one, never a conflict") {
    Json base = small_book();
    Json mine = base, theirs = base;
    (*find_record(mine, "organisations", "org-a"))["updated"] = "2027-02-01T00:00:00Z";
    (*find_record(mine, "organisations", "org-a"))["name"] = "M";
    (*find_record(theirs, "organisations", "org-a"))["updated"] = "2027-03-01T00:00:00Z";
    (*find_record(theirs, "organisations", "org-a"))["country"] = "PT";
    MergeResult m = three_way_merge(base, mine, theirs);
    REQUIRE(m.ok());
    CHECK((*find_record(m.merged, "organisations", "org-a"))["updated"] == "2027-03-01T00:00:00Z");
}

TEST_CASE("merge: deletions") {
    Json base = small_book();
    Json mine = base, theirs = base;
    mine["organisations"].erase(1);  // mine deletes org-b
    SUBCASE("deleted here, untouched there: deleted") {
        MergeResult m = three_way_merge(base, mine, theirs);
        REQUIRE(m.ok());
        CHECK(find_record(m.merged, "organisations", "org-b") == nullptr);
    }
    SUBCASE("deleted here, changed there: a whole-record conflict") {
        (*find_record(theirs, "organisations", "org-b"))["name"] = "Still here";
        MergeResult m = three_way_merge(base, mine, theirs);
        REQUIRE(m.conflicts.size() == 1);
        CHECK(m.conflicts[0].field.empty());
        CHECK_FALSE(m.conflicts[0].in_mine);
        CHECK(m.conflicts[0].describe().find("deleted here") != std::string::npos);
        MergeResult keep = three_way_merge(base, mine, theirs, {{m.conflicts[0].key(), Take::Theirs}});
        REQUIRE(keep.ok());
        CHECK((*find_record(keep.merged, "organisations", "org-b"))["name"] == "Still here");
    }
    SUBCASE("deleted on both sides") {
        theirs["organisations"].erase(1);
        MergeResult m = three_way_merge(base, mine, theirs);
        REQUIRE(m.ok());
        CHECK(m.merged["organisations"].size() == 1);
    }
}

TEST_CASE("merge: committee seats merge by id; the audit log by union") {
    Json base = small_book();
    Json mine = base, theirs = base;
    mine["committees"]["ec"].push_back({{"id", "seat-1"}, {"org", "org-a"}, {"person", "Ann"}});
    theirs["committees"]["trc"].push_back({{"id", "seat-2"}, {"org", "org-b"}, {"person", "Bo"}});
    base["audit"] = Json::array({{{"seq", 1}, {"at", "2027-01-01T00:00:00Z"}, {"who", "x"}, {"summary", "s1"}}});
    mine["audit"] = base["audit"];
    theirs["audit"] = base["audit"];
    mine["audit"].push_back({{"seq", 2}, {"at", "2027-01-03T00:00:00Z"}, {"who", "ann"}, {"summary", "mine"}});
    theirs["audit"].push_back({{"seq", 2}, {"at", "2027-01-02T00:00:00Z"}, {"who", "bo"}, {"summary", "theirs"}});
    MergeResult m = three_way_merge(base, mine, theirs);
    REQUIRE(m.ok());
    CHECK(m.merged["committees"]["ec"].size() == 1);
    CHECK(m.merged["committees"]["trc"].size() == 1);
    REQUIRE(m.merged["audit"].size() == 3);
    CHECK(m.merged["audit"][1]["summary"] == "theirs");  // ordered by time
    CHECK(m.merged["audit"][2]["summary"] == "mine");
}

TEST_CASE("merge: without a base, records added on both sides merge when they agree") {
    Json mine = small_book(), theirs = small_book();
    (*find_record(theirs, "organisations", "org-a"))["name"] = "Different";
    MergeResult m = three_way_merge(Json(), mine, theirs);
    REQUIRE(m.conflicts.size() == 1);
    CHECK_FALSE(m.conflicts[0].in_base);
}
