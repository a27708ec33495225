// Private: where a CSV text's commas, line feeds and quotes are, 64 bytes at a time (CsvReader's
// scan of plain fields; csv.cpp). Two implementations of one definition: the SSE2 one that x86-64
// always has, and a portable one (eight bytes in a word) for other machines, which tests compare.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace actorgraph::detail {

inline constexpr std::size_t csv_block_bytes = 64;

// Bit i set where p[i] is ',', '\n' or '"', for the 64 bytes at p. A word's bytes are tested
// for zero after XOR with the byte sought, exactly for every byte (no borrow between bytes:
// ((x & 0x7F..) + 0x7F..) | x has a byte's high bit clear only where the byte is 0), and the
// eight high bits are gathered into eight bits by one multiplication.
inline std::uint64_t csv_special_bytes_portable(const char* p) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ull, lows = 0x7F7F7F7F7F7F7F7Full;
  const auto zero_bytes = [](std::uint64_t x) { return ~(((x & lows) + lows) | x | lows); };
  std::uint64_t mask = 0;
  for (std::size_t w = 0; w < 8; ++w) {
    std::uint64_t word;
    std::memcpy(&word, p + 8 * w, 8);
    if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
    const std::uint64_t found = zero_bytes(word ^ (ones * ',')) | zero_bytes(word ^ (ones * '\n')) | zero_bytes(word ^ (ones * '"'));
    mask |= (((found >> 7) * 0x0102040810204080ull) >> 56) << (8 * w);
  }
  return mask;
}

inline std::uint64_t csv_special_bytes(const char* p) noexcept {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(','), line_feed = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"');
  std::uint64_t mask = 0;
  for (int k = 0; k < 4; ++k) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i found =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, comma), _mm_cmpeq_epi8(bytes, line_feed)), _mm_cmpeq_epi8(bytes, quote));
    mask |= std::uint64_t{static_cast<std::uint16_t>(_mm_movemask_epi8(found))} << (16 * k);
  }
  return mask;
#else
  return csv_special_bytes_portable(p);
#endif
}

}  // namespace actorgraph::detail
