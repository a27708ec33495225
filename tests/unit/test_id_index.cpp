#include "actorgraph/model/id_index.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cstdint>
#include <cstring>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

using namespace actorgraph;

namespace {

TextColumn column_of(const std::vector<std::string>& ids) {
  TextColumn column;
  for (const auto& id : ids) column.push_back(id);
  return column;
}

}  // namespace

TEST_CASE("An id index finds what was inserted and refuses a second insert of an id", "[model][id_index]") {
  const std::vector<std::string> ids{"a",        "",          "russia", "r1", "r10", "abcdefg",
                                     "abcdefgh", "abcdefghi", std::string("abcdefgh\0x", 10), "russia"};
  const TextColumn column = column_of(ids);
  IdIndex index;
  CHECK_FALSE(index.find(column, "a").has_value());  // empty index
  for (std::uint32_t i = 0; i + 1 < ids.size(); ++i) CHECK_FALSE(index.insert(column, i).has_value());
  CHECK(index.size() == ids.size() - 1);
  for (std::uint32_t i = 0; i + 1 < ids.size(); ++i) CHECK(index.find(column, ids[i]) == i);
  // Ids that differ only past the first 8-byte word, or in length, are different ids.
  CHECK_FALSE(index.find(column, "abcdefgj").has_value());
  CHECK_FALSE(index.find(column, "abcdefghij").has_value());
  CHECK_FALSE(index.find(column, "r100").has_value());
  // A second insert of an id (row 9 repeats row 2) keeps the first row and says what it is.
  CHECK(index.insert(column, 9) == 2u);
  CHECK(index.find(column, "russia") == 2u);
  CHECK(index.size() == ids.size() - 1);
}

TEST_CASE("An id index agrees with a hash map over many ids as it grows", "[model][id_index]") {
  std::vector<std::string> ids;
  for (int i = 0; i < 100000; ++i) ids.push_back((i % 3 ? "actor_" : "r") + std::to_string(i * 7919 % 100003));
  const TextColumn column = column_of(ids);
  IdIndex index;
  std::unordered_map<std::string, std::uint32_t> reference;
  for (std::uint32_t i = 0; i < ids.size(); ++i) {
    const auto [it, inserted] = reference.emplace(ids[i], i);
    const auto first = index.insert(column, i);
    REQUIRE(first.has_value() == !inserted);
    if (first) REQUIRE(*first == it->second);
  }
  CHECK(index.size() == reference.size());
  for (const auto& [id, number] : reference) REQUIRE(index.find(column, id) == number);
  CHECK_FALSE(index.find(column, "actor_100003").has_value());

  IdIndex reserved;
  reserved.reserve(column, ids.size());
  for (std::uint32_t i = 0; i < ids.size(); ++i) reserved.insert(column, i);
  for (const auto& [id, number] : reference) REQUIRE(reserved.find(column, id) == number);
}

TEST_CASE("An id index keeps working when copied or moved, with its column", "[model][id_index]") {
  const TextColumn column = column_of({"x", "y", "z"});
  IdIndex index;
  for (std::uint32_t i = 0; i < 3; ++i) index.insert(column, i);
  const IdIndex copy = index;
  IdIndex moved = std::move(index);
  const TextColumn moved_column = column;
  for (const IdIndex* i : {&copy, static_cast<const IdIndex*>(&moved)}) {
    CHECK(i->find(moved_column, "y") == 1u);
    CHECK_FALSE(i->find(moved_column, "w").has_value());
  }
}

TEST_CASE("The id hash is fixed, so the index is the same on every run", "[model][id_index]") {
  // Values of this implementation: a change of hash is a deliberate change of this test.
  CHECK(IdIndex::hash("") == IdIndex::hash(std::string_view()));
  CHECK(IdIndex::hash("tajikistan") == IdIndex::hash(std::string("tajikistan")));
  CHECK(IdIndex::hash("tajikistan") != IdIndex::hash("tajikistam"));
  CHECK(IdIndex::hash("a") != IdIndex::hash(std::string_view("a\0", 2)));  // the length counts
  if constexpr (std::endian::native == std::endian::little) {              // the words are read in machine order
    CHECK(IdIndex::hash("r00000001") == 0x7DE892E4D9598D96ull);
    CHECK(IdIndex::hash("s00230") == 0x8526C8BDCE96AABAull);
    CHECK(IdIndex::hash("tajikistan") == 0x3AE2D50BA9076878ull);
    CHECK(IdIndex::hash("a") == 0x47D1E6B392F8636Dull);
  }
}

// The hash as defined: 8-byte words in machine order, then the last 1 to 7 bytes copied into a
// zeroed word; the index reads that last word without a call to memcpy (id_index.cpp, load_tail),
// which must give the same value for every length and every byte, high bit set or not.
namespace {
std::uint64_t defined_hash(std::string_view text) {
  constexpr std::uint64_t multiplier = 0x9E3779B97F4A7C15ull;
  std::uint64_t h = text.size() * multiplier;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    h = (h ^ word) * multiplier;
    h ^= h >> 29;
  }
  if (i < text.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, text.size() - i);
    h = (h ^ word) * multiplier;
  }
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  h *= 0xC4CEB9FE1A85EC53ull;
  h ^= h >> 33;
  return h;
}
}  // namespace

TEST_CASE("The id hash reads an id's last bytes as its definition says, at every length", "[model][id_index]") {
  std::string bytes;
  for (int i = 0; i < 40; ++i) bytes.push_back(static_cast<char>(i * 73 + 0x41));  // high bits set and clear
  for (std::size_t from = 0; from < 8; ++from)
    for (std::size_t n = 0; from + n <= bytes.size(); ++n) {
      const std::string_view id = std::string_view(bytes).substr(from, n);
      INFO("bytes " << from << " to " << from + n);
      REQUIRE(IdIndex::hash(id) == defined_hash(id));
    }
}

TEST_CASE("Inserting rows in one call and finding many ids at once give what one by one gives", "[model][id_index]") {
  // 5000 rows of 4001 distinct ids (so about one in five repeats an earlier row), every 97th id
  // empty, ids past one 8-byte word; then lookups of present, absent and empty ids in batches of
  // sizes around the lookup's lag and ring (8 and 32).
  std::vector<std::string> ids;
  for (int i = 0; i < 5000; ++i) ids.push_back(i % 97 == 0 ? std::string() : "actor_" + std::to_string(i * 31 % 4001));
  const TextColumn column = column_of(ids);
  IdIndex one_by_one, together;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> expected, repeats;
  for (std::uint32_t i = 0; i < ids.size(); ++i)
    if (!ids[i].empty())
      if (const auto first = one_by_one.insert(column, i)) expected.emplace_back(i, *first);
  together.insert_rows(column, 0, 2000, [&](std::uint32_t row, std::uint32_t first) { repeats.emplace_back(row, first); });
  together.insert_rows(column, 2000, static_cast<std::uint32_t>(ids.size()),
                       [&](std::uint32_t row, std::uint32_t first) { repeats.emplace_back(row, first); });
  REQUIRE(!expected.empty());
  CHECK(repeats == expected);
  CHECK(together.size() == one_by_one.size());

  std::vector<std::string> wanted;
  for (int i = 0; i < 4100; i += 3) wanted.push_back("actor_" + std::to_string(i));  // some past 4000: absent
  wanted.push_back("");
  wanted.push_back("actor_");
  for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{8}, std::size_t{25}, std::size_t{33}, wanted.size()}) {
    std::vector<std::string_view> keys(wanted.begin(), wanted.begin() + static_cast<std::ptrdiff_t>(n));
    std::vector<std::optional<std::uint32_t>> rows(n, 12345u);
    together.find_many(column, keys, rows);
    std::size_t found = 0;
    for (std::size_t i = 0; i < n; ++i) {
      REQUIRE(rows[i] == one_by_one.find(column, keys[i]));
      found += rows[i].has_value();
    }
    if (n == wanted.size()) CHECK((found > 0 && found < n));
  }
  // An empty index finds nothing.
  std::vector<std::string_view> keys{"actor_1", ""};
  std::vector<std::optional<std::uint32_t>> rows(2, 0u);
  IdIndex().find_many(column, keys, rows);
  CHECK((!rows[0] && !rows[1]));
}
