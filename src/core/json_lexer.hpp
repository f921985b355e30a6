// Internal to the json_*.cpp files: a fast reader of JSON text that feeds the same SAX events as
// nlohmann::json::sax_parse (null, boolean, number_integer / number_unsigned / number_float with
// its text, string, key, start/end of objects and arrays), several times faster on a large book.
//
// It accepts exactly the documents nlohmann accepts (RFC 8259; no comments; strict UTF-8, no
// lone surrogates; integers that overflow become floats, infinite floats are errors) and gives
// the same events for them. It does not describe errors: on anything it refuses (or a leading
// byte order mark, which nlohmann skips) it returns Lex::NotJson, and the caller reads the text
// again with nlohmann's parser, whose error positions and messages are the reference
// (json_reader.cpp, run_text). tests/core/test_json_lexer.cpp compares the two event by event.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace portal::jsonr {

// Length of the valid UTF-8 sequence starting at s[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0.
inline std::size_t utf8_length(std::string_view s, std::size_t i) {
    auto at = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    auto cont = [](unsigned c) { return c >= 0x80 && c <= 0xBF; };
    unsigned c = at(0);
    if (c >= 0xC2 && c <= 0xDF) return cont(at(1)) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return at(1) >= lo && at(1) <= hi && cont(at(2)) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return at(1) >= lo && at(1) <= hi && cont(at(2)) && cont(at(3)) ? 4 : 0;
    }
    return 0;
}

enum class Lex { Done, Stopped, NotJson };  // Stopped: a handler returned false

template <class H>
class Lexer {
public:
    Lexer(std::string_view text, H& h) : text_(text), h_(h) {}

    Lex run() {
        if (text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") return Lex::NotJson;
        std::string open;  // '{' or '[' per open container
        std::size_t& i = i_;
    value:
        skip_space();
        if (i >= text_.size()) return Lex::NotJson;
        switch (text_[i]) {
            case '{':
                ++i;
                if (!h_.start_object(std::size_t(-1))) return Lex::Stopped;
                skip_space();
                if (i < text_.size() && text_[i] == '}') {
                    ++i;
                    if (!h_.end_object()) return Lex::Stopped;
                    goto after;
                }
                open += '{';
                goto key;
            case '[':
                ++i;
                if (!h_.start_array(std::size_t(-1))) return Lex::Stopped;
                skip_space();
                if (i < text_.size() && text_[i] == ']') {
                    ++i;
                    if (!h_.end_array()) return Lex::Stopped;
                    goto after;
                }
                open += '[';
                goto value;
            case '"':
                if (!string()) return Lex::NotJson;
                if (!h_.string(buf_)) return Lex::Stopped;
                goto after;
            case 't':
                if (!literal("true")) return Lex::NotJson;
                if (!h_.boolean(true)) return Lex::Stopped;
                goto after;
            case 'f':
                if (!literal("false")) return Lex::NotJson;
                if (!h_.boolean(false)) return Lex::Stopped;
                goto after;
            case 'n':
                if (!literal("null")) return Lex::NotJson;
                if (!h_.null()) return Lex::Stopped;
                goto after;
            default: {
                Lex r = number();
                if (r != Lex::Done) return r;
                goto after;
            }
        }
    key:
        skip_space();
        if (i >= text_.size() || text_[i] != '"' || !string()) return Lex::NotJson;
        if (!h_.key(buf_)) return Lex::Stopped;
        skip_space();
        if (i >= text_.size() || text_[i] != ':') return Lex::NotJson;
        ++i;
        goto value;
    after:
        skip_space();
        if (open.empty()) return i == text_.size() ? Lex::Done : Lex::NotJson;
        if (i >= text_.size()) return Lex::NotJson;
        if (text_[i] == ',') {
            ++i;
            if (open.back() == '{') goto key;
            goto value;
        }
        if (text_[i] == (open.back() == '{' ? '}' : ']')) {
            ++i;
            bool object = open.back() == '{';
            open.pop_back();
            if (!(object ? h_.end_object() : h_.end_array())) return Lex::Stopped;
            goto after;
        }
        return Lex::NotJson;
    }

private:
    void skip_space() {
        while (i_ < text_.size()) {
            char c = text_[i_];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
            ++i_;
        }
    }

    bool literal(std::string_view word) {
        if (text_.substr(i_, word.size()) != word) return false;
        i_ += word.size();
        return true;
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    // The four hex digits of a \u escape starting at text_[k], or -1.
    long hex4(std::size_t k) const {
        if (k + 4 > text_.size()) return -1;
        long v = 0;
        for (std::size_t j = k; j < k + 4; ++j) {
            int d = hex(text_[j]);
            if (d < 0) return -1;
            v = v * 16 + d;
        }
        return v;
    }
    void put_utf8(unsigned long cp) {
        if (cp < 0x80) {
            buf_ += static_cast<char>(cp);
        } else if (cp < 0x800) {
            buf_ += static_cast<char>(0xC0 | (cp >> 6));
            buf_ += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            buf_ += static_cast<char>(0xE0 | (cp >> 12));
            buf_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            buf_ += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            buf_ += static_cast<char>(0xF0 | (cp >> 18));
            buf_ += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            buf_ += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            buf_ += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    // The string whose opening quote is at i_, into buf_; i_ ends after the closing quote.
    bool string() {
        std::size_t i = ++i_, n = text_.size();
        const char* t = text_.data();
        // Most strings are plain ASCII without escapes: one scan, one copy.
        while (i < n && plain(t[i])) ++i;
        buf_.assign(t + i_, i - i_);
        if (i < n && t[i] == '"') {
            i_ = i + 1;
            return true;
        }
        while (i < n) {
            unsigned char c = static_cast<unsigned char>(t[i]);
            if (c == '"') {
                i_ = i + 1;
                return true;
            }
            if (c < 0x20) return false;
            if (c >= 0x80) {
                std::size_t len = utf8_length(text_, i);
                if (!len) return false;
                buf_.append(t + i, len);
                i += len;
                continue;
            }
            if (c != '\\') {
                buf_ += static_cast<char>(c);
                ++i;
                continue;
            }
            if (i + 1 >= n) return false;
            char e = t[i + 1];
            i += 2;
            switch (e) {
                case '"': buf_ += '"'; break;
                case '\\': buf_ += '\\'; break;
                case '/': buf_ += '/'; break;
                case 'b': buf_ += '\b'; break;
                case 'f': buf_ += '\f'; break;
                case 'n': buf_ += '\n'; break;
                case 'r': buf_ += '\r'; break;
                case 't': buf_ += '\t'; break;
                case 'u': {
                    long cp = hex4(i);
                    if (cp < 0) return false;
                    i += 4;
                    if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (i + 6 > n || t[i] != '\\' || t[i + 1] != 'u') return false;
                        long lo = hex4(i + 2);
                        if (lo < 0xDC00 || lo > 0xDFFF) return false;
                        i += 6;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    put_utf8(static_cast<unsigned long>(cp));
                    break;
                }
                default: return false;
            }
        }
        return false;
    }

    // Bytes that stand for themselves inside a string: printable ASCII but '"' and '\\'.
    static bool plain(char c) {
        static const struct Table {
            bool v[256];
            constexpr Table() : v() {
                for (int k = 0x20; k < 0x80; ++k) v[k] = k != '"' && k != '\\';
            }
        } table;
        return table.v[static_cast<unsigned char>(c)];
    }

    static bool digit(char c) { return c >= '0' && c <= '9'; }

    Lex number() {
        std::size_t start = i_, i = i_, n = text_.size();
        bool negative = i < n && text_[i] == '-';
        if (negative) ++i;
        if (i >= n || !digit(text_[i])) return Lex::NotJson;
        if (text_[i] == '0') {
            ++i;
        } else {
            while (i < n && digit(text_[i])) ++i;
        }
        std::size_t int_end = i;
        bool is_float = false;
        if (i < n && text_[i] == '.') {
            ++i;
            if (i >= n || !digit(text_[i])) return Lex::NotJson;
            while (i < n && digit(text_[i])) ++i;
            is_float = true;
        }
        if (i < n && (text_[i] == 'e' || text_[i] == 'E')) {
            ++i;
            if (i < n && (text_[i] == '+' || text_[i] == '-')) ++i;
            if (i >= n || !digit(text_[i])) return Lex::NotJson;
            while (i < n && digit(text_[i])) ++i;
            is_float = true;
        }
        i_ = i;
        if (!is_float) {
            // nlohmann: strtoull / strtoll, and a float when the integer does not fit.
            std::uint64_t v = 0;
            bool fits = true;
            for (std::size_t k = start + (negative ? 1 : 0); k < int_end; ++k) {
                unsigned d = static_cast<unsigned>(text_[k] - '0');
                if (v > (UINT64_MAX - d) / 10) {
                    fits = false;
                    break;
                }
                v = v * 10 + d;
            }
            if (fits && !negative) return h_.number_unsigned(v) ? Lex::Done : Lex::Stopped;
            if (fits && v <= std::uint64_t(INT64_MAX) + 1) {
                std::int64_t s = v == std::uint64_t(INT64_MAX) + 1 ? INT64_MIN : -static_cast<std::int64_t>(v);
                return h_.number_integer(s) ? Lex::Done : Lex::Stopped;
            }
        }
        raw_.assign(text_.data() + start, i - start);
        double d = std::strtod(raw_.c_str(), nullptr);
        if (!std::isfinite(d)) return Lex::NotJson;  // nlohmann: "number overflow"
        return h_.number_float(d, raw_) ? Lex::Done : Lex::Stopped;
    }

    std::string_view text_;
    H& h_;
    std::size_t i_ = 0;
    std::string buf_, raw_;
};

template <class H>
Lex lex_json(std::string_view text, H& handler) {
    return Lexer<H>(text, handler).run();
}

}  // namespace portal::jsonr
