// SHA-1, only to predict the ETag Apache sends with `FileETag Digest` ("base64(sha1(body))"):
// a match proves the file on the host is the one we just wrote, without downloading it.
#pragma once

#include <string>
#include <string_view>

namespace portal::sync {

std::string sha1_bytes(std::string_view data);  // 20 raw bytes
// "\"<base64 of the SHA-1>\"", the strong ETag Apache's FileETag Digest gives `body`.
std::string digest_etag(std::string_view body);
// Whether `etag` has digest_etag's shape ("<28 base64 characters>"): when not, it cannot equal
// the digest of anything, and the body need not be hashed to know that.
bool digest_shaped(std::string_view etag);

}  // namespace portal::sync
