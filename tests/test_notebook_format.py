"""Committed notebooks carry no outputs, have a parameters cell, and match their py:percent twins.

The pairing is jupytext's own, read from ``jupytext.toml`` (twins in ``notebooks/scripts/``): the
twin checked is the one ``jupytext --sync`` would write.
"""

from __future__ import annotations

from pathlib import Path

import jupytext
import nbformat
import pytest
from jupytext.config import find_jupytext_configuration_file, load_jupytext_configuration_file
from jupytext.paired_paths import paired_paths

from analysis.config import PATHS

NOTEBOOKS = sorted(PATHS.notebooks.glob("[0-9][0-9]-*.ipynb"))
TWINS = PATHS.notebooks / "scripts"


def twin_of(notebook: Path) -> Path:
    """The py:percent twin the project's jupytext configuration pairs ``notebook`` with."""
    config_file = find_jupytext_configuration_file(str(notebook.parent))
    assert config_file == str(PATHS.root / "jupytext.toml")
    formats = load_jupytext_configuration_file(config_file).default_formats(str(notebook))
    paths = [Path(p) for p, fmt in paired_paths(str(notebook), "ipynb", formats)]
    (twin,) = [p for p in paths if p.suffix == ".py"]
    return twin


def test_there_are_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS][:1] == ["00"]


def test_twins_live_in_notebooks_scripts():
    assert [twin_of(p) for p in NOTEBOOKS] == [TWINS / p.with_suffix(".py").name for p in NOTEBOOKS]
    assert not list(PATHS.notebooks.glob("*.py")), "a .py beside the notebooks: move it to scripts/"


def test_every_twin_has_its_notebook():
    notebooks = {p.stem for p in NOTEBOOKS}
    assert {p.stem for p in TWINS.glob("*.py")} == notebooks


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_outputs_and_a_parameters_cell(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs, f"{path.name}: a cell has outputs (strip them)"
            assert cell.execution_count is None, f"{path.name}: a cell has an execution count"
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: needs one cell tagged 'parameters'"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_twin_is_in_sync(path):
    twin = twin_of(path)
    assert twin.exists(), f"{path.name} has no py:percent twin at {twin}"
    a = jupytext.read(path)
    b = jupytext.read(twin)
    assert "formats" not in a.metadata.get("jupytext", {}), "pairing belongs in jupytext.toml"
    assert "formats" not in b.metadata.get("jupytext", {}), "pairing belongs in jupytext.toml"
    sources = lambda nb: [(c.cell_type, c.source.strip()) for c in nb.cells]  # noqa: E731
    assert sources(a) == sources(b), f"{path.name} and {twin.name} differ: run jupytext --sync"
