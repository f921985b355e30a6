#include <doctest/doctest.h>

#include "sync/base64.hpp"
#include "sync/envelope.hpp"
#include "sync/sha1.hpp"

#ifdef PORTAL_HAVE_NET
#include "sync/native/crypto_openssl.hpp"
#endif

using namespace portal;
using namespace portal::sync;

namespace {
bool has_problem(const Problems& problems, const std::string& pointer, const std::string& fragment) {
    for (const auto& p : problems)
        if (p.pointer == pointer && p.message.find(fragment) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("base64 and sha1 match their standard vectors") {
    CHECK(base64_encode("") == "");
    CHECK(base64_encode("f") == "Zg==");
    CHECK(base64_encode("fo") == "Zm8=");
    CHECK(base64_encode("foobar") == "Zm9vYmFy");
    CHECK(base64_decode("Zm9vYg==") == std::optional<std::string>("foob"));
    CHECK_FALSE(base64_decode("Zm9=Yg==").has_value());
    CHECK_FALSE(base64_decode("Zm9").has_value());
    CHECK_FALSE(base64_decode("Zm9v!mFy").has_value());
    CHECK(base64_encode(sha1_bytes("abc")) == "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=");
    CHECK(digest_etag("v4") == "\"gJD9NoyDgv1LIWxbqgTJl2nfzEk=\"");  // as Apache sent it
    // Whole blocks read in place, the tail padded apart: lengths around the block size.
    CHECK(base64_encode(sha1_bytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) == "hJg+RBw70m66rkqh+VEp5eVGcPE=");
    CHECK(base64_encode(sha1_bytes(std::string(1000000, 'a'))) == "NKqXPNTE2qT2Husr260nMWU0AW8=");
    std::string bytes;
    for (int i = 0; i < 768; ++i) bytes += static_cast<char>(i % 256);
    CHECK(base64_encode(sha1_bytes(bytes)) == "rComTI7B9CMqQIVOgjm8Oml6sdI=");
    CHECK(base64_decode(base64_encode(bytes)) == std::optional<std::string>(bytes));
    for (std::size_t n = 0; n < 7; ++n) CHECK(base64_decode(base64_encode(bytes.substr(0, n))) == std::optional<std::string>(bytes.substr(0, n)));
    CHECK_FALSE(base64_decode("Zg=a").has_value());
    CHECK_FALSE(base64_decode("Z===").has_value());
}

TEST_CASE("envelope: malformed envelopes are reported with JSON Pointers") {
    SUBCASE("not JSON") {
        auto r = parse_envelope("{not json");
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].pointer == "");
    }
    SUBCASE("every member wrong") {
        auto r = parse_envelope(R"({"schema":"portal-envelope/2","kdf":{"name":"scrypt","hash":"SHA-1","iterations":0,"salt":"AAAA"},
                                    "cipher":{"name":"AES-CBC","nonce":"%%%"},"ciphertext":"AAAA"})");
        CHECK_FALSE(r.value);
        CHECK(has_problem(r.problems, "/schema", "portal-envelope/1"));
        CHECK(has_problem(r.problems, "/kdf/name", "PBKDF2"));
        CHECK(has_problem(r.problems, "/kdf/hash", "SHA-256"));
        CHECK(has_problem(r.problems, "/kdf/iterations", "integer"));
        CHECK(has_problem(r.problems, "/kdf/salt", "16 bytes"));
        CHECK(has_problem(r.problems, "/cipher/name", "AES-GCM"));
        CHECK(has_problem(r.problems, "/cipher/nonce", "base64"));
        CHECK(has_problem(r.problems, "/ciphertext", "too short"));
    }
    SUBCASE("missing members") {
        auto r = parse_envelope(R"({"schema":"portal-envelope/1"})");
        CHECK(has_problem(r.problems, "/kdf", "missing"));
        CHECK(has_problem(r.problems, "/cipher", "missing"));
        CHECK(has_problem(r.problems, "/ciphertext", "missing"));
    }
    SUBCASE("a well-formed one reads back exactly") {
        Envelope e;
        e.iterations = 1000;
        e.salt = std::string(16, 's');
        e.nonce = std::string(12, 'n');
        e.ciphertext = std::string(40, 'c');
        auto r = parse_envelope(format_envelope(e));
        REQUIRE(r.value);
        CHECK(r.value->iterations == 1000);
        CHECK(r.value->salt == e.salt);
        CHECK(r.value->nonce == e.nonce);
        CHECK(r.value->ciphertext == e.ciphertext);
        CHECK(format_envelope(e).rfind("{\"schema\":\"portal-envelope/1\",\"kdf\":{\"name\":\"PBKDF2\"", 0) == 0);
    }
}

#ifdef PORTAL_HAVE_NET

TEST_CASE("envelope: AES-256-GCM with a PBKDF2-SHA-256 key, as WebCrypto does it") {
    auto crypto = make_openssl_crypto();
    const std::string book = R"({"schema":"portal-book/1","organisations":[{"id":"org-1","notes":"private"}]})";
    EnvelopeCipher writer(*crypto, "correct horse battery staple", 2000);
    CipherResult sealed = writer.seal(book);
    REQUIRE(sealed.ok);
    CHECK(sealed.text.find("private") == std::string::npos);
    auto parsed = parse_envelope(sealed.text);
    REQUIRE(parsed.value);
    CHECK(parsed.value->iterations == 2000);
    CHECK(parsed.value->compression == "deflate-raw");  // compressed before encryption
    std::string packed;
    REQUIRE(crypto->deflate_raw(book, packed));
    CHECK(parsed.value->ciphertext.size() == packed.size() + kTagBytes);

    SUBCASE("round trip (a fresh reader derives the key from the envelope's salt)") {
        EnvelopeCipher reader(*crypto, "correct horse battery staple", 99);
        CipherResult opened = reader.open(sealed.text);
        REQUIRE(opened.ok);
        CHECK(opened.text == book);
    }
    SUBCASE("wrong passphrase: a clear message, no plaintext") {
        EnvelopeCipher reader(*crypto, "Correct horse battery staple", 2000);
        CipherResult opened = reader.open(sealed.text);
        CHECK_FALSE(opened.ok);
        CHECK(opened.text.empty());
        CHECK(opened.error.find("wrong passphrase") != std::string::npos);
    }
    SUBCASE("tampered ciphertext or nonce is refused") {
        Envelope e = *parsed.value;
        SUBCASE("ciphertext") { e.ciphertext[3] ^= 1; }
        SUBCASE("tag") { e.ciphertext.back() ^= 0x80; }
        SUBCASE("nonce") { e.nonce[0] ^= 1; }
        EnvelopeCipher reader(*crypto, "correct horse battery staple", 2000);
        CipherResult opened = reader.open(format_envelope(e));
        CHECK_FALSE(opened.ok);
        CHECK(opened.error.find("altered") != std::string::npos);
    }
    SUBCASE("every seal uses a fresh nonce; the key (and salt) is reused within a session") {
        CipherResult again = writer.seal(book);
        REQUIRE(again.ok);
        auto second = parse_envelope(again.text);
        REQUIRE(second.value);
        CHECK(second.value->salt == parsed.value->salt);
        CHECK(second.value->nonce != parsed.value->nonce);
        CHECK(second.value->ciphertext != parsed.value->ciphertext);
    }
    SUBCASE("no passphrase: never sent in the clear") {
        EnvelopeCipher none(*crypto, "", 2000);
        CHECK_FALSE(none.seal(book).ok);
        CHECK(none.open(sealed.text).error.find("passphrase") != std::string::npos);
    }
    SUBCASE("a known vector: PBKDF2-HMAC-SHA256 (RFC 7914 test vector)") {
        std::string key;
        REQUIRE(crypto->pbkdf2_sha256("passwd", "salt", 1, key));
        // RFC 7914 section 11, first 32 of its 64 bytes.
        CHECK(base64_encode(key) == "VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLw=");
    }
}

TEST_CASE("envelope: the full 600,000 PBKDF2 iterations round trip") {
    auto crypto = make_openssl_crypto();
    EnvelopeCipher writer(*crypto, "a real passphrase");  // default iterations
    CipherResult sealed = writer.seal("{}");
    REQUIRE(sealed.ok);
    auto parsed = parse_envelope(sealed.text);
    REQUIRE(parsed.value);
    CHECK(parsed.value->iterations == 600000);
    EnvelopeCipher reader(*crypto, "a real passphrase");
    CipherResult opened = reader.open(sealed.text);
    REQUIRE(opened.ok);
    CHECK(opened.text == "{}");
}

TEST_CASE("envelope: deflate-raw compression, and envelopes without it") {
    auto crypto = make_openssl_crypto();
    std::string book = R"({"schema":"portal-book/1","organisations":[)";
    for (int i = 0; i < 2000; ++i) book += std::string(i ? "," : "") + R"({"id":"org-)" + std::to_string(i) + R"(","name":"Ünïcode ✓ 𝄞"})";
    book += "]}";
    EnvelopeCipher cipher(*crypto, "pass", 1000);
    // An envelope as every version before compression wrote it: the book encrypted as is.
    auto uncompressed = [&](const std::string& plain, const std::string& compression) {
        CipherResult first = cipher.seal("{}");  // derives the key for the salt
        REQUIRE(first.ok);
        Envelope e = *parse_envelope(first.text).value;
        std::string key;
        REQUIRE(crypto->pbkdf2_sha256("pass", e.salt, e.iterations, key));
        REQUIRE(crypto->aes256_gcm_seal(key, e.nonce, plain, e.ciphertext));
        e.compression = compression;
        return format_envelope(e);
    };

    SUBCASE("round trip; the ciphertext is much smaller than the book") {
        CipherResult sealed = cipher.seal(book);
        REQUIRE(sealed.ok);
        CHECK(sealed.text.find("\"compression\":\"deflate-raw\"") != std::string::npos);
        CHECK(parse_envelope(sealed.text).value->ciphertext.size() * 5 < book.size());
        EnvelopeCipher reader(*crypto, "pass", 1);
        CipherResult opened = reader.open(sealed.text);
        REQUIRE(opened.ok);
        CHECK(opened.text == book);
    }
    SUBCASE("an envelope without \"compression\" (older writers) still opens") {
        std::string text = uncompressed(book, "");
        CHECK(text.find("compression") == std::string::npos);
        CipherResult opened = cipher.open(text);
        REQUIRE(opened.ok);
        CHECK(opened.text == book);
    }
    SUBCASE("a compressed envelope whose payload does not inflate: a clear message") {
        CipherResult opened = cipher.open(uncompressed(book, "deflate-raw"));  // says compressed, is not
        CHECK_FALSE(opened.ok);
        CHECK(opened.text.empty());
        CHECK(opened.error.find("decompress") != std::string::npos);
        std::string packed;
        REQUIRE(crypto->deflate_raw(book, packed));
        CHECK_FALSE(cipher.open(uncompressed(packed.substr(0, packed.size() / 2), "deflate-raw")).ok);  // truncated
        CHECK_FALSE(cipher.open(uncompressed(packed + "x", "deflate-raw")).ok);  // trailing bytes
        CHECK(cipher.open(uncompressed(packed, "deflate-raw")).text == book);
    }
    SUBCASE("an unknown compression is refused with its pointer") {
        std::string text = uncompressed(book, "");
        text.insert(text.find("\"ciphertext\""), "\"compression\":\"gzip\",");
        auto r = parse_envelope(text);
        CHECK_FALSE(r.value);
        CHECK(has_problem(r.problems, "/compression", "deflate-raw"));
        CHECK_FALSE(cipher.open(text).ok);
    }
    SUBCASE("inflating is bounded") {
        std::string out;
        std::string zeros(std::size_t(4) << 20, '0'), packed;
        REQUIRE(crypto->deflate_raw(zeros, packed));
        CHECK(packed.size() < zeros.size() / 100);
        CHECK_FALSE(crypto->inflate_raw(packed, zeros.size() - 1, out));
        CHECK(out.empty());
        REQUIRE(crypto->inflate_raw(packed, zeros.size(), out));
        CHECK(out == zeros);
    }
}

#endif  // PORTAL_HAVE_NET

#ifdef PORTAL_HAVE_NET
TEST_CASE("envelope: the PBKDF2 key is derived once per salt and passphrase, and reused") {
    struct Counting : CryptoBackend {
        std::unique_ptr<CryptoBackend> real = make_openssl_crypto();
        int derivations = 0;
        bool random_bytes(std::string& out, std::size_t n) override { return real->random_bytes(out, n); }
        bool pbkdf2_sha256(const std::string& p, const std::string& s, int i, std::string& k) override {
            ++derivations;
            return real->pbkdf2_sha256(p, s, i, k);
        }
        bool aes256_gcm_seal(const std::string& k, const std::string& n, std::string_view p, std::string& c) override {
            return real->aes256_gcm_seal(k, n, p, c);
        }
        bool aes256_gcm_open(const std::string& k, const std::string& n, std::string_view c, std::string& p) override {
            return real->aes256_gcm_open(k, n, c, p);
        }
    } crypto;
    EnvelopeCipher client(crypto, "pass", 1000);
    CipherResult first = client.seal("{\"v\":1}");
    REQUIRE(first.ok);
    CHECK(crypto.derivations == 1);
    // Opening what it wrote, and writing again: the same salt, the same key, a fresh nonce.
    REQUIRE(client.open(first.text).ok);
    CipherResult second = client.seal("{\"v\":2}");
    REQUIRE(second.ok);
    CHECK(crypto.derivations == 1);
    CHECK(parse_envelope(second.text).value->salt == parse_envelope(first.text).value->salt);
    CHECK(parse_envelope(second.text).value->nonce != parse_envelope(first.text).value->nonce);
    // Another writer's salt costs one derivation, once.
    Counting other_crypto;
    EnvelopeCipher other(other_crypto, "pass", 1000);
    CipherResult theirs = other.seal("{\"v\":3}");
    REQUIRE(client.open(theirs.text).ok);
    REQUIRE(client.open(theirs.text).ok);
    CHECK(crypto.derivations == 2);
}
#endif

TEST_CASE("digest_shaped: only what digest_etag can produce") {
    CHECK(digest_shaped(digest_etag("v4")));
    CHECK(digest_shaped(digest_etag("")));
    CHECK_FALSE(digest_shaped(""));
    CHECK_FALSE(digest_shaped("W/" + digest_etag("v4")));             // weak
    CHECK_FALSE(digest_shaped("\"1b2c-5f3a9e8d7c6b5\""));               // Apache's inode-size-mtime
    CHECK_FALSE(digest_shaped("\"gJD9NoyDgv1LIWxbqgTJl2nfzEk\""));     // no padding
    CHECK_FALSE(digest_shaped("\"gJD9NoyDgv1LIWxbqgTJl2nfz!k=\""));
}
