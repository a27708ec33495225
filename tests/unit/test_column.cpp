// Column (model/column.hpp): owned or a view of storage kept alive elsewhere, the same to read.
#include "actorgraph/model/column.hpp"
#include "actorgraph/model/text.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <vector>

using namespace actorgraph;

TEST_CASE("A column owns a vector: copies are deep, moves keep the values where they are", "[model][column]") {
  Column<int> column(std::vector<int>{1, 2, 3});
  const int* before = column.data();
  Column<int> copy = column;
  CHECK(copy.data() != column.data());
  copy.edit()[0] = 9;
  CHECK(column[0] == 1);
  Column<int> moved = std::move(column);
  CHECK(moved.data() == before);  // a view taken before the move is still good
  CHECK(std::vector<int>(moved.begin(), moved.end()) == std::vector<int>{1, 2, 3});
  CHECK(column.empty());  // NOLINT(bugprone-use-after-move): the moved-from column is empty
  moved.push_back(4);
  moved.append(copy.begin(), copy.end());
  CHECK(std::vector<int>(moved.begin(), moved.end()) == std::vector<int>{1, 2, 3, 4, 9, 2, 3});
  CHECK_FALSE(moved.is_view());
}

TEST_CASE("A column viewing storage keeps it alive, and copies it before any change", "[model][column]") {
  auto storage = std::make_shared<std::vector<int>>(std::vector<int>{5, 6, 7});
  std::weak_ptr<std::vector<int>> alive = storage;
  Column<int> view(std::span<const int>(*storage), storage);
  storage.reset();
  REQUIRE_FALSE(alive.expired());  // the view keeps it
  CHECK(view.is_view());
  Column<int> copy = view;  // a copy is another view of the same storage
  CHECK(copy.data() == view.data());
  view.edit()[1] = 60;  // a write copies first: the storage and the other view are unchanged
  CHECK_FALSE(view.is_view());
  CHECK(view[1] == 60);
  CHECK(copy[1] == 6);  // reading a non-const view copies nothing
  CHECK(copy.is_view());
  CHECK(alive.lock()->at(1) == 6);
  copy = Column<int>();
  CHECK(alive.expired());  // the last view is gone, and so is the storage
}

TEST_CASE("Column::zeros and TextColumn::empty_values read as zeros and empty text", "[model][column]") {
  const Column<std::uint32_t> zeros = Column<std::uint32_t>::zeros(100000);
  REQUIRE(zeros.size() == 100000);
  CHECK(zeros.is_view());
  for (const std::uint32_t z : zeros) REQUIRE(z == 0);
  TextColumn empty = TextColumn::empty_values(3);
  REQUIRE(empty.size() == 3);
  CHECK(empty.bytes() == 0);
  for (std::size_t i = 0; i < 3; ++i) CHECK(empty[i].empty());
  empty.push_back("x");  // a mutation owns its values first
  REQUIRE(empty.size() == 4);
  CHECK(empty[2].empty());
  CHECK(empty[3] == "x");
  CHECK(TextColumn::empty_values(0).empty());
}
