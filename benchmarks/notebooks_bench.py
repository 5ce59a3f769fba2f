"""Time every notebook on a large corpus, from its cached tables.

    python benchmarks/notebooks_bench.py --processed DIR [--raw DIR] [--work DIR] [--name NAME] [--out DIR]

``DIR`` is the ``--out`` folder of an earlier ``python -m analysis ingest`` (for instance the
``processed`` folder that ``benchmarks/run.py --work W`` leaves in ``W``). Each notebook runs once,
as ``make figures`` runs it (papermill, a fresh kernel), with its figures and executed copy written
under ``--work`` so the project's ``figures/`` stay those of the sample corpus. Writes
``<out>/<name>.md`` and ``.json`` (default ``benchmarks/results``): seconds per notebook, the corpus size and the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from pathlib import Path

import pandas as pd

from analysis import runner
from analysis.config import PATHS

RESULTS = Path(__file__).resolve().parent / "results"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--processed", type=Path, required=True, help="cached tables of the corpus")
    ap.add_argument("--raw", type=Path, default=None, help="its raw folder (default: beside it)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/presslens_notebooks_bench"))
    ap.add_argument("--name", default="notebooks")
    ap.add_argument("--out", type=Path, default=RESULTS, help="where the results go")
    args = ap.parse_args()
    articles = pd.read_parquet(args.processed / "articles.parquet", columns=["outlet_label"])
    params = {
        "raw_dir": str(args.raw or args.processed.parent / "raw"),
        "processed_dir": str(args.processed),
        "figures_dir": str(args.work / "figures"),
    }
    (args.work / "executed").mkdir(parents=True, exist_ok=True)
    seconds: dict[str, float] = {}
    for notebook in runner.notebooks_in(PATHS.notebooks):
        started = time.perf_counter()
        runner.run_notebook(notebook, args.work / "executed" / notebook.name, params)
        seconds[notebook.stem] = round(time.perf_counter() - started, 1)
        print(f"{notebook.stem:<28} {seconds[notebook.stem]:7.1f} s", flush=True)
    result = {
        "processed": str(args.processed),
        "articles": len(articles),
        "outlets": int(articles.outlet_label.nunique()),
        "machine": platform.platform(),
        "cores": os.cpu_count(),
        "seconds": seconds,
        "figures": str(args.work / "figures"),
    }
    md = [
        "# Notebooks on a large corpus, from cached tables",
        "",
        f"{result['articles']:,} articles from {result['outlets']} outlets; {result['machine']}, "
        f"{result['cores']} cores. Each notebook in a fresh kernel (papermill), kernel start included.",
        "",
        "| notebook | seconds |",
        "| --- | ---: |",
        *[f"| {name} | {secs:.1f} |" for name, secs in seconds.items()],
        "",
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.name}.md").write_text("\n".join(md), encoding="utf-8")
    (args.out / f"{args.name}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
