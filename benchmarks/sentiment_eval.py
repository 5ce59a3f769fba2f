"""How far do the lexicon scores agree with people? NewsMTSC sentence- and target-level polarity.

    python benchmarks/sentiment_eval.py --train ../shared/corpora/newsmtsc/train.jsonl \\
        --test ../shared/corpora/newsmtsc/devtest_mt.jsonl [--json]

NewsMTSC (Hamborg & Donnay 2021) labels the sentiment of news sentences toward a target mention:
2 negative, 4 neutral, 6 positive. Two tasks:

- sentence level: sentences whose targets all carry the same label, scored as a whole;
- target level: every target, scored on the sentence (``*_sentence``) or on a window of words
  around the mention (``*_window``, the words a reader links to the target).

A score becomes a label through a neutral band (below ``low``: negative, above ``high``:
positive, else neutral) chosen to maximize macro-F1 on ``--train``; the numbers reported are on
``--test``: macro-F1, accuracy, confusion matrix (rows gold, columns predicted; neg, neu, pos).
Methods: TextBlob polarity, VADER compound, and their mean, each as PressLens scores them (the
sentence tokenized and tagged by the project's spaCy model, the words of names, titles and
numbers blanked, the news overrides of ``data/lexicons/sentiment_overrides.csv`` applied); the
ablations ``plain:`` (neither), ``entities:`` (blanking only) and ``overrides:`` (overrides only);
and the learned model (``*/learned``, :mod:`analysis.sentiment_model`, its most probable class).
Results go to ``benchmarks/results/sentiment_eval.{md,json}``; with ``--json`` one line
``{"<level>/<method>": {"macro_f1", "accuracy", "n"}, ...}`` is printed last.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import config, sentiment, sentiment_model
from analysis.sentiment import window_text

ROOT = Path(__file__).resolve().parent.parent

LABELS = {2.0: 0, 4.0: 1, 6.0: 2}  # negative, neutral, positive
NAMES = ("negative", "neutral", "positive")
WINDOW = 8  # words either side of the mention
GRID = np.round(np.arange(-0.5, 0.51, 0.02), 2)
#: The lexicon variants measured: words of names, titles and numbers blanked or not, the news
#: overrides applied or not. ``news`` (both) is what PressLens scores with.
VARIANTS = {"plain": (False, False), "entities": (True, False), "overrides": (False, True),
            "news": (True, True)}  # fmt: skip


def load(path: Path) -> list[dict]:
    """Rows ``{"sentence", "targets": [{"from", "to", "label"}]}`` from a NewsMTSC JSONL file."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            targets = [
                {"from": t["from"], "to": t["to"], "label": LABELS[float(t["polarity"])]}
                for t in rec["targets"]
                if float(t["polarity"]) in LABELS
            ]
            if targets:
                rows.append({"sentence": rec["sentence_normalized"], "targets": targets})
    return rows


def blanked(rows: list[dict]) -> list[str]:
    """Each sentence as the lexicons read it at ingest: tokenized and tagged by the project's spaCy
    model (:func:`analysis.nlp.parse`), the words of :func:`analysis.sentiment.unscored` blanked.
    Cached in the temp folder by the sentences' hash and the model version."""
    from analysis import nlp

    texts = [r["sentence"] for r in rows]
    digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
    cache = (
        Path(tempfile.gettempdir())
        / f"presslens-newsmtsc-{digest}-{config.model_version()}.parquet"
    )
    if cache.exists():
        tokens = pd.read_parquet(cache)
    else:
        paragraphs = pd.DataFrame({"article_id": [f"s{i:06d}" for i in range(len(texts))], "paragraph": 0,
                                   "kind": "body", "text": texts, "spans": [[[0, len(t)]] for t in texts]})  # fmt: skip
        tokens = nlp.parse(paragraphs)[1][["article_id", "text", "ent_type", "like_num"]]
        tokens.to_parquet(cache)
    tokens = tokens.assign(_blank=sentiment.unscored(tokens))
    groups = {aid: g for aid, g in tokens.groupby("article_id")}
    out = []
    for i, text in enumerate(texts):
        g = groups.get(f"s{i:06d}")
        out.append(
            text if g is None else sentiment.blank_words(text, list(g["text"]), list(g["_blank"]))
        )
    return out


def _scores(texts: list[str], lex: sentiment.Lexicons) -> dict[str, np.ndarray]:
    tb = np.array([sentiment.textblob_scores(t, lex=lex)[0] for t in texts])
    vd = np.array([sentiment.vader_compound(t, lex=lex) for t in texts])
    return {"textblob": tb, "vader": vd, "mean": (tb + vd) / 2}


def examples(
    rows: list[dict], texts: list[str], lex: sentiment.Lexicons
) -> dict[str, tuple[dict[str, np.ndarray], np.ndarray]]:
    """Scores and gold labels per task: sentence level, target level (sentence and window);
    ``texts`` are the sentences as scored (blanked or not), offsets as in ``rows``."""
    same = [i for i, r in enumerate(rows) if len({t["label"] for t in r["targets"]}) == 1]
    sent = _scores([texts[i] for i in same], lex)
    gold_sent = np.array([rows[i]["targets"][0]["label"] for i in same])
    flat = [(texts[i], t) for i, r in enumerate(rows) for t in r["targets"]]
    whole = _scores([s for s, _ in flat], lex)
    win = _scores([window_text(s, t["from"], t["to"], WINDOW) for s, t in flat], lex)
    gold_t = np.array([t["label"] for _, t in flat])
    out = {"sentence": (sent, gold_sent)}
    out["target"] = (
        {
            **{f"{m}_sentence": v for m, v in whole.items()},
            **{f"{m}_window": v for m, v in win.items()},
        },
        gold_t,
    )
    return out


def predict(score: np.ndarray, low: float, high: float) -> np.ndarray:
    return np.where(score < low, 0, np.where(score > high, 2, 1))


def confusion(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    m = np.zeros((3, 3), dtype=int)
    np.add.at(m, (gold, pred), 1)
    return m


def macro_f1(m: np.ndarray) -> float:
    f1s = []
    for k in range(3):
        tp, fp, fn = m[k, k], m[:, k].sum() - m[k, k], m[k, :].sum() - m[k, k]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return float(np.mean(f1s))


def choose_band(score: np.ndarray, gold: np.ndarray) -> tuple[float, float]:
    """The (low, high) neutral band maximizing macro-F1 on the training scores."""
    best = (-1.0, 0.0, 0.0)
    for low in GRID:
        for high in GRID[low <= GRID]:
            f1 = macro_f1(confusion(gold, predict(score, low, high)))
            if f1 > best[0]:
                best = (f1, float(low), float(high))
    return best[1], best[2]


def _band_scores(tr: dict, te: dict, results: dict, prefix: str = "") -> None:
    for level in ("sentence", "target"):
        tr_scores, tr_gold = tr[level]
        te_scores, te_gold = te[level]
        for method in tr_scores:
            low, high = choose_band(tr_scores[method], tr_gold)
            m = confusion(te_gold, predict(te_scores[method], low, high))
            results[f"{prefix}{level}/{method}"] = {
                "macro_f1": round(macro_f1(m), 4),
                "accuracy": round(float(np.trace(m) / m.sum()), 4),
                "n": int(m.sum()),
                "band": [low, high],
                "confusion": m.tolist(),
                "train_n": int(len(tr_gold)),
            }


def learned_results(rows: list[dict], texts: list[str], lex: sentiment.Lexicons) -> dict:
    """The shipped learned model on ``rows`` (its label: the most probable class; no band)."""
    model = sentiment_model.load()
    out = {}
    same = [i for i, r in enumerate(rows) if len({t["label"] for t in r["targets"]}) == 1]
    cases = {
        "sentence": [(texts[i], None, rows[i]["targets"][0]["label"]) for i in same],
        "target": [(texts[i], (t["from"], t["to"]), t["label"]) for i, r in enumerate(rows) for t in r["targets"]],
    }  # fmt: skip
    for level, items in cases.items():
        feats = [
            sentiment_model.features(t, sp, sentiment.lexicon_inputs(t, sp, lex))
            for t, sp, _ in items
        ]
        pred = model.proba(feats).argmax(axis=1)
        m = confusion(np.array([g for *_, g in items]), pred)
        out[f"{level}/learned"] = {"macro_f1": round(macro_f1(m), 4), "accuracy": round(float(np.trace(m) / m.sum()), 4),
                                   "n": int(m.sum()), "band": "argmax", "confusion": m.tolist(),
                                   "train_n": model.meta["training_data"]["examples"]}  # fmt: skip
    return out


def evaluate(train: Path, test: Path, *, variants: bool = True) -> dict:
    """Every method on ``test`` (bands chosen on ``train``): the package's lexicon scoring
    (``news``) under its plain name, and with ``variants`` the ablations as ``variant:level/method``."""
    tr_rows, te_rows = load(train), load(test)
    raw = {"train": [r["sentence"] for r in tr_rows], "test": [r["sentence"] for r in te_rows]}
    blank = {"train": blanked(tr_rows), "test": blanked(te_rows)}
    plain_lex = sentiment.lexicons(sentiment.read_overrides().iloc[0:0])
    news_lex = sentiment.lexicons()
    results: dict = {}
    for name, (use_blank, use_over) in VARIANTS.items():
        if not variants and name != "news":
            continue
        texts = blank if use_blank else raw
        lex = news_lex if use_over else plain_lex
        tr = examples(tr_rows, texts["train"], lex)
        te = examples(te_rows, texts["test"], lex)
        _band_scores(tr, te, results, prefix="" if name == "news" else f"{name}:")
    if (sentiment_model.MODEL_DIR / f"{sentiment_model.MODEL_NAME}.npz").exists():
        results.update(learned_results(te_rows, blank["test"], news_lex))
    majority = examples(te_rows, raw["test"], plain_lex)
    results["majority_class"] = {
        level: round(
            float(np.bincount(majority[level][1], minlength=3).max() / len(majority[level][1])), 4
        )
        for level in ("sentence", "target")
    }
    return results


def markdown(results: dict, train: Path, test: Path) -> str:
    lines = [
        "# Sentiment against human labels (NewsMTSC)",
        "",
        f"Neutral band chosen on `{train.name}`, scores reported on `{test.name}`.",
        f"Majority-class accuracy: sentence {results['majority_class']['sentence']}, "
        f"target {results['majority_class']['target']}.",
        "",
        "| level/method | macro-F1 | accuracy | N | neutral band | confusion (rows gold neg/neu/pos) |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for key, r in results.items():
        if key == "majority_class":
            continue
        band = (
            r["band"]
            if isinstance(r["band"], str)
            else f"[{r['band'][0]:+.2f}, {r['band'][1]:+.2f}]"
        )
        lines.append(
            f"| {key} | {r['macro_f1']:.3f} | {r['accuracy']:.3f} | {r['n']} | {band} | {r['confusion']} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--train", type=Path, required=True)
    p.add_argument("--test", type=Path, required=True)
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    for path in (args.train, args.test):
        if not path.exists():
            sys.exit(f"not found: {path}")
    results = evaluate(args.train, args.test)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "sentiment_eval.json").write_text(json.dumps(results, indent=1))
    md = markdown(results, args.train, args.test)
    (args.out / "sentiment_eval.md").write_text(md)
    print(md)
    if args.json:
        print(json.dumps({k: {x: v[x] for x in ("macro_f1", "accuracy", "n")} for k, v in results.items()
                          if k != "majority_class"}))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
