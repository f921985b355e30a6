#include "sync/native/http_curl.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>

namespace portal::sync {

namespace {

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
    static_cast<std::string*>(user)->append(data, size * n);
    return size * n;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
    std::string line(data, size * n);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
        auto* headers = static_cast<Headers*>(user);
        headers->emplace_back(line.substr(0, colon), line.substr(colon + 1));
    } else if (line.rfind("HTTP/", 0) == 0) {
        static_cast<Headers*>(user)->clear();  // a new status line (after 100 Continue): start over
    }
    return size * n;
}

struct ReadState {
    const std::string* body;
    std::size_t offset = 0;
};

std::size_t on_read(char* buffer, std::size_t size, std::size_t n, void* user) {
    auto* st = static_cast<ReadState*>(user);
    std::size_t left = st->body->size() - st->offset;
    std::size_t take = std::min(left, size * n);
    std::copy_n(st->body->data() + st->offset, take, buffer);
    st->offset += take;
    return take;
}

class CurlClient : public HttpClient {
public:
    explicit CurlClient(const CurlOptions& options) : options_(options) {
        static std::once_flag once;
        std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
        handle_ = curl_easy_init();
    }
    ~CurlClient() override {
        if (handle_) curl_easy_cleanup(handle_);
    }

    HttpResponse send(const HttpRequest& request) override {
        HttpResponse response;
        if (!handle_) {
            response.error = "cannot start libcurl";
            return response;
        }
        CURL* h = handle_;
        curl_easy_reset(h);
        curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &response.body);
        curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(h, CURLOPT_HEADERDATA, &response.headers);
        ReadState upload{&request.body};
        if (request.method == "HEAD") {
            curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
        } else if (request.method == "PUT") {
            curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
            curl_easy_setopt(h, CURLOPT_READFUNCTION, on_read);
            curl_easy_setopt(h, CURLOPT_READDATA, &upload);
            curl_easy_setopt(h, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
        } else if (request.method != "GET") {
            curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        }
        struct curl_slist* list = nullptr;
        for (const auto& [name, value] : request.headers) list = curl_slist_append(list, (name + ": " + value).c_str());
        if (request.method == "PUT") list = curl_slist_append(list, "Expect:");  // no 100-continue round trip
        curl_easy_setopt(h, CURLOPT_HTTPHEADER, list);
        CURLcode rc = curl_easy_perform(h);
        curl_slist_free_all(list);
        if (rc != CURLE_OK) {
            response.status = 0;
            response.body.clear();
            response.error = curl_easy_strerror(rc);
            return response;
        }
        long code = 0;
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
        response.status = static_cast<int>(code);
        return response;
    }

private:
    CurlOptions options_;
    CURL* handle_ = nullptr;
};

}  // namespace

std::unique_ptr<HttpClient> make_curl_client(const CurlOptions& options) { return std::make_unique<CurlClient>(options); }

}  // namespace portal::sync
