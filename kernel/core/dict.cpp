#include "core/dict.h"

namespace nk {

const char* Value::type_name() const {
  switch (v.index()) {
    case 0: return "notype";
    case 1: return "booltype";
    case 2: return "integertype";
    case 3: return "doubletype";
    case 4: return "stringtype";
    case 5: return "intvectortype";
    case 6: return "doublevectortype";
    case 7: return "arraytype";
    case 8: return "dictionarytype";
  }
  return "unknown";
}

void type_mismatch(const char* expected, const Value& got) {
  throw TypeMismatch(std::string("Expected datatype: ") + expected + "\nProvided datatype: " + got.type_name());
}

std::vector<std::string> Dict::unaccessed() const {
  std::vector<std::string> r;
  for (auto& kv : items)
    if (!accessed.count(kv.first)) r.push_back(kv.first);
  return r;
}

void Dict::check_all_accessed(const std::string& prefix) const {
  auto miss = unaccessed();
  if (miss.empty()) return;
  std::string m = "Unused dictionary items: ";
  for (auto& k : miss) m += " " + prefix + k;
  throw DictError(m);
}

bool read(const Dict& d, const std::string& k, double& out) {
  const Value* v = d.lookup(k);
  if (!v) return false;
  if (auto p = std::get_if<double>(&v->v)) { out = *p; return true; }
  type_mismatch("doubletype", *v);
}

bool read(const Dict& d, const std::string& k, int64_t& out) {
  const Value* v = d.lookup(k);
  if (!v) return false;
  if (auto p = std::get_if<int64_t>(&v->v)) { out = *p; return true; }
  type_mismatch("integertype", *v);
}

bool read(const Dict& d, const std::string& k, bool& out) {
  const Value* v = d.lookup(k);
  if (!v) return false;
  if (auto p = std::get_if<bool>(&v->v)) { out = *p; return true; }
  type_mismatch("booltype", *v);
}

bool read(const Dict& d, const std::string& k, std::string& out) {
  const Value* v = d.lookup(k);
  if (!v) return false;
  if (auto p = std::get_if<std::string>(&v->v)) { out = *p; return true; }
  type_mismatch("stringtype", *v);
}

bool read(const Dict& d, const std::string& k, DoubleVec& out) {
  const Value* v = d.lookup(k);
  if (!v) return false;
  if (auto p = std::get_if<DoubleVec>(&v->v)) { out = *p; return true; }
  if (auto p = std::get_if<IntVec>(&v->v)) {
    if (p->empty()) { out.clear(); return true; }
    type_mismatch("doublevectortype", *v);
  }
  if (auto p = std::get_if<ListPtr>(&v->v)) {
    DoubleVec r;
    for (auto& e : **p) {
      if (auto q = std::get_if<double>(&e.v)) r.push_back(*q);
      else if (auto q = std::get_if<int64_t>(&e.v)) r.push_back(double(*q));
      else type_mismatch("doubletype", e);
    }
    out = std::move(r);
    return true;
  }
  type_mismatch("doublevectortype", *v);
}

bool read(const Dict& d, const std::string& k, IntVec& out) {
  const Value* v = d.lookup(k);
  if (!v) return false;
  if (auto p = std::get_if<IntVec>(&v->v)) { out = *p; return true; }
  if (auto p = std::get_if<DoubleVec>(&v->v)) {
    if (p->empty()) { out.clear(); return true; }
    type_mismatch("intvectortype", *v);
  }
  if (auto p = std::get_if<ListPtr>(&v->v)) {
    IntVec r;
    for (auto& e : **p) {
      if (auto q = std::get_if<int64_t>(&e.v)) r.push_back(*q);
      else type_mismatch("integertype", e);
    }
    out = std::move(r);
    return true;
  }
  type_mismatch("intvectortype", *v);
}

bool read_strings(const Dict& d, const std::string& k, std::vector<std::string>& out) {
  const Value* v = d.lookup(k);
  if (!v) return false;
  if (auto p = std::get_if<ListPtr>(&v->v)) {
    std::vector<std::string> r;
    for (auto& e : **p) {
      if (auto q = std::get_if<std::string>(&e.v)) r.push_back(*q);
      else type_mismatch("stringtype", e);
    }
    out = std::move(r);
    return true;
  }
  if (auto p = std::get_if<std::string>(&v->v)) { out = {*p}; return true; }
  if (auto p = std::get_if<IntVec>(&v->v); p && p->empty()) { out.clear(); return true; }
  if (auto p = std::get_if<DoubleVec>(&v->v); p && p->empty()) { out.clear(); return true; }
  type_mismatch("arraytype", *v);
}

bool read_dict(const Dict& d, const std::string& k, DictPtr& out) {
  const Value* v = d.lookup(k);
  if (!v) return false;
  if (auto p = std::get_if<DictPtr>(&v->v)) { out = *p; return true; }
  type_mismatch("dictionarytype", *v);
}

double as_number(const Value& v, const std::string& what) {
  if (auto p = std::get_if<double>(&v.v)) return *p;
  if (auto p = std::get_if<int64_t>(&v.v)) return double(*p);
  type_mismatch("doubletype", v);
}

}  // namespace nk
