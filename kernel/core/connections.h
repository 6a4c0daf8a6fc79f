// Connection storage: owned by the thread of the target, one store per synapse type and
// delivery kind, compressed rows sorted by source, each row split into runs of equal delay.
// A static synapse costs 12 bytes (4-byte target channel + 8-byte weight).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/dict.h"

namespace nk {

enum ConnKind : int { K_WEIGHTED = 0, K_COUNT = 1, K_DEVICE = 2, N_KINDS = 3 };
constexpr int K_LOGGER = 3;  // multimeter -> node requests (kept in a side list)

struct DelaySeg {
  uint64_t end;   // one past the last connection of this run
  int32_t delay;  // steps
};

struct StagedConn {  // 16 bytes; delays are kept run-length encoded beside the list
  uint32_t src;
  uint32_t tgt;
  double w;
};

struct DelayRun {
  uint64_t start;  // first staged index with this delay
  int32_t delay;
};

class ConnStore {
 public:
  // compressed part
  std::vector<uint64_t> row;     // size nrows+1, indexed by source gid
  std::vector<uint64_t> segrow;  // size nrows+1, index into segs
  std::vector<DelaySeg> segs;
  std::vector<uint32_t> tgt;     // absolute channel (or device-target index)
  std::vector<double> w;
  // connections added since the last finalize
  std::vector<StagedConn> staged;
  std::vector<DelayRun> runs;

  uint64_t nrows() const { return row.empty() ? 0 : row.size() - 1; }
  size_t size() const { return tgt.size() + staged.size(); }
  bool dirty() const { return !staged.empty(); }
  void add(uint32_t src, uint32_t t, int32_t d, double weight) {
    if (runs.empty() || runs.back().delay != d) runs.push_back({staged.size(), d});
    staged.push_back({src, t, weight});
  }
  void reserve_more(size_t n) { staged.reserve(staged.size() + n); }
  // Per-connection view of the staged delays, and the inverse (re-encodes the runs).
  std::vector<int32_t> staged_delays() const;
  void set_staged(std::vector<StagedConn> conns, const std::vector<int32_t>& delays);
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
