// CAMEO role (type) codes under a country, from the CAMEO codebook's actor type codes, with the
// kind of actor the importer gives each and the suffix of its id (docs/IMPORT.md, "Actors").
#include "io/events/cameo_tables.hpp"

namespace actorgraph::detail::cameo {

const std::vector<RoleEntry>& roles() {
  static const std::vector<RoleEntry> table = {
      {"COP", "Police forces", "cop", "agency"},
      {"GOV", "Government", "gov", "agency"},
      {"INS", "Insurgents", "ins", "group"},
      {"JUD", "Judiciary", "jud", "agency"},
      {"MIL", "Military", "mil", "military_unit"},
      {"OPP", "Political opposition", "opp", "group"},
      {"REB", "Rebels", "reb", "group"},
      {"SEP", "Separatist rebels", "sep", "group"},
      {"SPY", "State intelligence", "spy", "agency"},
      {"UAF", "Unaligned armed forces", "uaf", "group"},
      {"AGR", "Agriculture", "agr", "group"},
      {"BUS", "Business", "bus", "group"},
      {"CRM", "Criminals", "crm", "group"},
      {"CVL", "Civilians", "cvl", "group"},
      {"DEV", "Development", "dev", "group"},
      {"EDU", "Education", "edu", "group"},
      {"ELI", "Elites", "eli", "group"},
      {"ENV", "Environmental", "env", "group"},
      {"HLH", "Health", "hlh", "group"},
      {"HRI", "Human rights", "hri", "group"},
      {"LAB", "Labour", "lab", "group"},
      {"LEG", "Legislature", "leg", "agency"},
      {"MED", "Media", "med", "group"},
      {"REF", "Refugees", "ref", "group"},
      {"MOD", "Moderates", "mod", "group"},
      {"RAD", "Radicals", "rad", "group"},
      {"PKO", "Peacekeepers", "pko", "military_unit"},
      {"SET", "Settlers", "set", "group"},
  };
  return table;
}

}  // namespace actorgraph::detail::cameo
