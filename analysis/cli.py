"""The ``python -m analysis`` command line: ingest, show, run, claims, quotes.

Errors are reported as one clear line on stderr with a non-zero exit code, never as a traceback.

Example:
    $ python -m analysis ingest
    $ python -m analysis show data/raw/000_788efbf25b089b4e.txt --format json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis.config import PATHS

if TYPE_CHECKING:
    from analysis.corpus import Corpus
    from analysis.ingest import IngestStats


def _fail(message: str, code: int = 1) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _summary(stats: IngestStats, out_dir: Path, files: pd.DataFrame) -> str:
    lines = [
        f"Ingested {stats.files} file(s) in {stats.seconds:.2f} s: "
        f"{stats.loaded} article(s) loaded, {stats.duplicates} duplicate(s) skipped, {stats.rejected} rejected.",
        f"  read {stats.files_read} file(s), {stats.files_cached} unchanged (from cache); "
        f"parsed {stats.articles_parsed} new article(s) with spaCy.",
    ]
    if stats.manifest_rows:
        lines.append(f"  manifest sources.csv: {stats.manifest_rows} row(s)")
    for name in stats.manifest_unmatched:
        lines.append(f"  warning: manifest names '{name}', which is not in the raw folder")
    problems = files[files["status"] != "loaded"]
    for row in problems.head(20).itertuples(index=False):
        where = row.file if pd.isna(row.record) else f"{row.file} record {row.record}"
        lines.append(f"  {row.status}: {where}: {row.reason}")
    if len(problems) > 20:
        lines.append(f"  ... and {len(problems) - 20} more (see the report)")
    lines.append(f"Tables in {out_dir}; report in {out_dir / 'ingest_report.csv'}")
    return "\n".join(lines)


def cmd_ingest(args: argparse.Namespace) -> int:
    from analysis import ingest

    _use_story(args)
    raw = Path(args.raw or PATHS.raw)
    out = Path(args.out or PATHS.processed)
    if not raw.is_dir():
        return _fail(f"raw folder {raw} does not exist; put article files there or pass --raw DIR")
    stats = ingest.run(
        raw,
        out,
        progress=not args.quiet,
        jobs=args.jobs,
        engine=args.engine,
        scheduler=args.scheduler,
    )
    print(_summary(stats, out, stats.report))
    if stats.loaded == 0:
        return _fail("no article could be loaded from " + str(raw))
    return 0


def _show_record(c: Corpus, article: pd.Series) -> dict:
    aid = article["article_id"]
    paras = c.paragraphs[c.paragraphs["article_id"] == aid]
    removed = c.removed[c.removed["article_id"] == aid]
    return {
        "file": article["file"],
        "article_id": aid,
        "outlet": article["outlet"],
        "outlet_label": article["outlet_label"],
        "outlet_source": article["outlet_source"],
        "title": article["title"],
        "author": article["author"],
        "published": article["published"],
        "source_line": article["source_line"],
        "standfirst": article["standfirst"],
        "tags": list(article["tags"]) if article["tags"] is not None else [],
        "url": article["url"],
        "paragraphs": [
            {"kind": p.kind, "text": p.text, "spans": [[int(s), int(e)] for s, e in p.spans]}
            for p in paras.itertuples(index=False)
        ],
        "removed": [
            {"text": r.text, "start": int(r.start), "end": int(r.end), "reason": r.reason}
            for r in removed.itertuples(index=False)
        ],
    }


def cmd_show(args: argparse.Namespace) -> int:
    from analysis import ingest

    path = Path(args.file)
    if not path.exists():
        return _fail(f"{path} does not exist")
    c = ingest.build([path], parse=False)
    if c.articles.empty:
        reasons = "; ".join(c.files["reason"].astype(str))
        return _fail(f"{path}: not loaded ({reasons})")
    records = [_show_record(c, row) for _, row in c.articles.iterrows()]
    if args.format == "json":
        out = records[0] if len(records) == 1 else records
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    for rec in records:
        print(f"{rec['file']}  (article {rec['article_id']})")
        for key in ("outlet_label", "title", "author", "published", "source_line", "url"):
            print(f"  {key:<12} {rec[key] if rec[key] is not None else '-'}")
        print(f"  {'tags':<12} {', '.join(rec['tags']) or '-'}")
        print()
        for p in rec["paragraphs"]:
            spans = ", ".join(f"{s}-{e}" for s, e in p["spans"])
            print(f"  [{p['kind']} {spans}] {p['text']}")
        print(f"\n  removed {len(rec['removed'])} stretch(es):")
        for r in rec["removed"]:
            text = r["text"] if len(r["text"]) <= 70 else r["text"][:67] + "..."
            print(f"    {r['start']:>6}-{r['end']:<6} {r['reason']:<34} {text}")
    return 0


def _use_story(args: argparse.Namespace) -> None:
    """``--story`` for this process, its workers and the notebook kernels (``PRESSLENS_STORY``)."""
    if getattr(args, "story", None):
        os.environ["PRESSLENS_STORY"] = args.story


def cmd_story_draft(args: argparse.Namespace) -> int:
    import tempfile

    from analysis import corpus, entities, ingest, story

    raw = Path(args.raw or PATHS.raw)
    if not raw.is_dir():
        return _fail(f"raw folder {raw} does not exist")
    folder = PATHS.story(args.name)
    with tempfile.TemporaryDirectory() as tmp:
        processed = Path(args.out) if args.out else Path(tmp)
        ingest.run(raw, processed, progress=not args.quiet, jobs=args.jobs)
        found = entities.mentions(corpus.load(processed))
    try:
        written = story.draft(found, folder)
    except FileExistsError as exc:
        return _fail(str(exc))
    print(f"Drafted story '{args.name}' in {folder}: {', '.join(p.name for p in written)}.")
    print("Edit the lists (merge names, fill in affiliations, drop what is not the story), then")
    print(
        f"rerun with `python -m analysis run --story {args.name}` (or PRESSLENS_STORY={args.name})."
    )
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from analysis import runner

    _use_story(args)
    if cmd_ingest(args) != 0:
        return 1
    try:
        done = runner.run_notebooks(
            raw_dir=Path(args.raw or PATHS.raw),
            processed_dir=Path(args.out or PATHS.processed),
            figures_dir=PATHS.figures,
            reports_dir=PATHS.reports,
            notebooks_dir=PATHS.notebooks,
        )
    except runner.NotebookFailed as exc:
        return _fail(str(exc))
    print(
        f"Executed {len(done)} notebook(s); figures in {PATHS.figures}; report at {PATHS.reports / 'report.html'}"
    )
    return 0


def _print_table(frame: pd.DataFrame, columns: Sequence[str], fmt: str) -> None:
    frame = frame.reindex(columns=list(columns))
    if fmt == "jsonl":
        for rec in frame.to_dict(orient="records"):
            clean = {
                k: (None if not isinstance(v, list | dict) and pd.isna(v) else v)
                for k, v in rec.items()
            }
            print(json.dumps(clean, ensure_ascii=False, default=str))
    elif fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
    else:  # a terminal table: long texts cut to 50 characters (jsonl and csv keep them whole)
        short = frame.map(lambda v: v[:49] + "…" if isinstance(v, str) and len(v) > 50 else v)
        print(short.to_string(index=False) if len(frame) else "(no records)")


def _table_command(extract: Callable[[object], pd.DataFrame], columns: Sequence[str]) -> Callable:
    def command(args: argparse.Namespace) -> int:
        from analysis import ingest

        missing = [p for p in args.paths if not Path(p).exists()]
        if missing:
            return _fail(f"not found: {', '.join(missing)}")
        c = ingest.build(args.paths)
        for row in c.files[c.files["status"] != "loaded"].itertuples(index=False):
            print(f"note: {row.file}: {row.status}: {row.reason}", file=sys.stderr)
        _print_table(extract(c), columns, args.format)
        return 0

    return command


CLAIM_COLUMNS = [
    "file", "article_id", "category", "value", "value_max", "qualifier", "location", "subject",
    "attributed_to", "text", "start", "end",
]  # fmt: skip


def _claims(c: Corpus) -> pd.DataFrame:
    from analysis import claims

    return claims.extract(c)


QUOTE_COLUMNS = [
    "file", "article_id", "kind", "speaker", "speaker_canonical", "speaker_type", "affiliation",
    "cue", "content", "content_start", "content_end",
]  # fmt: skip


def _quotes(c: Corpus) -> pd.DataFrame:
    from analysis import quotes

    return quotes.attribute(c)


def parser() -> argparse.ArgumentParser:
    """The argument parser (``python -m analysis --help``)."""
    p = argparse.ArgumentParser(
        prog="python -m analysis",
        description="PressLens: compare how news outlets cover the same story.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_dirs(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--raw", metavar="DIR", help="folder of article files (default: data/raw)")
        sp.add_argument(
            "--out", metavar="DIR", help="folder for the tables (default: data/processed)"
        )
        sp.add_argument("--quiet", action="store_true", help="no progress bar")
        sp.add_argument(
            "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
            help="worker processes for the per-article analysis (default: all cores)",
        )  # fmt: skip
        sp.add_argument(
            "--engine", choices=["local", "dask"], default="local",
            help="run the per-article stages here or on a Dask cluster (needs presslens[dask])",
        )  # fmt: skip
        sp.add_argument(
            "--scheduler", metavar="ADDRESS", help="Dask scheduler address (--engine dask)"
        )
        sp.add_argument(
            "--story", metavar="NAME",
            help="story lists from data/stories/NAME, 'none', or 'auto' (default: PRESSLENS_STORY, else auto)",
        )  # fmt: skip

    sp = sub.add_parser("ingest", help="load data/raw into clean, parsed tables (incremental)")
    with_dirs(sp)
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser("show", help="show how one file was parsed")
    sp.add_argument("file")
    sp.add_argument("--format", choices=["text", "json"], default="text")
    sp.set_defaults(func=cmd_show)

    sp = sub.add_parser(
        "run", help="ingest, execute every notebook, export figures and the HTML report"
    )
    with_dirs(sp)
    sp.set_defaults(func=cmd_run)

    sp = sub.add_parser("story", help="story folders: draft one from a corpus")
    story_sub = sp.add_subparsers(dest="story_command", required=True, metavar="ACTION")
    sp = story_sub.add_parser(
        "draft", help="write data/stories/NAME/ drafted from a corpus, for you to edit"
    )
    sp.add_argument("--raw", metavar="DIR", help="folder of article files (default: data/raw)")
    sp.add_argument("--name", required=True, help="the story folder's name")
    sp.add_argument(
        "--out", metavar="DIR", help="keep the processed tables here (default: a temp folder)"
    )
    sp.add_argument("--quiet", action="store_true", help="no progress bar")
    sp.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N")
    sp.set_defaults(func=cmd_story_draft)

    sp = sub.add_parser(
        "claims", help="numeric claims: troops, attacks, strikes, casualties, bases"
    )
    sp.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    sp.add_argument("--format", choices=["jsonl", "csv", "table"], default="table")
    sp.set_defaults(func=_table_command(_claims, CLAIM_COLUMNS))

    sp = sub.add_parser("quotes", help="quote attribution: who is quoted saying what")
    sp.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    sp.add_argument("--format", choices=["jsonl", "csv", "table"], default="table")
    sp.set_defaults(func=_table_command(_quotes, QUOTE_COLUMNS))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a last resort: one line, not a traceback
        return _fail(f"{type(exc).__name__}: {exc}")
