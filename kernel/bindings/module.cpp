// nestkernel: the Python face of the kernel. Converts values and forwards; decides nothing.
#include <pybind11/eval.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <iostream>
#include <unordered_map>

#include "core/kernel.h"

namespace py = pybind11;
using namespace nk;

namespace {

py::object g_error_type;

Value to_value(const py::handle& o);

DictPtr to_dict(const py::handle& o) {
  auto d = std::make_shared<Dict>();
  if (o.is_none()) return d;
  if (!py::isinstance<py::dict>(o)) throw TypeMismatch("Expected datatype: dictionarytype");
  for (auto kv : py::reinterpret_borrow<py::dict>(o)) d->set(py::str(kv.first).cast<std::string>(), to_value(kv.second));
  return d;
}

Value to_value(const py::handle& o) {
  if (o.is_none()) return Value();
  if (py::isinstance<py::bool_>(o)) return Value(o.cast<bool>());
  PyObject* p = o.ptr();
  if (PyBool_Check(p)) return Value(p == Py_True);
  if (py::isinstance<py::array>(o)) {
    py::array a = py::reinterpret_borrow<py::array>(o);
    const char kind = a.dtype().kind();
    if (a.ndim() == 0) return to_value(o.attr("item")());
    if (kind == 'b') {
      auto c = py::array_t<int64_t, py::array::c_style | py::array::forcecast>::ensure(a);
      return Value(IntVec(c.data(), c.data() + c.size()));
    }
    if (kind == 'i' || kind == 'u') {
      auto c = py::array_t<int64_t, py::array::c_style | py::array::forcecast>::ensure(a);
      return Value(IntVec(c.data(), c.data() + c.size()));
    }
    if (kind == 'f') {
      auto c = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(a);
      return Value(DoubleVec(c.data(), c.data() + c.size()));
    }
    List l;
    for (auto e : o) l.push_back(to_value(e));
    return Value(l);
  }
  if (PyLong_Check(p)) return Value(int64_t(o.cast<long long>()));
  if (PyFloat_Check(p)) return Value(o.cast<double>());
  // numpy scalars
  if (py::hasattr(o, "dtype") && py::hasattr(o, "item")) return to_value(o.attr("item")());
  if (py::isinstance<py::str>(o)) return Value(o.cast<std::string>());
  if (py::isinstance<py::bytes>(o)) return Value(o.cast<std::string>());
  if (py::isinstance<py::dict>(o)) return Value(to_dict(o));
  if (py::isinstance<py::list>(o) || py::isinstance<py::tuple>(o) || py::isinstance<py::iterable>(o)) {
    List l;
    for (auto e : o) l.push_back(to_value(e));
    return Value(l);
  }
  throw KernelError("TypeMismatch", std::string("Cannot convert Python object of type ") +
                                        py::str(py::type::handle_of(o).attr("__name__")).cast<std::string>());
}

py::object from_value(const Value& v);

// Status keys repeat for every node: keep one interned Python string per key (never freed, so
// nothing is released after the interpreter has shut down).
PyObject* key_object(const std::string& k) {
  static auto* cache = new std::unordered_map<std::string, PyObject*>();
  auto it = cache->find(k);
  if (it != cache->end()) return it->second;
  PyObject* s = PyUnicode_InternFromString(k.c_str());
  if (!s) throw py::error_already_set();
  cache->emplace(k, s);
  return s;
}

py::dict from_dict(const Dict& d) {
  py::dict r;
  for (auto& kv : d.items) {
    py::object v = from_value(kv.second);
    if (PyDict_SetItem(r.ptr(), key_object(kv.first), v.ptr()) != 0) throw py::error_already_set();
  }
  return r;
}

py::object from_value(const Value& v) {
  switch (v.v.index()) {
    case 0: return py::none();
    case 1: return py::bool_(std::get<bool>(v.v));
    case 2: return py::int_(std::get<int64_t>(v.v));
    case 3: return py::float_(std::get<double>(v.v));
    case 4: return py::str(std::get<std::string>(v.v));
    case 5: {
      const auto& x = std::get<IntVec>(v.v);
      py::array_t<int64_t> a(x.size());
      std::copy(x.begin(), x.end(), a.mutable_data());
      return std::move(a);
    }
    case 6: {
      const auto& x = std::get<DoubleVec>(v.v);
      py::array_t<double> a(x.size());
      std::copy(x.begin(), x.end(), a.mutable_data());
      return std::move(a);
    }
    case 7: {
      py::list l;
      for (auto& e : *std::get<ListPtr>(v.v)) l.append(from_value(e));
      return std::move(l);
    }
    case 8: return from_dict(*std::get<DictPtr>(v.v));
  }
  return py::none();
}

IntVec to_gids(const py::handle& o) {
  if (py::isinstance<py::int_>(o) && !py::isinstance<py::bool_>(o)) return IntVec{o.cast<int64_t>()};
  Value v = to_value(o);
  if (auto p = std::get_if<IntVec>(&v.v)) return *p;
  if (auto p = std::get_if<ListPtr>(&v.v)) {
    IntVec r;
    for (auto& e : **p) {
      if (auto q = std::get_if<int64_t>(&e.v)) r.push_back(*q);
      else type_mismatch("integertype", e);
    }
    return r;
  }
  if (auto p = std::get_if<DoubleVec>(&v.v); p && p->empty()) return IntVec();
  type_mismatch("intvectortype", v);
}

py::array_t<int64_t> gid_array(const std::vector<int64_t>& g) {
  py::array_t<int64_t> a(g.size());
  std::copy(g.begin(), g.end(), a.mutable_data());
  return a;
}

std::vector<ConnHandle> to_handles(const py::handle& o) {
  auto a = py::array_t<int64_t, py::array::c_style | py::array::forcecast>::ensure(o);
  if (!a) throw TypeMismatch("Connections must be an integer array of shape (n, 5).");
  if (a.ndim() == 1 && a.size() == 5) return {ConnHandle{a.data()[0], a.data()[1], a.data()[2], a.data()[3], a.data()[4]}};
  if (a.ndim() != 2 || a.shape(1) != 5) throw TypeMismatch("Connections must be an integer array of shape (n, 5).");
  std::vector<ConnHandle> r(size_t(a.shape(0)));
  for (size_t i = 0; i < r.size(); ++i)
    for (int k = 0; k < 5; ++k) r[i][k] = a.data()[i * 5 + k];
  return r;
}

void apply_params(const IntVec& gids, const py::handle& params) {
  Kernel& k = kernel();
  if (params.is_none()) return;
  if (py::isinstance<py::dict>(params)) {
    DictPtr d = to_dict(params);
    for (auto g : gids) {
      d->accessed.clear();
      k.set_node_status(g, *d);
    }
    return;
  }
  py::sequence seq = py::reinterpret_borrow<py::sequence>(params);
  if (size_t(py::len(seq)) != gids.size())
    throw DimensionMismatch("The number of parameter dictionaries must match the number of nodes.");
  for (size_t i = 0; i < gids.size(); ++i) k.set_node_status(gids[i], *to_dict(seq[i]));
}

}  // namespace

PYBIND11_MODULE(nestkernel, m) {
  m.doc() = "NEST 2.x-compatible simulation kernel (C++17, OpenMP)";
  py::dict ns;
  py::exec(R"(
class KernelError(Exception):
    """Error raised by the kernel; `errorname` is the SLI error name, `message` the detail text."""
    def __init__(self, errorname, message=""):
        super().__init__(f"{errorname}: {message}" if message else errorname)
        self.errorname = errorname
        self.message = message
)", py::globals(), ns);
  g_error_type = ns["KernelError"];
  g_error_type.attr("__module__") = "nestkernel";
  m.attr("KernelError") = g_error_type;
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const KernelError& e) {
      py::object exc = g_error_type(e.name(), e.message());
      PyErr_SetObject(g_error_type.ptr(), exc.ptr());
    } catch (const std::bad_alloc&) {
      py::object exc = g_error_type("MemoryError", "Out of memory.");
      PyErr_SetObject(g_error_type.ptr(), exc.ptr());
    } catch (const py::error_already_set&) {
      throw;
    } catch (const py::builtin_exception&) {
      throw;
    } catch (const std::exception& e) {
      py::object exc = g_error_type("KernelException", e.what());
      PyErr_SetObject(g_error_type.ptr(), exc.ptr());
    }
  });

  kernel();  // construct the kernel at import

  m.def("reset_kernel", [] { kernel().reset_kernel(); }, "Delete all nodes, connections and user models; restore defaults.");
  m.def("reset_network", [] { kernel().reset_network(); }, "Reset node states to model defaults and drop queued spikes.");
  m.def("get_kernel_status", [] { return from_dict(*kernel().get_status()); });
  m.def("set_kernel_status", [](py::object d) { kernel().set_status(*to_dict(d)); }, py::arg("params"));

  m.def("models", [](const std::string& kind) {
        if (kind == "synapses") return kernel().synapse_model_names();
        return kernel().node_model_names();
      }, py::arg("kind") = "nodes");
  m.def("model_help", [](const std::string& model) { return kernel().model_help(model); }, py::arg("model"),
        "Help text of a node or synapse model.");
  m.def("distributions", [] {
        std::vector<std::string> r;
        for (const char* b : {"normal", "lognormal", "uniform", "uniform_int", "exponential", "gamma", "binomial",
                              "poisson"}) {
          r.push_back(b);
          const std::string bs(b);
          if (bs != "uniform" && bs != "uniform_int" && bs != "gamma") {
            r.push_back(bs + "_clipped");
            r.push_back(bs + "_clipped_to_boundary");
          }
        }
        return r;
      }, "Names of the random deviates accepted in syn_spec ({'distribution': name, ...}).");
  m.def("num_processes", [] { return 1; }, "Number of MPI processes (the single-process communicator: 1).");
  m.def("rank", [] { return 0; }, "MPI rank of this process.");
  m.def("get_defaults", [](const std::string& model) { return from_dict(*kernel().get_defaults(model)); }, py::arg("model"));
  m.def("set_defaults", [](const std::string& model, py::object d) { kernel().set_defaults(model, *to_dict(d)); },
        py::arg("model"), py::arg("params"));
  m.def("copy_model", [](const std::string& o, const std::string& n, py::object d) {
        kernel().copy_model(o, n, *to_dict(d));
      }, py::arg("old"), py::arg("new"), py::arg("params") = py::none());

  m.def("create", [](const std::string& model, int64_t n, py::object params) {
        Kernel& k = kernel();
        const bool one_dict = py::isinstance<py::dict>(params);
        DictPtr pd = one_dict ? to_dict(params) : nullptr;
        const int64_t first = k.create(model, n, pd.get());
        IntVec g(size_t(std::max<int64_t>(n, 0)));
        for (int64_t i = 0; i < n; ++i) g[i] = first + i;
        try {
          if (!one_dict) apply_params(g, params);
        } catch (...) {
          k.rollback_create(first);
          throw;
        }
        return gid_array(g);
      }, py::arg("model"), py::arg("n") = 1, py::arg("params") = py::none());
  m.def("get_status", [](py::object gids) {
        py::list out;
        for (auto g : to_gids(gids)) out.append(from_dict(*kernel().node_status(g)));
        return out;
      }, py::arg("gids"));
  m.def("set_status", [](py::object gids, py::object params) {
        IntVec g = to_gids(gids);
        for (auto x : g) kernel().node(x);
        apply_params(g, params);
      }, py::arg("gids"), py::arg("params"));
  m.def("get_status_values", [](py::object gids, const std::string& key) -> py::object {
        std::vector<Value> vals;
        for (auto g : to_gids(gids)) {
          DictPtr d = kernel().node_status(g, &key);
          auto it = d->items.find(key);
          if (it == d->items.end()) throw KernelError("DictError", "Key '/" + key + "' does not exist in dictionary.");
          vals.push_back(std::move(it->second));
        }
        auto all_of_type = [&](size_t index) {
          return std::all_of(vals.begin(), vals.end(), [&](const Value& v) { return v.v.index() == index; });
        };
        if (!vals.empty() && all_of_type(3)) {
          py::array_t<double> a(vals.size());
          for (size_t i = 0; i < vals.size(); ++i) a.mutable_data()[i] = std::get<double>(vals[i].v);
          return std::move(a);
        }
        if (!vals.empty() && all_of_type(2)) {
          py::array_t<int64_t> a(vals.size());
          for (size_t i = 0; i < vals.size(); ++i) a.mutable_data()[i] = std::get<int64_t>(vals[i].v);
          return std::move(a);
        }
        py::list out;
        for (auto& v : vals) out.append(from_value(v));
        return std::move(out);
      }, py::arg("gids"), py::arg("key"),
      "The value of `key` for each node: a float64/int64 array when all are doubles/ints, else a list.");
  m.def("set_status_columns", [](py::object gids, py::dict columns) {
        // Node i gets {key: column[i]} for every column; the columns keep their element type, so
        // an integer column for a double parameter is a TypeMismatch as with single dicts.
        IntVec g = to_gids(gids);
        std::vector<std::pair<std::string, Value>> cols;
        for (auto kv : columns) {
          Value v = to_value(kv.second);
          size_t n = 0;
          if (auto p = std::get_if<IntVec>(&v.v)) n = p->size();
          else if (auto p = std::get_if<DoubleVec>(&v.v)) n = p->size();
          else if (auto p = std::get_if<ListPtr>(&v.v)) n = (*p)->size();
          else throw TypeMismatch("Each column must be an array with one value per node.");
          if (n != g.size())
            throw DimensionMismatch("The number of parameter dictionaries must match the number of nodes.");
          cols.emplace_back(py::str(kv.first).cast<std::string>(), std::move(v));
        }
        for (auto x : g) kernel().node(x);
        Dict d;
        for (size_t i = 0; i < g.size(); ++i) {
          d.items.clear();
          d.accessed.clear();
          for (auto& [key, col] : cols) {
            if (auto p = std::get_if<IntVec>(&col.v)) d.set(key, Value((*p)[i]));
            else if (auto p = std::get_if<DoubleVec>(&col.v)) d.set(key, Value((*p)[i]));
            else d.set(key, (*std::get<ListPtr>(col.v))[i]);
          }
          kernel().set_node_status(g[i], d);
        }
      }, py::arg("gids"), py::arg("columns"),
      "Set per-node values given as columns: node i gets {key: column[i]} for each key.");

  m.def("connect", [](py::object s, py::object t, py::object cs, py::object ss) {
        kernel().connect(to_gids(s), to_gids(t), *to_dict(cs), *to_dict(ss));
      }, py::arg("sources"), py::arg("targets"), py::arg("conn_spec"), py::arg("syn_spec") = py::none());
  m.def("disconnect", [](py::object s, py::object t, py::object cs, py::object ss) {
        kernel().disconnect(to_gids(s), to_gids(t), *to_dict(cs), *to_dict(ss));
      }, py::arg("sources"), py::arg("targets"), py::arg("conn_spec"), py::arg("syn_spec") = py::none());
  m.def("get_connections", [](py::object s, py::object t, py::object model) {
        Kernel& k = kernel();
        IntVec sv, tv;
        if (!s.is_none()) sv = to_gids(s);
        if (!t.is_none()) tv = to_gids(t);
        const int syn = model.is_none() ? -1 : k.synapse_id(model.cast<std::string>());
        auto c = k.get_connections(s.is_none() ? nullptr : &sv, t.is_none() ? nullptr : &tv, syn);
        py::array_t<int64_t> a({py::ssize_t(c.size()), py::ssize_t(5)});
        auto* p = a.mutable_data();
        for (size_t i = 0; i < c.size(); ++i)
          for (int j = 0; j < 5; ++j) p[i * 5 + j] = c[i][j];
        return a;
      }, py::arg("source") = py::none(), py::arg("target") = py::none(), py::arg("synapse_model") = py::none());
  m.def("get_connection_status", [](py::object conns) {
        py::list out;
        for (auto& h : to_handles(conns)) out.append(from_dict(*kernel().connection_status(h)));
        return out;
      }, py::arg("conns"));
  m.def("set_connection_status", [](py::object conns, py::object params) {
        auto hs = to_handles(conns);
        if (py::isinstance<py::dict>(params)) {
          DictPtr d = to_dict(params);
          for (auto& h : hs) {
            d->accessed.clear();
            kernel().set_connection_status(h, *d);
          }
        } else {
          py::sequence seq = py::reinterpret_borrow<py::sequence>(params);
          if (size_t(py::len(seq)) != hs.size()) throw DimensionMismatch("One dictionary per connection required.");
          for (size_t i = 0; i < hs.size(); ++i) kernel().set_connection_status(hs[i], *to_dict(seq[i]));
        }
      }, py::arg("conns"), py::arg("params"));

  // Ctrl-C: the kernel asks about every 50 ms; a pending KeyboardInterrupt stops the run at the
  // end of a slice, the kernel stays usable and the exception is raised here.
  kernel().set_interrupt_hook([] {
    py::gil_scoped_acquire gil;
    return PyErr_CheckSignals() != 0;
  });
  auto raise_if_interrupted = [] {
    if (kernel().interrupted() && PyErr_Occurred()) throw py::error_already_set();
  };
  m.def("simulate", [raise_if_interrupted](double t) {
        {
          py::gil_scoped_release nogil;
          kernel().simulate(t);
        }
        raise_if_interrupted();
      }, py::arg("t"));
  m.def("prepare", [] { kernel().prepare(); });
  m.def("run", [raise_if_interrupted](double t) {
        {
          py::gil_scoped_release nogil;
          kernel().run(t);
        }
        raise_if_interrupted();
      }, py::arg("t"));
  m.def("cleanup", [] { kernel().cleanup(); });

  m.def("current_subnet", [] { return kernel().current_subnet(); });
  m.def("change_subnet", [](int64_t g) { kernel().change_subnet(g); }, py::arg("gid"));
  m.def("get_children", [](int64_t g) { return gid_array(kernel().children(g)); }, py::arg("gid"));
  m.def("get_nodes", [](int64_t g, bool leaves_only) { return gid_array(kernel().descendants(g, leaves_only)); },
        py::arg("gid"), py::arg("leaves_only") = false);
  m.def("layout_network", [](const std::string& model, std::vector<int64_t> dims) {
        Kernel& k = kernel();
        if (dims.empty()) throw KernelError("RangeCheck", "");
        const int64_t cwn = k.current_subnet();
        std::function<int64_t(size_t)> build = [&](size_t level) -> int64_t {
          const int64_t sub = k.create("subnet", 1);
          k.change_subnet(sub);
          if (level + 1 == dims.size()) k.create(model, dims[level]);
          else
            for (int64_t i = 0; i < dims[level]; ++i) build(level + 1);
          k.change_subnet(k.node(sub).g->parent);
          return sub;
        };
        k.model_id(model);
        int64_t top;
        try {
          top = build(0);
        } catch (...) {
          k.change_subnet(cwn);
          throw;
        }
        k.change_subnet(cwn);
        return top;
      }, py::arg("model"), py::arg("dims"));
  m.def("_inject_update_error", [](int thread, const std::string& name, const std::string& message) {
        kernel().inject_update_error(thread, name, message);
      }, "Testing aid: make the update loop of `thread` raise this error once.");
  m.def("print_network", [](int64_t gid, int64_t depth) { return kernel().print_network(gid, depth); },
        py::arg("gid") = 0, py::arg("depth") = 1);
}
