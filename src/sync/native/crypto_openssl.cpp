#include "sync/native/crypto_openssl.hpp"

#include <algorithm>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "sync/native/deflate_zlib.hpp"

namespace portal::sync {

namespace {

struct CtxDeleter {
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CtxDeleter>;

const unsigned char* bytes(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }
const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

class OpenSslCrypto : public CryptoBackend {
public:
    bool random_bytes(std::string& out, std::size_t n) override {
        out.assign(n, '\0');
        return RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) == 1;
    }

    bool pbkdf2_sha256(const std::string& passphrase, const std::string& salt, int iterations, std::string& key) override {
        key.assign(kKeyBytes, '\0');
        return PKCS5_PBKDF2_HMAC(passphrase.data(), static_cast<int>(passphrase.size()), bytes(salt),
                                 static_cast<int>(salt.size()), iterations, EVP_sha256(), static_cast<int>(kKeyBytes),
                                 reinterpret_cast<unsigned char*>(key.data())) == 1;
    }

    bool aes256_gcm_seal(const std::string& key, const std::string& nonce, std::string_view plaintext,
                         std::string& out) override {
        CipherCtx ctx(EVP_CIPHER_CTX_new());
        if (!ctx || key.size() != kKeyBytes || nonce.size() != kNonceBytes) return false;
        if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1) return false;
        if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()), nullptr) != 1) return false;
        if (EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(nonce)) != 1) return false;
        out.assign(plaintext.size() + kTagBytes, '\0');
        auto* dst = reinterpret_cast<unsigned char*>(out.data());
        int len = 0, total = 0;
        // EVP lengths are int: feed large books in chunks.
        std::size_t off = 0;
        while (off < plaintext.size()) {
            int chunk = static_cast<int>(std::min<std::size_t>(plaintext.size() - off, 1u << 30));
            if (EVP_EncryptUpdate(ctx.get(), dst + total, &len, bytes(plaintext) + off, chunk) != 1) return false;
            total += len;
            off += static_cast<std::size_t>(chunk);
        }
        if (EVP_EncryptFinal_ex(ctx.get(), dst + total, &len) != 1) return false;
        total += len;
        if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes), dst + total) != 1) return false;
        out.resize(static_cast<std::size_t>(total) + kTagBytes);
        return true;
    }

    bool aes256_gcm_open(const std::string& key, const std::string& nonce, std::string_view in,
                         std::string& plaintext) override {
        if (in.size() < kTagBytes || key.size() != kKeyBytes || nonce.size() != kNonceBytes) return false;
        CipherCtx ctx(EVP_CIPHER_CTX_new());
        if (!ctx) return false;
        if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1) return false;
        if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce.size()), nullptr) != 1) return false;
        if (EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes(key), bytes(nonce)) != 1) return false;
        std::size_t n = in.size() - kTagBytes;
        plaintext.assign(n, '\0');
        auto* dst = reinterpret_cast<unsigned char*>(plaintext.data());
        int len = 0, total = 0;
        std::size_t off = 0;
        while (off < n) {
            int chunk = static_cast<int>(std::min<std::size_t>(n - off, 1u << 30));
            if (EVP_DecryptUpdate(ctx.get(), dst + total, &len, bytes(in) + off, chunk) != 1) return false;
            total += len;
            off += static_cast<std::size_t>(chunk);
        }
        std::string tag(in.substr(n));
        if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagBytes), tag.data()) != 1) return false;
        if (EVP_DecryptFinal_ex(ctx.get(), dst + total, &len) != 1) {
            wipe(plaintext);
            return false;
        }
        plaintext.resize(static_cast<std::size_t>(total + len));
        return true;
    }

    bool deflate_raw(std::string_view in, std::string& out) override { return zlib_deflate_raw(in, out); }
    bool inflate_raw(std::string_view in, std::size_t max_out, std::string& out) override {
        return zlib_inflate_raw(in, max_out, out);
    }
};

}  // namespace

std::unique_ptr<CryptoBackend> make_openssl_crypto() { return std::make_unique<OpenSslCrypto>(); }

}  // namespace portal::sync
