#include "core/archiving.h"

namespace nk {

void Archiving::set_spike(double t, double min_delay_ms) {
  if (n_incoming > 0) {
    while (history.size() > 1 && history.front().access >= n_incoming &&
           t - history[1].t > max_delay + min_delay_ms + STDP_EPS)
      history.pop_front();
    Kminus = Kminus * std::exp((t_spike - t) / tau_minus) + 1.0;
    Kminus_triplet = Kminus_triplet * std::exp((t_spike - t) / tau_minus_triplet) + 1.0;
    history.push_back({t, Kminus, Kminus_triplet, 0});
  }
  t_spike = t;
}

}  // namespace nk
