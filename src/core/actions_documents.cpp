// Documents and communications actions: reminder.record (a reminder stage sent for an invoice,
// never twice) and prospect.intake (an application becomes a prospect, duplicates refused).
#include "core/actions_documents.hpp"

#include <algorithm>

#include "core/intake.hpp"
#include "core/json_io.hpp"
#include "core/reminders.hpp"

namespace portal::detail {

ApplyResult reminder_record(Book& book, const Catalog& catalog, const Json& action, const ActionContext&,
                            const BookIndex* index) {
    Problems problems;
    Fields f(action, "", problems);
    f.has("type");
    std::optional<std::string> ref = f.text("invoice", true);
    std::optional<std::string> stage = f.text("stage", true);
    f.reject_unknown();
    Invoice* inv = nullptr;
    if (ref) {
        for (Invoice& i : book.invoices)
            if (i.id == *ref) inv = &i;
        for (Invoice& i : book.invoices)
            if (!inv && i.number == *ref) inv = &i;
        if (!inv) f.problem("invoice", "no invoice with id or number '" + *ref + "'");
        else if (inv->state != InvoiceState::Sent)
            f.problem("invoice", "invoice " + inv->number + " is " + to_string(inv->state) + ": reminders are only for sent invoices");
    }
    if (stage) {
        std::string known;
        bool found = false;
        for (const ReminderStage& s : reminder_stages(catalog)) {
            found = found || s.id == *stage;
            known += (known.empty() ? "" : ", ") + s.id;
        }
        if (!found) f.problem("stage", "'" + *stage + "' is not a reminder stage (known: " + known + ")");
        else if (inv && std::find(inv->reminders_sent.begin(), inv->reminders_sent.end(), *stage) != inv->reminders_sent.end())
            f.problem("stage", "the " + *stage + " reminder for invoice " + inv->number + " was already recorded");
    }
    if (!problems.empty()) return rejected("reminder.record", std::move(problems));
    inv->reminders_sent.push_back(*stage);
    return applied("Recorded the " + *stage + " reminder for invoice " + inv->number + " (" + inv->org + ")");
}

ApplyResult prospect_intake(Book& book, const Catalog& catalog, const Json& action, const ActionContext& ctx,
                            const BookIndex* index) {
    Problems problems;
    Fields f(action, "", problems);
    f.has("type");
    const Json* doc = f.raw("application", true);
    std::optional<std::string> id = f.text("id", false);
    f.reject_unknown();
    std::optional<Application> app;
    if (doc) {
        Read<Application> r = application_from_json(*doc, catalog);
        for (const Problem& p : r.problems) problems.push_back({"/application" + p.pointer, p.message});
        app = std::move(r.value);
    }
    auto taken = [&](const std::string& candidate) {
        return std::any_of(book.prospects.begin(), book.prospects.end(), [&](const Prospect& p) { return p.id == candidate; });
    };
    if (id && taken(*id)) f.problem("id", "'" + *id + "' is already a prospect id");
    if (app) {
        if (std::optional<DuplicateMatch> dup = find_duplicate(book, app->name, app->country))
            problems.push_back({"/application/name", "\"" + app->name + "\" is already in the book as " + describe(*dup) +
                                                         ": update that record instead"});
    }
    if (!problems.empty() || !app) return rejected("prospect.intake", std::move(problems));

    Prospect p;
    const std::string base = slug(app->name);
    p.id = id ? *id : unique_id("prospect-" + (base.empty() ? "applicant" : base), taken);
    p.name = app->name;
    p.type = app->type;
    p.country = app->country;
    p.stage = Stage::Applied;
    p.expected_tier = app->tier;
    p.probability = 0.5;  // an application is half-way: staff adjust it after review
    p.next_action = "review the application";
    p.next_action_date = ctx.today;
    if (!app->contact_name.empty() || !app->contact_email.empty())
        p.notes = "Applied on " + ctx.today.iso() + " by " + app->contact_name +
                  (app->contact_email.empty() ? "" : " <" + app->contact_email + ">");
    p.application = *doc;
    const std::string summary = "Took in the application of " + p.name + " as prospect " + p.id + " (applied)";
    book.prospects.push_back(std::move(p));
    return applied(summary);
}

}  // namespace portal::detail
