#include "sync/envelope.hpp"

#include <cstring>

#include "sync/base64.hpp"

namespace portal::sync {

void wipe(std::string& secret) {
    volatile char* p = secret.data();
    for (std::size_t i = 0; i < secret.size(); ++i) p[i] = 0;
    secret.clear();
}

// [SECTION] Format --------------------------------------------------------------------------

namespace {

// A required string member that must equal `expected`.
void expect_name(const Json& obj, const char* key, const char* expected, const std::string& at, Problems& problems) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        problems.push_back({at + "/" + key, "missing (expected \"" + std::string(expected) + "\")"});
    } else if (!it->is_string() || it->get<std::string>() != expected) {
        problems.push_back({at + "/" + key, "must be \"" + std::string(expected) + "\""});
    }
}

// Base64 text that must decode to `exact` bytes (or at least `min` when exact is 0).
std::string decode_bytes(std::string_view text, std::size_t exact, std::size_t min, const std::string& pointer,
                         Problems& problems) {
    auto bytes = base64_decode(text);
    if (!bytes) {
        problems.push_back({pointer, "is not valid base64"});
        return {};
    }
    if (exact && bytes->size() != exact) {
        problems.push_back({pointer, "must decode to " + std::to_string(exact) + " bytes, not " + std::to_string(bytes->size())});
        return {};
    }
    if (bytes->size() < min) {
        problems.push_back({pointer, "is too short (at least " + std::to_string(min) + " bytes with the tag)"});
        return {};
    }
    return std::move(*bytes);
}

// A required base64 member; `exact` bytes (or at least `min` when exact is 0).
std::string expect_bytes(const Json& obj, const char* key, std::size_t exact, std::size_t min, const std::string& at,
                         Problems& problems) {
    std::string pointer = at + "/" + key;
    auto it = obj.find(key);
    if (it == obj.end()) {
        problems.push_back({pointer, "missing"});
        return {};
    }
    if (!it->is_string()) {
        problems.push_back({pointer, "must be a base64 string"});
        return {};
    }
    return decode_bytes(it->get_ref<const std::string&>(), exact, min, pointer, problems);
}

// The end of the JSON string whose opening quote is at `open` (the closing quote's index), or
// npos; `escaped` tells whether it holds a backslash.
std::size_t string_end(std::string_view text, std::size_t open, bool& escaped) {
    escaped = false;
    std::size_t i = open + 1;
    while (true) {
        // memchr, not find_first_of: the ciphertext string is ~150 MB of base64.
        const void* q = i < text.size() ? std::memchr(text.data() + i, '"', text.size() - i) : nullptr;
        if (!q) return std::string_view::npos;
        std::size_t quote = static_cast<std::size_t>(static_cast<const char*>(q) - text.data());
        const void* bs = std::memchr(text.data() + i, '\\', quote - i);
        if (!bs) return quote;
        escaped = true;
        i = static_cast<std::size_t>(static_cast<const char*>(bs) - text.data()) + 2;  // skip the escaped character
    }
}

std::size_t skip_space(std::string_view text, std::size_t i) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
    return i;
}

// Where the top-level "ciphertext" member's string contents are: [begin, end), or {0, 0}.
std::pair<std::size_t, std::size_t> ciphertext_span(std::string_view text) {
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == '"') {
            bool escaped;
            std::size_t end = string_end(text, i, escaped);
            if (end == std::string_view::npos) return {0, 0};
            if (depth == 1 && !escaped && text.substr(i + 1, end - i - 1) == "ciphertext") {
                std::size_t colon = skip_space(text, end + 1);
                if (colon < text.size() && text[colon] == ':') {
                    std::size_t open = skip_space(text, colon + 1);
                    if (open >= text.size() || text[open] != '"') return {0, 0};
                    std::size_t close = string_end(text, open, escaped);
                    if (close == std::string_view::npos || escaped) return {0, 0};
                    return {open + 1, close};
                }
            }
            i = end;
        }
    }
    return {0, 0};
}

const Json* expect_object(const Json& doc, const char* key, Problems& problems) {
    auto it = doc.find(key);
    if (it == doc.end()) {
        problems.push_back({std::string("/") + key, "missing"});
        return nullptr;
    }
    if (!it->is_object()) {
        problems.push_back({std::string("/") + key, "must be an object"});
        return nullptr;
    }
    return &*it;
}

}  // namespace

EnvelopeMembers envelope_members(std::string_view text) {
    EnvelopeMembers out;
    auto [begin, end] = ciphertext_span(text);
    if (end > begin) {
        std::string rest;
        rest.reserve(text.size() - (end - begin));
        rest.append(text.substr(0, begin)).append(text.substr(end));
        out.members = Json::parse(rest, nullptr, false);
        if (!out.members.is_discarded()) {
            out.ciphertext = text.substr(begin, end - begin);
            return out;
        }
    }
    out.members = Json::parse(text.begin(), text.end(), nullptr, false);
    return out;
}

EnvelopeRead parse_envelope(std::string_view text) {
    EnvelopeRead r;
    EnvelopeMembers parsed = envelope_members(text);
    const Json& doc = parsed.members;
    if (doc.is_discarded()) {
        r.problems.push_back({"", "not valid JSON (is this an encrypted book file?)"});
        return r;
    }
    if (!doc.is_object()) {
        r.problems.push_back({"", "must be a JSON object"});
        return r;
    }
    Envelope e;
    auto schema = doc.find("schema");
    if (schema == doc.end() || !schema->is_string()) {
        r.problems.push_back({"/schema", "missing (expected \"portal-envelope/1\")"});
    } else if (schema->get<std::string>() != kEnvelopeSchema) {
        r.problems.push_back({"/schema", "unsupported \"" + schema->get<std::string>() + "\" (expected \"portal-envelope/1\")"});
    }
    if (const Json* kdf = expect_object(doc, "kdf", r.problems)) {
        expect_name(*kdf, "name", "PBKDF2", "/kdf", r.problems);
        expect_name(*kdf, "hash", "SHA-256", "/kdf", r.problems);
        auto it = kdf->find("iterations");
        if (it == kdf->end()) {
            r.problems.push_back({"/kdf/iterations", "missing"});
        } else if (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > kMaxKdfIterations) {
            r.problems.push_back({"/kdf/iterations", "must be an integer from 1 to " + std::to_string(kMaxKdfIterations)});
        } else {
            e.iterations = it->get<int>();
        }
        e.salt = expect_bytes(*kdf, "salt", kSaltBytes, 0, "/kdf", r.problems);
    }
    if (const Json* cipher = expect_object(doc, "cipher", r.problems)) {
        expect_name(*cipher, "name", "AES-GCM", "/cipher", r.problems);
        e.nonce = expect_bytes(*cipher, "nonce", kNonceBytes, 0, "/cipher", r.problems);
    }
    if (auto it = doc.find("compression"); it != doc.end()) {
        if (!it->is_string() || it->get_ref<const std::string&>() != kDeflateRaw)
            r.problems.push_back({"/compression", "unsupported (this version reads \"deflate-raw\" or no compression)"});
        else
            e.compression = kDeflateRaw;
    }
    if (parsed.ciphertext)
        e.ciphertext = decode_bytes(*parsed.ciphertext, 0, kTagBytes, "/ciphertext", r.problems);
    else
        e.ciphertext = expect_bytes(doc, "ciphertext", 0, kTagBytes, "", r.problems);
    if (r.problems.empty()) r.value = std::move(e);
    return r;
}

std::string format_envelope(const Envelope& e) {
    // Member order as documented (nlohmann's ordered_json keeps insertion order).
    nlohmann::ordered_json doc;
    doc["schema"] = kEnvelopeSchema;
    doc["kdf"] = {{"name", "PBKDF2"}, {"hash", "SHA-256"}, {"iterations", e.iterations}, {"salt", base64_encode(e.salt)}};
    doc["cipher"] = {{"name", "AES-GCM"}, {"nonce", base64_encode(e.nonce)}};
    if (!e.compression.empty()) doc["compression"] = e.compression;
    doc["ciphertext"] = "";
    // The same bytes as dumping the document with the ciphertext in it (base64 needs no escaping),
    // without copying and scanning ~150 MB through the serializer.
    std::string head = doc.dump();  // ...,"ciphertext":""}
    std::string out;
    std::size_t b64 = (e.ciphertext.size() + 2) / 3 * 4;
    out.reserve(head.size() + b64 + 1);
    out.append(head, 0, head.size() - 2).append(base64_encode(e.ciphertext)).append("\"}\n");
    return out;
}

// [SECTION] EnvelopeCipher -------------------------------------------------------------------

EnvelopeCipher::EnvelopeCipher(CryptoBackend& backend, std::string passphrase, int iterations)
    : backend_(backend), passphrase_(std::move(passphrase)), iterations_(iterations) {}

EnvelopeCipher::~EnvelopeCipher() {
    wipe(passphrase_);
    for (auto& k : keys_) wipe(k.key);
}

const EnvelopeCipher::CachedKey* EnvelopeCipher::key_for(const std::string& salt, int iterations, std::string& error) {
    for (const auto& k : keys_)
        if (k.salt == salt && k.iterations == iterations) return &k;
    CachedKey k;
    k.salt = salt;
    k.iterations = iterations;
    if (!backend_.pbkdf2_sha256(passphrase_, salt, iterations, k.key) || k.key.size() != kKeyBytes) {
        error = "key derivation (PBKDF2-SHA-256) failed";
        return nullptr;
    }
    if (keys_.size() >= 4) {
        wipe(keys_.front().key);
        keys_.erase(keys_.begin());
    }
    keys_.push_back(std::move(k));
    return &keys_.back();
}

CipherResult EnvelopeCipher::seal(std::string_view plaintext) {
    CipherResult r;
    if (passphrase_.empty()) {
        r.error = "no passphrase given: the private book is never sent unencrypted";
        return r;
    }
    Envelope e;
    e.iterations = iterations_;
    const CachedKey* key = nullptr;
    for (auto it = keys_.rbegin(); it != keys_.rend(); ++it)
        if (it->iterations == iterations_) {
            key = &*it;
            break;
        }
    if (key) {
        e.salt = key->salt;
    } else {
        if (!backend_.random_bytes(e.salt, kSaltBytes)) {
            r.error = "no random numbers available for the salt";
            return r;
        }
        key = key_for(e.salt, iterations_, r.error);
        if (!key) return r;
    }
    if (!backend_.random_bytes(e.nonce, kNonceBytes)) {
        r.error = "no random numbers available for the nonce";
        return r;
    }
    std::string packed;
    if (backend_.deflate_raw(plaintext, packed)) {
        e.compression = kDeflateRaw;
        plaintext = packed;
    }
    if (!backend_.aes256_gcm_seal(key->key, e.nonce, plaintext, e.ciphertext)) {
        r.error = "encryption (AES-256-GCM) failed";
        return r;
    }
    r.ok = true;
    r.text = format_envelope(e);
    return r;
}

CipherResult EnvelopeCipher::open(std::string_view envelope_text) {
    CipherResult r;
    EnvelopeRead read = parse_envelope(envelope_text);
    if (!read.value) {
        r.problems = std::move(read.problems);
        r.error = "not a valid portal-envelope/1 file";
        return r;
    }
    if (passphrase_.empty()) {
        r.error = "the book is encrypted: a passphrase is needed";
        return r;
    }
    const Envelope& e = *read.value;
    const CachedKey* key = key_for(e.salt, e.iterations, r.error);
    if (!key) return r;
    if (!backend_.aes256_gcm_open(key->key, e.nonce, e.ciphertext, r.text)) {
        r.text.clear();
        r.error = "cannot decrypt the book: wrong passphrase, or the file was altered after it was encrypted";
        return r;
    }
    if (e.compression == kDeflateRaw) {
        std::string packed = std::move(r.text);
        if (!backend_.inflate_raw(packed, kMaxPlaintextBytes, r.text)) {
            r.text.clear();
            r.error = "cannot decompress the decrypted book (deflate-raw): it is damaged or larger than " +
                      std::to_string(kMaxPlaintextBytes >> 20) + " MiB";
            return r;
        }
    }
    r.ok = true;
    return r;
}

}  // namespace portal::sync
