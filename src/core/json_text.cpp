#include "core/json_text.hpp"

#include <charconv>
#include <cstring>

#include "core/json_lexer.hpp"
#include "core/json_reader.hpp"

namespace portal::jsont {

void append_string(std::string& out, std::string_view s) {
    std::size_t start = out.size();
    out += '"';
    std::size_t run = 0;  // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        if (c >= 0x80) {
            std::size_t n = jsonr::utf8_length(s, i);
            if (n == 0) {  // not UTF-8: nlohmann's replacement rules, for identical bytes
                out.resize(start);
                out += jsonr::safe_dump(Json(std::string(s)));
                return;
            }
            i += n;
            continue;
        }
        out.append(s.data() + run, i - run);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: {
                static const char hex[] = "0123456789abcdef";
                char buf[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                out.append(buf, 6);
            }
        }
        run = ++i;
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

void append_int(std::string& out, std::int64_t v) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

void append_date(std::string& out, Date d) {
    out += '"';
    out += d.iso();
    out += '"';
}

void append_json(std::string& out, const Json& j) { out += jsonr::safe_dump(j); }

ObjectWriter::ObjectWriter(std::string& out, const Json* extra) : out_(out) {
    out_ += '{';
    if (extra && extra->is_object() && !extra->empty()) {
        extra_ = &extra->get_ref<const Json::object_t&>();
        it_ = extra_->begin();
    }
}

void ObjectWriter::separator() {
    if (!first_) out_ += ',';
    first_ = false;
}

std::string& ObjectWriter::key(const char* key) {
    if (extra_) {
        for (; it_ != extra_->end() && it_->first.compare(key) < 0; ++it_) {
            separator();
            append_string(out_, it_->first);
            out_ += ':';
            append_json(out_, it_->second);
        }
        if (it_ != extra_->end() && it_->first == key) ++it_;  // the known member wins
    }
    separator();
    out_ += '"';
    out_ += key;
    out_ += "\":";
    return out_;
}

void ObjectWriter::close() {
    if (extra_) {
        for (; it_ != extra_->end(); ++it_) {
            separator();
            append_string(out_, it_->first);
            out_ += ':';
            append_json(out_, it_->second);
        }
    }
    out_ += '}';
}

}  // namespace portal::jsont
