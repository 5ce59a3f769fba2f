"""How far apart colours look, with normal vision and with red-green colour-vision deficiency.

Colours are simulated as a person with deuteranopia or protanopia sees them (Machado, Oliveira
and Fernandes 2009, severity 1, applied in linear RGB), converted to CIELAB (D65) and compared by
CIEDE2000 (Delta E 2000: about 1 is a just noticeable difference; PressLens asks for far more
between two outlets; it weighs hue and chroma as people do, where plain Lab distance calls two
blues far apart). The outlet palette of :mod:`analysis.plots` is ordered with
:func:`most_distinct_order`, so the first N colours a figure uses are as far apart as possible.

Example:
    >>> round(delta_e("#D62728", "#2CA02C")), round(delta_e("#D62728", "#2CA02C", "deuteranopia"))
    (72, 5)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

#: Machado et al. (2009) simulation matrices at severity 1.0, for linear RGB.
DEFICIENCIES = {
    "normal": np.eye(3),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
}  # fmt: skip
_RGB_TO_XYZ = np.array(
    [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750], [0.0193339, 0.1191920, 0.9503041]]
)  # fmt: skip
_WHITE_D65 = np.array([0.95047, 1.0, 1.08883])


def _linear_rgb(colours: Sequence[str]) -> np.ndarray:
    srgb = np.array([[int(c.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)] for c in colours])
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def lab(colours: Sequence[str], deficiency: str = "normal") -> np.ndarray:
    """CIELAB coordinates (n x 3) of hex ``colours`` as seen with ``deficiency``."""
    rgb = np.clip(_linear_rgb(colours) @ DEFICIENCIES[deficiency].T, 0, 1)
    xyz = rgb @ _RGB_TO_XYZ.T / _WHITE_D65
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])], 1)


def ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> np.ndarray:
    """CIEDE2000 colour difference of Lab arrays (broadcast over leading axes; Sharma et al. 2005)."""
    l1, a1, b1 = np.moveaxis(lab1, -1, 0)
    l2, a2, b2 = np.moveaxis(lab2, -1, 0)
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25.0**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(c1p * c2p == 0, 0, dh)
    dhh = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    h_sum = h1p + h2p
    h_mean = np.where(
        c1p * c2p == 0,
        h_sum,
        np.where(
            np.abs(h1p - h2p) <= 180,
            h_sum / 2,
            np.where(h_sum < 360, h_sum / 2 + 180, h_sum / 2 - 180),
        ),
    )
    t = (
        1 - 0.17 * np.cos(np.radians(h_mean - 30)) + 0.24 * np.cos(np.radians(2 * h_mean))
        + 0.32 * np.cos(np.radians(3 * h_mean + 6)) - 0.20 * np.cos(np.radians(4 * h_mean - 63))
    )  # fmt: skip
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / np.sqrt(20 + (l_mean - 50) ** 2)
    sc = 1 + 0.045 * cp_mean
    sh = 1 + 0.015 * cp_mean * t
    rt = (
        -2 * np.sqrt(cp_mean**7 / (cp_mean**7 + 25.0**7))
        * np.sin(np.radians(60 * np.exp(-(((h_mean - 275) / 25) ** 2))))
    )  # fmt: skip
    return np.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))


def delta_e(a: str, b: str, deficiency: str = "normal") -> float:
    """CIEDE2000 difference between two hex colours as seen with ``deficiency``."""
    pair = lab([a, b], deficiency)
    return float(ciede2000(pair[0], pair[1]))


def distance_matrix(colours: Sequence[str]) -> np.ndarray:
    """Pairwise CIEDE2000 differences, each the smallest over normal vision, deuteranopia and
    protanopia."""
    per_vision = [lab(colours, d) for d in DEFICIENCIES]
    return np.min([ciede2000(p[:, None, :], p[None, :, :]) for p in per_vision], axis=0)


def most_distinct_order(
    colours: Sequence[str],
    *,
    keep_first: int = 1,
    avoid: Sequence[str] = (),
    size: int | None = None,
) -> tuple[str, ...]:
    """``size`` of ``colours`` (default all), ordered so that each prefix is as spread out as a
    greedy choice makes it.

    The first ``keep_first`` colours stay in place; each next colour is the one farthest (by
    :func:`distance_matrix`) from its nearest predecessor and from every colour of ``avoid`` (the
    background, the grey of "Other outlets"); ties go to the earlier in ``colours``.
    """
    everything = [*colours, *avoid]
    dist = distance_matrix(everything)
    placed = [*range(min(keep_first, len(colours))), *range(len(colours), len(everything))]
    order = placed[: min(keep_first, len(colours))]
    rest = [i for i in range(len(colours)) if i not in order]
    while rest and len(order) < (size or len(colours)):
        best = max(rest, key=lambda i: (min(dist[i, j] for j in placed), -i))
        order.append(best)
        placed.append(best)
        rest.remove(best)
    return tuple(colours[i] for i in order)


def min_distance(colours: Sequence[str]) -> float:
    """The smallest pairwise distance among ``colours`` (:func:`distance_matrix`)."""
    dist = distance_matrix(colours)
    return float(dist[np.triu_indices(len(colours), 1)].min())
