"""The weighted log-odds ratio checked against a worked example computed by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import distinctive

# Two outlets, three terms.   A: x=3, y=1        (n_A = 4)
#                             B: x=1, y=1, z=2   (n_B = 4)      N = 8; totals x=4, y=2, z=2
COUNTS = pd.DataFrame({
    "outlet_label": ["A", "A", "B", "B", "B"],
    "term": ["x", "y", "x", "y", "z"],
    "count": [3, 1, 1, 1, 2],
})  # fmt: skip


def _row(frame: pd.DataFrame, outlet: str, term: str) -> pd.Series:
    return frame.set_index(["outlet_label", "term"]).loc[(outlet, term)]


def test_worked_example_default_prior() -> None:
    # Default alpha_0 = N = 8, so each term's prior is its corpus count: a_x = 4, a_y = 2, a_z = 2.
    result = distinctive.log_odds(COUNTS, min_count=1)
    # A, x: delta = ln((3+4)/(4+8-3-4)) - ln((1+4)/(4+8-1-4)) = ln(7/5) - ln(5/7) = 2 ln 1.4 = 0.672944
    #       var = 1/(3+4) + 1/(1+4) = 12/35; z = 0.672944 / sqrt(12/35) = 1.149271
    ax = _row(result, "A", "x")
    assert ax["delta"] == pytest.approx(0.6729444732)
    assert ax["se"] ** 2 == pytest.approx(12 / 35)
    assert ax["z"] == pytest.approx(1.1492714809)
    assert (ax["count"], ax["count_rest"], ax["total"], ax["n_group"], ax["n_rest"]) == (
        3,
        1,
        4,
        4,
        4,
    )
    assert ax["prior"] == pytest.approx(4.0)
    # A, y: both sides (1+2)/(4+8-1-2) = 3/9: delta = 0, z = 0.
    assert _row(result, "A", "y")["z"] == pytest.approx(0.0)
    # B, x is the mirror image of A, x.
    assert _row(result, "B", "x")["z"] == pytest.approx(-1.1492714809)
    # B, z: delta = ln((2+2)/(4+8-2-2)) - ln((0+2)/(4+8-0-2)) = ln(4/8) - ln(2/10) = ln 2.5 = 0.916291
    #       var = 1/4 + 1/2 = 0.75; z = 0.916291 / sqrt(0.75) = 1.058041
    bz = _row(result, "B", "z")
    assert bz["delta"] == pytest.approx(0.9162907319)
    assert bz["z"] == pytest.approx(1.0580414014)


def test_worked_example_smaller_prior() -> None:
    # alpha_0 = 4: a_x = 4 * 4/8 = 2.
    # A, x: delta = ln((3+2)/(4+4-3-2)) - ln((1+2)/(4+4-1-2)) = ln(5/3) - ln(3/5) = 2 ln(5/3) = 1.021651
    #       var = 1/5 + 1/3 = 8/15; z = 1.021651 / sqrt(8/15) = 1.398954
    result = distinctive.log_odds(COUNTS, prior_size=4, min_count=1)
    ax = _row(result, "A", "x")
    assert ax["prior"] == pytest.approx(2.0)
    assert ax["delta"] == pytest.approx(1.0216512475)
    assert ax["z"] == pytest.approx(1.3989535854)


def test_sorted_by_z_and_min_count_filters_rare_terms() -> None:
    result = distinctive.log_odds(COUNTS, min_count=3)
    assert set(result["term"]) == {"x"}  # y and z are used twice in the corpus
    full = distinctive.log_odds(COUNTS, min_count=1)
    assert list(full[full["outlet_label"] == "B"]["term"]) == ["z", "y", "x"]


def test_needs_two_groups_and_one_voice() -> None:
    with pytest.raises(ValueError, match="two values"):
        distinctive.log_odds(COUNTS[COUNTS["outlet_label"] == "A"])
    twice = pd.concat([COUNTS, COUNTS.iloc[:1]])
    with pytest.raises(ValueError, match="twice"):
        distinctive.log_odds(twice)
