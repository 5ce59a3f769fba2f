"""One way to make a figure: one style, one colour per outlet, and ``save_figure``.

Every figure in PressLens goes through this module: :func:`use_style` sets the look, every outlet
keeps the same colour in every figure (:func:`outlet_colors`), :func:`note` writes the source and N
under the plot, and :func:`save_figure` writes PNG, SVG and the plotted table as CSV to
``figures/NN-name.*``. Output is deterministic: rerunning on the same data changes no byte.
Plot functions return the figure and never call ``plt.show()``.

Example:
    >>> fig = bar_by_outlet(counts, value="articles", title="Articles per outlet", xlabel="articles")  # doctest: +SKIP
    >>> save_figure(fig, "articles-per-outlet", data=counts, notebook="00")  # doctest: +SKIP
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, ItemsView, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, StrMethodFormatter

from analysis import colourvision, outlets
from analysis.config import PATHS
from analysis.markup import write_csv
from analysis.schema import NO_PLACE

OTHER = "Other outlets"
#: Candidate outlet colours: Okabe-Ito, Tableau 10, Paul Tol's bright and muted (greys left out:
#: grey means "Other outlets" or an unknown outlet).
PALETTE_CANDIDATES = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F",
    "#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499",
)  # fmt: skip
OTHER_COLOUR = "#BDBDBD"
BACKGROUND = "#FFFFFF"
#: How many outlet colours a figure can use before they repeat.
PALETTE_SIZE = 15
#: The outlet colours in the order figures use them: Okabe-Ito's blue, vermillion and green first
#: (the colours of the sample outlets in data/lexicons/outlets.csv), then each next colour the one
#: farthest from all before it, from the white background and from the "Other outlets" grey, with
#: normal vision, deuteranopia and protanopia alike (:mod:`analysis.colourvision`). The first
#: eight are at least 11 CIEDE2000 apart for all three (the old palette's: 2.2).
PALETTE = colourvision.most_distinct_order(
    PALETTE_CANDIDATES, keep_first=3, avoid=(BACKGROUND, OTHER_COLOUR), size=PALETTE_SIZE
)
#: Muted shades for outlets the text does not name (:func:`analysis.outlets.is_unknown`), one per file.
UNKNOWN_PALETTE = ("#8C8C8C", "#A5896E", "#7F8FA6", "#9E8FB2", "#8FA68C", "#B09C85")
#: Warm and neutral colours for stacked "removed" parts (no blues: blue means kept text).
QUOTE_KIND_COLOURS = {"direct": "#08519c", "mixed": "#4292c6", "indirect": "#9ecae1",
                      "thought": "#fdae6b"}  # fmt: skip
#: Soft colours for categories that are not outlets (affiliations), so no bar reads as an outlet.
CATEGORY_PALETTE = (
    "#66C2A5", "#FC8D62", "#8DA0CB", "#E78AC3", "#A6D854", "#FFD92F", "#E5C494", "#80B1D3",
    "#BEBADA", "#FB8072",
)  # fmt: skip
REMOVED_PALETTE = (
    "#D55E00", "#E69F00", "#CC79A7", "#009E73", "#F0E442", "#882255", "#999999", "#DDCC77",
    "#117733", "#AA4499", "#661100", "#44AA99", "#E8A0BF", "#B8860B", "#555555", "#C2A5CF",
)  # fmt: skip

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#E6E6E6",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "legend.frameon": False,
    "svg.hashsalt": "presslens",
    "svg.fonttype": "path",
    "path.simplify": True,
}


def use_style() -> None:
    """Apply the PressLens figure style (idempotent)."""
    plt.rcParams.update(STYLE)


def _spread(labels: Iterable[str], palette: Sequence[str]) -> dict[str, str]:
    """The labels in name order take the palette's colours in order (the first ones are the most
    distinct), so the result depends only on the set; past the palette's end colours repeat."""
    return {label: palette[i % len(palette)] for i, label in enumerate(sorted(set(labels)))}


def outlet_colors(
    labels: Iterable[str], *, named: Iterable[str] = (), lexicon: pd.DataFrame | None = None
) -> dict[str, str]:
    """One colour per outlet label, a function of ``labels`` and ``named`` alone.

    Outlets in ``data/lexicons/outlets.csv`` with a ``colour`` keep it; "Other outlets" is grey;
    the other outlets of ``labels`` and ``named`` (the outlets a notebook names, see
    :func:`top_outlets`), in name order, take the free colours of :data:`PALETTE` in order, so a
    figure's few outlets get its most distinct colours; unknown outlets get muted shades the same
    way. A
    notebook computes its palette once, ``palette = outlet_colors(shown)``, and passes it to every
    plot function, so each outlet has one colour in all its figures whatever order cells run in.

    Example:
        >>> palette = outlet_colors(["Wire X", "Zeta News"])
        >>> outlet_colors(["Zeta News"], named=palette) == {"Zeta News": palette["Zeta News"]}
        True
    """
    lexicon = outlets.read_lexicon() if lexicon is None else lexicon
    fixed = {
        row.outlet: row.colour
        for row in lexicon.itertuples(index=False)
        if isinstance(row.colour, str) and row.colour.startswith("#")
    }
    labels = list(dict.fromkeys(labels))
    pool = [x for x in dict.fromkeys([*named, *labels]) if x not in fixed and x != OTHER]
    free = [c for c in PALETTE if c not in set(fixed.values())] or list(PALETTE)
    spread = {
        **_spread([x for x in pool if not outlets.is_unknown(x)], free),
        **_spread([x for x in pool if outlets.is_unknown(x)], UNKNOWN_PALETTE),
    }
    return {
        label: fixed.get(label) or (OTHER_COLOUR if label == OTHER else spread[label])
        for label in labels
    }


def top_outlets(articles: pd.DataFrame, n: int, *, label_col: str = "outlet_label") -> list[str]:
    """The ``n`` outlet labels with the most articles (ties by name), for readable big-corpus
    figures; pass them to :func:`outlet_colors` as the notebook's palette."""
    counts = articles.groupby(label_col).size().reset_index(name="articles")
    counts = counts.sort_values(["articles", label_col], ascending=[False, True])
    return list(counts[label_col].head(n))


def figure_colours(labels: Iterable[str], palette: Mapping[str, str] | None) -> dict[str, str]:
    """The colours of one figure's outlets: the notebook's ``palette`` where it has the outlet,
    else :func:`outlet_colors` spread over the figure's outlets and the palette's."""
    palette = palette or {}
    labels = list(dict.fromkeys(labels))
    own = outlet_colors(labels, named=palette)
    return {label: palette.get(label, own[label]) for label in labels}


def group_outlets(
    frame: pd.DataFrame, keep: Sequence[str], *, label_col: str = "outlet_label"
) -> pd.DataFrame:
    """A copy of ``frame`` with every outlet not in ``keep`` relabelled "Other outlets"."""
    out = frame.copy()
    out[label_col] = out[label_col].where(out[label_col].isin(list(keep)), OTHER)
    return out


#: Ticks on a claim panel's count axis at most (more collide on a third of a page's width).
COUNT_TICKS = 5

#: The tallest figure, in inches: a printed page (A4 and US letter, less margins) at full width.
MAX_HEIGHT = 11.0
#: The widest figure, in inches (a landscape page).
MAX_WIDTH = 14.0
#: Bars drawn in one chart at most; the rest are summarized in the title or note.
MAX_BARS = 25


def bounded_height(inches: float) -> float:
    """A figure height no taller than :data:`MAX_HEIGHT`."""
    return min(inches, MAX_HEIGHT)


def bounded_width(inches: float) -> float:
    """A figure width no wider than :data:`MAX_WIDTH`."""
    return min(inches, MAX_WIDTH)


def note(fig: Figure, text: str) -> None:
    """Write ``text`` (source and N) in small grey type under the plot."""
    fig.text(
        0.01, 0.005, textwrap.fill(text, 150), fontsize=8, color="#555555", va="bottom", ha="left"
    )


def source_note(articles: pd.DataFrame, *, what: str = "") -> str:
    """The standard note: corpus size, outlets, and what was counted."""
    n_out = articles["outlet_label"].nunique()
    text = f"Source: PressLens corpus, N = {len(articles)} article(s) from {n_out} outlet(s)."
    return f"{text} {what}".strip()


def finish(fig: Figure, text: str) -> Figure:
    """Lay out ``fig`` with room for the note under the plot, then write the note."""
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    note(fig, text)
    return fig


@dataclass(frozen=True)
class SavedFigure:
    """The files :func:`save_figure` wrote; a notebook cell ending with it shows the PNG."""

    png: Path
    svg: Path
    csv: Path

    def _repr_png_(self) -> bytes:
        return self.png.read_bytes()

    def items(self) -> ItemsView[str, Path]:
        return {"png": self.png, "svg": self.svg, "csv": self.csv}.items()


def save_figure(
    fig: Figure,
    name: str,
    *,
    data: pd.DataFrame,
    notebook: str,
    figures_dir: str | Path | None = None,
) -> SavedFigure:
    """Write ``figures/{notebook}-{name}.png``, ``.svg`` and ``.csv`` (the plotted data).

    Deterministic: no dates or software versions in the image metadata, fixed SVG ids, CSV in a
    fixed float format, so an unchanged figure leaves the files byte-identical. Closes the figure;
    the returned :class:`SavedFigure` displays the saved PNG in a notebook.
    """
    folder = Path(figures_dir) if figures_dir else PATHS.figures
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{notebook}-{name}"
    paths = {
        "png": stem.with_suffix(".png"),
        "svg": stem.with_suffix(".svg"),
        "csv": stem.with_suffix(".csv"),
    }
    with plt.rc_context({"svg.hashsalt": "presslens"}):
        fig.savefig(paths["png"], metadata={"Software": None}, bbox_inches="tight")
        fig.savefig(paths["svg"], metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    write_csv(data, paths["csv"], float_format="%.6g", lineterminator="\n")
    plt.close(fig)
    return SavedFigure(**paths)


def bars(
    table: pd.DataFrame,
    *,
    label: str,
    value: str,
    title: str,
    xlabel: str,
    note_text: str = "",
    colour_by: str = "outlet_label",
    legend: bool = False,
    palette: Mapping[str, str] | None = None,
) -> Figure:
    """Horizontal bars (largest on top) coloured by outlet, values written at the bar ends; only
    the :data:`MAX_BARS` largest are drawn, and the note says how many more there are."""
    use_style()
    rest = len(table) - MAX_BARS
    table = table.nlargest(MAX_BARS, value) if rest > 0 else table
    if rest > 0:
        note_text = f"{note_text} The {MAX_BARS} largest of {len(table) + rest:,} shown.".strip()
    table = table.sort_values([value, label], ascending=[True, False])
    colours = figure_colours(table[colour_by], palette)
    fig, ax = plt.subplots(figsize=(9, bounded_height(1.4 + 0.4 * len(table))))
    bars_ = ax.barh(table[label], table[value], color=[colours[o] for o in table[colour_by]])
    ax.bar_label(bars_, labels=[f"{v:,.0f}" for v in table[value]], padding=3, fontsize=9)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.12)
    if (table[value] % 1 == 0).all():
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if legend:
        names = sorted(colours, key=lambda o: (o == OTHER, outlets.is_unknown(o), o))
        handles = [plt.Rectangle((0, 0), 1, 1, color=colours[o]) for o in names]
        # beside the plot, where it covers no bar and no value
        ax.legend(handles, names, loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8)
    return finish(fig, note_text)


def bar_by_outlet(
    table: pd.DataFrame,
    *,
    value: str,
    title: str,
    xlabel: str,
    note_text: str = "",
    palette: Mapping[str, str] | None = None,
) -> Figure:
    """One bar per outlet (column ``outlet_label``), in the outlet's colour."""
    return bars(
        table,
        label="outlet_label",
        value=value,
        title=title,
        xlabel=xlabel,
        note_text=note_text,
        palette=palette,
    )


def dates_by_outlet(
    table: pd.DataFrame,
    *,
    title: str,
    note_text: str = "",
    palette: Mapping[str, str] | None = None,
) -> Figure:
    """Publication dates as dots, one row per outlet; undated articles in a panel of their own,
    drawn only when some article is undated.

    ``table`` has ``outlet_label``, ``date`` (NaT when unknown) and ``is_dated`` (see
    ``overview.dated``). Undated articles are counted, never dropped.
    """
    use_style()
    order = sorted(table["outlet_label"].unique(), reverse=True)
    colours = figure_colours(order, palette)
    undated = table[~table["is_dated"]].groupby("outlet_label").size()
    height = bounded_height(1.6 + 0.45 * len(order))
    if len(undated):
        fig, (ax, ax_u) = plt.subplots(
            1, 2, figsize=(10, height), sharey=True, gridspec_kw={"width_ratios": [5, 1]}
        )
    else:
        fig, ax = plt.subplots(figsize=(10, height))
    ypos = {o: i for i, o in enumerate(order)}
    dated_rows = table[table["is_dated"]]
    ax.scatter(
        dated_rows["date"], dated_rows["outlet_label"].map(ypos), s=70 if len(dated_rows) < 200 else 24,
        zorder=3, color=[colours[o] for o in dated_rows["outlet_label"]], edgecolor="white",
        alpha=1.0 if len(dated_rows) < 200 else 0.6,
    )  # fmt: skip
    ax.set_yticks(range(len(order)), order)
    ax.set_title(title)
    ax.set_xlabel("publication date")
    fig.autofmt_xdate(rotation=30, ha="right")
    if len(undated):
        for outlet, n in undated.items():
            ax_u.scatter([0], [ypos[outlet]], s=70, color=colours[outlet], zorder=3)
            ax_u.annotate(
                f"{n}", (0, ypos[outlet]), xytext=(8, -3), textcoords="offset points", fontsize=9
            )
        ax_u.set_xticks([0], ["undated"])
        ax_u.set_xlim(-1, 1.5)
        ax_u.grid(axis="x", visible=False)
        ax_u.tick_params(axis="y", left=False)
    return finish(fig, note_text)


def _part_colours(parts: Sequence[str]) -> dict[str, object]:
    """Parts starting with "kept" in blues, the others in distinct warm and neutral colours."""
    kept = [p for p in parts if p.startswith("kept")]
    rest = [p for p in parts if not p.startswith("kept")]
    blues = plt.get_cmap("Blues")
    colours: dict[str, object] = {
        p: blues(0.9 - 0.6 * i / max(len(kept), 1)) for i, p in enumerate(kept)
    }
    colours.update({p: REMOVED_PALETTE[i % len(REMOVED_PALETTE)] for i, p in enumerate(rest)})
    return colours


def category_colours(names: Iterable[str], *, last: str = "unknown") -> dict[str, str]:
    """Soft colours for categories in name order, ``last`` (e.g. "unknown") grey and stacked last."""
    names = sorted(set(names) - {last})
    colours = {n: CATEGORY_PALETTE[i % len(CATEGORY_PALETTE)] for i, n in enumerate(names)}
    return {**colours, last: OTHER_COLOUR}


def stacked_bars(
    table: pd.DataFrame,
    *,
    category: str,
    part: str,
    value: str,
    title: str,
    xlabel: str,
    note_text: str = "",
    part_colours: dict[str, str] | None = None,
) -> Figure:
    """Horizontal stacked bars: one bar per ``category``, segments by ``part``, legend below."""
    use_style()
    wide = table.pivot_table(
        index=category, columns=part, values=value, aggfunc="sum", fill_value=0
    )
    wide = wide.loc[sorted(wide.index, reverse=True)]
    parts = list(wide.columns)
    if part_colours:  # the colour map's order is the stacking order
        parts = [p for p in part_colours if p in parts] + [
            p for p in parts if p not in part_colours
        ]
    colours = part_colours or _part_colours(parts)
    fig, ax = plt.subplots(figsize=(10, bounded_height(2.6 + 0.45 * len(wide) + 0.18 * len(parts))))
    left = pd.Series(0.0, index=wide.index)
    for p in parts:
        ax.barh(wide.index, wide[p], left=left, color=colours.get(p, "#999999"), label=p)
        left += wide[p]
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize=8)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    note(fig, note_text)
    return fig


#: The ends of each sentiment scale, so an axis shows what a score means: a chart zoomed to the
#: data's range makes a difference of 0.02 on a scale of 2 look like a gap.
SCALE_LIMITS = {"polarity": (-1.0, 1.0), "vader": (-1.0, 1.0), "learned": (-1.0, 1.0),
                "subjectivity": (0.0, 1.0)}  # fmt: skip


def scale_limits(column: str) -> tuple[float, float] | None:
    """The ends of the scale of a score column (``own_polarity`` -> (-1, 1)), None if unknown."""
    for key, lim in SCALE_LIMITS.items():
        if column == key or column.endswith(f"_{key}"):
            return lim
    return None


def _scale_axis(ax: Axes, lim: tuple[float, float] | None) -> None:
    """Set the axis to the scale's ends, with words at the ends of a signed scale."""
    if lim is None:
        return
    lo, hi = lim
    pad = 0.04 * (hi - lo)
    ax.set_xlim(lo - pad, hi + pad)
    if lo < 0 < hi:
        ticks = [lo, lo / 2, 0, hi / 2, hi]
        ax.set_xticks(ticks, [f"{lo:g}\nnegative", f"{lo / 2:g}", "0\nneutral", f"{hi / 2:g}",
                              f"{hi:g}\npositive"])  # fmt: skip


def dot_interval(
    points: pd.DataFrame,
    summary: pd.DataFrame,
    *,
    values: Sequence[tuple[str, str]],
    title: str,
    note_text: str = "",
    palette: Mapping[str, str] | None = None,
) -> Figure:
    """One panel per value: every article as a faint dot per outlet, the outlet mean as a bar and
    its 95% interval as a whisker drawn over the dots where ``summary`` says to show it
    (``show_interval``), N at the right. Each axis spans its score's whole scale
    (:data:`SCALE_LIMITS`), so small differences look as small as they are.

    ``points`` has ``outlet_label`` and the value columns; ``summary`` has, per value (column
    ``value``), ``outlet_label``, ``articles``, ``mean``, ``ci_low``, ``ci_high``, ``show_interval``.
    ``values`` lists (column, axis label) pairs.
    """
    use_style()
    order = sorted(points["outlet_label"].unique(), reverse=True)
    colours = figure_colours(order, palette)
    ypos = {o: i for i, o in enumerate(order)}
    fig, axes = plt.subplots(
        1,
        len(values),
        figsize=(bounded_width(5.2 * len(values)), bounded_height(1.8 + 0.5 * len(order))),
        sharey=True,
    )
    axes = [axes] if len(values) == 1 else list(axes)
    jitter = np.random.default_rng(0).uniform(-0.18, 0.18, len(points))
    for ax, (col, label) in zip(axes, values, strict=True):
        ax.scatter(points[col], points["outlet_label"].map(ypos) + jitter, s=18, alpha=0.35,
                   zorder=2, color=[colours[o] for o in points["outlet_label"]], linewidth=0)  # fmt: skip
        for row in summary[summary["value"] == col].itertuples(index=False):
            y = ypos[row.outlet_label]
            if row.show_interval:  # too few articles: the dots alone, no mean, no interval
                ax.errorbar([row.mean], [y], xerr=[[row.mean - row.ci_low], [row.ci_high - row.mean]],
                            fmt="none", ecolor="black", elinewidth=2.2, capsize=5, capthick=2.2,
                            zorder=5)  # fmt: skip
                ax.plot([row.mean], [y], marker="|", markersize=16, mew=3, color="black", zorder=6)
            ax.annotate(f"N={row.articles}", (1.0, y), xycoords=("axes fraction", "data"),
                        xytext=(4, -3), textcoords="offset points", fontsize=8, color="#555555")  # fmt: skip
        ax.axvline(0, color="#999999", lw=0.8, zorder=1)
        _scale_axis(ax, scale_limits(col))
        ax.set_xlabel(label)
        ax.grid(axis="y", visible=False)
    axes[0].set_yticks(range(len(order)), order)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    return finish(fig, note_text)


def difference_interval(
    differences: pd.DataFrame, *, title: str, xlabel: str, note_text: str = ""
) -> Figure:
    """Each outlet's difference from the other outlets with its 95% bootstrap interval (from
    :func:`analysis.sentiment.outlet_differences`), the verdict written beside it; the axis spans
    at least the interval around zero that the scale's noise needs, never a zoom on one dot."""
    use_style()
    d = differences.sort_values("difference").reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9, 1.6 + 0.5 * len(d)))
    colours = outlet_colors(sorted(d["outlet_label"]))
    for y, row in enumerate(d.itertuples(index=False)):
        measurable = bool(row.measurable)
        ax.errorbar([row.difference], [y], xerr=[[row.difference - row.ci_low], [row.ci_high - row.difference]],
                    fmt="o", color=colours[row.outlet_label], ecolor="black", elinewidth=2, capsize=4,
                    markersize=8, mfc=colours[row.outlet_label] if measurable else "white", zorder=3)  # fmt: skip
        ax.annotate(f"{row.verdict} (N={row.articles} vs {row.others})", (1.0, y),
                    xycoords=("axes fraction", "data"), xytext=(6, -3), textcoords="offset points",
                    fontsize=8, color="#333333")  # fmt: skip
    ax.axvline(0, color="#777777", lw=1)
    reach = float(np.nanmax(np.abs(d[["ci_low", "ci_high"]].to_numpy()))) if len(d) else 0.1
    reach = max(reach * 1.15, 0.1)  # +-0.1 at least: a tenth of a -1..1 scale
    ax.set_xlim(-reach, reach)
    ax.set_yticks(range(len(d)), d["outlet_label"])
    ax.set_ylim(-0.7, len(d) - 0.3)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    fig.tight_layout(rect=(0, 0.05, 0.68, 1))
    note(fig, note_text)
    return fig


def dumbbell(
    table: pd.DataFrame, *, group: str, left: str, right: str, value: str, count: str, title: str,
    xlabel: str, note_text: str = "",
    palette: Mapping[str, str] | None = None,
) -> Figure:  # fmt: skip
    """Per outlet, two dots (``left`` and ``right`` values of column ``group``) joined by a line.

    ``table`` is long: outlet_label, group (``left`` or ``right``), ``value`` and ``count`` (N,
    written beside each dot). The ``left`` dot is hollow, the ``right`` one filled.
    """
    use_style()
    order = sorted(table["outlet_label"].unique(), reverse=True)
    colours = figure_colours(order, palette)
    fig, ax = plt.subplots(figsize=(9, bounded_height(1.6 + 0.5 * len(order))))
    for y, outlet in enumerate(order):
        g = table[table["outlet_label"] == outlet].set_index(group)
        xs = [g.loc[k, value] if k in g.index else float("nan") for k in (left, right)]
        ax.plot(xs, [y, y], color="#BBBBBB", lw=2, zorder=1)
        for k, x in zip((left, right), xs, strict=True):
            if pd.isna(x):
                continue
            filled = k == right
            ax.scatter([x], [y], s=70, zorder=3, color=colours[outlet] if filled else "white",
                       edgecolor=colours[outlet], linewidth=2)  # fmt: skip
            ax.annotate(f"{k}, N={int(g.loc[k, count])}", (x, y), xytext=(0, 9 if filled else -15),
                        textcoords="offset points", fontsize=8, ha="center", color="#444444")  # fmt: skip
    ax.axvline(0, color="#999999", lw=0.8)
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(-0.7, len(order) - 0.3)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    return finish(fig, note_text)


def cell_ink(value: float, top: float) -> str:
    """The colour of a number written on a heatmap cell whose colour runs from 0 to ``top``: white
    on the dark end of the scale, near-black elsewhere."""
    return "white" if value > 0.55 * top else "0.15"


#: Heatmap cells resting on fewer sentences than this are faded: a mean of a handful of
#: sentences is mostly the luck of which sentences they were.
MIN_CELL_N = 10


def heatmap(
    table: pd.DataFrame, *, row: str, col: str, value: str, count: str, title: str, colorbar: str,
    note_text: str = "", diverging: bool = True, min_n: int = 0, compare: str | None = None,
    scale: tuple[float, float] | None = None,
) -> Figure:  # fmt: skip
    """A ``row`` x ``col`` grid coloured by ``value`` with the value and N written in each cell.

    Cells with N under ``min_n`` are faded and say "few"; with ``compare`` (a second score
    column), cells where the two scores have opposite signs are outlined and marked "≠". The
    colour runs over ``scale`` (the score's whole range) when given, else over the data's range.
    """
    use_style()
    wide = table.pivot_table(index=row, columns=col, values=value, aggfunc="first")
    counts = table.pivot_table(index=row, columns=col, values=count, aggfunc="first")
    other = (
        table.pivot_table(index=row, columns=col, values=compare, aggfunc="first").reindex_like(
            wide
        )
        if compare
        else None
    )
    fig, ax = plt.subplots(
        figsize=(
            bounded_width(2.2 + 1.6 * wide.shape[1]),
            bounded_height(1.8 + 0.55 * wide.shape[0]),
        )
    )
    if scale is not None:
        lim = float(max(abs(scale[0]), abs(scale[1])))
    else:
        lim = float(abs(wide).max().max()) if wide.size else 1.0
        lim = lim or 1.0
    image = ax.imshow(wide.to_numpy(dtype=float), cmap="RdBu" if diverging else "Blues", aspect="auto",
                      vmin=-lim if diverging else 0, vmax=lim)  # fmt: skip
    for i in range(wide.shape[0]):
        for j in range(wide.shape[1]):
            v, n = wide.iat[i, j], counts.iat[i, j]
            if pd.isna(v):
                continue
            few = n < min_n
            disagree = (
                other is not None
                and pd.notna(other.iat[i, j])
                and np.sign(v) * np.sign(other.iat[i, j]) < 0
            )
            if few:
                ax.add_patch(
                    plt.Rectangle((j - 0.5, i - 0.5), 1, 1, color="white", alpha=0.75, zorder=2)
                )
            if disagree:
                ax.add_patch(plt.Rectangle((j - 0.46, i - 0.46), 0.92, 0.92, fill=False, lw=1.6,
                                           ls="--", edgecolor="black", zorder=3))  # fmt: skip
            shown = round(v, 2) or 0.0  # never "-0.00"
            label = f"{shown:+.2f}{' ≠' if disagree else ''}\nN={int(n)}{' few' if few else ''}"
            ax.text(j, i, label, ha="center", va="center", fontsize=8, zorder=4,
                    color="0.45" if few else cell_ink(abs(v), lim))  # fmt: skip
    ax.set_xticks(
        range(wide.shape[1]), [textwrap.fill(str(c), 16) for c in wide.columns], fontsize=8
    )
    ax.set_yticks(range(wide.shape[0]), wide.index)
    ax.grid(False)
    ax.set_title(title)
    fig.colorbar(image, ax=ax, label=colorbar, shrink=0.8)
    return finish(fig, note_text)


#: Above this many points a scatter is drawn as a density (hexagonal bins), not one dot each.
DENSITY_POINTS = 3000


def scatter_by_outlet(
    table: pd.DataFrame,
    *,
    x: str,
    y: str,
    title: str,
    xlabel: str,
    ylabel: str,
    note_text: str = "",
    palette: Mapping[str, str] | None = None,
) -> Figure:
    """A scatter of ``x`` against ``y``, one colour per outlet, with a legend; above
    :data:`DENSITY_POINTS` points, the density of all of them (count per hexagon, log colour
    scale), since thousands of overlapping dots show only the outlet drawn last."""
    use_style()
    fig, ax = plt.subplots(figsize=(7.5, 6))
    if len(table) > DENSITY_POINTS:
        bins = ax.hexbin(table[x], table[y], gridsize=40, bins="log", cmap="Blues", mincnt=1)
        fig.colorbar(bins, ax=ax, label="points per hexagon (log scale)")
    else:
        colours = figure_colours(sorted(table["outlet_label"].unique()), palette)
        for outlet, g in table.groupby("outlet_label"):
            ax.scatter(
                g[x], g[y], s=22, alpha=0.7, color=colours[outlet], label=outlet, edgecolor="white"
            )
        ax.legend(fontsize=8, loc="upper left")
    ax.axhline(0, color="#999999", lw=0.8)
    ax.axvline(0, color="#999999", lw=0.8)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return finish(fig, note_text)


#: How a claim's qualifier is drawn: exact values filled, "about" hollow, bounds as arrows.
QUALIFIER_MARKERS = {
    "exact": ("o", True, "exact"),
    "approx": ("o", False, "about (approx.)"),
    "more_than": (">", True, "more than / over"),
    "at_least": (">", False, "at least"),
    "at_most": ("<", True, "up to / nearly"),
}
#: A vague quantity ("dozens", "hundreds") is drawn as a hollow diamond, never as an exact dot.
VAGUE_MARKER = ("D", False, "vague word (dozens, hundreds): approximate")


def _marker(qualifier: str, vague: bool) -> tuple[str, bool, str]:
    """(marker, filled, legend text) of a claim: the vague marker beats the qualifier's."""
    return VAGUE_MARKER if vague else QUALIFIER_MARKERS.get(qualifier, ("o", True, qualifier))


def _qualifier_handles() -> list:
    """Legend entries for the qualifier and vague markers, in grey."""
    return [
        plt.Line2D([], [], marker=m, linestyle="", markersize=8, markerfacecolor="#555555" if f else "white",
                   markeredgecolor="#555555", markeredgewidth=2, label=text)
        for m, f, text in [*QUALIFIER_MARKERS.values(), VAGUE_MARKER]
    ]  # fmt: skip


#: A row of a claims chart names its dots (``label``) only when it has this many or fewer.
MAX_LABELS = 3
#: Panels per row of a claims chart (more wrap to the next row, so each stays readable).
PANEL_COLUMNS = 3


#: A coordinate of a dot: a column name, or a function of the group's rows.
Coordinate = str | Callable[[pd.DataFrame], pd.Series]


def _qualifier_dots(
    ax: Axes,
    part: pd.DataFrame,
    x: Coordinate,
    y: Coordinate,
    colours: Mapping[str, str],
    **kw: object,
) -> None:
    """Scatter ``part`` by marker (qualifier, vague) and outlet colour, one call per group."""
    vague = part["vague"].fillna(False).astype(bool) if "vague" in part else False
    for (outlet, qualifier, is_vague), g in part.assign(_vague=vague).groupby(
        ["outlet_label", "qualifier", "_vague"], dropna=False
    ):
        marker, filled, _ = _marker(qualifier, bool(is_vague))
        colour = colours[outlet]
        xs = g[x] if isinstance(x, str) else x(g)
        ys = g[y] if isinstance(y, str) else y(g)
        ax.scatter(xs, ys, marker=marker, zorder=3, facecolor=colour if filled else "white",
                   edgecolor=colour, linewidth=2, **kw)  # fmt: skip


def _alpha(dots: int) -> float:
    """Opaque dots, translucent where a panel has more than 200 (overlaps then show)."""
    return 1.0 if dots <= 200 else 0.6


def _log_if_wide(values: pd.Series) -> bool:
    """Whether values span more than a factor of 20 (then a log scale shows them all)."""
    values = values.astype(float)
    return bool(len(values) and values.min() > 0 and values.max() / values.min() > 20)


def _panel_grid(
    count: int, *, width: float, height: float, **kw: object
) -> tuple[Figure, list[Axes]]:
    """A figure of ``count`` panels, :data:`PANEL_COLUMNS` to a row, no bigger than a page;
    unused cells hidden."""
    cols = min(count, PANEL_COLUMNS)
    rows = -(-count // cols)
    size = (bounded_width(width * cols), bounded_height(height * rows))
    fig, axes = plt.subplots(rows, cols, figsize=size, squeeze=False, **kw)
    flat = [ax for row in axes for ax in row]
    for ax in flat[count:]:
        ax.set_visible(False)
    return fig, flat[:count]


def claim_dots(
    claims: pd.DataFrame,
    *,
    facet: str,
    title: str,
    xlabel: str,
    note_text: str = "",
    label: str | None = None,
    palette: Mapping[str, str] | None = None,
) -> Figure:
    """Reported values as dots, one row per outlet, one panel per ``facet`` value.

    Give ``facet`` a column that names the place (e.g. ``panel`` from
    :func:`analysis.claims.panels`: "troops · Iraq"), so that no value is read without it. The
    marker shows the qualifier (filled circle exact, hollow circle "about", triangles for "more
    than"/"at least" and "up to") and a hollow diamond a vague word; ``label`` names a column
    written beside each dot in the rows with at most :data:`MAX_LABELS` such dots (all of them
    are in the figure's CSV). Panels wrap :data:`PANEL_COLUMNS` to a row; values on a log scale
    when they span more than a factor of 20; dots are translucent where a panel has many.
    """
    use_style()
    c = claims.assign(**{facet: claims[facet].fillna(NO_PLACE)})
    facets = list(dict.fromkeys(c[facet])) if facet == "panel" else sorted(c[facet].unique())
    outlets_ = sorted(c["outlet_label"].unique(), reverse=True)
    colours = figure_colours(outlets_, palette)
    ypos = {o: i for i, o in enumerate(outlets_)}
    fig, axes = _panel_grid(len(facets), width=5.0, height=2.4 + 0.4 * len(outlets_), sharey=True)
    hidden = 0
    for ax, name in zip(axes, facets, strict=True):
        part = c[c[facet] == name]
        _qualifier_dots(ax, part, "value", lambda g: g["outlet_label"].map(ypos), colours,
                        s=80, alpha=_alpha(len(part)))  # fmt: skip
        if label:
            named = part[part[label].map(lambda v: isinstance(v, str) and bool(v.strip()))]
            for _, row_dots in named.groupby("outlet_label"):
                if len(row_dots) > MAX_LABELS:
                    hidden += len(row_dots)
                    continue
                # left to right, above and below the row in turn, so neighbours do not collide
                ordered = row_dots.sort_values("value").itertuples(index=False)
                for k, row in enumerate(ordered):
                    text = textwrap.fill(textwrap.shorten(getattr(row, label), 60), 30)
                    ax.annotate(text, (row.value, ypos[row.outlet_label]),
                                xytext=(6, 7 if k % 2 == 0 else -7), textcoords="offset points",
                                fontsize=7, color="#555555", va="bottom" if k % 2 == 0 else "top")  # fmt: skip
        ax.set_title(textwrap.fill(str(name), 45), fontsize=10)
        ax.set_xlabel(xlabel)
        log = _log_if_wide(part["value"])
        if log:
            ax.set_xscale("log")
        else:  # counts: a few whole-number ticks with separators, even for a single value
            ax.xaxis.set_major_locator(MaxNLocator(nbins=COUNT_TICKS, integer=True))
            ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
        ax.margins(x=0.25)
        if not log:  # a count's axis starts at zero, so a lone dot is read against its size
            ax.set_xlim(left=0)
        ax.grid(axis="y", visible=False)
        ax.set_yticks(range(len(outlets_)), outlets_)
        ax.set_ylim(-0.6, len(outlets_) - 0.4)
    fig.legend(handles=_qualifier_handles(), loc="lower center", ncol=3, fontsize=8,
               bbox_to_anchor=(0.5, 0.03), frameon=False)  # fmt: skip
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    height = fig.get_figheight()  # room in inches for the title above, legend and note below
    fig.tight_layout(rect=(0, min(1.0 / height, 0.3), 1, 1 - 0.4 / height))
    if hidden:
        note_text += (
            f" {hidden:,} labels ({label}) not drawn in rows with more than {MAX_LABELS} dots;"
            " the CSV has them all."
        )
    note(fig, note_text.strip())
    return fig


def values_by_date(
    claims: pd.DataFrame,
    *,
    title: str,
    ylabel: str,
    by: str = "location",
    note_text: str = "",
    palette: Mapping[str, str] | None = None,
) -> Figure:
    """Reported values against publication date: one panel and one series per ``by`` value
    (the place), so the numbers of two places never share a line.

    Dots are coloured by outlet, marked by qualifier (a hollow diamond for a vague word); the grey
    step line is the series of the place, the median value reported on each publication date (none
    for the claims that name no place: they are not one quantity). No taller than a page.
    Claims from undated articles sit in a narrow panel at the right of their place's row; values
    on a log scale when they span more than a factor of 20; the legend is to the right.
    """
    use_style()
    places = claims[by].fillna(NO_PLACE)
    names = list(places.value_counts().index)
    outlets_ = sorted(claims["outlet_label"].unique())
    colours = figure_colours(outlets_, palette)
    dates = pd.to_datetime(
        claims["published"].astype("string").str.slice(0, 10), errors="coerce", format="%Y-%m-%d"
    )
    c = claims.assign(_place=places, _date=dates)
    fig, grid = plt.subplots(len(names), 2, figsize=(11, bounded_height(1.2 + 2.6 * len(names))), sharey="row",
                             sharex="col", squeeze=False, gridspec_kw={"width_ratios": [5, 1]})  # fmt: skip
    alpha = _alpha(len(claims))
    wide = _log_if_wide(claims["value"])
    slot = {o: -0.6 + 1.2 * k / max(len(outlets_) - 1, 1) for k, o in enumerate(outlets_)}
    for (ax, ax_u), name in zip(grid, names, strict=True):
        part = c[c["_place"] == name]
        dated = part[part["_date"].notna()]
        series = dated.groupby("_date")["value"].median()
        if len(series) > 1 and name != NO_PLACE:  # claims with no place are no one series
            ax.step(
                series.index, series.to_numpy(), where="post", color="#999999", lw=1.2, zorder=2
            )
        _qualifier_dots(ax, dated, "_date", "value", colours, s=70, alpha=alpha)
        # undated claims side by side, one column per outlet, so equal values do not hide each other
        _qualifier_dots(ax_u, part[part["_date"].isna()], lambda g: g["outlet_label"].map(slot),
                        "value", colours, s=70, alpha=alpha)  # fmt: skip
        ax.set_title(str(name), loc="left", fontsize=10, fontweight="bold")
        ax.set_ylabel(ylabel)
        if wide:
            ax.set_yscale("log")
        ax_u.set_xticks([0], ["undated"])
        ax_u.set_xlim(-1, 1)
        ax_u.grid(axis="x", visible=False)
    grid[-1][0].set_xlabel("publication date")
    fig.autofmt_xdate(rotation=30, ha="right")
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    handles = [
        plt.Line2D([], [], marker="o", linestyle="", color=c, label=o) for o, c in colours.items()
    ]
    handles += _qualifier_handles()
    handles.append(plt.Line2D([], [], color="#999999", lw=1.2, label="median on each date"))
    fig.legend(handles=handles, fontsize=8, loc="center left", bbox_to_anchor=(0.8, 0.5),
               frameon=False)  # fmt: skip
    height = fig.get_figheight()
    fig.tight_layout(rect=(0, 0.5 / height, 0.8, 1 - 0.4 / height))
    note(fig, note_text)
    return fig
