// portal-cli quote: a pro-forma quote for a tier as a printable HTML page, for a named
// organisation or from an application file (docs/documents.md "Quotes").
#include "cli/book_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/quote_html.hpp"

namespace portal::cli {
namespace {

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("quote");
    Args args = parse_args(argv, {"--catalog", "--tier", "--name", "--type", "--country", "--application", "--currency",
                                  "--rates", "--on", "--valid-days", "--out", "--page"});
    args.expect({"--out"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto out_path = args.get("--out");
    if (!args.get("--application") && !args.get("--name"))
        return usage_error(cmd, "--name (with --tier) or --application is required", err);
    PageSize page = PageSize::Auto;
    if (auto p = args.get("--page"); p && !page_size_from(*p, page))
        return usage_error(cmd, "--page must be auto, a4 or letter, got \"" + *p + "\"", err);
    int valid_days = 30;
    if (auto v = args.get("--valid-days")) {
        if (v->empty() || v->size() > 3 || v->find_first_not_of("0123456789") != std::string::npos)
            return usage_error(cmd, "--valid-days needs a whole number of days, got \"" + *v + "\"", err);
        valid_days = std::stoi(*v);
    }
    std::optional<Date> on = inputs::on_date(args, cmd, err);
    if (!on) return kUsage;
    if (!on->plus_days(valid_days))
        return usage_error(cmd, "--valid-days: the quote would be valid until after " + Date::max().iso(), err);

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    QuoteRequest q;
    if (auto app_path = args.get("--application")) {
        auto app = inputs::load<Application>(*app_path, [&](std::string_view t) { return read_application(t, *catalog); }, err);
        if (!app) return kInvalidInput;
        q = quote_request_from(*app, *on, valid_days, args.get("--tier").value_or(""));
    } else {
        q.tier = args.get("--tier").value_or("");
        q.org_name = *args.get("--name");
        q.org_type = args.get("--type").value_or("");
        q.country = args.get("--country").value_or("");
        q.issued = *on;
        q.valid_days = valid_days;
    }
    q.local_currency = args.get("--currency").value_or("");
    std::optional<Rates> rates;
    if (!q.local_currency.empty()) {
        if (auto rates_path = args.get("--rates")) {
            rates = inputs::load<Rates>(*rates_path, [](std::string_view t) { return read_rates(t); }, err);
            if (!rates) return kInvalidInput;
        } else {
            Read<Rates> r = read_rates(bundled_rates_text());
            if (!r.ok()) {
                inputs::print_problems("(bundled rates)", r.problems, err);
                return kInvalidInput;
            }
            rates = std::move(*r.value);
        }
    }
    QuoteResult r = quote_html(*catalog, rates ? &*rates : nullptr, q, page);
    if (!r.problems.empty()) {
        static const std::map<std::string, std::string> kFlag{{"/tier", "--tier"}, {"/org_name", "--name"},
                                                              {"/local_currency", "--currency"}, {"/valid_days", "--valid-days"}};
        for (const Problem& p : r.problems) {
            auto it = kFlag.find(p.pointer);
            err << (it == kFlag.end() ? p.pointer : it->second) << ": " << p.message << "\n";
        }
        return kInvalidInput;
    }
    std::string error;
    if (!write_file(*out_path, r.html, error)) {
        err << *out_path << ": /: " << error << "\n";
        return kInvalidInput;
    }
    out << "wrote " << *out_path << ": quote for " << q.org_name << " (" << q.tier << ")\n";
    return kOk;
}

Registrar reg{{"quote",
               "quote (--tier TIER --name ORG [--type TYPE] [--country CC] | --application A.json [--tier TIER]) "
               "--out QUOTE.html [--on YYYY-MM-DD] [--valid-days N] [--currency EUR [--rates R.json]] [--catalog C] "
               "[--page auto|a4|letter]",
               "write a pro-forma quote for a tier (HTML), with an indicative local-currency equivalent", run}};

}  // namespace
}  // namespace portal::cli
