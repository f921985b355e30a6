// CryptoBackend over OpenSSL, with zlib for the compression (native builds only; the browser
// uses WebCrypto and CompressionStream).
#pragma once

#include <memory>

#include "sync/envelope.hpp"

namespace portal::sync {

std::unique_ptr<CryptoBackend> make_openssl_crypto();

}  // namespace portal::sync
