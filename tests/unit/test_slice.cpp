#include "actorgraph/io/dataset_reader.hpp"
#include "actorgraph/model/slice.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

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
