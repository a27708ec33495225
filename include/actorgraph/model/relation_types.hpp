// The vocabulary of relation types: the built-in types every dataset has, plus those a dataset
// declares in types.csv. Each type fixes the default direction of its relations and what an empty
// `end` date means (docs/FORMAT.md, "Time").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actorgraph {

using TypeId = std::uint16_t;

struct RelationType {
  std::string id;
  std::string description;
  bool directed = true;  // default direction of relations of this type
  bool ongoing = false;  // an empty `end` means "still active" (true) or "a point event" (false)
  bool builtin = false;
};

class RelationTypes {
 public:
  // The built-in vocabulary only.
  RelationTypes();

  static const std::vector<RelationType>& builtins();

  // Adds a declared type; throws UsageError when the id is taken or past 65535 types.
  TypeId add(RelationType type);

  std::optional<TypeId> find(std::string_view id) const noexcept;
  const RelationType& operator[](TypeId t) const noexcept { return types_[t]; }
  std::size_t size() const noexcept { return types_.size(); }
  const std::vector<RelationType>& all() const noexcept { return types_; }

 private:
  std::vector<RelationType> types_;
};

}  // namespace actorgraph
