#include "actorgraph/error.hpp"
#include "actorgraph/model/date.hpp"

#include <catch2/catch.hpp>

using namespace actorgraph;

TEST_CASE("Partial dates parse at year, month and day precision", "[model][date]") {
  const auto y = PartialDate::parse("2002");
  REQUIRE(y);
  CHECK(y->precision() == DatePrecision::year);
  CHECK(y->str() == "2002");
  const auto m = PartialDate::parse("2002-02");
  REQUIRE(m);
  CHECK((m->year() == 2002 && m->month() == 2 && m->day() == 0));
  const auto d = PartialDate::parse("2002-02-20");
  REQUIRE(d);
  CHECK(d->str() == "2002-02-20");
}

TEST_CASE("Invalid dates say why", "[model][date]") {
  std::string why;
  CHECK_FALSE(PartialDate::parse("2004-13-40", &why));
  CHECK(why == "month 13 is not between 01 and 12");
  CHECK_FALSE(PartialDate::parse("2003-02-29", &why));
  CHECK(why == "day 29 is not between 01 and 28 in 2003-02");
  CHECK(PartialDate::parse("2004-02-29"));  // leap year
  CHECK(PartialDate::parse("2000-02-29"));  // divisible by 400
  CHECK_FALSE(PartialDate::parse("1900-02-29", &why));
  CHECK_FALSE(PartialDate::parse("0000", &why));
  CHECK(why == "year 0000 does not exist");
  for (const char* bad : {"", "02", "2002-2", "2002/02/20", "20020220", "2002-02-20T10", " 2002", "２００２"}) {
    CHECK_FALSE(PartialDate::parse(bad, &why));
  }
  CHECK_FALSE(PartialDate::parse("05/2004", &why));
  CHECK(why == "expected YYYY, YYYY-MM or YYYY-MM-DD");
}

TEST_CASE("A partial date stands for the whole period it names", "[model][date]") {
  const auto year = *PartialDate::parse("2002");
  CHECK(year.first_day() == days_from_civil(2002, 1, 1));
  CHECK(year.last_day() == days_from_civil(2002, 12, 31));
  const auto feb = *PartialDate::parse("2004-02");
  CHECK(feb.last_day() - feb.first_day() == 28);  // 29 days in February 2004
  const auto day = *PartialDate::parse("2002-02-20");
  CHECK(day.first_day() == day.last_day());
}

TEST_CASE("Day numbers count from 1970-01-01", "[model][date]") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 3, 1) == 11017);
  CHECK(days_from_civil(1969, 12, 31) == -1);
}

TEST_CASE("Dates order by first day, then coarser first", "[model][date]") {
  const auto y = *PartialDate::parse("2002"), m = *PartialDate::parse("2002-01"), d = *PartialDate::parse("2002-01-01");
  const auto later = *PartialDate::parse("2002-01-02");
  CHECK(y < m);
  CHECK(m < d);
  CHECK(d < later);
  CHECK(PartialDate{} < y);
  CHECK(*PartialDate::parse("2002") == y);
}

TEST_CASE("Command-line dates throw a usage error naming the option", "[model][date]") {
  CHECK_THROWS_MATCHES(PartialDate::parse_or_throw("2005-00", "--at"), UsageError,
                       Catch::Message("--at: invalid date '2005-00': month 00 is not between 01 and 12"));
}
