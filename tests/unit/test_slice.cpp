#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/model/slice.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <string>

using namespace actorgraph;

namespace {

std::vector<std::string> kept(const Dataset& d, const Slice& s) {
  std::vector<std::string> out;
  for (RelationId r = 0; r < d.relation_count(); ++r)
    if (s.has_relation(r)) out.emplace_back(d.relation_id(r));
  return out;
}

PartialDate date(const char* text) { return *PartialDate::parse(text); }

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("The whole dataset is the slice with no options", "[model][slice]") {
  const Dataset d = load_dataset(test::data_path("small"));
  const Slice s(d);
  CHECK(s.actor_count() == 8);
  CHECK(s.relation_count() == 9);
  CHECK(s.description() == "whole dataset");
}

TEST_CASE("Type slices keep or drop relation types", "[model][slice]") {
  const Dataset d = load_dataset(test::data_path("small"));
  SliceOptions o;
  o.types = {"membership", "visit"};
  CHECK(kept(d, Slice(d, o)) == Ids{"r1", "r2", "r7"});
  o = {};
  o.exclude_types = {"affiliation", "membership"};
  CHECK(kept(d, Slice(d, o)) == Ids{"r3", "r6", "r7", "r8", "r9"});
  o = {};
  o.types = {"vist"};
  CHECK_THROWS_MATCHES(Slice(d, o), UsageError, Catch::Message("unknown relation type 'vist' (did you mean 'visit'?)"));
}

TEST_CASE("Kind slices keep actors of those kinds and relations among them", "[model][slice]") {
  const Dataset d = load_dataset(test::data_path("small"));
  SliceOptions o;
  o.kinds = {"state"};
  const Slice s(d, o);
  CHECK(s.actor_count() == 4);
  CHECK(kept(d, s) == Ids{"r3", "r7", "r8"});
  o.kinds = {"states"};
  CHECK_THROWS_MATCHES(Slice(d, o), UsageError, Catch::Message("unknown actor kind 'states' (did you mean 'state'?)"));
}

// r1 2002-02-20 (ongoing)  r2 2001 (ongoing)  r3 1993.. (ongoing)  r4 1992.. (ongoing)  r5 undated
// r6 2009..2011  r7 2005-07 (event)  r8 2004.. (ongoing)  r9 2011-06-23 (event)
TEST_CASE("Date slices keep relations whose extent meets the window", "[model][slice]") {
  const Dataset d = load_dataset(test::data_path("small"));
  SliceOptions o;
  o.at = date("2005");
  Slice s(d, o);
  CHECK(kept(d, s) == Ids{"r1", "r2", "r3", "r4", "r7", "r8"});
  CHECK(s.undated_excluded() == 1);
  CHECK(s.description() == "active in 2005");

  o.at = date("2005-08");
  CHECK(kept(d, Slice(d, o)) == Ids{"r1", "r2", "r3", "r4", "r8"});  // the July 2005 visit is over

  o = {};
  o.from = date("2010");
  o.to = date("2011-05");
  CHECK(kept(d, Slice(d, o)) == Ids{"r1", "r2", "r3", "r4", "r6", "r8"});
  o.to = date("2011-06");  // the meeting on 2011-06-23 falls in June
  CHECK(kept(d, Slice(d, o)) == Ids{"r1", "r2", "r3", "r4", "r6", "r8", "r9"});

  o = {};
  o.to = date("1992");
  CHECK(kept(d, Slice(d, o)) == Ids{"r4"});

  o = {};
  o.from = date("2005");
  o.to = date("2004");
  CHECK_THROWS_MATCHES(Slice(d, o), UsageError, Catch::Message("the date window is empty: it ends before it starts"));
}

TEST_CASE("A slice is the same on any number of threads, and keeps what its definition says", "[model][slice]") {
  // 3000 relations in more blocks than threads: types, kinds, dated, undated and open-ended ones.
  const std::string actors = test::numbered_actors_csv(50, 3);
  std::string relations = "id,source,target,type,start,end\n";
  test::Lcg random(777);
  const auto next = [&](std::uint32_t n) { return random.next(n); };
  const char* types[] = {"visit", "meeting", "cooperation", "funding"};
  for (int r = 0; r < 3000; ++r) {
    const std::uint32_t start = next(12);  // 11: undated
    const std::string from = start == 11 ? "" : std::to_string(2000 + start);
    const std::string to = start == 11 || next(3) != 0 ? "" : std::to_string(2000 + start + next(5));
    relations += "r" + std::to_string(r) + ",a" + std::to_string(next(50)) + ",a" + std::to_string(next(50)) + "," + types[next(4)] + "," +
                 from + "," + to + "\n";
  }
  test::TempDataset dir({{"actors.csv", actors}, {"relations.csv", relations}});
  const Dataset d = load_dataset(dir.path());
  SliceOptions typed, window, all;
  typed.types = {"visit", "funding"};
  typed.kinds = {"state"};
  window.from = date("2004");
  window.to = date("2006-06");
  all.exclude_types = {"meeting"};
  all.at = date("2008");
  for (const SliceOptions& o : {typed, window, all}) {
    // The definition, relation by relation.
    std::vector<std::uint8_t> want(d.relation_count(), 0);
    std::size_t undated = 0;
    const Slice one(d, o, 1);
    for (RelationId r = 0; r < d.relation_count(); ++r) {
      const std::string_view type = d.types()[d.relation_type(r)].id;
      if (!o.types.empty() && std::find(o.types.begin(), o.types.end(), type) == o.types.end()) continue;
      if (std::find(o.exclude_types.begin(), o.exclude_types.end(), type) != o.exclude_types.end()) continue;
      if (!one.has_actor(d.relation_source(r)) || !one.has_actor(d.relation_target(r))) continue;
      if (one.windowed()) {
        const Extent e = d.relation_extent(r);
        if (!e.dated) {
          ++undated;
          continue;
        }
        if (!e.overlaps(one.first_day(), one.last_day())) continue;
      }
      want[r] = 1;
    }
    REQUIRE(std::count(want.begin(), want.end(), 1) > 0);
    REQUIRE(std::count(want.begin(), want.end(), 0) > 0);
    for (const unsigned threads : {1u, 2u, 3u, 8u}) {
      INFO(one.description() << ", " << threads << " threads");
      const Slice s(d, o, threads);
      CHECK(std::vector<std::uint8_t>(s.relation_mask().begin(), s.relation_mask().end()) == want);
      CHECK(s.relation_count() == static_cast<std::size_t>(std::count(want.begin(), want.end(), 1)));
      CHECK(s.undated_excluded() == (s.windowed() ? undated : 0));
      CHECK(std::equal(s.actor_mask().begin(), s.actor_mask().end(), one.actor_mask().begin(), one.actor_mask().end()));
    }
  }
}

TEST_CASE("A date window compares dates of every precision as relation_extent defines", "[model][slice]") {
  // Starts, ends and attested dates at year, month and day precision, ongoing and event types,
  // against windows of every precision and windows of single days.
  test::Lcg random(4242);
  const auto next = [&](std::uint32_t n) { return random.next(n); };
  const auto some_date = [&](int year) {
    char text[40];
    const int month = 1 + static_cast<int>(next(12));
    switch (next(3)) {
      case 0: std::snprintf(text, sizeof text, "%04d", year); break;
      case 1: std::snprintf(text, sizeof text, "%04d-%02d", year, month); break;
      default: std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, month, 1 + static_cast<int>(next(days_in_month(year, month))));
    }
    return std::string(text);
  };
  std::string relations = "id,source,target,type,start,end,attested\n";
  const char* types[] = {"visit", "meeting", "membership", "cooperation"};
  for (int r = 0; r < 2000; ++r) {
    const int year = 1998 + static_cast<int>(next(8));
    const bool dated = next(10) != 0, ended = dated && next(3) == 0, attested = dated && next(3) == 0;
    relations += "r" + std::to_string(r) + ",a" + std::to_string(next(20)) + ",a" + std::to_string(next(20)) + "," + types[next(4)] + "," +
                 (dated ? some_date(year) : "") + "," + (ended ? some_date(year + 1 + static_cast<int>(next(3))) : "") + "," +
                 (attested ? some_date(year + 1 + static_cast<int>(next(2))) : "") + "\n";
  }
  test::TempDataset dir({{"actors.csv", test::numbered_actors_csv(20, 4)}, {"relations.csv", relations}});
  const Dataset d = load_dataset(dir.path());
  REQUIRE(d.relation_count() == 2000);
  std::size_t windows = 0, wrong = 0;
  for (int w = 0; w < 300; ++w) {
    SliceOptions o;
    const int year = 1997 + static_cast<int>(next(12));
    if (next(4) != 0) o.from = *PartialDate::parse(some_date(year));
    if (next(4) != 0) o.to = *PartialDate::parse(some_date(year + static_cast<int>(next(4))));
    if (next(5) == 0) o.at = *PartialDate::parse(some_date(year));
    if (!o.from && !o.to && !o.at) continue;
    const std::int32_t first = std::max(o.from ? o.from->first_day() : std::numeric_limits<std::int32_t>::min(),
                                        o.at ? o.at->first_day() : std::numeric_limits<std::int32_t>::min());
    const std::int32_t last = std::min(o.to ? o.to->last_day() : std::numeric_limits<std::int32_t>::max(),
                                       o.at ? o.at->last_day() : std::numeric_limits<std::int32_t>::max());
    if (first > last) continue;
    ++windows;
    const Slice s(d, o, 2);
    for (RelationId r = 0; r < d.relation_count(); ++r) {
      if (s.has_relation(r) != d.relation_extent(r).overlaps(first, last)) ++wrong;
      // And a window of a single day, in the window's first year or the next.
      const std::int32_t day = days_from_civil(year, 1, 1) + static_cast<std::int32_t>(next(730));
      if (d.relation_overlaps(r, civil_key(day), civil_key(day)) != d.relation_extent(r).overlaps(day, day)) ++wrong;
    }
  }
  CHECK(windows > 150);
  CHECK(wrong == 0);
}
