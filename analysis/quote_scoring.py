"""Scoring quote attribution against hand annotations: content matching, speaker agreement, P/R/F1.

A found attribution matches a gold one of the same article when their contents overlap with a
bag-of-words F1 of at least :data:`MATCH_F1` (one-to-one, best overlap first). The speaker of a
match is right when the resolved name or the mention as written *names* one of the gold names
(:func:`names`). Two gold sources are read: the sample gold (``tests/fixtures/seeds.json``, via
:func:`gold_table`) and PolNeAR records (:func:`polnear_gold`).

Example:
    >>> round(token_f1("the US will stay", "the US will leave"), 2)
    0.75
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from analysis.config import PATHS
from analysis.speakers import norm
from analysis.triggers import THOUGHT_VERBS, cue_lemma

#: Content overlap (bag-of-words F1) from which a found attribution matches a gold one: half the
#: words in common tolerates the usual disagreements on where a content starts and ends ("that",
#: a trailing clause) while two different statements of one article rarely share half their words.
MATCH_F1 = 0.5

_TITLE_WORDS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "the", "a", "an"})
_TOKEN = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def token_f1(a: str, b: str) -> float:
    """Bag-of-words F1 overlap between two strings.

    Example:
        >>> round(token_f1("the US will stay", "the US will leave"), 2)
        0.75
    """
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    count_b: dict[str, int] = {}
    for w in tb:
        count_b[w] = count_b.get(w, 0) + 1
    common = 0
    for w in ta:
        if count_b.get(w, 0):
            count_b[w] -= 1
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def _name_words(text: str) -> frozenset[str]:
    return frozenset(_tokens(norm(text))) - _TITLE_WORDS


def names(candidate: str, gold: str) -> bool:
    """Whether a found speaker (a resolved name or a mention as written) names a gold speaker
    mention: the words of one, titles and articles aside, are all among the words of the other
    ("Paul Ryan" names "the House speaker, Paul D. Ryan"; "Mr. Ryan" names "Ryan"; "he" names "he").

    Example:
        >>> names("Paul Ryan", "House Speaker Paul D. Ryan"), names("Donald Trump", "Clinton")
        (True, False)
    """
    a, b = _name_words(candidate), _name_words(gold)
    return bool(a and b) and (a <= b or b <= a)


def gold_table(annotations: list[dict], articles: pd.DataFrame) -> pd.DataFrame:
    """Gold attributions (seeds.json ``articles`` records) as a frame for :func:`score`.

    Returns columns ``article_id, content, kind, optional, aliases`` (aliases: the canonical speaker
    and its surface forms), joining annotation ``file`` names to ``articles.file``.
    """
    ids = {
        f.replace("\\", "/").rsplit("/", 1)[-1]: a
        for f, a in zip(articles.file, articles.article_id, strict=True)
    }
    rows = [
        {"article_id": ids[rec["file"]], "content": at["content"], "kind": at["kind"],
         "optional": bool(at.get("optional")), "aliases": [at["speaker_canonical"], *at.get("speaker_aliases", [])]}
        for rec in annotations if rec["file"] in ids for at in rec.get("attributions", [])
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["article_id", "content", "kind", "optional", "aliases"])


def is_thought_cue(cue: str) -> bool:
    """Whether a gold cue reports a thought or an intention ("believes", "wants to", "hopes"), not
    a statement: its first word after auxiliaries has a base form among
    :data:`analysis.triggers.THOUGHT_VERBS` (:func:`analysis.triggers.cue_lemma`).

    Example:
        >>> is_thought_cue("believes"), is_thought_cue("has said")
        (True, False)
    """
    aux = {"has", "have", "had", "is", "was", "are", "were", "be", "been", "does", "did", "do"}
    words = [w for w in _tokens(cue) if w not in aux]
    return bool(words) and cue_lemma(words[0], words[0]) in THOUGHT_VERBS


def polnear_gold(records: list[dict], articles: pd.DataFrame) -> pd.DataFrame:
    """PolNeAR attributions as a frame for :func:`score`.

    ``records`` are PolNeAR articles (``id``, ``text``, ``attributions``) in the order they were
    written to the corpus file (``articles.record`` counts them from 1). Returns ``article_id,
    content, kind, optional, aliases, cue, source_start, source_end``: kind is PolNeAR's ``quote_type``
    (direct, mixed, indirect) except that an indirect attribution whose cue reports a thought or an
    intention (:func:`is_thought_cue`) is ``thought``; aliases hold the source mention as written
    (empty when the annotators marked no source). A record ingest set aside as a duplicate of an
    earlier one (the same text) is not scored.
    """
    ids = dict(zip(articles.record.astype(int), articles.article_id, strict=True))
    rows = []
    for n, rec in enumerate(records, start=1):
        if n not in ids:  # the same text as an earlier record: ingest kept that one only
            continue
        for at in rec["attributions"]:
            kind = at["quote_type"]
            if kind == "indirect" and is_thought_cue(at["cue_text"]):
                kind = "thought"
            src = at["source"]
            rows.append(
                {
                    "article_id": ids[n],
                    "content": at["content_text"],
                    "kind": kind,
                    "optional": False,
                    "aliases": [at["source_text"]] if at["source_text"].strip() else [],
                    "cue": at["cue_text"],
                    "source_start": src[0][0] if src else -1,
                    "source_end": src[-1][1] if src else -1,
                }
            )
    return pd.DataFrame(rows)


def discontinuous(pred: pd.DataFrame, texts: pd.Series) -> pd.DataFrame:
    """Found attributions as PolNeAR's units: PolNeAR annotates a quotation interrupted by
    narration ('"A," she said. "B."') as one attribution whose content is discontinuous (A and B
    without the narration), where PressLens writes one row per quotation, the later ones
    continuing the speaker without a cue of their own (``cue_start`` -1). Such a row, quoted
    (direct or mixed), in the same paragraph as the row before it and with the same speaker, is
    joined onto that row's content (the quoted words only, the narration left out).

    Args:
        pred: rows of :func:`analysis.quotes.attribute` (article_id, kind, content,
            content_start, content_end, cue_start, speaker_canonical).
        texts: each article's text by ``article_id`` (to see a paragraph break between rows).

    Returns:
        The rows, a joined row's ``content`` and ``content_end`` extended; ``pred`` unchanged.
    """
    rows: list[dict] = []
    quoted = ("direct", "mixed")
    for r in pred.sort_values(["article_id", "content_start"]).to_dict("records"):
        p = rows[-1] if rows else None
        if (
            p is not None
            and r["cue_start"] == -1
            and p["article_id"] == r["article_id"]
            and p["speaker_canonical"] == r["speaker_canonical"]
            and r["kind"] in quoted
            and p["kind"] in quoted
            and "\n" not in texts[r["article_id"]][p["content_end"] : r["content_start"]]
        ):
            p["content"] = f"{p['content']} {r['content']}"
            p["content_end"] = r["content_end"]
            continue
        rows.append(dict(r))
    return pd.DataFrame(rows, columns=pred.columns)


def match(pred: pd.DataFrame, gold: pd.DataFrame, *, threshold: float = MATCH_F1) -> pd.DataFrame:
    """One row per gold and per found attribution: matched pairs, misses and spurious finds.

    ``pred`` has article_id, content, kind, speaker_canonical, speaker; ``gold`` has article_id,
    content, kind, optional, aliases. Returns ``article_id, kind, pred_kind, optional, status``
    (tp, fn, fp), ``speaker_ok`` (matches whose gold names a speaker; else NaN), ``gold_content,
    content, gold_speaker, gold_cue, speaker, speaker_canonical``: the gold kind counts for matches and misses,
    the found kind for spurious finds.
    """
    out = []
    g_by = dict(tuple(gold.groupby("article_id", sort=False)))
    p_by = dict(tuple(pred.groupby("article_id", sort=False)))
    for aid in list(dict.fromkeys([*g_by, *p_by])):
        g = g_by.get(aid, gold.iloc[:0]).to_dict("records")
        p = p_by.get(aid, pred.iloc[:0]).to_dict("records")
        cands = sorted(
            (
                (f, i, j)
                for i, pr in enumerate(p)
                for j, gr in enumerate(g)
                if (f := token_f1(pr["content"], gr["content"])) >= threshold
            ),
            reverse=True,
        )
        mp: dict[int, int] = {}
        mg: set[int] = set()
        for _, i, j in cands:
            if i in mp or j in mg:
                continue
            mp[i] = j
            mg.add(j)
        for i, j in mp.items():
            pr, gr = p[i], g[j]
            said = [str(pr.get("speaker_canonical", "")), str(pr.get("speaker", ""))]
            ok = any(names(s, a) for s in said for a in gr["aliases"]) if gr["aliases"] else None
            out.append(_pair(aid, gr, pr, "tp", ok))
        out += [_pair(aid, g[j], None, "fn", None) for j in range(len(g)) if j not in mg]
        out += [_pair(aid, None, p[i], "fp", None) for i in range(len(p)) if i not in mp]
    return pd.DataFrame(out)


def _pair(aid: str, g: dict | None, p: dict | None, status: str, ok: bool | None) -> dict:
    return {
        "article_id": aid,
        "kind": (g or p)["kind"],
        "pred_kind": p["kind"] if p else "",
        "optional": bool(g["optional"]) if g else False,
        "status": status,
        "speaker_ok": ok,
        "gold_content": g["content"] if g else "",
        "content": p["content"] if p else "",
        "gold_speaker": "; ".join(g["aliases"]) if g else "",
        "gold_cue": g.get("cue", "") if g else "",
        "speaker": str(p.get("speaker", "")) if p else "",
        "speaker_canonical": str(p.get("speaker_canonical", "")) if p else "",
    }


def summarize(pairs: pd.DataFrame, *, kinds: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Precision, recall, F1 and speaker accuracy overall (``all``) and per kind, from :func:`match`
    (optional gold items left out). ``kinds`` keeps only those kinds (the gold kind for matches and
    misses, the found kind for spurious finds)."""
    df = pairs[~pairs.optional.astype(bool)]
    if kinds is not None:
        df = df[df.kind.isin(kinds)]
    out = []
    for kind, d in [("all", df), *df.groupby("kind")]:
        tp, fp, fn = (int((d.status == s).sum()) for s in ("tp", "fp", "fn"))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        ok = d.loc[d.status == "tp", "speaker_ok"].dropna().astype(bool)
        out.append(
            {"kind": kind, "tp": tp, "fp": fp, "fn": fn, "precision": prec, "recall": rec,
             "f1": f1, "speaker_accuracy": float(ok.mean()) if len(ok) else 0.0}
        )  # fmt: skip
    return pd.DataFrame(out)


def score(pred: pd.DataFrame, gold: pd.DataFrame, *, threshold: float = MATCH_F1) -> pd.DataFrame:
    """Content P/R/F1 and speaker accuracy per kind (:func:`match` then :func:`summarize`)."""
    return summarize(match(pred, gold, threshold=threshold))


#: Where ``benchmarks/quotes_eval.py --polnear`` stores its PolNeAR dev scores.
POLNEAR_RESULTS = Path("benchmarks") / "results" / "quotes_polnear_dev.json"


def describe_polnear(path: Path | None = None) -> str:
    """One sentence on the attribution's accuracy on PolNeAR dev, read from the stored results
    (:data:`POLNEAR_RESULTS`), so the notebook's caveat never states an old number."""
    path = path or PATHS.root / POLNEAR_RESULTS
    if not path.exists():
        return f"Accuracy on PolNeAR's development split: not measured here ({path} not found)."
    results = json.loads(path.read_text(encoding="utf-8"))
    name = next(k for k in results if k.endswith("PressLens, all attributions"))
    rows = {r["kind"]: r for r in results[name]}
    every, direct, mixed = rows["all"], rows["direct"], rows["mixed"]
    where = name.split(":")[0]
    return (
        f"Accuracy on {where}, never tuned on: content F1 {every['f1']:.3f} on all attributions "
        f"(precision {every['precision']:.2f}, recall {every['recall']:.2f}); it finds "
        f"{direct['recall']:.0%} of direct quotes and {mixed['recall']:.0%} of partial ones, and "
        f"names the right speaker for {every['speaker_accuracy']:.0%} of the matches "
        "(`benchmarks/results/quotes_polnear_dev.md`)."
    )
