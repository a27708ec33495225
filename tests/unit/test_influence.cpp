#include "actorgraph/analysis/influence.hpp"
#include "actorgraph/io/dataset_reader.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace actorgraph;
using actorgraph::test::TempDataset;

namespace {

InfluenceOptions two_blocs(const Dataset& d, const char* a, const char* b, const char* target) {
  InfluenceOptions o;
  o.target = *d.find_actor(target);
  o.blocs = {{a, {*d.find_actor(a)}}, {b, {*d.find_actor(b)}}};
  o.at = *PartialDate::parse("2010");
  return o;
}

const BlocInfluence& bloc(const InfluenceResult& r, const std::string& name) {
  for (const auto& b : r.blocs)
    if (b.name == name) return b;
  throw std::runtime_error("no bloc " + name);
}

}  // namespace

//   a --funding(7)--> t <--visit(2)-- b        c (no tie)
TEST_CASE("Direct ties, reach, score, share and balance by hand", "[analysis][influence]") {
  TempDataset t({{"actors.csv", "id,label,kind\na,A,state\nb,B,state\nc,C,state\nt,T,state\n"},
                 {"relations.csv", "id,source,target,type,start\nr1,a,t,funding,2010\nr2,b,t,visit,2010\n"}});
  const Dataset d = load_dataset(t.path());
  const InfluenceResult r = measure_influence(d, Slice(d), two_blocs(d, "a", "b", "t"));
  const auto& a = bloc(r, "a");
  const auto& b = bloc(r, "b");
  CHECK(a.direct == Approx(7).epsilon(1e-12));
  CHECK(b.direct == Approx(2).epsilon(1e-12));
  // One tie to an absorbing target: the walk's mass at the target is d / (1 + d).
  CHECK(a.reach == Approx(0.85 / 1.85).epsilon(1e-10));
  CHECK(b.reach == Approx(0.85 / 1.85).epsilon(1e-10));
  const double sa = 0.7 * 7 + 0.3 * 20 * 0.85 / 1.85, sb = 0.7 * 2 + 0.3 * 20 * 0.85 / 1.85;
  CHECK(a.score == Approx(sa).epsilon(1e-10));
  CHECK(a.share == Approx(sa / (sa + sb)).epsilon(1e-10));
  REQUIRE(r.balance);
  CHECK(*r.balance == Approx((sa - sb) / (sa + sb)).epsilon(1e-10));
  CHECK(a.by_type.at("funding") == Approx(7));
  REQUIRE(a.contributions.size() == 1);
  CHECK(d.relation_id(a.contributions[0].relation) == "r1");
  CHECK(r.balance_min <= *r.balance);
  CHECK(r.balance_max >= *r.balance);
  CHECK(a.share_min < a.share);  // halving the funding weight lowers a's share
}

TEST_CASE("Magnitudes count on a log scale and ended relations decay", "[analysis][influence]") {
  TempDataset t({{"actors.csv", "id,label,kind\nr,R,state\nt,T,state\n"},
                 {"relations.csv", "id,source,target,type,start,end,magnitude,unit\n"
                                   "r1,r,t,troop_presence,1993,,25000,troops\n"
                                   "r2,r,t,funding,1998,2000,,\n"
                                   "r3,r,t,training,2015,,,\n"}});
  const Dataset d = load_dataset(t.path());
  InfluenceOptions o;
  o.target = 1;
  o.blocs = {{"r", {0}}};
  o.at = *PartialDate::parse("2010");
  const InfluenceResult result1 = measure_influence(d, Slice(d), o);
  const auto& b = result1.blocs[0];
  REQUIRE(b.contributions.size() == 2);  // the 2015 training has not happened yet
  const Contribution& troops = b.contributions[0];
  CHECK(troops.magnitude_factor == Approx(1 + std::log10(26.0)).epsilon(1e-12));
  CHECK(troops.decay == 1);  // still active
  CHECK(troops.value == Approx(10 * (1 + std::log10(26.0))).epsilon(1e-12));
  const Contribution& funding = b.contributions[1];
  const double years = (days_from_civil(2010, 12, 31) - days_from_civil(2000, 12, 31)) / 365.2425;
  CHECK(funding.decay == Approx(std::pow(0.5, years / 5)).epsilon(1e-12));
}

TEST_CASE("Claims that dispute each other share one fact's weight", "[analysis][influence]") {
  // r1 and r2 are two sources' dates for one accession; r3 is an unrelated funding.
  TempDataset t({{"actors.csv", "id,label,kind\nb,B,state\nt,T,state\n"},
                 {"sources.csv", "id,title\ns1,One\ns2,Two\n"},
                 {"relations.csv", "id,source,target,type,start,sources,disputes\n"
                                   "r1,t,b,agreement,2000,s1,r2\n"
                                   "r2,t,b,agreement,2002,s2,r1\n"
                                   "r3,b,t,funding,2010,s1,\n"}});
  const Dataset d = load_dataset(t.path());
  InfluenceOptions o;
  o.target = 1;
  o.blocs = {{"b", {0}}};
  o.at = *PartialDate::parse("2010");
  const InfluenceResult result2 = measure_influence(d, Slice(d), o);
  const auto& b = result2.blocs[0];
  REQUIRE(b.contributions.size() == 3);
  double agreements = 0;
  for (const auto& c : b.contributions) {
    CHECK(c.credence == (d.relation_id(c.relation) == "r3" ? 1.0 : 0.5));
    CHECK(c.value == Approx(c.type_weight * c.magnitude_factor * c.decay * c.credence).epsilon(1e-12));
    if (d.relation_id(c.relation) != "r3") agreements += c.type_weight * c.decay / 2;
  }
  CHECK(b.by_type.at("agreement") == Approx(agreements).epsilon(1e-12));  // the mean of the two claims
  // Leave one claim out of the slice and the other counts fully.
  SliceOptions only_2002;
  only_2002.from = PartialDate::parse("2001");
  const InfluenceResult result3 = measure_influence(d, Slice(d, only_2002), o);
  const auto& b2 = result3.blocs[0];
  REQUIRE(b2.contributions.size() == 2);
  for (const auto& c : b2.contributions) CHECK(c.credence == 1.0);
}

TEST_CASE("A longer half-life never lowers an old relation's weight", "[analysis][influence]") {
  TempDataset t({{"actors.csv", "id,label,kind\nr,R,state\nt,T,state\n"},
                 {"relations.csv", "id,source,target,type,start,end\nr1,r,t,visit,1995,\nr2,r,t,exercise,2003,2004\n"}});
  const Dataset d = load_dataset(t.path());
  InfluenceOptions o;
  o.target = 1;
  o.blocs = {{"r", {0}}};
  o.at = *PartialDate::parse("2010");
  double previous = 0;
  for (double half_life : {0.5, 1.0, 2.0, 5.0, 20.0}) {
    o.parameters.half_life["visit"] = half_life;
    o.parameters.half_life["exercise"] = half_life;
    const double direct = measure_influence(d, Slice(d), o).blocs[0].direct;
    CHECK(direct >= previous);
    previous = direct;
  }
}

//   a -- x -- t        b -- y        (b has no path to t)
TEST_CASE("A bloc with no path to the target has no reach", "[analysis][influence]") {
  TempDataset t({{"actors.csv", "id,label,kind\na,A,state\nb,B,state\nt,T,state\nx,X,state\ny,Y,state\n"},
                 {"relations.csv", "id,source,target,type,start\nr1,a,x,cooperation,2005\nr2,x,t,cooperation,2005\nr3,b,y,cooperation,2005\n"}});
  const Dataset d = load_dataset(t.path());
  const InfluenceResult r = measure_influence(d, Slice(d), two_blocs(d, "a", "b", "t"));
  CHECK(bloc(r, "b").reach == 0);
  CHECK(bloc(r, "b").score == 0);
  CHECK(bloc(r, "a").reach > 0);
  CHECK(bloc(r, "a").direct == 0);  // no direct tie: reach alone
}

//        a                b
//        |  meeting       |  meeting
//        t ---------------+
TEST_CASE("Symmetric blocs get equal scores and swapping them swaps the scores", "[analysis][influence]") {
  TempDataset t({{"actors.csv", "id,label,kind\na,A,state\nb,B,state\nt,T,state\n"},
                 {"relations.csv", "id,source,target,type,start\nr1,a,t,meeting,2008\nr2,b,t,meeting,2008\n"}});
  const Dataset d = load_dataset(t.path());
  const InfluenceResult r = measure_influence(d, Slice(d), two_blocs(d, "a", "b", "t"));
  CHECK(r.blocs[0].score == r.blocs[1].score);
  CHECK(*r.balance == 0);
  const InfluenceResult swapped = measure_influence(d, Slice(d), two_blocs(d, "b", "a", "t"));
  CHECK(swapped.blocs[0].name == "b");
  CHECK(swapped.blocs[0].score == r.blocs[1].score);
}

TEST_CASE("Adding a relation between a bloc and the target never lowers the bloc's score", "[analysis][influence]") {
  const std::vector<std::string> types{"funding", "visit", "troop_presence", "meeting", "statement", "cooperation", "training"};
  std::mt19937 random(7);
  for (int trial = 0; trial < 25; ++trial) {
    std::string actors = "id,label,kind\n", relations = "id,source,target,type,start\n";
    const int n = 8;
    for (int i = 0; i < n; ++i) actors += "v" + std::to_string(i) + ",V,state\n";
    int next = 0;
    auto add = [&](int u, int v) {
      relations += "r" + std::to_string(next++) + ",v" + std::to_string(u) + ",v" + std::to_string(v) + "," +
                   types[random() % types.size()] + "," + std::to_string(2000 + random() % 11) + "\n";
    };
    for (int e = 0; e < 14; ++e) {
      const int u = static_cast<int>(random() % n), v = static_cast<int>(random() % n);
      if (u != v) add(u, v);
    }
    // Target v0; blocs {v1, v2} and {v3}.
    const std::string before = relations;
    add(1 + static_cast<int>(random() % 2), 0);
    TempDataset t0({{"actors.csv", actors}, {"relations.csv", before}}), t1({{"actors.csv", actors}, {"relations.csv", relations}});
    const Dataset d0 = load_dataset(t0.path()), d1 = load_dataset(t1.path());
    InfluenceOptions o;
    o.target = 0;
    o.blocs = {{"west", {1, 2}}, {"east", {3}}};
    o.at = *PartialDate::parse("2010");
    o.sensitivity = false;
    const double s0 = measure_influence(d0, Slice(d0), o).blocs[0].score;
    const double s1 = measure_influence(d1, Slice(d1), o).blocs[0].score;
    INFO("trial " << trial);
    CHECK(s1 >= s0 - 1e-12);
  }
}

TEST_CASE("Influence refuses a target inside a bloc and empty blocs", "[analysis][influence]") {
  TempDataset t({{"actors.csv", "id,label,kind\na,A,state\nt,T,state\n"}, {"relations.csv", "id,source,target,type,start\nr1,a,t,visit,2001\n"}});
  const Dataset d = load_dataset(t.path());
  InfluenceOptions o;
  o.target = 1;
  CHECK_THROWS_MATCHES(measure_influence(d, Slice(d), o), UsageError,
                       Catch::Message("no blocs to compare: declare them in blocs.csv or give --blocs"));
  o.blocs = {{"x", {0, 1}}};
  CHECK_THROWS_MATCHES(measure_influence(d, Slice(d), o), UsageError, Catch::Message("the target 't' is a member of bloc 'x'"));
}

TEST_CASE("Parameter files override defaults and report errors with positions", "[analysis][influence]") {
  TempDataset t({{"params.csv", "parameter,value,notes\nweight.visit,3,\nhalf_life.funding,none,never fades\nmix.direct,0.5,\n"},
                 {"bad.csv", "parameter,value\nweight.vist,3\nmix.direct,2\nhalf_life.visit,abc\nnetwork.scal,3\n"}});
  InfluenceParameters p = InfluenceParameters::defaults();
  const RelationTypes types;
  p.load(t.path() + "/params.csv", types);
  CHECK(p.type_weight("visit") == 3);
  CHECK(std::isinf(p.type_half_life("funding")));
  CHECK(p.mix_direct == 0.5);
  try {
    p.load(t.path() + "/bad.csv", types);
    FAIL("expected a DataError");
  } catch (const DataError& e) {
    std::vector<std::string> messages;
    for (const auto& diag : e.diagnostics()) messages.push_back(std::to_string(diag.line) + ":" + std::to_string(diag.column) + " " + diag.message);
    CHECK(messages == std::vector<std::string>{"2:1 unknown relation type 'vist' in weight.vist (did you mean 'visit'?)",
                                               "3:12 mix.direct must be at least 0 and at most 1, found 2",
                                               "4:17 value 'abc' of half_life.visit is not a number (or none, for no decay)",
                                               "5:1 unknown parameter 'network.scal' (did you mean 'network.scale'?)"});
  }
}
