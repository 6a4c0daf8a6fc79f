"""Files and directories (section 6.14; ``run`` and the search path live in io.py)."""
from __future__ import annotations

import filecmp
import os
import shutil
import tempfile

from ..errors import ArgumentType, SliError
from . import Registry
from .regex import Regex, compile_regex

reg = Registry()


def _string(obj, level: int) -> str:
    if type(obj) is not str:
        raise ArgumentType(level)
    return obj


def _cout(interp):
    return interp.systemdict["cout"]


# -- directories -----------------------------------------------------------------------------------


@reg.builtin("Directory")
def directory(interp):
    "-> (cwd)   the current working directory"
    interp.ostack.append(os.getcwd())


reg.trie("SetDirectory", [("stringtype", "SetDirectory_")])


@reg.builtin("cd")
def cd(interp):
    "(dir) ->   change the working directory (UnknownDirectory on failure)"
    s = interp.ostack
    path = _string(s[-1], 0)
    try:
        os.chdir(path)
    except OSError:
        raise SliError("UnknownDirectory", f"Could not change to directory {path}.")
    s.pop()


@reg.builtin("pwd")
def pwd(interp):
    "->   print the current directory"
    _cout(interp).write(os.getcwd() + "\n")


@reg.builtin("ls")
def ls(interp):
    "->   print the names in the current directory not starting with a dot, one per line"
    out = _cout(interp)
    for entry in sorted(os.listdir(".")):
        if not entry.startswith("."):
            out.write(entry + "\n")


def _file_names(interp, rx: Regex) -> None:
    names = sorted(e for e in os.listdir(".") if rx.search(e) is not None)
    interp.ostack[-1] = names


@reg.builtin("FileNames_", "FileNames_r")
def file_names_r(interp):
    "regex -> [names]   sorted entries of the current directory matching the expression"
    s = interp.ostack
    if type(s[-1]) is not Regex:
        raise ArgumentType(0)
    _file_names(interp, s[-1])


@reg.builtin("FileNames_s")
def file_names_s(interp):
    "(regex) -> [names]   sorted entries of the current directory matching the expression"
    s = interp.ostack
    _file_names(interp, compile_regex(_string(s[-1], 0)))


reg.trie("FileNames", [("stringtype", "FileNames_s"), ("regextype", "FileNames_r")])


# -- files -----------------------------------------------------------------------------------------


def _two_strings(interp):
    s = interp.ostack
    b = _string(s[-1], 0)
    a = _string(s[-2], 1)
    return a, b


def _os_success(action) -> bool:
    try:
        action()
        return True
    except OSError:
        return False


def _path_predicate(name: str, action, doc: str) -> None:
    """(path) -> bool builtins: true if the OS call ``action(path)`` succeeded."""

    def leaf(interp):
        s = interp.ostack
        path = _string(s[-1], 0)
        s[-1] = _os_success(lambda: action(path))

    leaf.__doc__ = doc
    reg.builtin(name)(leaf)


def _rename(want_dir: bool):
    def action(a: str, b: str) -> None:
        if os.path.isdir(a) != want_dir:
            raise OSError
        os.rename(a, b)
    return action


def _two_path_predicate(name: str, action, doc: str) -> None:
    """(from) (to) -> bool builtins: true if ``action(from, to)`` succeeded."""

    def leaf(interp):
        a, b = _two_strings(interp)
        ok = _os_success(lambda: action(a, b))
        s = interp.ostack
        s.pop()
        s[-1] = ok

    leaf.__doc__ = doc
    reg.builtin(name)(leaf)


_path_predicate("SetDirectory_", os.chdir, "(dir) -> bool   change the working directory")
_path_predicate("DeleteFile_", os.remove, "(file) -> bool   remove a file")
_path_predicate("MakeDirectory_", os.mkdir, "(dir) -> bool   create a directory")
_path_predicate("RemoveDirectory_", os.rmdir, "(dir) -> bool   remove an empty directory")
_two_path_predicate("MoveFile_", _rename(False), "(from) (to) -> bool   rename a file")
_two_path_predicate("MoveDirectory_", _rename(True), "(from) (to) -> bool   rename a directory")


reg.trie("MoveFile", [("stringtype stringtype", "MoveFile_")])


reg.trie("MoveDirectory", [("stringtype stringtype", "MoveDirectory_")])


@reg.builtin("CopyFile_")
def copy_file(interp):
    "(from) (to) ->   copy a file (CopyFailed on failure)"
    a, b = _two_strings(interp)
    try:
        shutil.copyfile(a, b)
    except (OSError, shutil.Error) as err:
        raise SliError("CopyFailed", f"Could not copy {a} to {b}: {err.strerror or err}.")
    del interp.ostack[-2:]


reg.trie("CopyFile", [("stringtype stringtype", "CopyFile_")])


reg.trie("DeleteFile", [("stringtype", "DeleteFile_")])


reg.trie("MakeDirectory", [("stringtype", "MakeDirectory_")])


reg.trie("RemoveDirectory", [("stringtype", "RemoveDirectory_")])


@reg.builtin("CompareFiles_s_s")
def compare_files(interp):
    "(f1) (f2) -> bool   true if both files have identical contents"
    a, b = _two_strings(interp)
    try:
        same = filecmp.cmp(a, b, shallow=False)
    except OSError:
        same = False
    s = interp.ostack
    s.pop()
    s[-1] = same


reg.trie("CompareFiles", [("stringtype stringtype", "CompareFiles_s_s")])


@reg.builtin("dirname")
def dirname(interp):
    "(path) -> (dir)   strip the last path component"
    s = interp.ostack
    path = _string(s[-1], 0)
    stripped = path.rstrip("/")
    if not stripped:
        s[-1] = "/" if path else ""
        return
    cut = stripped.rfind("/")
    if cut < 0:
        s[-1] = ""
    else:
        s[-1] = stripped[:cut].rstrip("/") or "/"


@reg.builtin("tmpnam")
def tmpnam(interp):
    "-> (name)   a unique temporary file name"
    fd, path = tempfile.mkstemp(prefix="sli")
    os.close(fd)
    os.remove(path)
    interp.ostack.append(path)


# -- PGM images ------------------------------------------------------------------------------------


def _pgm_tokens(data: bytes):
    """Header tokens of a PGM file (comments skipped) and the offset after the header."""
    tokens = []
    i = 0
    while len(tokens) < 4 and i < len(data):
        c = data[i:i + 1]
        if c == b"#":
            while i < len(data) and data[i:i + 1] != b"\n":
                i += 1
        elif c.isspace():
            i += 1
        else:
            start = i
            while i < len(data) and not data[i:i + 1].isspace():
                i += 1
            tokens.append(data[start:i].decode("latin-1"))
    return tokens, i + 1


@reg.builtin("readPGM")
def read_pgm(interp):
    "(file) -> width height maxval [pixels]   read a PGM image (P2 or P5)"
    s = interp.ostack
    path = _string(s[-1], 0)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        raise SliError("FileOpenError", f'Could not open the following file for reading: "{path}".')
    tokens, offset = _pgm_tokens(data)
    try:
        magic, width, height, maxval = tokens[0], int(tokens[1]), int(tokens[2]), int(tokens[3])
        if magic == "P2":
            pixels = [int(x) for x in data[offset - 1:].split()][:width * height]
        elif magic == "P5":
            size = 2 if maxval > 255 else 1
            raw = data[offset:offset + width * height * size]
            pixels = list(raw) if size == 1 else [int.from_bytes(raw[i:i + 2], "big")
                                                 for i in range(0, len(raw), 2)]
        else:
            raise ValueError
        if len(pixels) != width * height:
            raise ValueError
    except (ValueError, IndexError):
        raise SliError("BadIO", f"{path} is not a valid PGM file.")
    s[-1] = width
    s.extend([height, maxval, pixels])


@reg.builtin("writePGM")
def write_pgm(interp):
    "(file) width height maxval [pixels] ->   write a plain (P2) PGM image"
    s = interp.ostack
    pixels = s[-1]
    if type(pixels) is not list or any(type(p) is not int for p in pixels):
        raise ArgumentType(0)
    for level in (1, 2, 3):
        if type(s[-1 - level]) is not int:
            raise ArgumentType(level)
    path = _string(s[-5], 4)
    maxval, height, width = s[-2], s[-3], s[-4]
    if len(pixels) != width * height:
        raise SliError("RangeCheck", "The number of pixels does not match width*height.")
    try:
        with open(path, "w", encoding="latin-1") as f:
            f.write(f"P2\n{width} {height}\n{maxval}\n")
            for row in range(height):
                f.write(" ".join(str(p) for p in pixels[row * width:(row + 1) * width]) + "\n")
    except OSError:
        raise SliError("FileOpenError", f'Could not open the following file for writing: "{path}".')
    del s[-5:]
