#include "sync/http.hpp"

#include <cctype>

#include "sync/base64.hpp"

namespace portal::sync {

std::string header(const Headers& headers, const std::string& name) {
    auto same = [](const std::string& a, const std::string& b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (std::tolower((unsigned char)a[i]) != std::tolower((unsigned char)b[i])) return false;
        return true;
    };
    for (const auto& [key, value] : headers) {
        if (!same(key, name)) continue;
        std::size_t b = 0, e = value.size();
        while (b < e && (value[b] == ' ' || value[b] == '\t')) ++b;
        while (e > b && (value[e - 1] == ' ' || value[e - 1] == '\t' || value[e - 1] == '\r' || value[e - 1] == '\n')) --e;
        return value.substr(b, e - b);
    }
    return "";
}

std::string authorization_value(const Credentials& c) {
    if (!c.token.empty()) return "Bearer " + c.token;
    if (!c.user.empty()) return "Basic " + base64_encode(c.user + ":" + c.password);
    return "";
}

bool is_weak_etag(const std::string& etag) { return etag.size() >= 2 && etag[0] == 'W' && etag[1] == '/'; }

std::string etag_opaque(const std::string& etag) { return is_weak_etag(etag) ? etag.substr(2) : etag; }

}  // namespace portal::sync
