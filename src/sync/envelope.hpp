// The encrypted envelope the private book travels in (docs/sync.md, docs/schemas/portal-envelope.schema.json):
//   {"schema":"portal-envelope/1",
//    "kdf":{"name":"PBKDF2","hash":"SHA-256","iterations":600000,"salt":"<base64, 16 bytes>"},
//    "cipher":{"name":"AES-GCM","nonce":"<base64, 12 bytes>"},
//    "compression":"deflate-raw",   (optional: absent means the plaintext is not compressed)
//    "ciphertext":"<base64: AES-256-GCM ciphertext followed by its 16-byte tag>"}
// exactly what WebCrypto's deriveKey(PBKDF2) + encrypt(AES-GCM, tagLength 128, no additional
// data) produce and consume, so a browser decrypts what the CLI wrote and the other way round.
//
// The primitives come from a CryptoBackend (OpenSSL natively, sync/native/); parsing, checks,
// messages and the key cache are here and portable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace portal::sync {

inline constexpr const char* kEnvelopeSchema = "portal-envelope/1";
inline constexpr int kDefaultKdfIterations = 600000;
inline constexpr int kMaxKdfIterations = 10000000;
inline constexpr std::size_t kSaltBytes = 16, kNonceBytes = 12, kTagBytes = 16, kKeyBytes = 32;
// The plaintext is raw DEFLATE (RFC 1951) of the book's JSON: CompressionStream("deflate-raw").
inline constexpr const char* kDeflateRaw = "deflate-raw";
// A compressed book that inflates beyond this is refused (read_book's own limit is 256 MiB).
inline constexpr std::size_t kMaxPlaintextBytes = std::size_t(512) << 20;

struct Envelope {
    int iterations = kDefaultKdfIterations;
    std::string salt;        // raw bytes
    std::string nonce;       // raw bytes
    std::string ciphertext;  // raw bytes, tag appended
    std::string compression; // "" (none, as every envelope before it) or kDeflateRaw
};

struct EnvelopeRead {
    std::optional<Envelope> value;
    Problems problems;  // JSON Pointer + message for every problem found
};
EnvelopeRead parse_envelope(std::string_view text);
std::string format_envelope(const Envelope& envelope);

// An envelope's members with the top-level "ciphertext" string emptied, so the small members
// (kdf, cipher, lineage) are read without lexing the megabytes of base64 beside them. `ciphertext`
// views the base64 text in `text`. Falls back to parsing the whole text when the ciphertext is
// not a plain string (escapes, another type); `members` is discarded when the text is not JSON.
struct EnvelopeMembers {
    Json members;
    std::optional<std::string_view> ciphertext;  // set when it was cut out of `members`
};
EnvelopeMembers envelope_members(std::string_view text);

struct CryptoBackend {
    virtual ~CryptoBackend() = default;
    virtual bool random_bytes(std::string& out, std::size_t n) = 0;
    virtual bool pbkdf2_sha256(const std::string& passphrase, const std::string& salt, int iterations,
                               std::string& key) = 0;
    virtual bool aes256_gcm_seal(const std::string& key, const std::string& nonce, std::string_view plaintext,
                                 std::string& ciphertext_and_tag) = 0;
    // false when the tag does not verify (wrong key or altered data)
    virtual bool aes256_gcm_open(const std::string& key, const std::string& nonce, std::string_view ciphertext_and_tag,
                                 std::string& plaintext) = 0;
    // Raw DEFLATE of the plaintext before sealing / after opening. A backend without it keeps
    // the default: seal then writes an uncompressed envelope, open refuses a compressed one.
    virtual bool deflate_raw(std::string_view, std::string&) { return false; }
    // false when `in` is not one complete stream or inflates beyond `max_out` bytes.
    virtual bool inflate_raw(std::string_view /*in*/, std::size_t /*max_out*/, std::string&) { return false; }
};

struct CipherResult {
    bool ok = false;
    std::string text;      // the envelope (seal) or the plaintext (open)
    std::string error;     // one plain sentence
    Problems problems;     // for a malformed envelope
};

// Seals and opens envelopes with one passphrase. Derived keys are cached per (salt, iterations),
// and sealing reuses the most recent key with a fresh random nonce, so a sync session pays the
// 600,000 PBKDF2 iterations once, not once per request. The passphrase is wiped on destruction.
class EnvelopeCipher {
public:
    EnvelopeCipher(CryptoBackend& backend, std::string passphrase, int iterations = kDefaultKdfIterations);
    ~EnvelopeCipher();
    EnvelopeCipher(const EnvelopeCipher&) = delete;
    EnvelopeCipher& operator=(const EnvelopeCipher&) = delete;

    CipherResult seal(std::string_view plaintext);
    CipherResult open(std::string_view envelope_text);

private:
    struct CachedKey {
        std::string salt;
        int iterations = 0;
        std::string key;
    };
    const CachedKey* key_for(const std::string& salt, int iterations, std::string& error);

    CryptoBackend& backend_;
    std::string passphrase_;
    int iterations_;
    std::vector<CachedKey> keys_;  // most recent last
};

// Overwrites a secret in memory before it is freed.
void wipe(std::string& secret);

}  // namespace portal::sync
