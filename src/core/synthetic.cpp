// The seeded synthetic book generator (synthetic.hpp, docs/reports.md "Synthetic books").
//
// Names are built from invented place names (random syllables) and institution words in nine
// languages, so no generated organisation is a real one. Every random choice goes through one
// SyntheticRng in a fixed order: the same seed gives the same book everywhere.
#include "core/synthetic.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/invoices.hpp"
#include "core/rules.hpp"
#include "core/status.hpp"

namespace portal {

// [SECTION] Random numbers ---------------------------------------------------------------------

std::uint64_t SyntheticRng::next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

namespace {

// [SECTION] Words ------------------------------------------------------------------------------

enum Kind { kLibrary, kMuseum, kArchive, kUniversity, kResearch, kGovernment, kNonprofit, kCompany, kKinds };

struct Language {
    int weight;
    std::vector<std::string> countries;
    int script;  // 0 Latin, 1 Greek, 2 Cyrillic: which syllables make its place names
    std::vector<std::string> patterns[kKinds];  // "{P}" stands for the place name
};

const std::vector<Language>& languages() {
    static const std::vector<Language> all = {
        {30, {"GB", "US", "IE", "AU", "NZ", "CA", "ZA", "IN", "SE", "NO", "DK", "FI", "JP", "KR", "SG", "PL", "CZ", "EE"}, 0,
         {{"{P} City Library", "{P} Public Library", "{P} Library Service"},
          {"{P} Museum of Art", "{P} Museum of History", "{P} Gallery and Museum"},
          {"{P} Record Office", "{P} County Archives"},
          {"University of {P}", "{P} University", "{P} College of Arts"},
          {"{P} Institute for Digital Humanities", "{P} Centre for Image Research"},
          {"{P} Heritage Agency", "{P} Department of Culture"},
          {"{P} Heritage Trust", "{P} Manuscript Society", "Friends of {P} Collections"},
          {"{P} Imaging Ltd", "{P} Digital Inc.", "{P} Viewer Labs"}}},
        {12, {"FR", "BE", "CH", "CA", "LU", "SN", "MA"}, 0,
         {{"Bibliothèque municipale de {P}", "Médiathèque de {P}"},
          {"Musée des Beaux-Arts de {P}", "Musée d'histoire de {P}"},
          {"Archives municipales de {P}", "Archives départementales de {P}"},
          {"Université de {P}"},
          {"Institut d'études visuelles de {P}"},
          {"Direction du patrimoine de {P}"},
          {"Fondation {P}", "Association des amis de {P}"},
          {"{P} Numérique SAS", "Atelier {P} SARL"}}},
        {12, {"DE", "AT", "CH"}, 0,
         {{"Stadtbibliothek {P}", "Landesbibliothek {P}"},
          {"Museum {P}", "Landesmuseum {P}"},
          {"Stadtarchiv {P}"},
          {"Universität {P}", "Hochschule {P}"},
          {"Forschungsinstitut {P}"},
          {"Kulturamt {P}"},
          {"Stiftung {P}"},
          {"{P} Bildsysteme GmbH", "{P} Digital AG"}}},
        {10, {"ES", "MX", "AR", "CL", "CO", "PE", "UY"}, 0,
         {{"Biblioteca Pública de {P}"},
          {"Museo de {P}", "Museo de Arte de {P}"},
          {"Archivo Histórico de {P}"},
          {"Universidad de {P}"},
          {"Instituto de Investigación de {P}"},
          {"Secretaría de Cultura de {P}"},
          {"Fundación {P}"},
          {"{P} Digital S.L.", "Imágenes {P} S.A."}}},
        {8, {"IT", "SM"}, 0,
         {{"Biblioteca Civica di {P}"},
          {"Museo Civico di {P}"},
          {"Archivio Storico di {P}"},
          {"Università di {P}"},
          {"Istituto di Ricerca di {P}"},
          {"Soprintendenza di {P}"},
          {"Fondazione {P}"},
          {"{P} Immagini S.r.l."}}},
        {6, {"NL", "BE"}, 0,
         {{"Openbare Bibliotheek {P}"},
          {"Museum {P}"},
          {"Regionaal Archief {P}"},
          {"Universiteit {P}"},
          {"Instituut voor Beeldonderzoek {P}"},
          {"Gemeente {P} Erfgoed"},
          {"Stichting {P}"},
          {"{P} Digitaal B.V."}}},
        {7, {"PT", "BR"}, 0,
         {{"Biblioteca Municipal de {P}"},
          {"Museu de {P}"},
          {"Arquivo Histórico de {P}"},
          {"Universidade de {P}"},
          {"Instituto de Pesquisa de {P}"},
          {"Secretaria de Cultura de {P}"},
          {"Fundação {P}"},
          {"{P} Digital Ltda."}}},
        {7, {"GR", "CY"}, 1,
         {{"Δημοτική Βιβλιοθήκη {P}", "Βιβλιοθήκη {P}"},
          {"Μουσείο {P}", "Λαογραφικό Μουσείο {P}"},
          {"Ιστορικό Αρχείο {P}"},
          {"Πανεπιστήμιο {P}"},
          {"Ερευνητικό Ινστιτούτο {P}"},
          {"Υπηρεσία Πολιτισμού {P}"},
          {"Ίδρυμα {P}"},
          {"{P} Ψηφιακή Α.Ε."}}},
        {8, {"BG", "RS", "UA", "KZ", "MK"}, 2,
         {{"Библиотека {P}", "Народна библиотека {P}"},
          {"Музей {P}", "Исторически музей {P}"},
          {"Архив {P}"},
          {"Университет {P}"},
          {"Институт {P}"},
          {"Управление культуры {P}"},
          {"Фонд {P}"},
          {"{P} Дигитал ООД"}}},
    };
    return all;
}

// Syllables chosen so that three of them rarely make a real place; the institution words around
// them make a real organisation's name out of the question.
const std::vector<std::string> kLatinStart = {"Vel", "Kor", "Bri", "Zan", "Quel", "Thal", "Yor", "Nev", "Ostr", "Dra",
                                              "Ilv", "Mer", "Sor", "Fal", "Grav", "Lun", "Pel", "Tav", "Ebr", "Caz"};
const std::vector<std::string> kLatinMid = {"a", "e", "i", "o", "u", "ae", "io", "an", "er", "ol", "ü", "é"};
const std::vector<std::string> kLatinEnd = {"dane", "vik", "mont", "brisa", "ley", "stadt", "heim", "oria",
                                            "ville", "ac", "ène", "ón", "ora", "essa", "ith", "ana", "burg", "ås"};
const std::vector<std::string> kGreekStart = {"Κα", "Λε", "Μυ", "Πα", "Θε", "Ξα", "Δω", "Ρο", "Σι", "Φι"};
const std::vector<std::string> kGreekMid = {"λα", "ρι", "νο", "θε", "μι", "σο", "κυ", "δα"};
const std::vector<std::string> kGreekEnd = {"πολης", "νησίου", "χωρίου", "κάμπου", "βουνίου", "λιμένος"};
const std::vector<std::string> kCyrStart = {"Вер", "Гор", "Дуб", "Зар", "Кал", "Лис", "Мир", "Озер", "Руд", "Сос"};
const std::vector<std::string> kCyrMid = {"о", "а", "е", "и", "ян", "ов"};
const std::vector<std::string> kCyrEnd = {"вица", "поле", "дол", "ница", "ково", "ище", "ец"};

const std::vector<std::string> kFirst = {"Ana",   "Björn", "Chloé",  "Dimitra", "Élise", "Farid",  "Giulia", "Hana",
                                         "Iñigo", "Jana",  "Kofi",   "Léa",     "Mateo", "Nadia",  "Oskar",  "Priya",
                                         "Radu",  "Sofía", "Tomás",  "Una",     "Viktor", "Wen",   "Yusuf",  "Zoë",
                                         "Amara", "Bruno", "Céline", "Dario",   "Emre",  "Freya",  "Gaspard", "Ines"};
const std::vector<std::string> kLast = {"Almeida", "Bergström", "Carrasco", "Duval",   "Eriksen",  "Fontaine",
                                        "García",  "Horváth",   "Ivanova",  "Jansen",  "Kowalski", "Lindqvist",
                                        "Moreau",  "Novák",     "Okafor",   "Petrov",  "Quintero", "Rossi",
                                        "Schäfer", "Tanaka",    "Urquhart", "Vasquez", "Weber",    "Xu",
                                        "Yılmaz",  "Zieliński", "Abara",    "Brennan", "Costa",    "Delacroix"};
const std::vector<std::string> kDomains = {"example.org", "example.com", "example.net"};
const std::vector<std::string> kRoles = {"Membership contact", "Finance", "Technical lead", "Director",
                                         "Digital collections manager"};
const std::vector<std::string> kNotes = {
    "",
    "Prefers invoices by email with a purchase order number.",
    "Budget year starts in July: send the renewal invoice in June.",
    "Met at the annual conference; interested in the training programme.",
    "Asked how associate members nominate a TRC representative.",
    "Invoice must quote their VAT number.",
    "New director from next spring; keep the membership contact informed.",
    "Pays by bank transfer in two instalments.",
};
const std::vector<std::string> kMethods = {"bank transfer", "bank transfer", "bank transfer", "card", "cheque"};

std::string place_name(SyntheticRng& rng, int script) {
    // One pick per statement: the operands of + are evaluated in an unspecified order (GCC last
    // first, Clang first first); the committed demo book has GCC's order, so keep it everywhere.
    const auto& start = script == 1 ? kGreekStart : script == 2 ? kCyrStart : kLatinStart;
    const auto& mid = script == 1 ? kGreekMid : script == 2 ? kCyrMid : kLatinMid;
    const auto& end = script == 1 ? kGreekEnd : script == 2 ? kCyrEnd : kLatinEnd;
    const std::string& c = rng.pick(end);
    const std::string& b = rng.pick(mid);
    const std::string& a = rng.pick(start);
    return a + b + c;
}

bool contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

// The catalog's types are data: a type is matched to a kind of name by its id.
int kind_of(const std::string& type) {
    if (contains(type, "librar")) return kLibrary;
    if (contains(type, "museum")) return kMuseum;
    if (contains(type, "archiv")) return kArchive;
    if (contains(type, "univers") || contains(type, "college")) return kUniversity;
    if (contains(type, "research") || contains(type, "institute")) return kResearch;
    if (contains(type, "gov")) return kGovernment;
    if (contains(type, "nonprofit") || contains(type, "non_profit") || contains(type, "foundation")) return kNonprofit;
    if (contains(type, "company") || contains(type, "commercial") || contains(type, "business")) return kCompany;
    return -1;
}

int type_weight(const std::string& type) {
    static const int weights[kKinds] = {20, 15, 10, 20, 10, 5, 8, 12};
    int k = kind_of(type);
    return k < 0 ? 8 : weights[k];
}

std::size_t weighted(SyntheticRng& rng, const std::vector<int>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    std::int64_t r = rng.below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (r < weights[i]) return i;
        r -= weights[i];
    }
    return weights.size() - 1;
}

// Lower-case ASCII for an email's local part: accents folded, anything else dropped.
std::string ascii_fold(const std::string& s) {
    static const std::pair<const char*, char> folds[] = {
        {"á", 'a'}, {"à", 'a'}, {"ä", 'a'}, {"å", 'a'}, {"ç", 'c'}, {"é", 'e'}, {"è", 'e'}, {"ë", 'e'}, {"É", 'e'},
        {"í", 'i'}, {"ı", 'i'}, {"ñ", 'n'}, {"ń", 'n'}, {"ó", 'o'}, {"ö", 'o'}, {"ø", 'o'}, {"ú", 'u'}, {"ü", 'u'}};
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += static_cast<char>(c);
            else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
            ++i;
            continue;
        }
        bool done = false;
        for (const auto& [utf8, ascii] : folds) {
            std::size_t n = std::char_traits<char>::length(utf8);
            if (s.compare(i, n, utf8) == 0) {
                out += ascii;
                i += n;
                done = true;
                break;
            }
        }
        if (!done) {
            ++i;
            while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
        }
    }
    return out;
}

std::string padded(std::int64_t n, int width) {
    std::string s = std::to_string(n);
    return s.size() < static_cast<std::size_t>(width) ? std::string(width - s.size(), '0') + s : s;
}

Date random_date(SyntheticRng& rng, Date from, Date to) { return from.add_days(static_cast<int>(rng.below(days_between(from, to) + 1))); }

template <class T>
void shuffle(SyntheticRng& rng, std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<std::size_t>(rng.below(static_cast<std::int64_t>(i)))]);
}

// [SECTION] Generator state --------------------------------------------------------------------

struct Draft {
    Invoice invoice;                 // id and number assigned once every invoice is known
    std::vector<Payment> payments;   // invoice id filled in with it
    std::size_t seq = 0;             // creation order, to break ties on the issue date
};

struct Generator {
    const Catalog& catalog;
    const SyntheticOptions& o;
    SyntheticRng rng;
    Book book;
    std::set<std::string> names;
    std::vector<Draft> drafts;
    int width = 4;
    int first_year = 0, last_year = 0;

    std::string unique_name(const std::string& type, std::string& country) {
        const OrgType* t = catalog.find_type(type);
        const std::string label = t ? t->label : type;
        std::string name;
        for (int attempt = 0; attempt < 12; ++attempt) {
            name = synthetic_org_name(rng, type, label, country);
            if (names.insert(name).second) return name;
        }
        for (int k = 2;; ++k)  // a big book runs out of short names: number the rest
            if (names.insert(name + " " + std::to_string(k)).second) return name + " " + std::to_string(k);
    }

    std::string person(Contact* contact) {
        std::string first = rng.pick(kFirst), last = rng.pick(kLast);
        if (contact) contact->email = ascii_fold(first) + "." + ascii_fold(last) + "@" + rng.pick(kDomains);
        return first + " " + last;
    }

    std::string pick_type(const std::vector<int>& weights, std::size_t i) {
        if (catalog.org_types.empty()) return "organisation";
        if (i < catalog.org_types.size()) return catalog.org_types[i].id;  // every type at least once
        return catalog.org_types[weighted(rng, weights)].id;
    }

    // Payments for one invoice, as the organisation behaves; none dated after today.
    void pay(Draft& d, std::int64_t amount, bool may_default) {
        const Invoice& inv = d.invoice;
        const int terms = catalog.invoicing.payment_terms_days;
        std::int64_t roll = rng.below(1000);
        auto add = [&](Date when, std::int64_t a) {
            if (when > o.today || a <= 0) return;
            Payment p;
            p.date = when;
            p.amount = a;
            p.method = rng.pick(kMethods);
            d.payments.push_back(std::move(p));
        };
        if (may_default && roll < o.unpaid_per_mille) return;
        roll -= may_default ? o.unpaid_per_mille : 0;
        if (roll >= 0 && roll < o.partial_per_mille) {
            std::int64_t first = scale_rounded(amount, rng.between(30, 70), 100);
            Date first_date = inv.issued.add_days(static_cast<int>(rng.between(5, terms + 10)));
            add(first_date, first);
            if (!may_default || rng.chance(500)) add(first_date.add_days(static_cast<int>(rng.between(20, 80))), amount - first);
            return;
        }
        bool late = rng.chance(o.late_per_mille);
        add(inv.issued.add_days(static_cast<int>(late ? rng.between(terms + 1, terms + 60) : rng.between(2, terms))), amount);
    }

    Draft& new_draft(const Organisation& org, Date issued, Date due_from) {
        Draft d;
        d.seq = drafts.size();
        d.invoice.org = org.id;
        d.invoice.issued = issued;
        d.invoice.due = due_from.add_days(catalog.invoicing.payment_terms_days);
        d.invoice.currency = catalog.currency;
        d.invoice.state = InvoiceState::Sent;
        drafts.push_back(std::move(d));
        return drafts.back();
    }

    // [SECTION] Organisations and their invoices

    void organisation(std::size_t i, const std::vector<int>& type_weights, const std::vector<int>& tier_weights) {
        Organisation org;
        org.id = "org-" + padded(static_cast<std::int64_t>(i + 1), width);
        org.type = pick_type(type_weights, i);
        org.name = unique_name(org.type, org.country);
        bool member = !catalog.tiers.empty() && rng.chance(o.member_per_mille);
        if (member) {
            org.tier = catalog.tiers[weighted(rng, tier_weights)].id;
            Date window_start = Date::from_ymd(first_year, 1, 1);
            org.member_since = rng.chance(o.joined_in_window_per_mille)
                                   ? random_date(rng, window_start, std::max(window_start, o.today.add_days(-7)))
                                   : random_date(rng, Date::from_ymd(first_year - 10, 1, 1), window_start.add_days(-1));
            org.listed = rng.chance(o.listed_per_mille);
        }
        int contacts = static_cast<int>(rng.between(1, 3));
        for (int c = 0; c < contacts; ++c) {
            Contact contact;
            contact.name = person(&contact);
            contact.role = c == 0 ? kRoles[0] : rng.pick(kRoles);
            org.contacts.push_back(std::move(contact));
        }
        org.notes = rng.pick(kNotes);
        org.updated = o.today.iso() + "T09:00:00Z";
        if (member) membership_invoices(org);
        other_invoices(org);
        book.organisations.push_back(std::move(org));
    }

    void membership_invoices(Organisation& org) {
        const Tier& tier = *catalog.find_tier(*org.tier);
        const Date since = *org.member_since;
        const int grace = catalog.rules.grace_days;
        for (int y = std::max(first_year, since.year()); y <= last_year; ++y) {
            Date issued = since.year() == y ? since : Date::from_ymd(y, 1, static_cast<unsigned>(rng.between(2, 20)));
            if (issued > o.today) break;
            std::int64_t amount = prorated_fee(tier.annual_fee, catalog.invoicing.proration, since, y);
            std::string description = (tier.label.empty() ? tier.id : tier.label) + " " + std::to_string(y);
            if (amount != tier.annual_fee) description += " (prorated from " + since.iso().substr(0, 7) + ")";
            if (rng.chance(o.void_per_mille)) {
                // Issued with a mistake, voided, reissued a few days later (same year, not after today).
                Draft& v = new_draft(org, issued, issued);
                v.invoice.state = InvoiceState::Void;
                v.invoice.membership_year = y;
                v.invoice.tier = tier.id;
                v.invoice.lines.push_back({description + " (wrong billing address)", amount, Json::object()});
                Date again = issued.add_days(static_cast<int>(rng.between(1, 10)));
                if (again.year() == y && again <= o.today) issued = again;
            }
            Draft& d = new_draft(org, issued, issued);
            d.invoice.membership_year = y;
            d.invoice.tier = tier.id;
            d.invoice.lines.push_back({description, amount, Json::object()});
            pay(d, amount, true);
            std::int64_t paid = 0;
            for (const Payment& p : d.payments) paid += p.amount;
            Date lapse = d.invoice.due.add_days(grace);
            if (paid < amount && lapse < o.today) {
                // Past grace: the membership lapses; half the time staff recorded a cancellation.
                if (rng.chance(o.cancel_per_mille)) {
                    Date when = lapse.add_days(static_cast<int>(rng.between(1, 60)));
                    if (when <= o.today) org.cancelled_on = when;
                }
                org.listed = false;
                break;
            }
        }
    }

    // Workshop and training invoices: no tier, always settled within grace so they never lapse anyone.
    void other_invoices(const Organisation& org) {
        for (int y = first_year; y <= last_year; ++y) {
            // The autumn's workshops are the ones still open today: they fill the younger aging buckets.
            const bool recent = y == last_year;
            if (!rng.chance(recent ? 3 * o.other_invoice_per_mille : o.other_invoice_per_mille)) continue;
            Date end = std::min(o.today, Date::from_ymd(y, 12, 31));
            Date start = recent ? std::max(Date::from_ymd(y, 1, 1), o.today.add_days(-100)) : Date::from_ymd(y, 1, 1);
            Date issued = random_date(rng, start, end);
            std::int64_t seats = rng.between(1, 6);
            Draft& d = new_draft(org, issued, issued);
            d.invoice.lines.push_back({"Training workshop, " + std::to_string(seats) + " seats", seats * 15000, Json::object()});
            pay(d, seats * 15000, false);
        }
    }

    void number_invoices() {
        std::sort(drafts.begin(), drafts.end(), [](const Draft& a, const Draft& b) {
            return a.invoice.issued != b.invoice.issued ? a.invoice.issued < b.invoice.issued : a.seq < b.seq;
        });
        std::map<int, int> last;
        std::vector<Payment> payments;
        book.invoices.reserve(drafts.size());
        for (Draft& d : drafts) {
            int year = d.invoice.issued.year();
            d.invoice.number = format_invoice_number(catalog.invoicing.prefix, year, ++last[year]);
            d.invoice.id = "inv-" + d.invoice.number;
            for (Payment& p : d.payments) {
                p.invoice = d.invoice.id;
                payments.push_back(std::move(p));
            }
            book.invoices.push_back(std::move(d.invoice));
        }
        drafts.clear();
        std::stable_sort(payments.begin(), payments.end(), [](const Payment& a, const Payment& b) { return a.date < b.date; });
        for (std::size_t i = 0; i < payments.size(); ++i) payments[i].id = "pay-" + padded(static_cast<std::int64_t>(i + 1), 6);
        book.payments = std::move(payments);
    }

    // [SECTION] Committees

    Seat seat(const char* committee, std::size_t n, const Organisation& org, Date start, std::optional<Date> end,
              const char* prefer_role) {
        Seat s;
        s.id = std::string(committee) + "-" + padded(static_cast<std::int64_t>(n), 4);
        s.org = org.id;
        s.person = org.contacts.front().name;
        for (const Contact& c : org.contacts)
            if (c.role == prefer_role) s.person = c.name;
        s.term_start = start;
        s.term_end = end;
        return s;
    }

    void committees() {
        BookIndex index = index_book(book);
        std::vector<const Organisation*> ec_pool, oc_pool, trc_full, trc_assoc, former;
        for (const Organisation& org : book.organisations) {
            if (!org.tier) continue;
            former.push_back(&org);
            const Tier* t = catalog.find_tier(*org.tier);
            if (!t || !in_good_standing(membership_status(org, book, index, catalog, o.today))) continue;
            if (t->rights.ec_seat) ec_pool.push_back(&org);
            if (t->rights.oc_seat) oc_pool.push_back(&org);
            if (t->rights.trc == TrcMode::Seat) trc_full.push_back(&org);
            if (t->rights.trc == TrcMode::Nominate) trc_assoc.push_back(&org);
        }
        auto term_start = [&] { return o.today.add_days(-static_cast<int>(rng.between(30, 700))); };
        // Past terms, ended before today: history that the governance check ignores.
        shuffle(rng, former);
        for (std::size_t i = 0; i < former.size() && i < 5; ++i) {
            Date start = o.today.add_days(-static_cast<int>(rng.between(3 * 365 + 30, 6 * 365)));
            Date end = start.add_years(3).add_days(-1);
            auto& list = i < 3 ? book.committees.ec : book.committees.oc;
            list.push_back(seat(i < 3 ? "ec" : "oc", list.size() + 1, *former[i], start, end, "Director"));
        }
        // EC: full-seat members; commercial ones kept below the cap so a commercial seat stays free.
        shuffle(rng, ec_pool);
        const int cap = catalog.rules.ec_commercial_seat_cap;
        int commercial_left = cap > 1 ? cap - 1 : std::max(cap, 0);
        int ec = 0;
        for (const Organisation* org : ec_pool) {
            if (ec >= 9) break;
            if (is_commercial(*org, catalog)) {
                if (commercial_left == 0) continue;
                --commercial_left;
            }
            Date start = term_start();
            book.committees.ec.push_back(seat("ec", book.committees.ec.size() + 1, *org, start, start.add_years(3).add_days(-1), "Director"));
            ++ec;
        }
        shuffle(rng, oc_pool);
        for (std::size_t i = 0; i < oc_pool.size() && i < 5; ++i) {
            Date start = term_start();
            book.committees.oc.push_back(seat("oc", book.committees.oc.size() + 1, *oc_pool[i], start, start.add_years(3).add_days(-1), "Digital collections manager"));
        }
        // TRC: every full member is represented; associates fill two thirds of their share.
        for (const Organisation* org : trc_full)
            book.committees.trc.push_back(seat("trc", book.committees.trc.size() + 1, *org, term_start(), std::nullopt, "Technical lead"));
        shuffle(rng, trc_assoc);
        std::int64_t places = rules::associate_trc_cap(static_cast<std::int64_t>(trc_assoc.size()), catalog.rules.associate_trc_share);
        std::int64_t take = places * 2 / 3;
        for (std::int64_t i = 0; i < take && i < static_cast<std::int64_t>(trc_assoc.size()); ++i) {
            Date start = term_start();
            book.committees.trc.push_back(seat("trc", book.committees.trc.size() + 1, *trc_assoc[static_cast<std::size_t>(i)], start, start.add_years(2).add_days(-1), "Technical lead"));
        }
    }

    // [SECTION] Pipeline

    void prospects(const std::vector<int>& type_weights) {
        static const Stage stages[] = {Stage::Identified, Stage::Contacted, Stage::Interested,
                                       Stage::Applied,    Stage::Joined,    Stage::Declined};
        static const std::vector<int> stage_weights = {25, 25, 20, 12, 8, 10};
        static const int low[] = {1, 3, 6, 12, 20, 0}, high[] = {3, 6, 10, 18, 20, 0};  // in twentieths
        static const char* actions[] = {"Send an introduction email", "Follow up after the first call",
                                        "Send the tier comparison", "Confirm the tier and issue the first invoice",
                                        "", ""};
        static const std::vector<std::string> notes = {"", "Met at the annual conference.",
                                                       "Board decides on memberships in March.",
                                                       "Wants a quote in their own currency."};
        int n = o.prospects >= 0 ? o.prospects : std::max(6, o.organisations / 4);
        for (int i = 0; i < n; ++i) {
            Prospect p;
            p.id = "pr-" + padded(i + 1, width);
            std::size_t s = i < 6 ? static_cast<std::size_t>(i) : weighted(rng, stage_weights);
            p.stage = stages[s];
            p.type = pick_type(type_weights, catalog.org_types.size());
            p.name = unique_name(p.type, p.country);
            if (!catalog.tiers.empty()) p.expected_tier = rng.pick(catalog.tiers).id;
            p.probability = static_cast<double>(rng.between(low[s], high[s])) / 20.0;
            p.next_action = actions[s];
            if (s < 4) p.next_action_date = o.today.add_days(static_cast<int>(rng.between(1, 45)));
            p.notes = rng.pick(notes);
            p.application = nullptr;
            book.prospects.push_back(std::move(p));
        }
    }
};

}  // namespace

// [SECTION] Public API -------------------------------------------------------------------------

std::string synthetic_org_name(SyntheticRng& rng, const std::string& type, const std::string& type_label,
                               std::string& country) {
    const auto& langs = languages();
    std::vector<int> weights;
    for (const Language& l : langs) weights.push_back(l.weight);
    const Language& lang = langs[weighted(rng, weights)];
    country = rng.pick(lang.countries);
    std::string place = place_name(rng, lang.script);
    int k = kind_of(type);
    std::string pattern = k < 0 ? "{P} " + type_label : rng.pick(lang.patterns[k]);
    std::size_t at = pattern.find("{P}");
    return pattern.replace(at, 3, place);
}

Book generate_book(const Catalog& catalog, const SyntheticOptions& options) {
    Generator g{catalog, options, SyntheticRng(options.seed), {}, {}, {}, 4, 0, 0};
    const int n = std::max(0, options.organisations);
    g.width = std::max<int>(4, static_cast<int>(std::to_string(std::max(n, options.prospects)).size()));
    g.last_year = options.today.year();
    g.first_year = g.last_year - std::max(1, options.years) + 1;

    std::vector<int> type_weights, tier_weights;
    for (const OrgType& t : catalog.org_types) type_weights.push_back(type_weight(t.id));
    // Full-style tiers (with an EC vote) are the smaller share of members, as in the consortium.
    int voting = 0;
    for (const Tier& t : catalog.tiers) voting += t.rights.ec_vote ? 1 : 0;
    for (const Tier& t : catalog.tiers)
        tier_weights.push_back(t.rights.ec_vote ? 35 : std::max(1, 65 / std::max<int>(1, static_cast<int>(catalog.tiers.size()) - voting)));

    g.book.organisations.reserve(static_cast<std::size_t>(n));
    g.drafts.reserve(static_cast<std::size_t>(n) * static_cast<std::size_t>(std::max(1, options.years)));
    for (int i = 0; i < n; ++i) g.organisation(static_cast<std::size_t>(i), type_weights, tier_weights);
    g.number_invoices();
    if (options.committees) g.committees();
    g.prospects(type_weights);
    return std::move(g.book);
}

}  // namespace portal
