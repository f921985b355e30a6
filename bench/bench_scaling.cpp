// bench_scaling: validate and apply on inputs of 1x, 10x and 100x size, to show the work grows in
// proportion to the input (docs/reliability.md "Linear work"). Each case is built the adversarial
// way that used to be quadratic:
//   - seats: committee seats without ids, all of one organisation on one date (id derivation);
//   - namesakes: org.add actions all with the same name, applied as one batch (id choice);
//   - book: a synthetic book read (validated) from text, the anchor: a plain JSON parse of it.
//   bench_scaling [OUT.json]   (default bench/results/bench_scaling_native.json)
// The ratio column is time(Nx) / (N * time(1x)): 1.0 is exactly proportional, < 2 is the goal.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/actions.hpp"
#include "core/json_io.hpp"
#include "core/synthetic.hpp"

using namespace portal;
using Clock = std::chrono::steady_clock;

namespace {

template <class F>
double best_ms(int runs, F&& f) {
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        auto t0 = Clock::now();
        f();
        best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    return best;
}

const Catalog& bundled() {
    static const Catalog c = *read_catalog(bundled_catalog_text()).value;
    return c;
}

std::string seats_book(int seats) {
    std::string s = R"({"schema":"portal-book/1","organisations":[{"id":"o1","name":"One","type":"university","country":"GB","tier":"full","member_since":"2020-01-01"}],"committees":{"oc":[)";
    for (int i = 0; i < seats; ++i) s += std::string(i ? "," : "") + R"({"org":"o1","person":"P","term_start":"2026-01-01"})";
    return s + "]}}";
}

Json namesakes(int n) {
    Json batch = Json::array();
    for (int i = 0; i < n; ++i)
        batch.push_back({{"type", "org.add"}, {"org", {{"name", "Same Name"}, {"type", "library"}, {"country", "GB"}}}});
    return batch;
}

Json row(const char* what, int scale, int size, double ms, double base_ms) {
    return {{"case", what}, {"scale", scale}, {"size", size}, {"best_ms", ms},
            {"ratio_to_proportional", base_ms > 0 ? ms / (base_ms * scale) : 0.0}};
}

}  // namespace

int main(int argc, char** argv) {
    const std::string out_path = argc > 1 ? argv[1] : "bench/results/bench_scaling_native.json";
    const Catalog& c = bundled();
    Json rows = Json::array();
    bool ok = true;

    double base = 0;
    for (int scale : {1, 10, 100}) {
        const int n = 200 * scale;
        const std::string text = seats_book(n);
        double ms = best_ms(scale == 100 ? 3 : 5, [&] { ok = ok && read_book(text, c).ok(); });
        if (scale == 1) base = ms;
        rows.push_back(row("validate: committee seats without ids, one org, one date", scale, n, ms, base));
    }
    for (int scale : {1, 10, 100}) {
        const int n = 40 * scale;
        const Json batch = namesakes(n);
        double ms = best_ms(3, [&] {
            Book b;
            BookIndex ix = index_book(b);
            ok = ok && apply_actions_indexed(b, ix, c, batch, {"bench", "2027-01-01T00:00:00Z", Date::from_ymd(2027, 1, 1)}).ok;
        });
        if (scale == 1) base = ms;
        rows.push_back(row("apply: org.add batch, every organisation with one name", scale, n, ms, base));
    }
    double anchor_base = 0;
    for (int scale : {1, 10, 100}) {
        SyntheticOptions o;
        o.organisations = 100 * scale;
        o.years = 3;
        const std::string text = write_book(generate_book(c, o));
        double ms = best_ms(3, [&] { ok = ok && read_book(text, c).ok(); });
        double anchor = best_ms(3, [&] { ok = ok && parse_json_text(text).ok(); });
        if (scale == 1) base = ms, anchor_base = anchor;
        Json r = row("validate: synthetic book", scale, static_cast<int>(text.size()), ms, base);
        r["anchor_parse_ms"] = anchor;
        r["anchor_ratio_to_proportional"] = anchor / (anchor_base * scale);
        rows.push_back(r);
    }
    Json doc = {{"benchmark", "bench_scaling"}, {"all_valid", ok}, {"rows", rows}};
    std::ofstream(out_path) << doc.dump(2) << "\n";
    for (const Json& r : rows)
        std::printf("%-62s x%-3d size %-9d %9.2f ms  ratio %.2f\n", r["case"].get<std::string>().c_str(), r["scale"].get<int>(),
                    r["size"].get<int>(), r["best_ms"].get<double>(), r["ratio_to_proportional"].get<double>());
    return ok ? 0 : 1;
}
