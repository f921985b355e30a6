// Kill safety, natively: a child process appends actions in a loop and is SIGKILLed at random
// moments; every reopen must give exactly the last committed state (the count the child
// reported, or one more for the action in flight), never a corrupt or unopenable store.
#ifndef __EMSCRIPTEN__

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <random>

#include <csignal>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store.hpp"
#include "store_fixtures.hpp"

using namespace portal;
using namespace portal::store;
using namespace portal::store_testing;

namespace {

StoreOptions kill_options() {
    StoreOptions o;
    o.sync = true;            // the real thing: one fsync per action
    o.snapshot_every = 40;    // snapshots (and journal rotation) happen under fire too
    o.keep_snapshots = 4;
    o.segment_bytes = 2048;   // and journal files started between snapshots (as in the browser)
    return o;
}

[[noreturn]] void child_loop(const std::string& dir, int report_fd) {
    OpenResult r = Store::open(dir, catalog(), kill_options());
    if (!r.ok()) _exit(3);
    Book book = std::move(r.book);
    for (;;) {
        int n = static_cast<int>(book.organisations.size());
        if (!r.store->apply(book, add_org(n), ctx(n))) _exit(4);
        if (r.store->snapshot_due() && !r.store->snapshot(book, "2027-03-01T09:00:00Z", "auto")) _exit(5);
        std::int64_t committed = static_cast<std::int64_t>(book.organisations.size());
        if (::write(report_fd, &committed, sizeof committed) != sizeof committed) _exit(6);
    }
}

}  // namespace

TEST_CASE("store: SIGKILL at random points never loses a committed action or corrupts the store") {
    TempDir tmp;
    const std::string dir = tmp.sub("book");
    (void)catalog();  // loaded before forking
    std::mt19937 rng(20270301);
    std::uniform_int_distribution<int> delay_us(0, 20000);

    std::int64_t known = 0;   // committed count after the previous round
    int rounds = 0, in_flight_seen = 0, recoveries = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(25);
    for (; rounds < 200 && std::chrono::steady_clock::now() < deadline; ++rounds) {
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(fds[0]);
            child_loop(dir, fds[1]);
        }
        ::close(fds[1]);
        ::usleep(static_cast<useconds_t>(delay_us(rng)));
        ::kill(pid, SIGKILL);
        int status = 0;
        ::waitpid(pid, &status, 0);
        REQUIRE_MESSAGE((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL), "child exited by itself: status " << status);

        std::int64_t reported = known, value = 0;
        while (::read(fds[0], &value, sizeof value) == sizeof value) reported = value;
        ::close(fds[0]);

        OpenResult r = Store::open(dir, catalog(), kill_options());
        REQUIRE_MESSAGE(r.ok(), r.error);
        const auto count = static_cast<std::int64_t>(r.book.organisations.size());
        INFO("round " << rounds << ": reported " << reported << ", reopened with " << count);
        CHECK((count == reported || count == reported + 1));
        // Exactly the actions, in order, nothing duplicated or half-applied.
        for (std::int64_t i = 0; i < count; i += std::max<std::int64_t>(1, count / 50))
            REQUIRE(r.book.organisations[static_cast<std::size_t>(i)].id == "org-" + std::to_string(i));
        CHECK(r.book.audit.size() == static_cast<std::size_t>(count));
        for (const auto& w : r.warnings) CHECK_MESSAGE(w.find("tail") != std::string::npos, w);
        in_flight_seen += count == reported + 1;
        recoveries += !r.warnings.empty();
        known = count;
    }
    MESSAGE("kill rounds: " << rounds << ", final actions: " << known << ", in flight kept: " << in_flight_seen
                            << ", torn tails cut: " << recoveries);
    CHECK(rounds >= 50);
    CHECK(known > 0);
}

#endif  // __EMSCRIPTEN__
