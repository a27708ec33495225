// The vocabulary of relation types: the built-in types every dataset has, plus those a dataset
// declares in types.csv. Each type fixes the default direction of its relations, what an empty
// `end` date means (docs/FORMAT.md, "Time"), and, for the influence measure, its default valence
// and its dimension (docs/influence.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace actorgraph {

using TypeId = std::uint16_t;

// The sign of a tie, after CAMEO's quad classes and the sign of the Goldstein (1992) scale:
// cooperative ties add to a bloc's influence, conflictual ties subtract from it (friction), neutral
// ones (structure, plain statements) count for neither.
enum class Valence : std::uint8_t { cooperative, conflictual, neutral };
// The field a tie belongs to, after the FBIC index's economic, political and security dimensions,
// plus social (education, culture, people-to-people ties).
enum class Dimension : std::uint8_t { security, political, economic, social };
inline constexpr std::size_t dimension_count = 4;

// "cooperative", "security", ...; and back (nullopt for any other text).
std::string_view valence_name(Valence v) noexcept;
std::string_view dimension_name(Dimension d) noexcept;
std::optional<Valence> parse_valence(std::string_view text) noexcept;
std::optional<Dimension> parse_dimension(std::string_view text) noexcept;

struct RelationType {
  std::string id;
  std::string description;
  bool directed = true;  // default direction of relations of this type
  bool ongoing = false;  // an empty `end` means "still active" (true) or "a point event" (false)
  bool builtin = false;
  // Declared types default to cooperative and political unless types.csv says otherwise.
  Valence valence = Valence::cooperative;
  Dimension dimension = Dimension::political;
};

namespace detail {
class SnapshotCodec;  // src/io/snapshot.cpp: stores and restores the members (io/snapshot.hpp)
}  // namespace detail

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
  friend class detail::SnapshotCodec;
  std::vector<RelationType> types_;
};

}  // namespace actorgraph
