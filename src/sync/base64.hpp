// Standard base64 (RFC 4648, with padding), the encoding WebCrypto users get from btoa().
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace portal::sync {

std::string base64_encode(std::string_view bytes);
// nullopt on any character outside the alphabet or bad padding.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace portal::sync
