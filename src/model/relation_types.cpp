#include "actorgraph/model/relation_types.hpp"

#include "actorgraph/error.hpp"

#include <algorithm>

namespace actorgraph {

const std::vector<RelationType>& RelationTypes::builtins() {
  // Direction convention: the acting actor -> the actor acted upon or hosting.
  static const std::vector<RelationType> types = {
      {"agreement", "an agreement, treaty, accession or memorandum signed by the two actors", false, false, true},
      {"membership", "a state or organisation is a member of, or participates in, an organisation or programme", true, true, true},
      {"affiliation", "a person, agency or unit belongs to a state or organisation (with a role); an agency's or unit's parent", true, true, true},
      {"visit", "the source visits the target, its host", true, false, true},
      {"meeting", "the two actors meet or hold talks", false, false, true},
      {"funding", "the source funds the target: grants, loans, trust funds", true, false, true},
      {"training", "the source trains or educates the target's people", true, false, true},
      {"exercise", "a joint military or civil exercise", false, false, true},
      {"troop_presence", "the source's forces are stationed in the target", true, true, true},
      {"transit", "the source's goods or forces pass through the target", true, false, true},
      {"cooperation", "cooperation in a named field", false, true, true},
      {"statement", "the source states a position about the target", true, false, true},
      {"supply", "the source delivers equipment or materiel to the target", true, false, true},
      {"representation", "the source keeps an office, mission or liaison in the target", true, true, true},
  };
  return types;
}

RelationTypes::RelationTypes() : types_(builtins()) {}

TypeId RelationTypes::add(RelationType type) {
  if (find(type.id)) throw UsageError("relation type '" + type.id + "' is already defined");
  if (types_.size() >= 65535) throw UsageError("too many relation types (at most 65535)");
  type.builtin = false;
  types_.push_back(std::move(type));
  return static_cast<TypeId>(types_.size() - 1);
}

std::optional<TypeId> RelationTypes::find(std::string_view id) const noexcept {
  for (std::size_t i = 0; i < types_.size(); ++i)
    if (types_[i].id == id) return static_cast<TypeId>(i);
  return std::nullopt;
}

}  // namespace actorgraph
