// portal-rates/1: the dated exchange-rate table (docs/formats.md#rates), and conversions.
#include <climits>

#include "core/json_common.hpp"

namespace portal {

using namespace jsonr;

namespace {

// [SECTION] Exact decimals ----------------------------------------------------------------------

std::int64_t pow10(int n) {
    std::int64_t p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

// "0.9215" -> 9215 / 10000. At most 18 digits in all, so both fit in int64.
bool parse_decimal(const std::string& s, std::int64_t& num, std::int64_t& den) {
    std::size_t dot = s.find('.');
    std::string digits = dot == std::string::npos ? s : s.substr(0, dot) + s.substr(dot + 1);
    std::size_t frac = dot == std::string::npos ? 0 : s.size() - dot - 1;
    if (digits.empty() || digits.size() > 18 || dot == 0 || (dot != std::string::npos && frac == 0)) return false;
    for (char c : digits)
        if (c < '0' || c > '9') return false;
    num = std::stoll(digits);
    den = pow10(static_cast<int>(frac));
    return true;
}

std::string decimal_text(std::int64_t num, std::int64_t den) {
    int digits = 0;
    std::int64_t p = 1;
    while (p < den && digits < 18) {
        p *= 10;
        ++digits;
    }
    if (p != den) {  // not a power of ten: 10 decimals, rounded half up
        digits = 10;
        p = pow10(10);
        __int128 scaled = (static_cast<__int128>(num) * p * 2 + den) / (2 * static_cast<__int128>(den));
        num = static_cast<std::int64_t>(scaled);
    }
    std::string out = std::to_string(num / p);
    if (digits > 0) {
        std::string f = std::to_string(num % p);
        out += "." + std::string(digits - f.size(), '0') + f;
    }
    return out;
}

// [SECTION] Field tables --------------------------------------------------------------------------

struct RateValueField final : Field<Rate> {
    RateValueField() : Field<Rate>("rate", true) {}
    bool scalar(Ctx& ctx, Rate& r, const Scalar& v) const override {
        if (v.kind != Scalar::String) {
            ctx.problem(std::string("must be an exact decimal string such as \"0.9215\", got ") + v.type_name());
            return false;
        }
        std::int64_t num = 0, den = 1;
        if (!parse_decimal(*v.s, num, den)) {
            ctx.problem(quote(*v.s) + " is not a decimal number such as \"0.9215\" (digits, one optional point, at most 18 digits)");
            return false;
        }
        if (num == 0) {
            ctx.problem("must be greater than zero");
            return false;
        }
        r.num = num;
        r.den = den;
        return true;
    }
    std::string expects() const override { return "an exact decimal string"; }
};

bool conv_minor_digits(Ctx& ctx, const Scalar& v, int& out) {
    if (!conv_int(ctx, v, out)) return false;
    if (out <= 4) return true;
    ctx.problem("must be between 0 and 4, got " + std::to_string(out));
    return false;
}

const Spec<Rate>& rate_spec() {
    static const Spec<Rate> s = [] {
        Spec<Rate> s;
        add_scalar(s, "code", true, &Rate::code, conv_currency, kCode);
        add_scalar(s, "name", true, &Rate::name, conv_id, kId);
        s.add<RateValueField>();
        add_scalar(s, "minor_digits", false, &Rate::minor_digits, conv_minor_digits, kInt);
        return s;  // Rate has no `extra`: unknown members are refused
    }();
    return s;
}

const Spec<Rates>& rates_spec() {
    static const Spec<Rates> s = [] {
        Spec<Rates> s;
        s.add<SchemaField<Rates>>(kRatesSchema);
        add_scalar(s, "base", true, &Rates::base, conv_currency, kCode);
        add_scalar(s, "date", true, &Rates::date, conv_date, kDate);
        add_scalar(s, "source", false, &Rates::source, conv_string, kStr);
        s.add<ArrayField<Rates, Rate>>("rates", true, &Rates::rates, rate_spec);
        s.extra = &Rates::extra;
        return s;
    }();
    return s;
}

void check_rates(Ctx& ctx, const Rates& r) {
    IdRegistry codes(ctx, "code", "currency");
    for (std::size_t i = 0; i < r.rates.size(); ++i) {
        codes.add(r.rates[i].code, "/rates", i);
        if (r.rates[i].code == r.base)
            ctx.add(at("/rates", i, "code"), "the base currency " + quote(r.base) + " needs no rate");
    }
}

}  // namespace

// [SECTION] Public API -------------------------------------------------------------------------

const Rate* Rates::find(const std::string& code) const {
    for (const Rate& r : rates)
        if (r.code == code) return &r;
    return nullptr;
}

Read<Rates> read_rates(std::string_view text, const ReadLimits& limits) {
    return read_doc(text, nullptr, rates_spec(), limits, check_rates);
}

Json rates_to_json(const Rates& r) {
    Json j = start_with(r.extra);
    j["schema"] = kRatesSchema;
    j["base"] = r.base;
    j["date"] = r.date.iso();
    if (!r.source.empty()) j["source"] = r.source;
    Json list = Json::array();
    for (const Rate& x : r.rates)
        list.push_back({{"code", x.code}, {"name", x.name}, {"rate", decimal_text(x.num, x.den)}, {"minor_digits", x.minor_digits}});
    j["rates"] = std::move(list);
    return j;
}

std::optional<Money> convert(const Money& m, const Rates& rates, const Rate& rate) {
    if (m.currency != rates.base || rate.den <= 0 || rate.minor_digits < 0 || rate.minor_digits > 4) return std::nullopt;
    // base minor units (2 digits) -> target minor units: amount * num * 10^digits / (den * 100).
    __int128 n = static_cast<__int128>(m.amount) * rate.num * pow10(rate.minor_digits);
    __int128 d = static_cast<__int128>(rate.den) * 100;
    __int128 q = n / d, rem = n % d;
    if (rem < 0) rem = -rem;
    if (rem * 2 >= d) q += n < 0 ? -1 : 1;  // half away from zero
    if (q > INT64_MAX || q < INT64_MIN) return std::nullopt;
    return Money{static_cast<std::int64_t>(q), rate.code};
}

std::string format_money_digits(std::int64_t minor_units, int minor_digits, const std::string& code) {
    if (minor_digits < 0) minor_digits = 0;
    if (minor_digits > 18) minor_digits = 18;
    bool negative = minor_units < 0;
    std::uint64_t abs = negative ? 0 - static_cast<std::uint64_t>(minor_units) : static_cast<std::uint64_t>(minor_units);
    std::uint64_t p = static_cast<std::uint64_t>(pow10(minor_digits));
    std::string whole = std::to_string(abs / p);
    std::string grouped;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) grouped += ',';
        grouped += whole[i];
    }
    std::string out = (negative ? "-" : "") + grouped;
    if (minor_digits > 0) {
        std::string f = std::to_string(abs % p);
        out += "." + std::string(static_cast<std::size_t>(minor_digits) - f.size(), '0') + f;
    }
    return out + " " + code;
}

}  // namespace portal
