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
