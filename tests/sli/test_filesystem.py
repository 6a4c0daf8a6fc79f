"""Files and directories (spec section 6.14)."""
import io
import os

import pytest

from sli import Interpreter


@pytest.fixture
def interp(tmp_path):
    old = os.getcwd()
    i = Interpreter(stdout=io.StringIO())
    i.startup()
    i.stdout = io.StringIO()
    os.chdir(tmp_path)
    yield i
    os.chdir(old)


def run(i, code):
    i.ostack.clear()
    assert i.execute(code), i.stdout.getvalue()
    return i.ostack


def fails(i, code):
    i.ostack.clear()
    i.execute("{ " + code + " } stopped")
    s = i.ostack
    assert s[-1] is True, s
    name = str(i.errordict["errorname"])
    i.errordict["newerror"] = False
    return s[:-2], name


def test_directory_and_setdirectory(interp, tmp_path):
    assert run(interp, "Directory") == [str(tmp_path)]
    (tmp_path / "sub").mkdir()
    assert run(interp, "(sub) SetDirectory Directory") == [True, str(tmp_path / "sub")]
    assert run(interp, "(nonexistent) SetDirectory") == [False]


def test_cd_and_unknown_directory(interp, tmp_path):
    (tmp_path / "d").mkdir()
    run(interp, "(d) cd")
    assert os.getcwd() == str(tmp_path / "d")
    left, name = fails(interp, "(nope) cd")
    assert (left, name) == (["nope"], "UnknownDirectory")


def test_pwd_and_ls(interp, tmp_path):
    (tmp_path / "b.txt").write_text("")
    (tmp_path / "a.txt").write_text("")
    (tmp_path / ".hidden").write_text("")
    run(interp, "pwd ls")
    assert interp.stdout.getvalue() == f"{tmp_path}\na.txt\nb.txt\n"


def test_filenames_with_string_and_regex(interp, tmp_path):
    for n in ("x1.dat", "x2.dat", "y.txt"):
        (tmp_path / n).write_text("")
    assert run(interp, r"(\\.dat$) FileNames") == [["x1.dat", "x2.dat"]]
    assert run(interp, "(^y) regcomp FileNames") == [["y.txt"]]
    left, name = fails(interp, "1 FileNames")
    assert name == "ArgumentType"


def test_move_copy_delete_compare(interp, tmp_path):
    (tmp_path / "a").write_text("data")
    assert run(interp, "(a) (b) CopyFile (a) (b) CompareFiles") == [True]
    assert run(interp, "(b) (c) MoveFile") == [True]
    assert run(interp, "(b) (c) MoveFile") == [False]
    (tmp_path / "d").write_text("other")
    assert run(interp, "(a) (d) CompareFiles") == [False]
    assert run(interp, "(c) DeleteFile (c) DeleteFile") == [True, False]
    left, name = fails(interp, "(missing) (z) CopyFile")
    assert (left, name) == (["missing", "z"], "CopyFailed")


def test_make_remove_move_directory(interp, tmp_path):
    assert run(interp, "(dd) MakeDirectory (dd) MakeDirectory") == [True, False]
    assert run(interp, "(dd) (ee) MoveDirectory") == [True]
    assert (tmp_path / "ee").is_dir()
    assert run(interp, "(ee) RemoveDirectory (ee) RemoveDirectory") == [True, False]


def test_dirname(interp):
    assert run(interp, "(/a/b/c) dirname (a/b) dirname (c) dirname (/c) dirname") == \
        ["/a/b", "a", "", "/"]


def test_tmpnam_is_unique_and_absent(interp):
    a, b = run(interp, "tmpnam tmpnam")
    assert a != b and not os.path.exists(a)


def test_pgm_roundtrip(interp, tmp_path):
    run(interp, "(img.pgm) 3 2 255 [0 1 2 3 4 255] writePGM")
    assert run(interp, "(img.pgm) readPGM") == [3, 2, 255, [0, 1, 2, 3, 4, 255]]
    (tmp_path / "b.pgm").write_bytes(b"P5\n2 1\n255\n\x07\x08")
    assert run(interp, "(b.pgm) readPGM") == [2, 1, 255, [7, 8]]
    left, name = fails(interp, "(none.pgm) readPGM")
    assert name == "FileOpenError"
    left, name = fails(interp, "(x.pgm) 3 2 255 [0 1] writePGM")
    assert name == "RangeCheck" and len(left) == 5


def test_argument_types(interp):
    for code in ("1 DeleteFile", "1 (a) MoveFile", "1 MakeDirectory", "1 dirname", "1 SetDirectory"):
        left, name = fails(interp, code)
        assert name == "ArgumentType", code
        assert 1 in left
