// A blocking barrier (mutex + condition variable): waiting threads sleep, never spin,
// so a neighbour process holding a core cannot make us burn cycles.
#pragma once
#include <condition_variable>
#include <mutex>

namespace nk {

class Barrier {
 public:
  explicit Barrier(int n) : n_(n) {}
  void wait() {
    std::unique_lock<std::mutex> lk(m_);
    const unsigned long gen = gen_;
    if (++count_ == n_) {
      count_ = 0;
      ++gen_;
      cv_.notify_all();
    } else {
      cv_.wait(lk, [&] { return gen != gen_; });
    }
  }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  int n_;
  int count_ = 0;
  unsigned long gen_ = 0;
};

}  // namespace nk
