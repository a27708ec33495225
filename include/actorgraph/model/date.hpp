// Partial ISO dates: YYYY, YYYY-MM or YYYY-MM-DD, as analysts write them from sources that give a
// year, a month or a day.
//
// A partial date stands for the whole period it names: "2002" is 2002-01-01 to 2002-12-31. first_day()
// and last_day() give that period as day numbers (days since 1970-01-01 in the proleptic Gregorian
// calendar), which is how slices compare dates of different precision.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace actorgraph {

enum class DatePrecision : std::uint8_t { none, year, month, day };

// A civil date (year, month, day) as one number that orders as the dates do: year << 9 | month <<
// 5 | day. Comparing keys instead of day numbers spares the calendar arithmetic, which took a third
// of a date-windowed query's time at 10 million relations (Dataset::relation_overlaps).
using CivilKey = std::uint32_t;
constexpr CivilKey civil_key(std::uint32_t year, std::uint32_t month, std::uint32_t day) noexcept { return year << 9 | month << 5 | day; }
// The key of day number `days` (days since 1970-01-01, Howard Hinnant's civil_from_days). Days
// before 0001-01-01 give 0, below every date's key, and days after 9999-12-31 the largest key, above
// every date's: a window's open end stays open.
CivilKey civil_key(std::int32_t days) noexcept;

namespace detail {
class SnapshotCodec;  // src/io/snapshot.cpp: stores and restores the members (io/snapshot.hpp)
}  // namespace detail

class PartialDate {
 public:
  PartialDate() = default;  // the empty (absent) date

  // Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years 0001-9999, real calendar days, leap years).
  // Returns nullopt and, when `why` is given, a reason such as "month 13 is not between 01 and 12".
  static std::optional<PartialDate> parse(std::string_view text, std::string* why = nullptr);

  // Parses or throws UsageError naming `what` (for dates given on the command line).
  static PartialDate parse_or_throw(std::string_view text, std::string_view what);

  bool empty() const noexcept { return precision_ == DatePrecision::none; }
  DatePrecision precision() const noexcept { return precision_; }
  int year() const noexcept { return year_; }
  int month() const noexcept { return month_; }  // 0 when not given
  int day() const noexcept { return day_; }      // 0 when not given

  // First and last day of the period, as days since 1970-01-01. Undefined for the empty date.
  std::int32_t first_day() const noexcept;
  std::int32_t last_day() const noexcept;

  // The same days as civil keys (civil_key), compared without day arithmetic: for any day x,
  // first_key() <= civil_key(x) exactly when first_day() <= x, and last_key() >= civil_key(x)
  // exactly when last_day() >= x. last_key() puts day 31 for a month's last day: no real day of
  // that month lies after it, so every comparison with a real day comes out as with the true last
  // day (the key itself may name no day). Undefined for the empty date.
  CivilKey first_key() const noexcept { return civil_key(static_cast<std::uint32_t>(year_), month_ ? month_ : 1u, day_ ? day_ : 1u); }
  CivilKey last_key() const noexcept { return civil_key(static_cast<std::uint32_t>(year_), month_ ? month_ : 12u, day_ ? day_ : 31u); }

  // The canonical text: "2002", "2002-02", "2002-02-20"; "" for the empty date.
  std::string str() const;

  // Orders by first day, then by precision (a year before its first month before its first day).
  friend std::strong_ordering operator<=>(const PartialDate& a, const PartialDate& b) noexcept;
  friend bool operator==(const PartialDate& a, const PartialDate& b) noexcept = default;

 private:
  friend class detail::SnapshotCodec;
  std::int16_t year_ = 0;
  std::uint8_t month_ = 0;
  std::uint8_t day_ = 0;
  DatePrecision precision_ = DatePrecision::none;
};

// Days since 1970-01-01 of a proleptic Gregorian civil date (Howard Hinnant's days_from_civil).
std::int32_t days_from_civil(int year, int month, int day) noexcept;
int days_in_month(int year, int month) noexcept;

}  // namespace actorgraph
