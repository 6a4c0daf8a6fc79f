// Kernel exceptions: every error carries the SLI error name and the reference message.
#pragma once
#include <stdexcept>
#include <string>

namespace nk {

class KernelError : public std::runtime_error {
 public:
  KernelError(std::string name, std::string message)
      : std::runtime_error(name + ": " + message), name_(std::move(name)), message_(std::move(message)) {}
  const std::string& name() const { return name_; }
  const std::string& message() const { return message_; }

 private:
  std::string name_;
  std::string message_;
};

inline KernelError BadProperty(const std::string& m) { return KernelError("BadProperty", m); }
inline KernelError BadParameter(const std::string& m) { return KernelError("BadParameter", m); }
inline KernelError BadDelay(const std::string& m) { return KernelError("BadDelay", m); }
inline KernelError TypeMismatch(const std::string& m) { return KernelError("TypeMismatch", m); }
inline KernelError DictError(const std::string& m) { return KernelError("DictError", m); }
inline KernelError UnknownNode(long gid) {
  return KernelError("UnknownNode", "Node with id " + std::to_string(gid) + " doesn't exist.");
}
inline KernelError UnknownModelName(const std::string& n) {
  return KernelError("UnknownModelName",
                     "/" + n + " is not a known model name. Please check the modeldict for a list of available models.");
}
inline KernelError UnknownSynapseType(const std::string& n) {
  return KernelError("UnknownSynapseType", "Synapse with name " + n + " does not exist.");
}
inline KernelError IllegalConnection(const std::string& why) {
  return KernelError("IllegalConnection", "Creation of connection is not possible because:\n" + why);
}
inline KernelError DimensionMismatch(const std::string& m) { return KernelError("DimensionMismatch", m); }
inline KernelError KernelException(const std::string& m) { return KernelError("KernelException", m); }

}  // namespace nk
