"""Charts of notebook 01 (word frequency), drawn in the shared style of :mod:`analysis.plots`.

Three chart types: small multiples of horizontal bars (one panel per outlet, shared scale), the
log-odds chart (z-score against corpus frequency, the most distinctive terms labelled), and a
heatmap of shares with counts written in the cells (terms or entities by outlet). Every function
returns the figure and never shows it; save it with ``plots.save_figure``.

Example:
    >>> fig = bars_by_outlet(frequency.top_terms(counts, k=10), title="Most used words")  # doctest: +SKIP
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis import plots


def _grid(n: int, *, max_cols: int = 3) -> tuple[int, int]:
    cols = min(max_cols, max(n, 1))
    return math.ceil(max(n, 1) / cols), cols


def _wrap(label: str, width: int = 38) -> str:
    return label if len(label) <= width else label[: width - 1] + "\u2026"


def bars_by_outlet(
    table: pd.DataFrame,
    *,
    label: str = "term",
    value: str = "rate_per_1000",
    title: str,
    xlabel: str = "rate per 1,000 words",
    source: str = "",
    max_cols: int = 3,
    palette: Mapping[str, str] | None = None,
) -> Figure:
    """One panel per outlet, horizontal bars of ``value`` for each ``label``, one shared x scale.

    Args:
        table: rows with ``outlet_label``, ``label`` and ``value`` (e.g. :func:`frequency.top_terms`),
            already cut to the bars to show, in the order to show them (top first).
        label, value: the columns of the bar labels and lengths.
        title: the figure title (say what it shows).
        xlabel: the x-axis label, with units.
        source: the note under the figure (data source and N).
        max_cols: panels per row.
        palette: the notebook's outlet colours (:func:`plots.outlet_colors`).
    """
    plots.use_style()
    outlets = list(dict.fromkeys(table["outlet_label"]))
    rows, cols = _grid(len(outlets), max_cols=max_cols)
    per_panel = int(table.groupby("outlet_label").size().max()) if len(table) else 1
    fig, axes = plt.subplots(
        rows,
        cols,
        figsize=(4.6 * cols, plots.bounded_height(0.28 * per_panel * rows + 1.1 * rows + 0.9)),
        sharex=True,
        squeeze=False,
    )
    colors = plots.figure_colours(outlets, palette)
    top = float(table[value].max()) if len(table) else 1.0
    for ax, outlet in zip(axes.flat, outlets, strict=False):
        part = table[table["outlet_label"] == outlet]
        y = np.arange(len(part))[::-1]
        ax.barh(y, part[value], color=colors[outlet], height=0.7)
        ax.set_yticks(y, [_wrap(str(t), 28) for t in part[label]], fontsize=8.5)
        ax.set_ylim(-0.6, per_panel - 0.4)
        ax.set_title(_wrap(outlet, 40), fontsize=10, loc="left")
        ax.set_xlim(0, top * 1.08)
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(axis="y", visible=False)
    for ax in axes.flat[len(outlets) :]:
        ax.set_visible(False)
    for column in axes.T:
        lowest = [ax for ax in column if ax.get_visible()][-1:]
        for ax in lowest:
            ax.xaxis.set_tick_params(labelbottom=True)
            ax.set_xlabel(xlabel, fontsize=9)
    fig.suptitle(textwrap.fill(title, 110), x=0.01, ha="left", fontsize=12, fontweight="bold")
    fig.tight_layout(rect=(0, 0.04, 1, 0.97))
    if source:
        plots.note(fig, source)
    return fig


def _spread(values: np.ndarray, gap: float) -> np.ndarray:
    """Move sorted label positions apart so that neighbours are at least ``gap`` apart."""
    order = np.argsort(values)
    placed = values[order].astype(float).copy()
    for i in range(1, len(placed)):
        placed[i] = max(placed[i], placed[i - 1] + gap)
    out = np.empty_like(placed)
    out[order] = placed
    return out


def log_odds_chart(
    scores: pd.DataFrame,
    *,
    label_top: int = 8,
    title: str,
    source: str = "",
    max_cols: int = 3,
    palette: Mapping[str, str] | None = None,
) -> Figure:
    """Per outlet: each term's z-score against its corpus frequency, the top ``label_top`` labelled.

    Args:
        scores: output of :func:`distinctive.log_odds` (``outlet_label``, ``term``, ``total``, ``z``).
        label_top: how many of the highest z-scores to label per panel.
        title: the figure title.
        source: the note under the figure.
        max_cols: panels per row.
    """
    plots.use_style()
    outlets = list(dict.fromkeys(scores["outlet_label"]))
    rows, cols = _grid(len(outlets), max_cols=max_cols)
    fig, axes = plt.subplots(
        rows,
        cols,
        figsize=(5.2 * cols, plots.bounded_height(4.2 * rows + 0.8)),
        sharey=True,
        squeeze=False,
    )
    colors = plots.figure_colours(outlets, palette)
    z_lo, z_hi = float(scores["z"].min()), float(scores["z"].max())
    span = (z_hi - z_lo) or 1.0
    x_lo, x_hi = float(scores["total"].min()), float(scores["total"].max())
    label_x = x_hi * 2.0
    for ax, outlet in zip(axes.flat, outlets, strict=False):
        part = scores[scores["outlet_label"] == outlet]
        ax.scatter(part["total"], part["z"], s=9, color="0.7", linewidths=0)
        top = part.nlargest(label_top, "z")
        ax.scatter(top["total"], top["z"], s=18, color=colors[outlet], zorder=3)
        label_y = _spread(top["z"].to_numpy(dtype=float), gap=span * 0.06)
        for xi, yi, ly, term in zip(top["total"], top["z"], label_y, top["term"], strict=True):
            ax.annotate(
                _wrap(str(term), 24), (xi, yi), xytext=(label_x, ly), textcoords="data", fontsize=8,
                va="center", arrowprops={"arrowstyle": "-", "color": "0.6", "lw": 0.5},
            )  # fmt: skip
        ax.axhline(0, color="0.5", lw=0.6)
        ax.axhline(1.96, color="0.5", lw=0.6, ls=":")
        ax.set_xscale("log")
        ax.set_xlim(x_lo / 1.5, x_hi * 40)
        ax.set_ylim(z_lo - 0.3, max(z_hi, 1.96) + span * 0.06 * label_top * 0.6)
        ax.set_title(_wrap(outlet, 40), fontsize=10, loc="left")
        ax.set_xlabel("uses in the whole corpus (log scale)", fontsize=9)
        ax.tick_params(labelsize=8)
    for ax in axes[:, 0]:
        ax.set_ylabel("z-score (weighted log-odds vs other outlets)", fontsize=9)
    for ax in axes.flat[len(outlets) :]:
        ax.set_visible(False)
    fig.suptitle(textwrap.fill(title, 110), x=0.01, ha="left", fontsize=12, fontweight="bold")
    fig.tight_layout(rect=(0, 0.04, 1, 0.97))
    if source:
        plots.note(fig, source)
    return fig


#: A share computed from fewer uses than this is drawn faded: one use out of one is a share of 1.0,
#: the darkest cell, and says nothing.
MIN_SHARE_N = 5


def _group_of(lines: list[tuple | str]) -> str:
    return next(line for line in reversed(lines) if isinstance(line, str))


def share_heatmap(
    table: pd.DataFrame,
    *,
    row: str,
    group: str | None = None,
    value: str = "share",
    count: str = "count",
    title: str,
    colorbar_label: str = "share of the outlet's mentions",
    source: str = "",
    min_n: int = MIN_SHARE_N,
) -> Figure:
    """Rows (terms, entities) by outlet: cells coloured by ``value``, the ``count`` written in them;
    a share resting on fewer than ``min_n`` uses (``count / share``) is faded, the note says so.

    Args:
        table: rows with ``outlet_label``, ``row``, ``value`` and ``count`` (and ``group``).
        row: the column naming a heatmap row (e.g. ``form`` or ``entity``).
        group: optional column grouping the rows (e.g. ``concept``): each group starts with a
            bold header line.
        value, count: the colour and the number written.
        title: the figure title.
        colorbar_label: the colour bar's label.
        source: the note under the figure.
    """
    plots.use_style()
    keys = [group, row] if group else [row]
    order = table.groupby(keys, sort=False)[count].sum().reset_index()
    if group:
        order = order.sort_values([group, count], ascending=[True, False])
    lines: list[tuple | str] = []  # a row key, or a group name (a header line)
    for key in order[keys].itertuples(index=False, name=None):
        if group and (not lines or _group_of(lines) != key[0]):
            lines.append(key[0])
        lines.append(key)
    outlets = list(dict.fromkeys(table["outlet_label"]))
    grid = np.full((len(lines), len(outlets)), np.nan)
    counts = np.zeros_like(grid)
    index = {k: i for i, k in enumerate(lines) if isinstance(k, tuple)}
    col = {o: j for j, o in enumerate(outlets)}
    for rec in table.itertuples(index=False):
        i, j = index[tuple(getattr(rec, k) for k in keys)], col[rec.outlet_label]
        grid[i, j], counts[i, j] = getattr(rec, value), getattr(rec, count)
    width = plots.bounded_width(max(8.0, 3.4 + 1.15 * len(outlets)))
    fig, ax = plt.subplots(figsize=(width, plots.bounded_height(2.2 + 0.3 * len(lines))))
    # the scale ends at the largest share shown: in a big corpus every share is small
    top = float(np.nanmax(grid)) if np.isfinite(grid).any() else 1.0
    top = min(1.0, max(top, 0.05))
    image = ax.imshow(np.ma.masked_invalid(grid), aspect="auto", cmap="Blues", vmin=0, vmax=top)
    faded = 0
    for i, j in zip(*np.nonzero(counts), strict=True):
        behind = counts[i, j] / grid[i, j] if grid[i, j] > 0 else 0
        thin = behind < min_n - 1e-9
        if thin:
            faded += 1
            ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, facecolor="white", alpha=0.7,
                                       edgecolor="none"))  # fmt: skip
        ax.text(j, i, f"{int(counts[i, j])}", ha="center", va="center", fontsize=8,
                color="0.45" if thin else plots.cell_ink(grid[i, j], top))  # fmt: skip
    if faded:
        source = f"{source} Faded cells: shares of fewer than {min_n} uses.".strip()
    labels = [_wrap(str(k[-1]), 34) if isinstance(k, tuple) else _wrap(k, 34) for k in lines]
    ax.set_yticks(range(len(lines)), labels, fontsize=8.5)
    for tick, line in zip(ax.get_yticklabels(), lines, strict=True):
        if not isinstance(line, tuple):
            tick.set_fontweight("bold")
    for i, line in enumerate(lines):
        if not isinstance(line, tuple) and i:
            ax.axhline(i - 0.5, color="0.4", lw=0.8)
    ax.xaxis.tick_top()
    ax.set_xticks(range(len(outlets)), [textwrap.fill(o, 13) for o in outlets], fontsize=8)
    ax.tick_params(length=0)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(True)
    bar = fig.colorbar(image, ax=ax, fraction=0.035, pad=0.02)
    bar.set_label(colorbar_label, fontsize=9)
    bar.ax.tick_params(labelsize=8)
    fig.suptitle(
        textwrap.fill(title, int(width * 9)), x=0.01, ha="left", fontsize=12, fontweight="bold"
    )
    fig.tight_layout(rect=(0, 0.03, 1, 0.98))
    if source:
        plots.note(fig, source)
    return fig
