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
Methods: TextBlob polarity (the default PressLens uses), VADER compound, and their mean.
Results go to ``benchmarks/results/sentiment_eval.{md,json}``; with ``--json`` one line
``{"<level>/<method>": {"macro_f1", "accuracy", "n"}, ...}`` is printed last.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from analysis.sentiment import textblob_scores, vader_compound, window_text

ROOT = Path(__file__).resolve().parent.parent

LABELS = {2.0: 0, 4.0: 1, 6.0: 2}  # negative, neutral, positive
NAMES = ("negative", "neutral", "positive")
WINDOW = 8  # words either side of the mention
GRID = np.round(np.arange(-0.5, 0.51, 0.02), 2)


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


def _scores(texts: list[str]) -> dict[str, np.ndarray]:
    tb = np.array([textblob_scores(t)[0] for t in texts])
    vd = np.array([vader_compound(t) for t in texts])
    return {"textblob": tb, "vader": vd, "mean": (tb + vd) / 2}


def examples(rows: list[dict]) -> dict[str, tuple[dict[str, np.ndarray], np.ndarray]]:
    """Scores and gold labels per task: sentence level, target level (sentence and window)."""
    same = [r for r in rows if len({t["label"] for t in r["targets"]}) == 1]
    sent = _scores([r["sentence"] for r in same])
    gold_sent = np.array([r["targets"][0]["label"] for r in same])
    flat = [(r["sentence"], t) for r in rows for t in r["targets"]]
    whole = _scores([s for s, _ in flat])
    win = _scores([window_text(s, t["from"], t["to"], WINDOW) for s, t in flat])
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


def evaluate(train: Path, test: Path) -> dict:
    tr, te = examples(load(train)), examples(load(test))
    results: dict = {}
    for level in ("sentence", "target"):
        tr_scores, tr_gold = tr[level]
        te_scores, te_gold = te[level]
        for method in tr_scores:
            low, high = choose_band(tr_scores[method], tr_gold)
            m = confusion(te_gold, predict(te_scores[method], low, high))
            results[f"{level}/{method}"] = {
                "macro_f1": round(macro_f1(m), 4),
                "accuracy": round(float(np.trace(m) / m.sum()), 4),
                "n": int(m.sum()),
                "band": [low, high],
                "confusion": m.tolist(),
                "train_n": int(len(tr_gold)),
            }
    results["majority_class"] = {
        level: round(float(np.bincount(te[level][1], minlength=3).max() / len(te[level][1])), 4)
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
        lines.append(
            f"| {key} | {r['macro_f1']:.3f} | {r['accuracy']:.3f} | {r['n']} | "
            f"[{r['band'][0]:+.2f}, {r['band'][1]:+.2f}] | {r['confusion']} |"
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
