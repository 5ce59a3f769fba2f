"""Writing tables as Parquet: with the schema of :mod:`analysis.schema`, only when they changed.

An unchanged rerun touches no file (each write goes to a temporary file that replaces the table
only when its bytes differ). :class:`TableWriter` writes a table as row groups while articles
arrive, so a big corpus is never held in memory.

Example:
    >>> write_if_changed(frame, "articles", out_dir / "articles.parquet")  # doctest: +SKIP
"""

from __future__ import annotations

import filecmp
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import schema


def frame_of(rows: list[dict], table: str) -> pd.DataFrame:
    """Rows of ``table`` as the DataFrame reading its Parquet file gives."""
    return pa.Table.from_pylist(rows, schema.arrow_schema(table)).to_pandas()


def replace_if_changed(tmp: Path, path: Path) -> None:
    """Move ``tmp`` to ``path`` unless ``path`` already has the same bytes."""
    if path.exists() and filecmp.cmp(tmp, path, shallow=False):
        tmp.unlink()
    else:
        tmp.replace(path)


def write_table(frame: pd.DataFrame, table: str, path: Path) -> None:
    """Write ``frame`` as the Parquet file of ``table``, with the table's schema.

    Raises:
        ValueError: when ``frame`` lacks a column of the table or a value does not fit its type.
    """
    missing = [c for c in schema.columns(table) if c not in frame.columns]
    if missing:
        raise ValueError(f"table '{table}' has no column(s) {missing}")
    extra = schema.extras(table, frame)
    arrow = pa.Table.from_pandas(
        frame[[*schema.columns(table), *extra]],
        schema=schema.arrow_schema(table, extra),
        preserve_index=False,
    )
    pq.write_table(arrow, path)


def write_if_changed(frame: pd.DataFrame, table: str, path: Path) -> None:
    """Write ``frame`` as the Parquet file of ``table`` only when the table changed."""
    tmp = path.with_suffix(".parquet.tmp")
    write_table(frame, table, tmp)
    replace_if_changed(tmp, path)


class TableWriter:
    """Writes one table as Parquet row groups while articles arrive; on :meth:`close` the file
    replaces the old one only if its bytes differ."""

    #: Rows per row group: a few MB of text each, so the buffer stays small.
    GROUP_ROWS = {"paragraphs": 20_000, "removed": 20_000, "texts": 500}

    def __init__(self, path: Path, table: str) -> None:
        self.path, self.table, self.group_rows = path, table, self.GROUP_ROWS[table]
        self.schema = schema.arrow_schema(table)
        self.tmp = path.with_suffix(".parquet.tmp")
        self.writer = pq.ParquetWriter(self.tmp, self.schema)
        self.rows: list[dict] = []

    def add(self, rows: list[dict]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= self.group_rows:
            self._flush()

    def _flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, self.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()
        replace_if_changed(self.tmp, self.path)
