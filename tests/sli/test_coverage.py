"""Coverage of the operator catalogue (spec §6): which names exist in a started interpreter.

The catalogue (name, CORE/COMMON/RARE class, section, namespace) was extracted once from the
spec's §6 tables into tests/data/sli_catalogue.tsv. This test prints the coverage per class and
per section, and requires every CORE and COMMON name of the language sections. The NEST kernel
sections (6.23 kernel commands, 6.24 topology) belong to the kernel and are only reported.
"""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

import pytest

from sli import Interpreter
from sli.datums import Dictionary

CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "sli_catalogue.tsv"
KERNEL_SECTIONS = {"6.23", "6.24"}
CLASSES = ("CORE", "COMMON", "RARE")


def load_catalogue():
    with CATALOGUE.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _section_key(section: str):
    major, minor = section.split(".")
    return int(major), int(minor)


@pytest.fixture(scope="module")
def started():
    i = Interpreter(stdout=io.StringIO())
    i.startup()
    # the unittest library is loaded by scripts with `(unittest) run`
    i.execute("(unittest) run")
    return i


def exists(interp: Interpreter, entry: dict) -> bool:
    """A catalogue name exists if it is bound in systemdict or userdict, or (for namespace
    entries and the unittest helpers of §6.17) in the namespace dictionary."""
    key = entry["name"]
    namespace = entry["namespace"]
    places = []
    if namespace:
        places.append(interp.systemdict.data.get(namespace) or interp.userdict.data.get(namespace))
    else:
        places += [interp.systemdict, interp.userdict]
        for ns in ("unittest", "arraylib"):
            places.append(interp.systemdict.data.get(ns) or interp.userdict.data.get(ns))
    return any(type(d) is Dictionary and key in d.data for d in places)


def coverage_report(interp: Interpreter):
    rows = load_catalogue()
    per_class = defaultdict(lambda: [0, 0])
    per_section = defaultdict(lambda: {c: [0, 0] for c in CLASSES})
    missing = defaultdict(list)
    for entry in rows:
        present = exists(interp, entry)
        cls, section = entry["class"], entry["section"]
        per_class[cls][0] += present
        per_class[cls][1] += 1
        per_section[section][cls][0] += present
        per_section[section][cls][1] += 1
        if not present:
            label = f"{entry['namespace']}::{entry['name']}" if entry["namespace"] else entry["name"]
            missing[(section, cls)].append(label)
    return rows, per_class, per_section, missing


def test_catalogue_file_is_well_formed():
    rows = load_catalogue()
    assert len(rows) > 1000
    assert {r["class"] for r in rows} == set(CLASSES)
    names = [(r["namespace"], r["name"]) for r in rows]
    assert len(names) == len(set(names))
    for core in ("def", "if", "loop", "stopped", "get", "put", "[", "<<", "add", "exch"):
        assert ("", core) in names


def test_catalogue_coverage(started, capsys):
    rows, per_class, per_section, missing = coverage_report(started)
    lines = ["", "SLI catalogue coverage (spec section 6):"]
    for cls in CLASSES:
        have, total = per_class[cls]
        lines.append(f"  {cls:7s} {have:4d} / {total:4d}  ({100.0 * have / max(total, 1):5.1f} %)")
    lines.append("  per section (CORE, COMMON, RARE present/total):")
    for section in sorted(per_section, key=_section_key):
        cells = "  ".join(f"{c} {per_section[section][c][0]:3d}/{per_section[section][c][1]:3d}"
                          for c in CLASSES)
        flag = "  (kernel, not required here)" if section in KERNEL_SECTIONS else ""
        lines.append(f"    {section:5s} {cells}{flag}")
    required_missing = {k: v for k, v in missing.items()
                        if k[0] not in KERNEL_SECTIONS and k[1] in ("CORE", "COMMON")}
    if required_missing:
        lines.append("  missing CORE/COMMON names of the language sections:")
        for (section, cls), names in sorted(required_missing.items(),
                                            key=lambda kv: (_section_key(kv[0][0]), kv[0][1])):
            lines.append(f"    {section} {cls}: {' '.join(names)}")
    report = "\n".join(lines)
    with capsys.disabled():
        print(report)
    count = sum(len(v) for v in required_missing.values())
    assert not required_missing, f"{count} CORE/COMMON names missing:\n{report}"
