// Propagator exp(A h) of a small linear system dx/dt = A x, for models whose propagator has no
// convenient closed form. Scaling and squaring around a Taylor series: the result is accurate to
// a few ulps for the well-conditioned, stable systems of neuron models, and coinciding time
// constants (the singular cases of closed forms) need no special treatment.
#pragma once
#include <array>
#include <cmath>

namespace nk {

template <size_t N>
using Matrix = std::array<std::array<double, N>, N>;

template <size_t N>
Matrix<N> mat_mul(const Matrix<N>& a, const Matrix<N>& b) {
  Matrix<N> c{};
  for (size_t i = 0; i < N; ++i)
    for (size_t k = 0; k < N; ++k)
      for (size_t j = 0; j < N; ++j) c[i][j] += a[i][k] * b[k][j];
  return c;
}

template <size_t N>
Matrix<N> expm(Matrix<N> a) {
  double norm = 0.0;
  for (size_t i = 0; i < N; ++i) {
    double row = 0.0;
    for (size_t j = 0; j < N; ++j) row += std::fabs(a[i][j]);
    norm = std::max(norm, row);
  }
  int squarings = 0;
  while (norm > 0.125) {
    norm *= 0.5;
    ++squarings;
  }
  const double scale = std::ldexp(1.0, -squarings);
  for (auto& r : a)
    for (auto& x : r) x *= scale;
  Matrix<N> result{}, term{};
  for (size_t i = 0; i < N; ++i) result[i][i] = term[i][i] = 1.0;
  for (int k = 1; k <= 20; ++k) {  // |A| <= 1/8: 20 terms reach double precision
    term = mat_mul(term, a);
    for (auto& r : term)
      for (auto& x : r) x /= k;
    for (size_t i = 0; i < N; ++i)
      for (size_t j = 0; j < N; ++j) result[i][j] += term[i][j];
  }
  for (int s = 0; s < squarings; ++s) result = mat_mul(result, result);
  return result;
}

}  // namespace nk
