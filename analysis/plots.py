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

import hashlib
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis import outlets
from analysis.config import PATHS

OTHER = "Other outlets"
#: Colour-blind-safe qualitative palette (Okabe-Ito, then Tableau 10 for more outlets).
PALETTE = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442",
    "#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#76B7B2", "#EDC948", "#FF9DA7", "#9C755F",
)  # fmt: skip
#: Muted shades for outlets the text does not name ("Unknown (file)"), one per file.
UNKNOWN_PALETTE = ("#8C8C8C", "#A5896E", "#7F8FA6", "#9E8FB2", "#8FA68C", "#B09C85")
OTHER_COLOUR = "#BDBDBD"
#: Warm and neutral colours for stacked "removed" parts (no blues: blue means kept text).
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


def _stable_index(label: str, size: int) -> int:
    return int(hashlib.sha1(label.encode("utf-8")).hexdigest(), 16) % size


def outlet_colors(labels: Iterable[str], *, lexicon: pd.DataFrame | None = None) -> dict[str, str]:
    """One colour per outlet label, the same in every figure and every run.

    Outlets in ``data/lexicons/outlets.csv`` with a ``colour`` keep it; other outlets get a palette
    colour chosen from a hash of the name (so adding an outlet never recolours the others); unknown
    outlets ("Unknown (file)") get muted shades; "Other outlets" is grey.
    """
    lexicon = outlets.read_lexicon() if lexicon is None else lexicon
    fixed = {
        row.outlet: row.colour
        for row in lexicon.itertuples(index=False)
        if isinstance(row.colour, str) and row.colour.startswith("#")
    }
    free = [c for c in PALETTE if c not in set(fixed.values())] or list(PALETTE)
    colours: dict[str, str] = {}
    for label in dict.fromkeys(labels):
        if label in fixed:
            colours[label] = fixed[label]
        elif label == OTHER:
            colours[label] = OTHER_COLOUR
        elif label.startswith("Unknown ("):
            colours[label] = UNKNOWN_PALETTE[_stable_index(label, len(UNKNOWN_PALETTE))]
        else:
            colours[label] = free[_stable_index(label, len(free))]
    return colours


def top_outlets(articles: pd.DataFrame, n: int, *, label_col: str = "outlet_label") -> list[str]:
    """The ``n`` outlet labels with the most articles (ties by name), for readable big-corpus figures."""
    counts = articles.groupby(label_col).size().reset_index(name="articles")
    counts = counts.sort_values(["articles", label_col], ascending=[False, True])
    return list(counts[label_col].head(n))


def group_outlets(
    frame: pd.DataFrame, keep: Sequence[str], *, label_col: str = "outlet_label"
) -> pd.DataFrame:
    """A copy of ``frame`` with every outlet not in ``keep`` relabelled "Other outlets"."""
    out = frame.copy()
    out[label_col] = out[label_col].where(out[label_col].isin(list(keep)), OTHER)
    return out


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

    def items(self):  # noqa: ANN201 - like a dict of format -> path
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
    data.to_csv(paths["csv"], index=False, float_format="%.6g", lineterminator="\n")
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
) -> Figure:
    """Horizontal bars (largest on top) coloured by outlet, values written at the bar ends."""
    use_style()
    table = table.sort_values([value, label], ascending=[True, False])
    colours = outlet_colors(table[colour_by])
    fig, ax = plt.subplots(figsize=(9, 1.4 + 0.4 * len(table)))
    bars_ = ax.barh(table[label], table[value], color=[colours[o] for o in table[colour_by]])
    ax.bar_label(bars_, labels=[f"{v:,.0f}" for v in table[value]], padding=3, fontsize=9)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    ax.margins(x=0.12)
    if (table[value] % 1 == 0).all():
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if legend:
        handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in colours.values()]
        ax.legend(handles, list(colours), loc="lower right", fontsize=8)
    return finish(fig, note_text)


def bar_by_outlet(
    table: pd.DataFrame, *, value: str, title: str, xlabel: str, note_text: str = ""
) -> Figure:
    """One bar per outlet (column ``outlet_label``), in the outlet's colour."""
    return bars(
        table, label="outlet_label", value=value, title=title, xlabel=xlabel, note_text=note_text
    )


def dates_by_outlet(table: pd.DataFrame, *, title: str, note_text: str = "") -> Figure:
    """Publication dates as dots, one row per outlet; undated articles in a panel of their own.

    ``table`` has ``outlet_label``, ``date`` (NaT when unknown) and ``is_dated`` (see
    ``overview.dated``). Undated articles are counted, never dropped.
    """
    use_style()
    order = sorted(table["outlet_label"].unique(), reverse=True)
    colours = outlet_colors(order)
    fig, (ax, ax_u) = plt.subplots(
        1,
        2,
        figsize=(10, 1.6 + 0.45 * len(order)),
        sharey=True,
        gridspec_kw={"width_ratios": [5, 1]},
    )
    ypos = {o: i for i, o in enumerate(order)}
    dated_rows = table[table["is_dated"]]
    ax.scatter(
        dated_rows["date"], dated_rows["outlet_label"].map(ypos), s=70, zorder=3,
        color=[colours[o] for o in dated_rows["outlet_label"]], edgecolor="white",
    )  # fmt: skip
    ax.set_yticks(range(len(order)), order)
    ax.set_title(title)
    ax.set_xlabel("publication date")
    fig.autofmt_xdate(rotation=30, ha="right")
    undated = table[~table["is_dated"]].groupby("outlet_label").size()
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
    colours = part_colours or _part_colours(parts)
    fig, ax = plt.subplots(figsize=(10, 2.6 + 0.45 * len(wide) + 0.18 * len(parts)))
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
