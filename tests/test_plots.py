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
    colours = plots.outlet_colors(["Unknown: 002", "Unknown: 003", plots.OTHER], lexicon=LEXICON)
    assert colours[plots.OTHER] == plots.OTHER_COLOUR
    assert {colours["Unknown: 002"], colours["Unknown: 003"]} <= set(plots.UNKNOWN_PALETTE)


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
    subset = plots.figure_colours(named[5:8], colours)  # a figure showing only some
    assert subset == {k: colours[k] for k in named[5:8]}
    named_only = plots.outlet_colors(named[5:8], named=named, lexicon=LEXICON)
    assert named_only == subset


def test_an_outlets_colour_does_not_depend_on_what_was_drawn_before():
    """The issue-13 regression: ``outlet_colors(["CNN"])`` changed after a ``top_outlets`` call
    that named CNN (module state). Now every call is a function of its arguments alone."""
    articles = pd.DataFrame({"outlet_label": ["CNN", "Fox News", "HuffPost", "CNN", "Reuters"]})
    alone = plots.outlet_colors(["CNN"], lexicon=LEXICON)
    calls = [
        lambda: plots.top_outlets(articles, 3),
        lambda: plots.outlet_colors(["Fox News", "HuffPost", "Reuters"], lexicon=LEXICON),
        lambda: plots.figure_colours(["CNN", "Reuters"], {"Reuters": alone["CNN"]}),
    ]
    for order in ([0, 1, 2], [2, 1, 0], [1, 0, 2]):
        for k in order:
            calls[k]()
        assert plots.outlet_colors(["CNN"], lexicon=LEXICON) == alone
    palette = plots.outlet_colors(plots.top_outlets(articles, 3), lexicon=LEXICON)
    assert plots.figure_colours(["CNN"], palette) == {"CNN": palette["CNN"]}
    assert plots.figure_colours(["Reuters"], palette)["Reuters"] not in set(palette.values())


def test_category_colours_are_not_outlet_colours():
    colours = plots.category_colours(["US government", "unknown", "Iraqi government"])
    assert list(colours) == ["Iraqi government", "US government", "unknown"]
    assert colours["unknown"] == plots.OTHER_COLOUR
    assert not set(colours.values()) & set(plots.PALETTE)


def _claims(crowded: int) -> pd.DataFrame:
    """Outlet A reports ``crowded`` attack counts, outlet B two, each with a time anchor."""
    rows = [
        {"outlet_label": outlet, "category": "attacks", "value": float(10 + k),
         "qualifier": "exact" if k % 2 else "approx", "time_anchor": f"since {outlet}{k}",
         "location": "Iraq", "vague": False,
         "published": f"2024-01-{k % 28 + 1:02d}"}
        for outlet, n in (("A", crowded), ("B", 2)) for k in range(n)
    ]  # fmt: skip
    return pd.DataFrame(rows)


def test_claim_labels_only_in_rows_with_few_dots():
    fig = plots.claim_dots(
        _claims(10), facet="category", title="t", xlabel="count", label="time_anchor", note_text="N"
    )
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["since B0", "since B1"]
    assert "10 labels (time_anchor) not drawn" in fig.texts[-1].get_text()
    few = plots.claim_dots(
        _claims(3), facet="category", title="t", xlabel="count", label="time_anchor"
    )
    assert len(few.axes[0].texts) == 5 and "not drawn" not in few.texts[-1].get_text()


def test_values_by_date_use_a_log_scale_when_they_span_far():
    wide = _claims(3).assign(value=[1.0, 50.0, 2500.0, 900.0, 100000.0])
    assert plots.values_by_date(wide, title="t", ylabel="troops").axes[0].get_yscale() == "log"
    narrow = plots.values_by_date(_claims(3), title="t", ylabel="troops")
    assert narrow.axes[0].get_yscale() == "linear"


def test_values_by_date_draw_one_panel_and_series_per_place():
    rows = _claims(3).assign(location=["Iraq", "Iraq", "Iraq", "Syria", "Syria"])
    fig = plots.values_by_date(rows, title="t", ylabel="troops")
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    assert titles == ["Iraq", "Syria"]  # places never share an axis or a line
    assert len(fig.axes[0].lines) == 1  # Iraq's series (three dates)


def test_vague_values_are_drawn_as_approximate():
    rows = _claims(3).assign(vague=[True, False, False, False, False], qualifier="exact")
    fig = plots.claim_dots(rows, facet="location", title="t", xlabel="count")
    hollow = [
        c for c in fig.axes[0].collections if tuple(c.get_facecolor()[0][:3]) == (1.0, 1.0, 1.0)
    ]
    assert len(hollow) == 1 and len(hollow[0].get_offsets()) == 1  # the vague one alone
    assert plots.VAGUE_MARKER[1] is False and plots.VAGUE_MARKER[0] != "o"


def test_claim_panels_wrap_rows():
    assert plots.PANEL_COLUMNS == 3
    rows = pd.concat([_claims(1).assign(location=f"P{k}") for k in range(4)])
    fig = plots.claim_dots(rows, facet="location", title="t", xlabel="count")
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == 4 and len(fig.axes) == 6  # two rows of three, two cells hidden


def test_a_big_scatter_is_drawn_as_a_density():
    n = plots.DENSITY_POINTS + 1
    big = pd.DataFrame(
        {"outlet_label": ["A", "B"] * n, "x": [k % 7 / 7 for k in range(2 * n)],
         "y": [k % 5 / 5 for k in range(2 * n)]}
    )  # fmt: skip
    kw = {"x": "x", "y": "y", "title": "t", "xlabel": "x", "ylabel": "y"}
    dense = plots.scatter_by_outlet(big, **kw)
    assert (
        dense.axes[0].get_legend() is None and len(dense.axes) == 2
    )  # the plot and its colour bar
    small = plots.scatter_by_outlet(big.head(100), **kw)
    assert [t.get_text() for t in small.axes[0].get_legend().get_texts()] == ["A", "B"]


def test_bar_legend_names_outlets_before_unknown_and_other():
    table = pd.DataFrame(
        {"name": ["a", "b", "c", "d"], "n": [4, 3, 2, 1],
         "outlet_label": ["Unknown: 001", plots.OTHER, "Zeta News", "Al Mayadeen English"]}
    )  # fmt: skip
    fig = plots.bars(table, label="name", value="n", title="t", xlabel="n", legend=True)
    names = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert names == ["Al Mayadeen English", "Zeta News", "Unknown: 001", plots.OTHER]


def test_heatmap_numbers_are_legible_and_never_minus_zero():
    table = pd.DataFrame(
        {"actor": ["a", "b", "c", "d"], "outlet_label": ["X"] * 4,
         "mean": [0.19, 0.01, -0.18, -0.001], "n": [3, 5, 2, 1]}
    )  # fmt: skip
    fig = plots.heatmap(table, row="actor", col="outlet_label", value="mean", count="n", title="t",
                        colorbar="c")  # fmt: skip
    colours = {t.get_text().split("\n")[0]: t.get_color() for t in fig.axes[0].texts}
    # and a mean that rounds to zero is written +0.00, never -0.00
    assert colours == {"+0.19": "white", "+0.01": "0.15", "-0.18": "white", "+0.00": "0.15"}


def test_heatmap_fades_small_cells_and_marks_sign_disagreement():
    table = pd.DataFrame(
        {"actor": ["a", "b", "c"], "outlet_label": ["X"] * 3, "learned": [0.3, -0.2, 0.1],
         "polarity": [0.1, 0.4, 0.2], "n": [25, 40, 3]}
    )  # fmt: skip
    fig = plots.heatmap(table, row="actor", col="outlet_label", value="learned", count="n", title="t",
                        colorbar="c", min_n=plots.MIN_CELL_N, compare="polarity", scale=(-1, 1))  # fmt: skip
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["+0.30\nN=25", "-0.20 ≠\nN=40", "+0.10\nN=3 few"]
    image = fig.axes[0].images[0]
    assert image.get_clim() == (-1.0, 1.0)  # the whole scale, not the data's range
    assert plots.MIN_CELL_N == 10


def test_sentiment_axes_span_the_whole_scale():
    assert plots.scale_limits("own_polarity") == (-1.0, 1.0)
    assert plots.scale_limits("own_subjectivity") == (0.0, 1.0)
    assert plots.scale_limits("own_learned") == (-1.0, 1.0)
    assert plots.scale_limits("count") is None
    points = pd.DataFrame({"outlet_label": ["A"] * 4, "own_vader": [0.01, 0.02, 0.03, 0.04]})
    summary = pd.DataFrame(
        [{"outlet_label": "A", "articles": 4, "mean": 0.025, "ci_low": 0.015, "ci_high": 0.035,
          "show_interval": True, "value": "own_vader"}]
    )  # fmt: skip
    fig = plots.dot_interval(points, summary, values=[("own_vader", "v")], title="t")
    lo, hi = fig.axes[0].get_xlim()
    assert lo < -0.99 and hi > 0.99  # four articles near 0.02 are not zoomed into a spread


def test_difference_chart_draws_each_interval():
    diffs = pd.DataFrame(
        {"outlet_label": ["A", "B"], "difference": [0.05, -0.02], "ci_low": [0.01, -0.06],
         "ci_high": [0.09, 0.02], "measurable": [True, False], "articles": [20, 30], "others": [30, 20],
         "verdict": ["more positive by 0.05", "no measurable difference"]}
    )  # fmt: skip
    fig = plots.difference_interval(diffs, title="t", xlabel="x")
    notes = [t.get_text() for t in fig.axes[0].texts]
    assert "no measurable difference (N=30 vs 20)" in notes
    lo, hi = fig.axes[0].get_xlim()
    assert lo <= -0.1 and hi >= 0.1


def test_claim_counts_are_read_from_zero_unless_on_a_log_scale():
    lone = _claims(1).iloc[:1].assign(value=13000.0)
    assert (
        plots.claim_dots(lone, facet="location", title="t", xlabel="troops").axes[0].get_xlim()[0]
        == 0
    )
    wide = _claims(3).assign(value=[1.0, 50.0, 2500.0, 900.0, 100000.0])
    ax = plots.claim_dots(wide, facet="location", title="t", xlabel="troops").axes[0]
    assert ax.get_xscale() == "log" and ax.get_xlim()[0] > 0


def test_claim_count_ticks_are_few_and_separated():
    assert plots.COUNT_TICKS == 5
    lone = _claims(1).iloc[:1].assign(value=13000.0)
    ax = plots.claim_dots(lone, facet="location", title="t", xlabel="troops").axes[0]
    ax.figure.canvas.draw()
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert len(labels) <= plots.COUNT_TICKS + 1 and "12,000" in labels


def test_values_by_date_stay_on_a_page_and_draw_no_series_without_a_place():
    places = [f"P{k}" for k in range(7)]
    rows = pd.concat([_claims(3).assign(location=p) for p in places])
    fig = plots.values_by_date(rows, title="t", ylabel="troops")
    assert fig.get_figheight() <= plots.MAX_HEIGHT
    unplaced = _claims(3).assign(location=None)
    fig = plots.values_by_date(unplaced, title="t", ylabel="troops")
    assert len(fig.axes[0].lines) == 0  # claims that name no place are not one series
