// window.portal.state(): the current screen and the key computed values, for tests and for
// anyone scripting the page. Small on purpose: lists are cut to their first rows.
#include "ui/app_state.hpp"

#include "core/governance.hpp"

namespace portal::ui {

namespace {

Json problems_json(const Problems& ps) {
    Json out = Json::array();
    for (const auto& p : ps) out.push_back({{"pointer", p.pointer}, {"message", p.message}});
    return out;
}

Json decision_json(const Decision& d) {
    return {{"granted", d.granted}, {"rule", d.rule}, {"reason", d.reason}};
}

Json wizard_json(const AppModel& m) {
    const WizardInputs& w = m.wizard;
    Json tiers = Json::array();
    for (const auto& t : m.evaluation.tiers)
        tiers.push_back({{"tier", t.tier}, {"annual_fee", t.annual_fee.amount}, {"estimated_savings", t.estimated_savings.amount},
                         {"net_cost", t.net_cost.amount}, {"benefits", t.benefits}, {"ec_vote", decision_json(t.ec_vote)},
                         {"ec_seat", decision_json(t.ec_seat)}, {"oc_seat", decision_json(t.oc_seat)},
                         {"trc", decision_json(t.trc)}, {"community_groups", decision_json(t.community_groups)}});
    return {{"step", m.wizard_step}, {"inputs", wizard_application(m)}, {"commercial_choice", w.commercial},
            {"problems", problems_json(m.wizard_problems)},
            {"recommended", m.evaluation.recommended ? Json(*m.evaluation.recommended) : Json()},
            {"reasoning", m.evaluation.reasoning}, {"tiers", tiers}};
}

Json orgs_json(const AppModel& m) {
    Json rows = Json::array();
    for (std::size_t k = 0; k < m.filtered.size() && k < 20; ++k) {
        const auto i = m.filtered[k];
        const Organisation& o = m.book.organisations[i];
        rows.push_back({{"id", o.id}, {"name", o.name}, {"country", o.country}, {"tier", o.tier ? Json(*o.tier) : Json()},
                        {"status", i < m.org_status.size() ? to_string(m.org_status[i]) : "?"}});
    }
    return {{"filter", {{"text", m.filter.text}, {"status", m.filter.status}, {"tier", m.filter.tier},
                        {"sort_column", m.filter.sort_column}, {"descending", m.filter.sort_descending}}},
            {"count", m.filtered.size()}, {"rows", rows}};
}

Json invoices_json(const AppModel& m) {
    const Date on = today(m);
    Json counts = Json::object();
    Json overdue = Json::array();
    for (const Invoice& inv : m.book.invoices) {
        const InvoiceStatus s = invoice_status(inv, m.index, on);
        counts[to_string(s)] = counts.value(to_string(s), 0) + 1;
        if (s == InvoiceStatus::Overdue && overdue.size() < 20) overdue.push_back(inv.id);
    }
    Json selected;
    auto it = m.index.invoice_by_id.find(m.selected_invoice);
    if (it != m.index.invoice_by_id.end()) {
        const Invoice& inv = m.book.invoices[it->second];
        selected = {{"id", inv.id}, {"number", inv.number}, {"org", inv.org}, {"total", invoice_total(inv)},
                    {"paid", invoice_paid(inv, m.index)}, {"outstanding", invoice_outstanding(inv, m.index, on)},
                    {"status", to_string(invoice_status(inv, m.index, on))}};
    }
    return {{"count", m.book.invoices.size()}, {"by_status", counts}, {"overdue", overdue}, {"selected", selected},
            {"newest", m.book.invoices.empty() ? Json() : Json(m.book.invoices.back().id)}};
}

Json reminders_json(const AppModel& m) {
    Json drafts = Json::array();
    for (const ReminderDraft& d : m.reminders.drafts) {
        if (drafts.size() >= 20) break;
        drafts.push_back({{"invoice", d.invoice}, {"number", d.number}, {"org", d.org}, {"stage", d.stage},
                          {"amount_due", d.amount_due}, {"to", d.to.size()}, {"subject", d.subject}});
    }
    return {{"on", m.reminders.on.iso()}, {"count", m.reminders.drafts.size()}, {"drafts", drafts},
            {"skipped", m.reminders.skipped.size()}};
}

Json scenario_json(const AppModel& m) {
    const ScenarioResult& r = m.scenario_result;
    Json s = {{"doc", m.scenario_doc}, {"problems", problems_json(m.scenario_problems)}};
    if (m.scenario_problems.empty() && !r.tiers.empty()) s["result"] = scenario_result_to_json(r);
    return s;
}

}  // namespace

Json state_json(const AppModel& m) {
    Json tiers = Json::array();
    for (const auto& t : m.catalog.tiers) tiers.push_back(t.id);
    Json messages = Json::array();
    for (const auto& msg : m.messages) messages.push_back({{"level", msg.level}, {"text", msg.text}});
    Json last = {{"ok", m.last.ok}, {"type", m.last.type}, {"error", m.last.error}, {"summary", m.last.summary},
                 {"problems", problems_json(m.last.problems)}};
    Json s = {
        {"screen", to_string(m.screen)}, {"staff", m.staff}, {"kiosk", m.kiosk}, {"demo", m.demo},
        {"today", today(m).iso()},
        {"catalog", {{"currency", m.catalog.currency}, {"tiers", tiers}, {"benefits", m.catalog.benefits.size()},
                     {"problems", problems_json(m.catalog_problems)}, {"email", m.catalog.consortium.email}}},
        {"rates", {{"ok", m.rates_ok}, {"base", m.rates.base}, {"date", m.rates_ok ? m.rates.date.iso() : ""},
                   {"count", m.rates.rates.size()}}},
        {"compare", {{"currency", m.compare_currency}, {"differing", m.differing_benefits}}},
        {"wizard", wizard_json(m)},
        {"join", {{"mailto", join_mailto(m)}}},
        {"messages", messages}, {"last", last}, {"downloads", m.downloads}, {"opened", m.opened},
    };
    if (m.staff) {
        s["settings"] = {{"staff_name", m.settings.staff_name}, {"host_url", m.settings.host_url},
                         {"display_currency", m.settings.display_currency}, {"today", m.settings.today}};
        s["book"] = {{"version", m.book_version}, {"organisations", m.book.organisations.size()},
                     {"invoices", m.book.invoices.size()}, {"payments", m.book.payments.size()},
                     {"prospects", m.book.prospects.size()}, {"audit", m.book.audit.size()}};
        s["orgs"] = orgs_json(m);
        s["invoices"] = invoices_json(m);
        s["editor"] = {{"selected", m.selected_org}, {"new", m.org_draft_new}, {"draft", m.org_draft},
                       {"problems", problems_json(m.org_problems)}};
        s["renewal"] = {{"year", m.renewal_year ? m.renewal_year : today(m).year() + 1}, {"preview", m.renewal_preview.size()}};
        s["import"] = {{"name", m.import_name}, {"kind", m.import_kind}, {"ok", m.import_ok},
                       {"problems", problems_json(m.import_problems)}, {"prospect", m.intake_prospect},
                       {"duplicate", m.intake_duplicate}};
        s["reminders"] = reminders_json(m);
        s["scenario"] = scenario_json(m);
        s["governance"] = {{"violations", violations_to_json(m.violations)["violations"]}};
        s["report"] = {{"year", m.report.year}, {"members", m.report.totals.members},
                       {"invoiced", m.report.totals.revenue.invoiced}, {"collected", m.report.totals.revenue.collected},
                       {"outstanding", m.report.totals.revenue.outstanding}, {"overdue", m.report.totals.overdue}};
    }
    return s;
}

}  // namespace portal::ui
