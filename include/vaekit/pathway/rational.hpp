#pragma once
/// @file
/// @brief Rational: exact hours for eligibility counting (365 full-time days make 1,607 h exactly).

#include <compare>
#include <cstdint>
#include <string>

namespace vaekit {

/// An exact fraction num/den with 64-bit parts, always reduced, den > 0.
///
/// Experience hours are counted with it so that a threshold test never fails a real person on
/// floating-point rounding: 365 full-time days are 365 × 1607/365 = 1607 h, not 1606.999...
/// Arithmetic throws OutOfRange on overflow (never for realistic hours).
class Rational {
 public:
  /// Zero.
  constexpr Rational() noexcept = default;
  /// The integer @p n.
  constexpr Rational(std::int64_t n) noexcept : num_(n) {}  // NOLINT(google-explicit-constructor)
  /// @p num / @p den, reduced; throws InvalidArgument if den is 0.
  Rational(std::int64_t num, std::int64_t den);
  /// The exact value of a decimal @p value with at most @p max_decimals decimals (17.5 → 35/2);
  /// throws InvalidArgument for NaN, infinities or values that are not such decimals.
  static Rational from_decimal(double value, int max_decimals = 4);
  /// Parses "n", "n/d" or a decimal "n.ddd"; throws InvalidArgument.
  static Rational parse(const std::string& text);
  /// The numerator (carries the sign).
  [[nodiscard]] constexpr std::int64_t num() const noexcept { return num_; }
  /// The denominator (> 0).
  [[nodiscard]] constexpr std::int64_t den() const noexcept { return den_; }
  /// The nearest double.
  [[nodiscard]] double to_double() const noexcept {
    return static_cast<double>(num_) / static_cast<double>(den_);
  }
  /// The largest integer <= the value.
  [[nodiscard]] std::int64_t floor() const noexcept;
  /// "n" or "n/d".
  [[nodiscard]] std::string to_string() const;
  /// Sum.
  friend Rational operator+(Rational a, Rational b);
  /// Difference.
  friend Rational operator-(Rational a, Rational b);
  /// Product.
  friend Rational operator*(Rational a, Rational b);
  /// Quotient; throws InvalidArgument when dividing by zero.
  friend Rational operator/(Rational a, Rational b);
  /// Adds @p b.
  Rational& operator+=(Rational b) { return *this = *this + b; }
  /// Exact equality.
  friend constexpr bool operator==(Rational, Rational) noexcept = default;
  /// Exact ordering.
  friend std::strong_ordering operator<=>(Rational a, Rational b) noexcept;

 private:
  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
};

/// The smaller of two rationals.
[[nodiscard]] inline Rational min(Rational a, Rational b) noexcept {
  return b < a ? b : a;
}

}  // namespace vaekit
