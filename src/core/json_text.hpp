// Internal to src/core (the json_*.cpp files, the public export): writing JSON text straight
// into one std::string, byte for byte what nlohmann's dump() (compact, ensure_ascii off, invalid UTF-8 replaced) gives for the
// same values, without building a DOM first (a 100,000-organisation book is ~110 MB of text).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/model.hpp"

namespace portal::jsont {

// A JSON string: '"' and '\\' escaped, \b \f \n \r \t, other control characters as \u00xx,
// everything else (UTF-8 included) as is. A string that is not valid UTF-8 goes through
// nlohmann's dump, which replaces the bad bytes with U+FFFD in its own way.
void append_string(std::string& out, std::string_view s);
void append_int(std::string& out, std::int64_t v);
void append_date(std::string& out, Date d);
void append_json(std::string& out, const Json& j);  // any value, through nlohmann (rare members)

// One object whose known members are added in ascending key order (the order of nlohmann's
// std::map), merged with a record's `extra` unknown members as book_to_json's start_with does:
// an unknown member with a known member's name is replaced by it.
class ObjectWriter {
public:
    ObjectWriter(std::string& out, const Json* extra);
    // Starts member `key` (plain ASCII, no escaping needed); the caller appends its value.
    std::string& key(const char* key);
    void close();

private:
    void separator();
    std::string& out_;
    const Json::object_t* extra_ = nullptr;
    Json::object_t::const_iterator it_;
    bool first_ = true;
};

}  // namespace portal::jsont
