#include "core/connections.h"

#include <algorithm>

namespace nk {

void ConnStore::decompress() {
  if (tgt.empty()) return;
  std::vector<StagedConn> all;
  all.reserve(tgt.size() + staged.size());
  for (uint64_t s = 0; s < nrows(); ++s) {
    uint64_t b = row[s];
    for (uint64_t g = segrow[s]; g < segrow[s + 1]; ++g) {
      for (uint64_t c = b; c < segs[g].end; ++c) all.push_back({uint32_t(s), tgt[c], segs[g].delay, w[c]});
      b = segs[g].end;
    }
  }
  all.insert(all.end(), staged.begin(), staged.end());
  staged.swap(all);
  row.clear(); segrow.clear(); segs.clear();
  std::vector<uint32_t>().swap(tgt);
  std::vector<double>().swap(w);
}

void ConnStore::finalize() {
  if (staged.empty()) return;
  if (!tgt.empty()) decompress();
  uint64_t maxsrc = 0;
  for (auto& c : staged) maxsrc = std::max<uint64_t>(maxsrc, c.src);
  const uint64_t n = maxsrc + 1;
  // stable counting sort by source
  std::vector<uint64_t> cnt(n + 1, 0);
  for (auto& c : staged) ++cnt[c.src + 1];
  for (uint64_t s = 0; s < n; ++s) cnt[s + 1] += cnt[s];
  row = cnt;
  const size_t m = staged.size();
  std::vector<uint32_t> order(m);
  {
    std::vector<uint64_t> fill(cnt.begin(), cnt.end() - 1);
    for (size_t i = 0; i < m; ++i) order[fill[staged[i].src]++] = uint32_t(i);
  }
  // within a row: stable sort by delay, only where delays differ
  for (uint64_t s = 0; s < n; ++s) {
    const uint64_t b = row[s], e = row[s + 1];
    bool uniform = true;
    for (uint64_t c = b + 1; c < e && uniform; ++c) uniform = staged[order[c]].delay == staged[order[b]].delay;
    if (!uniform)
      std::stable_sort(order.begin() + b, order.begin() + e,
                       [&](uint32_t x, uint32_t y) { return staged[x].delay < staged[y].delay; });
  }
  tgt.resize(m);
  w.resize(m);
  segrow.assign(n + 1, 0);
  segs.clear();
  for (uint64_t s = 0; s < n; ++s) {
    const uint64_t b = row[s], e = row[s + 1];
    for (uint64_t c = b; c < e; ++c) {
      const StagedConn& sc = staged[order[c]];
      tgt[c] = sc.tgt;
      w[c] = sc.w;
      if (c == b || sc.delay != segs.back().delay) segs.push_back({c + 1, sc.delay});
      else segs.back().end = c + 1;
    }
    segrow[s + 1] = segs.size();
  }
  std::vector<StagedConn>().swap(staged);
}

uint64_t ConnStore::source_of(uint64_t idx) const {
  auto it = std::upper_bound(row.begin(), row.end(), idx);
  return uint64_t(it - row.begin()) - 1;
}

int32_t ConnStore::delay_of(uint64_t idx) const {
  const uint64_t s = source_of(idx);
  for (uint64_t g = segrow[s]; g < segrow[s + 1]; ++g)
    if (idx < segs[g].end) return segs[g].delay;
  return 0;
}

}  // namespace nk
