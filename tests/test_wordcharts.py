"""The word-frequency charts: one panel per outlet, shared scales, labels present."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import wordcharts  # noqa: E402

TOP = pd.DataFrame({
    "outlet_label": ["A", "A", "B", "B", "C"],
    "term": ["war", "Gaza", "troops", "Iraq", "Resistance"],
    "rate_per_1000": [12.0, 6.0, 9.0, 3.0, 4.0],
})  # fmt: skip


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_bars_one_panel_per_outlet_shared_scale() -> None:
    fig = wordcharts.bars_by_outlet(TOP, title="Top words")
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title(loc="left") for ax in visible] == ["A", "B", "C"]
    assert len({ax.get_xlim() for ax in visible}) == 1
    ticks = dict(zip(visible[0].get_yticks(), visible[0].get_yticklabels(), strict=True))
    assert ticks[max(ticks)].get_text() == "war"  # the most used term is the top bar


def test_log_odds_labels_the_top_terms() -> None:
    scores = pd.DataFrame({
        "outlet_label": ["A"] * 4 + ["B"] * 2,
        "term": ["w", "x", "y", "z", "x", "y"],
        "total": [5, 9, 4, 3, 9, 4],
        "z": [2.5, 1.0, -0.5, 0.2, -1.0, 0.5],
    })  # fmt: skip
    fig = wordcharts.log_odds_chart(scores, label_top=2, title="Distinctive words")
    first = fig.axes[0]
    assert sorted(t.get_text() for t in first.texts) == ["w", "x"]


def test_heatmap_groups_rows_under_headers() -> None:
    table = pd.DataFrame({
        "outlet_label": ["A", "B", "A"],
        "concept": ["Israel", "Israel", "ISIS"],
        "form": ["\u201cIsrael\u201d", "Israel", "Daesh"],
        "count": [3, 1, 1],
        "share": [1.0, 1.0, 1.0],
    })  # fmt: skip
    fig = wordcharts.share_heatmap(table, row="form", group="concept", title="Names")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["ISIS", "Daesh", "Israel", "\u201cIsrael\u201d", "Israel"]
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["1", "1", "3"]
