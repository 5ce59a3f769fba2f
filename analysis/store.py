"""The table store: where the per-article stage tables live on disk and how they are read.

A batch's output is one Parquet *part* per table under ``<processed>/<table>/``, named by the
stage's version and the batch's articles, and recorded in ``<processed>/parts.json`` (the
:class:`Index`). :func:`read_table` gathers the current parts of a table for the loaded articles.

Example:
    >>> read_table("claims", processed_dir, articles)  # doctest: +SKIP
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import stages

INDEX_NAME = "parts.json"


@dataclass
class Index:
    """What parts exist: stage -> batch key -> {"version", "articles"}."""

    path: Path
    stages: dict[str, dict[str, dict]] = field(default_factory=dict)

    @classmethod
    def read(cls, processed_dir: Path) -> Index:
        path = processed_dir / INDEX_NAME
        data = json.loads(path.read_text()) if path.exists() else {}
        return cls(path, data)

    def write(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.stages, indent=1, sort_keys=True))
        tmp.replace(self.path)

    def current(self, stage: str, version: str) -> dict[str, list[str]]:
        """Batch key -> article ids of the parts of ``stage`` at ``version``."""
        return {
            key: entry["articles"]
            for key, entry in self.stages.get(stage, {}).items()
            if entry["version"] == version
        }


def part_path(processed_dir: Path, table: str, version: str, key: str) -> Path:
    """Where one batch's part of ``table`` lives."""
    return processed_dir / table / f"{version}-{key}.parquet"


def read_table(
    table: str, processed_dir: Path, articles: pd.DataFrame, *, columns: list[str] | None = None
) -> pd.DataFrame:
    """One stage table for the loaded articles, in article order (then row order within each).

    Raises:
        FileNotFoundError: naming the command to run when the table is missing or out of date.
    """
    stage = stages.owner(table)
    index = Index.read(processed_dir)
    version = stages.version(stage.name)
    paths = [
        part_path(processed_dir, table, version, key) for key in index.current(stage.name, version)
    ]
    paths = [p for p in paths if p.exists()]
    if not paths:
        stale = bool(index.stages.get(stage.name))
        why = "is out of date (its code or a lexicon changed)" if stale else "has not been built"
        raise FileNotFoundError(
            f"The '{table}' table in {processed_dir} {why}. Run `python -m analysis ingest`."
        )
    frame = pd.concat(
        [pd.read_parquet(p, columns=columns) for p in sorted(paths)], ignore_index=True
    )
    order = {a: i for i, a in enumerate(articles["article_id"])}
    frame = frame[frame["article_id"].isin(order)]
    rank = frame["article_id"].map(order)
    frame = frame.assign(_rank=rank).sort_values("_rank", kind="stable").drop(columns="_rank")
    return frame.reset_index(drop=True)
