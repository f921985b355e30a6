#include <doctest/doctest.h>

#include "core/actions.hpp"
#include "core/json_io.hpp"
#include "core/reminders.hpp"
#include "documents_fixtures.hpp"

using namespace portal;
using namespace portal::testing;

namespace {

const ReminderDraft* draft_for(const ReminderPlan& plan, const std::string& invoice) {
    for (const ReminderDraft& r : plan.drafts)
        if (r.invoice == invoice) return &r;
    return nullptr;
}

ActionContext ctx_on(const char* day) { return {"Staff", std::string(day) + "T09:00:00Z", d(day)}; }

}  // namespace

TEST_CASE("reminder stages come from the catalog") {
    Catalog c = documents_catalog();
    auto stages = reminder_stages(c);
    REQUIRE(stages.size() == 4);
    CHECK(stages[0].id == "renewal");
    CHECK(stages[1].id == "first");
    CHECK(stages[1].days == 14);
    CHECK(stages[2].id == "second");
    CHECK(stages[3].id == "final");
    CHECK(stages[3].days == 60);
    c.invoicing.reminder_days = {10, 20, 40, 80};
    stages = reminder_stages(c);
    CHECK(stages[3].id == "reminder-3");
    CHECK(stages[4].id == "final");
}

TEST_CASE("plan_reminders picks the latest stage reached, once") {
    const Catalog c = documents_catalog();
    Book b = small_book();

    SUBCASE("overdue by more than 60 days: final notice; paid and void invoices: nothing") {
        ReminderPlan plan = plan_reminders(c, b, d("2026-11-22"));
        const ReminderDraft* a = draft_for(plan, "a26");  // due 2026-02-09, 6,000.00 left
        REQUIRE(a);
        CHECK(a->stage == "final");
        CHECK(a->amount_due == 600000);
        CHECK(a->to.size() == 1);
        CHECK(a->to[0].email == "a@example.org");
        CHECK(a->subject == "Final notice: invoice IIIFC-2026-a26 is overdue");
        CHECK(a->body.find("Amount due: 6,000.00 USD") != std::string::npos);
        CHECK(a->body.find("Pay by bank transfer to CLIR") != std::string::npos);
        CHECK(a->body.find("have lapsed since 2026-05-10") != std::string::npos);
        CHECK(a->body.rfind("Dear Contact a,", 0) == 0);
        CHECK_FALSE(draft_for(plan, "b26"));   // paid
        CHECK_FALSE(draft_for(plan, "d26v"));  // void
        CHECK_FALSE(draft_for(plan, "a26x"));  // draft
    }
    SUBCASE("stages by days past due") {
        // g26 due 2026-08-31.
        CHECK_FALSE(draft_for(plan_reminders(c, b, d("2026-09-13")), "g26"));  // 13 days: none yet
        CHECK(draft_for(plan_reminders(c, b, d("2026-09-14")), "g26")->stage == "first");
        CHECK(draft_for(plan_reminders(c, b, d("2026-09-30")), "g26")->stage == "second");
        CHECK(draft_for(plan_reminders(c, b, d("2026-10-30")), "g26")->stage == "final");
    }
    SUBCASE("a membership invoice not yet due gets a renewal notice, other invoices do not") {
        ReminderPlan plan = plan_reminders(c, b, d("2026-10-15"));
        const ReminderDraft* r = draft_for(plan, "c26");  // issued 2026-10-01, due 2026-10-31
        REQUIRE(r);
        CHECK(r->stage == "renewal");
        CHECK(r->subject == "IIIF Consortium membership renewal 2026: invoice IIIFC-2026-c26");
        CHECK(r->days_past_due == 0);
        b.invoices[10].due = d("2026-12-01");  // f26, no membership year
        CHECK_FALSE(draft_for(plan_reminders(c, b, d("2026-10-15")), "f26"));
    }
    SUBCASE("a recorded stage is never drafted again, nor an earlier one") {
        Book work = b;
        ReminderPlan plan = plan_reminders(c, work, d("2026-09-14"));
        const ReminderDraft* g = draft_for(plan, "g26");
        REQUIRE(g);
        ApplyResult r = apply_action(work, c, reminder_record_action(*g), ctx_on("2026-09-14"));
        REQUIRE_MESSAGE(r.ok, r.error);
        CHECK(work.audit.back().action["type"] == "reminder.record");
        CHECK_FALSE(draft_for(plan_reminders(c, work, d("2026-09-20")), "g26"));
        CHECK(draft_for(plan_reminders(c, work, d("2026-09-30")), "g26")->stage == "second");
        work.invoices[12].reminders_sent.push_back("final");
        CHECK_FALSE(draft_for(plan_reminders(c, work, d("2026-09-30")), "g26"));
    }
    SUBCASE("no usable email: skipped with a reason") {
        b.organisations[6].contacts[0].email = "not an email";
        ReminderPlan plan = plan_reminders(c, b, d("2026-09-14"));
        CHECK_FALSE(draft_for(plan, "g26"));
        REQUIRE(plan.skipped.size() >= 1);
        bool found = false;
        for (const ReminderSkip& s : plan.skipped) found = found || (s.invoice == "g26" && s.reason.find("email") != std::string::npos);
        CHECK(found);
    }
}

TEST_CASE("reminder.record validates and refuses a second recording") {
    const Catalog c = documents_catalog();
    Book b = small_book();
    const ActionContext ctx = ctx_on("2026-11-22");
    Json a{{"type", "reminder.record"}, {"invoice", "IIIFC-2026-g26"}, {"stage", "first"}};
    ApplyResult r = apply_action(b, c, a, ctx);
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(b.invoices[12].reminders_sent == std::vector<std::string>{"first"});
    SUBCASE("twice") {
        ApplyResult again = apply_action(b, c, a, ctx);
        CHECK_FALSE(again.ok);
        CHECK(again.error.find("already recorded") != std::string::npos);
        CHECK(b.invoices[12].reminders_sent.size() == 1);
    }
    SUBCASE("bad stage, unknown invoice, draft invoice, unknown field") {
        Book before = b;
        CHECK(apply_action(b, c, Json{{"type", "reminder.record"}, {"invoice", "g26"}, {"stage", "third"}}, ctx)
                  .problems.at(0).pointer == "/stage");
        CHECK(apply_action(b, c, Json{{"type", "reminder.record"}, {"invoice", "zz"}, {"stage", "first"}}, ctx)
                  .problems.at(0).pointer == "/invoice");
        CHECK_FALSE(apply_action(b, c, Json{{"type", "reminder.record"}, {"invoice", "a26x"}, {"stage", "first"}}, ctx).ok);
        CHECK_FALSE(
            apply_action(b, c, Json{{"type", "reminder.record"}, {"invoice", "g26"}, {"stage", "second"}, {"x", 1}}, ctx).ok);
        CHECK(b.invoices[12].reminders_sent == before.invoices[12].reminders_sent);
    }
    SUBCASE("round trip through the book format") {
        b.prospects.clear();  // their type "museum" is not in the test catalog
        Read<Book> back = book_from_json(book_to_json(b), c);
        REQUIRE_MESSAGE(back.ok(), (back.problems.empty() ? "" : back.problems[0].pointer + ": " + back.problems[0].message));
        CHECK(back.value->invoices[12].reminders_sent == std::vector<std::string>{"first"});
        CHECK(book_to_json(b)["invoices"][0].contains("reminders_sent") == false);
    }
}

TEST_CASE("email encoding: RFC 2047 words, addresses, dates, no header injection") {
    CHECK(encode_header_text("Plain subject") == "Plain subject");
    CHECK(encode_header_text("Caf\u00e9") == "=?UTF-8?B?Q2Fmw6k=?=");
    CHECK(encode_header_text("a\r\nBcc: evil@x") == "a  Bcc: evil@x");
    SUBCASE("long text is split into words of at most 75 characters, never inside a character") {
        std::string longname;
        for (int i = 0; i < 30; ++i) longname += "\u00e9";  // 60 bytes
        std::string enc = encode_header_text(longname);
        CHECK(count_of(enc, "=?UTF-8?B?") == 2);
        for (std::size_t start = 0, end; start < enc.size(); start = end + 3) {
            end = enc.find("\r\n ", start);
            if (end == std::string::npos) end = enc.size();
            CHECK(end - start <= 75);
        }
    }
    CHECK(format_address({"Ann Archivist", "ann@example.org"}) == "Ann Archivist <ann@example.org>");
    CHECK(format_address({"Archivist, Ann", "ann@example.org"}) == "\"Archivist, Ann\" <ann@example.org>");
    CHECK(format_address({"Zo\u00eb", "z@example.org"}) == "=?UTF-8?B?Wm/Dqw==?= <z@example.org>");
    CHECK(format_address({"", "z@example.org"}) == "z@example.org");
    CHECK(rfc5322_date(d("2026-11-22")) == "Sun, 22 Nov 2026 09:00:00 +0000");
    CHECK(rfc5322_date(d("1969-12-31")) == "Wed, 31 Dec 1969 09:00:00 +0000");
    CHECK(is_plain_email("a@b.org"));
    CHECK_FALSE(is_plain_email("a b@c.org"));
    CHECK_FALSE(is_plain_email("a@b@c"));
    CHECK_FALSE(is_plain_email("<a@b>"));
    CHECK_FALSE(is_plain_email("a@b\r\nBcc: x@y"));
}

TEST_CASE("eml message and mailto URL") {
    const Catalog c = documents_catalog();
    Book b = hostile_book();
    ReminderPlan plan = plan_reminders(c, b, d("2026-02-23"));  // b26 due 2026-02-09 unpaid until 2026-03-01
    const ReminderDraft* r = draft_for(plan, "b26");
    REQUIRE(r);
    CHECK(r->stage == "first");
    const std::string eml = eml_message(*r, c.consortium, d("2026-02-23"));
    CHECK(eml.rfind("From: IIIF Consortium <admin@iiif.io>\r\n", 0) == 0);
    CHECK(eml.find("To: =?UTF-8?B?") != std::string::npos);
    CHECK(eml.find("<b@example.org>") != std::string::npos);
    CHECK(eml.find("Subject: Reminder: invoice IIIFC-2026-b26 is overdue\r\n") != std::string::npos);
    CHECK(eml.find("Date: Mon, 23 Feb 2026 09:00:00 +0000\r\n") != std::string::npos);
    CHECK(eml.find("Content-Type: text/plain; charset=utf-8\r\n") != std::string::npos);
    CHECK(eml.find("\r\n\r\nDear Zo\u00eb M\u00fcller,\r\n") != std::string::npos);
    CHECK(eml.find("\n\n") == std::string::npos);
    CHECK(count_of(eml, "\n") == count_of(eml, "\r\n"));
    check_golden_text(eml, "reminder_b26_first.eml");

    const std::string url = mailto_url(r->to, r->subject, "Line 1\nA&B=C?");
    CHECK(url == "mailto:b@example.org?subject=Reminder%3A%20invoice%20IIIFC-2026-b26%20is%20overdue"
                 "&body=Line%201%0D%0AA%26B%3DC%3F");
    CHECK(mailto_url({{"", "x@y.org"}, {"", "z@y.org"}}, "", "") == "mailto:x@y.org,z@y.org");
    CHECK(percent_encode("\u00e9 /") == "%C3%A9%20%2F");
}
