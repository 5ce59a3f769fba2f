"""Time the word-frequency analysis on a large corpus, from cached tables.

Ingests a JSON-lines corpus into its own folder (never ``data/processed``), once: later runs reuse the
parse. Then times, from the cached Parquet tables, what notebook 01 computes: loading the tables,
term counts per outlet (lemmas, 1-3-grams, own/quoted words apart), per-article counts, the log-odds
of every outlet against the rest, the framing lexicon and the entity mentions. Writes
``benchmarks/results/<name>.json`` and ``.md``.

Parsing with spaCy is the slow part (about 16 minutes for the 4,148 articles of
``middle_east.jsonl`` with two processes); run it in the background with ``nice``, or point
``--processed`` at tables ingested already:

    nice -n 19 .venv/bin/python benchmarks/frequency_bench.py --limit 300   # develop on a subset
    nice -n 19 .venv/bin/python benchmarks/frequency_bench.py --jobs 2      # the whole corpus
    .venv/bin/python benchmarks/frequency_bench.py --processed benchmarks/work/processed
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis import corpus, distinctive, entities, frequency, naming
from analysis.config import PATHS

DEFAULT_JSONL = PATHS.root.parent / "shared" / "corpora" / "middle_east.jsonl"
RESULTS = PATHS.root / "benchmarks" / "results"


def prepare(jsonl: Path, work: Path, limit: int | None, jobs: int) -> Path:
    """Put the corpus (or its first ``limit`` lines) in ``work/raw`` and ingest it into ``work/processed``."""
    raw = work / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    target = raw / (jsonl.name if limit is None else f"{jsonl.stem}_{limit}{jsonl.suffix}")
    if limit is None:
        if not target.exists():
            target.symlink_to(jsonl.resolve())
    else:
        with jsonl.open(encoding="utf-8") as src:
            lines = [line for _, line in zip(range(limit), src, strict=False)]
        if not target.exists() or target.read_text(encoding="utf-8") != "".join(lines):
            target.write_text("".join(lines), encoding="utf-8")
    out = work / "processed"
    cmd = [
        sys.executable,
        "-m",
        "analysis",
        "ingest",
        "--raw",
        str(raw),
        "--out",
        str(out),
        "--quiet",
        "--jobs",
        str(jobs),
    ]
    subprocess.run(cmd, check=True)
    return out


def timed(label: str, fn: Callable[[], object], timings: dict[str, float]) -> object:
    start = time.perf_counter()
    result = fn()
    timings[label] = round(time.perf_counter() - start, 3)
    print(f"{label:<48} {timings[label]:8.2f} s", flush=True)
    return result


def run(processed: Path) -> dict:
    """Time each step of the analysis on the tables in ``processed``."""
    t: dict[str, float] = {}
    c = timed("load tables", lambda: corpus.load(processed), t)
    counts = timed(
        "term counts by outlet (lemma, 1-3-grams, all words)",
        lambda: frequency.term_counts(c.tokens, c.articles, n=(1, 2, 3)),
        t,
    )
    timed(
        "term counts by outlet (lemma, 1-grams, own/quoted)",
        lambda: frequency.term_counts(c.tokens, c.articles, voice="split"),
        t,
    )
    timed(
        "term counts by article (lemma, 1-grams)",
        lambda: frequency.term_counts(c.tokens, c.articles, by="article"),
        t,
    )
    timed(
        "log-odds, every outlet vs the rest (1-3-grams)",
        lambda: distinctive.log_odds(counts, min_count=5),
        t,
    )
    found = timed("framing lexicon matches", lambda: naming.matches(c), t)
    timed("framing usage table", lambda: naming.usage(found), t)
    mentions = timed("entity mentions with alias merging", lambda: entities.mentions(c), t)
    timed("entities by outlet", lambda: entities.by_outlet(mentions), t)
    frequency_steps = [k for k in t if k.startswith(("load", "term", "log-odds"))]
    return {
        "articles": int(len(c.articles)),
        "outlets": int(c.articles["outlet_label"].nunique()),
        "tokens": int(len(c.tokens)),
        "term_rows_1_3_grams": int(len(counts)),
        "seconds": t,
        "seconds_frequency_and_log_odds": round(sum(t[k] for k in frequency_steps), 2),
        "seconds_total": round(sum(t.values()), 2),
    }


def write(result: dict, name: str) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    lines = [
        f"# Word-frequency benchmark: {result['corpus']}",
        "",
        f"{result['articles']:,} articles, {result['outlets']} outlets, {result['tokens']:,} tokens; "
        f"measured {result['measured']} on {result['machine']}.",
        "",
        "| step | seconds |",
        "|---|---:|",
        *[f"| {step} | {sec:.2f} |" for step, sec in result["seconds"].items()],
        f"| **frequency + log-odds (load included)** | **{result['seconds_frequency_and_log_odds']:.2f}** |",
        f"| **everything** | **{result['seconds_total']:.2f}** |",
        "",
        "Parsing is not timed here (it is cached): see the ingest line in the JSON.",
        "",
    ]
    (RESULTS / f"{name}.md").write_text("\n".join(lines), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jsonl", type=Path, default=DEFAULT_JSONL, help="the corpus (JSON lines)")
    parser.add_argument("--limit", type=int, default=None, help="use only the first N records")
    parser.add_argument(
        "--work", type=Path, default=None, help="folder for raw/ and processed/ (default /tmp/...)"
    )
    parser.add_argument(
        "--jobs", type=int, default=1, help="parse with this many processes (default 1)"
    )
    parser.add_argument("--name", default=None, help="results file name (default frequency[_N])")
    parser.add_argument(
        "--processed", type=Path, default=None,
        help="use the tables already ingested here (e.g. benchmarks/run.py's work/processed)",
    )  # fmt: skip
    args = parser.parse_args()
    if not args.jsonl.exists():
        print(
            f"error: {args.jsonl} not found (the shared corpora sit beside the project)",
            file=sys.stderr,
        )
        return 1
    suffix = f"_{args.limit}" if args.limit else ""
    work = args.work or Path("/tmp") / f"presslens_bench_{args.jsonl.stem}{suffix}"
    started = time.perf_counter()
    processed = args.processed or prepare(args.jsonl, work, args.limit, args.jobs)
    ingest_seconds = round(time.perf_counter() - started, 1)
    result = {
        "corpus": args.jsonl.name + (f" (first {args.limit} records)" if args.limit else ""),
        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()}, Python {platform.python_version()}, "
        f"pandas {pd.__version__}",
        "ingest_seconds_this_run": ingest_seconds,
        **run(processed),
    }
    write(result, args.name or f"frequency{suffix}")
    print(json.dumps({k: v for k, v in result.items() if k != "seconds"}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
