// The public view's part of update(): the fit wizard and the join request.
// Validation and evaluation are the core's (application_from_json, evaluate); this file only
// turns wizard inputs into a portal-application/1 document and back.
#include <algorithm>
#include <cstdio>

#include "core/money.hpp"
#include "core/quote_html.hpp"
#include "ui/app_internal.hpp"

namespace portal::ui {

namespace {

const char* const kInterests[] = {"ec_vote", "ec_seat", "oc_seat", "trc_seat", "community_groups"};

bool known_interest(const std::string& s) {
    for (const char* i : kInterests) if (s == i) return true;
    return false;
}

// Numbers arrive from JS or ImGui as numbers or strings; anything else is refused.
bool to_int(const Json& v, std::int64_t* out) {
    if (v.is_number_integer()) { *out = v.get<std::int64_t>(); return true; }
    if (v.is_number_float()) return false;
    if (v.is_string()) {
        const std::string s = v.get<std::string>();
        if (s.empty() || s.size() > 12) return false;
        std::int64_t n = 0;
        for (char c : s) { if (c < '0' || c > '9') return false; n = n * 10 + (c - '0'); }
        *out = n;
        return true;
    }
    return false;
}

std::string percent_encode(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '_' || c == '.' || c == '~') {
            out += char(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

std::string slug(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += char(c);
        else if (c >= 'A' && c <= 'Z') out += char(c - 'A' + 'a');
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "organisation" : out;
}

}  // namespace

// [SECTION] Application document ------------------------------------------------------------------

Json wizard_application(const AppModel& m) {
    const WizardInputs& w = m.wizard;
    Json doc = {{"schema", kApplicationSchema}, {"name", w.name}, {"type", w.type}, {"country", w.country},
                {"usage", {{"conference_attendees", w.conference_attendees}, {"training_seats", w.training_seats}}},
                {"interests", w.interests}};
    if (w.commercial >= 0) doc["commercial"] = w.commercial == 1;
    const std::string tier = !w.tier.empty() ? w.tier : m.evaluation.recommended.value_or("");
    if (!tier.empty()) doc["tier"] = tier;
    if (!w.contact_name.empty()) doc["contact_name"] = w.contact_name;
    if (!w.contact_email.empty()) doc["contact_email"] = w.contact_email;
    return doc;
}

std::string join_mailto(const AppModel& m) {
    const WizardInputs& w = m.wizard;
    const OrgType* type = m.catalog.find_type(w.type);
    const bool commercial = w.commercial >= 0 ? w.commercial == 1 : (type && type->commercial);
    const std::string tier_id = !w.tier.empty() ? w.tier : m.evaluation.recommended.value_or("");
    const Tier* tier = m.catalog.find_tier(tier_id);
    std::string body = "Hello,\n\nWe would like to join the " + m.catalog.consortium.name + ".\n\n";
    body += "Organisation: " + w.name + "\n";
    body += "Type: " + (type ? type->label : w.type) + (commercial ? " (commercial)" : " (non-commercial)") + "\n";
    body += "Country: " + w.country + "\n";
    if (tier)
        body += "Tier requested: " + tier->label + " (" + format_money({tier->annual_fee, m.catalog.currency}) + " a year)\n";
    body += "Expected conference attendees a year: " + std::to_string(w.conference_attendees) + "\n";
    body += "Expected training seats a year: " + std::to_string(w.training_seats) + "\n";
    if (!w.interests.empty()) {
        body += "Interested in:";
        for (const auto& i : w.interests) body += " " + i;
        body += "\n";
    }
    if (!w.contact_name.empty() || !w.contact_email.empty())
        body += "Contact: " + w.contact_name + (w.contact_email.empty() ? "" : " <" + w.contact_email + ">") + "\n";
    body += "\nOur application file (portal-application/1) is attached.\n";
    const std::string subject = "Membership application: " + (w.name.empty() ? std::string("new member") : w.name);
    return "mailto:" + m.catalog.consortium.email + "?subject=" + percent_encode(subject) + "&body=" + percent_encode(body);
}

// [SECTION] Quote -----------------------------------------------------------------------------------

namespace {

// A pro-forma quote for the chosen tier (else the recommended one), valid 30 days from today,
// with the compare screen's currency as the indicative local equivalent: the core's quote_html,
// the same bytes as `portal-cli quote --application A --on TODAY [--currency C]`.
std::string quote_document(AppModel& m, const Json& a, const std::string& type) {
    refresh_wizard(m);
    Read<Application> app = read_application(wizard_application(m).dump(), m.catalog);
    if (!m.wizard_problems.empty() || !app.ok()) {
        m.wizard_checked = true;
        return "Complete the profile first: some answers are flagged.";
    }
    std::string tier = a.value("tier", Json("")).is_string() ? a.value("tier", std::string()) : std::string();
    if (tier.empty()) tier = app.value->tier.value_or("");
    if (tier.empty()) return "Choose a tier for the quote.";
    QuoteRequest request = quote_request_from(*app.value, today(m), 30, tier);
    if (m.compare_currency != m.catalog.currency) request.local_currency = m.compare_currency;
    QuoteResult q = quote_html(m.catalog, m.rates_ok ? &m.rates : nullptr, request);
    if (!q.problems.empty()) return "The quote cannot be made: " + q.problems.front().message + ".";
    const std::string name = "quote-" + tier + "-" + slug(m.wizard.name) + ".html";
    if (type == "quote.open") open_document(m, name, "quote", q.html);
    else offer_download(m, name, "text/html", q.html);
    return "";
}

}  // namespace

// [SECTION] Derived ---------------------------------------------------------------------------------

void refresh_wizard(AppModel& m) {
    m.evaluation = Evaluation{};
    m.stale.wizard = false;
    Json doc = wizard_application(m);
    doc.erase("tier");  // the tier chosen does not change the evaluation
    // Read from text, exactly as the downloaded file would be read (and because the reader
    // treats in-memory signed integers as negative: see the report).
    Read<Application> app = read_application(doc.dump(), m.catalog);
    m.wizard_problems = app.problems;
    if (!app.ok()) return;
    // The model's index when it is current (it always is once the book was refreshed).
    GovernanceContext ctx = m.index.org_by_id.size() == m.book.organisations.size()
                                ? context_from_book(m.book, m.catalog, today(m), m.index)
                                : context_from_book(m.book, m.catalog, today(m));
    m.evaluation = evaluate(subject_from_application(*app.value, m.catalog), m.catalog, &ctx);
}

void reset_public(AppModel& m) {
    m.wizard = WizardInputs{};
    m.wizard_step = 0;
    m.wizard_checked = false;
    m.compare_currency = m.rates.base;
    m.screen = Screen::Compare;
    m.messages.clear();
    refresh_wizard(m);
}

// [SECTION] update ----------------------------------------------------------------------------------

std::string update_wizard(AppModel& m, const Json& a, const std::string& type) {
    if (m.stale.wizard) refresh_wizard(m);  // quotes and join requests read the evaluation
    WizardInputs& w = m.wizard;
    if (type == "wizard.set") {
        const std::string field = a.value("field", "");
        const Json v = a.value("value", Json());
        auto text = [&](std::string* out) -> std::string {
            if (!v.is_string()) return "\"" + field + "\" takes a text value.";
            *out = v.get<std::string>();
            if (out->size() > 200) out->resize(200);
            return "";
        };
        std::string err;
        if (field == "name") err = text(&w.name);
        else if (field == "type") err = text(&w.type);
        else if (field == "country") {
            err = text(&w.country);
            for (char& c : w.country) if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
        }
        else if (field == "contact_name") err = text(&w.contact_name);
        else if (field == "contact_email") err = text(&w.contact_email);
        else if (field == "tier") err = text(&w.tier);
        else if (field == "commercial") {
            if (v.is_boolean()) w.commercial = v.get<bool>() ? 1 : 0;
            else if (v.is_null() || v == "auto") w.commercial = -1;
            else if (v == "yes") w.commercial = 1;
            else if (v == "no") w.commercial = 0;
            else err = "\"commercial\" is true, false or null (from the type).";
        } else if (field == "conference_attendees" || field == "training_seats") {
            std::int64_t n = 0;
            if (!to_int(v, &n) || n < 0 || n > 1000000) err = "\"" + field + "\" is a whole number from 0 to 1,000,000.";
            else (field == "training_seats" ? w.training_seats : w.conference_attendees) = n;
        } else if (field == "interests") {
            if (!v.is_array()) return "\"interests\" is a list.";
            std::vector<std::string> list;
            for (const auto& i : v) {
                if (!i.is_string() || !known_interest(i.get<std::string>())) return "Unknown interest in the list.";
                list.push_back(i.get<std::string>());
            }
            w.interests = list;
        } else {
            return "The wizard has no field \"" + field + "\".";
        }
        if (!err.empty()) return err;
    } else if (type == "wizard.toggle") {
        const std::string interest = a.value("interest", "");
        if (!known_interest(interest)) return "Unknown interest \"" + interest + "\".";
        auto it = std::find(w.interests.begin(), w.interests.end(), interest);
        if (it == w.interests.end()) w.interests.push_back(interest);
        else w.interests.erase(it);
    } else if (type == "wizard.step") {
        const int step = a.value("step", 0);
        refresh_wizard(m);
        if (step == 1) m.wizard_checked = true;
        if (step == 1 && !m.wizard_problems.empty()) {
            m.wizard_step = 0;
            m.screen = Screen::Wizard;
            return "Some answers need fixing: see the flagged fields.";
        }
        m.wizard_step = step == 1 ? 1 : 0;
        m.screen = Screen::Wizard;
        return "";
    } else if (type == "wizard.reset") {
        w = WizardInputs{};
        m.wizard_step = 0;
        m.wizard_checked = false;
    } else if (type == "join.download" || type == "join.email") {
        refresh_wizard(m);
        if (!m.wizard_problems.empty()) {
            m.wizard_checked = true;
            return "Complete the profile first: some answers are flagged.";
        }
        Read<Application> app = read_application(wizard_application(m).dump(), m.catalog);
        if (!app.ok()) return "Complete the profile first: some answers are flagged.";
        if (type == "join.download")
            offer_download(m, "application-" + slug(w.name) + ".json", "application/json",
                           application_to_json(*app.value).dump(2) + "\n");
        else
            m.effects.push_back({{"effect", "open_url"}, {"url", join_mailto(m)}});
        return "";
    } else if (type == "quote.open" || type == "quote.download") {
        return quote_document(m, a, type);
    } else {
        return "Unknown action \"" + type + "\".";
    }
    refresh_wizard(m);
    return "";
}

}  // namespace portal::ui
