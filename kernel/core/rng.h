// Random numbers: one xoshiro256** stream per virtual process plus a global stream.
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdint>
#include <limits>
#include <vector>

namespace nk {

class Rng {
 public:
  using result_type = uint64_t;
  explicit Rng(uint64_t seed = 1) { seed_with(seed); }
  void seed_with(uint64_t seed) {
    uint64_t z = seed;
    for (auto& w : s_) {  // splitmix64 expands the seed into the state
      z += 0x9E3779B97F4A7C15ull;
      uint64_t x = z;
      x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
      x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
      w = x ^ (x >> 31);
    }
  }
  static constexpr uint64_t min() { return 0; }
  static constexpr uint64_t max() { return std::numeric_limits<uint64_t>::max(); }
  uint64_t operator()() { return next(); }
  inline uint64_t next() {
    const uint64_t r = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0]; s_[3] ^= s_[1]; s_[1] ^= s_[2]; s_[0] ^= s_[3];
    s_[2] ^= t; s_[3] = rotl(s_[3], 45);
    return r;
  }
  // uniform in [0, 1)
  inline double drand() { return double(next() >> 11) * 0x1.0p-53; }
  // uniform in (0, 1)
  inline double drand_open() { return (double(next() >> 12) + 0.5) * 0x1.0p-52; }
  // uniform integer in [0, n)
  inline uint64_t ulrand(uint64_t n) {
    // Lemire's multiply-shift with rejection: unbiased
    unsigned __int128 m = (unsigned __int128)next() * n;
    uint64_t l = (uint64_t)m;
    if (l < n) {
      const uint64_t t = (0 - n) % n;
      while (l < t) { m = (unsigned __int128)next() * n; l = (uint64_t)m; }
    }
    return (uint64_t)(m >> 64);
  }
  double normal() {  // Marsaglia polar method, one value per call
    double u, v, s;
    do { u = 2 * drand() - 1; v = 2 * drand() - 1; s = u * u + v * v; } while (s >= 1.0 || s == 0.0);
    return u * std::sqrt(-2.0 * std::log(s) / s);
  }
  double exponential() { return -std::log(drand_open()); }
  double gamma(double k) {  // Marsaglia-Tsang
    if (k < 1.0) return gamma(k + 1.0) * std::pow(drand_open(), 1.0 / k);
    const double d = k - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      double x, v;
      do { x = normal(); v = 1.0 + c * x; } while (v <= 0);
      v = v * v * v;
      const double u = drand_open();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
    }
  }
  long poisson(double lambda);
  long binomial(long n, double p) {
    if (n < 64) { long k = 0; for (long i = 0; i < n; ++i) k += drand() < p; return k; }
    // normal-free exact method: sum of geometric waiting times
    if (p > 0.5) return n - binomial(n, 1 - p);
    if (p <= 0) return 0;
    const double lq = std::log1p(-p);
    long k = 0; double pos = 0;
    for (;;) {
      pos += std::floor(std::log(drand_open()) / lq) + 1;
      if (pos > n) return k;
      ++k;
    }
  }

 private:
  static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

inline long Rng::poisson(double lambda) {
  if (lambda <= 0) return 0;
  if (lambda < 30) {  // multiplication method
    const double L = std::exp(-lambda);
    long k = 0; double p = drand_open();
    while (p > L) { ++k; p *= drand_open(); }
    return k;
  }
  // PTRS (Hormann 1993) transformed rejection
  const double slam = std::sqrt(lambda), loglam = std::log(lambda);
  const double b = 0.931 + 2.53 * slam, a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4), vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const double U = drand() - 0.5, V = drand_open();
    const double us = 0.5 - std::fabs(U);
    const long k = (long)std::floor((2 * a / us + b) * U + lambda + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (std::log(V) + std::log(invalpha) - std::log(a / (us * us) + b) <= -lambda + k * loglam - std::lgamma(k + 1.0))
      return k;
  }
}

// Poisson sampling with a fixed mean by inversion of the cumulative distribution. The top
// 12 bits of the uniform select a bucket; a bucket lying inside one step of the CDF gives the
// count with a single table lookup, only buckets straddling a step (< 1 %) search the CDF.
class PoissonTable {
 public:
  void init(double lambda) {
    lambda_ = lambda;
    cdf_.clear();
    if (lambda <= 0 || lambda >= 20) return;
    double pk = std::exp(-lambda), acc = 0.0;
    for (int k = 0; k < 200 && acc < 1.0 - 1e-17; ++k) { acc += pk; cdf_.push_back(acc); pk *= lambda / (k + 1); }
    cdf_.push_back(2.0);  // guard
    int k = 0;
    for (int b = 0; b < NB; ++b) {
      const double lo = double(b) / NB, hi = double(b + 1) / NB;
      while (lo >= cdf_[k]) ++k;  // k = count for u = lo
      bucket_[b] = (hi <= cdf_[k] && k < 127) ? int8_t(k) : int8_t(-1);
    }
  }
  inline long draw(Rng& r) const {
    if (cdf_.empty()) return lambda_ <= 0 ? 0 : r.poisson(lambda_);
    const uint64_t x = r.next();
    const int8_t k = bucket_[x >> (64 - BITS)];
    if (__builtin_expect(k >= 0, 1)) return k;
    const double u = double(x >> 11) * 0x1.0p-53;
    long j = 0;
    while (u >= cdf_[j]) ++j;
    return j;
  }
  double lambda() const { return lambda_; }

 private:
  static constexpr int BITS = 12, NB = 1 << BITS;
  double lambda_ = 0;
  std::vector<double> cdf_;
  int8_t bucket_[NB];
};

}  // namespace nk
