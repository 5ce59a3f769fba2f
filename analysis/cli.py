"""The ``presslens`` command line (also ``python -m analysis``): ingest, show, run, claims, quotes.

Errors are reported as one clear line on stderr with a non-zero exit code, never as a traceback.
This module imports only the standard library at the top, so that a Python without the
project's dependencies (outside ``.venv``) gets one line saying to run the set-up command.

Example:
    $ presslens ingest
    $ presslens show data/raw/000_788efbf25b089b4e.txt --format json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.config import PATHS, SETUP_COMMAND

if TYPE_CHECKING:
    import pandas as pd

    from analysis.corpus import Corpus
    from analysis.ingest import IngestStats


def _fail(message: str, code: int = 1) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _no_such_path(path: object, what_to_do: str) -> int:
    return _fail(f"{path}: no such file or folder; {what_to_do}")


def _not_loaded(row: object) -> str:
    """One line for a row of the ``files`` table that was not loaded (rejected, duplicate)."""
    import pandas as pd

    where = row.file if pd.isna(row.record) else f"{row.file} record {row.record}"
    return f"{where}: not loaded ({row.status}: {row.reason})"


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
        lines.append(f"  {_not_loaded(row)}")
    if len(problems) > 20:
        lines.append(f"  ... and {len(problems) - 20} more (see the report)")
    lines.append(f"Tables in {out_dir}; report in {out_dir / 'ingest_report.csv'}")
    return "\n".join(lines)


def cmd_ingest(args: argparse.Namespace) -> int:
    from analysis import ingest

    _use_story(args)
    raw = Path(args.raw or PATHS.raw)
    out = Path(args.out or PATHS.processed)
    if raw.exists() and not raw.is_dir():
        return _fail(f"--raw {raw} is a file, expected a folder of article files")
    if out.exists() and not out.is_dir():
        return _fail(f"--out {out} is a file, expected a folder for the tables")
    if not raw.is_dir():
        return _no_such_path(raw, "put article files there or pass --raw DIR")
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
        return _fail(f"{raw}: no article could be loaded; see the reasons above")
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


def _raw_root(path: Path) -> Path:
    """The raw folder ``path`` belongs to, so that ``show`` reads it as ingest does: the nearest
    folder above it holding a manifest (``sources.csv``), else ``data/raw`` when it lies there,
    else its own folder."""
    from analysis.ingest import MANIFEST_NAME

    resolved = path.resolve()
    for folder in resolved.parents:
        if (folder / MANIFEST_NAME).is_file():
            return folder
    return PATHS.raw if PATHS.raw.resolve() in resolved.parents else resolved.parent


def cmd_show(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if not path.exists():
        return _no_such_path(path, "give a file of articles")
    from analysis import ingest

    c = ingest.build([path], parse=False, raw_dir=_raw_root(path))
    if c.articles.empty:
        row = next(c.files.itertuples(index=False))
        return _fail(_not_loaded(row._replace(file=str(path))))  # named as the user gave it
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
            progress=None if args.quiet else lambda line: print(line, file=sys.stderr, flush=True),
        )
    except runner.NotebookFailed as exc:
        return _fail(str(exc))
    print(
        f"Executed {len(done)} notebook(s); figures in {PATHS.figures}; report at {PATHS.reports / 'report.html'}"
    )
    return 0


#: The narrowest a wrapped column gets: below it a word breaks every few letters.
MIN_COLUMN_WIDTH = 8
#: A wrapped column is kept as wide as its longest word up to this ("approximately" fits; a URL
#: breaks), so that words stay whole.
MAX_WORD_WIDTH = 16
COLUMN_GAP = "  "


def _integral_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns whose values are all whole numbers (counts with gaps) as nullable integers."""
    import pandas as pd

    out = frame.copy()
    for col in out.columns:
        values = out[col]
        if pd.api.types.is_float_dtype(values) and (values.dropna() % 1 == 0).all():
            out[col] = values.astype("Int64")
    return out


def _cell(value: object) -> str:
    """A table cell: empty for a missing value, lists joined by commas."""
    import pandas as pd

    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return "" if value is None or pd.isna(value) else str(value)


def _column_widths(cells: pd.DataFrame, width: int) -> dict[str, int]:
    """Column widths for a table at most ``width`` wide.

    Columns of single words (ids, numbers, categories) keep their full width; columns of text
    (any cell with a space) share what is left in proportion to their longest cell, none
    narrower than its longest word (within :data:`MIN_COLUMN_WIDTH` and :data:`MAX_WORD_WIDTH`).
    When single-word columns alone leave no room, every column is shared that way; a terminal
    too narrow even then gets lines that overflow.
    """
    natural = {c: max([len(c), *cells[c].str.len()]) for c in cells.columns}
    wrap = [c for c in cells.columns if cells[c].str.contains(" ", regex=False).any()]
    gaps = len(COLUMN_GAP) * (len(natural) - 1)
    room = width - gaps - sum(natural[c] for c in natural if c not in wrap)
    if room < MIN_COLUMN_WIDTH * len(wrap):
        wrap, room = list(natural), width - gaps
    widths = dict(natural)
    remaining = sorted(wrap, key=lambda c: natural[c])
    while remaining:  # narrowest first, so what a short column does not use goes to the longer
        col = remaining.pop(0)
        share = room * natural[col] // (natural[col] + sum(natural[c] for c in remaining))
        longest_word = max(len(w) for v in [col, *cells[col]] for w in v.split() or [""])
        floor = min(max(longest_word, MIN_COLUMN_WIDTH), MAX_WORD_WIDTH)
        widths[col] = min(natural[col], max(share, floor))
        room -= widths[col]
    return widths


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width``; a header breaks after its underscores."""
    import textwrap

    if " " not in text and "_" in text:
        parts = textwrap.wrap(text.replace("_", "_ "), width + text.count("_"))
        if all(len(p.replace("_ ", "_")) <= width for p in parts):
            return [p.replace("_ ", "_") for p in parts]
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def format_table(frame: pd.DataFrame, *, width: int) -> str:
    """``frame`` as a plain-text table at most ``width`` characters wide.

    Every cell is wrapped in its column, never cut; empty cells are empty; whole-number columns
    print as integers. A ``file`` column becomes a heading over that file's records. Records
    that take more than one line are separated by a blank line.

    Example:
        >>> frame = pd.DataFrame({"n": [2500.0, None], "text": ["a b c", "d"]})
        >>> print(format_table(frame, width=12))
        n     text
        ----  --------
        2500  a b c
        <BLANKLINE>
              d
    """
    if frame.empty:
        return "(no records)"
    cells = _integral_columns(frame).map(_cell)
    files = cells.pop("file") if "file" in cells.columns and len(cells.columns) > 1 else None
    widths = _column_widths(cells, width)

    def lines_of(values: Sequence[str]) -> list[str]:
        wrapped = [_wrap(v, widths[c]) for c, v in zip(cells.columns, values, strict=True)]
        return [
            COLUMN_GAP.join(
                (w[i] if i < len(w) else "").ljust(widths[c])
                for c, w in zip(cells.columns, wrapped, strict=True)
            ).rstrip()
            for i in range(max(map(len, wrapped)))
        ]

    records = [lines_of(list(r)) for r in cells.itertuples(index=False)]
    spaced = any(len(r) > 1 for r in records)
    out = lines_of(list(cells.columns)) + [COLUMN_GAP.join("-" * widths[c] for c in cells.columns)]
    previous = None
    for i, record in enumerate(records):
        if files is not None and files.iloc[i] != previous:
            previous = files.iloc[i]
            out += ["", f"{previous}:"] if i else [f"{previous}:"]
        elif spaced and i:
            out.append("")
        out += record
    return "\n".join(out)


def _print_records(frame: pd.DataFrame, fmt: str) -> None:
    import pandas as pd

    frame = _integral_columns(frame)
    if fmt == "jsonl":
        for rec in frame.to_dict(orient="records"):
            clean = {
                k: (None if not isinstance(v, list | dict) and pd.isna(v) else v)
                for k, v in rec.items()
            }
            print(json.dumps(clean, ensure_ascii=False, default=str))
    elif fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
    else:
        print(format_table(frame, width=shutil.get_terminal_size().columns))


def _in_input_order(records: pd.DataFrame, articles: pd.DataFrame, offset_col: str) -> pd.DataFrame:
    """``records`` in the order their articles were read (the order of the paths given, a
    folder's files sorted by name), then by offset."""
    rank = {aid: i for i, aid in enumerate(articles["article_id"])}
    order = records["article_id"].map(rank)
    return (
        records.assign(_order=order)
        .sort_values(["_order", offset_col], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


class TableCommand:
    """``claims`` or ``quotes``: records of every article in the paths, in their order."""

    def __init__(
        self,
        module: str,
        function: str,
        *,
        default_columns: Sequence[str],
        offset_col: str,
    ) -> None:
        self.module, self.function = module, function
        self.default_columns, self.offset_col = list(default_columns), offset_col

    def _module(self) -> object:
        import importlib

        return importlib.import_module(f"analysis.{self.module}")

    def all_columns(self) -> list[str]:
        """Every field of the JSON output: the analysis module's ``COLUMNS``."""
        return list(self._module().COLUMNS)

    def extract(self, c: object) -> pd.DataFrame:
        """The analysis on corpus ``c`` (``claims.extract``, ``quotes.attribute``)."""
        return getattr(self._module(), self.function)(c)

    def __call__(self, args: argparse.Namespace) -> int:
        for path in args.paths:  # before any heavy import: a typo is answered at once
            if not Path(path).exists():
                return _no_such_path(path, "give a file or folder of articles")
        from analysis import ingest

        known = self.all_columns()
        columns = self._columns(args, known)
        unknown = [c for c in columns if c not in known]
        if unknown:
            return _fail(
                f"--columns: no column {', '.join(unknown)}; choose from {','.join(known)}"
            )
        c = ingest.build(args.paths)
        for row in c.files[c.files["status"] != "loaded"].itertuples(index=False):
            print(f"warning: {_not_loaded(row)}", file=sys.stderr)
        if c.articles.empty:
            return _fail(f"{' '.join(args.paths)}: no article could be loaded")
        records = _in_input_order(self.extract(c), c.articles, self.offset_col)
        _print_records(records.reindex(columns=columns), args.format)
        return 0

    def _columns(self, args: argparse.Namespace, known: list[str]) -> list[str]:
        if args.columns == "all":
            return known
        if args.columns:
            return [c.strip() for c in args.columns.split(",") if c.strip()]
        return self.default_columns if args.format == "table" else known


CLAIMS = TableCommand(
    "claims",
    "extract",
    default_columns=[
        "file",
        "category",
        "value",
        "qualifier",
        "text",
        "time_anchor",
        "attributed_to",
        "start",
    ],  # fmt: skip
    offset_col="start",
)
QUOTES = TableCommand(
    "quotes",
    "attribute",
    default_columns=[
        "file",
        "kind",
        "speaker_canonical",
        "cue",
        "content",
        "content_start",
    ],  # fmt: skip
    offset_col="content_start",
)


def parser() -> argparse.ArgumentParser:
    """The argument parser (``presslens --help``)."""
    p = argparse.ArgumentParser(
        prog="presslens",
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
            help="worker processes for the per-article analysis (default: all cores, %(default)s here)",
        )  # fmt: skip
        sp.add_argument(
            "--engine", choices=["local", "dask"], default="local",
            help="run the per-article stages here or on a Dask cluster (needs presslens[dask]; "
            "default: %(default)s)",
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
    sp.add_argument("file", help="an article file (.txt, .md, .html, .json, .jsonl, .csv)")
    sp.add_argument(
        "--format", choices=["text", "json"], default="text",
        help="a report to read, or JSON with every offset (default: %(default)s)",
    )  # fmt: skip
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

    for name, command, what in (
        ("claims", CLAIMS, "numeric claims: troops, attacks, strikes, casualties, bases"),
        ("quotes", QUOTES, "quote attribution: who is quoted saying what"),
    ):
        sp = sub.add_parser(name, help=what, description=what)
        sp.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
        sp.add_argument(
            "--format", choices=["table", "jsonl", "csv"], default="table",
            help="a table fitted to the terminal, or every field as JSON lines or CSV "
            "(default: %(default)s)",
        )  # fmt: skip
        sp.add_argument(
            "--columns", metavar="A,B,...",
            help="the fields to print, comma-separated: any field of --format jsonl, or 'all' "
            f"(default for the table: {', '.join(command.default_columns)}; for jsonl and csv: all)",
        )  # fmt: skip
        sp.set_defaults(func=command)
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
    except ModuleNotFoundError as exc:
        if (exc.name or "").partition(".")[0] == "analysis":
            raise  # a bug in the package, not a missing dependency
        return _fail(
            f"{exc.name} is not installed in this Python ({sys.executable}); "
            f"run `{SETUP_COMMAND}` in {PATHS.root}, then `source .venv/bin/activate`"
        )
    except Exception as exc:  # a last resort: one line, not a traceback
        return _fail(f"{type(exc).__name__}: {exc}")
