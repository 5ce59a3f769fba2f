"""The one figure style: stable outlet colours, grouping, deterministic files."""

from __future__ import annotations

import pandas as pd

from analysis import plots

LEXICON = pd.DataFrame(
    {
        "outlet": ["Al Mayadeen English", "The New American"],
        "aliases": ["", ""],
        "colour": ["#D55E00", "#0072B2"],
    }
)


def test_fixed_colours_and_stable_hash_colours():
    a = plots.outlet_colors(["The New American", "Wire X", "Al Mayadeen English"], lexicon=LEXICON)
    b = plots.outlet_colors(["Wire X", "Zeta News", "Al Mayadeen English"], lexicon=LEXICON)
    assert a["Al Mayadeen English"] == b["Al Mayadeen English"] == "#D55E00"
    assert a["The New American"] == "#0072B2"
    assert a["Wire X"] == b["Wire X"]  # adding an outlet never recolours another
    assert a["Wire X"] not in {"#D55E00", "#0072B2"}


def test_unknown_and_other_outlets_are_muted():
    colours = plots.outlet_colors(
        ["Unknown (002_x)", "Unknown (003_y)", plots.OTHER], lexicon=LEXICON
    )
    assert colours[plots.OTHER] == plots.OTHER_COLOUR
    assert {colours["Unknown (002_x)"], colours["Unknown (003_y)"]} <= set(plots.UNKNOWN_PALETTE)


def test_top_outlets_and_grouping():
    articles = pd.DataFrame({"outlet_label": ["B", "A", "A", "C", "C", "D"]})
    assert plots.top_outlets(articles, 2) == ["A", "C"]  # ties broken by name
    grouped = plots.group_outlets(articles, ["A", "C"])
    assert list(grouped["outlet_label"]) == [plots.OTHER, "A", "A", "C", "C", plots.OTHER]
    assert list(articles["outlet_label"]) == ["B", "A", "A", "C", "C", "D"]  # input untouched


def test_save_figure_is_deterministic(tmp_path):
    data = pd.DataFrame({"outlet_label": ["A", "B"], "articles": [2, 1]})

    def draw():
        fig = plots.bar_by_outlet(
            data, value="articles", title="t", xlabel="articles", note_text="N = 3"
        )
        return plots.save_figure(fig, "bars", data=data, notebook="99", figures_dir=tmp_path)

    first = {k: p.read_bytes() for k, p in draw().items()}
    second = {k: p.read_bytes() for k, p in draw().items()}
    assert set(first) == {"png", "svg", "csv"}
    assert first == second
    assert (tmp_path / "99-bars.csv").read_text() == "outlet_label,articles\nA,2\nB,1\n"
    assert b"Date" not in first["svg"] or b"<dc:date>" not in first["svg"]


def test_named_outlets_get_distinct_colours():
    articles = pd.DataFrame({"outlet_label": [f"Outlet {i:02d}" for i in range(12)]})
    named = plots.top_outlets(articles, 12)
    colours = plots.outlet_colors(named, lexicon=LEXICON)
    assert len(set(colours.values())) == 12
    subset = plots.outlet_colors(named[5:8], lexicon=LEXICON)  # a figure showing only some
    assert subset == {k: colours[k] for k in named[5:8]}


def test_category_colours_are_not_outlet_colours():
    colours = plots.category_colours(["US government", "unknown", "Iraqi government"])
    assert list(colours) == ["Iraqi government", "US government", "unknown"]
    assert colours["unknown"] == plots.OTHER_COLOUR
    assert not set(colours.values()) & set(plots.PALETTE)
