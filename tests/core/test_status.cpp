#include <doctest/doctest.h>

#include "book_builders.hpp"
#include "core/status.hpp"

using namespace portal;
using namespace portal::testing;

namespace {
InvoiceStatus status_of(const Book& b, std::size_t i, const char* on) {
    BookIndex ix = index_book(b);
    return invoice_status(b.invoices[i], ix, d(on));
}
MembershipStatus mstatus(const Book& b, std::size_t org, const char* on) {
    BookIndex ix = index_book(b);
    return membership_status(b.organisations[org], b, ix, test_catalog(), d(on));
}
}  // namespace

TEST_CASE("status names are the documented strings") {
    CHECK(std::string(to_string(InvoiceStatus::PartlyPaid)) == "partly_paid");
    CHECK(std::string(to_string(InvoiceStatus::Overdue)) == "overdue");
    CHECK(std::string(to_string(MembershipStatus::Grace)) == "grace");
    CHECK(std::string(to_string(MembershipStatus::Cancelled)) == "cancelled");
    CHECK(in_good_standing(MembershipStatus::Current));
    CHECK(in_good_standing(MembershipStatus::Grace));
    for (auto s : {MembershipStatus::Prospect, MembershipStatus::Pending, MembershipStatus::Lapsed,
                   MembershipStatus::Cancelled})
        CHECK_FALSE(in_good_standing(s));
}

TEST_CASE("index_book totals payments per invoice and groups invoices per organisation") {
    Book b;
    b.organisations = {member("a", "full", "2020-01-01"), member("b", "full", "2020-01-01")};
    b.invoices = {invoice("i1", "a", "2027-01-01", "2027-01-31", 1000), invoice("i2", "b", "2027-01-01", "2027-01-31", 500),
                  invoice("i3", "a", "2027-02-01", "2027-03-01", 700)};
    b.payments = {payment("p1", "i1", "2027-01-10", 300), payment("p2", "i1", "2027-01-20", 200),
                  payment("p3", "nowhere", "2027-01-20", 999)};
    BookIndex ix = index_book(b);
    CHECK(ix.paid_by_invoice == std::vector<std::int64_t>{500, 0, 0});
    CHECK(ix.invoices_by_org[0] == std::vector<std::size_t>{0, 2});
    CHECK(ix.invoices_by_org[1] == std::vector<std::size_t>{1});
    CHECK(invoice_total(b.invoices[0]) == 1000);
    CHECK(invoice_paid(b.invoices[0], ix) == 500);
    CHECK(invoice_paid_as_of(b.invoices[0], ix, d("2027-01-15")) == 300);
    CHECK(invoice_outstanding(b.invoices[0], ix, d("2027-01-15")) == 700);
    Invoice stranger = invoice("zz", "a", "2027-01-01", "2027-01-31", 10);
    CHECK(invoice_paid(stranger, ix) == 0);
}

TEST_CASE("invoice status is derived from state, payments and the date") {
    Book b;
    b.organisations = {member("a", "full", "2020-01-01")};
    b.invoices = {invoice("i1", "a", "2027-01-01", "2027-01-31", 1000)};
    SUBCASE("sent, not yet due") { CHECK(status_of(b, 0, "2027-01-15") == InvoiceStatus::Sent); }
    SUBCASE("the due day itself is not overdue") { CHECK(status_of(b, 0, "2027-01-31") == InvoiceStatus::Sent); }
    SUBCASE("the day after the due date is overdue") { CHECK(status_of(b, 0, "2027-02-01") == InvoiceStatus::Overdue); }
    SUBCASE("partly paid before the due date") {
        b.payments = {payment("p1", "i1", "2027-01-10", 400)};
        CHECK(status_of(b, 0, "2027-01-15") == InvoiceStatus::PartlyPaid);
        CHECK(status_of(b, 0, "2027-03-01") == InvoiceStatus::Overdue);  // still owing after the due date
    }
    SUBCASE("paid in several payments") {
        b.payments = {payment("p1", "i1", "2027-01-10", 400), payment("p2", "i1", "2027-02-10", 600)};
        CHECK(status_of(b, 0, "2027-02-09") == InvoiceStatus::Overdue);
        CHECK(status_of(b, 0, "2027-02-10") == InvoiceStatus::Paid);
    }
    SUBCASE("overpayment counts as paid") {
        b.payments = {payment("p1", "i1", "2027-01-10", 1500)};
        CHECK(status_of(b, 0, "2027-06-01") == InvoiceStatus::Paid);
        CHECK(invoice_outstanding(b.invoices[0], index_book(b), d("2027-06-01")) == 0);
    }
    SUBCASE("a payment dated after the day asked about does not count yet") {
        b.payments = {payment("p1", "i1", "2027-03-01", 1000)};
        CHECK(status_of(b, 0, "2027-02-15") == InvoiceStatus::Overdue);
        CHECK(status_of(b, 0, "2027-03-01") == InvoiceStatus::Paid);
    }
    SUBCASE("draft and void come from the stored state") {
        b.invoices[0].state = InvoiceState::Draft;
        CHECK(status_of(b, 0, "2027-06-01") == InvoiceStatus::Draft);
        b.invoices[0].state = InvoiceState::Void;
        b.payments = {payment("p1", "i1", "2027-01-10", 1000)};
        CHECK(status_of(b, 0, "2027-06-01") == InvoiceStatus::Void);
    }
    SUBCASE("a zero-total invoice is paid") {
        b.invoices[0].lines[0].amount = 0;
        CHECK(status_of(b, 0, "2027-06-01") == InvoiceStatus::Paid);
    }
}

TEST_CASE("membership status: prospect, pending, cancelled") {
    Book b;
    SUBCASE("no tier is a prospect") {
        b.organisations = {member("a", nullptr, nullptr)};
        CHECK(mstatus(b, 0, "2027-01-01") == MembershipStatus::Prospect);
    }
    SUBCASE("a future start date is pending") {
        b.organisations = {member("a", "full", "2027-07-01")};
        CHECK(mstatus(b, 0, "2027-06-30") == MembershipStatus::Pending);
        CHECK(mstatus(b, 0, "2027-07-01") == MembershipStatus::Current);
    }
    SUBCASE("a member with no invoices in the book is current") {
        b.organisations = {member("a", "full", "2019-03-01")};
        CHECK(mstatus(b, 0, "2027-01-01") == MembershipStatus::Current);
    }
    SUBCASE("cancelled from the cancellation date on") {
        b.organisations = {member("a", "full", "2020-01-01")};
        b.organisations[0].cancelled_on = d("2027-03-31");
        CHECK(mstatus(b, 0, "2027-03-30") == MembershipStatus::Current);
        CHECK(mstatus(b, 0, "2027-03-31") == MembershipStatus::Cancelled);
    }
    SUBCASE("a cancelled member who pays stays cancelled") {
        b.organisations = {member("a", "full", "2020-01-01")};
        b.organisations[0].cancelled_on = d("2027-03-31");
        b.invoices = {invoice("i1", "a", "2027-01-01", "2027-01-31", 1000, 2027)};
        b.payments = {payment("p1", "i1", "2027-05-01", 1000)};
        CHECK(mstatus(b, 0, "2027-06-01") == MembershipStatus::Cancelled);
        CHECK(status_of(b, 0, "2027-06-01") == InvoiceStatus::Paid);  // the payment is still recorded
    }
}

TEST_CASE("membership status: the joining invoice") {
    Book b;
    b.organisations = {member("a", "full", "2027-04-10")};
    b.invoices = {invoice("i1", "a", "2027-04-10", "2027-05-10", 750000, 2027)};
    SUBCASE("unpaid and not yet due: pending") { CHECK(mstatus(b, 0, "2027-04-20") == MembershipStatus::Pending); }
    SUBCASE("unpaid past due but within grace: still pending (rights start with the first payment)") {
        CHECK(mstatus(b, 0, "2027-06-01") == MembershipStatus::Pending);
    }
    SUBCASE("unpaid past grace: lapsed") { CHECK(mstatus(b, 0, "2027-08-09") == MembershipStatus::Lapsed); }
    SUBCASE("partly paid: still pending") {
        b.payments = {payment("p1", "i1", "2027-04-20", 100)};
        CHECK(mstatus(b, 0, "2027-04-21") == MembershipStatus::Pending);
    }
    SUBCASE("paid: current") {
        b.payments = {payment("p1", "i1", "2027-04-20", 750000)};
        CHECK(mstatus(b, 0, "2027-04-19") == MembershipStatus::Pending);
        CHECK(mstatus(b, 0, "2027-04-20") == MembershipStatus::Current);
    }
}

TEST_CASE("membership status: grace and lapse after a due date") {
    Book b;
    b.organisations = {member("a", "full", "2020-01-01")};
    b.invoices = {invoice("i1", "a", "2027-01-01", "2027-01-31", 1000000, 2027)};
    SUBCASE("before and on the due date: current") {
        CHECK(mstatus(b, 0, "2027-01-31") == MembershipStatus::Current);
    }
    SUBCASE("month end: due 2027-01-31, 90 days of grace run to 2027-05-01") {
        CHECK(mstatus(b, 0, "2027-02-01") == MembershipStatus::Grace);
        CHECK(mstatus(b, 0, "2027-05-01") == MembershipStatus::Grace);
        CHECK(mstatus(b, 0, "2027-05-02") == MembershipStatus::Lapsed);
    }
    SUBCASE("a payment completing during grace makes it current again") {
        b.payments = {payment("p1", "i1", "2027-02-15", 400000), payment("p2", "i1", "2027-03-15", 600000)};
        CHECK(mstatus(b, 0, "2027-02-20") == MembershipStatus::Grace);  // partly paid is still owing
        CHECK(mstatus(b, 0, "2027-03-15") == MembershipStatus::Current);
        CHECK(mstatus(b, 0, "2028-01-01") == MembershipStatus::Current);
    }
    SUBCASE("a late payment after lapsing makes it current again") {
        b.payments = {payment("p1", "i1", "2027-07-01", 1000000)};
        CHECK(mstatus(b, 0, "2027-06-30") == MembershipStatus::Lapsed);
        CHECK(mstatus(b, 0, "2027-07-01") == MembershipStatus::Current);
    }
    SUBCASE("overpayment counts as paid") {
        b.payments = {payment("p1", "i1", "2027-01-20", 1200000)};
        CHECK(mstatus(b, 0, "2027-12-31") == MembershipStatus::Current);
    }
    SUBCASE("overpayment of one invoice does not pay another") {
        b.invoices.push_back(invoice("i2", "a", "2027-02-01", "2027-03-03", 100, 2027));
        b.payments = {payment("p1", "i1", "2027-01-20", 1200000)};
        CHECK(mstatus(b, 0, "2027-03-04") == MembershipStatus::Grace);
    }
    SUBCASE("a voided invoice is ignored") {
        b.invoices[0].state = InvoiceState::Void;
        CHECK(mstatus(b, 0, "2027-12-31") == MembershipStatus::Current);
    }
    SUBCASE("a draft invoice is ignored") {
        b.invoices[0].state = InvoiceState::Draft;
        CHECK(mstatus(b, 0, "2027-12-31") == MembershipStatus::Current);
    }
    SUBCASE("an invoice issued after the day asked about is ignored") {
        CHECK(mstatus(b, 0, "2026-12-31") == MembershipStatus::Current);
    }
    SUBCASE("another organisation's invoice does not count") {
        b.organisations.push_back(member("b", "full", "2020-01-01"));
        CHECK(mstatus(b, 1, "2027-12-31") == MembershipStatus::Current);
        CHECK(mstatus(b, 0, "2027-12-31") == MembershipStatus::Lapsed);
    }
}

TEST_CASE("membership status: grace spans leap days exactly") {
    Book b;
    b.organisations = {member("a", "full", "2020-01-01")};
    SUBCASE("leap year: due 2027-12-01 + 90 days = 2028-02-29") {
        b.invoices = {invoice("i1", "a", "2027-11-01", "2027-12-01", 1000, 2028)};
        CHECK(mstatus(b, 0, "2028-02-29") == MembershipStatus::Grace);
        CHECK(mstatus(b, 0, "2028-03-01") == MembershipStatus::Lapsed);
    }
    SUBCASE("common year: due 2026-12-01 + 90 days = 2027-03-01") {
        b.invoices = {invoice("i1", "a", "2026-11-01", "2026-12-01", 1000, 2027)};
        CHECK(mstatus(b, 0, "2027-03-01") == MembershipStatus::Grace);
        CHECK(mstatus(b, 0, "2027-03-02") == MembershipStatus::Lapsed);
    }
    SUBCASE("due on a leap day") {
        b.invoices = {invoice("i1", "a", "2028-01-30", "2028-02-29", 1000, 2028)};
        CHECK(mstatus(b, 0, "2028-02-29") == MembershipStatus::Current);
        CHECK(mstatus(b, 0, "2028-03-01") == MembershipStatus::Grace);
    }
    SUBCASE("grace_days from the catalog") {
        b.invoices = {invoice("i1", "a", "2027-01-01", "2027-01-31", 1000, 2027)};
        Catalog c = test_catalog();
        c.rules.grace_days = 0;
        BookIndex ix = index_book(b);
        CHECK(membership_status(b.organisations[0], b, ix, c, d("2027-02-01")) == MembershipStatus::Lapsed);
    }
}

TEST_CASE("index_book and membership_status do not depend on record order or on which copy is asked") {
    Book b;
    b.organisations = {member("a", "full", "2020-01-01"), member("b", "full", "2020-01-01")};
    b.invoices = {invoice("i1", "b", "2027-01-01", "2027-01-31", 100, 2027), invoice("i2", "a", "2027-01-01", "2027-01-31", 100, 2027),
                  invoice("i3", "b", "2027-01-01", "2027-01-31", 100, 2027)};
    b.payments = {payment("p3", "i3", "2027-01-05", 100), payment("p1", "i1", "2027-01-05", 60), payment("p2", "i1", "2027-01-06", 40)};
    BookIndex ix = index_book(b);
    CHECK(ix.paid_by_invoice == std::vector<std::int64_t>{100, 0, 100});
    CHECK(ix.invoices_by_org[0] == std::vector<std::size_t>{1});
    CHECK(ix.invoices_by_org[1] == std::vector<std::size_t>{0, 2});
    const Catalog c = test_catalog();
    CHECK(membership_status(b.organisations[0], b, ix, c, d("2027-03-01")) == MembershipStatus::Grace);
    CHECK(membership_status(b.organisations[1], b, ix, c, d("2027-03-01")) == MembershipStatus::Current);
    Organisation copy = b.organisations[0];  // not the book's own record: found by id
    CHECK(membership_status(copy, b, ix, c, d("2027-03-01")) == MembershipStatus::Grace);
    SUBCASE("duplicate ids: the first record holds the invoices, shared by every record with that id") {
        b.organisations.push_back(member("a", "full", "2020-01-01"));
        b.invoices.push_back(invoice("i1", "a", "2027-01-01", "2027-01-31", 999, 2027));
        BookIndex dup = index_book(b);
        CHECK(dup.paid_by_invoice[3] == 0);
        CHECK(dup.paid_by_invoice[0] == 100);
        CHECK(dup.invoices_by_org[2].empty());
        CHECK(membership_status(b.organisations[2], b, dup, c, d("2027-03-01")) == MembershipStatus::Grace);
        CHECK(membership_status(b.organisations[0], b, dup, c, d("2027-03-01")) == MembershipStatus::Grace);
        Organisation stranger = b.organisations[2];  // not in the book: found by id, the first record
        CHECK(membership_status(stranger, b, dup, c, d("2027-03-01")) == MembershipStatus::Grace);
    }
}
