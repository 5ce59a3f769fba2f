"""The schema is the one source of every table's columns: the tables have them, the Parquet files
are written with them, and data/README.md's field dictionary is generated from them."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis import corpus, schema
from analysis.config import PATHS


def test_every_ingest_table_matches_its_schema(sample_corpus):
    for name in corpus.TABLE_NAMES:
        schema.validate(name, getattr(sample_corpus, name))


@pytest.mark.parametrize("name", ["sentence_sentiment", "claims", "quotes"])
def test_stage_tables_match_their_schema_with_the_metadata_joined(sample_corpus, name):
    schema.validate(name, sample_corpus.table(name), joined=True)


def test_parquet_files_are_written_with_the_schema(sample_processed):
    for name in corpus.INGEST_TABLES:
        written = pq.read_schema(sample_processed / f"{name}.parquet")
        assert written.remove_metadata() == schema.arrow_schema(name), name
    for name in ("sentences", "tokens", "claims", "quotes", "sentence_sentiment"):
        part = next((sample_processed / name).glob("*.parquet"))
        assert pq.read_schema(part).remove_metadata() == schema.arrow_schema(name), name


def test_validate_names_what_is_wrong():
    good = pd.DataFrame({"article_id": ["a"], "offset_base": ["file"], "text": ["t"]})
    schema.validate("texts", good)
    with pytest.raises(ValueError, match=r"missing \['text'\]"):
        schema.validate("texts", good.drop(columns="text"))
    with pytest.raises(ValueError, match="start is (object|str), expected int64"):
        schema.validate(
            "removed",
            pd.DataFrame({"article_id": ["a"], "file": ["f"], "start": ["3"], "end": [4],
                          "text": ["t"], "reason": ["r"]}),
        )  # fmt: skip


def test_article_columns_pair_every_metadata_field_with_its_source():
    cols = schema.columns("articles")
    for name in schema.META_NAMES[1:]:
        assert cols.index(f"{name}_source") == cols.index(name) + 1
    assert "outlet_source" in cols


def test_data_readme_field_dictionary_is_generated_and_current():
    readme = (PATHS.data / "README.md").read_text(encoding="utf-8")
    begin = readme.index(schema.README_BEGIN) + len(schema.README_BEGIN)
    end = readme.index(schema.README_END)
    assert readme[begin:end].strip() == schema.field_dictionary().strip(), (
        "data/README.md is stale: run `python -m analysis.schema`"
    )
