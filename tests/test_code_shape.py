"""The code stays readable by someone new: no function in gazette/ or plugins/ above
cyclomatic complexity 15 (as radon counts it), and no module above 300 lines."""
from __future__ import annotations

from radon.complexity import cc_visit
from radon.visitors import Class

from conftest import ROOT

MAX_COMPLEXITY = 15
MAX_LINES = 300
MODULES = sorted(path for folder in ("gazette", "plugins") for path in (ROOT / folder).rglob("*.py"))


def test_there_are_modules_to_measure():
    assert len(MODULES) > 30


def functions(path):
    """Every function and method of a module (a class's own number is its methods' sum)."""
    for block in cc_visit(path.read_text(encoding="utf-8")):
        yield from block.methods if isinstance(block, Class) else [block]


def test_no_function_is_too_complex():
    complex_ = [f"{path.relative_to(ROOT)}:{block.lineno} {block.name} ({block.complexity})"
                for path in MODULES for block in functions(path) if block.complexity > MAX_COMPLEXITY]
    assert complex_ == []


def test_no_module_is_too_long():
    long_ = [f"{path.relative_to(ROOT)}: {n} lines" for path in MODULES
             if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES]
    assert long_ == []
