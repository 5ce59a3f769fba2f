"""Claim extraction on unseen sentences, against hand labels, beside quantulum3 as a baseline.

    python benchmarks/claims_eval.py [--labels benchmarks/annotations/claims_unseen.jsonl] [--json]

The labels (``benchmarks/annotations/claims_unseen.jsonl``) are 120 sentences with numbers from
``../shared/corpora/middle_east.jsonl``, labelled by hand before the extractor was run on them.
A predicted claim matches a label when the spans overlap and category and value agree; optional
labels are neither required nor penalized. quantulum3 has no categories, so it is scored on what
it can do: a label counts as found when quantulum3 returns a quantity with the same value
overlapping it; its precision is the share of the quantities it returns that are labelled claims.
quantulum3 runs in its own environment (``.venv-baselines``, see ``requirements-baselines.txt``);
without it the baseline is skipped with a message. Results: ``benchmarks/results/claims_eval.*``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from analysis import claims, ingest

HERE = Path(__file__).resolve().parent
BASELINE_PYTHON = HERE.parent / ".venv-baselines" / "bin" / "python"
QUANTULUM = """
import json, sys
from quantulum3 import parser
out = []
for line in sys.stdin:
    s = json.loads(line)
    try:
        found = [(float(q.value), q.span[0], q.span[1], q.surface) for q in parser.parse(s)]
    except Exception as exc:  # quantulum3 can fail on odd input: count it as finding nothing
        found = []
    out.append(found)
print(json.dumps(out))
"""


def load(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    return [r for r in rows if "sentence" in r]


def presslens(rows: list[dict]) -> pd.DataFrame:
    """Run the extractor on each sentence as its own article (offsets index the sentence)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sentences.jsonl"
        path.write_text(
            "\n".join(json.dumps({"text": r["sentence"], "source": r["outlet"]}) for r in rows)
        )
        c = ingest.build([path])
    found = claims.extract(c)
    record = c.articles.set_index("article_id")["record"]
    return found.assign(row=found["article_id"].map(record).astype(int) - 1)


def score_presslens(rows: list[dict], found: pd.DataFrame) -> dict:
    total = {"tp": 0, "fp": 0, "fn": 0, "qualifier_ok": 0}
    errors = []
    for k, r in enumerate(rows):
        pred = found[found["row"] == k]
        res = claims.evaluate(pred, r["claims"], r["sentence"])
        for key in total:
            total[key] += res[key]
        errors += [f"FP {k}: {t}" for t in res["false_positives"]] + [
            f"FN {k}: {t}" for t in res["missed"]
        ]
    p = total["tp"] / max(total["tp"] + total["fp"], 1)
    rec = total["tp"] / max(total["tp"] + total["fn"], 1)
    return {**total, "precision": round(p, 3), "recall": round(rec, 3),
            "f1": round(2 * p * rec / (p + rec), 3) if p + rec else 0.0,
            "qualifier_accuracy": round(total["qualifier_ok"] / max(total["tp"], 1), 3), "errors": errors}  # fmt: skip


def score_quantulum(rows: list[dict]) -> dict | None:
    if not BASELINE_PYTHON.exists():
        print(f"quantulum3 baseline skipped: {BASELINE_PYTHON} not found "
              "(python -m venv .venv-baselines && .venv-baselines/bin/pip install -r benchmarks/requirements-baselines.txt)",
              file=sys.stderr)  # fmt: skip
        return None
    stdin = "\n".join(json.dumps(r["sentence"]) for r in rows)
    done = subprocess.run(
        [str(BASELINE_PYTHON), "-c", QUANTULUM], input=stdin, capture_output=True, text=True
    )
    if done.returncode != 0:
        print(f"quantulum3 baseline failed: {done.stderr[-500:]}", file=sys.stderr)
        return None
    results = json.loads(done.stdout)
    tp = fn = returned = matched = 0
    for r, quantities in zip(rows, results, strict=True):
        returned += len(quantities)
        used = set()
        for claim in r["claims"]:
            s, e = claim["span"]
            hit = next((i for i, (v, qs, qe, _) in enumerate(quantities)
                        if i not in used and qs < e and s < qe and v == claim["value"]), None)  # fmt: skip
            if claim["optional"]:
                if hit is not None:
                    used.add(hit)
                continue
            if hit is None:
                fn += 1
            else:
                used.add(hit)
                tp += 1
        matched += len(used)
    return {"found": tp, "missed": fn, "recall_of_values": round(tp / max(tp + fn, 1), 3),
            "quantities_returned": returned,
            "precision_as_claims": round(matched / max(returned, 1), 3)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--labels", type=Path, default=HERE / "annotations" / "claims_unseen.jsonl")
    p.add_argument("--out", type=Path, default=HERE / "results")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    rows = load(args.labels)
    ours = score_presslens(rows, presslens(rows))
    base = score_quantulum(rows)
    result = {"sentences": len(rows), "labelled_claims": sum(len(r["claims"]) for r in rows),
              "presslens": ours, "quantulum3": base}  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "claims_eval.json").write_text(json.dumps(result, indent=1))
    md = [
        f"# Claims on {len(rows)} hand-labelled sentences ({result['labelled_claims']} labelled claims)",
        "",
        "The first run on these sentences, before any rule was changed after seeing them, is kept in",
        "`claims_eval_before_tuning.md` (the unseen result); later runs measure rules that were",
        "improved after reading its errors, so they are no longer an unseen test.",
        "",
        "| system | precision | recall | F1 | qualifier right (of matched) |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| PressLens | {ours['precision']} | {ours['recall']} | {ours['f1']} | {ours['qualifier_accuracy']} |",
    ]
    if base:
        md.append(f"| quantulum3 (values only, no categories) | {base['precision_as_claims']} | "
                  f"{base['recall_of_values']} | - | - |")  # fmt: skip
    md += ["", "PressLens errors (FP: reported, not labelled; FN: labelled, missed):", ""]
    md += [f"- {e}" for e in ours["errors"]]
    (args.out / "claims_eval.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))
    if args.json:
        print(
            json.dumps(
                {
                    "presslens": {k: ours[k] for k in ("precision", "recall", "f1")},
                    "quantulum3": base,
                }
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
