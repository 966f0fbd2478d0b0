// Exact fractions for hour counting.
#include "vaekit/pathway/rational.hpp"

#include <cmath>
#include <numeric>

#include "vaekit/core/error.hpp"

namespace vaekit {
namespace {

__extension__ typedef __int128 i128;

Rational make(i128 num, i128 den) {
  if (den == 0) throw InvalidArgument("division by zero");
  if (den < 0) {
    num = -num;
    den = -den;
  }
  i128 a = num < 0 ? -num : num, b = den;
  while (b != 0) {
    const i128 t = a % b;
    a = b;
    b = t;
  }
  if (a > 1) {
    num /= a;
    den /= a;
  }
  constexpr i128 lim = static_cast<i128>(INT64_MAX);
  if (num > lim || num < -lim || den > lim) throw OutOfRange("rational overflow");
  return Rational(static_cast<std::int64_t>(num), static_cast<std::int64_t>(den));
}

}  // namespace

Rational::Rational(std::int64_t num, std::int64_t den) {
  if (den == 0) throw InvalidArgument("rational with a zero denominator");
  if (den < 0) {
    if (num == INT64_MIN || den == INT64_MIN) throw OutOfRange("rational overflow");
    num = -num;
    den = -den;
  }
  const std::int64_t g = std::gcd(num, den);
  num_ = g > 1 ? num / g : num;
  den_ = g > 1 ? den / g : den;
}

Rational Rational::from_decimal(double value, int max_decimals) {
  if (!std::isfinite(value)) throw InvalidArgument("not a finite number");
  std::int64_t scale = 1;
  for (int i = 0; i <= max_decimals; ++i) {
    const double scaled = value * static_cast<double>(scale);
    const double r = std::round(scaled);
    if (std::fabs(r) > 9e15) throw OutOfRange("number too large for exact hours");
    if (std::fabs(scaled - r) <= 1e-9 * std::max(1.0, std::fabs(scaled))) {
      return Rational(static_cast<std::int64_t>(r), scale);
    }
    scale *= 10;
  }
  throw InvalidArgument("not a decimal with at most " + std::to_string(max_decimals) +
                        " decimals: " + std::to_string(value));
}

Rational Rational::parse(const std::string& text) {
  const auto slash = text.find('/');
  try {
    std::size_t used = 0;
    if (slash != std::string::npos) {
      const auto n = std::stoll(text.substr(0, slash), &used);
      if (used != slash) throw InvalidArgument("x");
      const std::string d = text.substr(slash + 1);
      const auto dd = std::stoll(d, &used);
      if (used != d.size()) throw InvalidArgument("x");
      return Rational(n, dd);
    }
    if (text.find_first_of(".eE") == std::string::npos) {
      const auto n = std::stoll(text, &used);
      if (used != text.size()) throw InvalidArgument("x");
      return Rational(n);
    }
    const double v = std::stod(text, &used);
    if (used != text.size()) throw InvalidArgument("x");
    return from_decimal(v);
  } catch (const std::exception&) {
    throw InvalidArgument("not a number or fraction: '" + excerpt(text) + "'");
  }
}

std::int64_t Rational::floor() const noexcept {
  std::int64_t q = num_ / den_;
  if (num_ % den_ != 0 && num_ < 0) --q;
  return q;
}

std::string Rational::to_string() const {
  return den_ == 1 ? std::to_string(num_) : std::to_string(num_) + "/" + std::to_string(den_);
}

Rational operator+(Rational a, Rational b) {
  return make(static_cast<i128>(a.num_) * b.den_ + static_cast<i128>(b.num_) * a.den_,
              static_cast<i128>(a.den_) * b.den_);
}
Rational operator-(Rational a, Rational b) {
  return make(static_cast<i128>(a.num_) * b.den_ - static_cast<i128>(b.num_) * a.den_,
              static_cast<i128>(a.den_) * b.den_);
}
Rational operator*(Rational a, Rational b) {
  return make(static_cast<i128>(a.num_) * b.num_, static_cast<i128>(a.den_) * b.den_);
}
Rational operator/(Rational a, Rational b) {
  if (b.num_ == 0) throw InvalidArgument("division by zero");
  return make(static_cast<i128>(a.num_) * b.den_, static_cast<i128>(a.den_) * b.num_);
}
std::strong_ordering operator<=>(Rational a, Rational b) noexcept {
  const i128 l = static_cast<i128>(a.num_) * b.den_, r = static_cast<i128>(b.num_) * a.den_;
  return l < r ? std::strong_ordering::less
               : (l > r ? std::strong_ordering::greater : std::strong_ordering::equal);
}

}  // namespace vaekit
