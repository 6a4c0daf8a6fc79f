"""Parse SLI source into datums, once.

The scanner produces tokens; the Lark grammar (``grammar.lark``) groups procedure bodies. A
brace-procedure becomes a :class:`~sli.datums.LiteralProcedure` (executing it pushes the
procedure), every other token becomes the datum it denotes.

Structural errors follow the reference: the tokens before an unmatched ``}`` (or before the
outermost ``{`` that is never closed) are still delivered and executed; the caller then raises
the SLI error ``SyntaxError``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, List, Optional, Tuple

import lark
from lark.lexer import Lexer

from .datums import LiteralProcedure, Procedure, lit, name
from .scanner import LexicalError, Scanner, Token

_LARK_TYPES = {
    "int": "INT",
    "real": "REAL",
    "string": "STRING",
    "literal": "LITERAL",
    "name": "NAME",
    "lbrace": "LBRACE",
    "rbrace": "RBRACE",
}


class _TokenListLexer(Lexer):
    """Feeds Lark the tokens that :class:`~sli.scanner.Scanner` already produced."""

    def __init__(self, lexer_conf):  # noqa: D401 - Lark's interface
        pass

    def lex(self, tokens, *_):
        for tok in tokens:
            yield lark.Token(_LARK_TYPES[tok.kind], tok.value, line=tok.line, column=tok.column)


@lru_cache(maxsize=1)
def _lark_parser() -> lark.Lark:
    grammar = (Path(__file__).with_name("grammar.lark")).read_text()
    return lark.Lark(grammar, parser="lalr", lexer=_TokenListLexer)


@dataclass
class ParseResult:
    """The parsed items (with source lines) and the structural error that ended parsing, if any."""

    procedure: Procedure
    syntax_error: Optional[str] = None
    error_line: int = 0
    error_column: int = 0
    diagnostic: str = ""  # the reference's 4-line parser message for the structural error


def _split_at_structure_error(tokens: List[Token]) -> Tuple[List[Token], Optional[str], Optional[Token]]:
    depth = 0
    outer_open = -1
    for i, tok in enumerate(tokens):
        if tok.kind == "lbrace":
            if depth == 0:
                outer_open = i
            depth += 1
        elif tok.kind == "rbrace":
            if depth == 0:
                return tokens[:i], "Open brace missing.", tok
            depth -= 1
    if depth:
        return tokens[:outer_open], "Unexpected end of input.", tokens[-1]
    return tokens, None, None


def _diagnostic(text: str, message: str, tok: Token, at_end: bool) -> str:
    lines = text.splitlines() or [""]
    if at_end:
        line_no, column = len(lines), len(lines[-1]) + 1
    else:
        line_no, column = tok.line, tok.column
    current = lines[line_no - 1][:column] if line_no - 1 < len(lines) else ""
    previous = lines[line_no - 2] if line_no >= 2 else ""
    return (f"% parser: At line {line_no} position {column}.\n"
            f"% parser: Syntax Error: {message}\n"
            "% parser: Context preceding the error follows:\n"
            f"{previous}\n{current}\n")


_CONVERT = {
    "INT": lambda v: v,
    "REAL": lambda v: v,
    "STRING": lambda v: v,
    "LITERAL": lit,
    "NAME": name,
}


def _build(tree: lark.Tree, source: Optional[str]) -> Procedure:
    """Turn the Lark tree into nested procedures, iteratively (bodies can nest deeply)."""
    # Each work item: (tree node, child iterator, datums so far, their lines, unused).
    stack = [(tree, iter(tree.children), [], [], None)]
    result = Procedure(())
    while stack:
        node, it, items, lines, _ = stack[-1]
        for child in it:
            if isinstance(child, lark.Token):
                if child.type in ("LBRACE", "RBRACE"):
                    continue
                items.append(_CONVERT[child.type](child.value))
                lines.append(child.line)
            else:
                stack.append((child, iter(child.children), [], [], child.meta))
                break
        else:
            stack.pop()
            proc_lines = tuple(lines)
            proc = Procedure(items, proc_lines, source)
            if stack:
                parent_items, parent_lines = stack[-1][2], stack[-1][3]
                parent_items.append(LiteralProcedure(proc))
                parent_lines.append(proc_lines[0] if proc_lines else 0)
            else:
                result = proc
    return result


def parse(
    text: str,
    source: Optional[str] = None,
    on_lexical_error: Optional[Callable[[LexicalError], None]] = None,
) -> ParseResult:
    """Parse SLI source text (one character per byte) into a top-level procedure."""
    tokens = Scanner(text, on_lexical_error).tokens()
    tokens, error, bad = _split_at_structure_error(tokens)
    if tokens:
        proc = _build(_lark_parser().parse(tokens), source)
    else:
        proc = Procedure((), (), source)
    if error is None:
        return ParseResult(proc)
    at_end = error == "Unexpected end of input."
    return ParseResult(proc, error, bad.line, bad.column, _diagnostic(text, error, bad, at_end))


def tokenize_datums(text: str, on_lexical_error=None) -> Tuple[list, Optional[str]]:
    """The datums of ``text`` as a flat list (``cst``): braces become literal procedures."""
    result = parse(text, None, on_lexical_error)
    return list(result.procedure.body), result.syntax_error
