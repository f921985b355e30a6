// portal-cli compare: the tiers side by side (benefits x tiers with the seed's wording, fees,
// local-currency equivalents, what differs marked), as a text table or an accessible HTML page
// (shipped as dist/compare.html).
//
// [SECTION] The comparison as rows
// [SECTION] Text
// [SECTION] HTML
// [SECTION] Command
#include <algorithm>
#include <sstream>

#include "cli/book_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/money.hpp"

namespace portal::cli {
namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] The comparison as rows
// ---------------------------------------------------------------------------------------------

struct Row {
    std::string label;
    std::vector<std::string> cells;  // one per tier
    bool differs = false;
};

struct Comparison {
    std::string title;
    std::vector<std::string> tiers;  // labels
    std::vector<Row> money;          // fees and local equivalents
    std::vector<Row> benefits;
    std::vector<Row> rights;
    std::vector<std::string> notes;
};

Row make_row(std::string label, std::vector<std::string> cells) {
    Row r{std::move(label), std::move(cells), false};
    for (const std::string& c : r.cells) r.differs = r.differs || c != r.cells.front();
    return r;
}

std::string yes_no(bool b) { return b ? "yes" : "no"; }

Comparison build(const Catalog& c, const Rates* rates, const Rate* rate) {
    Comparison cmp;
    const std::string who = c.consortium.name.empty() ? "Consortium" : c.consortium.name;
    cmp.title = who + " membership tiers compared";
    for (const Tier& t : c.tiers) cmp.tiers.push_back(t.label.empty() ? t.id : t.label);

    std::vector<std::string> fees, local;
    for (const Tier& t : c.tiers) {
        fees.push_back(format_money(Money{t.annual_fee, c.currency}));
        if (rate) {
            std::optional<Money> m = convert(Money{t.annual_fee, c.currency}, *rates, *rate);
            local.push_back(m ? "about " + format_money_digits(m->amount, rate->minor_digits, rate->code) : "n/a");
        }
    }
    cmp.money.push_back(make_row("Annual fee (" + c.currency + ")", fees));
    if (rate)
        cmp.money.push_back(make_row("Annual fee in " + (rate->name.empty() ? rate->code : rate->name) + " (rates of " +
                                         rates->date.iso() + ")",
                                     local));

    for (const Benefit& b : c.benefits) {
        std::vector<std::string> cells;
        bool any = false;
        for (const Tier& t : c.tiers) {
            bool has = std::find(t.benefits.begin(), t.benefits.end(), b.id) != t.benefits.end();
            any = any || has;
            cells.push_back(yes_no(has));
        }
        if (any) cmp.benefits.push_back(make_row(b.label.empty() ? b.id : b.label, cells));
    }

    std::vector<std::string> vote, ec, oc, trc, groups;
    for (const Tier& t : c.tiers) {
        vote.push_back(yes_no(t.rights.ec_vote));
        ec.push_back(yes_no(t.rights.ec_seat));
        oc.push_back(yes_no(t.rights.oc_seat));
        trc.push_back(t.rights.trc == TrcMode::Seat ? "seat" : t.rights.trc == TrcMode::Nominate ? "may nominate" : "no");
        groups.push_back("open");
    }
    cmp.rights = {make_row("Vote on the Executive Committee", vote),
                  make_row("May serve on the Executive Committee", ec),
                  make_row("May serve on the Operating Committee", oc),
                  make_row("Technical Review Committee representation", trc),
                  make_row("Community groups and committees (open to everyone)", groups)};

    cmp.notes.push_back("Rows marked * differ between tiers.");
    cmp.notes.push_back("At most " + std::to_string(c.rules.ec_commercial_seat_cap) +
                        " Executive Committee seats may be held by commercial organisations.");
    cmp.notes.push_back("Associate representatives on the Technical Review Committee: up to " +
                        std::to_string(c.rules.associate_trc_share.num) + "/" +
                        std::to_string(c.rules.associate_trc_share.den) +
                        " of the associate member institutions, rounding up.");
    if (rate)
        cmp.notes.push_back("Local-currency amounts are indicative, at the exchange rates of " + rates->date.iso() +
                            "; invoices are always in " + c.currency + ".");
    return cmp;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Text
// ---------------------------------------------------------------------------------------------

// Display width in code points (labels may hold UTF-8 such as a typographic apostrophe).
std::size_t width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
    return n;
}

std::string pad(const std::string& s, std::size_t w) { return s + std::string(w > width(s) ? w - width(s) : 0, ' '); }

std::vector<std::string> wrap(const std::string& text, std::size_t w) {
    std::vector<std::string> lines;
    std::istringstream words(text);
    std::string word, line;
    while (words >> word) {
        if (!line.empty() && width(line) + 1 + width(word) > w) {
            lines.push_back(line);
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

std::string render_text(const Comparison& cmp) {
    constexpr std::size_t kLabel = 56;
    std::vector<std::size_t> col;
    for (std::size_t i = 0; i < cmp.tiers.size(); ++i) {
        std::size_t w = width(cmp.tiers[i]);
        for (const auto* rows : {&cmp.money, &cmp.benefits, &cmp.rights})
            for (const Row& r : *rows) w = std::max(w, width(r.cells[i]));
        col.push_back(w + 2);
    }
    std::ostringstream os;
    os << cmp.title << "\n\n";
    auto header = [&](const std::string& section) {
        os << "  " << pad(section, kLabel + 2);
        for (std::size_t i = 0; i < cmp.tiers.size(); ++i) os << pad(cmp.tiers[i], col[i]);
        os << "\n  " << std::string(kLabel, '-') << "  ";
        for (std::size_t w : col) os << std::string(w - 2, '-') << "  ";
        os << "\n";
    };
    auto rows = [&](const std::vector<Row>& list) {
        for (const Row& r : list) {
            std::vector<std::string> lines = wrap(r.label, kLabel);
            for (std::size_t l = 0; l < lines.size(); ++l) {
                os << (l == 0 && r.differs ? "* " : "  ") << pad(lines[l], kLabel + 2);
                if (l == 0)
                    for (std::size_t i = 0; i < r.cells.size(); ++i) os << pad(r.cells[i], col[i]);
                os << "\n";
            }
        }
        os << "\n";
    };
    header("Fees");
    rows(cmp.money);
    header("Benefits");
    rows(cmp.benefits);
    header("Rights");
    rows(cmp.rights);
    for (const std::string& n : cmp.notes) os << n << "\n";
    // Trailing spaces from padding make diffs noisy: strip them.
    std::string text = os.str(), clean;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        line.erase(line.find_last_not_of(' ') + 1);
        clean += line + "\n";
    }
    return clean;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] HTML
// ---------------------------------------------------------------------------------------------

std::string esc(const std::string& s) {
    std::string o;
    o.reserve(s.size());
    for (char ch : s) {
        switch (ch) {
            case '&': o += "&amp;"; break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '"': o += "&quot;"; break;
            case '\'': o += "&#39;"; break;
            default: o += ch;
        }
    }
    return o;
}

std::string render_html(const Comparison& cmp) {
    std::ostringstream os;
    os << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<title>" << esc(cmp.title) << "</title>\n"
       << "<style>\n"
          "body { font-family: system-ui, sans-serif; color: #111; background: #fff; margin: 1.5rem; line-height: 1.4; }\n"
          "table { border-collapse: collapse; width: 100%; max-width: 70rem; }\n"
          "caption { text-align: left; font-weight: bold; font-size: 1.15rem; padding: 0.5rem 0; }\n"
          "th, td { border: 1px solid #666; padding: 0.4rem 0.6rem; vertical-align: top; text-align: left; }\n"
          "thead th { background: #e8e8e8; }\n"
          "tbody th[scope=row] { font-weight: normal; }\n"
          "tbody.section th[scope=rowgroup] { background: #f3f3f3; }\n"
          "tr.differs th[scope=row] { font-weight: bold; }\n"
          ".marker { font-weight: bold; }\n"
          ".sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }\n"
          "@media print { body { margin: 0; font-size: 10pt; } thead { display: table-header-group; }"
          " tr { break-inside: avoid; } a { color: inherit; } }\n"
          "</style>\n</head>\n<body>\n<main>\n"
       << "<h1>" << esc(cmp.title) << "</h1>\n"
       << "<p>Rows marked <span class=\"marker\">*</span> (in bold) differ between tiers.</p>\n"
       << "<table>\n<caption>Benefits, fees and committee rights of each membership tier</caption>\n"
       << "<thead><tr><th scope=\"col\">Benefit or right</th>";
    for (const std::string& t : cmp.tiers) os << "<th scope=\"col\">" << esc(t) << "</th>";
    os << "</tr></thead>\n";
    auto group = [&](const char* name, const std::vector<Row>& rows) {
        os << "<tbody class=\"section\"><tr><th scope=\"rowgroup\" colspan=\"" << cmp.tiers.size() + 1 << "\">" << name
           << "</th></tr>\n";
        for (const Row& r : rows) {
            os << "<tr" << (r.differs ? " class=\"differs\"" : "") << "><th scope=\"row\">";
            if (r.differs) os << "<span class=\"marker\" aria-hidden=\"true\">*</span> ";
            os << esc(r.label);
            if (r.differs) os << " <span class=\"sr\">(differs between tiers)</span>";
            os << "</th>";
            for (const std::string& c : r.cells) os << "<td>" << esc(c) << "</td>";
            os << "</tr>\n";
        }
        os << "</tbody>\n";
    };
    group("Fees", cmp.money);
    group("Benefits", cmp.benefits);
    group("Rights", cmp.rights);
    os << "</table>\n";
    for (std::size_t i = 1; i < cmp.notes.size(); ++i) os << "<p>" << esc(cmp.notes[i]) << "</p>\n";
    os << "</main>\n</body>\n</html>\n";
    return os.str();
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Command
// ---------------------------------------------------------------------------------------------

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("compare");
    Args args = parse_args(argv, {"--catalog", "--currency", "--rates", "--html"});
    args.expect({});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto currency = args.get("--currency");
    auto rates_path = args.get("--rates");
    if (rates_path && !currency) return usage_error(cmd, "--rates needs --currency", err);
    if (currency && !is_currency_code(*currency))
        return usage_error(cmd, "--currency needs a three-letter code such as EUR, got \"" + *currency + "\"", err);

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    std::optional<Rates> rates;
    const Rate* rate = nullptr;
    if (currency) {
        // Without --rates, the rates bundled at build time.
        const std::string name = rates_path ? *rates_path : "(bundled rates)";
        if (rates_path) {
            rates = inputs::load<Rates>(*rates_path, [](std::string_view t) { return read_rates(t); }, err);
        } else {
            Read<Rates> r = read_rates(bundled_rates_text());
            if (!r.ok()) inputs::print_problems(name, r.problems, err);
            else rates = std::move(*r.value);
        }
        if (!rates) return kInvalidInput;
        if (rates->base != catalog->currency) {
            err << name << ": /base: the rates are based on " << rates->base << ", the catalog's fees are in "
                << catalog->currency << "\n";
            return kInvalidInput;
        }
        rate = rates->find(*currency);
        if (!rate) {
            err << name << ": /rates: no rate for " << *currency << "\n";
            return kInvalidInput;
        }
    }

    Comparison cmp = build(*catalog, rates ? &*rates : nullptr, rate);
    if (auto html = args.get("--html")) {
        std::string error;
        if (!write_file(*html, render_html(cmp), error)) {
            err << "portal-cli compare: " << error << "\n";
            return kInvalidInput;
        }
        return kOk;
    }
    out << render_text(cmp);
    return kOk;
}

Registrar reg{{"compare", "compare [--catalog CATALOG] [--currency CODE [--rates RATES.json]] [--html OUT.html]",
               "the tiers side by side (text table, or an accessible HTML page with --html)", run}};

}  // namespace
}  // namespace portal::cli
