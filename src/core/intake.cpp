// Name normalisation, duplicate search and the intake helper (intake.hpp). The action itself is
// in actions_documents.cpp.
#include "core/intake.hpp"

#include <cctype>
#include <cstdint>

namespace portal {

namespace {

// ASCII folding of U+00C0..U+017F; "" for the two signs (multiplication, division) -> a separator.
const char* fold_latin(std::uint32_t cp) {
    static const char* kLatin1[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
        "d", "n", "o", "o", "o", "o", "o", "",  "o", "u", "u", "u", "u", "y", "th", "y"};
    struct Range {
        std::uint32_t last;
        const char* ascii;
    };
    static const Range kExtendedA[] = {
        {0x105, "a"}, {0x10D, "c"}, {0x111, "d"},  {0x11B, "e"}, {0x123, "g"}, {0x127, "h"}, {0x131, "i"},
        {0x133, "ij"}, {0x135, "j"}, {0x138, "k"}, {0x142, "l"}, {0x14B, "n"}, {0x151, "o"}, {0x153, "oe"},
        {0x159, "r"}, {0x161, "s"}, {0x167, "t"},  {0x173, "u"}, {0x175, "w"}, {0x178, "y"}, {0x17E, "z"},
        {0x17F, "s"}};
    if (cp >= 0xC0 && cp <= 0xFF) return kLatin1[cp - 0xC0];
    if (cp >= 0x100 && cp <= 0x17F)
        for (const Range& r : kExtendedA)
            if (cp <= r.last) return r.ascii;
    return nullptr;
}

}  // namespace

std::string normalise_name(std::string_view name) {
    std::string out;
    bool gap = false;
    auto put = [&](std::string_view piece) {
        if (gap && !out.empty()) out += ' ';
        gap = false;
        out.append(piece);
    };
    for (std::size_t i = 0; i < name.size();) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        if (c < 0x80) {
            ++i;
            if (std::isalnum(c)) put(std::string(1, static_cast<char>(std::tolower(c))));
            else if (c == '&') gap = true, put("and"), gap = true;
            else if (c != '\'') gap = true;  // O'Brien == OBrien; every other sign separates
            continue;
        }
        std::size_t n = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
        if (i + n > name.size()) n = name.size() - i;
        std::uint32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(name[i + k]) & 0x3F);
        if (const char* ascii = fold_latin(cp)) {
            if (*ascii) put(ascii);
            else gap = true;
        } else if (cp == 0xA0 || cp == 0x2019 || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0xA1 && cp <= 0xBF)) {
            if (cp != 0x2019) gap = true;  // typographic apostrophe like '; other punctuation separates
        } else {
            put(name.substr(i, n));
        }
        i += n;
    }
    return out;
}

std::optional<DuplicateMatch> find_duplicate(const Book& book, std::string_view name, std::string_view country) {
    const std::string key = normalise_name(name);
    if (key.empty()) return std::nullopt;
    auto same_country = [&](const std::string& other) { return country.empty() || other.empty() || other == country; };
    for (const Organisation& o : book.organisations)
        if (same_country(o.country) && normalise_name(o.name) == key) return DuplicateMatch{"organisation", o.id, o.name, o.country};
    for (const Prospect& p : book.prospects)
        if (same_country(p.country) && normalise_name(p.name) == key) return DuplicateMatch{"prospect", p.id, p.name, p.country};
    return std::nullopt;
}

std::string describe(const DuplicateMatch& m) {
    return m.kind + " " + m.id + " \"" + m.name + "\"" + (m.country.empty() ? "" : " (" + m.country + ")");
}

Json intake_action(const Json& application) { return Json{{"type", "prospect.intake"}, {"application", application}}; }

IntakeResult intake_application(Book& book, const Catalog& catalog, const Json& application, const ActionContext& ctx) {
    IntakeResult out;
    const std::size_t before = book.prospects.size();
    out.result = apply_action(book, catalog, intake_action(application), ctx);
    if (out.result.ok && book.prospects.size() == before + 1) {
        out.prospect_id = book.prospects.back().id;
    } else if (!out.result.ok && application.is_object()) {
        auto name = application.find("name");
        auto country = application.find("country");
        if (name != application.end() && name->is_string())
            out.duplicate = find_duplicate(book, name->get<std::string>(),
                                           country != application.end() && country->is_string()
                                               ? country->get<std::string>()
                                               : std::string());
    }
    return out;
}

}  // namespace portal
