#include "core/text_rules.hpp"

#include <cstdint>
#include <cstdio>

namespace portal {

namespace {

// The code point at s[i] and its length in bytes; invalid UTF-8 (never from the readers, which
// check it) is taken one byte at a time as U+FFFD.
std::uint32_t decode(std::string_view s, std::size_t i, std::size_t& n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) {
        n = 1;
        return 0xFFFD;
    }
    if (n == 1) return c;
    std::uint32_t cp = n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return cp;
}

std::string code(std::uint32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

std::string text_problem(std::string_view s, bool free_text) {
    if (s.size() > kMaxTextBytes)
        return "is " + std::to_string(s.size()) + " bytes long, more than the maximum of " + std::to_string(kMaxTextBytes);
    for (std::size_t i = 0, n = 0; i < s.size(); i += n) {
        const std::uint32_t cp = decode(s, i, n);
        if (free_text && (cp == '\n' || cp == '\t')) continue;
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
            return "contains a control character (" + code(cp) + ")" +
                   (cp == '\n' || cp == '\r' ? ": it must be on one line" : "");
        if (cp == 0x2028 || cp == 0x2029) return "contains a line or paragraph separator (" + code(cp) + ")";
        if (is_hostile_code_point(cp)) return "contains a bidirectional text control (" + code(cp) + ")";
    }
    return "";
}

// Accent and case folding of U+00C0..U+017F to ASCII; "" for the two signs (multiplication,
// division), which separate words.
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

// Greek and Cyrillic: the base lower-case letter of a precomposed or upper-case one (the same
// folding the combining marks get by being dropped); other code points unchanged.
std::uint32_t fold_other(std::uint32_t cp) {
    if (cp >= 0x0391 && cp <= 0x03A9) return cp + 0x20;  // Greek capitals
    switch (cp) {
        case 0x0386: case 0x03AC: return 0x03B1;  // alpha with tonos
        case 0x0388: case 0x03AD: return 0x03B5;
        case 0x0389: case 0x03AE: return 0x03B7;
        case 0x038A: case 0x03AF: case 0x03AA: case 0x03CA: case 0x0390: return 0x03B9;
        case 0x038C: case 0x03CC: return 0x03BF;
        case 0x038E: case 0x03CD: case 0x03AB: case 0x03CB: case 0x03B0: return 0x03C5;
        case 0x038F: case 0x03CE: return 0x03C9;
        case 0x03C2: return 0x03C3;  // final sigma
        case 0x0419: case 0x0439: return 0x0438;  // short i -> i
        case 0x0401: case 0x0451: return 0x0435;  // io -> ie
        case 0x0407: case 0x0457: return 0x0456;  // yi -> i
        default: break;
    }
    if (cp >= 0x0410 && cp <= 0x042F) return cp + 0x20;  // Cyrillic capitals
    if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;
    return cp;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool combining(std::uint32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
           (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

}  // namespace

bool is_hostile_code_point(std::uint32_t cp) {
    return (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

std::string neutralise_text(std::string_view s, bool keep_lines) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0, n = 0; i < s.size(); i += n) {
        const std::uint32_t cp = decode(s, i, n);
        const bool control = cp < 0x20 && !(keep_lines && (cp == '\n' || cp == '\r' || cp == '\t'));
        if (control || is_hostile_code_point(cp)) out += "\xEF\xBF\xBD";  // U+FFFD
        else out.append(s.substr(i, n));
    }
    return out;
}

std::string line_text_problem(std::string_view s) { return text_problem(s, false); }
std::string free_text_problem(std::string_view s) { return text_problem(s, true); }

bool is_blank(std::string_view s) {
    for (char c : s)
        if (c != ' ' && c != '\t') return false;
    return true;
}

std::string email_problem(std::string_view s) {
    if (s.empty()) return "";
    if (std::string p = line_text_problem(s); !p.empty()) return p;
    const auto at = s.find('@');
    const bool ok = s.size() <= 254 && at != std::string_view::npos && at > 0 && at + 1 < s.size() &&
                    s.find('@', at + 1) == std::string_view::npos && s.find_first_of(" <>,;\"") == std::string_view::npos;
    return ok ? "" : "is not an email address (one address such as name@example.org)";
}

std::string name_key(std::string_view name) {
    std::string out;
    bool gap = false;
    auto put = [&](std::string_view piece) {
        if (gap && !out.empty()) out += ' ';
        gap = false;
        out.append(piece);
    };
    for (std::size_t i = 0, n = 0; i < name.size(); i += n) {
        const std::uint32_t cp = decode(name, i, n);
        if (cp < 0x80) {
            const char c = static_cast<char>(cp);
            if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) put(std::string_view(&c, 1));
            else if (c >= 'A' && c <= 'Z') put(std::string(1, static_cast<char>(c - 'A' + 'a')));
            else if (c == '&') gap = true, put("and"), gap = true;
            else if (c != '\'') gap = true;  // O'Brien == OBrien; every other sign separates
            continue;
        }
        if (combining(cp)) continue;  // "e" + U+0301 == "é", which folds to "e" as well
        if (const char* ascii = fold_latin(cp)) {
            if (*ascii) put(ascii);
            else gap = true;
        } else if (cp == 0xA0 || cp == 0x2019 || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0xA1 && cp <= 0xBF)) {
            if (cp != 0x2019) gap = true;  // typographic apostrophe like '; other punctuation separates
        } else {
            std::string piece;
            append_utf8(piece, fold_other(cp));
            put(piece);
        }
    }
    return out;
}

}  // namespace portal
