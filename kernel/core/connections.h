// Connection storage: owned by the thread of the target, one store per synapse type and
// delivery kind, compressed rows sorted by source, each row split into runs of equal delay.
// A static synapse costs 12 bytes (4-byte target channel + 8-byte weight).
#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/dict.h"

namespace nk {

// K_PRECISE: spikes to models that integrate their input events in time order (precise
// models); delivery queues (channel, offset, weight, multiplicity) instead of summing.
enum ConnKind : int { K_WEIGHTED = 0, K_COUNT = 1, K_DEVICE = 2, K_PRECISE = 3, N_KINDS = 4 };
constexpr int K_LOGGER = 4;  // multimeter -> node requests (kept in a side list)

struct DelaySeg {
  uint64_t end;   // one past the last connection of this run
  int32_t delay;  // steps
};

struct StagedConn {  // 16 bytes; delays are kept run-length encoded beside the list
  uint32_t src;
  uint32_t tgt;
  double w;
};

// Staged connections live in chunks (one per Connect call when its size is known up front), so
// growing the list never copies what is already there.
class StagedList {
 public:
  void push_back(const StagedConn& c) {
    if (chunks_.empty() || chunks_.back().size() == chunks_.back().capacity()) {
      chunks_.emplace_back();
      chunks_.back().reserve(std::max<size_t>(next_, 1 << 16));
      next_ = 0;
    }
    chunks_.back().push_back(c);
    ++size_;
  }
  // the next `n` connections go into one fresh chunk
  void reserve_more(size_t n) {
    if (!chunks_.empty() && chunks_.back().capacity() - chunks_.back().size() >= n) return;
    chunks_.emplace_back();
    chunks_.back().reserve(n);
  }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  template <class F>
  void for_each(F&& f) const {  // f(index, conn)
    size_t i = 0;
    for (auto& ch : chunks_)
      for (auto& c : ch) f(i++, c);
  }
  void append(const StagedList& o) {
    o.for_each([&](size_t, const StagedConn& c) { push_back(c); });
  }
  void swap(StagedList& o) {
    chunks_.swap(o.chunks_);
    std::swap(size_, o.size_);
    std::swap(next_, o.next_);
  }
  void clear() { StagedList().swap(*this); }

 private:
  std::vector<std::vector<StagedConn>> chunks_;
  size_t size_ = 0, next_ = 0;
};

struct DelayRun {
  uint64_t start;  // first staged index with this delay
  int32_t delay;
};

class ConnStore {
 public:
  // Packed form: when a store's channels fit into 24 bits and it holds at most 255 distinct
  // weights, each synapse is one 32-bit word: weight index (8 bits) | channel (24 bits), and
  // the weights live in `wtab` (4 bytes per synapse instead of 12).
  static constexpr uint32_t CH_BITS = 24, CH_MASK = (1u << CH_BITS) - 1, MAX_WTAB = 255;
  bool packed = false;
  std::vector<double> wtab;

  uint32_t channel(uint64_t c) const { return packed ? (tgt[c] & CH_MASK) : tgt[c]; }
  double weight(uint64_t c) const { return packed ? wtab[tgt[c] >> CH_BITS] : w[c]; }
  void set_channel(uint64_t c, uint32_t ch);
  void set_weight(uint64_t c, double x);
  size_t bytes_per_synapse() const { return packed ? 4 : 12; }
  void try_pack();
  void unpack();

  // compressed part
  std::vector<uint64_t> row;     // size nrows+1, indexed by source gid
  std::vector<uint64_t> segrow;  // size nrows+1, index into segs
  std::vector<DelaySeg> segs;
  std::vector<uint32_t> tgt;     // absolute channel (or device-target index)
  std::vector<double> w;
  // connections added since the last finalize
  StagedList staged;
  std::vector<DelayRun> runs;

  uint64_t nrows() const { return row.empty() ? 0 : row.size() - 1; }
  size_t size() const { return tgt.size() + staged.size(); }
  bool dirty() const { return !staged.empty(); }
  void add(uint32_t src, uint32_t t, int32_t d, double weight) {
    if (runs.empty() || runs.back().delay != d) runs.push_back({staged.size(), d});
    staged.push_back({src, t, weight});
  }
  void reserve_more(size_t n) { staged.reserve_more(n); }
  // Per-connection view of the staged delays, and the inverse (re-encodes the runs).
  std::vector<int32_t> staged_delays() const;
  void set_staged(StagedList conns, const std::vector<int32_t>& delays);
  // Merge staged connections into the compressed rows (stable: keeps creation order per row).
  void finalize();
  // Move everything back into the staging list (for edits that reorder rows).
  void decompress();
  uint64_t source_of(uint64_t idx) const;  // binary search in row
  int32_t delay_of(uint64_t idx) const;
  void clear() { *this = ConnStore(); }
};

struct AuxConn {  // multimeter -> node: a data request, shown by GetConnections
  int64_t src, tgt;
  int syn;
  int32_t delay;
  double w;
};

}  // namespace nk
