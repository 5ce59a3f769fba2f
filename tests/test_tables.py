"""Tables for people and the computed sentences of the notebooks."""

from __future__ import annotations

import pandas as pd

from analysis import prose, tables


def test_table_has_no_index_no_nan_and_whole_numbers_as_integers():
    frame = pd.DataFrame({"outlet": ["A", "B"], "words": [2500.0, None], "share": [0.12345, 1.0]})
    html = tables.show(frame).html()
    assert "2500" in html and "2500.0" not in html and "NaN" not in html and "nan" not in html
    assert "0.123" in html and "<th></th>" not in html  # rounded, no index header


def test_long_table_is_cut_with_a_count_and_written_whole(tmp_path):
    frame = pd.DataFrame({"n": range(40)})
    shown = tables.show(frame, name="long", notebook="00", figures_dir=tmp_path, max_rows=10)
    assert (
        len(shown.rows) == 10
        and "and 30 more rows" in shown.html()
        and "00-long.csv" in shown.html()
    )
    assert len(pd.read_csv(tmp_path / "00-long.csv")) == 40
    assert tables.MAX_ROWS == 15


def test_size_caveat_counts_this_corpus():
    one = pd.DataFrame({"outlet_label": ["Town Crier"]})
    assert prose.size_caveat(one).startswith("1 article from 1 outlet: there is no other outlet")
    mixed = pd.DataFrame({"outlet_label": ["A"] * 3 + ["B"]})
    assert "4 articles from 2 outlets; 1 of the outlets has fewer than 3" in prose.size_caveat(
        mixed
    )
    assert prose.nothing("no claims found.") == "*Nothing to show: no claims found.*"


def test_count_note_says_nothing_of_zero():
    assert prose.count_note(3, "undated") == "3 undated."
    assert prose.count_note(4147, "undated") == "4,147 undated."
    assert prose.count_note(0, "undated") == ""
