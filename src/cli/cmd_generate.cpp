// portal-cli generate: a seeded synthetic membership book of invented organisations (demo data,
// tests, benchmarks). The same arguments always write the same file.
#include <cerrno>
#include <cstdlib>

#include "cli/book_inputs.hpp"
#include "cli/cli.hpp"
#include "cli/rules_inputs.hpp"
#include "core/synthetic.hpp"

namespace portal::cli {
namespace {

std::optional<std::uint64_t> parse_uint(const std::string& s, std::uint64_t max) {
    if (s.empty() || s.size() > 20) return std::nullopt;
    for (char c : s)
        if (c < '0' || c > '9') return std::nullopt;
    errno = 0;
    unsigned long long v = std::strtoull(s.c_str(), nullptr, 10);
    if (errno == ERANGE || v > max) return std::nullopt;
    return static_cast<std::uint64_t>(v);
}

int run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
    const Command& cmd = registry().at("generate");
    Args args = parse_args(argv, {"--catalog", "--organisations", "--years", "--seed", "--today", "--out"});
    args.expect({"--out"});
    if (!args.error.empty()) return usage_error(cmd, args.error, err);
    auto out_path = args.get("--out");

    SyntheticOptions o;
    struct Num { const char* flag; std::uint64_t max; };
    std::uint64_t values[3] = {static_cast<std::uint64_t>(o.organisations), static_cast<std::uint64_t>(o.years), o.seed};
    const Num nums[3] = {{"--organisations", 1000000}, {"--years", 50}, {"--seed", UINT64_MAX}};
    for (int i = 0; i < 3; ++i) {
        auto text = args.get(nums[i].flag);
        if (!text) continue;
        auto v = parse_uint(*text, nums[i].max);
        if (!v || (i == 1 && *v == 0))
            return usage_error(cmd, std::string(nums[i].flag) + " needs a whole number" +
                                        (i == 0 ? " up to 1000000" : i == 1 ? " from 1 to 50" : "") + ", got \"" +
                                        *text + "\"", err);
        values[i] = *v;
    }
    o.organisations = static_cast<int>(values[0]);
    o.years = static_cast<int>(values[1]);
    o.seed = values[2];
    if (auto today = args.get("--today")) {
        auto d = Date::parse(*today);
        if (!d) return usage_error(cmd, "--today needs a date as YYYY-MM-DD, got \"" + *today + "\"", err);
        o.today = *d;
    } else {
        o.today = inputs::today_utc();
    }

    std::optional<Catalog> catalog = book_inputs::catalog_or_bundled(args, err);
    if (!catalog) return kInvalidInput;
    Book book = generate_book(*catalog, o);
    // Refused before writing: a book over the reader's size limit, or one it would not accept.
    const std::string text = book_to_json(book).dump(2) + "\n";
    const std::size_t limit = ReadLimits{}.max_bytes;
    if (text.size() > limit) {
        err << *out_path << ": /: not written: the book would be " << text.size() << " bytes, over the limit of " << limit
            << " bytes that portal-cli reads (ask for fewer --organisations or --years)\n";
        return kInvalidInput;
    }
    if (Read<Book> again = read_book(text, *catalog); !again.ok()) {
        err << *out_path << ": /: not written: the generated book would not be readable (please report this)\n";
        inputs::print_problems(*out_path, again.problems, err);
        return kInvalidInput;
    }
    std::string error;
    if (!write_file(*out_path, text, error)) {
        err << *out_path << ": /: " << error << "\n";
        return kInvalidInput;
    }
    out << "wrote " << *out_path << ": " << book.organisations.size() << " organisations, "
        << book.invoices.size() << " invoices, " << book.payments.size() << " payments, "
        << book.prospects.size() << " prospects\n";
    return kOk;
}

Registrar reg{{"generate",
               "generate [--catalog CATALOG] --out BOOK.json [--organisations N] [--years Y] [--seed S] [--today YYYY-MM-DD]",
               "write a seeded synthetic book of invented organisations (defaults: 80, 5 years, seed 1, today)", run}};

}  // namespace
}  // namespace portal::cli
