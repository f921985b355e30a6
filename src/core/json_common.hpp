// Internal to the json_*.cpp files: names for expected kinds and the cross-record helpers.
#pragma once

#include <string>
#include <string_view>
#include <cstdint>
#include <vector>

#include "core/json_reader.hpp"

namespace portal::jsonr {

// What a member must be, as said in messages ("must be a string, got an object").
inline constexpr const char* kStr = "a string";
inline constexpr const char* kId = "a non-empty string";
inline constexpr const char* kDate = "a date string (YYYY-MM-DD)";
inline constexpr const char* kMoney = "a whole number of minor units (cents)";
inline constexpr const char* kBool = "true or false";
inline constexpr const char* kInt = "a whole number";
inline constexpr const char* kCode = "a code string";

inline bool has_problem_at(const Ctx& ctx, std::string_view pointer) {
    for (const Problem& p : ctx.problems)
        if (p.pointer == pointer) return true;
    return false;
}

inline std::string at(const char* base, std::size_t index) { return std::string(base) + "/" + std::to_string(index); }
inline std::string at(const char* base, std::size_t index, const char* member) {
    return at(base, index) + "/" + member;
}

// Ids seen so far, each with where it was first seen; a second use is reported at
// base/index/member. An open-addressing table of pointers to the records' own strings (no
// allocation per id: a book holds a million of them), so records must not move meanwhile.
class IdRegistry {
public:
    explicit IdRegistry(Ctx& ctx, const char* member = "id", const char* what = "id")
        : ctx_(ctx), member_(member), what_(what) {}
    void reserve(std::size_t n) {
        if (n * 2 > slots_.size()) rehash(n * 2);
    }
    bool add(const std::string& id, const char* base, std::size_t index) {
        if (id.empty()) return false;  // already reported as missing or empty
        if ((count_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 16 : slots_.size() * 2);
        std::uint32_t h = hash(id);
        std::size_t mask = slots_.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            Slot& s = slots_[i];
            if (!s.key) {
                s = Slot{&id, h, base, index};
                ++count_;
                return true;
            }
            if (s.hash == h && *s.key == id) {
                ctx_.add(at(base, index, member_), std::string("duplicate ") + what_ + " " + quote(id) +
                                                       " (also used by " + at(s.base, s.index) + ")");
                return false;
            }
        }
    }
    bool contains(std::string_view id) const { return find(id) != nullptr; }
    // The position of the record that first used `id`, or null.
    const std::size_t* position(std::string_view id) const {
        const Slot* s = find(id);
        return s ? &s->index : nullptr;
    }

private:
    struct Slot {
        const std::string* key = nullptr;
        std::uint32_t hash = 0;
        const char* base = nullptr;
        std::size_t index = 0;
    };
    const Slot* find(std::string_view id) const {
        if (slots_.empty()) return nullptr;
        std::uint32_t h = hash(id);
        std::size_t mask = slots_.size() - 1;
        for (std::size_t i = h & mask; slots_[i].key; i = (i + 1) & mask)
            if (slots_[i].hash == h && *slots_[i].key == id) return &slots_[i];
        return nullptr;
    }
    static std::uint32_t hash(std::string_view s) {
        std::uint32_t h = 2166136261u;  // FNV-1a, then murmur3's finaliser to spread the low bits
        for (unsigned char c : s) h = (h ^ c) * 16777619u;
        h ^= h >> 16;
        h *= 0x85ebca6bu;
        h ^= h >> 13;
        h *= 0xc2b2ae35u;
        h ^= h >> 16;
        return h;
    }
    void rehash(std::size_t want) {
        std::size_t cap = 16;
        while (cap < want) cap *= 2;
        std::vector<Slot> old = std::move(slots_);
        slots_.assign(cap, Slot{});
        for (const Slot& s : old) {
            if (!s.key) continue;
            std::size_t i = s.hash & (cap - 1);
            while (slots_[i].key) i = (i + 1) & (cap - 1);
            slots_[i] = s;
        }
    }
    Ctx& ctx_;
    const char* member_;
    const char* what_;
    std::vector<Slot> slots_;
    std::size_t count_ = 0;
};

}  // namespace portal::jsonr
