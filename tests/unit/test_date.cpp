#include "actorgraph/error.hpp"
#include "actorgraph/model/date.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <limits>
#include <string>
#include <vector>

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

TEST_CASE("Civil keys order as the days do, from 0001-01-01 to 9999-12-31", "[model][date]") {
  // Every day: its key is its (year, month, day), and the keys rise with the days.
  std::size_t wrong = 0, unordered = 0;
  CivilKey before = 0;
  for (int y = 1; y <= 9999; ++y)
    for (int m = 1; m <= 12; ++m)
      for (int d = 1; d <= days_in_month(y, m); ++d) {
        const CivilKey key = civil_key(days_from_civil(y, m, d));
        if (key != civil_key(static_cast<std::uint32_t>(y), static_cast<std::uint32_t>(m), static_cast<std::uint32_t>(d))) ++wrong;
        if (key <= before) ++unordered;
        before = key;
      }
  CHECK(wrong == 0);
  CHECK(unordered == 0);
  // Beyond the years a date can have: below or above every date's key.
  CHECK(civil_key(days_from_civil(1, 1, 1) - 1) == 0);
  CHECK(civil_key(std::numeric_limits<std::int32_t>::min()) == 0);
  CHECK(civil_key(days_from_civil(9999, 12, 31) + 1) == ~CivilKey{0});
  CHECK(civil_key(std::numeric_limits<std::int32_t>::max()) == ~CivilKey{0});
  CHECK(civil_key(days_from_civil(2000, 2, 29)) == civil_key(2000u, 2u, 29u));
}

TEST_CASE("A partial date's keys compare with any day as its first and last days do", "[model][date]") {
  // Every date of these years at every precision (leap and common years, 1900 and 2000), against
  // every day from a month before it to a month after.
  std::size_t dates = 0, wrong = 0;
  for (const int year : {1, 1899, 1900, 1901, 1999, 2000, 2003, 2004, 9999}) {
    std::vector<PartialDate> all{*PartialDate::parse(std::to_string(year + 10000).substr(1))};
    for (int m = 1; m <= 12; ++m) {
      char text[40];
      std::snprintf(text, sizeof text, "%04d-%02d", year, m);
      all.push_back(*PartialDate::parse(text));
      for (int d = 1; d <= days_in_month(year, m); ++d) {
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", year, m, d);
        all.push_back(*PartialDate::parse(text));
      }
    }
    for (const PartialDate& date : all) {
      ++dates;
      for (std::int32_t x = date.first_day() - 31; x <= date.last_day() + 31; ++x) {
        if ((date.first_key() <= civil_key(x)) != (date.first_day() <= x)) ++wrong;
        if ((date.last_key() >= civil_key(x)) != (date.last_day() >= x)) ++wrong;
      }
    }
  }
  CHECK(dates == 9 * (1 + 12) + 7 * 365 + 2 * 366);  // of the nine years, 2000 and 2004 are leap years
  CHECK(wrong == 0);
}
