// A seeded synthetic membership book (docs/reports.md "Synthetic books"): invented organisations
// (never a real one) in several languages and scripts, every catalog organisation type, many
// countries, years of invoices and payments (some partial, some overdue, some void), contacts at
// example domains, notes, committees that respect the governance rules, and a pipeline with
// prospects at every stage. The same catalog, options and seed always give the same book, on every
// platform (own generator, no std distributions).
// Used for the demo data set (assets/demo-book.json), the privacy property test and the benchmark.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace portal {

struct SyntheticOptions {
    int organisations = 80;
    int years = 5;                      // invoice years, the last one being today's year
    std::uint64_t seed = 1;
    Date today = Date::from_ymd(2026, 11, 22);
    int prospects = -1;                 // -1: organisations / 4, at least one per stage
    // Shares, per mille.
    int member_per_mille = 800;         // organisations that are (or were) members
    int joined_in_window_per_mille = 350;  // members whose member_since falls inside the invoice years
    int listed_per_mille = 850;         // members listed in the public directory
    int unpaid_per_mille = 25;          // invoices never paid: overdue, and members lapse past grace
    int partial_per_mille = 60;         // invoices paid in part (the rest sometimes later)
    int void_per_mille = 15;            // invoices voided and reissued
    int late_per_mille = 150;           // invoices paid after their due date (within grace)
    int other_invoice_per_mille = 40;   // per organisation and year: a workshop invoice, no tier
    int cancel_per_mille = 500;         // lapsed members whose cancellation was recorded
    bool committees = true;
};

// SplitMix64: tiny, fast, and the same sequence everywhere.
class SyntheticRng {
public:
    explicit SyntheticRng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    // Uniform in [0, n) (n > 0); the modulo bias is negligible for the small n used here.
    std::int64_t below(std::int64_t n) { return n <= 0 ? 0 : static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(n)); }
    std::int64_t between(std::int64_t lo, std::int64_t hi) { return lo + below(hi - lo + 1); }  // inclusive
    bool chance(int per_mille) { return below(1000) < per_mille; }
    template <class T>
    const T& pick(const std::vector<T>& items) { return items[static_cast<std::size_t>(below(static_cast<std::int64_t>(items.size())))]; }

private:
    std::uint64_t state_;
};

Book generate_book(const Catalog& catalog, const SyntheticOptions& options);

// An invented organisation name for `type` (catalog id), in a language chosen by the generator;
// `country` receives a matching ISO code. Exposed for tests.
std::string synthetic_org_name(SyntheticRng& rng, const std::string& type, const std::string& type_label,
                               std::string& country);

}  // namespace portal
