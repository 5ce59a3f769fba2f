"""Outlet colours stay apart with normal vision, deuteranopia and protanopia."""

from __future__ import annotations

import numpy as np
import pytest

from analysis import colourvision, plots

#: The first this many outlet colours (a figure naming up to eight outlets) ...
NAMED_OUTLETS = 8
#: ... are at least this far apart (CIEDE2000), from each other, the white background and the
#: "Other outlets" grey, for every vision simulated. The old palette's first eight were 2.2 apart,
#: and its Tableau blue 4.7 from The New American's (the issue's "hard to tell" blue).
MIN_DELTA_E = 11.0
#: Every palette colour (a figure naming fifteen outlets) at least this far from the others (old: 1.8).
MIN_DELTA_E_ALL = 6.0


def test_known_conversions():
    """CIELAB of reference colours (sRGB D65), and the simulations' fixed points."""
    np.testing.assert_allclose(
        colourvision.lab(["#FFFFFF", "#000000"]), [[100, 0, 0], [0, 0, 0]], atol=0.05
    )
    np.testing.assert_allclose(colourvision.lab(["#FF0000"])[0], [53.24, 80.09, 67.20], atol=0.05)
    for deficiency in ("deuteranopia", "protanopia"):
        grey = colourvision.lab(["#808080"], deficiency)[0]
        np.testing.assert_allclose(grey[1:], [0, 0], atol=0.5)  # greys stay grey


def test_red_and_green_collapse_for_deuteranopia():
    """The simulation does something: a red-green pair is far for normal vision, near without M cones."""
    normal = colourvision.delta_e("#D62728", "#2CA02C")
    deut = colourvision.delta_e("#D62728", "#2CA02C", "deuteranopia")
    assert normal > 60 and deut < normal / 3


def test_first_outlet_colours_are_distinct_for_every_vision():
    first = list(plots.PALETTE[:NAMED_OUTLETS])
    assert colourvision.min_distance(first) >= MIN_DELTA_E
    dist = colourvision.distance_matrix([*first, plots.BACKGROUND, plots.OTHER_COLOUR])
    assert dist[: len(first), len(first) :].min() >= MIN_DELTA_E
    assert colourvision.min_distance(plots.PALETTE) >= MIN_DELTA_E_ALL


def test_the_issue_blues_are_not_both_in_the_palette():
    """The New American's blue and the Tableau blue 4.7 from it."""
    assert colourvision.min_distance(["#0072B2", "#4E79A7"]) < 5
    assert "#0072B2" in plots.PALETTE and "#4E79A7" not in plots.PALETTE


@pytest.mark.parametrize("n", [2, 3, 5, 8])
def test_outlet_colours_of_a_figure_are_the_first_free_ones(n):
    names = [f"Outlet {i}" for i in range(n)]
    colours = plots.outlet_colors(names, lexicon=plots.outlets.read_lexicon())
    fixed = {"#0072B2", "#D55E00", "#009E73"}  # the lexicon's sample outlets
    assert list(colours.values()) == [c for c in plots.PALETTE if c not in fixed][:n]


def test_order_is_greedy():
    """Each colour after the first three is the farthest from those before it (and the greys)."""
    avoid = [plots.BACKGROUND, plots.OTHER_COLOUR]
    dist = colourvision.distance_matrix([*plots.PALETTE_CANDIDATES, *avoid])
    index = {c: i for i, c in enumerate(plots.PALETTE_CANDIDATES)}
    placed = [index[c] for c in plots.PALETTE[:3]] + [len(index), len(index) + 1]
    for colour in plots.PALETTE[3:]:
        rest = [i for i in range(len(index)) if i not in placed]
        best = max(min(dist[i, j] for j in placed) for i in rest)
        assert min(dist[index[colour], j] for j in placed) == best
        placed.append(index[colour])


def test_thresholds():
    assert (NAMED_OUTLETS, MIN_DELTA_E, MIN_DELTA_E_ALL, plots.PALETTE_SIZE) == (8, 11.0, 6.0, 15)


def test_ciede2000_matches_the_published_test_pairs():
    """Sharma, Wu and Dalal (2005), table 1, pairs 1, 2, 7 and 17."""
    pairs = [
        ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425),
        ((50, -1.3802, -84.2814), (50, 0, -82.7485), 1.0000),
        ((50, 0, 0), (50, -1, 2), 2.3669),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ]
    for a, b, expected in pairs:
        assert float(colourvision.ciede2000(np.array(a), np.array(b))) == pytest.approx(
            expected, abs=1e-4
        )
