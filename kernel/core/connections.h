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
constexpr int PORT_SHIFT = 40;

struct DelaySeg {
  uint64_t end;   // one past the last connection of this run
  int32_t delay;  // steps
};

struct StagedConn {
  uint32_t src;
  uint32_t tgt;
  int32_t delay;
  double w;
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

  uint64_t nrows() const { return row.empty() ? 0 : row.size() - 1; }
  size_t size() const { return tgt.size() + staged.size(); }
  bool dirty() const { return !staged.empty(); }
  void add(uint32_t src, uint32_t t, int32_t d, double weight) { staged.push_back({src, t, d, weight}); }
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
