#pragma once
/// @file
/// @brief The simulation's random numbers: xoshiro256** seeded by splitmix64, and sampling written
/// by hand (no std:: distribution, whose output is implementation-defined), so that a seeded run
/// gives the same numbers bit for bit on every platform.

#include <cstdint>
#include <span>

namespace vaekit {

/// splitmix64 (Steele, Lea, Flood 2014): the generator used to expand a 64-bit seed into the
/// state of Xoshiro256. @p state is advanced; returns the next output.
[[nodiscard]] constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// xoshiro256** 1.0 (Blackman and Vigna, 2018, "Scrambled linear pseudorandom number
/// generators"): a 256-bit-state generator with period 2^256 - 1, seeded from one 64-bit seed
/// through splitmix64.
///
/// Every sampling method uses only integer arithmetic and correctly rounded IEEE 754 operations
/// (+, -, *, /, sqrt, frexp, ldexp) — the logarithm and exponential are computed by vaekit's own
/// series (det_log, det_exp), not by the platform's libm — so the same seed gives the same
/// numbers on every compiler and platform (the simulation sources are built with
/// -ffp-contract=off so that no fused multiply-add changes a rounding).
class Xoshiro256 {
 public:
  /// A generator seeded with @p seed.
  explicit constexpr Xoshiro256(std::uint64_t seed = 1) noexcept {
    std::uint64_t sm = seed;
    for (auto& w : s_) w = splitmix64(sm);
  }
  /// The next 64 random bits.
  constexpr std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// A uniform double in [0, 1): the top 53 bits times 2^-53.
  double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// A uniform double in (0, 1].
  double uniform_open0() noexcept { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }
  /// A uniform integer in [0, n) (Lemire's multiply-shift; n > 0; bias below 2^-32 for n < 2^32).
  std::uint64_t below(std::uint64_t n) noexcept;
  /// Whether an event of probability @p p happens.
  bool bernoulli(double p) noexcept { return uniform() < p; }
  /// An exponential variate of mean 1 (inversion: -log(U), U in (0, 1]).
  double exponential() noexcept;
  /// A standard normal variate (Marsaglia's polar method; the second value is discarded).
  double normal() noexcept;
  /// An index drawn from the cumulative probabilities @p cumulative (non-decreasing, last ~1).
  std::size_t pick(std::span<const double> cumulative) noexcept;
  /// A geometric count (0, 1, 2, ...) of mean @p mean >= 0 (failures before a success of
  /// probability 1 / (1 + mean)).
  std::uint32_t geometric(double mean) noexcept;

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }
  std::uint64_t s_[4]{};
};

/// The natural logarithm of @p x > 0 from IEEE operations only (frexp, then the atanh series
/// 2·(s + s³/3 + s⁵/5 + ...), s = (m-1)/(m+1)); error below 2 ulp; identical on every platform.
[[nodiscard]] double det_log(double x) noexcept;
/// e^@p x from IEEE operations only (x = k·ln 2 + r, Taylor series of e^r, ldexp); error below
/// 2 ulp for |x| < 700; identical on every platform.
[[nodiscard]] double det_exp(double x) noexcept;

}  // namespace vaekit
