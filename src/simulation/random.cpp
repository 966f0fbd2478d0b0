// Sampling for the simulation from IEEE basic operations only (reproducible on every platform).
#include "vaekit/simulation/random.hpp"

#include <array>
#include <cmath>

namespace vaekit {

namespace {
// ln 2 split so that k·LN2_HI is exact for |k| < 2^11 (fdlibm's constants).
constexpr double kLn2Hi = 6.93147180369123816490e-01;
constexpr double kLn2Lo = 1.90821492927058770002e-10;
constexpr double kInvLn2 = 1.44269504088896338700e+00;
constexpr double kSqrtHalf = 0.70710678118654752440;

constexpr double factorial(int n) {
  double f = 1;
  for (int i = 2; i <= n; ++i) f *= i;  // exact up to 22!
  return f;
}
constexpr std::array<double, 17> kInvFactorial = [] {
  std::array<double, 17> a{};
  for (int n = 0; n < 17; ++n) a[static_cast<std::size_t>(n)] = 1.0 / factorial(n);
  return a;
}();
}  // namespace

double det_log(double x) noexcept {
  if (!(x > 0)) return -HUGE_VAL;
  if (std::isinf(x)) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // exact: x = m · 2^e, m in [0.5, 1)
  if (m < kSqrtHalf) {
    m *= 2;  // exact
    --e;
  }
  // m in [0.707, 1.414): log m = 2 atanh(s), s = (m-1)/(m+1), |s| < 0.1716, s² < 0.0295.
  const double s = (m - 1) / (m + 1);
  const double z = s * s;
  // 2·(1 + z/3 + z²/5 + ... + z¹¹/23): the last term is below 1e-17 relative.
  double p = 2.0 / 23;
  p = p * z + 2.0 / 21;
  p = p * z + 2.0 / 19;
  p = p * z + 2.0 / 17;
  p = p * z + 2.0 / 15;
  p = p * z + 2.0 / 13;
  p = p * z + 2.0 / 11;
  p = p * z + 2.0 / 9;
  p = p * z + 2.0 / 7;
  p = p * z + 2.0 / 5;
  p = p * z + 2.0 / 3;
  const double lm = s * 2 + s * z * p;
  const double k = e;
  return k * kLn2Hi + (lm + k * kLn2Lo);
}

double det_exp(double x) noexcept {
  if (x != x) return x;
  if (x > 709.78) return HUGE_VAL;
  if (x < -745.2) return 0.0;
  const double k = std::floor(x * kInvLn2 + 0.5);
  const double r = (x - k * kLn2Hi) - k * kLn2Lo;  // |r| <= 0.35
  // Taylor series of e^r to r^16/16! (Horner, coefficients 1/n! folded at compile time): the
  // remainder is below 1e-19.
  double p = kInvFactorial[16];
  for (int n = 15; n >= 0; --n) p = p * r + kInvFactorial[static_cast<std::size_t>(n)];
  return std::ldexp(p, static_cast<int>(k));
}

double Xoshiro256::exponential() noexcept {
  return -det_log(uniform_open0());
}

double Xoshiro256::normal() noexcept {
  for (;;) {
    const double u = 2 * uniform() - 1;
    const double v = 2 * uniform() - 1;
    const double s = u * u + v * v;
    if (s >= 1 || s == 0) continue;
    return u * std::sqrt(-2 * det_log(s) / s);
  }
}

std::uint64_t Xoshiro256::below(std::uint64_t n) noexcept {
  const auto r = static_cast<std::uint64_t>(uniform() * static_cast<double>(n));
  return r < n ? r : n - 1;
}

std::size_t Xoshiro256::pick(std::span<const double> cumulative) noexcept {
  const double u = uniform();
  for (std::size_t i = 0; i + 1 < cumulative.size(); ++i) {
    if (u < cumulative[i]) return i;
  }
  return cumulative.empty() ? 0 : cumulative.size() - 1;
}

std::uint32_t Xoshiro256::geometric(double mean) noexcept {
  if (!(mean > 0)) return 0;
  const double p_continue = mean / (1 + mean);
  std::uint32_t n = 0;
  while (n < 1000 && uniform() < p_continue) ++n;
  return n;
}

}  // namespace vaekit
