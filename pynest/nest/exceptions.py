"""PyNEST exceptions: ``NESTError`` and the per-error-name classes of ``NESTErrors``.

Every SLI error that reaches Python becomes an instance of ``NESTErrors.<ErrorName>``, a class
created on first use with the parent the reference uses (``InterpreterError``, ``DictError``,
``KernelException`` or ``SLIException``). Its text is ``"<ErrorName> in <command><message>"``.
Catching ``nest.NESTError`` catches all of them.
"""
from __future__ import annotations

from typing import Dict, Optional, Type

_INTERPRETER_ERRORS = ("TypeMismatch", "SystemSignal", "RangeCheck", "ArgumentType",
                       "StackUnderflow", "DictError")
_DICT_ERRORS = ("UndefinedName", "EntryTypeMismatch", "UnaccessedDictionaryEntry")
_KERNEL_ERRORS = (
    "UnknownModelName", "NewModelNameExists", "UnknownModelID", "ModelInUse",
    "UnknownSynapseType", "UnknownNode", "NoThreadSiblingsAvailable", "LocalNodeExpected",
    "NodeWithProxiesExpected", "UnknownReceptorType", "IncompatibleReceptorType", "UnknownPort",
    "IllegalConnection", "InexistentConnection", "UnknownThread", "BadDelay", "UnexpectedEvent",
    "UnsupportedEvent", "BadProperty", "BadParameter", "DimensionMismatch", "DistributionError",
    "SubnetExpected", "SimulationError", "InvalidDefaultResolution", "InvalidTimeInModel",
    "StepMultipleRequired", "TimeMultipleRequired", "GSLSolverFailure", "NumericalInstability",
    "KeyError",
)


class NESTError(Exception):
    """Base class of every error raised by PyNEST."""


class PyNESTError(NESTError):
    """An error detected on the Python side (bad arguments, unsupported types …)."""


class SLIException(NESTError):
    """An SLI error: ``errorname``, ``commandname`` and ``errormessage`` describe it."""

    def __init__(self, commandname: str = "", errormessage: str = "", errorname: Optional[str] = None,
                 hint: str = ""):
        self.errorname = errorname or getattr(type(self), "sli_errorname", type(self).__name__)
        self.commandname = commandname
        self.errormessage = errormessage
        self.hint = hint
        text = f"{self.errorname} in {commandname}{errormessage}"
        if hint:
            text += f"\n{hint}"
        super().__init__(text)


class _ErrorClasses:
    """``NESTErrors.X`` creates (once) the exception class for SLI error name X."""

    NESTError = NESTError
    PyNESTError = PyNESTError
    SLIException = SLIException

    def __init__(self) -> None:
        self._classes: Dict[str, Type[SLIException]] = {}

    def _parent(self, name: str) -> Type[SLIException]:
        if name in _INTERPRETER_ERRORS:
            return self.get("InterpreterError")
        if name in _DICT_ERRORS:
            return self.get("DictError")
        if name in _KERNEL_ERRORS or name.startswith("MUSIC"):
            return self.get("KernelException")
        return SLIException

    def get(self, name: str) -> Type[SLIException]:
        cls = self._classes.get(name)
        if cls is None:
            if name in ("InterpreterError", "KernelException"):
                parent: Type[SLIException] = SLIException
            else:
                parent = self._parent(name)
            # a kernel refusal can carry a sentence as error name: keep it for the message text
            cls = type(name if name.isidentifier() else "SLIError", (parent,), {
                "__doc__": f"The SLI error {name}.", "__module__": __name__,
                "sli_errorname": name})
            self._classes[name] = cls
        return cls

    def __getattr__(self, name: str) -> Type[SLIException]:
        if name.startswith("__"):
            raise AttributeError(name)
        return self.get(name)


NESTErrors = _ErrorClasses()
