// CryptoBackend over OpenSSL (native builds only; the browser uses WebCrypto).
#pragma once

#include <memory>

#include "sync/envelope.hpp"

namespace portal::sync {

std::unique_ptr<CryptoBackend> make_openssl_crypto();

}  // namespace portal::sync
