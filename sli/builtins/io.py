"""Printing and output streams (section 6.13)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..datums import Dictionary, Literal, Procedure, lit, type_name
from ..errors import ArgumentType, SliError
from ..interpreter import library_dir
from ..printing import to_syntax, to_text
from ..streams import (
    IStream,
    OStream,
    XIStream,
    file_istream,
    file_ostream,
    string_istream,
    string_ostream,
)
from . import Registry

reg = Registry()


def _ostream(obj, level: int) -> OStream:
    if type(obj) is not OStream:
        raise ArgumentType(level)
    return obj


def _cout(interp) -> OStream:
    return interp.systemdict["cout"]


@reg.builtin("=")
def print_short(interp):
    "obj ->   print obj in short form and a newline"
    obj = interp.ostack.pop()
    out = _cout(interp)
    out.emit(obj)
    out.write("\n")


@reg.builtin("==")
def print_syntax(interp):
    "obj ->   print obj in syntax form and a newline"
    obj = interp.ostack.pop()
    out = _cout(interp)
    out.emit(obj, syntax=True)
    out.write("\n")


@reg.builtin("=only", "=_")
def print_short_only(interp):
    "obj ->   print obj in short form"
    _cout(interp).emit(interp.ostack.pop())


@reg.builtin("==only", "==_")
def print_syntax_only(interp):
    "obj ->   print obj in syntax form"
    _cout(interp).emit(interp.ostack.pop(), syntax=True)


@reg.builtin("stack")
def stack(interp):
    "->   print the operand stack with =, top first"
    out = _cout(interp)
    for obj in reversed(interp.ostack):
        out.emit(obj)
        out.write("\n")


@reg.builtin("pstack")
def pstack(interp):
    "->   print the operand stack with ==, top first"
    out = _cout(interp)
    for obj in reversed(interp.ostack):
        out.emit(obj, syntax=True)
        out.write("\n")


@reg.builtin("typestack")
def typestack(interp):
    "->   print type:value of every operand, top first"
    out = _cout(interp)
    for obj in reversed(interp.ostack):
        out.write(f"{type_name(obj)}:{to_syntax(obj)}\n")


@reg.builtin("<-", "<-_", "print")
def print_(interp):
    "ostream obj -> ostream   write obj in = form"
    s = interp.ostack
    stream = _ostream(s[-2], 1)
    stream.emit(s.pop())


@reg.builtin("<--", "<--_", "pprint")
def pprint(interp):
    "ostream obj -> ostream   write obj in == form"
    s = interp.ostack
    stream = _ostream(s[-2], 1)
    stream.emit(s.pop(), syntax=True)


@reg.builtin("endl", "endl_")
def endl(interp):
    "ostream -> ostream   write a newline and flush"
    stream = _ostream(interp.ostack[-1], 0)
    stream.write("\n")
    stream.flush()


@reg.builtin("ends")
def ends(interp):
    "ostream -> ostream   write a NUL character"
    _ostream(interp.ostack[-1], 0).write("\0")


@reg.builtin("flush")
def flush(interp):
    "ostream -> ostream"
    _ostream(interp.ostack[-1], 0).flush()


def _set_int_attr(attr):
    def fn(interp):
        s = interp.ostack
        n = s[-1]
        if type(n) is not int:
            raise ArgumentType(0)
        stream = _ostream(s[-2], 1)
        s.pop()
        setattr(stream, attr, n)
    return fn


reg.builtin("setw")(_set_int_attr("width"))
reg.builtin("setprecision")(_set_int_attr("precision"))


def _set_attr(attr, value):
    def fn(interp):
        stream = _ostream(interp.ostack[-1], 0)
        setattr(stream, attr, value)
    fn.__doc__ = "ostream -> ostream"
    return fn


for _key, _attr, _value in (
    ("fixed", "floatfield", "fixed"), ("scientific", "floatfield", "scientific"),
    ("default", "floatfield", "general"), ("showpoint", "showpoint", True),
    ("noshowpoint", "showpoint", False), ("showbase", "showbase", True),
    ("noshowbase", "showbase", False), ("dec", "base", 10), ("hex", "base", 16), ("oct", "base", 8),
    ("left", "adjust", "left"), ("right", "adjust", "right"), ("internal", "adjust", "internal"),
):
    reg.builtin(_key)(_set_attr(_attr, _value))


# -- helpers ---------------------------------------------------------------------------------------


def _istream(obj, level: int) -> IStream:
    if type(obj) is not IStream:
        raise ArgumentType(level)
    return obj


def _string(obj, level: int) -> str:
    if type(obj) is not str:
        raise ArgumentType(level)
    return obj


def _open_error(path: str, writing: bool = False) -> SliError:
    what = "writing" if writing else "reading"
    return SliError("FileOpenError", f'Could not open the following file for {what}: "{path}".')


def _try_open_read(path: str):
    try:
        if os.path.isdir(path):
            return None
        return file_istream(path)
    except OSError:
        return None


def _search_path(interp) -> list:
    value = interp.systemdict.get("SLISearchPath")
    return value if type(value) is list else []


def _joinpath(directory: str, filename: str) -> str:
    return directory + "/" + filename


def search_file(interp, filename: str, paths=None):
    """Open ``filename`` for reading, trying it in each directory of ``paths`` (default:
    SLISearchPath) as given and with ``.sli`` appended; a name with a slash is opened directly.
    Returns the IStream or None."""
    candidates = [filename] if filename.endswith(".sli") else [filename, filename + ".sli"]
    if paths is None:
        paths = _search_path(interp)
        if "/" in filename:
            paths = []
            for cand in candidates:
                stream = _try_open_read(cand)
                if stream is not None:
                    return stream
            return None
    for directory in paths:
        if type(directory) is not str:
            continue
        for cand in candidates:
            stream = _try_open_read(_joinpath(directory, cand))
            if stream is not None:
                return stream
    return None


# -- string and file streams -----------------------------------------------------------------------


@reg.builtin("osstream", "ostrstream")
def osstream(interp):
    "-> ostream true   a new string output stream"
    interp.ostack.append(string_ostream())
    interp.ostack.append(True)


@reg.builtin("str")
def str_(interp):
    "ostream -> string   contents of a string output stream (the stream is consumed)"
    s = interp.ostack
    stream = _ostream(s[-1], 0)
    if not stream.is_string:
        raise ArgumentType(0)
    s[-1] = stream.getvalue()


@reg.builtin("isstream")
def isstream(interp):
    "string -> istream true   an input stream reading the string"
    s = interp.ostack
    text = _string(s[-1], 0)
    s[-1] = string_istream(text)
    s.append(True)


@reg.builtin("ifstream")
def ifstream(interp):
    "(file) -> istream true | false   open a file for reading (no search path)"
    s = interp.ostack
    path = _string(s[-1], 0)
    stream = _try_open_read(path)
    if stream is None:
        s[-1] = False
    else:
        s[-1] = stream
        s.append(True)


@reg.builtin("xifstream")
def xifstream(interp):
    "(file) -> xistream true | false   open a file as an executable stream"
    s = interp.ostack
    path = _string(s[-1], 0)
    stream = _try_open_read(path)
    if stream is None:
        s[-1] = False
    else:
        s[-1] = XIStream(stream)
        s.append(True)


def _open_write(path: str, mode: str):
    try:
        return file_ostream(path, mode)
    except OSError:
        return None


@reg.builtin("ofstream")
def ofstream(interp):
    "(file) -> ostream true | false   open (truncate) a file for writing"
    s = interp.ostack
    path = _string(s[-1], 0)
    stream = _open_write(path, "w")
    if stream is None:
        s[-1] = False
    else:
        s[-1] = stream
        s.append(True)


@reg.builtin("ofsopen")
def ofsopen(interp):
    "(file) (w|a) -> ostream true | false   open a file for writing or appending"
    s = interp.ostack
    mode = _string(s[-1], 0)
    path = _string(s[-2], 1)
    if mode not in ("w", "a"):
        raise SliError("UnknownFileOpenMode", f"Unknown file open mode: {mode}")
    stream = _open_write(path, mode)
    s.pop()
    if stream is None:
        s[-1] = False
    else:
        s[-1] = stream
        s.append(True)


def _file(interp):
    "(name) (r|w) -> stream   open for reading (searching SLISearchPath) or writing"
    s = interp.ostack
    mode, path = s[-1], s[-2]
    if mode == "r":
        stream = search_file(interp, path)
        if stream is None:
            raise _open_error(path)
    elif mode == "w":
        stream = _open_write(path, "w")
        if stream is None:
            raise _open_error(path, writing=True)
    else:
        raise SliError("UnknownFileOpenMode", f"Unknown file open mode: {mode}")
    s.pop()
    s[-1] = stream


reg.trie("file", [("stringtype stringtype", _file)])


def _joinpath_builtin(interp):
    "(dir) (file) -> (dir/file)"
    s = interp.ostack
    f = s.pop()
    s[-1] = _joinpath(s[-1], f)


reg.trie("joinpath", [("stringtype stringtype", _joinpath_builtin)])


@reg.builtin("searchfile", ":searchfile_nodebug", ":searchfile_debug")
def searchfile(interp):
    "(name) [paths] -> istream true | false   open name in the first path where it exists"
    s = interp.ostack
    if type(s[-1]) is not list:
        raise ArgumentType(0)
    filename = _string(s[-2], 1)
    stream = search_file(interp, filename, s[-1])
    s.pop()
    if stream is None:
        s[-1] = False
    else:
        s[-1] = stream
        s.append(True)


@reg.builtin("searchifstream")
def searchifstream(interp):
    "(name) -> istream true | false   search SLISearchPath, also with .sli appended"
    s = interp.ostack
    filename = _string(s[-1], 0)
    stream = search_file(interp, filename)
    if stream is None:
        s[-1] = False
    else:
        s[-1] = stream
        s.append(True)


@reg.builtin("LocateFileNames")
def locate_file_names(interp):
    "[paths] (name) -> [full names]   every path/name combination that exists"
    s = interp.ostack
    filename = _string(s[-1], 0)
    if type(s[-2]) is not list:
        raise ArgumentType(1)
    found = [_joinpath(d, filename) for d in s[-2]
             if type(d) is str and os.path.exists(_joinpath(d, filename))]
    s.pop()
    s[-1] = found


# -- run and the search path -----------------------------------------------------------------------

reg.constant("SLISearchPath", [str(library_dir())])


def _run(interp):
    "(file) ->   execute an SLI file (.sli appended if missing; searched in SLISearchPath)"
    s = interp.ostack
    filename = s[-1]
    target = filename if ".sli" in filename else filename + ".sli"
    if "/" in target:
        candidates = [target]
    else:
        candidates = [_joinpath(d, target) for d in _search_path(interp) if type(d) is str]
    if target != filename:  # fall back to the name exactly as given
        candidates += [filename] if "/" in filename else [
            _joinpath(d, filename) for d in _search_path(interp) if type(d) is str]
    for path in candidates:
        if os.path.isfile(path):
            try:
                text = Path(path).read_bytes().decode("latin-1")
            except OSError:
                continue
            s.pop()
            interp.push_code(text, path)
            return
    raise _open_error(target)


reg.trie("run", [("stringtype", _run)])


def _set_search_path(interp, paths: list) -> None:
    interp.systemdict["SLISearchPath"] = paths


def _addpath(interp):
    "(dir) ->   append a directory to SLISearchPath"
    s = interp.ostack
    _set_search_path(interp, _search_path(interp) + [s.pop()])


reg.trie("addpath", [("stringtype", _addpath)])


def _setpath_a_s(interp):
    "[paths] (dir) ->   SLISearchPath = paths with dir appended"
    s = interp.ostack
    d = s.pop()
    _set_search_path(interp, list(s.pop()) + [d])


def _setpath_s_a(interp):
    "(dir) [paths] ->   SLISearchPath = paths with dir prepended"
    s = interp.ostack
    paths = s.pop()
    _set_search_path(interp, [s.pop()] + list(paths))


def _setpath_a_a(interp):
    "[p1] [p2] ->   SLISearchPath = p1 joined with p2"
    s = interp.ostack
    p2 = s.pop()
    _set_search_path(interp, list(s.pop()) + list(p2))


reg.trie("setpath", [("arraytype stringtype", _setpath_a_s), ("stringtype arraytype", _setpath_s_a),
                     ("arraytype arraytype", _setpath_a_a)])


@reg.builtin("path")
def path_(interp):
    "-> [paths]   the current SLISearchPath"
    interp.ostack.append(list(_search_path(interp)))


def _pathlist(interp):
    "(ENVVAR) -> [dirs]   split a colon-separated environment variable (empty if unset)"
    s = interp.ostack
    value = os.environ.get(s[-1])
    s[-1] = [p for p in value.split(":") if p] if value else []


reg.trie(":pathlist", [("stringtype", _pathlist)])


# -- executable streams and eval -------------------------------------------------------------------


@reg.builtin("cvx_f")
def cvx_f(interp):
    "istream -> xistream   executable stream: executing it parses and runs the rest of the stream"
    s = interp.ostack
    s[-1] = XIStream(_istream(s[-1], 0))


reg.trie("cvx", [("istreamtype", "cvx_f")])


def _eval(interp):
    "string -> ...   tokenise the string and execute it"
    text = interp.ostack.pop()
    interp.push_code(text, None)


reg.trie("eval", [("stringtype", _eval)])


def _sli(code: str) -> Procedure:
    """A procedure written in SLI (parsed once at import)."""
    from ..parser import parse

    return parse(code).procedure


reg.constant("::evalstring", _sli("cvx stopped { handleerror } if"))


# -- closing, state flags --------------------------------------------------------------------------


@reg.builtin("closeistream")
def closeistream(interp):
    "istream ->   close an input stream"
    s = interp.ostack
    stream = _istream(s[-1], 0)
    if stream.std:
        raise SliError("BadIO", "The standard input stream cannot be closed.")
    s.pop()
    stream.close()


@reg.builtin("closeostream")
def closeostream(interp):
    "ostream ->   close an output stream"
    s = interp.ostack
    stream = _ostream(s[-1], 0)
    if stream.std:
        raise SliError("BadIO", "The standard output streams cannot be closed.")
    s.pop()
    stream.close()


reg.trie("close", [("istreamtype", "closeistream"), ("ostreamtype", "closeostream")])


@reg.builtin("igood")
def igood(interp):
    "istream -> istream bool   true if no error or end-of-file flag is set"
    s = interp.ostack
    s.append(_istream(s[-1], 0).good())


@reg.builtin("ogood")
def ogood(interp):
    "ostream -> ostream bool"
    s = interp.ostack
    s.append(_ostream(s[-1], 0).good())


reg.trie("good", [("istreamtype", "igood"), ("ostreamtype", "ogood")])


@reg.builtin("ieof")
def ieof(interp):
    "istream -> istream bool   end-of-file flag"
    s = interp.ostack
    s.append(_istream(s[-1], 0).eof)


@reg.builtin("oeof")
def oeof(interp):
    "ostream -> ostream bool"
    s = interp.ostack
    _ostream(s[-1], 0)
    s.append(False)


reg.trie("eof", [("istreamtype", "ieof"), ("ostreamtype", "oeof")])


@reg.builtin("ifail")
def ifail(interp):
    "istream -> istream bool   fail flag"
    s = interp.ostack
    s.append(_istream(s[-1], 0).fail)


@reg.builtin("iclear")
def iclear(interp):
    "istream -> istream   clear the error flags"
    _istream(interp.ostack[-1], 0).clear()


@reg.builtin("oclear")
def oclear(interp):
    "ostream -> ostream   clear the error flags"
    _ostream(interp.ostack[-1], 0).fail = False


@reg.builtin("in_avail")
def in_avail(interp):
    "istream -> istream n   characters available without blocking"
    s = interp.ostack
    s.append(_istream(s[-1], 0).available())


# -- reading ---------------------------------------------------------------------------------------


def _readable(interp) -> IStream:
    stream = _istream(interp.ostack[-1], 0)
    if stream.closed:
        raise SliError("BadIO", "The stream is closed.")
    return stream


@reg.builtin("getc")
def getc(interp):
    "istream -> istream char   read one character as an integer (BadIO at end of input)"
    stream = _readable(interp)
    if not stream.peek():
        stream.eof = stream.fail = True
        raise SliError("BadIO", "End of input reached.")
    interp.ostack.append(ord(stream.getc()))


@reg.builtin("gets")
def gets(interp):
    "istream -> istream string   read a white-space delimited word"
    stream = _readable(interp)
    word = stream.read_word()
    interp.ostack.append(word if word is not None else "")


@reg.builtin("getline_is")
def getline_is(interp):
    "istream -> istream string true | istream false   read one line (without the newline)"
    stream = _readable(interp)
    line = stream.readline()
    if line is None:
        interp.ostack.append(False)
    else:
        interp.ostack.append(line)
        interp.ostack.append(True)


reg.trie("getline", [("istreamtype", "getline_is")])


@reg.builtin("oldgetline")
def oldgetline(interp):
    "istream -> istream string   getline that pushes an empty string at end of input"
    stream = _readable(interp)
    line = stream.readline()
    interp.ostack.append("" if line is None else line)


@reg.builtin("ws")
def ws(interp):
    "istream -> istream   skip white space"
    _readable(interp).skip_ws()


def _formatted_reader(kind: str):
    def reader(interp):
        stream = _readable(interp)
        if kind == "word":
            value = stream.read_word()
        else:
            value = stream.read_number(kind)
        if value is None:
            interp.ostack.append(False)
        else:
            interp.ostack.append(value)
            interp.ostack.append(True)
    return reader


for _key, _kind, _what in (("ReadDouble", "double", "a double"), ("ReadInt", "int", "an integer"),
                           ("ReadWord", "word", "a white-space delimited word")):
    _fn = _formatted_reader(_kind)
    _fn.__doc__ = f"istream -> istream x true | istream false   read {_what}"
    reg.builtin(_key)(_fn)

_READ_MODES = (("Number", "ReadDouble"), ("Real", "ReadDouble"), ("Double", "ReadDouble"),
               ("Integer", "ReadInt"), ("Word", "ReadWord"), ("String", "getline_is"))
reg.constant("ReadModes", Dictionary({lit(k): lit(v) for k, v in _READ_MODES}))


def _read_record(interp, types: list):
    """Read one value per type name in ``types`` from the stream on the stack top.

    Returns the list of values or None (stream failed / end of input)."""
    modes = interp.systemdict.get("ReadModes")
    values = []
    for t in types:
        reader = modes.get(lit(str(t))) if isinstance(modes, Dictionary) and isinstance(t, str) else None
        if reader is None:
            raise SliError("UnknownReadMode", f"Unknown read mode: {t}")
        fn = interp.systemdict.get(reader)
        fn.fn(interp)
        s = interp.ostack
        if s[-1] is True:
            s.pop()
            values.append(s.pop())
        else:
            s.pop()
            return None
    return values


def _read(interp):
    "istream [types] -> istream [results] true | istream false   read one value per type"
    s = interp.ostack
    types = s.pop()
    try:
        _readable(interp)
        values = _read_record(interp, types)
    except BaseException:
        s.append(types)
        raise
    if values is None:
        s.append(False)
    else:
        s.append(values)
        s.append(True)


reg.trie("Read", [("istreamtype arraytype", _read)])


def _read_list(interp):
    "istream [types] -> [results]   read records until end of input"
    s = interp.ostack
    types = s.pop()
    try:
        _readable(interp)
        results = []
        while True:
            values = _read_record(interp, types)
            if values is None:
                break
            results.append(values[0] if len(types) == 1 else values)
    except BaseException:
        s.append(types)
        raise
    s[-1] = results


reg.trie("ReadList", [("istreamtype arraytype", _read_list)])


def _ignore(interp):
    "istream -> istream   discard pending input"
    stream = _readable(interp)
    while True:
        n = stream.available()
        if n <= 0:
            break
        if not stream.read(n):
            break


reg.trie("ignore", [("istreamtype", _ignore)])


@reg.builtin("readline")
def readline(interp):
    "(prompt) -> (line) true | false   print the prompt and read a line from cin"
    s = interp.ostack
    prompt = _string(s[-1], 0)
    out = _cout(interp)
    out.write(prompt)
    out.flush()
    cin = interp.systemdict.get("cin")
    line = cin.readline() if type(cin) is IStream else None
    if not line:
        s[-1] = False
    else:
        s[-1] = line
        s.append(True)


# -- paging ----------------------------------------------------------------------------------------

_PAGE_LINES = 20


def _print_stream(interp, stream: IStream) -> None:
    out = _cout(interp)
    count = 0
    while True:
        line = stream.readline()
        if line is None:
            break
        out.write(line + "\n")
        count += 1
        if count % _PAGE_LINES == 0:
            out.flush()
    out.flush()


def _ppage_is(interp):
    "istream ->   print the stream in chunks of 20 lines"
    stream = interp.ostack.pop()
    _print_stream(interp, stream)


def _ppage_s(interp):
    "(file) ->   print the file in chunks of 20 lines"
    s = interp.ostack
    stream = _try_open_read(s[-1])
    if stream is None:
        raise _open_error(s[-1])
    s.pop()
    try:
        _print_stream(interp, stream)
    finally:
        stream.close()


reg.trie("ppage", [("istreamtype", _ppage_is), ("stringtype", _ppage_s)])


def _page(interp):
    "(file) ->   display a file (with $PAGER on a terminal, else printed to cout)"
    s = interp.ostack
    path = s[-1]
    if not os.path.isfile(path):
        raise _open_error(path)
    pager = os.environ.get("PAGER")
    out = interp.out
    if pager and hasattr(out, "isatty") and out.isatty() and sys.stdin.isatty():
        s.pop()
        out.flush()
        subprocess.call(f'{pager} "{path}"', shell=True)
        return
    _ppage_s(interp)


reg.trie("page", [("stringtype", _page)])


def _pageoutput(interp):
    "proc ->   run proc (its output goes to cout)"
    interp.schedule(interp.ostack.pop())


reg.trie("pageoutput", [("proceduretype", _pageoutput)])


@reg.builtin("MathLinkPutString")
def mathlink_put_string(interp):
    "string ->   debugging stub: prints 'sending (string) to Mathematica'"
    s = interp.ostack
    text = _string(s[-1], 0)
    s.pop()
    _cout(interp).write(f"sending ({text}) to Mathematica\n")


def _out(interp):
    "ostream /name value -> ostream   write '/name value def' (helper of SaveDictionary)"
    s = interp.ostack
    value = s.pop()
    key = s.pop()
    stream = s[-1]
    stream.write(f"/{key} ")
    stream.emit(value, syntax=True)
    stream.write(" def\n")


reg.builtin("_:out")(_out)
reg.trie(":out", [(f"ostreamtype nametype {t}", "_:out")
                  for t in ("doubletype", "integertype", "stringtype", "arraytype", "anytype")]
         + [(f"ostreamtype literaltype {t}", "_:out")
            for t in ("doubletype", "integertype", "stringtype", "arraytype", "anytype")])
