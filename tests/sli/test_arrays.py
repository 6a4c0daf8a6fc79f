"""Arrays, generic containers and numeric vectors (spec sections 6.9, 6.12, 6.26)."""
import io

import numpy as np
import pytest

from sli_harness import new_interpreter, run_ok as run, value
from sli.datums import DoubleVector, IntVector, Procedure


@pytest.fixture(scope="module")
def interp():
    return new_interpreter()


def error(i, code):
    """Run failing code; return (errorname, operand stack without the pushed command name)."""
    i.ostack.clear()
    i.execute(f"{{ {code} }} stopped")
    assert i.ostack[-1] is True, code
    i.ostack.pop()
    name = str(i.errordict["errorname"])
    i.errordict["newerror"] = False
    return name, list(i.ostack[:-1])


@pytest.mark.parametrize("code, expected", [
    ("[ 1 2 add 3 ]", [3, 3]),
    ("mark 1 2 ]", [1, 2]),
    ("<< 1 2 ]", [1, 2]),
    ("1 2 3 2 arraystore", None),
    ("[1 2] arrayload", None),
    ("3 array", [0, 0, 0]),
    ("[1 2 3] length", 3),
    ("(abcd) length", 4),
    ("{1 2} length", 2),
    ("<< /a 1 >> length", 1),
    ("<# 1 2 3 #> length", 3),
    ("[1 2 3] 0 get", 1),
    ("(abc) 1 get", 98),
    ("{1 2 3} 2 get", 3),
    ("[10 20 30] [2 0] get", [30, 10]),
    ("<< /a << /b 5 >> >> [/a /b] get", 5),
    ("<< /a 7 >> /a get", 7),
    ("[1 2 3] 1 9 put", [1, 9, 3]),
    ("[[1 2][3 4]] [1 0] 9 put", [[1, 2], [9, 4]]),
    ("(abc) 1 65 put", "aAc"),
    ("[1 2 3 4] 1 2 getinterval", [2, 3]),
    ("(hello) 1 3 getinterval", "ell"),
    ("(abcdef) 2 (XY) putinterval", "abXYef"),
    ("[1 2] 3 append", [1, 2, 3]),
    ("(ab) 99 append", "abc"),
    ("[1 2] 0 prepend", [0, 1, 2]),
    ("[1] [2] join", [1, 2]),
    ("(ab) (cd) join", "abcd"),
    ("[1 4] 1 [2 3] insert", [1, 2, 3, 4]),
    ("(hell world) 4 (o) insert", "hello world"),
    ("[1 3] 1 /x insertelement", [1, "x", 3]),
    ("(ac) 1 98 insertelement", "abc"),
    ("[1 2 3 4] 1 2 [9] replace", [1, 9, 4]),
    ("(abcd) 1 2 (X) replace", "aXd"),
    ("[1 2 3 4] 1 2 erase", [1, 4]),
    ("(abcd) 0 1 erase", "bcd"),
    ("[1 2 3] erase", []),
    ("[1 2 3] [2] searchif", True),
    ("(abc) (x) searchif", False),
    ("[1 2 3] reverse", [3, 2, 1]),
    ("(abc) reverse", "cba"),
    ("[1 2 3] Reverse", [3, 2, 1]),
    ("[1 2 3] First", 1),
    ("(train) First", 116),
    ("[1 2 3] Last", 3),
    ("(train) Rest", "rain"),
    ("[1 2 3] Most", [1, 2]),
    ("[4 9 -7 3 2 11] 2 Take", [4, 9]),
    ("[4 9 -7 3 2 11] -2 Take", [2, 11]),
    ("[1 2 3 4 5] [-2] Take", 4),
    ("[1 2 3 4 5] [1 -2] Take", [1, 2, 3, 4]),
    ("[1 2 3 4 5] [1 -1 2] Take", [1, 3, 5]),
    ("(HALLO) [1 -2 2] Take", "HL"),
    ("(HAL) -2 Take", "AL"),
    ("[4 9 -7 3 2 11] 2 Drop", [-7, 3, 2, 11]),
    ("[4 9 -7 3 2 11] -2 Drop", [4, 9, -7, 3]),
    ("[1 2 3 4 5] [-2] Drop", [1, 2, 3, 5]),
    ("[1 2 3 4 5] [1 -2] Drop", [5]),
    ("[1 2 3 4 5] [1 -2 2] Drop", [2, 4, 5]),
    ("[[-9 -12] [6 7]] {[2] [1]} Drop", [[-12]]),
    ("[[1 2][3 4]] [2 1] Part", 3),
    ("[[1 2][3 4]] [/All 1] Part", [1, 3]),
    ("[[3 5 6 9] [11 4 7 2] [-9 1 8 10]] [[1 3] [2 3]] Part", [[5, 6], [1, 8]]),
    ("[3 [-9 -12] 5 6 7] [[2 3 2]] Part", [[-9, -12], 5, [-9, -12]]),
    ("[3 {-11 5} {9} 7] pop [3 [-11 5] [9] 7] 4 2 ReplacePart", [3, 4, [9], 7]),
    ("[3 [-11 5] [9] 7] 4 [2 1] ReplacePart", [3, [4, 5], [9], 7]),
    ("[3 [-11 5] [9] 7] 4 [[2] [4]] ReplacePart", [3, 4, [9], 4]),
    ("(L: 'Where?') (') ('') ReplaceOccurrences", "L: ''Where?''"),
    ("[4 5 6 7 5 8 9] [5] [-1 -2] ReplaceOccurrences", [4, -1, -2, 6, 7, -1, -2, 8, 9]),
    ("[3 8 2 9 -1] 2 MemberQ", True),
    ("[3 8 9 -1] 2 MemberQ", False),
    ("[2 2 2] 2 HasDifferentMemberQ", False),
    ("[3 1 2] Sort", [1, 2, 3]),
    ("[(b) (a)] Sort", ["a", "b"]),
    ("[1 2 3] 1 Rotate", [2, 3, 1]),
    ("[1 2 3] -1 Rotate", [3, 1, 2]),
    ("[3 [4 [5 [6]]] 7] Flatten", [3, 4, 5, 6, 7]),
    ("[3 [4 [5 [6]]] 7] 1 Flatten", [3, 4, [5, [6]], 7]),
    ("[1 2 3 4 5] 2 Partition", [[1, 2], [3, 4]]),
    ("[1 2 3 4 5 6 7 8 9 10] 1 2 Partition", [[1], [3], [5], [7], [9]]),
    ("[4 5 6] 5 1 Partition", []),
    ("[[1 2 3][4 5 6]] Transpose", [[1, 4], [2, 5], [3, 6]]),
    ("[[[1 2][3 4]][[5 6][7 8]]] Dimensions", [2, 2, 2]),
    ("[[1 2] [3 4]] TensorRank", 2),
    ("[2 3] 1 LayoutArray", [[1, 1, 1], [1, 1, 1]]),
    ("[[3 6 9] [8 2 3 7 1]] [/All 2] ArrayShape", [[3, 6], [8, 2]]),
    ("[4 3 7] [2 5 8] Dot", 79),
    ("[[5 3 2] [5 4 1]] [[2] [3] [9]] Dot", [[37], [31]]),
    ("[7 8] [[5 3 2] [5 4 1]] Dot", [75, 53, 22]),
    ("[1 2 3] [1 2 3] Dot1D", 14),
    ("[3 4] [6 7] OuterProduct", [[18, 21], [24, 28]]),
    ("[3 5 6 9 11] -2 MathematicaToSliIndex exch pop", 3),
    ("[3 1] SliToMathematicaIndex", [4, 2]),
    ("(  ab  ) 32 2 trim", "ab"),
    ("(xxab) (x) 0 trim", "ab"),
    ("[/a /a /b /a] /a 1 trim", ["a", "a", "b"]),
    ("(a,b,c) (,) breakup", ["a", "b", "c"]),
    ("[1 0 2 0 3] [0] breakup", [[1], [2], [3]]),
    ("(abcde) 2 breakup", ["ab", "cd", "e"]),
    ("2 3 10 cv1d", 23),
    ("[1 2 3] arraylib/Sum ::", 6),
    ("[1 2 3 4] arraylib/Product ::", 24),
    ("[1 2 3] arraylib/Mean ::", 2.0),
    ("[1 2 3] arraylib/Var ::", 1.0),
    ("[1 2 3 4 5 6] [2 3] arraylib/Reform ::", [[1, 2, 3], [4, 5, 6]]),
    ("[[1 2] << /a 3 >>] [1 /a] arraylib/getdeep ::", 3),
    ("-1 5 arraylib/IndexWrap ::", 4),
    ("[[-1 0] [2 2]] 2 2 arraylib/EdgeWrap ::", [[1, 0], [0, 0]]),
    ("[[-1 0] [1 1]] 2 2 arraylib/EdgeTruncate ::", [[1, 1]]),
])
def test_container_operator_results(interp, code, expected):
    ok, stack = run(interp, code)
    assert ok, code
    if expected is None:
        return
    assert stack[-1] == expected


def test_arraystore_and_arrayload_stack_layout(interp):
    assert run(interp, "1 2 3 2 arraystore") == (True, [1, [2, 3]])
    assert run(interp, "[1 2] arrayload") == (True, [1, 2, 2])
    assert run(interp, "<# 4 5 #> arrayload") == (True, [4, 5, 2])


def test_size_and_empty_keep_the_container(interp):
    assert run(interp, "[1 2] size") == (True, [[1, 2], 2])
    assert run(interp, "(ab) size") == (True, ["ab", 2])
    assert run(interp, "() empty") == (True, ["", True])
    assert run(interp, "[1] empty") == (True, [[1], False])
    assert run(interp, "[3] RangeIterator size exch pop") == (True, [3])


def test_search_leaves_post_match_pre_true(interp):
    assert run(interp, "(abcabc) (ca) search") == (True, ["bc", "ca", "ab", True])
    assert run(interp, "[1 2 3 4] [2 3] search") == (True, [[4], [2, 3], [1], True])
    assert run(interp, "(abc) (x) search") == (True, ["abc", False])


def test_put_builds_a_new_array(interp):
    ok, stack = run(interp, "/a [1 2 3] def a 0 9 put a")
    assert ok and stack == [[9, 2, 3], [1, 2, 3]]
    ok, stack = run(interp, "/a [1 2 3] def a 5 append pop a")
    assert ok and stack == [[1, 2, 3]]


def test_put_on_dictionary_stores_and_returns_nothing(interp):
    assert run(interp, "<< >> dup /x 3 put /x get") == (True, [3])


def test_procedures_stay_procedures(interp):
    p = value(interp, "{1 2} 3 append")
    assert type(p) is Procedure and p.body == (1, 2, 3)
    p = value(interp, "{1} {2} join")
    assert type(p) is Procedure and p.body == (1, 2)
    p = value(interp, "{1 2 3} 0 9 put")
    assert p.body == (9, 2, 3)


def test_closing_bracket_without_mark_prints_message_and_raises_syntax_error(interp):
    interp.stdout = io.StringIO()
    name, stack = error(interp, "clear 1 2 ]")
    assert name == "SyntaxError"
    assert "Opening bracket missing." in interp.stdout.getvalue()
    assert stack == [1, 2]


def test_trie_dispatch_does_not_backtrack_like_the_reference(interp):
    # insertelement has "string integer integer" before "array integer any": an integer element
    # sends dispatch down the string branch (section 5.2), so arrays need a non-integer element.
    name, stack = error(interp, "[1 3] 1 2 insertelement")
    assert name == "ArgumentType" and stack == [[1, 3], 1, 2]
    name, _ = error(interp, "[0 1] 0 1 trim")
    assert name == "ArgumentType"


def test_user_mark_literal_acts_as_mark(interp):
    assert value(interp, "/mark 1 2 ]") == [1, 2]


@pytest.mark.parametrize("code, errname, left", [
    ("[1 2 3] 3 get", "RangeCheck", [[1, 2, 3], 3]),
    ("[1 2 3] -1 get", "RangeCheck", [[1, 2, 3], -1]),
    ("(abc) 5 get", "RangeCheck", ["abc", 5]),
    ("[1 2] (a) get", "ArgumentType", [[1, 2], "a"]),
    ("<< >> /nokey get", "DictError", None),
    ("[1 2] 2 0 put", "RangeCheck", [[1, 2], 2, 0]),
    ("(abc) 0 (x) put", "ArgumentType", ["abc", 0, "x"]),
    ("(abc) 0 300 put", "RangeCheck", ["abc", 0, 300]),
    ("[1 2 3] 2 2 getinterval", "RangeCheck", [[1, 2, 3], 2, 2]),
    ("(abc) -1 1 getinterval", "RangeCheck", ["abc", -1, 1]),
    ("(ab) 1.5 append", "ArgumentType", ["ab", 1.5]),
    ("[1] (a) join", "ArgumentType", [[1], "a"]),
    ("[1] 5 [2] insert", "RangeCheck", [[1], 5, [2]]),
    ("[1 2] 3 1 erase", "RangeCheck", [[1, 2], 3, 1]),
    ("1 length", "ArgumentType", [1]),
    ("length", "StackUnderflow", []),
    ("get", "StackUnderflow", []),
    ("[1 2] get", "StackUnderflow", [[1, 2]]),
    ("-1 array", "RangeCheck", [-1]),
    ("1 2 3 5 arraystore", "StackUnderflow", [1, 2, 3, 5]),
    ("1 -1 arraystore", "RangeCheck", [1, -1]),
    ("[] First", "RangeCheck", [[]]),
    ("[1 2] 3 Take", "RangeCheck", [[1, 2], 3]),
    ("[1 2 3 4 5] [1 6] Take", "RangeCheck", [[1, 2, 3, 4, 5], [1, 6]]),
    ("[1 2] [0] Part", "RangeCheck", [[1, 2], [0]]),
    ("[1 2] [3] Part", "RangeCheck", [[1, 2], [3]]),
    ("[1 2] 1 Part", "ArgumentType", [[1, 2], 1]),
    ("[1 2] 9 [5] ReplacePart", "RangeCheck", [[1, 2], 9, [5]]),
    ("[1 (a)] Sort", "TypeMismatch", [[1, "a"]]),
    ("[1 2 3] -1 1 Partition", "RangeCheck", [[1, 2, 3], -1, 1]),
    ("[[1 2] [3]] Transpose", "DimensionMismatch", [[[1, 2], [3]]]),
    ("[1 2] [1 2 3] Dot", "DimensionMismatch", [[1, 2], [1, 2, 3]]),
    ("(abc) Reverse", "ArgumentType", ["abc"]),
])
def test_container_errors_leave_operands(interp, code, errname, left):
    name, stack = error(interp, code)
    assert name == errname, code
    if left is not None:
        assert stack == left, code


# -- numeric vectors ---------------------------------------------------------------------------

def test_vector_literals(interp):
    v = value(interp, "<# 1 2 3 #>")
    assert type(v) is IntVector and v.a.tolist() == [1, 2, 3]
    v = value(interp, "<. 1.0 2 .>")
    assert type(v) is DoubleVector and v.a.tolist() == [1.0, 2.0]
    v = value(interp, "< 1 2.5 >")
    assert type(v) is IntVector and v.a.tolist() == [1, 2]
    v = value(interp, "< 1.5 2 >")
    assert type(v) is DoubleVector and v.a.tolist() == [1.5, 2.0]
    assert value(interp, "< (a) 1 >") == ["a", 1]
    assert value(interp, "<# #>").a.tolist() == []


def test_vector_literal_rejects_non_numbers(interp):
    name, _ = error(interp, "<# 1 (a) #>")
    assert name == "ArgumentType"


def test_zeros_ones(interp):
    v = value(interp, "3 zeros")
    assert type(v) is DoubleVector and v.a.tolist() == [0.0] * 3
    assert value(interp, "2 ones").a.tolist() == [1.0, 1.0]
    v = value(interp, "2 ones_iv")
    assert type(v) is IntVector and v.a.tolist() == [1, 1]
    assert value(interp, "2 zeros_iv").a.tolist() == [0, 0]
    name, stack = error(interp, "-1 zeros")
    assert name == "RangeCheck" and stack == [-1]
    name, stack = error(interp, "1.0 zeros")
    assert name == "ArgumentType" and stack == [1.0]


def test_vector_get_put_getinterval(interp):
    assert value(interp, "<# 5 6 7 #> 1 get") == 6
    assert value(interp, "<. 5.0 6 7 .> 2 get") == 7.0
    assert value(interp, "<# 5 6 7 #> <# 2 0 #> get").a.tolist() == [7, 5]
    assert value(interp, "<. 5 6 7 .> [2 0] get").a.tolist() == [7.0, 5.0]
    assert value(interp, "<# 5 6 7 #> 0 9 put").a.tolist() == [9, 6, 7]
    assert value(interp, "<. 5 6 7 .> 0 9.5 put 0 get") == 9.5
    assert value(interp, "<# 5 6 7 8 #> 1 2 getinterval").a.tolist() == [6, 7]
    name, stack = error(interp, "<# 1 #> 1 get")
    assert name == "RangeCheck" and len(stack) == 2
    name, _ = error(interp, "<# 1 #> 0 1.5 put")
    assert name == "ArgumentType"


def test_vector_size_cva_dimensions_dub(interp):
    ok, stack = run(interp, "<# 1 2 #> size")
    assert ok and stack[1] == 2
    assert value(interp, "<. 1 2 .> Dimensions") == [2]
    assert value(interp, "<. 1 2 .> TensorRank") == 1
    assert value(interp, "[5 5] <# 1 2 #> dub").a.tolist() == [4, 3]
    assert value(interp, "<# 1 2 #> <# 1 2 #> Dot1D") == 5


def test_arraylib_is_a_namespace_dictionary(interp):
    ok, stack = run(interp, "arraylib type")
    assert stack == ["dictionarytype"]
    assert value(interp, "/arraylib using [1 2 3] Sum endusing") == 6
    other = new_interpreter()
    assert other.systemdict["arraylib"] is not interp.systemdict["arraylib"]


def test_value_semantics_of_nested_put(interp):
    ok, stack = run(interp, "/a [[1 2][3 4]] def a [0 0] 7 put a")
    assert stack == [[[7, 2], [3, 4]], [[1, 2], [3, 4]]]


def test_capacity_family(interp):
    assert run(interp, "[1 2] capacity") == (True, [[1, 2], 2])
    assert run(interp, "[1 2] 10 reserve") == (True, [[1, 2]])
    assert value(interp, "[1 2] 3 :resize") == [1, 2, 0]
    assert value(interp, "(ab) 1 :resize") == "a"
    assert run(interp, "[1] shrink") == (True, [[1], True])
