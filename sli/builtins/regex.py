"""POSIX regular expressions (section 6.20) on top of Python's :mod:`re`.

Patterns are POSIX extended (or basic, without ``REG_EXTENDED``) expressions; they are translated
to Python syntax: bracket expressions with character classes (``[[:alpha:]]``), literal
backslashes inside brackets, and for basic expressions the ``\\( \\) \\{ \\}`` grouping.
"""
from __future__ import annotations

import re
from typing import List, Optional

from ..datums import Dictionary, lit, register_type
from ..errors import ArgumentType, SliError
from ..streams import IStream, OStream, file_istream
from . import Registry

reg = Registry()

# Flag and error values of the POSIX interface (glibc numbering).
REG_EXTENDED, REG_ICASE, REG_NOSUB, REG_NEWLINE = 1, 2, 4, 8
REG_NOTBOL, REG_NOTEOL = 1, 2
REG_ERRORS = (
    ("REG_NOMATCH", 1, "No match"),
    ("REG_BADPAT", 2, "Invalid regular expression"),
    ("REG_ECOLLATE", 3, "Invalid collation character"),
    ("REG_ECTYPE", 4, "Invalid character class name"),
    ("REG_EESCAPE", 5, "Trailing backslash"),
    ("REG_ESUBREG", 6, "Invalid back reference"),
    ("REG_EBRACK", 7, "Unmatched [ or [^"),
    ("REG_EPAREN", 8, "Unmatched ( or \\("),
    ("REG_EBRACE", 9, "Unmatched \\{"),
    ("REG_BADBR", 10, "Invalid content of \\{\\}"),
    ("REG_ERANGE", 11, "Invalid range end"),
    ("REG_ESPACE", 12, "Memory exhausted"),
    ("REG_BADRPT", 13, "Invalid preceding regular expression"),
)
_ERROR_TEXT = {code: text for _, code, text in REG_ERRORS}
_ERROR_TEXT[0] = "Success"

_CLASSES = {
    "alpha": "a-zA-Z", "digit": "0-9", "alnum": "a-zA-Z0-9", "upper": "A-Z", "lower": "a-z",
    "space": " \\t\\n\\r\\f\\v", "blank": " \\t", "punct": re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
    "print": "\\x20-\\x7e", "graph": "\\x21-\\x7e", "cntrl": "\\x00-\\x1f\\x7f", "xdigit": "0-9A-Fa-f",
    "word": "a-zA-Z0-9_",
}


class RegexError(Exception):
    def __init__(self, code: int):
        super().__init__(_ERROR_TEXT.get(code, "Unknown error"))
        self.code = code


class Regex:
    """SLI ``regextype``: a compiled pattern with its source and flags."""

    __slots__ = ("source", "flags", "compiled", "error")

    def __init__(self, source: str, flags: int = REG_EXTENDED):
        self.source = source
        self.flags = flags
        self.error = 0
        self.compiled = re.compile(translate(source, bool(flags & REG_EXTENDED)),
                                   (re.IGNORECASE if flags & REG_ICASE else 0)
                                   | (re.MULTILINE if flags & REG_NEWLINE else 0)
                                   | (0 if flags & REG_NEWLINE else re.DOTALL))

    def search(self, text: str, pos: int = 0, eflags: int = 0):
        m = self.compiled.search(text, pos)
        if m is None:
            return None
        if eflags & REG_NOTBOL and m.start() == 0 and self.source.startswith("^"):
            return None
        if eflags & REG_NOTEOL and m.end() == len(text) and self.source.endswith("$"):
            return None
        return m


register_type(Regex, "regextype")


def _bracket(src: str, i: int) -> tuple:
    """Translate the bracket expression starting at ``src[i] == '['``; returns (text, next)."""
    out = ["["]
    i += 1
    if i < len(src) and src[i] == "^":
        out.append("^")
        i += 1
    first = True
    while True:
        if i >= len(src):
            raise RegexError(7)
        c = src[i]
        if c == "]" and not first:
            out.append("]")
            return "".join(out), i + 1
        first = False
        if c == "[" and i + 1 < len(src) and src[i + 1] in ":.=":
            kind = src[i + 1]
            end = src.find(kind + "]", i + 2)
            if end < 0:
                raise RegexError(7)
            word = src[i + 2:end]
            if kind == ":":
                if word not in _CLASSES:
                    raise RegexError(4)
                out.append(_CLASSES[word])
            else:
                out.append(re.escape(word))
            i = end + 2
            continue
        out.append("-" if c == "-" else re.escape(c))
        i += 1


def translate(src: str, extended: bool = True) -> str:
    """A POSIX (extended or basic) regular expression as Python ``re`` syntax."""
    out: List[str] = []
    i = 0
    n = len(src)
    depth = 0
    while i < n:
        c = src[i]
        if c == "[":
            text, i = _bracket(src, i)
            out.append(text)
            continue
        if c == "\\":
            if i + 1 >= n:
                raise RegexError(5)
            d = src[i + 1]
            i += 2
            if not extended and d in "(){}|":
                if d == "(":
                    depth += 1
                    out.append("(")
                elif d == ")":
                    if depth == 0:
                        raise RegexError(8)
                    depth -= 1
                    out.append(")")
                else:
                    out.append(d)
            elif d.isdigit():
                out.append("\\" + d)
            elif d in "<>":
                out.append("\\b")
            elif d in "wWsSbB":
                out.append("\\" + d)
            else:
                out.append(re.escape(d))
            continue
        if extended:
            if c == "(":
                depth += 1
            elif c == ")":
                if depth == 0:
                    raise RegexError(8)
                depth -= 1
            elif c == "{":
                end = src.find("}", i)
                if end < 0:
                    raise RegexError(9)
                body = src[i + 1:end]
                if not re.fullmatch(r"\d+(,\d*)?|,\d+", body):
                    raise RegexError(10)
                out.append("{" + body + "}")
                i = end + 1
                continue
            elif c in "*+?" and (not out or out[-1] in ("(", "|")):
                raise RegexError(13)
            out.append(c)
        else:
            if c in "+?|(){}":
                out.append("\\" + c)
            elif c == "*" and (not out or out[-1] in ("(", "^")):
                out.append("\\*")
            else:
                out.append(c)
        i += 1
    if depth:
        raise RegexError(8)
    return "".join(out)


def compile_regex(source: str, flags: int = REG_EXTENDED) -> Regex:
    """Compile or raise the SLI error ``InvalidRegexError``."""
    try:
        return Regex(source, flags)
    except RegexError as err:
        raise SliError("InvalidRegexError", f"{err} in ({source})")
    except re.error as err:
        raise SliError("InvalidRegexError", f"{err} in ({source})")


def as_regex(obj) -> Regex:
    return obj if type(obj) is Regex else compile_regex(obj)


regexdict = Dictionary()
for _k, _v in (("REG_EXTENDED", REG_EXTENDED), ("REG_ICASE", REG_ICASE), ("REG_NOSUB", REG_NOSUB),
               ("REG_NEWLINE", REG_NEWLINE), ("REG_NOTBOL", REG_NOTBOL), ("REG_NOTEOL", REG_NOTEOL)):
    regexdict[_k] = _v
for _k, _v, _ in REG_ERRORS:
    regexdict[_k] = _v
reg.constant("regexdict", regexdict)


# -- compile, execute, error text ------------------------------------------------------------------


@reg.builtin("regcomp_")
def regcomp_(interp):
    "(re) flags -> regex   compile a POSIX regular expression (InvalidRegexError on failure)"
    s = interp.ostack
    if type(s[-1]) is not int:
        raise ArgumentType(0)
    if type(s[-2]) is not str:
        raise ArgumentType(1)
    rx = compile_regex(s[-2], s[-1])
    s.pop()
    s[-1] = rx


def _regcomp_s(interp):
    "(re) -> regex   compile an extended regular expression"
    s = interp.ostack
    s[-1] = compile_regex(s[-1], REG_EXTENDED)


reg.trie("regcomp", [("stringtype integertype", "regcomp_"), ("stringtype", _regcomp_s)])


@reg.builtin("regexec_")
def regexec_(interp):
    "regex (string) nmatch eflags -> [[start end] ...] status | status   match a string"
    s = interp.ostack
    eflags, nmatch, text, rx = s[-1], s[-2], s[-3], s[-4]
    if type(eflags) is not int:
        raise ArgumentType(0)
    if type(nmatch) is not int:
        raise ArgumentType(1)
    if type(text) is not str:
        raise ArgumentType(2)
    if type(rx) is not Regex:
        raise ArgumentType(3)
    m = rx.search(text, 0, eflags)
    del s[-4:]
    status = 0 if m is not None else 1
    if nmatch > 0:
        pairs = []
        for g in range(nmatch):
            if m is not None and g <= rx.compiled.groups and m.start(g) >= 0:
                pairs.append([m.start(g), m.end(g)])
            else:
                pairs.append([-1, -1])
        s.append(pairs)
    s.append(status)


reg.trie("regexec", [("regextype stringtype integertype integertype", "regexec_")])


@reg.builtin("regerror_")
def regerror_(interp):
    "regex code -> (text)   the message of a regcomp/regexec error code"
    s = interp.ostack
    if type(s[-1]) is not int:
        raise ArgumentType(0)
    if type(s[-2]) is not Regex:
        raise ArgumentType(1)
    code = s.pop()
    s[-1] = _ERROR_TEXT.get(code, "Unknown error")


reg.trie(":regerror", [("regextype integertype", "regerror_")])


# -- find, replace, grep ---------------------------------------------------------------------------


def _find_s(interp):
    "pattern (string) -> bool"
    s = interp.ostack
    rx = as_regex(s[-2])
    text = s.pop()
    s[-1] = rx.search(text) is not None


def _find_f(interp):
    "pattern istream -> bool   true if a line of the stream matches"
    s = interp.ostack
    rx = as_regex(s[-2])
    stream = s.pop()
    found = False
    while True:
        line = stream.readline()
        if line is None:
            break
        if rx.search(line) is not None:
            found = True
            break
    s[-1] = found


for _key in ("regex_find_s", "regex_find_r"):
    reg.builtin(_key)(_find_s)
for _key in ("regex_find_sf", "regex_find_rf"):
    reg.builtin(_key)(_find_f)
reg.trie("regex_find", [("stringtype istreamtype", "regex_find_sf"),
                        ("regextype istreamtype", "regex_find_rf"),
                        ("stringtype stringtype", "regex_find_s"),
                        ("regextype stringtype", "regex_find_r")])


def _expand(m, repl: str) -> str:
    """The replacement text: ``\\0``..``\\9`` insert submatches, ``\\\\`` a backslash."""
    out = []
    i = 0
    while i < len(repl):
        c = repl[i]
        if c == "\\" and i + 1 < len(repl):
            d = repl[i + 1]
            if d.isdigit():
                g = int(d)
                if g <= len(m.groups()):
                    out.append(m.group(g) or "")
                i += 2
                continue
            out.append(d)
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def replace_all(rx: Regex, repl: str, text: str) -> str:
    return rx.compiled.sub(lambda m: _expand(m, repl), text)


def _replace_s(interp):
    "pattern (replacement) (string) -> (string')   replace all matches"
    s = interp.ostack
    rx = as_regex(s[-3])
    text = s.pop()
    repl = s.pop()
    s[-1] = replace_all(rx, repl, text)


def _replace_f(interp):
    "pattern (replacement) istream ostream ->   copy the stream with all matches replaced"
    s = interp.ostack
    rx = as_regex(s[-4])
    out = s[-1]
    stream = s[-2]
    repl = s[-3]
    del s[-4:]
    while True:
        line = stream.readline()
        if line is None:
            break
        out.write(replace_all(rx, repl, line) + "\n")


for _key in ("regex_replace_s", "regex_replace_r"):
    reg.builtin(_key)(_replace_s)
for _key in ("regex_replace_sf", "regex_replace_rf"):
    reg.builtin(_key)(_replace_f)
reg.trie("regex_replace", [("stringtype stringtype istreamtype ostreamtype", "regex_replace_sf"),
                           ("regextype stringtype istreamtype ostreamtype", "regex_replace_rf"),
                           ("stringtype stringtype stringtype", "regex_replace_s"),
                           ("regextype stringtype stringtype", "regex_replace_r")])


def _grep_file(interp):
    "(file) (re) -> [lines]   the lines of the file that match"
    s = interp.ostack
    rx = as_regex(s[-1])
    try:
        stream = file_istream(s[-2])
    except OSError:
        raise SliError("FileOpenError",
                       f'Could not open the following file for reading: "{s[-2]}".')
    lines = []
    try:
        while True:
            line = stream.readline()
            if line is None:
                break
            if rx.search(line) is not None:
                lines.append(line)
    finally:
        stream.close()
    s.pop()
    s[-1] = lines


def _grep_array(interp):
    "[strings] (re) -> [matches]   the strings that match"
    s = interp.ostack
    rx = as_regex(s[-1])
    items = s[-2]
    if any(type(x) is not str for x in items):
        raise ArgumentType(1)
    s.pop()
    s[-1] = [x for x in items if rx.search(x) is not None]


reg.trie("grep", [("stringtype stringtype", _grep_file), ("arraytype stringtype", _grep_array)])
