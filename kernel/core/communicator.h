// Communication between processes goes through this interface; the single-process
// implementation is the default (an MPI implementation plugs in here later).
#pragma once
#include <cstdint>
#include <vector>

namespace nk {

struct SpikeRecord {
  uint64_t gid;
  int32_t lag;   // step within the slice in which the spike was emitted
  int32_t mult;  // multiplicity
  double offset = 0.0;  // ms before the end of the step (off-grid spikes of precise models)
};

class Communicator {
 public:
  virtual ~Communicator() = default;
  virtual int num_processes() const = 0;
  virtual int rank() const = 0;
  // Gather the spikes of all local threads into the global list, identical on every rank.
  virtual void exchange_spikes(const std::vector<const std::vector<SpikeRecord>*>& local,
                               std::vector<SpikeRecord>& global) = 0;
  // Global extrema of delays (in steps) over all ranks.
  virtual void reduce_delay_extrema(int64_t& min_delay, int64_t& max_delay) = 0;
  // Global sum of a counter (spike counts, connection counts).
  virtual int64_t sum(int64_t local) = 0;
};

class SingleProcessCommunicator final : public Communicator {
 public:
  int num_processes() const override { return 1; }
  int rank() const override { return 0; }
  void exchange_spikes(const std::vector<const std::vector<SpikeRecord>*>& local,
                       std::vector<SpikeRecord>& global) override {
    global.clear();
    for (auto* v : local) global.insert(global.end(), v->begin(), v->end());
  }
  void reduce_delay_extrema(int64_t&, int64_t&) override {}
  int64_t sum(int64_t local) override { return local; }
};

}  // namespace nk
