"""The table store: where the per-article stage tables live on disk, how they are checked and read.

A batch's output is one Parquet *part* per table under ``<processed>/<table>/``, named by the
stage's version and the batch's articles, and recorded in ``<processed>/parts.json`` (the
:class:`Index`) with each article's *fingerprint* (a hash of the exact text and paragraphs the
stage read) and each part's row count and size. The index is written last and atomically; the
ingest ends by *committing* it (:func:`commit`): the fingerprint of every loaded article and the
size of every ingest table. Reading checks all of it: :func:`read_table` returns a table only
when every loaded article has an intact current part, else raises :class:`IncompleteTables`
naming what is missing and the command that repairs it; it never returns fewer rows.
:func:`check_ingest_tables` does the same for the ingest tables at :func:`analysis.corpus.load`.

Example:
    >>> read_table("claims", processed_dir, articles)  # doctest: +SKIP
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from analysis import atomic, stages

INDEX_NAME = "parts.json"
REPAIR = "Run `python -m analysis ingest` to rebuild it"
#: Tables an ingest writes whole, and which :func:`commit` records.
INGEST_TABLES = ("files", "articles", "paragraphs", "removed", "texts")


class IncompleteTables(FileNotFoundError):
    """A table cannot be read whole: the message names what is missing and how to repair it."""


@dataclass
class Index:
    """What parts exist: stage -> batch key -> {"version", "articles", "fingerprints", "parts"};
    ``committed``: the fingerprints and ingest-table sizes of the last completed ingest."""

    path: Path
    stages: dict[str, dict[str, dict]] = field(default_factory=dict)
    committed: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, processed_dir: Path, *, repair: bool = False) -> Index:
        """The index of ``processed_dir`` (empty when there is none).

        Raises:
            IncompleteTables: when ``parts.json`` is unreadable, unless ``repair`` (an ingest
                about to rebuild it), which starts from an empty index and records the problem.
        """
        path = processed_dir / INDEX_NAME
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except (ValueError, UnicodeDecodeError) as exc:
            why = f"{path} is unreadable (truncated or corrupt: {exc})"
            if not repair:
                raise IncompleteTables(f"{why}. {REPAIR}.") from None
            return cls(path, problems=[f"{why}: every part is checked and rebuilt"])
        if "stages" not in data:  # the index of an older version: stage entries only
            data = {"stages": data}
        return cls(path, data.get("stages", {}), data.get("committed", {}))

    def write(self) -> None:
        """Write the index atomically."""
        body = {"stages": self.stages, "committed": self.committed}
        atomic.write_text(self.path, json.dumps(body, indent=1, sort_keys=True))

    def entries(self, stage: str, version: str) -> dict[str, dict]:
        """Batch key -> index entry of the parts of ``stage`` at ``version``."""
        return {
            key: entry
            for key, entry in self.stages.get(stage, {}).items()
            if entry.get("version") == version
        }

    def record(
        self,
        stage: str,
        key: str,
        version: str,
        fingerprints: dict[str, str],
        paths: dict[str, Path],
    ) -> None:
        """Record the parts of one batch (``paths``: table -> part just written)."""
        self.stages.setdefault(stage, {})[key] = {
            "version": version,
            "articles": list(fingerprints),
            "fingerprints": dict(fingerprints),
            "parts": {table: _measure(path) for table, path in paths.items()},
        }

    def broken(self, processed_dir: Path, stage: str, key: str, tables: Iterable[str]) -> list[str]:
        """What is wrong with the parts of one batch: missing, torn or unreadable files."""
        entry = self.stages[stage][key]
        found = []
        for table in tables:
            path = part_path(processed_dir, table, entry["version"], key)
            problem = _part_problem(path, entry.get("parts", {}).get(table))
            if problem:
                found.append(f"{path.relative_to(processed_dir)} {problem}")
        return found

    def drop_broken(self, processed_dir: Path) -> list[str]:
        """Forget every batch whose parts are not intact (an NLP part takes the batch's later
        stages with it, which build on it), so an ingest rebuilds them; returns what was wrong."""
        found = list(self.problems)
        for name in [s.name for s in stages.STAGES]:
            for key in list(self.stages.get(name, {})):
                entry = self.stages[name][key]
                problems = self.broken(processed_dir, name, key, stages.stage(name).tables)
                if "fingerprints" not in entry:
                    problems.append(f"{name} batch {key} (made by an older version)")
                if not problems:
                    continue
                found.extend(problems)
                dropped = [n for n in self.stages if name == "nlp" or n == name]
                for n in dropped:
                    self.stages.get(n, {}).pop(key, None)
        return found


def _measure(path: Path) -> dict[str, int]:
    return {"rows": pq.read_metadata(path).num_rows, "bytes": path.stat().st_size}


def _part_problem(path: Path, recorded: dict | None) -> str | None:
    if not path.exists():
        return "is missing"
    size = path.stat().st_size
    if recorded and size != recorded["bytes"]:
        return f"is torn ({size} bytes, the index records {recorded['bytes']})"
    try:
        rows = pq.read_metadata(path).num_rows
    except Exception as exc:
        return f"is unreadable ({exc})"
    if recorded and rows != recorded["rows"]:
        return f"has {rows} rows, the index records {recorded['rows']}"
    return None


def part_path(processed_dir: Path, table: str, version: str, key: str) -> Path:
    """Where one batch's part of ``table`` lives."""
    return processed_dir / table / f"{version}-{key}.parquet"


def commit(processed_dir: Path, fingerprints: dict[str, str]) -> None:
    """Record a completed ingest: every loaded article's fingerprint and the size of every ingest
    table, written last (so tables replaced by a run that was then killed do not match)."""
    index = Index.read(processed_dir)
    sizes = {t: (processed_dir / f"{t}.parquet").stat().st_size for t in INGEST_TABLES}
    index.committed = {"fingerprints": fingerprints, "bytes": sizes}
    index.write()


def _incomplete(processed_dir: Path, what: str) -> IncompleteTables:
    return IncompleteTables(f"The tables in {processed_dir} are incomplete: {what}. {REPAIR}.")


def read_ingest_table(processed_dir: Path, table: str) -> pd.DataFrame:
    """One ingest table (``articles``, ``texts``...).

    Raises:
        IncompleteTables: naming the file, when it is truncated or corrupt.
    """
    path = processed_dir / f"{table}.parquet"
    try:
        return pd.read_parquet(path)
    except Exception as exc:
        raise _incomplete(processed_dir, f"{path.name} is unreadable ({exc})") from None


def check_ingest_tables(processed_dir: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Check the ingest tables against the last commit and against each other: every article has
    its text and paragraphs, every loaded file its article, and no table changed since.

    Raises:
        IncompleteTables: naming what does not match.
    """
    index = Index.read(processed_dir)
    recorded = index.committed.get("bytes")
    if not recorded:
        raise _incomplete(processed_dir, "no ingest was completed into this folder")
    for table, size in recorded.items():
        actual = (processed_dir / f"{table}.parquet").stat().st_size
        if actual != size:
            raise _incomplete(
                processed_dir,
                f"{table}.parquet has {actual} bytes, the last completed ingest wrote {size} "
                "(an ingest was interrupted)",
            )
    ids = set(tables["articles"]["article_id"])
    loaded = tables["files"].loc[tables["files"]["status"] == "loaded", "article_id"]
    for name, other in (("texts", tables["texts"]["article_id"]),
                        ("paragraphs", tables["paragraphs"]["article_id"]),
                        ("files", loaded)):  # fmt: skip
        theirs = set(other)
        if theirs != ids:
            raise _incomplete(
                processed_dir,
                f"{name} covers {len(theirs & ids)} of {len(ids)} articles and "
                f"{len(theirs - ids)} article(s) not in the articles table",
            )


def read_table(
    table: str, processed_dir: Path, articles: pd.DataFrame, *, columns: list[str] | None = None
) -> pd.DataFrame:
    """One stage table for the loaded articles, in article order (then row order within each).

    Raises:
        FileNotFoundError: naming the command to run when the table is missing or out of date.
        IncompleteTables: when some loaded article has no intact current part (a part missing,
            torn or corrupt, an interrupted ingest): names them; never returns fewer rows.
    """
    stage = stages.owner(table)
    index = Index.read(processed_dir)
    version = stages.version(stage.name)
    entries = index.entries(stage.name, version)
    if not entries:
        stale = bool(index.stages.get(stage.name))
        why = "is out of date (its code or a lexicon changed)" if stale else "has not been built"
        raise FileNotFoundError(
            f"The '{table}' table in {processed_dir} {why}. Run `python -m analysis ingest`."
        )
    committed = index.committed.get("fingerprints", {})
    home: dict[str, str] = {}
    for key, entry in entries.items():
        for aid, fp in entry.get("fingerprints", {}).items():
            if committed.get(aid) == fp:
                home[aid] = key
    wanted = articles["article_id"]
    missing = articles.loc[~wanted.isin(home), "file"].tolist()
    broken = [p for key in sorted(set(home.values()))
              for p in index.broken(processed_dir, stage.name, key, [table])]  # fmt: skip
    if missing or broken:
        what = [f"the '{table}' table has no current part for {len(missing)} of {len(wanted)} "
                f"article(s) ({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''})"
                ] if missing else []  # fmt: skip
        raise _incomplete(processed_dir, "; ".join(what + broken))
    frames = []
    for key in sorted(set(home.values())):
        part = pd.read_parquet(part_path(processed_dir, table, version, key), columns=columns)
        frames.append(part[part["article_id"].map(home) == key])  # rows of this part's articles
    frame = pd.concat(frames, ignore_index=True)
    order = {a: i for i, a in enumerate(wanted)}
    frame = frame[frame["article_id"].isin(order)]
    rank = frame["article_id"].map(order)
    frame = frame.assign(_rank=rank).sort_values("_rank", kind="stable").drop(columns="_rank")
    return frame.reset_index(drop=True)
