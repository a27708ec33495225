// The CAMEO tables the event-data importer ships (docs/IMPORT.md): written from the published CAMEO
// codebook and GDELT's lookup files, compiled in.
#pragma once

#include <string_view>
#include <vector>

namespace actorgraph::detail::cameo {

struct CountryEntry {
  std::string_view code;  // three letters: ISO 3166 alpha-3, or a CAMEO region code
  std::string_view name;
  std::string_view id;    // the actor id the importer gives it
  std::string_view kind;  // state, region or place
};

struct GroupEntry {
  std::string_view code;  // the CAMEO known-group code (NAT)
  std::string_view name;
  std::string_view id;
  std::string_view kind;  // organization, ngo, party, armed_group
};

struct EventCodeEntry {
  std::string_view code;  // "042", "1384": a string, leading zeros kept
  std::string_view text;
  double goldstein;
};

// A role (type) code under a country: RUSMIL is Russia's military.
struct RoleEntry {
  std::string_view code;   // MIL
  std::string_view name;   // Military
  std::string_view suffix; // the sub-actor's id is COUNTRYID_SUFFIX (russia_mil)
  std::string_view kind;   // agency, military_unit, group
};

const std::vector<CountryEntry>& countries();
const std::vector<GroupEntry>& known_groups();
const std::vector<EventCodeEntry>& event_codes();
const std::vector<RoleEntry>& roles();

}  // namespace actorgraph::detail::cameo
