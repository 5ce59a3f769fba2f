"""Train the learned sentiment option (:mod:`analysis.sentiment_model`) on NewsMTSC.

    python benchmarks/train_sentiment_model.py --train ../shared/corpora/newsmtsc/train.jsonl \\
        --dev ../shared/corpora/newsmtsc/devtest_mt.jsonl

A multinomial logistic regression in numpy (full-batch Adam, class-balanced cross-entropy, L2),
fitted on every target of ``--train`` and on every sentence whose targets share one label (as a
sentence without a mention, so the model also scores whole sentences). The L2 strength is chosen
from ``L2_GRID`` by target-level macro-F1 on ``--dev``; every candidate's scores are recorded. The
weights go to ``analysis/models/newsmtsc_linear.npz`` and the record (training data SHA-256,
options, grid, scores, training time, file size) to ``newsmtsc_linear.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import runpy
import sys
import time
from pathlib import Path

import numpy as np

from analysis import sentiment, sentiment_model

ROOT = Path(__file__).resolve().parent.parent
EVAL = runpy.run_path(str(ROOT / "benchmarks" / "sentiment_eval.py"))
#: L2 strengths tried (per example, on the mean loss).
L2_GRID = (3e-3, 6e-3)
#: Adam steps and step size: the loss has flattened by then on NewsMTSC train.
STEPS, LEARNING_RATE = 300, 0.05
#: Hand-written sentences (not from NewsMTSC) whose scores are stored with the model, so a test
#: can check that the shipped file loads and gives them back: (text, mention or None).
EXAMPLES = (
    ("Critics accused the mayor of lying to voters.", "the mayor"),
    ("The senator praised the mayor for her courage.", "the mayor"),
    ("The mayor will speak at the meeting on Tuesday.", "The mayor"),
    ("The plan was not a success.", None),
    ("It was a wonderful victory for the team.", None),
)


def dataset(path: Path, lex: sentiment.Lexicons) -> dict:
    """Featurized examples of a NewsMTSC file: every target, and (``level`` 'sentence') every
    sentence whose targets share one label, featurized without a mention."""
    rows = EVAL["load"](path)
    texts = EVAL["blanked"](rows)
    feats, labels, level = [], [], []
    for text, row in zip(texts, rows, strict=True):
        whole = sentiment.lexicon_inputs(text, None, lex)
        for t in row["targets"]:
            span = (t["from"], t["to"])
            scores = sentiment.lexicon_inputs(text, span, lex, whole=whole[:2])
            feats.append(sentiment_model.features(text, span, scores))
            labels.append(t["label"])
            level.append("target")
        if len({t["label"] for t in row["targets"]}) == 1:
            feats.append(sentiment_model.features(text, None, whole))
            labels.append(row["targets"][0]["label"])
            level.append("sentence")
    return {"feats": feats, "labels": np.array(labels), "level": np.array(level)}


def _flat(feats: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    idx = np.concatenate([f[0] for f in feats])
    val = np.concatenate([f[1] for f in feats])
    row = np.repeat(np.arange(len(feats)), [len(f[0]) for f in feats])
    return idx, val, row


def fit(feats: list, labels: np.ndarray, *, l2: float) -> np.ndarray:
    """Weights (N_FEATURES, 3) minimizing class-balanced cross-entropy + ``l2``/2 |W|^2."""
    idx, val, row = _flat(feats)
    n, k, d = len(feats), 3, sentiment_model.N_FEATURES
    y = np.eye(k)[labels]
    cw = n / (k * np.bincount(labels, minlength=k))  # balanced class weights
    w_ex = cw[labels] / n
    W = np.zeros((d, k))
    m, v = np.zeros_like(W), np.zeros_like(W)
    used = np.unique(idx)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for step in range(1, STEPS + 1):
        contrib = W[idx] * val[:, None]
        logits = np.zeros((n, k))
        for c in range(k):
            logits[:, c] = np.bincount(row, weights=contrib[:, c], minlength=n)
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        g_ex = (p - y) * w_ex[:, None]
        grad = np.zeros_like(W)
        for c in range(k):
            grad[:, c] = np.bincount(idx, weights=val * g_ex[row, c], minlength=d)
        grad[used] += l2 * W[used]
        m[used] = b1 * m[used] + (1 - b1) * grad[used]
        v[used] = b2 * v[used] + (1 - b2) * grad[used] ** 2
        mh, vh = m[used] / (1 - b1**step), v[used] / (1 - b2**step)
        W[used] -= LEARNING_RATE * mh / (np.sqrt(vh) + eps)
    return W


def scores(model: sentiment_model.LinearModel, data: dict) -> dict:
    """Macro-F1, accuracy, N and confusion (argmax label) per level."""
    pred = model.proba(data["feats"]).argmax(axis=1)
    out = {}
    for level in ("sentence", "target"):
        keep = data["level"] == level
        m = EVAL["confusion"](data["labels"][keep], pred[keep])
        out[level] = {
            "macro_f1": round(EVAL["macro_f1"](m), 4),
            "accuracy": round(float(np.trace(m) / m.sum()), 4),
            "n": int(m.sum()),
            "confusion": m.tolist(),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--train", type=Path, required=True)
    p.add_argument("--dev", type=Path, required=True)
    p.add_argument("--out", type=Path, default=sentiment_model.MODEL_DIR)
    args = p.parse_args(argv)
    for path in (args.train, args.dev):
        if not path.exists():
            sys.exit(f"not found: {path} (NewsMTSC lives in ../shared/corpora/newsmtsc/)")
    lex = sentiment.lexicons()
    t0 = time.perf_counter()
    train, dev = dataset(args.train, lex), dataset(args.dev, lex)
    featurize_s = time.perf_counter() - t0
    grid = []
    for l2 in L2_GRID:
        t1 = time.perf_counter()
        W = fit(train["feats"], train["labels"], l2=l2)
        fit_s = time.perf_counter() - t1
        model = sentiment_model.LinearModel(weights=W, meta={})
        grid.append({"l2": l2, "fit_seconds": round(fit_s, 1), "train": scores(model, train),
                     "dev": scores(model, dev), "weights": W})  # fmt: skip
        print(f"l2={l2:g}: dev target {grid[-1]['dev']['target']['macro_f1']:.3f}, "
              f"sentence {grid[-1]['dev']['sentence']['macro_f1']:.3f} ({fit_s:.0f} s)")  # fmt: skip
    best = max(grid, key=lambda g: g["dev"]["target"]["macro_f1"])
    meta = {
        "model": "multinomial logistic regression (numpy), hashed features: analysis/sentiment_model.py",
        "trained_by": "benchmarks/train_sentiment_model.py",
        "training_data": {
            "file": args.train.name,
            "sha256": hashlib.sha256(args.train.read_bytes()).hexdigest(),
            "source": "NewsMTSC (Hamborg & Donnay, EACL 2021), MIT licence",
            "examples": len(train["labels"]),
        },
        "dev_data": {
            "file": args.dev.name,
            "sha256": hashlib.sha256(args.dev.read_bytes()).hexdigest(),
        },
        "options": {
            "n_features": sentiment_model.N_FEATURES,
            "context_words": sentiment_model.CONTEXT_WORDS,
            "lexicon_window": sentiment_model.LEXICON_WINDOW,
            "negation_scope": sentiment_model.NEGATION_SCOPE,
            "steps": STEPS,
            "learning_rate": LEARNING_RATE,
            "class_weights": "balanced",
            "l2": best["l2"],
            "overrides": sentiment.OVERRIDES_FILE,
        },
        "grid": [{k: v for k, v in g.items() if k != "weights"} for g in grid],
        "featurize_seconds": round(featurize_s, 1),
        "fit_seconds": best["fit_seconds"],
        "scores": {"train": best["train"], "dev": best["dev"]},
    }
    model = sentiment_model.LinearModel(weights=best["weights"], meta=meta)
    meta["examples"] = []
    for text, mention in EXAMPLES:
        span = (text.index(mention), text.index(mention) + len(mention)) if mention else None
        score = float(model.score([text], [span], [sentiment.lexicon_inputs(text, span, lex)])[0])
        meta["examples"].append({"text": text, "span": span, "score": round(score, 6)})
    npz, js = sentiment_model.save(best["weights"], meta, args.out)
    meta["file_bytes"] = npz.stat().st_size
    sentiment_model.save(best["weights"], meta, args.out)
    print(f"chose l2={best['l2']:g}; wrote {npz} ({meta['file_bytes'] / 1e6:.2f} MB) and {js}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
