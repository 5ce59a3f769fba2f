"""Finding titles: the finding only when the table supports it, else the plain description."""

from __future__ import annotations

import pandas as pd

from analysis import findings, plots


def _per_outlet(counts: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"outlet_label": list(counts), "articles": list(counts.values())})


def test_thresholds_pinned() -> None:
    assert findings.LEAD_RATIO == 1.25
    assert findings.MOST_OUTLETS == 0.5


def test_articles_per_outlet_names_a_clear_leader_only() -> None:
    assert findings.articles_per_outlet(_per_outlet({"A": 6, "B": 5})) == (
        "2 outlets, 11 articles: no outlet clearly contributes most"
    )  # 6 < 1.25 x 5
    assert findings.articles_per_outlet(_per_outlet({"A": 5, "B": 4})).startswith("A contributes")
    assert findings.articles_per_outlet(_per_outlet({"A": 6, "B": 5, "C": 1})).startswith(
        "3 outlets"
    )
    assert findings.articles_per_outlet(_per_outlet({"B": 4, "A": 5000})) == (
        "A contributes the most articles: 5,000 of 5,004"
    )
    assert findings.articles_per_outlet(_per_outlet({"A": 3})) == "All 3 articles come from A"
    assert findings.articles_per_outlet(_per_outlet({"A": 1})) == "The one article comes from A"


def _differences(rows: list[tuple[str, float, bool]]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"outlet_label": o, "difference": d, "measurable": m} for o, d, m in rows],
        columns=["outlet_label", "difference", "measurable"],
    )


def test_own_voice_names_only_measurable_differences() -> None:
    none = _differences([("A", 0.2, False), ("B", -0.2, False)])
    assert findings.own_voice(none, scale="VADER") == (
        "No outlet's own voice differs measurably from the others' (VADER)"
    )
    one = _differences([("A", 0.2, False), ("B", -0.1, True)])
    assert findings.own_voice(one, scale="VADER") == (
        "Own voice (VADER): B more negative than the other outlets"
    )
    two = _differences([("A", 0.2, True), ("B", -0.1, True), ("C", 0.0, False)])
    assert findings.own_voice(two, scale="VADER") == (
        "Own voice (VADER): A more positive and B more negative than the other outlets"
    )
    many = _differences([(o, 0.1, True) for o in "ABC"] + [("D", 0.0, False)])
    assert findings.own_voice(many, scale="VADER").startswith("3 of 4 outlets differ")
    assert "too few" in findings.own_voice(_differences([]), scale="VADER")


def _mentions(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["outlet_label", "entity", "count"])


def test_leader_needs_a_clear_lead_in_most_outlets() -> None:
    args = {"item": "entity", "value": "count", "template": "{name} leads {where}", "fallback": "-"}
    # X leads A (5 against 1) and B (3 against 2: 3 >= 1.25 x 2).
    both = _mentions([("A", "X", 5), ("A", "Y", 1), ("B", "X", 3), ("B", "Y", 2)])
    assert findings.leader(both, **args) == "X leads in every outlet"
    # In B, 5 against 4 is no clear lead: X leads one outlet of two, which is half: still named.
    half = _mentions([("A", "X", 5), ("A", "Y", 1), ("B", "Y", 5), ("B", "X", 4)])
    assert findings.leader(half, **args) == "X leads in 1 of 2 outlets"
    # Three outlets, each led by a different entity: no finding.
    split = _mentions([("A", "X", 5), ("B", "Y", 5), ("C", "Z", 5)])
    assert findings.leader(split, **args) == "-"
    assert findings.leader(_mentions([("A", "X", 2)]), **args) == "X leads in the one outlet"
    assert findings.leader(_mentions([]), **args) == "-"


def test_a_pool_of_other_outlets_is_never_the_finding() -> None:
    pooled = _per_outlet({plots.OTHER: 900, "A": 500, "B": 100})
    assert findings.articles_per_outlet(pooled) == "A contributes the most articles: 500 of 1,500"
    diffs = _differences([(plots.OTHER, -0.2, True), ("A", 0.1, True)])
    assert findings.own_voice(diffs, scale="VADER") == (
        "Own voice (VADER): A more positive than the other outlets"
    )
    mentions = _mentions([(plots.OTHER, "Y", 9), ("A", "X", 5), ("A", "Y", 1)])
    args = {"item": "entity", "value": "count", "template": "{name} {where}", "fallback": "-"}
    assert findings.leader(mentions, **args) == "X in the one outlet"


def test_a_title_opens_with_a_capital() -> None:
    kinds = pd.DataFrame({"outlet_label": ["A", "A"], "kind": ["indirect", "direct"],
                          "attributions": [9, 2]})  # fmt: skip
    title = findings.leader(kinds, item="kind", value="attributions",
                            template="{name} attributions lead {where}", fallback="-")  # fmt: skip
    assert title == "Indirect attributions lead in the one outlet"
