"""Draw sentences with numbers from ``middle_east.jsonl`` for hand labelling (the training set).

    python benchmarks/claims_sample.py [--corpus ../shared/corpora/middle_east.jsonl] [--n 570]

Prints, one per line, the record (1-based corpus line), the sentence's character offsets into the
record's ``text``, the stratum and the sentence, for a person to label; the label file keeps only
the record and offsets (see ``benchmarks/annotations/claims_train.jsonl``), never the text.

The draw is fixed by :data:`SEED`. Articles used by ``../shared/gold/claims_dev.jsonl`` (its
``corpus_line``) and by ``benchmarks/annotations/claims_unseen.jsonl`` (its ``record``) are left
out. Sentences are split as ``claims_dev`` describes (newlines, then a full stop, question or
exclamation mark before whitespace and a capital, digit or quote; not after abbreviations or
initials), 20 to 600 characters, with a digit or a number word. Two thirds of the draw come from
sentences naming a casualty, troop, attack, strike or base word (:data:`CATEGORY_WORDS`), one
third from the other number-bearing sentences (to catch non-claims); one sentence per article.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
#: The seed of the training draw (fixed: the labels index the sentences it draws).
SEED = 20261203
#: Sentences drawn by default.
N_SENTENCES = 570
#: The share of the draw taken from sentences with a category word.
CATEGORY_SHARE = 2 / 3
#: Sentence lengths kept, in characters (as ``claims_dev``).
MIN_CHARS, MAX_CHARS = 20, 600
NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety|hundred|thousand|million|dozens?|hundreds|thousands|scores of|a few)\b",
    re.I,
)
CATEGORY_WORDS = re.compile(
    r"\b(troops|soldiers|forces|personnel|service members|advisers|marines|killed|dead|deaths"
    r"|died|fatalities|casualties|wounded|injured|hurt|attacks?|bombings?|strikes|airstrikes"
    r"|raids|rockets|missiles|drones|bases|lives)\b",
    re.I,
)
BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[A-Z0-9\"'“‘(\[])")
ABBREVIATIONS = re.compile(
    r"(\b(Mr|Mrs|Ms|Dr|Sen|Rep|Gen|Lt|Col|Sgt|Gov|Sept|Oct|Nov|Dec|Jan|Feb|Aug|No|St|Jr|vs)"
    r"|\b[A-Z]|\b[A-Z]\.[A-Z])\.$"
)


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, stripped of surrounding whitespace."""
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        cuts = [m for m in BOUNDARY.finditer(line.group()) if not ABBREVIATIONS.search(
            line.group()[: m.start() + 1])]  # fmt: skip
        pieces = [line.start() + m.start() + len(m.group().rstrip()) for m in cuts]
        for end in [*pieces, line.end()]:
            chunk = text[start:end]
            lead = len(chunk) - len(chunk.lstrip())
            s, e = start + lead, start + len(chunk.rstrip())
            if e > s:
                yield s, e
            start = end


def excluded_records(shared: Path, unseen: Path) -> set[int]:
    """The corpus lines used by ``claims_dev.jsonl`` and by the unseen label file."""
    used = set()
    for line in (shared / "gold" / "claims_dev.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        if "corpus_line" in row:
            used.add(row["corpus_line"])
    for line in unseen.open(encoding="utf-8"):
        row = json.loads(line)
        if "record" in row:
            used.add(row["record"])
    return used


def draw(corpus: Path, used: set[int], n: int, *, seed: int = SEED) -> list[dict]:
    """The sampled sentences (record, start, end, stratum), as ``claims_dev`` draws them: both
    pools shuffled by ``seed``, one sentence per article."""
    pools: dict[str, list[tuple[int, int, int]]] = {"category": [], "rest": []}
    for record, line in enumerate(corpus.open(encoding="utf-8"), start=1):
        if record in used:
            continue
        text = json.loads(line)["text"]
        for s, e in sentences(text):
            sent = text[s:e]
            if MIN_CHARS <= len(sent) <= MAX_CHARS and NUMBER.search(sent):
                stratum = "category" if CATEGORY_WORDS.search(sent) else "rest"
                pools[stratum].append((record, s, e))
    rng = random.Random(seed)
    for pool in pools.values():
        rng.shuffle(pool)
    wanted = {"category": round(n * CATEGORY_SHARE), "rest": n - round(n * CATEGORY_SHARE)}
    taken: list[dict] = []
    articles: set[int] = set()
    for stratum, pool in pools.items():
        got = 0
        for record, s, e in pool:
            if got == wanted[stratum]:
                break
            if record not in articles:
                articles.add(record)
                taken.append({"record": record, "sent_start": s, "sent_end": e, "stratum": stratum})
                got += 1
    return taken


def main(argv: list[str] | None = None) -> int:
    """Print the draw for labelling: record, start, end, stratum, sentence (tab-separated)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "middle_east.jsonl")
    ap.add_argument("--unseen", type=Path, default=HERE / "annotations" / "claims_unseen.jsonl")
    ap.add_argument("--n", type=int, default=N_SENTENCES)
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"claims_sample: {args.corpus} not found", file=sys.stderr)
        return 2
    texts = args.corpus.read_text(encoding="utf-8").splitlines()
    for row in draw(args.corpus, excluded_records(SHARED, args.unseen), args.n):
        text = json.loads(texts[row["record"] - 1])["text"]
        sent = text[row["sent_start"] : row["sent_end"]].replace("\t", " ")
        print(f"{row['record']}\t{row['sent_start']}\t{row['sent_end']}\t{row['stratum']}\t{sent}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
