"""The documented columns (analysis/schema.py, data/README.md) are the columns the tables have."""

from __future__ import annotations

from analysis import corpus
from analysis.config import PATHS
from analysis.schema import TABLES


def _documented(table: str) -> set[str]:
    cols = set(TABLES[table])
    if "*_source" in cols:
        cols.remove("*_source")
        cols |= {f"{f}_source" for f in corpus.META_FIELDS}
    cols.discard("extra_*")  # the export's unmapped fields, present only when some record has them
    return cols


def test_every_table_is_documented_exactly(sample_corpus):
    for name in corpus.TABLE_NAMES:
        frame = getattr(sample_corpus, name)
        columns = {c for c in frame.columns if not c.startswith("extra_")}
        assert columns == _documented(name), name


def test_data_readme_has_every_column():
    readme = (PATHS.data / "README.md").read_text(encoding="utf-8")
    for table, columns in TABLES.items():
        assert f"### `{table}`" in readme
        for col in columns:
            assert f"`{col}`" in readme, (table, col)


def test_stage_tables_are_documented(sample_corpus):
    for name in ("sentence_sentiment", "claims", "quotes"):
        frame = sample_corpus.table(name)
        documented = set(TABLES[name]) | {"file", "outlet_label", "published"}
        assert set(frame.columns) == documented, name
