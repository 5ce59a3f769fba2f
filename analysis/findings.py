"""Chart titles that state what the chart shows, computed from the table it draws.

Each function takes the table a notebook charts and returns a title: the finding when the data
supports one (one outlet clearly ahead, an interval that excludes zero, the same leader in most
outlets), else a plain description of the chart. Nothing here knows the story or the outlets; the pool of "Other outlets" (:data:`analysis.plots.OTHER`) is
never named as a finding.

    >>> articles_per_outlet(pd.DataFrame({"outlet_label": ["A", "B"], "articles": [9, 3]}))
    'A contributes the most articles: 9 of 12'
"""

from __future__ import annotations

import pandas as pd

from analysis.plots import OTHER

#: An outlet or item "leads" only when its value is at least this many times the runner-up's.
LEAD_RATIO = 1.25
#: A leader is named for "most outlets" only when it leads in at least this share of them.
MOST_OUTLETS = 0.5


def _clear_leader(values: pd.Series) -> object | None:
    """The index of the largest value when it is at least :data:`LEAD_RATIO` times the next."""
    ranked = values.sort_values(ascending=False)
    if ranked.empty or ranked.iloc[0] <= 0:
        return None
    if len(ranked) > 1 and ranked.iloc[0] < LEAD_RATIO * ranked.iloc[1]:
        return None
    return ranked.index[0]


def articles_per_outlet(per_outlet: pd.DataFrame) -> str:
    """Title for articles per outlet (``outlet_label``, ``articles``)."""
    counts = per_outlet.set_index("outlet_label")["articles"]
    total = int(counts.sum())
    counts = counts.drop(OTHER, errors="ignore")  # a pool of outlets is no outlet
    if len(counts) == 1:
        if total == 1:
            return f"The one article comes from {counts.index[0]}"
        return f"All {total:,} articles come from {counts.index[0]}"
    top = _clear_leader(counts)
    if top is None:
        return f"{len(counts):,} outlets, {total:,} articles: no outlet clearly contributes most"
    return f"{top} contributes the most articles: {int(counts[top]):,} of {total:,}"


def own_voice(differences: pd.DataFrame, *, scale: str) -> str:
    """Title for each outlet's own voice against the others (:func:`sentiment.outlet_differences`)."""
    differences = differences[differences["outlet_label"] != OTHER]  # a pool is no outlet
    if differences.empty:
        return f"Own voice ({scale}): too few articles per outlet to compare"
    measurable = differences[differences["measurable"]]
    if measurable.empty:
        return f"No outlet's own voice differs measurably from the others' ({scale})"
    if len(measurable) > 2:
        return (f"{len(measurable)} of {len(differences)} outlets differ measurably from the "
                f"others in own voice ({scale})")  # fmt: skip
    parts = [
        f"{r.outlet_label} {'more positive' if r.difference > 0 else 'more negative'}"
        for r in measurable.itertuples(index=False)
    ]
    return f"Own voice ({scale}): {' and '.join(parts)} than the other outlets"


def leader_by_outlet(
    table: pd.DataFrame, *, item: str, value: str = "count"
) -> tuple[object, int, int] | None:
    """The item that leads most outlets in ``table`` (``outlet_label``, ``item``, ``value``): the
    item, in how many outlets it clearly leads (:data:`LEAD_RATIO`), of how many; None if no item
    leads at least :data:`MOST_OUTLETS` of them. A pool of "Other outlets" is no outlet."""
    table = table[table["outlet_label"] != OTHER]
    if table.empty:
        return None
    led = []
    for _, group in table.groupby("outlet_label"):
        top = _clear_leader(group.groupby(item)[value].sum())
        if top is not None:
            led.append(top)
    n = table["outlet_label"].nunique()
    if not led:
        return None
    counts = pd.Series(led).value_counts()
    best, k = counts.index[0], int(counts.iloc[0])
    return (best, k, n) if k >= MOST_OUTLETS * n else None


def _in_outlets(k: int, n: int) -> str:
    if n == 1:
        return "in the one outlet"
    return "in every outlet" if k == n else f"in {k} of {n} outlets"


def leader(table: pd.DataFrame, *, item: str, value: str, template: str, fallback: str) -> str:
    """Title naming the item that leads most outlets (:func:`leader_by_outlet`), else ``fallback``.

    ``template`` has ``{name}`` and ``{where}`` ("in 5 of 7 outlets", "in every outlet").

    Example:
        >>> t = pd.DataFrame({"outlet_label": ["A", "A", "B"], "entity": ["X", "Y", "X"],
        ...                   "count": [5, 1, 2]})
        >>> leader(t, item="entity", value="count", template="{name} leads {where}", fallback="-")
        'X leads in every outlet'
    """
    lead = leader_by_outlet(table, item=item, value=value)
    if lead is None:
        return fallback
    name, k, n = lead
    title = template.format(name=name, where=_in_outlets(k, n))
    return title[:1].upper() + title[1:]  # a title opens with a capital ("Indirect ...")
