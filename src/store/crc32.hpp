// CRC-32 (IEEE 802.3, the zlib/PNG polynomial) for journal lines and snapshot bodies: it only has
// to catch torn writes and bit rot, not attackers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace portal::store {

std::uint32_t crc32(std::string_view data);
std::string crc32_hex(std::string_view data);  // 8 lower-case hex digits

}  // namespace portal::store
