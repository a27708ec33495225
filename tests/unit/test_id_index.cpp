#include "actorgraph/model/id_index.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <unordered_map>
#include <vector>

using namespace actorgraph;

TEST_CASE("An id index finds what was inserted and refuses a second insert of an id", "[model][id_index]") {
  IdIndex index;
  CHECK_FALSE(index.find("a").has_value());  // empty index
  const std::vector<std::string> ids{"a", "", "russia", "r1", "r10", "abcdefg", "abcdefgh", "abcdefghi", std::string("abcdefgh\0x", 10)};
  for (std::uint32_t i = 0; i < ids.size(); ++i) CHECK_FALSE(index.insert(ids[i], i).has_value());
  CHECK(index.size() == ids.size());
  for (std::uint32_t i = 0; i < ids.size(); ++i) CHECK(index.find(ids[i]) == i);
  // Ids that differ only past the first 8-byte word, or in length, are different ids.
  CHECK_FALSE(index.find("abcdefgj").has_value());
  CHECK_FALSE(index.find("abcdefghij").has_value());
  CHECK_FALSE(index.find("r100").has_value());
  // A second insert of an id keeps the first number and says what it is.
  const std::string again = "russia";
  CHECK(index.insert(again, 99) == 2u);
  CHECK(index.find("russia") == 2u);
  CHECK(index.size() == ids.size());
}

TEST_CASE("An id index agrees with a hash map over many ids as it grows", "[model][id_index]") {
  std::vector<std::string> ids;
  for (int i = 0; i < 100000; ++i) ids.push_back((i % 3 ? "actor_" : "r") + std::to_string(i * 7919 % 100003));
  IdIndex index;
  std::unordered_map<std::string, std::uint32_t> reference;
  for (std::uint32_t i = 0; i < ids.size(); ++i) {
    const auto [it, inserted] = reference.emplace(ids[i], i);
    const auto first = index.insert(ids[i], i);
    REQUIRE(first.has_value() == !inserted);
    if (first) REQUIRE(*first == it->second);
  }
  CHECK(index.size() == reference.size());
  for (const auto& [id, number] : reference) REQUIRE(index.find(id) == number);
  CHECK_FALSE(index.find("actor_100003").has_value());

  IdIndex reserved;
  reserved.reserve(ids.size());
  for (std::uint32_t i = 0; i < ids.size(); ++i) reserved.insert(ids[i], i);
  for (const auto& [id, number] : reference) REQUIRE(reserved.find(id) == number);
}

TEST_CASE("The id hash is fixed, so the index is the same on every run", "[model][id_index]") {
  // Values of this implementation: a change of hash is a deliberate change of this test.
  CHECK(IdIndex::hash("") == IdIndex::hash(std::string_view()));
  CHECK(IdIndex::hash("tajikistan") == IdIndex::hash(std::string("tajikistan")));
  CHECK(IdIndex::hash("tajikistan") != IdIndex::hash("tajikistam"));
  CHECK(IdIndex::hash("a") != IdIndex::hash(std::string_view("a\0", 2)));  // the length counts
}
