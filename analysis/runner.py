"""Execute every notebook in order with papermill and write one HTML report without code.

Notebooks ``notebooks/NN-*.ipynb`` run in number order with the parameters ``raw_dir``,
``processed_dir`` and ``figures_dir``; executed copies go to ``reports/executed/`` and the report to
``reports/report.html``. The kernel is this interpreter (a ``presslens`` kernelspec is written into
the environment), so a fresh virtual environment runs its own notebooks.

Example:
    >>> run_notebooks(raw_dir=..., processed_dir=..., figures_dir=..., reports_dir=..., notebooks_dir=...)  # doctest: +SKIP
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import nbformat

KERNEL_NAME = "presslens"


class NotebookFailed(RuntimeError):
    """A notebook raised: the message names the notebook, the cell and the error."""


def _ipc_kernel_manager() -> type:
    """A kernel manager talking over local IPC sockets: no TCP ports to race for, no warning."""
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs: object) -> None:
            kwargs.setdefault("transport", "ipc")
            super().__init__(**kwargs)

        async def start_kernel(self, **kwargs: object) -> None:
            # the kernel's own log (shutdown chatter) is noise here: errors reach us as messages
            kwargs.setdefault("stderr", subprocess.DEVNULL)
            await super()._async_start_kernel(**kwargs)

    return IPCKernelManager


def ensure_kernel() -> str:
    """Write (or refresh) the ``presslens`` kernelspec pointing at this interpreter; returns its name."""
    from ipykernel.kernelspec import install

    install(kernel_name=KERNEL_NAME, display_name="Python (PressLens)", prefix=sys.prefix)
    return KERNEL_NAME


def notebooks_in(folder: Path) -> list[Path]:
    """The notebooks to run, in number order (``NN-name.ipynb``)."""
    return sorted(p for p in folder.glob("[0-9][0-9]-*.ipynb") if not p.name.startswith("."))


def _failure(notebook: Path, exc: Exception) -> NotebookFailed:
    count = getattr(exc, "exec_count", None)
    source = (getattr(exc, "source", "") or "").strip().splitlines()
    first = source[0] if source else ""
    ename, evalue = getattr(exc, "ename", type(exc).__name__), getattr(exc, "evalue", str(exc))
    cell = f"cell [{count}]" if count else f"cell {getattr(exc, 'cell_index', '?')}"
    return NotebookFailed(f"notebook {notebook.name} failed in {cell} `{first}`: {ename}: {evalue}")


def run_notebook(notebook: Path, out: Path, params: dict[str, str]) -> Path:
    """Execute one notebook with papermill ``params`` into ``out`` (cwd: the notebook's folder).

    Raises:
        NotebookFailed: naming the notebook and the failing cell.
    """
    import papermill

    try:
        papermill.execute_notebook(
            str(notebook),
            str(out),
            parameters=params,
            kernel_name=ensure_kernel(),
            cwd=str(notebook.parent),
            progress_bar=False,
            log_output=False,
            kernel_manager_class=_ipc_kernel_manager(),
        )
    except papermill.PapermillExecutionError as exc:
        raise _failure(notebook, exc) from None
    return out


def run_notebooks(
    *,
    raw_dir: Path,
    processed_dir: Path,
    figures_dir: Path,
    reports_dir: Path,
    notebooks_dir: Path,
    progress: Callable[[str], None] | None = None,
    story: str | None = None,
) -> list[Path]:
    """Execute the notebooks, then write the HTML report. Returns the executed copies.

    ``progress`` (for instance ``print``) gets a line when each notebook starts and when it ends,
    with its number, how long it took and how many are left. ``story`` (a folder of
    ``data/stories/``, ``none`` or ``auto``) is passed to every notebook; None leaves each
    notebook to ``PRESSLENS_STORY``.

    Raises:
        NotebookFailed: naming the notebook and the failing cell; later notebooks are not run.
    """
    executed_dir = reports_dir / "executed"
    executed_dir.mkdir(parents=True, exist_ok=True)
    figures_dir.mkdir(parents=True, exist_ok=True)
    params = {
        "raw_dir": str(raw_dir),
        "processed_dir": str(processed_dir),
        "figures_dir": str(figures_dir),
    }
    if story:
        params["story"] = story
    notebooks = notebooks_in(notebooks_dir)
    done = []
    for i, notebook in enumerate(notebooks):
        started = time.perf_counter()
        if progress:
            progress(f"notebook {i + 1}/{len(notebooks)}: {notebook.name} ...")
        done.append(run_notebook(notebook, executed_dir / notebook.name, params))
        if progress:
            left = len(notebooks) - i - 1
            progress(
                f"notebook {i + 1}/{len(notebooks)}: {notebook.name} done in "
                f"{time.perf_counter() - started:.1f} s; {left} left"
            )
    write_report(done, reports_dir / "report.html", summary=_corpus_paragraph(processed_dir))
    return done


def _corpus_paragraph(processed_dir: Path) -> str:
    """The report's paragraph on the corpus (articles, outlets, dates), or "" without tables."""
    from analysis import corpus, overview

    try:
        c = corpus.load(processed_dir)
    except FileNotFoundError:
        return ""
    return overview.summary(c.articles, c.files)


def _says(output: nbformat.NotebookNode, text: str) -> bool:
    """Whether a cell output is exactly the Markdown ``text``."""
    return str(output.get("data", {}).get("text/markdown", "")).strip() == text.strip()


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The notebook's first Markdown heading, else ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


#: The report's template: JupyterLab's, without the scripts it loads from a CDN (require.js,
#: MathJax, Mermaid, widgets), so the page is self-contained and runs nothing.
REPORT_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def write_report(executed: list[Path], path: Path, *, summary: str = "") -> Path:
    """One HTML page of the executed notebooks without code cells or prompts: a title, the corpus
    paragraph ``summary``, a contents list linking each notebook's section, then each notebook's
    text, tables and figures in order.

    Self-contained (no script from a CDN) and sanitized: the whole page goes through
    :func:`analysis.markup.sanitize_html`, so markup in an outlet name, a title or a quote cannot
    run when the report opens (article text is also escaped where the notebooks write it).
    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    from analysis.markup import sanitize_html

    notebooks = [nbformat.read(p, as_version=4) for p in executed]
    titles = [_title(nb, p.stem) for nb, p in zip(notebooks, executed, strict=True)]
    merged = nbformat.v4.new_notebook()
    merged.metadata["title"] = "PressLens report"
    contents = "\n".join(
        f"{i}. [{t}](#{p.stem})" for i, (t, p) in enumerate(zip(titles, executed, strict=True), 1)
    )
    head = ["# PressLens report", summary, "## Contents", contents]
    merged.cells.append(nbformat.v4.new_markdown_cell("\n\n".join(h for h in head if h)))
    for nb, nb_path in zip(notebooks, executed, strict=True):
        merged.cells.append(
            nbformat.v4.new_markdown_cell(
                f'<hr>\n<a id="{nb_path.stem}"></a>\n\n*From notebook `{nb_path.name}`*'
            )
        )
        for cell in nb.cells:
            tags = cell.metadata.get("tags", [])
            if "injected-parameters" in tags or "parameters" in tags:
                continue  # the parameters cells are code: nothing to read
            if summary and cell.cell_type == "code":  # the corpus paragraph is said once, above
                cell.outputs = [o for o in cell.get("outputs", []) if not _says(o, summary)]
            merged.cells.append(cell)
    exporter = HTMLExporter(
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        # nbconvert's own sanitizer escapes the markup it renders from Markdown (headings, tables
        # shown as "<h1 ...>" text); the whole page goes through markup.sanitize_html instead
        sanitize_html=False,
        extra_loaders=[DictLoader({"report.html.j2": REPORT_TEMPLATE})],
        template_file="report.html.j2",
    )
    body, _ = exporter.from_notebook_node(merged)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(sanitize_html(body), encoding="utf-8")
    return path
