// The HTTP the sync engine needs, as plain values: the engine emits requests and consumes
// responses, so the same logic runs over libcurl natively (blocking) and over fetch in the
// browser (asynchronously).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace portal::sync {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method;   // GET, HEAD, PUT
    std::string url;
    Headers headers;
    std::string body;
};

struct HttpResponse {
    int status = 0;       // 0: no answer (network error, timeout); `error` says what happened
    Headers headers;      // names as received; look up with header()
    std::string body;
    std::string error;
};

// Case-insensitive header lookup, value trimmed of spaces and CR/LF; "" when absent.
std::string header(const Headers& headers, const std::string& name);

struct HttpClient {
    virtual ~HttpClient() = default;
    virtual HttpResponse send(const HttpRequest& request) = 0;
};

// Credentials for writing: kept in local settings only, never in an export, log or audit.
struct Credentials {
    std::string user, password;   // basic auth when user is set
    std::string token;            // bearer token when set
    bool empty() const { return user.empty() && token.empty(); }
};
// The Authorization header value for the credentials ("" when none).
std::string authorization_value(const Credentials& credentials);

// ETag helpers (RFC 9110): a weak ETag (W/"x") never matches If-Match.
bool is_weak_etag(const std::string& etag);
std::string etag_opaque(const std::string& etag);  // W/"x" -> "x"

}  // namespace portal::sync
