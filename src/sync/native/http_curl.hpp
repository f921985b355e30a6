// HttpClient over libcurl (native builds only). One handle, reused: keep-alive across the
// requests of a sync session.
#pragma once

#include <memory>

#include "sync/http.hpp"

namespace portal::sync {

struct CurlOptions {
    long connect_timeout_ms = 5000;
    long timeout_ms = 60000;
};

std::unique_ptr<HttpClient> make_curl_client(const CurlOptions& options = {});

}  // namespace portal::sync
