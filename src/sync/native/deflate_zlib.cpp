#include "sync/native/deflate_zlib.hpp"

#include <algorithm>
#include <climits>

#include <zlib.h>

namespace portal::sync {

namespace {
constexpr int kRawWindowBits = -15;  // negative: raw DEFLATE, no zlib or gzip wrapper
// zlib counts in uInt: feed and drain large buffers in chunks.
constexpr std::size_t kChunk = std::size_t(1) << 30;
}  // namespace

bool zlib_deflate_raw(std::string_view in, std::string& out, int level) {
    z_stream zs{};
    if (deflateInit2(&zs, level, Z_DEFLATED, kRawWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK) return false;
    out.resize(deflateBound(&zs, static_cast<uLong>(in.size())));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    std::size_t in_left = in.size(), out_left = out.size();
    int rc = Z_OK;
    while (rc == Z_OK) {
        std::size_t give = std::min(in_left, kChunk), room = std::min(out_left, kChunk);
        zs.avail_in = static_cast<uInt>(give);
        zs.avail_out = static_cast<uInt>(room);
        rc = deflate(&zs, give == in_left ? Z_FINISH : Z_NO_FLUSH);
        in_left -= give - zs.avail_in;
        out_left -= room - zs.avail_out;
        if (rc == Z_BUF_ERROR && out_left == 0) break;  // cannot happen within deflateBound
        if (rc == Z_BUF_ERROR) rc = Z_OK;
    }
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) return false;
    out.resize(out.size() - out_left);
    return true;
}

bool zlib_inflate_raw(std::string_view in, std::size_t max_out, std::string& out) {
    z_stream zs{};
    if (inflateInit2(&zs, kRawWindowBits) != Z_OK) return false;
    // JSON inflates ~8x; start there and grow.
    out.resize(std::min(max_out + 1, std::max<std::size_t>(in.size() * 8, 4096)));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    std::size_t in_left = in.size(), produced = 0;
    int rc = Z_OK;
    while (true) {
        if (produced == out.size()) {
            if (out.size() > max_out) break;  // over the limit
            out.resize(std::min(max_out + 1, out.size() * 2));
        }
        std::size_t give = std::min(in_left, kChunk), room = std::min(out.size() - produced, kChunk);
        zs.avail_in = static_cast<uInt>(give);
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
        zs.avail_out = static_cast<uInt>(room);
        rc = inflate(&zs, Z_NO_FLUSH);
        in_left -= give - zs.avail_in;
        produced += room - zs.avail_out;
        if (rc == Z_STREAM_END || (rc != Z_OK && rc != Z_BUF_ERROR)) break;
        if (rc == Z_BUF_ERROR && in_left == 0 && zs.avail_out > 0) break;  // truncated input
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END || in_left != 0 || produced > max_out) {
        out.clear();
        return false;
    }
    out.resize(produced);
    return true;
}

}  // namespace portal::sync
