"""Shared helpers of the interpreter tests (a unique module name, so that it never collides with
other test directories' helper modules)."""
import io

from sli import Interpreter


def new_interpreter() -> Interpreter:
    """A started interpreter whose output goes to a StringIO (``i.stdout.getvalue()``)."""
    i = Interpreter(stdout=io.StringIO())
    i.startup()
    i.stdout = io.StringIO()
    return i


def run(i, code):
    """Run code that must succeed; return the operand stack."""
    i.ostack.clear()
    assert i.execute(code), i.stdout.getvalue()
    return i.ostack


def fails(i, code):
    """Run failing code in a stopped context; return (operands left, error name)."""
    i.ostack.clear()
    i.execute("{ " + code + " } stopped")
    s = i.ostack
    assert s[-1] is True, s
    name = str(i.errordict["errorname"])
    i.errordict["newerror"] = False
    return s[:-2], name


def run_ok(i, code):
    """Run code; return (success, operand stack)."""
    i.ostack.clear()
    ok = i.execute(code)
    return ok, list(i.ostack)


def value(i, code):
    """Run code that must leave exactly one operand; return it."""
    ok, stack = run_ok(i, code)
    assert ok, code
    assert len(stack) == 1, stack
    return stack[0]


def error(i, code):
    """Run failing code; return (errorname, commandname, operands left without the command)."""
    i.ostack.clear()
    i.execute(f"{{ {code} }} stopped")
    assert i.ostack[-1] is True, code
    i.ostack.pop()
    name = str(i.errordict["errorname"])
    command = str(i.errordict["commandname"])
    i.errordict["newerror"] = False
    return name, command, list(i.ostack[:-1])
