"""Claims reported on BBC business and entertainment articles, to check by eye.

    python benchmarks/claims_bbc.py [--bbc ../shared/corpora/bbc] [--n 300]

These sections carry almost no casualty or troop counts, so every claim the stage reports there is
listed for a reader to mark real or false. The results keep the article file, character offsets,
value, category and qualifier (no article text in the repo); the claim's text and sentence are
printed for the check. The first ``--n`` files in file-name order, split evenly between the two
sections, are read. Results: ``benchmarks/results/claims_bbc.md`` and ``.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from analysis import claims, ingest

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ("business", "entertainment")
#: Articles read by default (half from each section).
N_ARTICLES = 300


def articles(bbc: Path, n: int) -> list[Path]:
    """The first ``n // len(SECTIONS)`` files of each section, in file-name order."""
    per = n // len(SECTIONS)
    return [p for s in SECTIONS for p in sorted((bbc / s).glob("*.txt"))[:per]]


def reported(paths: list[Path]) -> pd.DataFrame:
    """The claims the stage reports on ``paths`` (columns: file, start, end, value, category,
    qualifier, text, sentence_text)."""
    found = claims.extract(ingest.build(paths))
    cols = ["file", "start", "end", "value", "category", "qualifier", "text", "sentence_text"]
    return found.reindex(columns=cols)


def main(argv: list[str] | None = None) -> int:
    """Write the list of claims reported on the BBC business and entertainment sections."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bbc", type=Path, default=ROOT.parent / "shared" / "corpora" / "bbc")
    ap.add_argument("--n", type=int, default=N_ARTICLES)
    args = ap.parse_args(argv)
    if not all((args.bbc / s).is_dir() for s in SECTIONS):
        print(f"claims_bbc: no {'/'.join(SECTIONS)} folders under {args.bbc}", file=sys.stderr)
        return 2
    paths = articles(args.bbc, args.n)
    found = reported(paths)
    found["file"] = found["file"].map(lambda f: str(Path(f).relative_to(args.bbc.resolve())))
    kept = found.drop(columns=["text", "sentence_text"])
    out = ROOT / "benchmarks" / "results" / "claims_bbc"
    out.with_suffix(".json").write_text(
        json.dumps({"articles": len(paths), "claims": kept.to_dict("records")}, indent=1)
    )
    lines = [
        f"# Claims on {len(paths)} BBC business + entertainment articles",
        "",
        f"{len(found)} claims reported.",
        "",
        "| file | start | end | value | category | qualifier |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {r.file} | {r.start} | {r.end} | {r.value:g} | {r.category} | {r.qualifier} |"
        for r in kept.itertuples()
    ]
    out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    for r in found.itertuples():
        print(f"{r.file}\t{r.value:g}\t{r.category}\t{r.text!r}\t{r.sentence_text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
