"""Fault battery: damage a real corpus ingest in every way issue 17 found, and see what happens.

Copies a corpus folder (default ``../shared/corpora/bbc/tech``) to a temporary folder, ingests it
once (the baseline), then for each fault starts from a copy of that baseline, applies the fault,
tries to read the tables (outcome before repair), ingests again and compares every table with the
baseline on the articles both have. Prints a Markdown table: fault, outcome, rows lost, message.

    PYTHONPATH=$PWD python benchmarks/faults.py [CORPUS_DIR] [--limit N] [--out results.md]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis import corpus, ingest, lock, pipeline, stages, store
from analysis.config import PATHS, Paths

STAGE_TABLES = ("sentence_sentiment", "claims", "quotes")
BATCH = 50


def snapshot(out: Path) -> dict[str, pd.DataFrame]:
    c = corpus.load(out)
    tables = {"articles": c.articles, "texts": c.texts, "paragraphs": c.paragraphs,
              "sentences": c.sentences, "tokens": c.tokens}  # fmt: skip
    tables.update({name: c.table(name) for name in STAGE_TABLES})
    return tables


def rows_lost(base: dict[str, pd.DataFrame], now: dict[str, pd.DataFrame]) -> int:
    """Rows of the baseline missing now, over every table, on the articles both have."""
    common = set(base["articles"]["article_id"]) & set(now["articles"]["article_id"])
    lost = 0
    for name, frame in base.items():
        before = frame["article_id"].isin(common).sum()
        after = now[name]["article_id"].isin(common).sum()
        lost += max(0, int(before - after))
    return lost


def read_outcome(out: Path) -> str:
    try:
        snapshot(out)
    except (store.IncompleteTables, FileNotFoundError) as exc:
        return f"refused: {str(exc)[:160]}"
    return "reads"


def run(raw: Path, out: Path, **kw) -> ingest.IngestStats:
    return ingest.run(raw, out, progress=False, batch_size=BATCH, **kw)


def short(text: str, n: int = 150) -> str:
    text = " ".join(str(text).split()).replace("|", "/")
    return text if len(text) <= n else text[: n - 1] + "…"


class Battery:
    def __init__(self, corpus_dir: Path, work: Path, limit: int | None) -> None:
        self.work = work
        self.raw0 = work / "raw0"
        self.raw0.mkdir()
        for path in sorted(corpus_dir.iterdir())[:limit]:
            shutil.copy2(path, self.raw0 / path.name)
        self.out0 = work / "out0"
        started = time.perf_counter()
        run(self.raw0, self.out0)
        self.clean_seconds = time.perf_counter() - started
        self.base = snapshot(self.out0)
        self.rows: list[tuple[str, str, str, str]] = []
        self.n = 0

    def fresh(self) -> tuple[Path, Path]:
        self.n += 1
        raw, out = self.work / f"raw{self.n}", self.work / f"out{self.n}"
        shutil.copytree(self.raw0, raw, symlinks=True)
        shutil.copytree(self.out0, out)
        return raw, out

    def add(self, fault: str, outcome: str, lost: object, message: str) -> None:
        self.rows.append((fault, outcome, str(lost), short(message)))
        print(f"{fault}: {outcome} / lost {lost} / {short(message, 100)}", flush=True)

    def damage(self, fault: str, harm) -> None:
        """Damage the output folder, read, ingest, compare."""
        raw, out = self.fresh()
        harm(out)
        before = read_outcome(out)
        stats = run(raw, out)
        now = snapshot(out)
        fixed = "; ".join(stats.repaired) or "-"
        self.add(fault, f"before repair {before.split(':')[0]}; next ingest rebuilt it "
                 f"({stats.articles_parsed} parsed)", rows_lost(self.base, now),
                 before if before != "reads" else fixed)  # fmt: skip


def first_part(out: Path, table: str) -> Path:
    return sorted((out / table).glob("*.parquet"))[0]


def battery(b: Battery) -> None:
    b.damage("one tokens part deleted", lambda out: first_part(out, "tokens").unlink())

    def tear(out: Path) -> None:
        p = first_part(out, "quotes")
        p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])

    b.damage("a quotes part truncated", tear)

    def tear_index(out: Path) -> None:
        p = out / store.INDEX_NAME
        p.write_text(p.read_text()[:500])

    b.damage("parts.json truncated", tear_index)

    def drop_text(out: Path) -> None:
        t = pd.read_parquet(out / "texts.parquet")
        t.iloc[1:].to_parquet(out / "texts.parquet")

    b.damage("texts without one article (kill between tables)", drop_text)

    def tear_articles(out: Path) -> None:
        p = out / "articles.parquet"
        p.write_bytes(p.read_bytes()[:100])

    b.damage("articles.parquet truncated", tear_articles)

    def drop_entry(out: Path) -> None:
        idx = json.loads((out / store.INDEX_NAME).read_text())
        key = sorted(idx["stages"]["claims"])[0]
        del idx["stages"]["claims"][key]
        (out / store.INDEX_NAME).write_text(json.dumps(idx))

    b.damage("claims parts of a half-done rerun", drop_entry)

    # delete one article and edit speakers.csv in the same rerun (the wedge)
    raw, out = b.fresh()
    lex = b.work / f"lex{b.n}"
    shutil.copytree(PATHS.lexicons, lex / "data" / "lexicons")
    saved = stages.PATHS
    stages.PATHS = Paths(lex)
    try:
        files = corpus.load(b.out0).files
        duplicated = set(files["duplicate_of"].dropna())  # an article with no second copy
        articles = b.base["articles"][~b.base["articles"]["file"].isin(duplicated)]
        gone, gone_id = raw / articles["file"].iloc[3], articles["article_id"].iloc[3]
        gone.unlink()
        with (lex / "data" / "lexicons" / "speakers.csv").open("a", encoding="utf-8") as fh:
            fh.write("New Person,New Person,person,\n")
        try:
            stats = run(raw, out)
            now = snapshot(out)
            left = sum(gone_id in set(t["article_id"]) for t in now.values())
            b.add("article deleted + speakers.csv edited", f"ingest ok, {len(now['articles'])} "
                  f"articles, the deleted one in {left} tables", rows_lost(b.base, now),
                  f"removed: {stats.removed_articles}")  # fmt: skip
        except Exception as exc:
            b.add("article deleted + speakers.csv edited", "ingest failed", "?", repr(exc))
    finally:
        stages.PATHS = saved

    # whitespace-only edit
    raw, out = b.fresh()
    target = sorted(raw.iterdir())[5]
    target.write_text(target.read_text(encoding="utf-8").replace(" ", "  ", 20), encoding="utf-8")
    stats = run(raw, out)
    c = corpus.load(out)
    bad = 0
    for aid in c.articles.loc[c.articles["file"] == target.name, "article_id"]:
        text = c.text_of(aid)
        toks = c.tokens[c.tokens["article_id"] == aid]
        bad += sum(
            text[s:e] != t for s, e, t in zip(toks["start"], toks["end"], toks["text"], strict=True)
        )
    b.add("whitespace-only edit", f"{stats.articles_parsed} re-parsed; {bad} token offsets stale",
          rows_lost(b.base, snapshot(out)), f"changed: {stats.changed_articles}")  # fmt: skip

    # kill -9 during a rerun (one article edited), right after each rewrite
    code = (
        "import sys; from analysis import ingest; "
        f"ingest.run(sys.argv[1], sys.argv[2], progress=False, batch_size={BATCH})"
    )
    env = {**os.environ, "PYTHONPATH": str(PATHS.root)}
    for point in ("tokens", "parts.json", "texts.parquet", "articles.parquet"):
        raw, out = b.fresh()
        target = sorted(raw.iterdir())[7]
        target.write_text(
            target.read_text(encoding="utf-8") + "\n\nAn added line.\n", encoding="utf-8"
        )
        seen = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
        proc = subprocess.Popen([sys.executable, "-c", code, str(raw), str(out)], env=env)

        def hit(point=point, out=out, seen=seen) -> bool:
            if point == "tokens":
                return any(p not in seen for p in (out / "tokens").glob("*.parquet"))
            p = out / point
            return p.exists() and p.stat().st_mtime_ns != seen.get(p)

        deadline = time.monotonic() + 600
        while proc.poll() is None and not hit() and time.monotonic() < deadline:
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        before = read_outcome(out)
        run(raw, out)
        b.add(f"kill -9 after a rerun writes {point}", f"load: {before.split(':')[0]}; "
              "next ingest healed", rows_lost(b.base, snapshot(out)), before)  # fmt: skip

    # two ingests at once
    raw, out = b.fresh()
    (raw / sorted(raw.iterdir())[0].name).write_text(
        "Edited\n\nA new body for this article, to parse.\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, str(raw), str(out)], env=env,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]  # fmt: skip
    results = [(p.wait(), p.stderr.read()) for p in procs]
    refused = [err.strip().splitlines()[-1] for rc, err in results if rc != 0]
    b.add("two ingests into one folder", f"exit codes {sorted(rc for rc, _ in results)}",
          rows_lost(b.base, snapshot(out)), refused[0] if refused else "none refused")  # fmt: skip

    raw, out = b.fresh()
    (out / lock.LOCK_NAME).write_text("999999999\n")
    stats = run(raw, out)
    b.add(
        "stale lock of a killed run", "cleared", rows_lost(b.base, snapshot(out)), stats.repaired[0]
    )

    # odd files
    raw, out = b.fresh()
    os.mkfifo(raw / "pipe.txt")
    os.symlink(raw / "pipe.txt", raw / "link.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(raw / "s.sock"))
    (raw / "oneline.txt").write_text("Title\n\n" + "word " * 900_000)
    with (raw / "huge.txt").open("wb") as fh:
        fh.truncate(200_000_000)
    sample = sorted(b.raw0.iterdir())[0].read_text(encoding="utf-8", errors="replace")
    (raw / "utf16.txt").write_bytes(sample.replace("the", "“the”", 1).encode("utf-16"))
    other = sorted(b.raw0.iterdir())[1].read_text(encoding="utf-8", errors="replace")
    (raw / "utf16nobom.txt").write_bytes(other.replace("the", "“the”", 1).encode("utf-16-le"))
    (raw / "stray.txt").write_bytes(
        ("Stray “byte” " + sample).encode("utf-8").replace(b" a ", b" \xff ", 1)
    )
    (raw / "page.txt").write_text("<!DOCTYPE html><html><head><title>Saved page</title></head><body><article>"
                                  + "".join(f"<p>{p}</p>" for p in sample.split("\n") if p.strip())
                                  + "</article></body></html>")  # fmt: skip
    for sub in ("x", "y"):
        (raw / sub).mkdir()
        (raw / sub / "001.txt").write_text(
            f"Same stem {sub}\n\nA body for the {sub} folder, long enough.\n"
        )
    inner = raw / "processed"
    try:
        stats = run(raw, out)
        run(raw, inner)
        inner_stats = run(raw, inner)
    finally:
        sock.close()
    rep = stats.report.set_index("file")
    for name in ("pipe.txt", "link.txt", "s.sock", "oneline.txt", "huge.txt", "utf16.txt",
                 "utf16nobom.txt", "stray.txt", "page.txt"):  # fmt: skip
        row = rep.loc[name]
        b.add(
            f"odd file: {name}",
            row["status"],
            "-",
            f"{row['encoding'] or ''} {row['format']}: {row['reason']}",
        )
    labels = (
        corpus.load(out).articles.set_index("file").loc[["x/001.txt", "y/001.txt"], "outlet_label"]
    )
    b.add("same stem in two folders", "distinct labels" if labels.nunique() == 2 else "same label",
          "-", "; ".join(labels))  # fmt: skip
    b.add(
        "output folder inside the raw folder",
        f"{inner_stats.files} files read",
        "-",
        "the processed folder is not read back"
        if inner_stats.files == stats.files
        else "read back!",
    )

    # a worker killed by the system (a stage that kills its own process on one article)
    raw, out = b.fresh()
    victim = sorted(raw.iterdir())[9]
    victim.write_text(
        victim.read_text(encoding="utf-8") + "\n\nPoisonWordHere.\n", encoding="utf-8"
    )
    real = pipeline.function

    def function(s):
        inner_fn = real(s)

        def wrapped(c):
            if s.name == "nlp" and c.texts["text"].str.contains("PoisonWordHere").any():
                os.kill(os.getpid(), signal.SIGKILL)
            return inner_fn(c)

        return wrapped

    pipeline.function = function
    try:
        stats = run(raw, out, jobs=2)
    finally:
        pipeline.function = real
    row = stats.report.set_index("file").loc[[victim.name]].iloc[0]
    reason, status = row["reason"], row["status"]
    b.add("worker process killed (jobs=2)", f"{stats.loaded} articles finished, the victim {status}",
          rows_lost(b.base, snapshot(out)), reason)  # fmt: skip

    # disk full while writing a part
    raw, out = b.fresh()
    target = sorted(raw.iterdir())[11]
    target.write_text(target.read_text(encoding="utf-8") + "\n\nMore text.\n", encoding="utf-8")
    import pyarrow.parquet as pq

    real_write = pq.write_table

    def full(*a, **k):
        raise OSError(28, "No space left on device")

    pq.write_table = full
    try:
        run(raw, out)
        message = "no error"
    except OSError as exc:
        message = f"{type(exc).__name__}: {exc}"
    finally:
        pq.write_table = real_write
    before = read_outcome(out)
    run(raw, out)
    b.add("disk full while writing", f"ingest stopped; load: {before.split(':')[0]}; next ingest ok",
          rows_lost(b.base, snapshot(out)), message)  # fmt: skip


def main() -> None:
    default = PATHS.root.parent / "shared" / "corpora" / "bbc" / "tech"
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=default)
    ap.add_argument("--limit", type=int, default=None, help="only the first N files")
    ap.add_argument("--out", type=Path, default=None, help="write the Markdown table here too")
    args = ap.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"{args.corpus} not found: this benchmark needs a corpus folder (../shared)")
    with tempfile.TemporaryDirectory(prefix="presslens-faults-") as tmp:
        b = Battery(args.corpus, Path(tmp), args.limit)
        battery(b)
    head = (f"Corpus: {args.corpus.name} ({len(b.base['articles'])} articles loaded), clean "
            f"ingest {b.clean_seconds:.0f} s, batch size {BATCH}.\n\n"
            "| fault | outcome | rows lost | message |\n| --- | --- | --- | --- |\n")  # fmt: skip
    table = head + "".join(f"| {f} | {o} | {n} | {m} |\n" for f, o, n, m in b.rows)
    print(table)
    if args.out:
        args.out.write_text(table)


if __name__ == "__main__":
    main()
