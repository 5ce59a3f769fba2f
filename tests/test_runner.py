"""The notebook runner: parameters in, report out, a failing cell named."""

from __future__ import annotations

import nbformat
import pytest

from analysis import runner


def _notebook(path, *cells: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "language": "python",
        "display_name": "Python 3",
    }
    params = nbformat.v4.new_code_cell("raw_dir = None\nprocessed_dir = None\nfigures_dir = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# A title"), params]
    nb.cells += [nbformat.v4.new_code_cell(src) for src in cells]
    nbformat.write(nb, path)


def _run(tmp_path, nbdir, progress=None):
    return runner.run_notebooks(
        raw_dir=tmp_path / "raw",
        processed_dir=tmp_path / "proc",
        figures_dir=tmp_path / "fig",
        reports_dir=tmp_path / "reports",
        notebooks_dir=nbdir,
        progress=progress,
    )


def test_runs_in_order_with_parameters_and_writes_report(tmp_path):
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    _notebook(nbdir / "01-second.ipynb", "print('SECOND', figures_dir)")
    _notebook(nbdir / "00-first.ipynb", "secret_code_marker = 1\nprint('FIRST', processed_dir)")
    lines: list[str] = []
    done = _run(tmp_path, nbdir, progress=lines.append)
    assert [p.name for p in done] == ["00-first.ipynb", "01-second.ipynb"]
    # which notebook is executing, and how many are left
    assert lines[0] == "notebook 1/2: 00-first.ipynb ..."
    assert lines[1].startswith("notebook 1/2: 00-first.ipynb done in ") and lines[1].endswith(
        "; 1 left"
    )
    assert lines[2] == "notebook 2/2: 01-second.ipynb ..." and lines[3].endswith("; 0 left")
    html = (tmp_path / "reports" / "report.html").read_text()
    assert f"FIRST {tmp_path / 'proc'}" in html and f"SECOND {tmp_path / 'fig'}" in html
    assert "secret_code_marker" not in html  # code cells are left out


def test_failing_notebook_names_notebook_and_cell(tmp_path):
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    _notebook(nbdir / "00-broken.ipynb", "x = 1", "values = [1, 2]\nvalues[5]")
    with pytest.raises(runner.NotebookFailed) as info:
        _run(tmp_path, nbdir)
    message = str(info.value)
    assert "00-broken.ipynb" in message and "values = [1, 2]" in message
    assert "IndexError" in message and "cell [4]" in message  # papermill injects a parameters cell


def test_report_says_the_corpus_paragraph_once(tmp_path):
    """A notebook that shows the corpus paragraph the report opens with: the report says it once,
    the notebook's other outputs stay."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("display(...)")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={"text/markdown": "**3 articles** here."}),
        nbformat.v4.new_output("display_data", data={"text/markdown": "Another finding."}),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("# Overview"), cell]
    path = tmp_path / "00-x.ipynb"
    nbformat.write(nb, path)
    html = runner.write_report([path], tmp_path / "report.html", summary="**3 articles** here.")
    text = html.read_text(encoding="utf-8")
    assert text.count("3 articles</strong> here.") == 1
    assert "Another finding." in text
