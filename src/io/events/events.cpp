// The event-data importer (include/actorgraph/io/events.hpp, docs/IMPORT.md).
#include "actorgraph/format.hpp"
#include "actorgraph/io/events.hpp"

#include "actorgraph/error.hpp"
#include "actorgraph/io/csv.hpp"
#include "actorgraph/io/text_file.hpp"
#include "actorgraph/model/relation_types.hpp"
#include "actorgraph/model/text.hpp"
#include "io/events/cameo_tables.hpp"
#include "io/events/input.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace actorgraph {

namespace {

using detail::events::ByteStream;
using detail::events::LineReader;

// ---------------------------------------------------------------------------------------------
// The event code table.

const std::vector<EventTypeRule> default_rules = {
    {"01", "statement", false},
    {"02", "appeal", false},
    {"03", "intent_to_cooperate", false},
    {"04", "meeting", false},
    {"042", "visit", false},
    {"043", "visit", true},
    {"045", "mediation", false},
    {"05", "diplomatic_cooperation", false},
    {"057", "agreement", false},
    {"06", "cooperation", false},
    {"062", "military_cooperation", false},
    {"07", "assistance", false},
    {"071", "funding", false},
    {"072", "supply", false},
    {"074", "troop_presence", false},
    {"08", "yield", false},
    {"09", "investigation", false},
    {"10", "demand", false},
    {"11", "disapproval", false},
    {"12", "rejection", false},
    {"13", "threat", false},
    {"14", "protest", false},
    {"15", "force_posture", false},
    {"16", "reduce_relations", false},
    {"17", "coercion", false},
    {"18", "assault", false},
    {"19", "fight", false},
    {"192", "troop_presence", false},
    {"20", "mass_violence", false},
};

const std::vector<EventRelationType> imported_types = {
    {"appeal", "CAMEO 02: the source appeals to or requests something of the target (verbal cooperation)", true, false, "cooperative"},
    {"intent_to_cooperate", "CAMEO 03: the source expresses intent to cooperate with the target (verbal cooperation)", true, false, "cooperative"},
    {"mediation", "CAMEO 045: the source mediates for the target (verbal cooperation)", true, false, "cooperative"},
    {"diplomatic_cooperation", "CAMEO 05 (but 057): diplomatic cooperation of the source with the target: praise, support, recognition", true, false, "cooperative"},
    {"military_cooperation", "CAMEO 062: the two actors cooperate militarily (material cooperation)", false, false, "cooperative"},
    {"assistance", "CAMEO 07 (but 071, 072, 074): the source gives the target aid: humanitarian aid, asylum, aid not specified", true, false, "cooperative"},
    {"yield", "CAMEO 08: the source yields to the target: eases sanctions, releases, de-escalates (material cooperation)", true, false, "cooperative"},
    {"investigation", "CAMEO 09: the source investigates the target (verbal conflict)", true, false, "conflictual"},
    {"demand", "CAMEO 10: the source demands something of the target (verbal conflict)", true, false, "conflictual"},
    {"disapproval", "CAMEO 11: the source criticises, accuses or sues the target (verbal conflict)", true, false, "conflictual"},
    {"rejection", "CAMEO 12: the source rejects the target's proposal, request or demand (verbal conflict)", true, false, "conflictual"},
    {"threat", "CAMEO 13: the source threatens the target (verbal conflict)", true, false, "conflictual"},
    {"protest", "CAMEO 14: the source protests against the target: demonstrations, strikes, riots (material conflict)", true, false, "conflictual"},
    {"force_posture", "CAMEO 15: the source exhibits military or police force posture towards the target (material conflict)", true, false, "conflictual"},
    {"reduce_relations", "CAMEO 16: the source reduces relations with the target: sanctions, expulsions, halted aid (material conflict)", true, false, "conflictual"},
    {"coercion", "CAMEO 17: the source coerces the target: seizures, arrests, repression (material conflict)", true, false, "conflictual"},
    {"assault", "CAMEO 18: the source uses unconventional violence against the target (material conflict)", true, false, "conflictual"},
    {"fight", "CAMEO 19 (but 192): the source uses conventional military force against the target (material conflict)", true, false, "conflictual"},
    {"mass_violence", "CAMEO 20: the source uses unconventional mass violence against the target (material conflict)", true, false, "conflictual"},
    {"event", "a coded event whose CAMEO code is not in the importer's table (docs/IMPORT.md)", true, false, "neutral"},
};

bool is_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

template <class T>
bool parse_uint(std::string_view s, T& out) {
  if (s.empty()) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool parse_double(std::string_view s, double& out) {
  if (s.empty()) return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(out);
}


// Natural order of ids (r2 before r10), as the canonical form sorts them.
bool natural_less(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const bool da = a[i] >= '0' && a[i] <= '9', db = b[j] >= '0' && b[j] <= '9';
    if (da && db) {
      std::size_t ie = i, je = j;
      while (ie < a.size() && a[ie] >= '0' && a[ie] <= '9') ++ie;
      while (je < b.size() && b[je] >= '0' && b[je] <= '9') ++je;
      std::size_t is = i, js = j;
      while (is + 1 < ie && a[is] == '0') ++is;
      while (js + 1 < je && b[js] == '0') ++js;
      if (ie - is != je - js) return ie - is < je - js;
      const int c = a.substr(is, ie - is).compare(b.substr(js, je - js));
      if (c != 0) return c < 0;
      i = ie;
      j = je;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

// ---------------------------------------------------------------------------------------------
// Lookups over the compiled-in tables.

struct Tables {
  std::unordered_map<std::string_view, const detail::cameo::CountryEntry*> country_by_code;
  std::unordered_map<std::string, const detail::cameo::CountryEntry*> country_by_name;  // folded
  std::unordered_map<std::string_view, const detail::cameo::GroupEntry*> group_by_code;
  std::unordered_map<std::string, const detail::cameo::GroupEntry*> group_by_name;  // folded, and acronyms
  std::unordered_map<std::string_view, const detail::cameo::RoleEntry*> role_by_code;
  std::unordered_map<std::string_view, const detail::cameo::EventCodeEntry*> code;

  Tables() {
    for (const auto& c : detail::cameo::countries()) {
      country_by_code.emplace(c.code, &c);
      country_by_name.emplace(fold_case(c.name), &c);
    }
    // Names ICEWS writes differently from the CAMEO table.
    const std::pair<const char*, const char*> aliases[] = {
        {"Russian Federation", "RUS"}, {"United States of America", "USA"}, {"Iran, Islamic Republic of", "IRN"},
        {"Korea, Republic of", "KOR"}, {"South Korea", "KOR"}, {"North Korea", "PRK"}, {"Korea, Democratic People's Republic of", "PRK"},
        {"Syrian Arab Republic", "SYR"}, {"Viet Nam", "VNM"}, {"Moldova, Republic of", "MDA"}, {"Occupied Palestinian Territory", "PSE"},
        {"Palestine", "PSE"}, {"Congo, The Democratic Republic of the", "COD"}, {"Congo", "COG"}, {"Cote d'Ivoire", "CIV"},
        {"Tanzania, United Republic of", "TZA"}, {"Macedonia, the former Yugoslav Republic of", "MKD"}, {"Taiwan, Province of China", "TWN"},
        {"Lao People's Democratic Republic", "LAO"}, {"Libyan Arab Jamahiriya", "LBY"}, {"Burma", "MMR"}, {"Colombia", "COL"},
        {"Czechia", "CZE"}, {"Romania", "ROM"}, {"Timor-Leste", "TMP"}, {"Brunei", "BRN"}, {"Bolivia, Plurinational State of", "BOL"},
        {"Venezuela, Bolivarian Republic of", "VEN"}};
    for (const auto& [name, code] : aliases) country_by_name.emplace(fold_case(name), country_by_code.at(code));
    for (const auto& g : detail::cameo::known_groups()) {
      group_by_code.emplace(g.code, &g);
      std::string name(g.name);
      const auto paren = name.find(" (");
      if (paren != std::string::npos) {
        const auto close = name.find(')', paren);
        group_by_name.emplace(fold_case(name.substr(paren + 2, close - paren - 2)), &g);
        name.erase(paren);
      }
      group_by_name.emplace(fold_case(name), &g);
    }
    group_by_name.emplace(fold_case("NATO"), group_by_code.at("NAT"));
    group_by_name.emplace(fold_case("UN"), group_by_code.at("UNO"));
    group_by_name.emplace(fold_case("EU"), group_by_code.at("EEC"));
    for (const auto& r : detail::cameo::roles()) role_by_code.emplace(r.code, &r);
    for (const auto& e : detail::cameo::event_codes()) code.emplace(e.code, &e);
  }
};

const Tables& tables() {
  static const Tables t;
  return t;
}

// ---------------------------------------------------------------------------------------------
// The import state.

constexpr std::int32_t no_actor = -1;
constexpr std::int32_t uncoded_actor = -2;

struct Actor {
  std::string id, label, kind, code;
  std::int32_t parent = -1;    // for a role under a country: the country's actor
  bool existing = false;       // an actor of the curated dataset (--into): not written again
  bool used = false;           // in a relation or kept single event
  std::uint64_t single_events = 0;
  std::int32_t first_day = std::numeric_limits<std::int32_t>::max();
  std::string first_period;    // the period of its earliest imported event
};

struct GroupKey {
  std::int32_t source, target;
  std::uint32_t type;
  std::int32_t period;  // first day of the period
  std::uint64_t event;  // the event's number with --aggregate none, else 0
  bool operator==(const GroupKey&) const = default;
};
struct GroupKeyHash {
  std::size_t operator()(const GroupKey& k) const noexcept {
    std::uint64_t h = static_cast<std::uint32_t>(k.source) * 0x9E3779B97F4A7C15ull;
    h ^= (static_cast<std::uint64_t>(static_cast<std::uint32_t>(k.target)) + 0x7F4A7C15ull) * 0xBF58476D1CE4E5B9ull;
    h ^= (static_cast<std::uint64_t>(k.type) << 32 | static_cast<std::uint32_t>(k.period)) * 0x94D049BB133111EBull;
    h ^= k.event * 0xD6E8FEB86659FD93ull;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
};

struct Group {
  GroupKey key;
  std::string period;     // as written in `start`
  std::string event_id;   // with --aggregate none: the event's id
  std::uint64_t count = 0;
  double goldstein = 0, tone = 0;
  std::uint64_t mentions = 0, num_sources = 0, articles = 0;
  bool has_counts = false;  // GDELT rows carry mentions, sources, articles and tone
  std::uint8_t quad = 0;    // bit q-1 for QuadClass q
  std::vector<std::string> codes;
  std::string event_ids;
  std::vector<std::uint32_t> sources;
};

// One event row, as parsed.
struct Event {
  std::string_view id, code1, country1, group1, type1, code2, country2, group2, type2;  // GDELT
  std::string_view name1, sectors1, cname1, name2, sectors2, cname2;                    // ICEWS
  std::string_view event_code, root_code, source_url, publisher, story, text;
  std::int32_t day = 0;
  int year = 0, month = 0, dom = 0;
  int quad = 0;
  bool is_root = true;
  double goldstein = 0, tone = 0;
  bool has_goldstein = false, has_counts = false;
  std::uint64_t mentions = 0, num_sources = 0, articles = 0;
  std::string_view date_added;
};

class Importer {
 public:
  Importer(const EventImportOptions& options, const EventImportCallbacks& callbacks)
      : o_(options), cb_(callbacks), t_(tables()) {
    for (const auto& rule : default_rules) rules_[rule.prefix] = rule;
    for (const auto& rule : o_.type_rules) rules_[rule.prefix] = rule;
    for (const auto& type : imported_types) type_info_.emplace(type.id, type);
    if (o_.format == EventFormat::icews && (o_.filters.min_mentions > 0 || o_.filters.root_events_only))
      throw UsageError("ICEWS rows have no mention counts or root-event flag: --min-mentions and --root-events-only are for GDELT");
    if (!o_.filters.from.empty()) from_ = o_.filters.from.first_day();
    if (!o_.filters.to.empty()) to_ = o_.filters.to.last_day();
  }

  void read_input(const std::string& path) {
    ++s_.files;
    auto stream = detail::events::open_event_input(path);
    if (!stream->is_archive()) return read_part(*stream, path);
    while (stream->next_part()) read_part(*stream, path + ":" + stream->part_name());
  }

  EventImportResult finish();

 private:
  // The parts of finish(): each output table, in natural id order.
  ImportedTable finish_sources(std::vector<std::string>& source_ids);
  std::vector<std::string> relation_row(const Group& g, const std::vector<std::string>& source_ids, std::unordered_set<std::string>& used);
  ImportedTable finish_relations(const std::vector<std::string>& source_ids, std::vector<bool>& type_used, EventImportSummary& summary);
  ImportedTable finish_actors(EventImportSummary& summary);
  ImportedTable finish_types(const std::vector<bool>& type_used, EventImportSummary& summary);

 private:
  void read_part(ByteStream& stream, const std::string& name) {
    LineReader lines(stream);
    std::string_view line;
    bool too_long = false;
    icews_columns_.clear();
    bool header = o_.format == EventFormat::icews;
    while (lines.next(line, too_long)) {
      if (header) {
        if (line.empty()) continue;
        read_icews_header(line, name, lines.line_number());
        header = false;
        continue;
      }
      if (line.empty() && !too_long) continue;  // blank lines are not rows
      ++s_.rows_read;
      if ((s_.rows_read & 0xFFFF) == 0 && cb_.progress) cb_.progress(s_.rows_read, stream.bytes_in());
      file_ = &name;
      line_ = lines.line_number();
      if (too_long) {
        bad("the line is longer than 1 MiB");
        continue;
      }
      if (const std::string problem = text_problem(line); !problem.empty()) {
        bad(problem);  // the dataset it would go into is UTF-8 text without control characters
        continue;
      }
      if (o_.format == EventFormat::gdelt)
        gdelt_row(line);
      else
        icews_row(line);
    }
    if (header && o_.format == EventFormat::icews)
      throw ParseError(name, 1, 0, "empty ICEWS file: the header row is missing");
    if (cb_.progress) cb_.progress(s_.rows_read, stream.bytes_in());
  }

  void bad(const std::string& message) {
    ++s_.refused_bad_row;
    if (o_.strict) throw ParseError(*file_, line_, 0, message + " (--strict)");
    if (cb_.message) cb_.message(*file_ + ":" + std::to_string(line_) + ": " + message);
  }

  // "" when the row is UTF-8 text whose only control character is the tab; else what is wrong, with
  // the column (1-based byte position) where. Most rows are ASCII: checked byte by byte first.
  static std::string text_problem(std::string_view line) {
    // One pass without branches (the compiler vectorises it): any control byte, any byte >= 0x80.
    unsigned control = 0, high = 0;
    for (const char ch : line) {
      const auto byte = static_cast<unsigned char>(ch);
      control |= static_cast<unsigned>((byte < 0x20) & (byte != '\t')) | static_cast<unsigned>(byte == 0x7F);
      high |= byte;
    }
    if (control)
      for (std::size_t i = 0; i < line.size(); ++i) {
        const auto byte = static_cast<unsigned char>(line[i]);
        if ((byte < 0x20 && byte != '\t') || byte == 0x7F) {
          char hex[8];
          std::snprintf(hex, sizeof hex, "0x%02X", byte);
          return std::string("control character ") + hex + " at byte " + std::to_string(i + 1) + "; the row is not imported";
        }
      }
    if (high < 0x80) return {};
    const std::size_t at = find_invalid_utf8(line);
    if (at == std::string_view::npos) return {};
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(line[at]));
    return std::string("invalid UTF-8 (byte ") + hex + ") at byte " + std::to_string(at + 1) + "; the row is not imported";
  }

  // Splits at tabs; returns the number of fields (up to fields.size(); more are counted, not kept).
  // The hottest loop of an import (a GDELT row is ~400 bytes and 61 fields): with SSE2 (every x86-64)
  // it compares 16 bytes at once and walks the bits of the match mask; the byte loop does the rest.
  template <std::size_t N>
  static std::size_t split_tabs(std::string_view line, std::array<std::string_view, N>& fields) {
    std::size_t n = 0, start = 0, i = 0;
    const char* p = line.data();
    const std::size_t size = line.size();
    const auto cut = [&](std::size_t at) {
      if (n < N) fields[n] = std::string_view(p + start, at - start);
      ++n;
      start = at + 1;
    };
#if defined(__SSE2__)
    const __m128i tab = _mm_set1_epi8('\t');
    for (; i + 16 <= size; i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      for (auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, tab))); mask; mask &= mask - 1)
        cut(i + static_cast<std::size_t>(std::countr_zero(mask)));
    }
#endif
    for (; i < size; ++i)
      if (p[i] == '\t') cut(i);
    if (n < N) fields[n] = std::string_view(p + start, size - start);
    return n + 1;
  }

  static std::string shown(std::string_view value) {
    std::string s(value.substr(0, 40));
    for (char& c : s)
      if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    return "'" + s + (value.size() > 40 ? "...'" : "'");
  }

  bool parse_day(std::string_view text, Event& e, bool dashed) {
    int y = 0, m = 0, d = 0;
    if (dashed) {
      if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
      if (!parse_uint(text.substr(0, 4), y) || !parse_uint(text.substr(5, 2), m) || !parse_uint(text.substr(8, 2), d)) return false;
    } else {
      if (text.size() != 8 || !is_digits(text)) return false;
      y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
      m = (text[4] - '0') * 10 + (text[5] - '0');
      d = (text[6] - '0') * 10 + (text[7] - '0');
    }
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
    e.year = y;
    e.month = m;
    e.dom = d;
    e.day = days_from_civil(y, m, d);
    return true;
  }

  void gdelt_row(std::string_view line) {
    std::array<std::string_view, 64> f;
    const std::size_t n = split_tabs(line, f);
    std::size_t added = 0, url = 0;
    if (n == 61) {
      ++s_.rows_gdelt2;
      added = 59;
      url = 60;
    } else if (n == 58) {
      ++s_.rows_gdelt1;
      added = 56;
      url = 57;
    } else if (n == 57) {
      ++s_.rows_backfile;
      added = 56;
    } else {
      bad("expected 61 (GDELT 2.0), 58 (GDELT 1.0) or 57 (GDELT 1.0 backfile) tab-separated fields, found " + std::to_string(n));
      return;
    }
    Event e;
    e.id = f[0];
    if (!is_digits(e.id)) return bad("GLOBALEVENTID " + shown(e.id) + " is not a number");
    if (!parse_day(f[1], e, false)) return bad("SQLDATE " + shown(f[1]) + " is not a date YYYYMMDD");
    e.code1 = f[5];
    e.country1 = f[7];
    e.group1 = f[8];
    e.type1 = f[12];
    e.code2 = f[15];
    e.country2 = f[17];
    e.group2 = f[18];
    e.type2 = f[22];
    if (f[25] != "0" && f[25] != "1") return bad("IsRootEvent " + shown(f[25]) + " is not 0 or 1");
    e.is_root = f[25] == "1";
    e.event_code = f[26];
    if (!is_digits(e.event_code) || e.event_code.size() < 2 || e.event_code.size() > 4)
      return bad("EventCode " + shown(e.event_code) + " is not a CAMEO code (2 to 4 digits)");
    e.root_code = e.event_code.substr(0, 2);
    if (f[29].size() != 1 || f[29][0] < '1' || f[29][0] > '4') return bad("QuadClass " + shown(f[29]) + " is not 1, 2, 3 or 4");
    e.quad = f[29][0] - '0';
    if (!parse_double(f[30], e.goldstein) || e.goldstein < -10 || e.goldstein > 10)
      return bad("GoldsteinScale " + shown(f[30]) + " is not a number from -10 to 10");
    e.has_goldstein = true;
    if (!parse_uint(f[31], e.mentions)) return bad("NumMentions " + shown(f[31]) + " is not a whole number");
    if (!parse_uint(f[32], e.num_sources)) return bad("NumSources " + shown(f[32]) + " is not a whole number");
    if (!parse_uint(f[33], e.articles)) return bad("NumArticles " + shown(f[33]) + " is not a whole number");
    if (!parse_double(f[34], e.tone)) return bad("AvgTone " + shown(f[34]) + " is not a number");
    e.has_counts = true;
    e.date_added = f[added];
    Event added_day;  // its date becomes the source's publication date: it must be a real day
    if (!is_digits(e.date_added) || (e.date_added.size() != 8 && e.date_added.size() != 14) ||
        !parse_day(e.date_added.substr(0, 8), added_day, false))
      return bad("DATEADDED " + shown(e.date_added) + " is not a date YYYYMMDD or YYYYMMDDHHMMSS");
    if (url != 0) e.source_url = f[url];
    event(e);
  }

  void read_icews_header(std::string_view line, const std::string& name, std::uint64_t line_number) {
    std::array<std::string_view, 64> f;
    const std::size_t n = std::min<std::size_t>(split_tabs(line, f), 64);
    icews_fields_ = n;
    static const char* required[] = {"Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                                      "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
                                      "Publisher"};
    for (const char* column : required) {
      std::size_t at = n;
      for (std::size_t i = 0; i < n; ++i)
        if (f[i] == column) at = i;
      if (at == n)
        throw ParseError(name, line_number, 0, std::string("the ICEWS header has no column '") + column +
                                                   "' (an ICEWS file starts with a tab-separated header row)");
      icews_columns_.push_back(at);
    }
  }

  void icews_row(std::string_view line) {
    std::array<std::string_view, 64> f;
    const std::size_t n = split_tabs(line, f);
    ++s_.rows_icews;
    if (n != icews_fields_)
      return bad("expected " + std::to_string(icews_fields_) + " tab-separated fields as in the header, found " + std::to_string(n));
    const auto col = [&](std::size_t i) { return f[icews_columns_[i]]; };
    Event e;
    e.id = col(0);
    if (e.id.empty()) return bad("empty Event ID");
    if (!parse_day(col(1), e, true)) return bad("Event Date " + shown(col(1)) + " is not a date YYYY-MM-DD");
    e.name1 = col(2);
    e.sectors1 = col(3);
    e.cname1 = col(4);
    e.text = col(5);
    e.event_code = col(6);
    if (!is_digits(e.event_code) || e.event_code.size() < 2 || e.event_code.size() > 4)
      return bad("CAMEO Code " + shown(e.event_code) + " is not a CAMEO code (2 to 4 digits)");
    e.root_code = e.event_code.substr(0, 2);
    if (!col(7).empty()) {
      if (!parse_double(col(7), e.goldstein) || e.goldstein < -10 || e.goldstein > 10)
        return bad("Intensity " + shown(col(7)) + " is not a number from -10 to 10");
      e.has_goldstein = true;
    }
    e.name2 = col(8);
    e.sectors2 = col(9);
    e.cname2 = col(10);
    e.story = col(11);
    e.publisher = col(12);
    e.quad = quad_of_root(e.root_code);
    event(e);
  }

  static int quad_of_root(std::string_view root) {
    int r = 0;
    parse_uint(root, r);
    if (r <= 5) return 1;
    if (r <= 8) return 2;
    if (r <= 13) return 3;
    return 4;
  }

  // Country code of an ICEWS country name ("" when unknown).
  std::string_view icews_country(std::string_view name) const {
    if (name.empty()) return {};
    const auto it = t_.country_by_name.find(fold_case(name));
    return it == t_.country_by_name.end() ? std::string_view{} : it->second->code;
  }

  bool country_listed(std::string_view country, std::string_view group) const {
    const auto& c = o_.filters.countries;
    return (!country.empty() && c.find(country) != c.end()) || (!group.empty() && c.find(group) != c.end());
  }

  // Whether the row passes the filters, in this order; the first that refuses it counts it.
  bool passes_filters(const Event& e) {
    if (!o_.filters.countries.empty()) {
      bool keep;
      if (o_.format == EventFormat::gdelt) {
        keep = country_listed(e.country1, e.group1) || country_listed(e.country2, e.group2);
      } else {
        keep = country_listed(icews_country(e.cname1), {}) || country_listed(icews_country(e.cname2), {});
        if (!keep) {
          const auto g1 = t_.group_by_name.find(fold_case(e.name1)), g2 = t_.group_by_name.find(fold_case(e.name2));
          keep = (g1 != t_.group_by_name.end() && country_listed({}, g1->second->code)) ||
                 (g2 != t_.group_by_name.end() && country_listed({}, g2->second->code));
        }
      }
      if (!keep) { ++s_.filtered_countries; return false; }
    }
    if (e.day < from_ || e.day > to_) { ++s_.filtered_dates; return false; }
    if (!o_.filters.root_codes.empty() && o_.filters.root_codes.find(e.root_code) == o_.filters.root_codes.end())
      { ++s_.filtered_root_codes; return false; }
    if (e.mentions < o_.filters.min_mentions) { ++s_.filtered_mentions; return false; }
    if (o_.filters.root_events_only && !e.is_root) { ++s_.filtered_root_events; return false; }
    return true;
  }

  // The relation type of an event code (by the longest rule prefix; `event` for a code the CAMEO
  // table lacks, noted once per code) and whether the rule reverses the event's direction.
  std::pair<std::uint32_t, bool> relation_type(const Event& e, bool known) {
    if (!known) {
      if (s_.unknown_codes[std::string(e.event_code)]++ == 0 && cb_.message)
        cb_.message(*file_ + ":" + std::to_string(line_) + ": unknown CAMEO event code '" + std::string(e.event_code) +
                    "': kept as type 'event'");
      return {type_index("event"), false};
    }
    const EventTypeRule* rule = nullptr;
    for (std::size_t len = e.event_code.size(); len >= 2 && !rule; --len) {
      const auto it = rules_.find(std::string(e.event_code.substr(0, len)));
      if (it != rules_.end()) rule = &it->second;
    }
    return {type_index(rule ? rule->type : "event"), rule && rule->reverse};
  }

  void event(Event& e) {
    if (!passes_filters(e)) return;

    const std::int32_t a1 = o_.format == EventFormat::gdelt ? gdelt_actor(e.code1, e.country1, e.group1, e.type1)
                                                            : icews_actor(e.name1, e.sectors1, e.cname1);
    const std::int32_t a2 = o_.format == EventFormat::gdelt ? gdelt_actor(e.code2, e.country2, e.group2, e.type2)
                                                            : icews_actor(e.name2, e.sectors2, e.cname2);
    if (a1 == uncoded_actor || a2 == uncoded_actor) return void(++s_.refused_uncoded_actor);
    if (a1 == no_actor && a2 == no_actor) return void(++s_.refused_no_actor);
    if (a1 == no_actor || a2 == no_actor) {
      if (!o_.keep_single) return void(++s_.refused_one_actor);
      if (!first_sighting(e.id)) return void(++s_.refused_duplicate);
      Actor& a = actors_[static_cast<std::size_t>(a1 == no_actor ? a2 : a1)];
      ++a.single_events;
      use_actor(a1 == no_actor ? a2 : a1, e);
      return void(++s_.kept_single);
    }
    if (a1 == a2) return void(++s_.refused_same_actor);
    if (!first_sighting(e.id)) return void(++s_.refused_duplicate);
    ++s_.imported;

    const auto known = t_.code.find(e.event_code);
    const auto [type, reverse] = relation_type(e, known != t_.code.end());
    std::int32_t source = reverse ? a2 : a1, target = reverse ? a1 : a2;
    if (!type_directed(type) && actors_[static_cast<std::size_t>(target)].id < actors_[static_cast<std::size_t>(source)].id)
      std::swap(source, target);

    std::int32_t period_day = e.day;
    char period[16];
    switch (o_.aggregation) {
      case EventAggregation::year:
        period_day = days_from_civil(e.year, 1, 1);
        std::snprintf(period, sizeof period, "%04d", e.year);
        break;
      case EventAggregation::month:
        period_day = days_from_civil(e.year, e.month, 1);
        std::snprintf(period, sizeof period, "%04d-%02d", e.year, e.month);
        break;
      default:
        std::snprintf(period, sizeof period, "%04d-%02d-%02d", e.year, e.month, e.dom);
    }
    use_actor(source, e);
    use_actor(target, e);
    add_to_group(e, GroupKey{source, target, type, period_day, o_.aggregation == EventAggregation::none ? ++event_number_ : 0}, period,
                 known != t_.code.end() ? known->second->goldstein : 0.0);
  }

  // Adds the event to its relation (a new one, or the group of its pair, type and period).
  void add_to_group(const Event& e, const GroupKey& key, const char* period, double code_goldstein) {
    auto [it, inserted] = group_index_.try_emplace(key, static_cast<std::uint32_t>(groups_.size()));
    if (inserted) {
      groups_.emplace_back();
      groups_.back().key = key;
      groups_.back().period = period;
      groups_.back().event_id = std::string(e.id);
    }
    Group& g = groups_[it->second];
    ++g.count;
    g.goldstein += e.has_goldstein ? e.goldstein : code_goldstein;
    if (e.has_counts) {
      g.has_counts = true;
      g.mentions += e.mentions;
      g.num_sources += e.num_sources;
      g.articles += e.articles;
      g.tone += e.tone;
    }
    g.quad = static_cast<std::uint8_t>(g.quad | (1u << (e.quad - 1)));
    if (std::find(g.codes.begin(), g.codes.end(), e.event_code) == g.codes.end()) g.codes.emplace_back(e.event_code);
    if (!g.event_ids.empty()) g.event_ids += '|';
    g.event_ids += e.id;
    const std::int32_t src = source_of(e);
    if (src >= 0 && std::find(g.sources.begin(), g.sources.end(), static_cast<std::uint32_t>(src)) == g.sources.end())
      g.sources.push_back(static_cast<std::uint32_t>(src));
  }

  void use_actor(std::int32_t a, const Event& e) {
    for (std::int32_t x = a; x >= 0; x = actors_[static_cast<std::size_t>(x)].parent) {
      Actor& actor = actors_[static_cast<std::size_t>(x)];
      actor.used = true;
      if (e.day < actor.first_day) {
        actor.first_day = e.day;
        char period[16];
        if (o_.aggregation == EventAggregation::year)
          std::snprintf(period, sizeof period, "%04d", e.year);
        else if (o_.aggregation == EventAggregation::month)
          std::snprintf(period, sizeof period, "%04d-%02d", e.year, e.month);
        else
          std::snprintf(period, sizeof period, "%04d-%02d-%02d", e.year, e.month, e.dom);
        actor.first_period = period;
      }
    }
  }

  // The source (sources.csv row) of an event: its SOURCEURL (GDELT) or story (ICEWS); -1 when none.
  // The index is keyed by views of the rows' own URL (GDELT) or id (ICEWS), kept once: sources_ is a
  // deque, whose rows never move.
  std::int32_t source_of(const Event& e) {
    const bool gdelt = o_.format == EventFormat::gdelt;
    const std::string_view key = gdelt ? e.source_url : e.story;
    if (key.empty()) return -1;
    if (!gdelt) story_key_.assign("icews-story-").append(e.story);
    if (const auto it = source_index_.find(gdelt ? key : std::string_view(story_key_)); it != source_index_.end()) return it->second;
    const auto index = static_cast<std::int32_t>(sources_.size());
    if (gdelt) {
      std::string date;
      if (e.date_added.size() >= 8)
        date.append(e.date_added.substr(0, 4)).append("-").append(e.date_added.substr(4, 2)).append("-").append(e.date_added.substr(6, 2));
      std::string_view host = e.source_url;
      if (const auto scheme = host.find("://"); scheme != std::string_view::npos) host.remove_prefix(scheme + 3);
      host = host.substr(0, host.find('/'));
      if (host.starts_with("www.")) host.remove_prefix(4);
      sources_.push_back({"gdelt-" + std::string(e.id), std::string(), std::string(host), std::move(date), std::string(e.source_url)});
      source_index_.emplace(sources_.back().url, index);
    } else {
      char date[16];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", e.year, e.month, e.dom);
      sources_.push_back({story_key_, "ICEWS story " + std::string(e.story), std::string(e.publisher), date, ""});
      source_index_.emplace(sources_.back().id, index);
    }
    return index;
  }

  std::uint32_t type_index(const std::string& id) {
    const auto it = std::find(types_.begin(), types_.end(), id);
    if (it != types_.end()) return static_cast<std::uint32_t>(it - types_.begin());
    types_.push_back(id);
    bool directed = true;
    bool builtin = false;
    for (const auto& b : RelationTypes::builtins())
      if (b.id == id) directed = b.directed, builtin = true;
    if (const auto info = type_info_.find(id); !builtin && info != type_info_.end()) directed = info->second.directed;
    type_directed_.push_back(directed ? 1 : 0);
    return static_cast<std::uint32_t>(types_.size() - 1);
  }
  bool type_directed(std::uint32_t type) const { return type_directed_[type] != 0; }

  // The actor with this id, created with the label and kind given when new.
  std::int32_t actor(const std::string& id, std::string_view label, std::string_view kind, std::string_view code) {
    auto [it, inserted] = actor_index_.try_emplace(id, static_cast<std::int32_t>(actors_.size()));
    if (inserted) {
      Actor a;
      a.id = id;
      a.label = label;
      a.kind = kind;
      a.code = code;
      a.existing = o_.existing.actors.count(id) > 0;
      actors_.push_back(std::move(a));
    }
    return it->second;
  }

  const std::string* mapped(std::string_view code) const {
    if (o_.actor_map.empty() || code.empty()) return nullptr;
    const auto it = o_.actor_map.find(std::string(code));
    return it == o_.actor_map.end() ? nullptr : &it->second;
  }

  std::int32_t country_actor(const detail::cameo::CountryEntry& c) {
    const std::string* m = mapped(c.code);
    return actor(m ? *m : std::string(c.id), c.name, c.kind, c.code);
  }

  std::int32_t role_actor(const detail::cameo::CountryEntry& c, const detail::cameo::RoleEntry& r, std::string_view full) {
    const std::string key = std::string(c.code) + std::string(r.code);
    const std::int32_t parent = country_actor(c);
    const std::string* m = mapped(key);
    if (!m) m = mapped(full);
    const std::string id = m ? *m : actors_[static_cast<std::size_t>(parent)].id + "_" + std::string(r.suffix);
    const std::int32_t a = actor(id, std::string(c.name) + ": " + std::string(r.name), r.kind, key);
    if (a != parent && !m) actors_[static_cast<std::size_t>(a)].parent = parent;
    return a;
  }

  std::int32_t gdelt_actor(std::string_view code, std::string_view country, std::string_view group, std::string_view type) {
    if (code.empty()) return no_actor;
    cache_key_.assign(code).append("\t").append(country).append("\t").append(group).append("\t").append(type);
    const auto hit = actor_cache_.find(cache_key_);
    if (hit != actor_cache_.end()) {
      if (hit->second == uncoded_actor) ++s_.uncoded_actors[std::string(code)];
      return hit->second;
    }
    std::int32_t result = uncoded_actor;
    if (const std::string* m = mapped(code)) {
      result = actor(*m, code, "group", code);
    } else if (const auto g = t_.group_by_code.find(group); !group.empty() && g != t_.group_by_code.end()) {
      const std::string* gm = mapped(g->second->code);
      result = actor(gm ? *gm : std::string(g->second->id), g->second->name, g->second->kind, g->second->code);
    } else if (const auto c = t_.country_by_code.find(country); !country.empty() && c != t_.country_by_code.end()) {
      const auto r = t_.role_by_code.find(type);
      result = !type.empty() && r != t_.role_by_code.end() ? role_actor(*c->second, *r->second, code) : country_actor(*c->second);
    }
    // Known labels for mapped codes: a mapped country or group keeps its table name.
    actor_cache_.emplace(cache_key_, result);
    if (result == uncoded_actor) ++s_.uncoded_actors[std::string(code)];
    return result;
  }

  std::int32_t icews_actor(std::string_view name, std::string_view sectors, std::string_view country_name) {
    if (name.empty() && country_name.empty()) return no_actor;
    cache_key_.assign(name).append("\t").append(sectors).append("\t").append(country_name);
    const auto hit = actor_cache_.find(cache_key_);
    if (hit != actor_cache_.end()) {
      if (hit->second == uncoded_actor) ++s_.uncoded_actors[std::string(name)];
      return hit->second;
    }
    std::int32_t result = uncoded_actor;
    const auto g = t_.group_by_name.find(fold_case(name));
    const std::string_view code = icews_country(country_name);
    if (const std::string* m = mapped(name)) {
      result = actor(*m, name, "group", name);
    } else if (g != t_.group_by_name.end()) {
      const std::string* gm = mapped(g->second->code);
      result = actor(gm ? *gm : std::string(g->second->id), g->second->name, g->second->kind, g->second->code);
    } else if (!code.empty()) {
      const auto& c = *t_.country_by_code.at(code);
      const std::string folded = fold_case(name);
      const detail::cameo::RoleEntry* role = nullptr;
      if (folded != fold_case(country_name) && folded != fold_case(c.name)) {
        static const std::pair<const char*, const char*> sector_roles[] = {
            {"military", "MIL"}, {"army", "MIL"}, {"police", "COP"}, {"intelligence", "SPY"}, {"legislative", "LEG"},
            {"parliament", "LEG"}, {"judicial", "JUD"}, {"government", "GOV"}, {"executive", "GOV"}, {"cabinet", "GOV"},
            {"ministry", "GOV"}, {"opposition", "OPP"}, {"rebel", "REB"}, {"insurgent", "INS"}, {"business", "BUS"},
            {"media", "MED"}};
        const std::string s = fold_case(sectors);
        for (const auto& [word, role_code] : sector_roles)
          if (s.find(word) != std::string::npos) {
            role = t_.role_by_code.at(role_code);
            break;
          }
      }
      result = role ? role_actor(c, *role, {}) : country_actor(c);
    }
    actor_cache_.emplace(cache_key_, result);
    if (result == uncoded_actor) ++s_.uncoded_actors[std::string(name)];
    return result;
  }

  struct SourceRow {
    std::string id, title, publisher, date, url;  // an empty title is the URL's (kept once in memory)
  };

  const EventImportOptions& o_;
  const EventImportCallbacks& cb_;
  const Tables& t_;
  std::map<std::string, EventTypeRule> rules_;
  std::map<std::string, EventRelationType> type_info_;
  std::int32_t from_ = std::numeric_limits<std::int32_t>::min(), to_ = std::numeric_limits<std::int32_t>::max();
  EventImportSummary s_;
  const std::string* file_ = nullptr;
  std::uint64_t line_ = 0;
  std::vector<std::size_t> icews_columns_;
  std::size_t icews_fields_ = 0;
  std::uint64_t event_number_ = 0;

  std::vector<Actor> actors_;
  std::unordered_map<std::string, std::int32_t> actor_index_;
  std::unordered_map<std::string, std::int32_t> actor_cache_;
  std::string cache_key_;
  std::vector<std::string> types_;
  std::vector<std::uint8_t> type_directed_;
  std::unordered_map<GroupKey, std::uint32_t, GroupKeyHash> group_index_;
  std::vector<Group> groups_;
  // Event ids seen so far: GDELT's numeric ids as numbers (no allocation per event), others as text.
  // GDELT files list their events by increasing id, so a numeric id above every earlier one is
  // appended to a sorted vector (no hashing); the others are looked up there and kept in a set.
  bool first_sighting(std::string_view id) {
    const bool numeric = !id.empty() && id.size() <= 19 && is_digits(id) && (id[0] != '0' || id.size() == 1);
    if (!numeric) return seen_events_.insert(std::string(id)).second;
    std::uint64_t value = 0;
    for (const char c : id) value = value * 10 + static_cast<std::uint64_t>(c - '0');
    if (ascending_events_.empty() || value > ascending_events_.back()) {
      ascending_events_.push_back(value);
      return true;
    }
    if (std::binary_search(ascending_events_.begin(), ascending_events_.end(), value)) return false;
    return other_numeric_events_.insert(value).second;
  }
  std::unordered_set<std::string> seen_events_;
  std::vector<std::uint64_t> ascending_events_;           // strictly increasing
  std::unordered_set<std::uint64_t> other_numeric_events_;  // not in ascending_events_
  std::deque<SourceRow> sources_;
  std::unordered_map<std::string_view, std::int32_t> source_index_;  // views of sources_' URLs or ids
  std::string story_key_;
};

// A fresh id: `id`, or `id~2`, `id~3`... when `id` is taken.
std::string fresh_id(const std::string& id, const std::set<std::string>& taken, std::unordered_set<std::string>& used) {
  std::string candidate = id;
  for (int n = 2; taken.count(candidate) || used.count(candidate); ++n) candidate = id + "~" + std::to_string(n);
  used.insert(candidate);
  return candidate;
}

// Sources. Their ids are distinct by construction (`gdelt-` and the first event's id,
// `icews-story-` and the story), and contain no `~`: only one taken by the curated dataset needs a
// fresh one. `source_ids` gets the id of each source, by number.
ImportedTable Importer::finish_sources(std::vector<std::string>& source_ids) {
  std::unordered_set<std::string> used_sources;
  source_ids.assign(sources_.size(), {});
  ImportedTable sources{"sources.csv", {"id", "title", "publisher", "date", "url"}, {}};
  sources.rows.reserve(sources_.size());
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    SourceRow& row = sources_[i];
    source_ids[i] = o_.existing.sources.count(row.id) ? fresh_id(row.id, o_.existing.sources, used_sources) : row.id;
    std::string title = row.title.empty() ? row.url : std::move(row.title);
    sources.rows.push_back({source_ids[i], std::move(title), std::move(row.publisher), std::move(row.date), std::move(row.url)});
  }
  source_index_.clear();
  sources_.clear();
  return sources;
}

// The relation of one event (or group of events): its cited sources and CAMEO codes as lists, the
// mean Goldstein score and (GDELT) the counts and the mean tone.
std::vector<std::string> Importer::relation_row(const Group& g, const std::vector<std::string>& source_ids,
                                                std::unordered_set<std::string>& used) {
  const bool gdelt = o_.format == EventFormat::gdelt;
  const Actor& s = actors_[static_cast<std::size_t>(g.key.source)];
  const Actor& t = actors_[static_cast<std::size_t>(g.key.target)];
  const std::string& type = types_[g.key.type];
  const std::string base = o_.aggregation == EventAggregation::none ? (gdelt ? "gdelt-" : "icews-") + g.event_id
                                                                    : s.id + "~" + t.id + "~" + type + "~" + g.period;
  std::string cited;
  std::vector<std::uint32_t> srcs = g.sources;
  std::sort(srcs.begin(), srcs.end(), [&](std::uint32_t a, std::uint32_t b) { return natural_less(source_ids[a], source_ids[b]); });
  for (std::uint32_t x : srcs) cited += (cited.empty() ? "" : "|") + source_ids[x];
  std::vector<std::string> codes = g.codes;
  std::sort(codes.begin(), codes.end());
  std::string code_list, text_list, quads;
  for (const auto& c : codes) {
    const auto it = t_.code.find(c);
    code_list += (code_list.empty() ? "" : "|") + c;
    text_list += (text_list.empty() ? "" : "|") + (it == t_.code.end() ? std::string("(not in the CAMEO table)") : std::string(it->second->text));
  }
  for (int q = 1; q <= 4; ++q)
    if (g.quad & (1u << (q - 1))) quads += (quads.empty() ? "" : "|") + std::to_string(q);
  const bool ongoing = type == "troop_presence" || type == "cooperation" || type == "membership" || type == "representation";
  std::vector<std::string> row = {fresh_id(base, o_.existing.relations, used),
                                  s.id,
                                  t.id,
                                  type,
                                  g.period,
                                  ongoing ? g.period : "",
                                  std::to_string(g.count),
                                  cited,
                                  std::to_string(g.count),
                                  g.event_ids,
                                  code_list,
                                  text_list,
                                  trimmed_number(g.goldstein / static_cast<double>(g.count), 2),
                                  quads};
  if (gdelt) {
    row.push_back(std::to_string(g.mentions));
    row.push_back(std::to_string(g.num_sources));
    row.push_back(std::to_string(g.articles));
    row.push_back(trimmed_number(g.tone / static_cast<double>(g.count), 2));
  }
  return row;
}

// Relations: the events (or groups of them), then the affiliations of roles to their country.
ImportedTable Importer::finish_relations(const std::vector<std::string>& source_ids, std::vector<bool>& type_used,
                                         EventImportSummary& summary) {
  ImportedTable relations{"relations.csv",
                          {"id", "source", "target", "type", "start", "end", "weight", "sources", "events", "event_ids", "cameo_code",
                           "cameo_text", "goldstein", "quad_class"},
                          {}};
  if (o_.format == EventFormat::gdelt) relations.columns.insert(relations.columns.end(), {"mentions", "num_sources", "articles", "tone"});
  std::unordered_set<std::string> used_relations;
  type_used.assign(types_.size(), false);
  for (const Group& g : groups_) {
    type_used[g.key.type] = true;
    relations.rows.push_back(relation_row(g, source_ids, used_relations));
  }
  for (const Actor& a : actors_) {
    if (!a.used || a.parent < 0) continue;
    const Actor& p = actors_[static_cast<std::size_t>(a.parent)];
    std::vector<std::string> row(relations.columns.size());
    row[0] = fresh_id(a.id + "~" + p.id + "~affiliation", o_.existing.relations, used_relations);
    row[1] = a.id;
    row[2] = p.id;
    row[3] = "affiliation";
    row[4] = a.first_period;
    relations.rows.push_back(std::move(row));
    ++summary.affiliations;
  }
  std::sort(relations.rows.begin(), relations.rows.end(), [](const auto& a, const auto& b) { return natural_less(a[0], b[0]); });
  return relations;
}

// Actors: those the relations use that the curated dataset does not have already.
ImportedTable Importer::finish_actors(EventImportSummary& summary) {
  ImportedTable actors{"actors.csv", {"id", "label", "kind", "aliases", "cameo_code"}, {}};
  if (o_.keep_single) actors.columns.push_back("single_events");
  for (const Actor& a : actors_) {
    if (!a.used) continue;
    if (a.existing) {
      ++summary.actors_joined;
      continue;
    }
    std::vector<std::string> row = {a.id, a.label, a.kind, a.code.find('|') == std::string::npos ? a.code : "", a.code};
    if (o_.keep_single) row.push_back(a.single_events ? std::to_string(a.single_events) : "");
    actors.rows.push_back(std::move(row));
  }
  std::sort(actors.rows.begin(), actors.rows.end(), [](const auto& a, const auto& b) { return natural_less(a[0], b[0]); });
  return actors;
}

// Types: those used that are neither built in nor already declared.
ImportedTable Importer::finish_types(const std::vector<bool>& type_used, EventImportSummary& summary) {
  ImportedTable types{"types.csv", {"id", "description", "directed", "ongoing", "valence"}, {}};
  for (std::size_t i = 0; i < types_.size(); ++i) {
    if (!type_used[i]) continue;
    const std::string& id = types_[i];
    bool builtin = false;
    for (const auto& b : RelationTypes::builtins()) builtin = builtin || b.id == id;
    if (builtin || o_.existing.types.count(id)) continue;
    const auto it = type_info_.find(id);
    if (it != type_info_.end())
      types.rows.push_back({id, it->second.description, it->second.directed ? "true" : "false", it->second.ongoing ? "true" : "false",
                            it->second.valence});
    else
      types.rows.push_back({id, "declared by the event-type rule file of the import", "true", "false", ""});
    summary.types.push_back(id);
  }
  std::sort(types.rows.begin(), types.rows.end(), [](const auto& a, const auto& b) { return natural_less(a[0], b[0]); });
  return types;
}

EventImportResult Importer::finish() {
  EventImportResult result;
  result.summary = s_;
  result.summary.types.clear();
  std::vector<std::string> source_ids;
  std::vector<bool> type_used;
  ImportedTable sources = finish_sources(source_ids);
  ImportedTable relations = finish_relations(source_ids, type_used, result.summary);
  ImportedTable actors = finish_actors(result.summary);
  ImportedTable types = finish_types(type_used, result.summary);
  result.summary.actors = actors.rows.size();
  result.summary.relations = relations.rows.size();
  result.summary.sources = sources.rows.size();
  result.tables.push_back(std::move(actors));
  result.tables.push_back(std::move(relations));
  result.tables.push_back(std::move(sources));
  result.tables.push_back(std::move(types));
  return result;
}

bool parse_bool_cell(std::string_view v, bool& out) {
  if (v == "true") return out = true, true;
  if (v == "false" || v.empty()) return out = false, true;
  return false;
}

// Reads a small CSV file with a header into rows of named cells; ParseError with file:line.
template <class F>
void read_keyed_csv(const std::string& path, std::string_view what, const std::vector<std::string>& required, F&& row) {
  const std::string text = read_text_file(path, what);
  CsvReader reader(text);
  LineIndex lines(text);
  std::vector<CsvField> fields;
  std::vector<CsvProblem> problems;
  std::vector<std::string> header;
  const auto fail = [&](std::uint64_t offset, const std::string& message) {
    std::uint64_t line = 0, column = 0;
    lines.locate(offset, line, column);
    throw ParseError(path, line, column, message);
  };
  if (!reader.next(fields, problems)) throw ParseError(path, 0, 0, "empty file: a header row is needed");
  for (const auto& f : fields) header.emplace_back(f.value);
  std::vector<std::size_t> at;
  for (const auto& r : required) {
    const auto it = std::find(header.begin(), header.end(), r);
    if (it == header.end()) throw ParseError(path, 1, 0, "missing column '" + r + "'");
    at.push_back(static_cast<std::size_t>(it - header.begin()));
  }
  if (!problems.empty()) fail(problems[0].offset, problems[0].message);
  while (reader.next(fields, problems)) {
    if (!problems.empty()) fail(problems[0].offset, problems[0].message);
    if (fields.size() != header.size())
      fail(reader.record_offset(), "expected " + std::to_string(header.size()) + " fields, found " + std::to_string(fields.size()));
    std::map<std::string, std::string_view> cells;
    for (std::size_t i = 0; i < header.size(); ++i) cells[header[i]] = fields[i].value;
    row(cells, [&](const std::string& message) { fail(reader.record_offset(), message); });
  }
}

}  // namespace

const std::vector<EventTypeRule>& default_event_type_rules() { return default_rules; }
const std::vector<EventRelationType>& event_relation_types() { return imported_types; }

std::vector<EventTypeRule> read_event_type_rules(const std::string& path) {
  std::vector<EventTypeRule> rules;
  read_keyed_csv(path, "the event-type rule file", {"code", "type"}, [&](auto& cells, auto fail) {
    EventTypeRule rule;
    rule.prefix = std::string(cells["code"]);
    rule.type = std::string(cells["type"]);
    if (!is_digits(rule.prefix) || rule.prefix.size() < 2 || rule.prefix.size() > 4)
      fail("code '" + rule.prefix + "' is not a CAMEO code or prefix (2 to 4 digits)");
    if (rule.type.empty()) fail("empty type");
    for (char c : rule.type)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) fail("type '" + rule.type + "' is not a lower-case slug");
    if (cells.count("reverse") && !parse_bool_cell(cells["reverse"], rule.reverse))
      fail("reverse '" + std::string(cells["reverse"]) + "' is not true or false");
    rules.push_back(std::move(rule));
  });
  return rules;
}

std::map<std::string, std::string> read_actor_map(const std::string& path) {
  std::map<std::string, std::string> map;
  read_keyed_csv(path, "the actor map", {"code", "actor"}, [&](auto& cells, auto fail) {
    const std::string code(cells["code"]), actor(cells["actor"]);
    if (code.empty()) fail("empty code");
    if (actor.empty() || actor.find('|') != std::string::npos || actor.front() == ' ' || actor.back() == ' ')
      fail("actor '" + actor + "' is not an id (non-empty, no '|', no space around it)");
    if (!map.emplace(code, actor).second) fail("code '" + code + "' is mapped twice");
  });
  return map;
}

EventImportResult import_events(const std::vector<std::string>& inputs, const EventImportOptions& options,
                                const EventImportCallbacks& callbacks) {
  Importer importer(options, callbacks);
  for (const auto& path : inputs) importer.read_input(path);
  return importer.finish();
}

std::map<std::string, std::string> imported_csv(const std::vector<ImportedTable>& tables) {
  std::map<std::string, std::string> files;
  for (const auto& table : tables) {
    std::string text;
    std::vector<std::string_view> record(table.columns.begin(), table.columns.end());
    append_csv_record(text, record);
    for (const auto& row : table.rows) {
      record.assign(row.begin(), row.end());
      append_csv_record(text, record);
    }
    files[table.name] = std::move(text);
  }
  return files;
}

std::map<std::string, std::string> merge_imported(const std::map<std::string, std::string>& curated,
                                                  const std::vector<ImportedTable>& tables) {
  std::map<std::string, std::string> files = curated;
  for (const auto& table : tables) {
    const auto existing = curated.find(table.name);
    if (existing == curated.end()) {
      if (!table.rows.empty() || table.name == "actors.csv" || table.name == "relations.csv") {
        files[table.name] = imported_csv({table})[table.name];
      }
      continue;
    }
    if (table.rows.empty()) continue;
    const std::string& text = existing->second;
    // The curated header and records, as offsets.
    CsvReader reader(text);
    std::vector<CsvField> fields;
    std::vector<CsvProblem> problems;
    std::vector<std::string> header;
    std::vector<std::pair<std::uint64_t, std::uint64_t>> records;  // start, end of content (before CR LF)
    while (reader.next(fields, problems)) {
      if (header.empty() && records.empty()) {
        for (const auto& f : fields) header.emplace_back(f.value);
      }
      std::uint64_t end = reader.record_end();
      if (end > reader.record_offset() && text[end - 1] == '\r') --end;
      records.emplace_back(reader.record_offset(), end);
    }
    std::vector<std::string> added;
    for (const auto& c : table.columns)
      if (std::find(header.begin(), header.end(), c) == header.end()) added.push_back(c);
    std::string out;
    if (added.empty()) {
      out = text;
      if (!out.empty() && out.back() != '\n') out += '\n';
    } else {
      std::size_t at = 0;
      for (std::size_t r = 0; r < records.size(); ++r) {
        out.append(text, at, records[r].second - at);
        for (const auto& c : added) {
          out += ',';
          if (r == 0) append_csv_field(out, c);
        }
        at = records[r].second;
      }
      out.append(text, at, std::string::npos);
      if (!out.empty() && out.back() != '\n') out += '\n';
      header.insert(header.end(), added.begin(), added.end());
    }
    std::vector<std::string_view> values(header.size());
    for (const auto& row : table.rows) {
      for (std::size_t i = 0; i < header.size(); ++i) {
        const auto it = std::find(table.columns.begin(), table.columns.end(), header[i]);
        values[i] = it == table.columns.end() ? std::string_view{} : std::string_view(row[static_cast<std::size_t>(it - table.columns.begin())]);
      }
      append_csv_record(out, values);
    }
    files[table.name] = std::move(out);
  }
  return files;
}

}  // namespace actorgraph
