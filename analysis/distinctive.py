"""The words that set an outlet apart: weighted log-odds ratios with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation for
Identifying the Content of Political Conflict", *Political Analysis* 16(4), section 3.5. Each outlet
is compared with the rest of the corpus (all other outlets pooled). For term w, outlet i and the rest
j, with counts y, totals n, and prior pseudo-counts alpha_w = alpha_0 * y_w / N (the term's share of
the whole corpus, N terms in all):

    delta_w = log((y_wi + a_w) / (n_i + a_0 - y_wi - a_w)) - log((y_wj + a_w) / (n_j + a_0 - y_wj - a_w))
    var(delta_w) ~ 1 / (y_wi + a_w) + 1 / (y_wj + a_w)
    z_w = delta_w / sqrt(var(delta_w))

A positive z means the outlet uses the term more than the rest, shrunk towards the corpus rate, so a
rare word no longer wins by chance the way a raw ratio of rates would let it.

What it assumes, and when it is unreliable:
    - words are independent draws (a multinomial per outlet). Words cluster in articles: one article
      that repeats a name ten times looks like an outlet habit. With a handful of articles per outlet
      the z-scores measure those articles, not the outlet; check the ``articles`` count of a term.
    - the prior is the corpus itself (``prior_size`` pseudo-counts spread by corpus share). On a tiny
      corpus the prior and the data are the same few words, every z is small (|z| < 2 is common for
      everything), and the ranking, not the z value, is what is worth reading.
    - |z| > 1.96 is the usual "significant at 5%" reading for one pre-chosen word; over thousands of
      words many pass by chance. Treat z as a ranking score.
    - the minimum-count filter (``min_count``) only hides rare words from the output; they still
      count in the totals.

Example:
    >>> counts = frequency.term_counts(c.tokens, c.articles)       # doctest: +SKIP
    >>> log_odds(counts, min_count=5).groupby("outlet_label").head(10)  # doctest: +SKIP
"""

from __future__ import annotations

import numpy as np
import pandas as pd

LOG_ODDS_COLUMNS = [
    "count", "count_rest", "total", "n_group", "n_rest", "prior", "delta", "se", "z", "articles",
]  # fmt: skip


def log_odds(
    counts: pd.DataFrame,
    *,
    group: str = "outlet_label",
    prior_size: float | None = None,
    min_count: int = 5,
) -> pd.DataFrame:
    """Weighted log-odds ratio (informative Dirichlet prior) of each term in each group vs the rest.

    Args:
        counts: one row per group and term with ``count`` (e.g. :func:`frequency.term_counts` by
            outlet, one voice); an ``articles`` column is carried over when present.
        group: the column naming the group.
        prior_size: alpha_0, the total prior pseudo-count; default the corpus size N (each term's
            prior equals its corpus count, as in Monroe et al.). Smaller means less shrinkage.
        min_count: leave out terms used fewer than this many times in the whole corpus.

    Returns:
        ``<group>``, ``term`` (plus ``n`` when present), ``count`` (y_wi), ``count_rest`` (y_wj),
        ``total`` (y_w), ``n_group`` (n_i), ``n_rest`` (n_j), ``prior`` (alpha_w), ``delta`` (the
        log-odds ratio), ``se`` (its standard error), ``z``, ``articles`` (when given); only terms the
        group uses, sorted by group then descending z.

    Raises:
        ValueError: fewer than two groups, or a group and term listed twice.

    Example:
        >>> log_odds(counts, prior_size=1000, min_count=10)  # doctest: +SKIP
    """
    term_keys = ["term", "n"] if "n" in counts.columns else ["term"]
    if counts.duplicated([group, *term_keys]).any():
        raise ValueError(
            f"counts lists a ({group}, term) pair twice; pass one voice (not voice='split') "
            "or aggregate first"
        )
    if counts[group].nunique() < 2:
        raise ValueError(f"log-odds needs at least two values of {group!r} to compare")
    data = counts[
        [group, *term_keys, "count", *(["articles"] if "articles" in counts else [])]
    ].copy()
    y_i = data["count"].to_numpy(dtype=float)
    y_w = data.groupby(term_keys, sort=False)["count"].transform("sum").to_numpy(dtype=float)
    n_i = data.groupby(group, sort=False)["count"].transform("sum").to_numpy(dtype=float)
    big_n = float(y_i.sum())
    a_0 = big_n if prior_size is None else float(prior_size)
    a_w = a_0 * y_w / big_n
    y_j, n_j = y_w - y_i, big_n - n_i
    delta = np.log((y_i + a_w) / (n_i + a_0 - y_i - a_w)) - np.log(
        (y_j + a_w) / (n_j + a_0 - y_j - a_w)
    )
    se = np.sqrt(1 / (y_i + a_w) + 1 / (y_j + a_w))
    data = data.assign(count_rest=y_j.astype(np.int64), total=y_w.astype(np.int64), n_group=n_i.astype(np.int64),
                       n_rest=n_j.astype(np.int64), prior=a_w, delta=delta, se=se, z=delta / se)  # fmt: skip
    data = data[data["total"] >= min_count]
    columns = [group, *term_keys, *[c for c in LOG_ODDS_COLUMNS if c in data.columns]]
    data = data.sort_values([group, "z"], ascending=[True, False])
    return data[columns].reset_index(drop=True)


def describe(scores: pd.DataFrame, *, k: int = 5, group: str = "outlet_label") -> list[str]:
    """One sentence per group naming its ``k`` most distinctive terms, for a notebook's findings.

    Example:
        >>> describe(log_odds(counts), k=3)  # doctest: +SKIP
        ['Al Mayadeen English: US-led (z 2.1), Resistance (z 1.9), aggression (z 1.7).', ...]
    """
    lines = []
    for name, part in scores.groupby(group, sort=True):
        top = part.nlargest(k, "z")
        terms = ", ".join(f"{t} (z {z:.1f})" for t, z in zip(top["term"], top["z"], strict=True))
        lines.append(f"{name}: {terms}.")
    return lines


def top_term(scores: pd.DataFrame, *, fallback: pd.DataFrame | None = None) -> str | None:
    """The corpus's most distinctive term (highest z in ``scores``), else the most counted term of
    ``fallback`` (e.g. top terms), else None: the default term to show in context."""
    if len(scores):
        return str(scores.loc[scores["z"].idxmax(), "term"])
    if fallback is not None and len(fallback):
        return str(fallback.loc[fallback["count"].idxmax(), "term"])
    return None
