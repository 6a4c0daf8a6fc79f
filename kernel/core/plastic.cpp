#include "core/plastic.h"

#include <algorithm>

#include "core/node_block.h"

namespace nk {

void PlasticStore::finalize() {
  if (!dirty() && !row.empty()) return;
  const size_t m = src.size();
  uint32_t maxsrc = 0;
  for (auto s : src) maxsrc = std::max(maxsrc, s);
  const uint64_t n = m ? uint64_t(maxsrc) + 1 : 0;
  std::vector<uint64_t> cnt(n + 1, 0);
  for (auto s : src) ++cnt[s + 1];
  for (uint64_t s = 0; s < n; ++s) cnt[s + 1] += cnt[s];
  row = cnt;
  bool in_order = true;
  for (size_t c = 1; c < m && in_order; ++c) in_order = src[c - 1] <= src[c];
  if (!in_order) {
    // stable counting sort: connections of one source keep their creation order
    std::vector<uint64_t> perm(m);
    for (size_t c = 0; c < m; ++c) perm[cnt[src[c]]++] = c;
    auto permute = [&](auto& v) {
      auto old = v;
      for (size_t k = 0; k < m; ++k) v[k] = old[perm[k]];
    };
    permute(src);
    permute(chan);
    permute(post);
    permute(delay);
    std::vector<double> nd(data.size());
    for (size_t k = 0; k < m; ++k)
      std::copy(data.begin() + perm[k] * stride, data.begin() + (perm[k] + 1) * stride, nd.begin() + k * stride);
    data.swap(nd);
  }
  sorted = m;
}

void PlasticStore::erase(const std::vector<char>& dead) {
  size_t o = 0;
  for (size_t c = 0; c < src.size(); ++c) {
    if (c < dead.size() && dead[c]) continue;
    if (o != c) {
      src[o] = src[c];
      chan[o] = chan[c];
      post[o] = post[c];
      delay[o] = delay[c];
      std::copy(data.begin() + c * stride, data.begin() + (c + 1) * stride, data.begin() + o * stride);
    }
    ++o;
  }
  src.resize(o);
  chan.resize(o);
  post.resize(o);
  delay.resize(o);
  data.resize(o * stride);
  row.clear();
  sorted = 0;
  finalize();
}

int PlasticModel::field_index(const std::string& name) const {
  const auto& f = fields();
  for (size_t k = 0; k < f.size(); ++k)
    if (f[k].visible && name == f[k].name) return int(k);
  return -1;
}

void PlasticModel::get_conn(const double* c, Dict& d) const {
  const auto& f = fields();
  for (size_t k = 0; k < f.size(); ++k) {
    if (!f[k].visible) continue;
    if (f[k].is_int) d.set(f[k].name, int64_t(std::llround(c[k])));
    else d.set(f[k].name, c[k]);
  }
}

void PlasticModel::set_conn(double* c, const Dict& d) const {
  const auto& f = fields();
  for (size_t k = 0; k < f.size(); ++k) {
    if (!f[k].visible) continue;
    if (f[k].is_int) {
      int64_t v;
      if (read(d, f[k].name, v)) c[k] = double(v);
    } else {
      read(d, f[k].name, c[k]);
    }
  }
}

void PlasticModel::record_weight(const DeliverArgs& a, uint32_t post, double w) const {
  const auto& pt = a.ptargets[post];
  a.wr.block->handle_weight(a.wr.idx, int64_t(a.source), pt.first->gids[pt.second], a.s_emit + 1, w);
}

}  // namespace nk
