#include "actorgraph/analysis/influence.hpp"
#include "actorgraph/io/dataset_reader.hpp"

#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <sstream>

using namespace actorgraph;
using actorgraph::test::data_path;
using actorgraph::test::TempDataset;

namespace {

constexpr std::size_t all = all_dimensions;
constexpr auto security = static_cast<std::size_t>(Dimension::security);
constexpr auto political = static_cast<std::size_t>(Dimension::political);
constexpr auto economic = static_cast<std::size_t>(Dimension::economic);

InfluenceOptions options(const Dataset& d, std::vector<std::string> blocs, const char* target, const char* at = "2010") {
  InfluenceOptions o;
  o.target = *d.find_actor(target);
  for (const auto& b : blocs) o.blocs.push_back({b, {*d.find_actor(b)}, b});
  o.at = *PartialDate::parse(at);
  return o;
}

const BlocInfluence& bloc(const InfluenceResult& r, const std::string& name) {
  for (const auto& b : r.blocs)
    if (b.name == name) return b;
  throw std::runtime_error("no bloc " + name);
}

double score(const InfluenceResult& r, const std::string& name, std::size_t k = all) { return bloc(r, name).dimensions[k].score.value; }

// Every estimate of a result, in a fixed order.
std::vector<const Estimate*> estimates(const InfluenceResult& r) {
  std::vector<const Estimate*> out;
  for (const auto& b : r.blocs)
    for (const auto& dim : b.dimensions)
      for (const Estimate* e : {&dim.score, &dim.share, &dim.dependence}) out.push_back(e);
  if (r.balance)
    for (const auto& e : *r.balance) out.push_back(&e);
  return out;
}

}  // namespace

//   a --funding(7)--> t <--visit(2)-- b        (both in 2010)
TEST_CASE("Score share dependence and balance by hand", "[analysis][influence]") {
  TempDataset t({{"actors.csv", "id,label,kind\na,A,state\nb,B,state\nc,C,state\nt,T,state\n"},
                 {"relations.csv", "id,source,target,type,start\nr1,a,t,funding,2010\nr2,b,t,visit,2010\n"}});
  const Dataset d = load_dataset(t.path());
  const InfluenceResult r = measure_influence(d, Slice(d), options(d, {"a", "b"}, "t"));
  const auto& a = bloc(r, "a");
  CHECK(a.dimensions[all].score.value == 7);
  CHECK(a.dimensions[economic].score.value == 7);
  CHECK(a.dimensions[political].score.value == 0);
  CHECK(bloc(r, "b").dimensions[political].score.value == 2);
  CHECK(a.dimensions[all].share.value == Approx(7.0 / 9).epsilon(1e-12));
  CHECK(a.dimensions[all].dependence.value == Approx(7.0 / 9).epsilon(1e-12));  // a and b are the only partners
  REQUIRE(r.balance);
  CHECK((*r.balance)[all].value == Approx(5.0 / 9).epsilon(1e-12));
  CHECK((*r.balance)[economic].value == 1);
  CHECK((*r.balance)[political].value == -1);
  CHECK(a.by_type.at("funding") == 7);
  REQUIRE(a.facts.size() == 1);
  CHECK(d.relation_id(*a.facts[0].counted) == "r1");
  // No sources: nothing to resample; the parameter draws vary the weights.
  CHECK(a.dimensions[all].score.sources.low == 7);
  CHECK(a.dimensions[all].score.parameters.low < 7);
  CHECK(a.dimensions[all].score.parameters.high > 7);
  CHECK(a.dimensions[all].score.parameters.low >= 3.5);   // weight.funding in 7 × (0.5 .. 1.5)
  CHECK(a.dimensions[all].score.parameters.high <= 10.5);
}

TEST_CASE("Magnitudes count on a log scale and ended relations decay", "[analysis][influence]") {
  TempDataset t({{"actors.csv", "id,label,kind\nr,R,state\nt,T,state\n"},
                 {"relations.csv", "id,source,target,type,start,end,magnitude,unit\n"
                                   "r1,r,t,troop_presence,1993,,25000,troops\n"
                                   "r2,r,t,funding,1998,2000,,\n"
                                   "r3,r,t,training,2015,,,\n"}});
  const Dataset d = load_dataset(t.path());
  const InfluenceResult result = measure_influence(d, Slice(d), options(d, {"r"}, "t"));
  const auto& b = result.blocs[0];
  REQUIRE(b.contributions.size() == 3);
  const Contribution& troops = b.contributions[0];
  CHECK(troops.magnitude_factor == Approx(1 + std::log10(26.0)).epsilon(1e-12));
  CHECK(troops.decay == 1);
  CHECK(troops.value == Approx(10 * (1 + std::log10(26.0))).epsilon(1e-12));
  const Contribution& funding = b.contributions[1];
  const double years = (days_from_civil(2010, 12, 31) - days_from_civil(2000, 12, 31)) / 365.2425;
  CHECK(funding.decay == Approx(std::pow(0.5, years / 5)).epsilon(1e-12));
  CHECK(b.contributions[2].value == 0);  // the 2015 training has not happened yet
}

// tests/data/influence/facts:  r1 exercise, r2 funding, r3 training: one planned exercise (fact f1);
// r4 Beta's 25,000 troops, r5 its division's troops, part_of r4.
TEST_CASE("A fact split into three rows scores as one row and a part counts with its total", "[analysis][influence]") {
  const Dataset d = load_dataset(data_path("influence/facts"));
  const InfluenceResult r = measure_influence(d, Slice(d), options(d, {"a", "b"}, "t"));
  CHECK(score(r, "a") == 7);  // the strongest row, funding (7), not 5 + 7 + 6
  CHECK(score(r, "a", economic) == 7);
  CHECK(score(r, "a", security) == 0);
  const auto& a = bloc(r, "a");
  REQUIRE(a.facts.size() == 1);
  CHECK(a.facts[0].id == "f1");
  CHECK(a.facts[0].rows.size() == 3);
  CHECK(d.relation_id(*a.facts[0].counted) == "r2");
  CHECK(a.dimensions[all].facts == 1);
  CHECK(score(r, "b") == Approx(10 * (1 + std::log10(26.0))).epsilon(1e-12));  // r4 alone
  // The same rows without the fact and part_of columns count three and two times.
  TempDataset flat({{"actors.csv", "id,label,kind\na,A,state\nb,B,state\nb_div,D,military_unit\nt,T,state\n"},
                    {"relations.csv", "id,source,target,type,start,magnitude,unit\nr1,a,t,exercise,2010,,\nr2,a,t,funding,2010,,\n"
                                      "r3,a,t,training,2010,,\nr4,b,t,troop_presence,2010,25000,troops\nr5,b_div,t,troop_presence,2010,,\n"
                                      "r6,b_div,b,affiliation,,,\n"}});
  const Dataset f = load_dataset(flat.path());
  const InfluenceResult rf = measure_influence(f, Slice(f), options(f, {"a", "b"}, "t"));
  CHECK(score(rf, "a") == 18);
  CHECK(score(rf, "b") == Approx(10 * (1 + std::log10(26.0)) + 10).epsilon(1e-12));
  // The rows quote one sentence: without a fact id they are listed as a possible double count.
  CHECK(rf.possible_double_counts.empty());  // no quotes in the flat copy
  CHECK(r.possible_double_counts.empty());   // grouped in the fixture
  CHECK(likely_double_counts(d).empty());
}

// tests/data/influence/stance: Alpha visits (2) and says the Target's help would be a burden
// (statement, stance negative, 1); Beta visits (2) and makes a statement with no stance (neutral).
TEST_CASE("A negative stance lowers the bloc's score and a statement without one counts nothing", "[analysis][influence]") {
  const Dataset d = load_dataset(data_path("influence/stance"));
  const InfluenceResult r = measure_influence(d, Slice(d), options(d, {"a", "b"}, "t"));
  CHECK(score(r, "a") == 1);  // 2 − 1
  CHECK(bloc(r, "a").dimensions[all].cooperative == 2);
  CHECK(bloc(r, "a").dimensions[all].conflictual == 1);
  CHECK(score(r, "b") == 2);
  CHECK((*r.balance)[all].value == Approx((1.0 - 2.0) / 3.0).epsilon(1e-12));
  for (const auto& c : bloc(r, "b").contributions)
    if (d.relation_id(c.relation) == "r4") CHECK(c.sign == 0);
  // Without the negative statement Alpha would score 2: the stance lowered it.
  SliceOptions visits;
  visits.types = {"visit"};
  CHECK(score(measure_influence(d, Slice(d, visits), options(d, {"a", "b"}, "t")), "a") == 2);
}

//   a --visit(2)----------> t <--funding(7)---------- b
//   a --exercise(5) planned-^ ^--training(6) intended-- b          (all in 2010)
// planned counts half (status.planned 0.5), intended a quarter (status.intended 0.25) by default.
TEST_CASE("Planned and intended relations count with their status factor", "[analysis][influence]") {
  TempDataset t({{"actors.csv", "id,label,kind\na,A,state\nb,B,state\nt,T,state\n"},
                 {"relations.csv", "id,source,target,type,start,status,fact\nr1,a,t,visit,2010,,\nr2,a,t,exercise,2010,planned,\n"
                                   "r3,b,t,funding,2010,,\nr4,b,t,training,2010,intended,\n"
                                   "r5,b,t,exercise,2010,planned,f1\nr6,b,t,funding,2010,planned,f1\n"},
                 {"params.csv", "parameter,value\nstatus.planned,0\nstatus.intended,1\n"},
                 {"bad.csv", "parameter,value\nstatus.planned,1.5\nstatus.plannd,1\n"}});
  const Dataset d = load_dataset(t.path());
  const InfluenceResult r = measure_influence(d, Slice(d), options(d, {"a", "b"}, "t"));
  CHECK(score(r, "a") == Approx(2 + 5 * 0.5).epsilon(1e-12));  // 4.5
  // r3 7 + r4 6 · 0.25 + the planned fact f1 of two rows at its strongest, funding 7 · 0.5.
  CHECK(score(r, "b") == Approx(7 + 1.5 + 3.5).epsilon(1e-12));  // 12
  for (const auto& c : bloc(r, "a").contributions)
    CHECK(c.status_factor == (d.relation_id(c.relation) == "r2" ? 0.5 : 1.0));
  // The parameter file can leave planned rows out and count intended ones in full.
  InfluenceOptions o = options(d, {"a", "b"}, "t");
  o.parameters.load(t.path() + "/params.csv", d.types());
  const InfluenceResult r2 = measure_influence(d, Slice(d), o);
  CHECK(score(r2, "a") == 2);
  CHECK(score(r2, "b") == 13);  // 7 + 6; f1 counts 0
  try {
    o.parameters.load(t.path() + "/bad.csv", d.types());
    FAIL("expected a DataError");
  } catch (const DataError& e) {
    REQUIRE(e.diagnostics().size() == 2);
    CHECK(e.diagnostics()[0].message == "status.planned must be at least 0 and at most 1, found 1.5");
    CHECK(e.diagnostics()[1].message == "unknown parameter 'status.plannd' (did you mean 'status.planned'?)");
  }
}

// tests/data/influence/attested: r1 Alpha–Target cooperation, undated, cited by an article of
// 2010-06; r2 Beta–Target cooperation, undated, the same article saying it existed in 2004.
TEST_CASE("An undated relation attested in 2010 counts only in the high end at 2005", "[analysis][influence]") {
  const Dataset d = load_dataset(data_path("influence/attested"));
  const InfluenceResult r2005 = measure_influence(d, Slice(d), options(d, {"a", "b"}, "t", "2005"));
  const Estimate& a = bloc(r2005, "a").dimensions[all].score;
  CHECK(a.value == 0);          // not known in 2005
  CHECK(a.undated.low == 0);    // the low end leaves it out
  CHECK(a.undated.high == 3);   // the high end counts it (cooperation, 3)
  CHECK(a.high >= 3);
  CHECK(score(r2005, "b") == 3);  // attested as of 2004
  CHECK(r2005.undated_relations == 2);
  CHECK(r2005.not_yet_attested == 1);
  const InfluenceResult r2010 = measure_influence(d, Slice(d), options(d, {"a", "b"}, "t", "2010"));
  CHECK(score(r2010, "a") == 3);
  CHECK(bloc(r2010, "a").dimensions[all].score.undated.low == 3);
  CHECK(r2010.not_yet_attested == 0);
}

// tests/data/influence/three_sources:
//   r1 a->t funding 7 [s1]   r2 a->t visit 2 [s2]   r3 b--t meeting 1.5 [s2|s3]   r4 b->t training 6 [s3]
TEST_CASE("Leave-one-source-out on three sources by hand", "[analysis][influence]") {
  const Dataset d = load_dataset(data_path("influence/three_sources"));
  const InfluenceResult r = measure_influence(d, Slice(d), options(d, {"a", "b"}, "t"));
  REQUIRE(r.sources.size() == 3);
  const Estimate& a = bloc(r, "a").dimensions[all].score;
  const Estimate& share = bloc(r, "a").dimensions[all].share;
  const Estimate& balance = (*r.balance)[all];
  CHECK(a.value == 9);
  CHECK(score(r, "b") == 7.5);
  // Without s1: a 2, b 7.5. Without s2: a 7, b 7.5 (the meeting stays, s3 cites it). Without s3: a 9, b 1.5.
  CHECK(a.leave_one_out == std::vector<double>{2, 7, 9});
  CHECK(bloc(r, "b").dimensions[all].score.leave_one_out == std::vector<double>{7.5, 7.5, 1.5});
  REQUIRE(share.leave_one_out.size() == 3);
  CHECK(share.leave_one_out[0] == Approx(2 / 9.5).epsilon(1e-12));
  CHECK(share.leave_one_out[1] == Approx(7 / 14.5).epsilon(1e-12));
  CHECK(share.leave_one_out[2] == Approx(9 / 10.5).epsilon(1e-12));
  CHECK(balance.sources.low == Approx(-5.5 / 9.5).epsilon(1e-12));
  CHECK(balance.sources.high == Approx(7.5 / 10.5).epsilon(1e-12));
  CHECK(balance.low <= -5.5 / 9.5 + 1e-12);
  CHECK(balance.high >= 7.5 / 10.5 - 1e-12);
  CHECK(balance.value == Approx(1.5 / 16.5).epsilon(1e-12));
  CHECK(bloc(r, "a").sources.size() == 2);
  CHECK(bloc(r, "b").sources.size() == 2);
}

// tests/data/influence/dependence: a funds t (7, economic), b visits t (2), c meets t (1.5).
TEST_CASE("Dependence: shares of the target's ties with all partners sum to 1", "[analysis][influence]") {
  const Dataset d = load_dataset(data_path("influence/dependence"));
  const InfluenceResult r = measure_influence(d, Slice(d), options(d, {"a", "b"}, "t"));
  CHECK(bloc(r, "a").dimensions[all].dependence.value == Approx(7 / 10.5).epsilon(1e-12));
  CHECK(bloc(r, "b").dimensions[all].dependence.value == Approx(2 / 10.5).epsilon(1e-12));
  CHECK(bloc(r, "b").dimensions[political].dependence.value == Approx(2 / 3.5).epsilon(1e-12));
  CHECK(bloc(r, "a").dimensions[all].share.value == Approx(7 / 9.0).epsilon(1e-12));  // among the blocs only
  REQUIRE(r.partners.size() == 3);
  for (std::size_t k : {all, political, economic}) {
    double sum = 0;
    for (const auto& p : r.partners) sum += p.share[k];
    CHECK(sum == Approx(1).epsilon(1e-12));
  }
  CHECK(r.partners[2].share[political] == Approx(1.5 / 3.5).epsilon(1e-12));
}

TEST_CASE("Claims that dispute each other share one fact's weight", "[analysis][influence]") {
  TempDataset t({{"actors.csv", "id,label,kind\nb,B,state\nt,T,state\n"},
                 {"sources.csv", "id,title\ns1,One\ns2,Two\n"},
                 {"relations.csv", "id,source,target,type,start,sources,disputes\n"
                                   "r1,t,b,agreement,2000,s1,r2\n"
                                   "r2,t,b,agreement,2002,s2,r1\n"
                                   "r3,b,t,funding,2010,s1,\n"}});
  const Dataset d = load_dataset(t.path());
  const InfluenceResult r = measure_influence(d, Slice(d), options(d, {"b"}, "t"));
  const auto& b = r.blocs[0];
  REQUIRE(b.contributions.size() == 3);
  for (const auto& c : b.contributions) {
    CHECK(c.credence == (d.relation_id(c.relation) == "r3" ? 1.0 : 0.5));
    CHECK(c.value == Approx(c.type_weight * c.magnitude_factor * c.decay * c.credence).epsilon(1e-12));
  }
}

TEST_CASE("A longer half-life never lowers an old relation's weight", "[analysis][influence]") {
  TempDataset t({{"actors.csv", "id,label,kind\nr,R,state\nt,T,state\n"},
                 {"relations.csv", "id,source,target,type,start,end\nr1,r,t,visit,1995,\nr2,r,t,exercise,2003,2004\n"}});
  const Dataset d = load_dataset(t.path());
  InfluenceOptions o = options(d, {"r"}, "t");
  o.uncertainty = false;
  double previous = 0;
  for (double half_life : {0.5, 1.0, 2.0, 5.0, 20.0}) {
    o.parameters.half_life["visit"] = half_life;
    o.parameters.half_life["exercise"] = half_life;
    const double s = score(measure_influence(d, Slice(d), o), "r");
    CHECK(s >= previous);
    previous = s;
  }
}

namespace {

// A random dataset: target v0, blocs {v1, v2} and {v3}, partners v4..v7, three sources; rows of
// random types, dates (some undated), stances, sources and fact ids.
std::map<std::string, std::string> random_dataset(std::mt19937& random, int rows, std::string* extra_row = nullptr) {
  const std::vector<std::string> types{"funding", "visit", "troop_presence", "meeting", "statement", "cooperation", "training"};
  const std::vector<std::string> stances{"", "", "", "positive", "negative", "neutral"};
  std::string actors = "id,label,kind\n", relations = "id,source,target,type,start,sources,stance,fact\n";
  for (int i = 0; i < 8; ++i) actors += "v" + std::to_string(i) + ",V" + std::to_string(i) + ",state\n";
  int next = 0;
  auto row = [&](int u, int v, const std::string& stance) {
    const int year = static_cast<int>(random() % 14);
    std::string sources;
    for (int s = 1; s <= 3; ++s)
      if (random() % 2) sources += (sources.empty() ? "s" : "|s") + std::to_string(s);
    return "r" + std::to_string(next++) + ",v" + std::to_string(u) + ",v" + std::to_string(v) + "," + types[random() % types.size()] + "," +
           (year >= 12 ? std::string() : std::to_string(2000 + year)) + "," + sources + "," + stance + "," +
           (random() % 4 == 0 ? "f" + std::to_string(random() % 3) : std::string()) + "\n";
  };
  for (int e = 0; e < rows; ++e) {
    const int u = static_cast<int>(random() % 8), v = random() % 3 == 0 ? 0 : static_cast<int>(random() % 8);
    if (u != v) relations += row(u, v, stances[random() % stances.size()]);
  }
  if (extra_row) {
    *extra_row = row(1 + static_cast<int>(random() % 2), 0, "positive");
  }
  return {{"actors.csv", actors}, {"relations.csv", relations},
          {"sources.csv", "id,title,date\ns1,One,2001\ns2,Two,2006\ns3,Three,2011\n"}};
}

}  // namespace

TEST_CASE("Adding a cooperative tie never lowers that bloc's score", "[analysis][influence][invariants]") {
  std::mt19937 random(7);
  for (int trial = 0; trial < 40; ++trial) {
    std::string extra;
    auto files = random_dataset(random, 16, &extra);
    TempDataset t0(files);
    files["relations.csv"] += extra;
    TempDataset t1(files);
    const Dataset d0 = load_dataset(t0.path()), d1 = load_dataset(t1.path());
    InfluenceOptions o;
    o.target = 0;
    o.blocs = {{"west", {1, 2}, "West"}, {"east", {3}, "East"}};
    o.at = *PartialDate::parse("2008");
    o.uncertainty = false;
    const InfluenceResult r0 = measure_influence(d0, Slice(d0), o), r1 = measure_influence(d1, Slice(d1), o);
    INFO("trial " << trial << ", added " << extra);
    for (std::size_t k = 0; k <= all; ++k) {
      CHECK(r1.blocs[0].dimensions[k].score.value >= r0.blocs[0].dimensions[k].score.value - 1e-12);
      CHECK(r1.blocs[1].dimensions[k].score.value == Approx(r0.blocs[1].dimensions[k].score.value).margin(1e-12));
    }
  }
}

TEST_CASE("Swapping two symmetric blocs swaps their results with their intervals", "[analysis][influence][invariants]") {
  std::mt19937 random(11);
  for (int trial = 0; trial < 10; ++trial) {
    // Every row of v1 has a twin for v2 with the same type, date, sources and stance.
    auto files = random_dataset(random, 12);
    std::string relations = "id,source,target,type,start,sources,stance,fact\n";
    std::istringstream in(files["relations.csv"]);
    std::string line;
    std::getline(in, line);
    int next = 0;
    while (std::getline(in, line)) {
      const auto first = line.find(','), second = line.find(',', first + 1), third = line.find(',', second + 1);
      const std::string rest = line.substr(third + 1);
      const std::string fields = rest.substr(0, rest.rfind(',')) + ",";  // no fact ids: twins are separate facts
      relations += "r" + std::to_string(next++) + ",v1,v0," + fields + "\n";
      relations += "r" + std::to_string(next++) + ",v2,v0," + fields + "\n";
    }
    files["relations.csv"] = relations;
    TempDataset t(files);
    const Dataset d = load_dataset(t.path());
    InfluenceOptions o;
    o.target = 0;
    o.at = *PartialDate::parse("2008");
    o.blocs = {{"one", {1}, "One"}, {"two", {2}, "Two"}};
    const InfluenceResult r = measure_influence(d, Slice(d), o);
    std::swap(o.blocs[0], o.blocs[1]);
    const InfluenceResult s = measure_influence(d, Slice(d), o);
    INFO("trial " << trial);
    for (std::size_t k = 0; k <= all; ++k)
      for (int b = 0; b < 2; ++b) {
        const auto &x = r.blocs[b].dimensions[k], &y = s.blocs[1 - b].dimensions[k];
        CHECK(x.score.value == y.score.value);
        CHECK(x.score.low == y.score.low);
        CHECK(x.score.high == y.score.high);
        CHECK(x.share.value == y.share.value);
        CHECK(x.share.low == y.share.low);
        CHECK(x.share.high == y.share.high);
        CHECK(x.dependence.high == y.dependence.high);
        CHECK(r.blocs[0].dimensions[k].score.value == r.blocs[1].dimensions[k].score.value);
      }
    for (std::size_t k = 0; k <= all; ++k) CHECK((*r.balance)[k].value == 0);
  }
}

TEST_CASE("The interval contains the point estimate and every leave-one-source-out value and seeded runs are identical",
          "[analysis][influence][invariants]") {
  std::mt19937 random(3);
  for (int trial = 0; trial < 10; ++trial) {
    TempDataset t(random_dataset(random, 20));
    const Dataset d = load_dataset(t.path());
    InfluenceOptions o;
    o.target = 0;
    o.at = *PartialDate::parse(std::to_string(2000 + trial));
    o.blocs = {{"west", {1, 2}, "West"}, {"east", {3}, "East"}};
    o.parameters.draws = 50;
    const InfluenceResult r = measure_influence(d, Slice(d), o), again = measure_influence(d, Slice(d), o);
    const auto es = estimates(r), es_again = estimates(again);
    REQUIRE(es.size() == es_again.size());
    INFO("trial " << trial);
    for (std::size_t i = 0; i < es.size(); ++i) {
      const Estimate& e = *es[i];
      CHECK(e.low <= e.value);
      CHECK(e.value <= e.high);
      for (double v : e.leave_one_out) {
        CHECK(e.low <= v);
        CHECK(v <= e.high);
      }
      for (const ValueRange* part : {&e.undated, &e.sources, &e.bootstrap, &e.parameters}) {
        CHECK(e.low <= part->low);
        CHECK(part->high <= e.high);
      }
      CHECK(e.low == es_again[i]->low);
      CHECK(e.high == es_again[i]->high);
      CHECK(e.bootstrap.low == es_again[i]->bootstrap.low);
      CHECK(e.parameters.high == es_again[i]->parameters.high);
    }
  }
}

TEST_CASE("Influence refuses a target inside a bloc and empty blocs", "[analysis][influence]") {
  TempDataset t({{"actors.csv", "id,label,kind\na,A,state\nt,T,state\n"}, {"relations.csv", "id,source,target,type,start\nr1,a,t,visit,2001\n"}});
  const Dataset d = load_dataset(t.path());
  InfluenceOptions o;
  o.target = 1;
  CHECK_THROWS_MATCHES(measure_influence(d, Slice(d), o), UsageError,
                       Catch::Message("no blocs to compare: declare them in blocs.csv or give --blocs"));
  o.blocs = {{"x", {0, 1}, "X"}};
  CHECK_THROWS_MATCHES(measure_influence(d, Slice(d), o), UsageError,
                       Catch::Message("the target 't' is a member of bloc 'x': a bloc's influence on its own member is not measured; "
                                      "leave the bloc out"));
}

TEST_CASE("Parameter files override defaults and declare ranges and report errors with positions", "[analysis][influence]") {
  TempDataset t({{"params.csv", "parameter,value,low,high,notes\nweight.visit,3,1,4,\nhalf_life.funding,none,,,never fades\n"
                                "valence.statement,conflictual,,,\ndimension.training,social,,,\nuncertainty.draws,10,,,\nuncertainty.seed,42,,,\n"},
                 {"bad.csv", "parameter,value,low,high\nweight.vist,3,,\nmix.direct,0.5,,\nhalf_life.visit,abc,,\nweight.visit,3,4,5\n"
                             "valence.visit,hostile,,\nuncertainty.draw,3,,\nundated.factor,1,0,1\n"}});
  InfluenceParameters p = InfluenceParameters::defaults();
  RelationTypes types;
  p.load(t.path() + "/params.csv", types);
  CHECK(p.type_weight("visit") == 3);
  CHECK(p.type_weight_range("visit") == InfluenceParameters::Range{1, 4});
  CHECK(p.type_weight_range("funding") == InfluenceParameters::Range{3.5, 10.5});
  CHECK(std::isinf(p.type_half_life("funding")));
  CHECK(p.type_valence(types[*types.find("statement")]) == Valence::conflictual);
  CHECK(p.type_dimension(types[*types.find("training")]) == Dimension::social);
  CHECK(p.draws == 10);
  CHECK(p.seed == 42);
  try {
    p.load(t.path() + "/bad.csv", types);
    FAIL("expected a DataError");
  } catch (const DataError& e) {
    std::vector<std::string> messages;
    for (const auto& diag : e.diagnostics()) messages.push_back(std::to_string(diag.line) + ":" + std::to_string(diag.column) + " " + diag.message);
    CHECK(messages ==
          std::vector<std::string>{
              "2:1 unknown relation type 'vist' in weight.vist (did you mean 'visit'?)",
              "3:1 parameter 'mix.direct' is no longer used: the network term was dropped from the measure (docs/influence.md, \"No network "
              "term\"); remove the row",
              "4:17 value 'abc' of half_life.visit is not a number (or none, for no decay)",
              "5:16 the range of weight.visit must contain its value: low <= value <= high, found 4 <= 3 <= 5",
              "6:15 valence.visit must be cooperative, conflictual or neutral, found 'hostile'",
              "7:1 unknown parameter 'uncertainty.draw' (did you mean 'uncertainty.draws', 'uncertainty.spread' or 'uncertainty.seed'?)",
              "8:18 undated.factor takes no range (low and high are for weight.TYPE, half_life.TYPE and scale.UNIT)"});
  }
}
