// Times read_book on a synthetic 100,000-organisation book (about 5 invoices and 4 payments
// each), generated here from a fixed seed so the run does not depend on any other generator.
//
//   bench_parse [--orgs N] [--runs N] [--out BOOK.json] [--results DIR] [--dom yes|no]
//
// Writes the book to --out (default /tmp/portal_bench_book.json; bench/parse_vs_node.mjs times
// node's JSON.parse on the same file) and the figures to DIR/bench_parse_<native|wasm>.json.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/json_io.hpp"

namespace {

#ifdef __EMSCRIPTEN__
const char* kPlatform = "wasm";
#else
const char* kPlatform = "native";
#endif

std::string pad(long n, int width) {
    std::string s = std::to_string(n);
    return std::string(width > static_cast<int>(s.size()) ? width - s.size() : 0, '0') + s;
}

// The same member order as write_book (sorted keys), built as text for speed.
std::string generate_book(int orgs, std::uint32_t seed, std::size_t& invoices, std::size_t& payments) {
    std::mt19937 rng(seed);
    const char* types[] = {"library", "museum", "archive", "university", "research_institute", "government", "nonprofit", "company"};
    const char* countries[] = {"GB", "US", "DE", "FR", "NL", "CA", "AU", "JP", "IT", "ES", "SE", "NO", "CH", "BE", "AT"};
    const char* places[] = {"Northshire", "Eastbrook", "Westvale", "Southport", "Lakeside", "Hillcrest", "Riverton", "Oakham"};
    std::string out;
    out.reserve(static_cast<std::size_t>(orgs) * 1900);
    out += "{\"audit\":[],\"committees\":{\"ec\":[],\"oc\":[],\"trc\":[]},\"invoices\":[";
    invoices = payments = 0;
    std::vector<int> tiers(orgs);  // 0 none, 1 full, 2 associate
    std::vector<int> first_year(orgs);
    for (int i = 0; i < orgs; ++i) {
        int r = static_cast<int>(rng() % 10);
        tiers[i] = r < 1 ? 0 : r < 4 ? 1 : 2;
        first_year[i] = 2022;
    }
    for (int i = 0; i < orgs; ++i) {
        if (tiers[i] == 0) continue;
        std::string id = pad(i + 1, 6);
        for (int y = 0; y < 5; ++y) {
            int year = first_year[i] + y;
            int day = 1 + static_cast<int>(rng() % 28);
            std::string issued = std::to_string(year) + "-01-" + pad(day, 2);
            std::string due = std::to_string(year) + "-02-" + pad(day, 2);
            long fee = tiers[i] == 1 ? 1000000 : 250000;
            const char* tier = tiers[i] == 1 ? "full" : "associate";
            if (invoices++) out += ',';
            out += "{\"currency\":\"USD\",\"due\":\"" + due + "\",\"id\":\"inv-" + id + "-" + std::to_string(y) +
                   "\",\"issued\":\"" + issued + "\",\"lines\":[{\"amount\":" + std::to_string(fee) +
                   ",\"description\":\"" + (tiers[i] == 1 ? "Full" : "Associate") + " membership " +
                   std::to_string(year) + "\"}],\"membership_year\":" + std::to_string(year) + ",\"number\":\"IIIFC-" +
                   std::to_string(year) + "-" + id + "\",\"org\":\"org-" + id + "\",\"status\":\"sent\",\"tier\":\"" +
                   tier + "\"}";
        }
    }
    out += "],\"organisations\":[";
    for (int i = 0; i < orgs; ++i) {
        std::string id = pad(i + 1, 6);
        const char* type = types[rng() % 8];
        const char* country = countries[rng() % 15];
        const char* place = places[rng() % 8];
        if (i) out += ',';
        out += "{\"contacts\":[{\"email\":\"membership@org-" + id + ".example\",\"name\":\"Contact " + id +
               "\",\"role\":\"membership\"}],\"country\":\"" + country + "\",\"id\":\"org-" + id +
               "\",\"listed\":" + (rng() % 2 ? "true" : "false") + ",";
        if (tiers[i]) out += "\"member_since\":\"" + std::to_string(2010 + rng() % 12) + "-0" + std::to_string(1 + rng() % 9) + "-01\",";
        out += "\"name\":\"Synthetic " + std::string(type) + " " + id + " of " + place +
               "\",\"notes\":\"Invented for the parse benchmark; not a real organisation.\",\"tier\":" +
               (tiers[i] == 0 ? std::string("null") : tiers[i] == 1 ? "\"full\"" : "\"associate\"") + ",\"type\":\"" +
               type + "\",\"updated\":\"2026-01-0" + std::to_string(1 + rng() % 9) + "T12:00:00Z\"}";
    }
    out += "],\"payments\":[";
    for (int i = 0; i < orgs; ++i) {
        if (tiers[i] == 0) continue;
        std::string id = pad(i + 1, 6);
        for (int y = 0; y < 5; ++y) {
            if (y == 4 && rng() % 4 != 0) continue;  // most of this year's invoices still open
            if (y == 2 && rng() % 3 == 0) continue;  // a few older ones too
            int year = first_year[i] + y;
            if (payments++) out += ',';
            long fee = tiers[i] == 1 ? 1000000 : 250000;
            out += "{\"amount\":" + std::to_string(fee) + ",\"date\":\"" + std::to_string(year) + "-02-" +
                   pad(1 + static_cast<int>(rng() % 28), 2) + "\",\"id\":\"pay-" + id + "-" + std::to_string(y) +
                   "\",\"invoice\":\"inv-" + id + "-" + std::to_string(y) + "\",\"method\":\"bank transfer\"}";
        }
    }
    out += "],\"prospects\":[],\"schema\":\"portal-book/1\"}";
    return out;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    int orgs = 100000, runs = 5;
    bool dom = true;
    std::string out_path = "/tmp/portal_bench_book.json", results = "bench/results";
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--orgs") orgs = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
        else if (a == "--out") out_path = argv[i + 1];
        else if (a == "--results") results = argv[i + 1];
        else if (a == "--dom") dom = std::string(argv[i + 1]) != "no";
        else {
            std::fprintf(stderr, "usage: bench_parse [--orgs N] [--runs N] [--out BOOK.json] [--results DIR] [--dom yes|no]\n");
            return 2;
        }
    }

    auto catalog = portal::read_catalog(portal::bundled_catalog_text());
    if (!catalog.ok()) {
        std::fprintf(stderr, "bench_parse: the bundled catalog does not load\n");
        return 1;
    }
    std::size_t invoices = 0, payments = 0;
    auto t_gen = std::chrono::steady_clock::now();
    std::string text = generate_book(orgs, 20261102u, invoices, payments);
    double gen_ms = ms_since(t_gen);
    {
        std::ofstream f(out_path, std::ios::binary);
        f << text;
        if (!f) {
            std::fprintf(stderr, "bench_parse: cannot write %s\n", out_path.c_str());
            return 1;
        }
    }

    std::vector<double> times;
    for (int r = 0; r < runs; ++r) {
        portal::ReadLimits limits;
        auto t0 = std::chrono::steady_clock::now();
        auto book = portal::read_book(text, *catalog.value, limits);
        times.push_back(ms_since(t0));
        if (!book.ok()) {
            std::fprintf(stderr, "bench_parse: the synthetic book is invalid: %s: %s\n",
                         book.problems[0].pointer.c_str(), book.problems[0].message.c_str());
            return 1;
        }
    }
    double best = *std::min_element(times.begin(), times.end());

    // For reference: a whole-document nlohmann DOM parse of the same text (no validation).
    auto t_dom = std::chrono::steady_clock::now();
    bool dom_ok = dom && !portal::Json::parse(text, nullptr, false).is_discarded();
    double dom_ms = ms_since(t_dom);

    portal::Json res = {{"bench", "bench_parse"},
                        {"platform", kPlatform},
                        {"organisations", orgs},
                        {"invoices", invoices},
                        {"payments", payments},
                        {"bytes", text.size()},
                        {"book_file", out_path},
                        {"runs", runs},
                        {"read_book_ms", times},
                        {"read_book_ms_best", best},
                        {"read_book_mb_per_s", text.size() / 1e6 / (best / 1000.0)},
                        {"nlohmann_dom_parse_ms", dom_ok ? portal::Json(dom_ms) : portal::Json(nullptr)},
                        {"generate_ms", gen_ms}};
    std::string res_path = results + "/bench_parse_" + kPlatform + ".json";
    std::ofstream rf(res_path);
    rf << res.dump(2) << "\n";
    std::printf("bench_parse (%s): %d organisations, %zu invoices, %zu payments, %.1f MB\n", kPlatform, orgs, invoices,
                payments, text.size() / 1e6);
    std::printf("  read_book best of %d: %.1f ms (%.0f MB/s); nlohmann DOM parse: %.1f ms\n", runs, best,
                text.size() / 1e6 / (best / 1000.0), dom_ms);
    std::printf("  results: %s%s\n", res_path.c_str(), rf ? "" : " (could not write)");
    return 0;
}
