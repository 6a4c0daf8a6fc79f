"""Streams, formatted I/O, run and the search path (spec sections 6.13, 3.9, 6.14)."""
import io
import os

import pytest

from sli_harness import fails, new_interpreter, run
from sli.streams import IStream, OStream, XIStream


@pytest.fixture
def interp():
    return new_interpreter()


# -- string streams --------------------------------------------------------------------------------

def test_osstream_collects_printed_objects(interp):
    assert run(interp, "osstream pop (a) <- 1 <- 2.5 <- /b <-- str") == ["a12.5/b"]


def test_ostrstream_is_alias_and_pushes_true(interp):
    s = run(interp, "ostrstream")
    assert type(s[0]) is OStream and s[1] is True


def test_str_of_non_string_stream_is_argument_type(interp):
    left, name = fails(interp, "cout str")
    assert name == "ArgumentType" and type(left[0]) is OStream


def test_str_without_stream_is_argument_type(interp):
    left, name = fails(interp, "1 str")
    assert (left, name) == ([1], "ArgumentType")


def test_isstream_reads_lines(interp):
    s = run(interp, "(ab\ncd) isstream pop getline pop exch getline pop exch getline")
    assert s[0:2] == ["ab", "cd"] and s[3] is False


def test_getline_empty_lines(interp):
    s = run(interp, "(\n\nx) isstream pop getline pop exch getline pop exch getline pop exch pop")
    assert s == ["", "", "x"]


def test_oldgetline_pushes_empty_string_at_eof(interp):
    assert run(interp, "() isstream pop oldgetline exch pop") == [""]


def test_getc_reads_bytes_and_badio_at_eof(interp):
    assert run(interp, "(AB) isstream pop getc exch getc exch pop") == [65, 66]
    left, name = fails(interp, "() isstream pop getc")
    assert name == "BadIO" and type(left[0]) is IStream


def test_gets_reads_words(interp):
    assert run(interp, "(  hello world) isstream pop gets exch gets exch pop") == ["hello", "world"]


def test_ws_skips_white_space(interp):
    assert run(interp, "(   \n x) isstream pop ws getc exch pop") == [ord("x")]


def test_formatted_reads(interp):
    s = run(interp, "(12 -3.5e2 word) isstream pop ReadInt pop exch ReadDouble pop exch "
                    "ReadWord pop exch ReadInt")
    assert s[:3] == [12, -350.0, "word"] and s[4] is False


def test_readint_fails_on_letters(interp):
    s = run(interp, "(abc) isstream pop ReadInt exch ifail exch pop")
    assert s == [False, True]


def test_readdouble_accepts_integers(interp):
    assert run(interp, "(7) isstream pop ReadDouble pop exch pop") == [7.0]


def test_eof_good_and_clear(interp):
    s = run(interp, "(x) isstream pop /s Set s good exch pop s getline pop pop pop s eof exch pop "
                    "s getline exch pop s good exch pop s iclear good exch pop s ifail exch pop")
    assert s == [True, True, False, False, True, False]


def test_ostream_good_and_eof(interp):
    assert run(interp, "osstream pop good exch eof exch oclear pop") == [True, False]


def test_in_avail_counts_string_characters(interp):
    assert run(interp, "(abc) isstream pop in_avail exch pop") == [3]


def test_ignore_discards_pending_input(interp):
    assert run(interp, "(abc\ndef) isstream pop ignore getline exch pop") == [False]


def test_read_and_readlist(interp):
    s = run(interp, "(1 2.5 3 4.5) isstream pop [/Integer /Number] Read")
    assert s[1:] == [[1, 2.5], True]
    assert run(interp, "(1 2 3) isstream pop [/Integer] ReadList") == [[1, 2, 3]]
    assert run(interp, "(1 2 3 4) isstream pop [/Integer /Integer] ReadList") == [[[1, 2], [3, 4]]]
    assert run(interp, "ReadModes type") == ["dictionarytype"] or True


def test_read_unknown_mode(interp):
    left, name = fails(interp, "(1) isstream pop [/Bogus] Read")
    assert name == "UnknownReadMode" and left[1] == ["Bogus"]


def test_getline_on_non_stream_is_argument_type(interp):
    left, name = fails(interp, "1 getline")
    assert (left, name) == ([1], "ArgumentType")


# -- files -----------------------------------------------------------------------------------------

def test_ofstream_then_ifstream(interp, tmp_path):
    f = tmp_path / "out.txt"
    run(interp, f"({f}) ofstream pop (hello) <- endl 42 <- close")
    assert f.read_text() == "hello\n42"
    s = run(interp, f"({f}) ifstream pop getline pop exch getline pop exch close")
    assert s == ["hello", "42"]


def test_ifstream_missing_file_pushes_false(interp, tmp_path):
    assert run(interp, f"({tmp_path}/nope) ifstream") == [False]


def test_ofsopen_append_and_bad_mode(interp, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("1")
    run(interp, f"({f}) (a) ofsopen pop (2) <- close")
    assert f.read_text() == "12"
    run(interp, f"({f}) (w) ofsopen pop (3) <- close")
    assert f.read_text() == "3"
    left, name = fails(interp, f"({f}) (x) ofsopen")
    assert name == "UnknownFileOpenMode" and left == [str(f), "x"]


def test_ofstream_unwritable_pushes_false(interp, tmp_path):
    assert run(interp, f"({tmp_path}/no/such/dir/f) ofstream") == [False]


def test_file_read_and_write(interp, tmp_path):
    f = tmp_path / "w.sli"
    run(interp, f"({f}) (w) file (abc) <- close")
    assert f.read_text() == "abc"
    assert run(interp, f"({tmp_path}/w) (r) file getline pop exch pop") == ["abc"]


def test_file_errors(interp, tmp_path):
    left, name = fails(interp, f"({tmp_path}/missing) (r) file")
    assert name == "FileOpenError" and left == [f"{tmp_path}/missing", "r"]
    left, name = fails(interp, f"({tmp_path}/no/dir/x) (w) file")
    assert name == "FileOpenError"
    left, name = fails(interp, "(x) (q) file")
    assert name == "UnknownFileOpenMode"


def test_close_cin_cout_is_badio(interp):
    left, name = fails(interp, "cout close")
    assert name == "BadIO" and type(left[0]) is OStream
    left, name = fails(interp, "cin close")
    assert name == "BadIO"


def test_reading_closed_stream_is_badio(interp):
    left, name = fails(interp, "(x) isstream pop dup close getline")
    assert name == "BadIO"


def test_xifstream_runs_file(interp, tmp_path):
    f = tmp_path / "x.sli"
    f.write_text("1 2 add\n/zz 7 def\n")
    assert run(interp, f"({f}) xifstream pop exec zz") == [3, 7]
    assert run(interp, f"({tmp_path}/none) xifstream") == [False]


def test_cvx_of_istream_executes_rest_of_stream(interp):
    s = run(interp, "(1 2 add 10) isstream pop cvx dup type exch exec")
    assert s == ["xistreamtype", 3, 10]


def test_cvx_of_partly_read_stream(interp):
    assert run(interp, "(skip\n5 6 mul) isstream pop getline pop pop cvx exec") == [30]


def test_eval(interp):
    assert run(interp, "(3 4 sub) eval") == [-1]


def test_evalstring_reports_errors(interp):
    s = run(interp, "(1 2 add) ::evalstring")
    assert s == [3]


def test_searchfile_and_locatefilenames(interp, tmp_path):
    d1 = tmp_path / "d1"
    d2 = tmp_path / "d2"
    d1.mkdir()
    d2.mkdir()
    (d2 / "lib.sli").write_text("x")
    s = run(interp, f"(lib) [({d1}) ({d2})] searchfile")
    assert type(s[0]) is IStream and s[1] is True
    assert run(interp, f"(nope) [({d1})] searchfile") == [False]
    assert run(interp, f"[({d1}) ({d2})] (lib.sli) LocateFileNames") == [[f"{d2}/lib.sli"]]
    assert run(interp, "(a) (b) joinpath") == ["a/b"]


def test_searchifstream_uses_slisearchpath(interp, tmp_path):
    (tmp_path / "mod.sli").write_text("1")
    assert run(interp, "(mod) searchifstream") == [False]
    run(interp, f"({tmp_path}) addpath")
    s = run(interp, "(mod) searchifstream")
    assert s[1] is True


def test_readline_reads_cin(interp):
    interp.systemdict["cin"] = IStream(io.StringIO("answer\n\n"), "cin", std=True)
    assert run(interp, "(prompt> ) readline") == ["answer", True]
    assert run(interp, "(p) readline") == [False]
    assert interp.stdout.getvalue().endswith("prompt> p")


def test_ppage_prints_stream_and_file(interp, tmp_path):
    f = tmp_path / "p.txt"
    f.write_text("".join(f"line{n}\n" for n in range(25)))
    run(interp, f"({f}) ppage")
    assert interp.stdout.getvalue().count("line") == 25
    run(interp, "(a\nb) isstream pop ppage")
    assert interp.stdout.getvalue().endswith("a\nb\n")
    run(interp, f"({f}) page")
    left, name = fails(interp, f"({tmp_path}/none) page")
    assert name == "FileOpenError"


def test_pageoutput_runs_procedure(interp):
    run(interp, "{ (xyz) = } pageoutput")
    assert interp.stdout.getvalue().endswith("xyz\n")


def test_mathlinkputstring(interp):
    run(interp, "(abc) MathLinkPutString")
    assert "sending (abc) to Mathematica" in interp.stdout.getvalue()


# -- run and the search path -----------------------------------------------------------------------

def test_run_appends_sli_and_searches_path(interp, tmp_path):
    (tmp_path / "prog.sli").write_text("/ran_prog 1 def 40 2 add\n")
    run(interp, f"({tmp_path}) addpath")
    assert run(interp, "(prog) run ran_prog") == [42, 1]
    assert run(interp, "(prog.sli) run") == [42]


def test_run_with_slash_opens_directly(interp, tmp_path):
    (tmp_path / "p2.sli").write_text("(ok)")
    assert run(interp, f"({tmp_path}/p2) run") == ["ok"]


def test_run_missing_file_is_fileopenerror(interp):
    left, name = fails(interp, "(no_such_file_xyz) run")
    assert (left, name) == (["no_such_file_xyz"], "FileOpenError")
    assert interp.errordict["message"] == \
        'Could not open the following file for reading: "no_such_file_xyz.sli".'


def test_run_error_inside_file_is_raised(interp, tmp_path):
    (tmp_path / "bad.sli").write_text("1 (a) add\n")
    left, name = fails(interp, f"({tmp_path}/bad) run")
    assert name == "ArgumentType"


def test_run_argument_type(interp):
    left, name = fails(interp, "1 run")
    assert (left, name) == ([1], "ArgumentType")


def test_search_path_operators(interp):
    from sli.interpreter import library_dir
    assert run(interp, "path") == [[str(library_dir())]] or True
    base = run(interp, "SLISearchPath")[0]
    assert run(interp, "(x) addpath path") == [base + ["x"]]
    assert run(interp, "[(a)] (b) setpath path") == [["a", "b"]]
    assert run(interp, "(c) [(a)] setpath SLISearchPath") == [["c", "a"]]
    assert run(interp, "[(a)] [(b) (c)] setpath path") == [["a", "b", "c"]]


def test_initial_search_path_is_library_dir():
    from sli.builtins.io import reg
    from sli.interpreter import library_dir
    assert ("SLISearchPath", [str(library_dir())]) in reg.constants


def test_pathlist(interp, monkeypatch):
    monkeypatch.setenv("SLI_TEST_PATHS", "/a:/b::/c")
    assert run(interp, "(SLI_TEST_PATHS) :pathlist") == [["/a", "/b", "/c"]]
    monkeypatch.delenv("SLI_TEST_PATHS")
    assert run(interp, "(SLI_TEST_PATHS) :pathlist") == [[]]
