// Status dictionaries: typed values, strict readers and unread-key detection.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "core/exceptions.h"

namespace nk {

struct Dict;
struct Value;
using DictPtr = std::shared_ptr<Dict>;
using List = std::vector<Value>;
using ListPtr = std::shared_ptr<List>;
using IntVec = std::vector<int64_t>;
using DoubleVec = std::vector<double>;

struct Value {
  std::variant<std::monostate, bool, int64_t, double, std::string, IntVec, DoubleVec, ListPtr, DictPtr> v;
  Value() = default;
  Value(bool b) : v(b) {}
  Value(int x) : v(int64_t(x)) {}
  Value(long x) : v(int64_t(x)) {}
  Value(long long x) : v(int64_t(x)) {}
  Value(unsigned long x) : v(int64_t(x)) {}
  Value(double x) : v(x) {}
  Value(const char* s) : v(std::string(s)) {}
  Value(std::string s) : v(std::move(s)) {}
  Value(IntVec x) : v(std::move(x)) {}
  Value(DoubleVec x) : v(std::move(x)) {}
  Value(List x) : v(std::make_shared<List>(std::move(x))) {}
  Value(DictPtr d) : v(std::move(d)) {}
  const char* type_name() const;
};

struct Dict {
  std::map<std::string, Value> items;
  mutable std::set<std::string> accessed;
  // When set, `set` keeps only this key: a status query for one key skips building the rest.
  const std::string* only = nullptr;

  bool known(const std::string& k) const { return items.count(k) != 0; }
  const Value* lookup(const std::string& k) const {
    auto it = items.find(k);
    if (it == items.end()) return nullptr;
    accessed.insert(k);
    return &it->second;
  }
  void set(const std::string& k, Value v) {
    if (only && k != *only) return;
    items[k] = std::move(v);
  }
  // Throws DictError naming the keys nobody read.
  void check_all_accessed(const std::string& prefix = "") const;
  std::vector<std::string> unaccessed() const;
};

// Strict readers: return true if the key is present; TypeMismatch if it has the wrong type.
bool read(const Dict& d, const std::string& k, double& out);
bool read(const Dict& d, const std::string& k, int64_t& out);
bool read(const Dict& d, const std::string& k, bool& out);
bool read(const Dict& d, const std::string& k, std::string& out);
bool read(const Dict& d, const std::string& k, DoubleVec& out);
bool read(const Dict& d, const std::string& k, IntVec& out);
bool read_strings(const Dict& d, const std::string& k, std::vector<std::string>& out);
bool read_dict(const Dict& d, const std::string& k, DictPtr& out);

// Accepts int or double (for Simulate times, connection parameters).
double as_number(const Value& v, const std::string& what);

[[noreturn]] void type_mismatch(const char* expected, const Value& got);

}  // namespace nk
