#include "actorgraph/model/relation_types.hpp"

#include "actorgraph/error.hpp"

#include <algorithm>

namespace actorgraph {

const std::vector<RelationType>& RelationTypes::builtins() {
  // Direction convention: the acting actor -> the actor acted upon or hosting. Valence and dimension
  // (docs/influence.md has the reasons): military ties are security, money economic, agreements,
  // memberships, offices, visits and talks political; affiliation is structure and a plain
  // statement has no sign until its `stance` gives one (Goldstein: "make statement" is 0).
  static const std::vector<RelationType> types = {
      {"agreement", "an agreement, treaty, accession or memorandum signed by the two actors", false, false, true, Valence::cooperative, Dimension::political},
      {"membership", "a state or organisation is a member of, or participates in, an organisation or programme", true, true, true, Valence::cooperative, Dimension::political},
      {"affiliation", "a person, agency or unit belongs to a state or organisation (with a role); an agency's or unit's parent", true, true, true, Valence::neutral, Dimension::political},
      {"visit", "the source visits the target, its host", true, false, true, Valence::cooperative, Dimension::political},
      {"meeting", "the two actors meet or hold talks", false, false, true, Valence::cooperative, Dimension::political},
      {"funding", "the source funds the target: grants, loans, trust funds", true, false, true, Valence::cooperative, Dimension::economic},
      {"training", "the source trains or educates the target's people", true, false, true, Valence::cooperative, Dimension::security},
      {"exercise", "a joint military or civil exercise", false, false, true, Valence::cooperative, Dimension::security},
      {"troop_presence", "the source's forces are stationed in the target", true, true, true, Valence::cooperative, Dimension::security},
      {"transit", "the source's goods or forces pass through the target", true, false, true, Valence::cooperative, Dimension::security},
      {"cooperation", "cooperation in a named field", false, true, true, Valence::cooperative, Dimension::political},
      {"statement", "the source states a position about the target", true, false, true, Valence::neutral, Dimension::political},
      {"supply", "the source delivers equipment or materiel to the target", true, false, true, Valence::cooperative, Dimension::security},
      {"representation", "the source keeps an office, mission or liaison in the target", true, true, true, Valence::cooperative, Dimension::political},
  };
  return types;
}

std::string_view valence_name(Valence v) noexcept {
  switch (v) {
    case Valence::cooperative: return "cooperative";
    case Valence::conflictual: return "conflictual";
    case Valence::neutral: return "neutral";
  }
  return "neutral";
}

std::string_view dimension_name(Dimension d) noexcept {
  switch (d) {
    case Dimension::security: return "security";
    case Dimension::political: return "political";
    case Dimension::economic: return "economic";
    case Dimension::social: return "social";
  }
  return "political";
}

std::optional<Valence> parse_valence(std::string_view text) noexcept {
  for (Valence v : {Valence::cooperative, Valence::conflictual, Valence::neutral})
    if (valence_name(v) == text) return v;
  return std::nullopt;
}

std::optional<Dimension> parse_dimension(std::string_view text) noexcept {
  for (Dimension d : {Dimension::security, Dimension::political, Dimension::economic, Dimension::social})
    if (dimension_name(d) == text) return d;
  return std::nullopt;
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
