"""Claim extraction on hand-labelled sentences, beside quantulum3 as a baseline.

    python benchmarks/claims_eval.py [--gold ../shared/gold/claims_dev.jsonl] [--labels FILE] [--json]

Two label formats are read:

- ``--gold`` (``../shared/gold/claims_dev.jsonl``, the development set: 240 sentences labelled by a
  second annotator; offsets index the article text, ``ambiguous`` claims are optional). It is split
  by :data:`SPLIT_SEED` into a tune half (rules may be changed after reading its errors) and a
  held-out half (only ever scored); each half is reported separately.
- ``--labels`` (repeatable; by default both files below): label files that keep only references
  into ``../shared/corpora/middle_east.jsonl`` (record = 1-based line, character offsets into its
  ``text``), read from there at run time (skipped with a message when ``../shared`` is absent).
  Both are training sets: ``benchmarks/annotations/claims_unseen.jsonl`` (120 sentences) and
  ``benchmarks/annotations/claims_train.jsonl`` (570 sentences drawn by
  ``benchmarks/claims_sample.py``), each labelled before the extractor was run on it. Every
  number they do not label is not a claim.

A predicted claim matches a label when the spans overlap and category and value agree (one to
one); optional labels are neither required nor penalized. Reported per set: precision, recall and
F1 overall and by category, qualifier, location and attribution accuracy among matches, and the
non-claims reported (a labelled non-claim, a date or an "other count", overlapped by a
prediction that matches no claim; in the reference files, which label every claim, a prediction
that overlaps no labelled claim). The held-out half is reported by its numbers only: its errors
are not written out, so that no rule is written from them. quantulum3 has no categories, so it is scored on values: a
label counts as found when quantulum3 returns a quantity with the same value overlapping it; its
precision is the share of the quantities it returns that are labelled claims. It runs in its own
environment (``.venv-baselines``, see ``requirements-baselines.txt``); without it the baseline is
skipped with a message. Results: ``benchmarks/results/claims_eval.*``.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

from analysis import claims, ingest

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
SHARED_GOLD = SHARED / "gold" / "claims_dev.jsonl"
CORPUS = SHARED / "corpora" / "middle_east.jsonl"
#: The training label files (references into :data:`CORPUS`), by set name.
LABELS = {
    "unseen file (training)": HERE / "annotations" / "claims_unseen.jsonl",
    "new training set": HERE / "annotations" / "claims_train.jsonl",
}
BASELINE_PYTHON = HERE.parent / ".venv-baselines" / "bin" / "python"
#: The seed that splits the development set into its tune and held-out halves (fixed: changing it
#: would let rules tuned on one half be scored on it).
SPLIT_SEED = 16
#: The names of the development set's two halves in the results.
TUNE, HELD_OUT = "dev tune half", "dev held-out half"
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


def load_refs(path: Path, corpus: Path = CORPUS) -> list[dict]:
    """Rows of a reference label file in the evaluation's form: each sentence read from its
    corpus record (checked against the stored ``doc_id``), spans moved to index the sentence.
    ``not_claims`` is None: every number the file does not label is not a claim."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [r for r in rows if "record" in r]
    wanted = {r["record"] for r in rows}
    texts = {}
    with corpus.open(encoding="utf-8") as lines:
        for record, line in enumerate(lines, start=1):
            if record in wanted:
                article = json.loads(line)
                texts[record] = (article["id"], article["text"])
    out = []
    for r in rows:
        doc_id, text = texts[r["record"]]
        if doc_id != r["doc_id"]:
            raise ValueError(f"{path}: record {r['record']} is {doc_id}, not {r['doc_id']}")
        base = r["sent_start"]
        claims_ = [{**c, "span": [c["start"] - base, c["end"] - base],
                    "text": text[c["start"] : c["end"]]} for c in r["claims"]]  # fmt: skip
        out.append({"id": r["id"], "outlet": r["outlet"], "sentence": text[base : r["sent_end"]],
                    "claims": claims_, "not_claims": None})  # fmt: skip
    return out


def load_dev(path: Path) -> list[dict]:
    """Rows of ``claims_dev.jsonl`` in the evaluation's form: spans moved to index the sentence,
    ``ambiguous`` claims optional."""
    rows = []
    for line in path.open(encoding="utf-8"):
        r = json.loads(line)
        if "sentence" not in r:
            continue
        base = r["sent_start"]
        rows.append(
            {
                "id": len(rows),
                "outlet": r["source"],
                "sentence": r["sentence"],
                "claims": [
                    {
                        **c,
                        "span": [c["start"] - base, c["end"] - base],
                        "optional": bool(c.get("ambiguous")),
                    }
                    for c in r["claims"]
                ],
                "not_claims": [
                    {**n, "span": [n["start"] - base, n["end"] - base]} for n in r["not_claims"]
                ],
            }
        )
    return rows


def split(rows: list[dict], *, seed: int = SPLIT_SEED) -> tuple[list[dict], list[dict]]:
    """(tune, held_out): the rows shuffled by ``seed`` and cut in two halves."""
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    half = len(rows) // 2
    return [rows[k] for k in sorted(order[:half])], [rows[k] for k in sorted(order[half:])]


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


def _words(text: object) -> set[str]:
    stop = {"the", "a", "an", "of", "in", "and", "s", "'s"}
    if not isinstance(text, str):
        return set()
    return {w.strip(".,'’\"").lower() for w in text.split()} - stop


def _same_source(pred: object, gold: object) -> bool:
    """Whether a predicted attribution names the labelled source (a shared content word)."""
    if gold is None:
        return not isinstance(pred, str) or pred == "quoted"
    return bool(_words(pred) & _words(gold))


def _named_place(gold: dict, sentence: str) -> str | None:
    """The labelled place's first part when the sentence itself names it ("Mosul" of "Mosul,
    Iraq"), else None: a place only the article names cannot come from the sentence."""
    place = gold.get("location")
    first = place.split(",")[0].strip() if isinstance(place, str) else None
    return first if first and first in sentence else None


def score_presslens(rows: list[dict], found: pd.DataFrame) -> dict:
    """Counts and rates over ``rows`` (see the module docstring)."""
    cats = {c: {"tp": 0, "fp": 0, "fn": 0} for c in claims.CATEGORIES}
    total = {"tp": 0, "fp": 0, "fn": 0, "qualifier_ok": 0, "location_ok": 0, "location_scored": 0,
             "attributed_gold": 0, "attributed_ok": 0, "named_place_gold": 0, "named_place_ok": 0, "non_claims_reported": 0}  # fmt: skip
    errors, reported = [], []
    for k, r in enumerate(rows):
        pred = found[found["row"] == k]
        res = claims.evaluate(pred, r["claims"], r["sentence"])
        for key in ("tp", "fp", "fn", "qualifier_ok", "location_ok", "location_scored"):
            total[key] += res[key]
        for p, g in res["matches"]:
            cats[g["category"]]["tp"] += 1
            if g.get("attributed_to"):
                total["attributed_gold"] += 1
                ok = _same_source(p.attributed_to, g["attributed_to"])
                total["attributed_ok"] += ok
                if not ok:
                    errors.append(
                        f"ATTR {r['id']}: {p.text} -> {p.attributed_to}, gold {g['attributed_to']}"
                    )
            got_place = p.location if isinstance(p.location, str) else None
            named = _named_place(g, r["sentence"])
            if named:
                total["named_place_gold"] += 1
                total["named_place_ok"] += got_place in {g["location"], named}
            if "location" in g and got_place != g["location"]:
                errors.append(f"LOC {r['id']}: {p.text} -> {got_place}, gold {g['location']}")
            if p.qualifier != g["qualifier"]:
                errors.append(f"QUAL {r['id']}: {p.text} -> {p.qualifier}, gold {g['qualifier']}")
        for p in res["unmatched"]:
            if p.category in cats:
                cats[p.category]["fp"] += 1
            if r["not_claims"] is None:
                if not any(p.start < c["span"][1] and c["span"][0] < p.end for c in r["claims"]):
                    reported.append(f"{r['id']}: {p.text!r} (no claim)")
                continue
            for n in r["not_claims"]:
                s, e = n["span"]
                if p.start < e and s < p.end:
                    reported.append(f"{r['id']}: {n['text']} ({n['why']}) in {p.text!r}")
        for g in res["missed_claims"]:
            cats[g["category"]]["fn"] += 1
        errors += [f"FP {r['id']}: {t}" for t in res["false_positives"]]
        errors += [f"FN {r['id']}: {t}" for t in res["missed"]]
    total["non_claims_reported"] = len(reported)
    return {**total, **_rates(total), "by_category": {c: {**v, **_rates(v)} for c, v in cats.items()},
            "qualifier_accuracy": round(total["qualifier_ok"] / max(total["tp"], 1), 3),
            "location_accuracy": round(total["location_ok"] / total["location_scored"], 3)
            if total["location_scored"] else "-",
            "non_claims": reported, "errors": errors}  # fmt: skip


def _rates(n: dict) -> dict:
    p = n["tp"] / max(n["tp"] + n["fp"], 1)
    r = n["tp"] / max(n["tp"] + n["fn"], 1)
    return {"precision": round(p, 3), "recall": round(r, 3),
            "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}  # fmt: skip


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


def _report(
    name: str, rows: list[dict], ours: dict, base: dict | None, *, errors: bool = True
) -> list[str]:
    """The markdown of one set: the summary table, the table by category and (when ``errors``)
    the errors and non-claims reported."""
    required = sum(not c["optional"] for r in rows for c in r["claims"])
    md = [
        f"## {name}: {len(rows)} sentences, {required} required claims",
        "",
        "| system | precision | recall | F1 | qualifier | location | place named in sentence | attribution | non-claims reported |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| PressLens | {ours['precision']} | {ours['recall']} | {ours['f1']} | "
        f"{ours['qualifier_accuracy']} | {ours['location_accuracy']} | "
        f"{ours['named_place_ok']}/{ours['named_place_gold']} | "
        f"{ours['attributed_ok']}/{ours['attributed_gold']} | {ours['non_claims_reported']} |",
    ]
    if base:
        md.append(f"| quantulum3 (values only) | {base['precision_as_claims']} | "
                  f"{base['recall_of_values']} | - | - | - | - | - | - |")  # fmt: skip
    else:
        md.append("| quantulum3 | not run (no `.venv-baselines`) | | | | | | | |")
    md += ["", "| category | tp | fp | fn | precision | recall | F1 |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    md += [f"| {c} | {v['tp']} | {v['fp']} | {v['fn']} | {v['precision']} | {v['recall']} | {v['f1']} |"
           for c, v in ours["by_category"].items()]  # fmt: skip
    if not errors:
        return [*md, "", "(held out: errors not listed)", ""]
    md += [
        "",
        "Errors (FP: reported, not labelled; FN: labelled, missed; QUAL, LOC, ATTR: wrong qualifier, place, attribution):",
        "",
    ]
    md += [f"- {e}" for e in ours["errors"]]
    md += ["", "Non-claims reported:", ""] + [f"- {e}" for e in ours["non_claims"]] + [""]
    return md


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--gold", type=Path, default=SHARED_GOLD, help="claims_dev.jsonl")
    p.add_argument("--labels", type=Path, action="append", help="a reference label file "
                   "(repeatable; default: the two training files)")  # fmt: skip
    p.add_argument("--out", type=Path, default=HERE / "results")
    p.add_argument("--name", default="claims_eval", help="file name of the results")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    sets: dict[str, list[dict]] = {}
    held_out: list[dict] = []
    if args.gold.exists():
        sets[TUNE], held_out = split(load_dev(args.gold))
    else:
        print(f"{args.gold} not found: the development set is skipped", file=sys.stderr)
    labels = {f"training set {p.stem}": p for p in args.labels} if args.labels else LABELS
    if not CORPUS.exists():
        print(f"{CORPUS} not found: the reference label files are skipped", file=sys.stderr)
    else:
        sets |= {name: load_refs(path) for name, path in labels.items()}
    if held_out:
        sets[HELD_OUT] = held_out  # last, and by its numbers only
    result, md = {}, ["# Claims on hand-labelled sentences", ""]
    for name, rows in sets.items():
        ours = score_presslens(rows, presslens(rows))
        if name == HELD_OUT:
            ours = {**ours, "errors": [], "non_claims": []}
        base = score_quantulum(rows)
        result[name] = {"sentences": len(rows), "presslens": ours, "quantulum3": base}
        md += _report(name, rows, ours, base, errors=name != HELD_OUT)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.name}.json").write_text(json.dumps(result, indent=1))
    (args.out / f"{args.name}.md").write_text("\n".join(md) + "\n")
    print("\n".join(md))
    if args.json:
        print(json.dumps({n: {k: v["presslens"][k] for k in ("precision", "recall", "f1")}
                          for n, v in result.items()}))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
