// Raw DEFLATE (RFC 1951) over zlib, for the envelope's "compression": "deflate-raw" (native
// builds only; the browser uses CompressionStream / DecompressionStream, which make and read the
// same format). The book's JSON shrinks ~8x, and with it the encryption, base64, transfer and
// the host's hashing of the file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace portal::sync {

// zlib level 1: on the book's JSON nearly the ratio of the default level in a fraction of its
// time (docs/BENCHMARKS.md, "Persistence and sync (issue 6), native").
inline constexpr int kDeflateLevel = 1;

bool zlib_deflate_raw(std::string_view in, std::string& out, int level = kDeflateLevel);
// false when `in` is not one complete raw DEFLATE stream (truncated, corrupt, trailing bytes)
// or inflates to more than `max_out` bytes.
bool zlib_inflate_raw(std::string_view in, std::size_t max_out, std::string& out);

}  // namespace portal::sync
