// Reminder planning and email encoding (reminders.hpp).
#include "core/reminders.hpp"

#include "core/text_rules.hpp"

#include <algorithm>
#include <cctype>

#include "core/status.hpp"

namespace portal {

// [SECTION] Stages -----------------------------------------------------------------------------

std::vector<ReminderStage> reminder_stages(const Catalog& catalog) {
    std::vector<ReminderStage> out{{"renewal", "Renewal notice", 0}};
    const std::vector<int>& days = catalog.invoicing.reminder_days;
    for (std::size_t i = 0; i < days.size(); ++i) {
        const bool last = i + 1 == days.size() && days.size() > 1;
        if (last) out.push_back({"final", "Final notice", days[i]});
        else if (i == 0) out.push_back({"first", "First reminder", days[i]});
        else if (i == 1) out.push_back({"second", "Second reminder", days[i]});
        else out.push_back({"reminder-" + std::to_string(i + 1), "Reminder " + std::to_string(i + 1), days[i]});
    }
    return out;
}

// [SECTION] Planning ---------------------------------------------------------------------------

namespace {

bool recorded(const Invoice& inv, const std::string& stage) {
    return std::find(inv.reminders_sent.begin(), inv.reminders_sent.end(), stage) != inv.reminders_sent.end();
}

std::string join_names(const std::vector<EmailAddress>& to) {
    std::vector<std::string> names;
    for (const EmailAddress& a : to)
        if (!a.name.empty() && std::find(names.begin(), names.end(), a.name) == names.end()) names.push_back(a.name);
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
    return out;
}

std::string days_text(int n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

void write_body(ReminderDraft& r, const Invoice& inv, const Catalog& catalog, std::int64_t total, std::int64_t paid) {
    const ConsortiumDetails& c = catalog.consortium;
    auto money = [&](std::int64_t v) { return format_money({v, inv.currency}); };
    const std::string names = join_names(r.to);
    std::string b = "Dear " + (names.empty() ? "colleagues at " + r.org_name : names) + ",\n\n";
    const std::string year = inv.membership_year ? std::to_string(*inv.membership_year) : "";
    if (r.stage == "renewal") {
        b += "Thank you for your membership of the " + c.name + ". Your membership" +
             (year.empty() ? "" : " for " + year) + " is due for renewal: invoice " + r.number + " was issued on " +
             inv.issued.iso() + " and is due on " + inv.due.iso() + ".\n";
    } else if (r.stage == "final") {
        b += "This is a final notice: invoice " + r.number + ", due on " + inv.due.iso() + ", is " +
             days_text(r.days_past_due) + " overdue.";
        if (inv.membership_year) {
            const Date lapse = inv.due.add_days(catalog.rules.grace_days);
            b += lapse > r.due.add_days(r.days_past_due)
                     ? " Membership rights, including voting and committee seats, lapse on " + lapse.iso() +
                           " if it remains unpaid."
                     : " Membership rights, including voting and committee seats, have lapsed since " + lapse.iso() +
                           " and return once it is paid.";
        }
        b += "\n";
    } else if (r.stage == "first") {
        b += "Our records show that invoice " + r.number + ", due on " + inv.due.iso() + ", is now " +
             days_text(r.days_past_due) + " overdue. We would be grateful if you could arrange payment.\n";
    } else {
        b += "This is a further reminder that invoice " + r.number + ", due on " + inv.due.iso() +
             ", remains unpaid " + days_text(r.days_past_due) + " after its due date.\n";
    }
    b += "\nInvoice number: " + r.number + "\nIssued: " + inv.issued.iso() + "\nDue date: " + inv.due.iso() +
         "\nInvoice total: " + money(total) + "\nAmount paid: " + money(paid) + "\nAmount due: " + money(r.amount_due) +
         "\n";
    if (!c.payment_instructions.empty()) b += "\nHow to pay:\n" + c.payment_instructions + "\n";
    b += "\nIf you have already paid, thank you, and please disregard this message.\n\nKind regards,\n" + c.name + "\n";
    if (!c.email.empty()) b += c.email + "\n";
    r.body = std::move(b);
}

std::string subject_for(const ReminderDraft& r, const Invoice& inv, const Catalog& catalog) {
    const std::string who = catalog.consortium.name.empty() ? "Membership" : catalog.consortium.name;
    if (r.stage == "renewal")
        return who + " membership renewal" +
               (inv.membership_year ? " " + std::to_string(*inv.membership_year) : std::string()) + ": invoice " +
               r.number;
    if (r.stage == "first") return "Reminder: invoice " + r.number + " is overdue";
    if (r.stage == "second") return "Second reminder: invoice " + r.number + " is overdue";
    if (r.stage == "final") return "Final notice: invoice " + r.number + " is overdue";
    return "Reminder: invoice " + r.number + " is overdue";
}

}  // namespace

ReminderPlan plan_reminders(const Catalog& catalog, const Book& book, Date on) {
    return plan_reminders(catalog, book, on, index_book(book));
}

ReminderPlan plan_reminders(const Catalog& catalog, const Book& book, Date on, const BookIndex& index) {
    ReminderPlan plan;
    plan.on = on;
    const std::vector<ReminderStage> stages = reminder_stages(catalog);
    for (const Invoice& inv : book.invoices) {
        if (inv.state != InvoiceState::Sent || inv.issued > on) continue;
        const std::int64_t left = invoice_outstanding(inv, index, on);
        if (left <= 0) continue;
        auto org_it = index.org_by_id.find(inv.org);
        const Organisation* org = org_it == index.org_by_id.end() ? nullptr : &book.organisations[org_it->second];
        const int late = days_between(inv.due, on);

        // The stage reached today: the renewal notice before the due date, else the latest overdue one.
        std::size_t reached = stages.size();
        if (late <= 0) {
            const bool cancelled = org && org->cancelled_on && *org->cancelled_on <= on;
            if (inv.membership_year && !cancelled) reached = 0;
        } else {
            for (std::size_t i = 1; i < stages.size(); ++i)
                if (late >= stages[i].days) reached = i;
        }
        if (reached == stages.size()) continue;
        bool done = false;  // this stage or a later one was already sent
        for (std::size_t i = reached; i < stages.size(); ++i) done = done || recorded(inv, stages[i].id);
        if (done) continue;

        ReminderDraft r;
        r.invoice = inv.id;
        r.number = inv.number;
        r.org = inv.org;
        r.org_name = org ? org->name : inv.org;
        r.stage = stages[reached].id;
        r.days_past_due = std::max(0, late);
        r.due = inv.due;
        r.amount_due = left;
        r.currency = inv.currency;
        if (org)
            for (const Contact& c : org->contacts)
                if (is_plain_email(c.email)) r.to.push_back({c.name, c.email});
        if (r.to.empty()) {
            plan.skipped.push_back({inv.id, inv.org, r.stage + " reminder due but no contact has a usable email address"});
            continue;
        }
        r.subject = subject_for(r, inv, catalog);
        write_body(r, inv, catalog, invoice_total(inv), invoice_paid_as_of(inv, index, on));
        plan.drafts.push_back(std::move(r));
    }
    return plan;
}

Json reminder_record_action(const ReminderDraft& draft) {
    return Json{{"type", "reminder.record"}, {"invoice", draft.invoice}, {"stage", draft.stage}};
}

Json reminder_plan_to_json(const ReminderPlan& plan) {
    Json drafts = Json::array();
    for (const ReminderDraft& r : plan.drafts) {
        Json to = Json::array();
        for (const EmailAddress& a : r.to) to.push_back(Json{{"name", a.name}, {"email", a.email}});
        drafts.push_back(Json{{"invoice", r.invoice}, {"number", r.number}, {"org", r.org}, {"org_name", r.org_name},
                              {"stage", r.stage}, {"days_past_due", r.days_past_due}, {"due", r.due.iso()},
                              {"amount_due", r.amount_due}, {"currency", r.currency}, {"to", std::move(to)},
                              {"subject", r.subject}, {"body", r.body},
                              {"mailto", mailto_url(r.to, r.subject, r.body)}});
    }
    Json skipped = Json::array();
    for (const ReminderSkip& s : plan.skipped)
        skipped.push_back(Json{{"invoice", s.invoice}, {"org", s.org}, {"reason", s.reason}});
    return Json{{"on", plan.on.iso()}, {"drafts", std::move(drafts)}, {"skipped", std::move(skipped)}};
}

// [SECTION] Email encoding ---------------------------------------------------------------------

namespace {

std::string one_line(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c == '\r' || c == '\n' || c == '\0') c = ' ';
    return neutralise_text(out, false);
}

// RFC 5322 section 2.1.1: a line is at most 998 characters and should be at most 78. A long
// header is folded at spaces (a continuation line starts with a space); a run of 998 characters
// without one is cut there (never inside a UTF-8 sequence).
std::string fold_line(std::string_view line, std::size_t prefer, const char* continuation) {
    constexpr std::size_t kMax = 998;
    std::string out;
    while (line.size() > prefer) {
        std::size_t cut = line.rfind(' ', prefer);
        if (cut == std::string_view::npos || cut == 0) {
            cut = line.find(' ', prefer);
            if (cut == std::string_view::npos || cut > kMax) {
                cut = std::min(line.size(), kMax - 1);
                while (cut > 0 && cut < line.size() && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
            }
        }
        if (cut >= line.size()) break;
        out.append(line.substr(0, cut));
        out += continuation;
        line.remove_prefix(cut);
    }
    out.append(line);
    return out;
}

// "Name: value" folded line by line (the value may already hold folds, "\r\n ").
std::string header(const char* name, std::string_view value) {
    const std::string whole = std::string(name) + ": " + std::string(value);
    std::string out;
    for (std::size_t start = 0;;) {
        std::size_t end = whole.find("\r\n", start);
        out += fold_line(std::string_view(whole).substr(start, end == std::string::npos ? std::string::npos : end - start), 78,
                         "\r\n");
        out += "\r\n";
        if (end == std::string::npos) break;
        start = end + 2;
    }
    return out;
}

bool plain_ascii(std::string_view text) {
    for (unsigned char c : text)
        if (c < 0x20 || c > 0x7E) return false;
    // "=?" would be read as the start of an encoded-word.
    return text.find("=?") == std::string_view::npos;
}

std::string base64(std::string_view bytes) {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
        out += k[(n >> 18) & 63];
        out += k[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? k[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? k[n & 63] : '=';
    }
    return out;
}

}  // namespace

bool is_plain_email(std::string_view email) {
    const std::size_t at = email.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= email.size() || email.find('@', at + 1) != std::string_view::npos)
        return false;
    for (unsigned char c : email)
        if (c <= 0x20 || c == 0x7F || std::string_view("<>(),;:\"[]\\").find(static_cast<char>(c)) != std::string_view::npos)
            return false;
    return true;
}

std::string encode_header_text(std::string_view raw) {
    const std::string text = one_line(raw);
    // Plain ASCII stays as it is unless it is too long to fold at spaces: encoded words are short.
    if (plain_ascii(text) && text.size() <= 900) return text;
    // 45 bytes -> 60 base64 characters + 12 of "=?UTF-8?B?" and "?=" = 72 <= 75; never split a
    // UTF-8 sequence across two words (RFC 2047 section 5).
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = std::min(text.size(), i + 45);
        while (end < text.size() && end > i && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        if (end == i) end = std::min(text.size(), i + 45);
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(std::string_view(text).substr(i, end - i)) + "?=";
        i = end;
    }
    return out;
}

std::string format_address(const EmailAddress& a) {
    const std::string email = one_line(a.email);
    const std::string name = one_line(a.name);
    if (name.empty()) return email;
    std::string phrase;
    if (!plain_ascii(name) || name.size() > 900) {
        phrase = encode_header_text(name);
    } else if (name.find_first_of("()<>[]:;@\\,.\"") != std::string::npos) {
        phrase = "\"";
        for (char c : name) {
            if (c == '"' || c == '\\') phrase += '\\';
            phrase += c;
        }
        phrase += "\"";
    } else {
        phrase = name;
    }
    return phrase + " <" + email + ">";
}

std::string rfc5322_date(Date on) {
    static const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // 1970-01-01 was a Thursday
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int wd = ((on.days % 7) + 7) % 7;
    std::string day = std::to_string(on.day());
    if (day.size() < 2) day.insert(0, "0");
    return std::string(kDays[wd]) + ", " + day + " " + kMonths[on.month() - 1] + " " + std::to_string(on.year()) +
           " 09:00:00 +0000";
}

std::string eml_message(const ReminderDraft& draft, const ConsortiumDetails& from, Date on) {
    auto token = [](std::string_view s) {
        std::string out;
        for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') ? c : '-';
        return out;
    };
    const std::size_t at = from.email.find('@');
    const std::string domain = at == std::string::npos ? "portal.invalid" : token(from.email.substr(at + 1));
    std::string to;
    for (const EmailAddress& a : draft.to) to += (to.empty() ? "" : ",\r\n ") + format_address(a);
    std::string m;
    m += header("From", format_address({from.name, from.email}));
    m += header("To", to);
    m += header("Subject", encode_header_text(draft.subject));
    m += "Date: " + rfc5322_date(on) + "\r\n";
    m += "Message-ID: <reminder-" + token(draft.invoice) + "-" + token(draft.stage) + "-" + on.iso() + "@" + domain + ">\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: text/plain; charset=utf-8\r\n";
    m += "Content-Transfer-Encoding: 8bit\r\n";
    m += header("X-Portal-Invoice", encode_header_text(draft.number));
    m += header("X-Portal-Reminder-Stage", encode_header_text(draft.stage));
    m += "\r\n";
    // Body lines past 998 characters are broken (at a space when there is one).
    std::string body = neutralise_text(draft.body, true);
    for (std::size_t k = 0; k + 1 < body.size(); ++k)
        if (body[k] == '\r' && body[k + 1] != '\n') body[k] = ' ';  // no bare CR in a message
    std::size_t start = 0;
    while (start <= body.size()) {
        std::size_t end = body.find('\n', start);
        if (end == std::string::npos) end = body.size();
        std::string_view line = std::string_view(body).substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        m += fold_line(line, 998, "\r\n");
        if (end < body.size()) m += "\r\n";
        start = end + 1;
    }
    if (m.size() < 2 || m.compare(m.size() - 2, 2, "\r\n") != 0) m += "\r\n";
    return m;
}

std::string percent_encode(std::string_view text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) && c < 128) out += static_cast<char>(c);
        else if (c == '-' || c == '.' || c == '_' || c == '~') out += static_cast<char>(c);
        else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string mailto_url(const std::vector<EmailAddress>& to, std::string_view subject, std::string_view body) {
    std::string out = "mailto:";
    for (std::size_t i = 0; i < to.size(); ++i) {
        if (i) out += ',';
        std::string addr = percent_encode(to[i].email);
        // '@' may stay literal in the address part (RFC 6068 section 2).
        for (std::size_t p = addr.find("%40"); p != std::string::npos; p = addr.find("%40", p + 1)) addr.replace(p, 3, "@");
        out += addr;
    }
    std::string crlf_body;
    for (char c : body) {
        if (c == '\r') continue;
        if (c == '\n') crlf_body += "\r\n";
        else crlf_body += c;
    }
    char sep = '?';
    if (!subject.empty()) out += std::string(1, sep) + "subject=" + percent_encode(subject), sep = '&';
    if (!crlf_body.empty()) out += std::string(1, sep) + "body=" + percent_encode(crlf_body);
    return out;
}

}  // namespace portal
