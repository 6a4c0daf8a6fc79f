"""Functional list operators and functional control (spec sections 6.5, 6.11)."""

import pytest

from sli_harness import error, new_interpreter, run_ok as run, value
from sli.datums import DoubleVector, IntVector, LiteralProcedure, Procedure, RangeIterator


@pytest.fixture(scope="module")
def interp():
    return new_interpreter()


@pytest.mark.parametrize("code, expected", [
    ("[1 2 3] {2 mul} Map", [2, 4, 6]),
    ("[] {2 mul} Map", []),
    ("(HAL) {1 add} Map", "IBM"),
    ("[3] RangeIterator {10 mul} Map", [10, 20, 30]),
    ("[[1 2] [3 4]] {1 add} [2] Map", [[2, 3], [4, 5]]),
    ("[[1 2] [3 4]] {length} [1] Map", [2, 2]),
    ("[1 2 3 4 5] {add} MapIndexed", [2, 4, 6, 8, 10]),
    ("(abcd) {add} MapIndexed", "bdfh"),
    ("[[1 2 3] [4 5 6]] {add} MapThread", [5, 7, 9]),
    ("[] {add} MapThread", []),
    ("[3 4 5 6 7] {dup mul} -2 MapAt", [3, 4, 5, 36, 7]),
    ("[3 [-9 -12] 5 6 7] {dup mul} [2 2] MapAt", [3, [-9, 144], 5, 6, 7]),
    ("[3 4 5 6 7] {dup mul} [[1] [3]] MapAt", [9, 4, 25, 6, 7]),
    ("[[3 9] 4 [5 -11] 6 7] {dup mul} [[1 2] [3 1]] MapAt", [[3, 81], 4, [25, -11], 6, 7]),
    ("[0 0 0 0 0] {1 add} [2 4 5 2 3 2 2 5] 1 1 Partition MapAt", [0, 4, 1, 1, 2]),
    ("[5] {2 mul} Table", [2, 4, 6, 8, 10]),
    ("[2 5] {2 mul} Table", [4, 6, 8, 10]),
    ("[1.0 10.0 2.5] {2 mul} Table", [2.0, 7.0, 12.0, 17.0]),
    ("[5] Range", [1, 2, 3, 4, 5]),
    ("[2 5] Range", [2, 3, 4, 5]),
    ("[5 2] Range", []),
    ("[5 2 -1] Range", [5, 4, 3, 2]),
    ("[0] Range", []),
    ("[1.0 10.0 2.5] Range", [1.0, 3.5, 6.0, 8.5]),
    ("[0.0 1.0 0.25] Range", [0.0, 0.25, 0.5, 0.75, 1.0]),
    ("[4 -2 0.3 -1.7 -3 0 7] {0 lt} Select", [-2, -1.7, -3]),
    ("[1 1 1 2 2 3] Split", [[1, 1, 1], [2, 2], [3]]),
    ("[] Split", []),
    ("[1.1 1.3 2.1 2.3] {floor exch floor eq} Split", [[1.1, 1.3], [2.1, 2.3]]),
    ("[1 3 5] [2 7] MergeLists", [1, 2, 3, 5, 7]),
    ("[[-9 1] [1 3] [4 5]] [[3 2] [0 7]] {exch 1 get exch 1 get lt} MergeLists",
     [[-9, 1], [3, 2], [1, 3], [4, 5], [0, 7]]),
    ("0.5 {2 mul} 3 Nest", 4.0),
    ("1 {2 mul} 3 NestList", [1, 2, 4, 8]),
    ("1 {2 mul} 0 NestList", [1]),
    ("(kaeschperle) {Rest (_) join} FixedPoint", "___________"),
    ("(kaeschperle) {Rest (_) join} 1 FixedPoint", "aeschperle_"),
    ("(kaeschperle) {Rest (_) join} 3 FixedPoint", "schperle___"),
    ("1 [2 3 4] {mul} Fold", 24),
    ("0 <# 1 2 3 #> {add} Fold", 6),
    ("0 [1 2 3 4] {add} FoldList", [0, 1, 3, 6, 10]),
    ("[1 2] {add} Apply", 3),
    ("[(hell world) 4 (o)] {insert} Apply", "hello world"),
    ("2 {x 1 x add mul} /x Function exec", 6),
    ("2 3 {x y x add mul} /x /y Function exec", 10),
    ("2 3 (x*(y+x)) /x /y Function exec", 10),
    ("2 3 [/x /y] {x y sub} Function exec", -1),
    ("2 3 {x y x add mul} /x /y ExecFunction", 10),
    ("[2. 3. 4. 5.] (x + (1+x)^3) /x Function Map", [29.0, 67.0, 129.0, 221.0]),
    ("(1+2*3) ExecMath", 7),
    ("( 5 * (3 + 7) ) ExecMath", 50),
    ("(4 * - 7) ExecMath", -28),
    ("(5+3 // Function( {2*x+1},'x)  ) ExecMath", 17),
    ("(1+(5+3 // Function( {2*x+1},'x))  ) ExecMath", 18),
    ("( [ 3, [ 2, 1], -9] // Flatten) ExecMath", [3, 2, 1, -9]),
    ("(5+3 // {#+1}) ExecMath", 9),
    ("(7 5 // {#1-#2}) ExecMath", 2),
    ("(3 < 4) ExecMath", True),
    ("(2^3) ExecMath", 8.0),
])
def test_functional_results(interp, code, expected):
    ok, stack = run(interp, code)
    assert ok, code
    assert stack[-1] == expected


def _syntax(p):
    from sli.printing import to_syntax
    return to_syntax(p)


@pytest.mark.parametrize("text, expected", [
    ("( 5 + x * 7 )", "{5 x 7 mul add}"),
    ("( 3 + exp ( -x ) )", "{3 x neg exp add}"),
    ("( 3 * exp sin 2 )", "{3 2 sin exp mul}"),
    ("(5+3*2^3-4)", "{5 3 2 3 pow mul add 4 sub}"),
    ("(5+3*2^-3)", "{5 3 2 3 neg pow mul add}"),
    ("(4)", "{4}"),
    ("()", "{}"),
    ("(a=7+3)", "{/a 7 3 add dup rolld Set}"),
    ("(a=7+3;6)", "{/a 7 3 add dup rolld Set pop 6}"),
    ("(Function({x+2},'x))", "{/{x 2 add} /x Function}"),
    ("(f={#+2})", "{/f /{<< >> begin /# Set # 2 add end} dup rolld Set}"),
    ("([4,3,2])", "{[ 4 3 2 ]}"),
])
def test_compile_math_output(interp, text, expected):
    assert _syntax(value(interp, f"{text} CompileMath")) == expected


def test_function_builds_local_dictionary_procedure(interp):
    p = value(interp, "{x y add} /x /y Function")
    assert _syntax(p) == "{<< >> begin /y Set /x Set x y add end}"
    ok, stack = run(interp, "countdictstack 1 2 {x y add} /x /y Function exec countdictstack")
    assert stack[1] == 3 and stack[0] == stack[2]


def test_inline_replaces_names_and_splices_procedures(interp):
    assert _syntax(value(interp, "{a b add} << /a 1 /b 2 >> Inline")) == "{1 2 add}"
    p = value(interp, "{a {a} c} << /a {1 2} >> Inline")
    assert _syntax(p) == "{1 2 /{1 2} c}"


def test_pdef_defines(interp):
    assert value(interp, "/q 5 pdef q") == 5


def test_map_takes_top_object_as_result(interp):
    # extra objects stay below; the top one is the result
    assert run(interp, "[1 2] {dup} Map") == (True, [1, 2, [1, 2]])


def test_map_without_result_is_stack_underflow_in_map(interp):
    name, command, _ = error(interp, "[1 2] {pop} Map")
    assert name == "StackUnderflow" and command == "::Map"


def test_map_string_requires_byte_values(interp):
    name, _, _ = error(interp, "(ab) {pop (x)} Map")
    assert name == "ArgumentType"


def test_map_on_vectors_keeps_the_vector_type(interp):
    v = value(interp, "<# 1 2 #> {3 mul} Map")
    assert type(v) is IntVector and v.a.tolist() == [3, 6]
    v = value(interp, "<. 1 2 .> {2 div} Map")
    assert type(v) is DoubleVector and v.a.tolist() == [0.5, 1.0]


def test_exit_leaves_map_and_table(interp):
    # the results collected so far are dropped; what the procedure left stays
    assert run(interp, "[1 2 3] {dup 2 eq {exit} if} Map") == (True, [2])
    assert run(interp, "[3] {exit} Table") == (True, [1])


def test_errors_inside_map_propagate(interp):
    name, _, _ = error(interp, "[1 (a)] {1 add} Map")
    assert name == "ArgumentType"


def test_deep_map_does_not_recurse_in_python(interp):
    assert len(value(interp, "[20000] Range {1 add} Map")) == 20000
    assert value(interp, "0 [5000] Range {add} Fold") == 5000 * 5001 // 2


def test_range_iterator_and_arange(interp):
    it = value(interp, "[2 6 2] RangeIterator")
    assert type(it) is RangeIterator and list(it.values()) == [2, 4, 6]
    assert value(interp, "[3] RangeIterator cva") == [1, 2, 3]
    v = value(interp, "[3] arange")
    assert type(v) is IntVector and v.a.tolist() == [1, 2, 3]
    v = value(interp, "[0.0 1.0 0.5] arange")
    assert type(v) is DoubleVector and v.a.tolist() == [0.0, 0.5, 1.0]


def test_scan_thread_leaves_nothing(interp):
    assert run(interp, "0 [[1 2] [3 4]] {add add} ScanThread") == (True, [10])


@pytest.mark.parametrize("code, errname, left", [
    ("[1 2 0.5] Range", "ArgumentType", [[1, 2, 0.5]]),
    ("[1.0 2] Range", "ArgumentType", [[1.0, 2]]),
    ("[] Range", "RangeCheck", [[]]),
    ("[1 5 0] Range", "RangeCheck", [[1, 5, 0]]),
    ("5 Range", "ArgumentType", [5]),
    ("Range", "StackUnderflow", []),
    ("[1 2] 3 Map", "ArgumentType", [[1, 2], 3]),
    ("[1 2] {} 1 Map", "ArgumentType", None),
    ("Map", "StackUnderflow", []),
    ("{} Map", "StackUnderflow", None),
    ("[[1 2] [3]] {add} MapThread", "RangeCheck", [[[1, 2], [3]], None]),
    ("[[1 2] [3]] {add} ScanThread", "ArraysMustHaveEqualLength", None),
    ("[1 2] {} 5 MapAt", "RangeCheck", None),
    ("[1 2] {pop true} Select", None, None),
    ("[1 2] {pop 1} Select", "TypeMismatch", None),
    ("1 {} 2.0 Nest", "ArgumentType", None),
    ("1 2 {add} Fold", "ArgumentType", [1, 2, None]),
    ("(x) Function", "StackUnderflow", ["x"]),
    ("1 (x) Function", "ArgumentType", [1, "x"]),
    ("(1 + ) ExecMath", "SyntaxError", None),
    ("1 ExecMath", "ArgumentType", [1]),
    ("[3] 1 Table", "ArgumentType", [[3], 1]),
    ("1 [1] Apply", None, None),
    ("1 {} Apply", "ArgumentType", None),
])
def test_functional_errors(interp, code, errname, left):
    if errname is None:
        return
    name, _, stack = error(interp, code)
    assert name == errname, code
    if left is not None:
        assert len(stack) == len(left), (code, stack)
        for got, want in zip(stack, left):
            if want is not None:
                assert got == want, code
