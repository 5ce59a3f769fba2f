"""Tables rendered for people: no index column, no NaN, integers as integers, long tables cut.

A notebook cell ending with :func:`show` displays the table; when it is longer than ``max_rows``
the first rows are shown with a line counting the rest, and the whole table is written as a CSV
beside the figures so nothing is lost.

Example:
    >>> show(pd.DataFrame({"a": [1.0, None]})).html().count("<tr>")
    3
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.config import PATHS

#: Rows shown before a table is cut: a screen's worth, the rest is in the CSV.
MAX_ROWS = 15


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Whole-number float columns as integers, missing values as blanks, a named index as columns."""
    out = frame.reset_index() if any(n is not None for n in frame.index.names) else frame.copy()
    out.columns = [" ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in out.columns]
    for col in out.columns:
        values = out[col]
        if pd.api.types.is_float_dtype(values):
            whole = values.dropna()
            if len(whole) and (whole % 1 == 0).all():
                out[col] = values.astype("Int64")
            else:
                out[col] = values.round(3)
        elif pd.api.types.is_bool_dtype(values):
            out[col] = values.map({True: "yes", False: "no"})
    return out.astype(object).where(out.notna(), "")


@dataclass(frozen=True)
class Table:
    """A table for display: ``rows`` shown, ``total`` rows in all, ``csv`` where all of them are."""

    rows: pd.DataFrame
    total: int
    csv: Path | None = None

    def html(self) -> str:
        body = self.rows.to_html(index=False, escape=True, border=0, classes="presslens")
        if self.total <= len(self.rows):
            return body
        where = f" (all of them in `{self.csv.name}`)" if self.csv else ""
        return f"{body}<p><em>… and {self.total - len(self.rows):,} more rows{where}.</em></p>"

    def _repr_html_(self) -> str:
        return self.html()


def show(
    frame: pd.DataFrame,
    *,
    name: str | None = None,
    notebook: str | None = None,
    figures_dir: str | Path | None = None,
    max_rows: int = MAX_ROWS,
) -> Table:
    """``frame`` ready to display; a table longer than ``max_rows`` is cut and, when ``name`` and
    ``notebook`` are given, written whole to ``figures/{notebook}-{name}.csv``."""
    csv = None
    if len(frame) > max_rows and name and notebook:
        folder = Path(figures_dir) if figures_dir else PATHS.figures
        folder.mkdir(parents=True, exist_ok=True)
        csv = folder / f"{notebook}-{name}.csv"
        frame.to_csv(csv, index=any(n is not None for n in frame.index.names), lineterminator="\n")
    return Table(_tidy(frame.head(max_rows)), len(frame), csv)
