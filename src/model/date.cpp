#include "actorgraph/model/date.hpp"

#include "actorgraph/error.hpp"

#include <cstdio>

namespace actorgraph {

std::int32_t days_from_civil(int y, int m, int d) noexcept {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilKey civil_key(std::int32_t days) noexcept {
  if (days < days_from_civil(1, 1, 1)) return 0;
  if (days > days_from_civil(9999, 12, 31)) return ~CivilKey{0};
  const std::int32_t z = days + 719468;  // within years 1 to 9999: z > 0, one era after another
  const std::int32_t era = z / 146097;
  const std::int32_t doe = z - era * 146097;
  const std::int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int32_t mp = (5 * doy + 2) / 153;
  const std::int32_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int32_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int32_t year = yoe + era * 400 + (month <= 2);
  return civil_key(static_cast<std::uint32_t>(year), static_cast<std::uint32_t>(month), static_cast<std::uint32_t>(day));
}

int days_in_month(int year, int month) noexcept {
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

namespace {

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int number(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

std::optional<PartialDate> PartialDate::parse(std::string_view text, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<PartialDate> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  const bool shape_ok = (text.size() == 4 || text.size() == 7 || text.size() == 10) && digits(text.substr(0, 4)) &&
                        (text.size() < 7 || (text[4] == '-' && digits(text.substr(5, 2)))) &&
                        (text.size() < 10 || (text[7] == '-' && digits(text.substr(8, 2))));
  if (!shape_ok) return fail("expected YYYY, YYYY-MM or YYYY-MM-DD");
  PartialDate d;
  const int year = number(text.substr(0, 4));
  if (year == 0) return fail("year 0000 does not exist");
  d.year_ = static_cast<std::int16_t>(year);
  d.precision_ = DatePrecision::year;
  if (text.size() >= 7) {
    const int month = number(text.substr(5, 2));
    if (month < 1 || month > 12) return fail("month " + std::string(text.substr(5, 2)) + " is not between 01 and 12");
    d.month_ = static_cast<std::uint8_t>(month);
    d.precision_ = DatePrecision::month;
  }
  if (text.size() == 10) {
    const int day = number(text.substr(8, 2));
    const int last = days_in_month(year, d.month_);
    if (day < 1 || day > last)
      return fail("day " + std::string(text.substr(8, 2)) + " is not between 01 and " + std::to_string(last) + " in " +
                  std::string(text.substr(0, 7)));
    d.day_ = static_cast<std::uint8_t>(day);
    d.precision_ = DatePrecision::day;
  }
  return d;
}

PartialDate PartialDate::parse_or_throw(std::string_view text, std::string_view what) {
  std::string why;
  if (auto d = parse(text, &why)) return *d;
  throw UsageError(std::string(what) + ": invalid date '" + std::string(text) + "': " + why);
}

std::int32_t PartialDate::first_day() const noexcept {
  return days_from_civil(year_, month_ ? month_ : 1, day_ ? day_ : 1);
}

std::int32_t PartialDate::last_day() const noexcept {
  const int month = month_ ? month_ : 12;
  return days_from_civil(year_, month, day_ ? day_ : days_in_month(year_, month));
}

std::string PartialDate::str() const {
  char buf[16];
  switch (precision_) {
    case DatePrecision::none: return {};
    case DatePrecision::year: std::snprintf(buf, sizeof buf, "%04d", year_); break;
    case DatePrecision::month: std::snprintf(buf, sizeof buf, "%04d-%02d", year_, month_); break;
    case DatePrecision::day: std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year_, month_, day_); break;
  }
  return buf;
}

std::strong_ordering operator<=>(const PartialDate& a, const PartialDate& b) noexcept {
  if (a.empty() || b.empty()) return b.empty() <=> a.empty();  // the empty date sorts first
  if (auto c = a.first_day() <=> b.first_day(); c != 0) return c;
  return a.precision_ <=> b.precision_;
}

}  // namespace actorgraph
