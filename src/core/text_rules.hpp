// The rules for text values, shared by the readers (json_reader.cpp's conversions) and the
// actions (actions.cpp's Fields), so that a value one refuses the other refuses too.
//
// Why refuse rather than escape: a name with a carriage return breaks an e-mail header, a bidi
// override makes "Acme\u202Egnp.exe" read differently from what it is, and a control character in
// CSV or HTML does nothing useful. Refused at the input, none reaches a book, and the outputs
// (html.cpp, csv_export.cpp, reminders.cpp) neutralise them again for files from elsewhere.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace portal {

inline constexpr std::size_t kMaxTextBytes = 10000;  // one text value (a name, an email, notes)

// "" when `s` is acceptable as one line of text (a name, an id, a description, a role), else
// the problem in plain words: control characters (U+0000-001F, U+007F-009F), bidirectional
// controls (U+061C, U+200E, U+200F, U+202A-202E, U+2066-2069), line and paragraph separators
// (U+2028, U+2029) and more than kMaxTextBytes are refused.
std::string line_text_problem(std::string_view s);
// The same for free text (notes, reasons), where tab and line feed are allowed.
std::string free_text_problem(std::string_view s);
// "" for an empty string or one address local@domain (one '@', no spaces, no control characters,
// no <>, at most 254 bytes), else the problem.
std::string email_problem(std::string_view s);
// Only spaces and tabs (or nothing).
bool is_blank(std::string_view s);

// Whether a code point is one the rules above refuse beyond the C0 controls: DEL and the C1
// controls, bidirectional controls, line and paragraph separators.
bool is_hostile_code_point(std::uint32_t cp);
// `s` with every control character (but tab, CR and LF when `keep_lines`) and every code
// point of is_hostile_code_point replaced by U+FFFD: for outputs built from files made elsewhere.
std::string neutralise_text(std::string_view s, bool keep_lines);

// A key under which two organisation names count as the same: accents and case folded (Latin,
// Greek, Cyrillic), precomposed and decomposed forms alike (a combining mark after its base
// letter is dropped, as the precomposed letter is folded to its base), punctuation and spacing
// collapsed, "&" read as "and". "Université de Genève" == "universite de geneve".
std::string name_key(std::string_view name);

}  // namespace portal
