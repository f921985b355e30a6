// bench_book_actions: the latency of single staff actions on a 100,000-organisation synthetic book
// (what a click costs). The year-end throughput (renewal run + full report on 500,000 invoices) is
// bench_book_report.cpp.
//   bench_book_actions [OUT.json] [ORGANISATIONS]
//   (default bench/results/bench_book_actions_native.json, _wasm under node)
// Measures: index_book from scratch, membership status of every organisation, one action per type
// (in place, no book copy) on the book as the app holds it (its index kept by the reducer:
// apply_action_indexed) and, beside it, without a kept index (apply_action, as before the index
// was kept), a batch of 10 (one copy of the book and its index), plan_renewal and renewal.run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/actions.hpp"
#include "core/invoices.hpp"
#include "core/json_io.hpp"
#include "core/status.hpp"
#include "core/synthetic.hpp"

using namespace portal;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

// Wall time, and the process CPU time beside it (the machine is shared: wall times run long).
template <class F>
Json time_ms(int runs, F&& f) {
    std::vector<double> v, cpu;
    for (int i = 0; i < runs; ++i) {
        const std::clock_t c0 = std::clock();
        auto t0 = Clock::now();
        f(i);
        v.push_back(ms_since(t0));
        cpu.push_back(1000.0 * static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC);
    }
    std::sort(v.begin(), v.end());
    std::sort(cpu.begin(), cpu.end());
    return {{"runs", runs}, {"median_ms", v[v.size() / 2]}, {"max_ms", v.back()}, {"median_cpu_ms", cpu[cpu.size() / 2]}};
}

}  // namespace

int main(int argc, char** argv) {
#ifdef __EMSCRIPTEN__
    std::string out_path = argc > 1 ? argv[1] : "bench/results/bench_book_actions_wasm.json";
#else
    std::string out_path = argc > 1 ? argv[1] : "bench/results/bench_book_actions_native.json";
#endif
    const int orgs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 100000;
    Read<Catalog> cat = read_catalog(bundled_catalog_text());
    if (!cat.ok()) {
        std::cerr << "bench_book_actions: bundled catalog unreadable\n";
        return 1;
    }
    const Catalog& catalog = *cat.value;
    SyntheticOptions opt;
    opt.organisations = orgs;
    opt.years = 3;
    opt.today = Date::from_ymd(2027, 11, 15);
    auto t0 = Clock::now();
    Book book = generate_book(catalog, opt);
    const double generate_ms = ms_since(t0);
    const Date today = opt.today;
    ActionContext ctx{"bench", "2027-11-15T12:00:00Z", today};

    Json r;
    r["organisations"] = book.organisations.size();
    r["invoices"] = book.invoices.size();
    r["payments"] = book.payments.size();
    r["generate_ms"] = generate_ms;
    r["index_book_from_scratch"] = time_ms(5, [&](int) { (void)index_book(book); });
    BookIndex index = index_book(book);  // built when the book is loaded, then kept by every action
    r["membership_status_all"] = time_ms(3, [&](int) {
        std::size_t current = 0;
        for (const Organisation& o : book.organisations)
            current += membership_status(o, book, index, catalog, today) == MembershipStatus::Current;
        if (current == 0) std::cerr << "(no current member)\n";
    });

    // One action each, in place. Targets picked so every action is accepted.
    std::string member, sent_invoice;
    for (const Organisation& o : book.organisations)
        if (o.tier && !o.cancelled_on) member = o.id;
    for (const Invoice& i : book.invoices)
        if (i.state == InvoiceState::Sent) sent_invoice = i.id;
    // "apply_<name>": with the kept index; "without_index": apply_action as before the index was
    // kept (its index brought up to date untimed afterwards, so the next kept run starts right).
    auto one = [&](const char* name, int runs, auto make) {
        r["apply_" + std::string(name)] = time_ms(runs, [&](int i) {
            ApplyResult res = apply_action_indexed(book, index, catalog, make(i), ctx);
            if (!res.ok) std::cerr << name << ": " << res.error << "\n";
        });
        r["apply_" + std::string(name) + "_without_index"] = time_ms(runs, [&](int i) {
            ApplyResult res = apply_action(book, catalog, make(i), ctx);
            if (!res.ok) std::cerr << name << " (without index): " << res.error << "\n";
        });
        index_appended(index, book);
    };
    one("org_add", 20, [&](int i) {
        return Json{{"type", "org.add"}, {"org", {{"name", "Bench Library " + std::to_string(i)}, {"type", "library"}, {"country", "GB"}}}};
    });
    one("org_update", 20, [&](int i) { return Json{{"type", "org.update"}, {"id", member}, {"set", {{"notes", std::to_string(i)}}}}; });
    one("invoice_create", 20, [&](int) {
        return Json{{"type", "invoice.create"}, {"org", member}, {"issued", "2027-11-15"}, {"lines", Json::array({{{"description", "x"}, {"amount", 100}}})}};
    });
    one("payment_record", 20, [&](int) { return Json{{"type", "payment.record"}, {"invoice", sent_invoice}, {"amount", 1}, {"date", "2027-11-15"}}; });
    one("prospect_add", 20, [&](int i) {
        return Json{{"type", "prospect.add"}, {"prospect", {{"name", "Bench Prospect " + std::to_string(i)}, {"type", "museum"}, {"country", "NL"}}}};
    });
    one("seat_end_then_add", 5, [&](int i) {
        const Seat& s = book.committees.trc.back();
        return i % 2 == 0 ? Json{{"type", "seat.end"}, {"committee", "trc"}, {"seat_id", s.id}, {"term_end", std::max(s.term_start, today).iso()}}
                          : Json{{"type", "seat.add"}, {"committee", "trc"}, {"org", s.org}, {"person", "P"}, {"term_start", "2027-11-16"}};
    });
    r["apply_actions_batch_of_10"] = time_ms(3, [&](int k) {
        Json batch = Json::array();
        for (int i = 0; i < 10; ++i)
            batch.push_back({{"type", "org.update"}, {"id", member}, {"set", {{"notes", std::to_string(k * 10 + i)}}}});
        if (!apply_actions_indexed(book, index, catalog, batch, ctx).ok) std::cerr << "batch failed\n";
    });
    std::size_t planned = 0;
    r["plan_renewal"] = time_ms(3, [&](int) { planned = plan_renewal(book, catalog, 2028, today, index).invoices.size(); });
    r["plan_renewal_without_index"] = time_ms(3, [&](int) { planned = plan_renewal(book, catalog, 2028, today).invoices.size(); });
    r["renewal_planned_invoices"] = planned;
    r["renewal_run"] = time_ms(1, [&](int) { apply_action_indexed(book, index, catalog, Json{{"type", "renewal.run"}, {"year", 2028}}, ctx); });
    r["renewal_run_again"] = time_ms(1, [&](int) { apply_action_indexed(book, index, catalog, Json{{"type", "renewal.run"}, {"year", 2028}}, ctx); });
    r["kept_index_equals_rebuild"] = index == index_book(book);
    std::ifstream load("/proc/loadavg");  // the machine is shared: how much to trust wall times
    std::string load_text;
    if (load && std::getline(load, load_text)) r["loadavg_at_end"] = load_text;

    std::ofstream out(out_path);
    out << r.dump(2) << "\n";
    std::cout << r.dump(2) << "\n";
    return out ? 0 : 1;
}
