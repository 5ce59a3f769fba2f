"""The package's import layers: reading tables loads no ingest code, and no module imports itself
back through another (lazy imports inside functions included)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "analysis"
#: What reading and analysing tables must not pull in: the ingest stack and the NLP model.
INGEST_MODULES = {
    "analysis.ingest", "analysis.pipeline", "analysis.cache", "analysis.writers",
    "analysis.readers", "analysis.cleaning", "analysis.profiles", "analysis.nlp",
    "analysis.attributes", "spacy", "trafilatura",
}  # fmt: skip


@pytest.mark.parametrize("module", ["analysis.kwic", "analysis.corpus", "analysis.overview"])
def test_reading_modules_do_not_import_the_ingest_stack(module):
    code = f"import sys, json, {module}; print(json.dumps(sorted(sys.modules)))"
    loaded = set(json.loads(subprocess.check_output([sys.executable, "-c", code], text=True)))
    assert not loaded & INGEST_MODULES, sorted(loaded & INGEST_MODULES)


def _imports(path: Path) -> set[str]:
    """The analysis modules ``path`` imports anywhere, except under ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {
        id(node)
        for top in ast.walk(tree)
        if isinstance(top, ast.If) and getattr(top.test, "id", "") == "TYPE_CHECKING"
        for node in ast.walk(top)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis"):
            if node.module == "analysis":
                found |= {f"analysis.{a.name}" for a in node.names}
            else:
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("analysis.")}
    return found


def test_no_import_cycle():
    graph = {f"analysis.{p.stem}": _imports(p) for p in PACKAGE.glob("*.py")}
    graph = {m: {d for d in deps if d in graph and d != m} for m, deps in graph.items()}
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for dep in sorted(graph[module]):
            if state.get(dep) == 1:
                cycle = [*path[path.index(dep) :], dep] if dep in path else [module, dep]
                raise AssertionError(" -> ".join(cycle))
            if dep not in state:
                visit(dep, [*path, dep])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
