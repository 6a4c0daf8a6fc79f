#include "core/connections.h"

#include <algorithm>
#include <cstring>

namespace nk {

namespace {
inline uint64_t bits(double x) {
  uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

// Distinct weights (by bit pattern) of a store, for the packed form.
struct WeightTable {
  static constexpr size_t SLOTS = 1024;
  std::vector<uint64_t> key = std::vector<uint64_t>(SLOTS);
  std::vector<int16_t> val = std::vector<int16_t>(SLOTS, -1);
  std::vector<double> tab;
  uint64_t last_bits = ~uint64_t(0);
  uint8_t last_idx = 0;
  bool add(double x, uint8_t& idx);  // false: more than MAX_WTAB distinct weights
};
}  // namespace

std::vector<int32_t> ConnStore::staged_delays() const {
  std::vector<int32_t> d(staged.size());
  for (size_t r = 0; r < runs.size(); ++r) {
    const uint64_t e = r + 1 < runs.size() ? runs[r + 1].start : staged.size();
    std::fill(d.begin() + runs[r].start, d.begin() + e, runs[r].delay);
  }
  return d;
}

void ConnStore::set_staged(StagedList conns, const std::vector<int32_t>& delays) {
  staged.swap(conns);
  runs.clear();
  for (size_t i = 0; i < staged.size(); ++i)
    if (runs.empty() || runs.back().delay != delays[i]) runs.push_back({i, delays[i]});
}

void ConnStore::decompress() {
  if (tgt.empty()) return;
  StagedList all;
  std::vector<DelayRun> allruns;
  for (uint64_t s = 0; s < nrows(); ++s) {
    uint64_t b = row[s];
    for (uint64_t g = segrow[s]; g < segrow[s + 1]; ++g) {
      if (segs[g].end > b && (allruns.empty() || allruns.back().delay != segs[g].delay))
        allruns.push_back({all.size(), segs[g].delay});
      for (uint64_t c = b; c < segs[g].end; ++c) all.push_back({uint32_t(s), channel(c), weight(c)});
      b = segs[g].end;
    }
  }
  const uint64_t base = all.size();
  for (auto r : runs) {
    r.start += base;
    if (allruns.empty() || allruns.back().delay != r.delay) allruns.push_back(r);
  }
  all.append(staged);
  staged.swap(all);
  runs.swap(allruns);
  row.clear(); segrow.clear(); segs.clear();
  std::vector<uint32_t>().swap(tgt);
  std::vector<double>().swap(w);
  packed = false;
  wtab.clear();
}

void ConnStore::finalize() {
  if (staged.empty()) return;
  if (!tgt.empty()) decompress();
  uint64_t maxsrc = 0;
  staged.for_each([&](size_t, const StagedConn& c) { maxsrc = std::max<uint64_t>(maxsrc, c.src); });
  const uint64_t n = maxsrc + 1;
  const size_t m = staged.size();
  // stable counting sort by source: scatter straight into the compressed arrays
  std::vector<uint64_t> cnt(n + 1, 0);
  staged.for_each([&](size_t, const StagedConn& c) { ++cnt[c.src + 1]; });
  for (uint64_t s = 0; s < n; ++s) cnt[s + 1] += cnt[s];
  row = cnt;
  const bool one_delay = runs.size() == 1;
  const int32_t D = runs.empty() ? 1 : runs[0].delay;
  // packed form if possible: decided before allocating, so the 8-byte weights never exist
  WeightTable wt;
  bool pack = true;
  staged.for_each([&](size_t, const StagedConn& c) {
    uint8_t k;
    if (pack && (c.tgt > CH_MASK || !wt.add(c.w, k))) pack = false;
  });
  tgt.resize(m);
  if (!pack) w.resize(m);
  std::vector<int32_t> dly;
  if (!one_delay) dly.resize(m);
  {
    std::vector<uint64_t>& fill = cnt;  // reuse: fill[s] starts at row[s]
    size_t r = 0;
    uint64_t next_run = runs.size() > 1 ? runs[1].start : UINT64_MAX;
    int32_t d = D;
    staged.for_each([&](size_t i, const StagedConn& sc) {
      if (!one_delay && i == next_run) {
        ++r;
        d = runs[r].delay;
        next_run = r + 1 < runs.size() ? runs[r + 1].start : UINT64_MAX;
      }
      const uint64_t pos = fill[sc.src]++;
      if (pack) {
        uint8_t k;
        wt.add(sc.w, k);
        tgt[pos] = sc.tgt | (uint32_t(k) << CH_BITS);
      } else {
        tgt[pos] = sc.tgt;
        w[pos] = sc.w;
      }
      if (!one_delay) dly[pos] = d;
    });
  }
  staged.clear();
  std::vector<DelayRun>().swap(runs);
  segrow.assign(n + 1, 0);
  segs.clear();
  std::vector<uint32_t> idx, t2;
  std::vector<double> w2;
  std::vector<int32_t> d2;
  for (uint64_t s = 0; s < n; ++s) {
    const uint64_t b = row[s], e = row[s + 1];
    if (b < e) {
      if (one_delay) {
        segs.push_back({e, D});
      } else {
        bool uniform = true;
        for (uint64_t c = b + 1; c < e && uniform; ++c) uniform = dly[c] == dly[b];
        if (!uniform) {  // stable sort of the row by delay
          idx.resize(e - b);
          for (uint64_t c = b; c < e; ++c) idx[c - b] = uint32_t(c);
          std::stable_sort(idx.begin(), idx.end(), [&](uint32_t x, uint32_t y) { return dly[x] < dly[y]; });
          t2.resize(e - b); d2.resize(e - b);
          if (!pack) w2.resize(e - b);
          for (size_t k = 0; k < idx.size(); ++k) {
            t2[k] = tgt[idx[k]];
            d2[k] = dly[idx[k]];
            if (!pack) w2[k] = w[idx[k]];
          }
          std::copy(t2.begin(), t2.end(), tgt.begin() + b);
          std::copy(d2.begin(), d2.end(), dly.begin() + b);
          if (!pack) std::copy(w2.begin(), w2.end(), w.begin() + b);
        }
        for (uint64_t c = b; c < e; ++c)
          if (c == b || dly[c] != segs.back().delay) segs.push_back({c + 1, dly[c]});
          else segs.back().end = c + 1;
      }
    }
    segrow[s + 1] = segs.size();
  }
  if (pack) {
    wtab.swap(wt.tab);
    packed = true;
  }
}

bool WeightTable::add(double x, uint8_t& idx) {
  const uint64_t b = bits(x);
  if (b == last_bits) {
    idx = last_idx;
    return true;
  }
  size_t h = (b * 0x9E3779B97F4A7C15ull) >> 54;
  while (val[h] >= 0 && key[h] != b) h = (h + 1) & (SLOTS - 1);
  if (val[h] < 0) {
    if (tab.size() >= ConnStore::MAX_WTAB) return false;
    key[h] = b;
    val[h] = int16_t(tab.size());
    tab.push_back(x);
  }
  last_bits = b;
  last_idx = uint8_t(val[h]);
  idx = last_idx;
  return true;
}

void ConnStore::try_pack() {
  if (packed || tgt.empty()) return;
  WeightTable wt;
  std::vector<uint8_t> idx(tgt.size());
  for (size_t c = 0; c < tgt.size(); ++c)
    if (tgt[c] > CH_MASK || !wt.add(w[c], idx[c])) return;
  for (size_t c = 0; c < tgt.size(); ++c) tgt[c] |= uint32_t(idx[c]) << CH_BITS;
  wtab.swap(wt.tab);
  std::vector<double>().swap(w);
  packed = true;
}

void ConnStore::unpack() {
  if (!packed) return;
  w.resize(tgt.size());
  for (size_t c = 0; c < tgt.size(); ++c) {
    w[c] = wtab[tgt[c] >> CH_BITS];
    tgt[c] &= CH_MASK;
  }
  wtab.clear();
  packed = false;
}

void ConnStore::set_channel(uint64_t c, uint32_t ch) {
  if (packed && ch > CH_MASK) unpack();
  if (packed) tgt[c] = (tgt[c] & ~CH_MASK) | ch;
  else tgt[c] = ch;
}

void ConnStore::set_weight(uint64_t c, double x) {
  if (packed) {
    for (size_t k = 0; k < wtab.size(); ++k)
      if (bits(wtab[k]) == bits(x)) {
        tgt[c] = (tgt[c] & CH_MASK) | (uint32_t(k) << CH_BITS);
        return;
      }
    if (wtab.size() < MAX_WTAB) {
      wtab.push_back(x);
      tgt[c] = (tgt[c] & CH_MASK) | (uint32_t(wtab.size() - 1) << CH_BITS);
      return;
    }
    unpack();
  }
  w[c] = x;
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
