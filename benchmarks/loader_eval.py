"""The loader on 103 real pages it was not written for: dumps and HTML, against trafilatura's snippets.

    python benchmarks/loader_eval.py [--pages ../shared/corpora/pagedumps] [--label NAME]

Each page of ``../shared/corpora/pagedumps`` is read as ``show`` and ingest read it: its text dump
(``dumps/NNN.txt``; the 103 dumps as one folder, so line repetition across them counts, and each
file alone, on shape only) and its saved HTML (``html/NNN.html``). Measured, on
the analysed paragraphs (standfirst, body, subheading) joined, whitespace collapsed:

- **must-keep**: share of the ``with`` snippets found in them;
- **leaked**: share of the ``without`` snippets found in them (furniture the analyses read);
- **headline**: share of pages whose headline is the page title's headline: the headline,
  lower-cased with punctuation dropped, lies within the page title and covers at least half of the
  title's longest part (the title split at `` | ``, `` - ``, `` – ``, `` — ``, so a title
  suffix is no excuse and a one-word menu label inside the title is no hit); ``within`` is the
  plain containment the issue counted;
- **date found**: share of pages with a publication date, and **date agrees**: share of the pages
  where trafilatura finds a date in the HTML whose date (day) is the same.

Reference rows: "keep every line" (the whole dump is body, its first line the headline) and
trafilatura alone on the HTML (its text and title, no PressLens cleaning).

The pages are split by a fixed seed (:data:`SEED`) into a tuning half and a held-out half; each is
reported separately, and the whole. Results: ``benchmarks/results/loader_eval[_LABEL].{json,md}``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

from analysis import ingest, schema
from analysis.cleaning import clean_page

HERE = Path(__file__).resolve().parent
PAGES = HERE.parent.parent / "shared" / "corpora" / "pagedumps"
#: Seed of the tuning / held-out split (fixed, so the halves never change).
SEED = 21
#: A headline must cover this share of the page title's longest part to count as the headline.
MIN_TITLE_COVER = 0.5
_TITLE_PARTS = re.compile(r"\s+[|\-–—:]{1,2}\s+")


def split(files: list[str], seed: int = SEED) -> dict[str, list[str]]:
    """The tuning and held-out halves of ``files`` (a seeded shuffle, cut in two)."""
    order = sorted(files)
    random.Random(seed).shuffle(order)
    half = (len(order) + 1) // 2
    return {"tuning": sorted(order[:half]), "held_out": sorted(order[half:])}


def _norm(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def headline_right(headline: str | None, page_title: str) -> tuple[bool, bool]:
    """(headline is the title's headline, headline lies within the page title at all)."""
    if not headline or not _words(headline):
        return False, False
    h = " ".join(_words(headline))
    within = h in " ".join(_words(page_title))
    longest = max((_words(p) for p in _TITLE_PARTS.split(page_title)), key=len, default=[])
    return within and len(h.split()) >= MIN_TITLE_COVER * max(len(longest), 1), within


def presslens(paths: dict[str, Path], *, together: bool) -> dict[str, dict]:
    """Body text, headline and date of each file as ``show`` gives them: ``together`` reads the
    files as one folder (line repetition counted over all of them), else each file alone."""
    groups = [list(paths.items())] if together else [[item] for item in paths.items()]
    found = {}
    for group in groups:
        c = ingest.build([p for _, p in group], parse=False)
        by_file = c.articles.set_index("file")
        for name, path in group:
            if path.as_posix() not in by_file.index:
                found[name] = {"body": "", "title": None, "published": None}
                continue
            art = by_file.loc[path.as_posix()]
            paras = c.paragraphs[
                (c.paragraphs["article_id"] == art["article_id"])
                & c.paragraphs["kind"].isin(schema.PARSED_KINDS)
            ]
            published = art["published"] if isinstance(art["published"], str) else None
            title = art["title"] if isinstance(art["title"], str) else None
            found[name] = {"body": _norm(" ".join(paras["text"])), "title": title,
                           "published": published}  # fmt: skip
    return found


def every_line(path: Path) -> dict:
    text = path.read_text(encoding="utf-8", errors="replace")
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), None)
    return {"body": _norm(text), "title": first, "published": None}


def trafilatura_alone(path: Path) -> dict:
    import trafilatura

    result = trafilatura.bare_extraction(
        path.read_text(encoding="utf-8", errors="replace"), with_metadata=True,
        include_comments=False, include_tables=False, favor_precision=True,
    )  # fmt: skip
    if result is None:
        return {"body": "", "title": None, "published": None}
    return {"body": _norm(result.text or ""), "title": result.title, "published": result.date}


def score(gold: list[dict], found: dict[str, dict], dates: dict[str, str | None]) -> dict:
    keep = [s in found[g["file"]]["body"] for g in gold for s in g["with"]]
    leak = [s in found[g["file"]]["body"] for g in gold for s in g["without"]]
    heads = [headline_right(found[g["file"]]["title"], g["page_title"]) for g in gold]
    dated = [g["file"] for g in gold if found[g["file"]]["published"]]
    ref = [g["file"] for g in gold if dates.get(g["file"])]
    agree = [f for f in ref if str(found[f]["published"] or "")[:10] == str(dates[f])[:10]]
    return {
        "pages": len(gold),
        "must_keep": round(sum(keep) / max(len(keep), 1), 3),
        "leaked": round(sum(leak) / max(len(leak), 1), 3),
        "leaked_n": f"{sum(leak)} of {len(leak)}",
        "headline": round(sum(h for h, _ in heads) / max(len(heads), 1), 3),
        "headline_within": f"{sum(w for _, w in heads)} of {len(heads)}",
        "date_found": round(len(dated) / max(len(gold), 1), 3),
        "date_agrees": f"{len(agree)} of {len(ref)}",
    }


def leaks(gold: list[dict], found: dict[str, dict]) -> list[str]:
    return [
        f"{g['file']}: {s}" for g in gold for s in g["without"] if s in found[g["file"]]["body"]
    ]


#: Clean articles spot-checked per corpus: the cleaner must keep their text.
CLEAN_SAMPLE = 200
#: An article keeping less than this share of its characters counts as damaged.
DAMAGED_BELOW = 0.95


def kept_share(shared: Path, n: int = CLEAN_SAMPLE, seed: int = SEED) -> dict[str, dict] | None:
    """Share of the characters of clean articles (BBC: headline line then text, cleaned as a page
    dump; Middle East: the export's text) that the cleaner keeps in analysed paragraphs."""
    bbc = sorted((shared / "corpora" / "bbc").glob("*/*.txt"))
    middle_east = shared / "corpora" / "middle_east.jsonl"
    if not bbc or not middle_east.exists():
        return None
    rng = random.Random(seed)
    samples = {"BBC (page dump)": [], "Middle East (export text)": []}
    for path in rng.sample(bbc, n):
        text = path.read_bytes().decode("utf-8", errors="replace")
        samples["BBC (page dump)"].append((text, True))
    records = [json.loads(line) for line in middle_east.open(encoding="utf-8")]
    for rec in rng.sample(records, n):
        samples["Middle East (export text)"].append((rec["text"], False))
    out = {}
    for name, texts in samples.items():
        shares = []
        for text, in_text in texts:
            page = clean_page(text, title_in_text=in_text)
            body = sum(len(p.text(text)) for p in page.paragraphs if p.kind in schema.PARSED_KINDS)
            lines = text.strip().splitlines()[1:] if in_text else text.splitlines()
            total = sum(len(line.strip()) for line in lines)
            shares.append(min(body / total, 1.0) if total else 1.0)
        out[name] = {"articles": len(shares), "mean_kept": round(sum(shares) / len(shares), 4),
                     "min_kept": round(min(shares), 3),
                     "damaged": sum(x < DAMAGED_BELOW for x in shares)}  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--pages", type=Path, default=PAGES)
    p.add_argument("--out", type=Path, default=HERE / "results")
    p.add_argument("--label", default="", help="suffix of the result files (e.g. before)")
    p.add_argument("--only", choices=["dumps", "all"], default="all", help="skip HTML rows")
    args = p.parse_args(argv)
    if not (args.pages / "gold.jsonl").exists():
        print(
            f"skipped: {args.pages} not found (the page dumps live in ../shared)", file=sys.stderr
        )
        return 0
    gold = [json.loads(line) for line in (args.pages / "gold.jsonl").open(encoding="utf-8")]
    halves = split([g["file"] for g in gold])
    dumps = {g["file"]: args.pages / "dumps" / f"{g['file']}.txt" for g in gold}
    htmls = {g["file"]: args.pages / "html" / f"{g['file']}.html" for g in gold}
    systems = {
        "PressLens, dumps": presslens(dumps, together=True),
        "PressLens, dumps, each file alone": presslens(dumps, together=False),
        "keep every line, dumps": {f: every_line(p) for f, p in dumps.items()},
    }
    if args.only == "all":
        systems["PressLens, HTML"] = presslens(htmls, together=False)
        systems["trafilatura alone, HTML"] = {f: trafilatura_alone(p) for f, p in htmls.items()}
    dates = {f: r["published"] for f, r in systems.get("trafilatura alone, HTML", {}).items()}
    results: dict = {"seed": SEED, "halves": halves, "rows": []}
    for name, found in systems.items():
        for part, files in (*halves.items(), ("all", [g["file"] for g in gold])):
            subset = [g for g in gold if g["file"] in set(files)]
            results["rows"].append({"system": name, "part": part, **score(subset, found, dates)})
    results["clean_articles"] = kept_share(args.pages.parent.parent)
    results["leaks_dumps"] = leaks(gold, systems["PressLens, dumps"])
    results["missed_headlines_dumps"] = [
        f"{g['file']}: {systems['PressLens, dumps'][g['file']]['title']!r} / {g['page_title']!r}"
        for g in gold
        if not headline_right(systems["PressLens, dumps"][g["file"]]["title"], g["page_title"])[0]
    ]
    stem = "loader_eval" + (f"_{args.label}" if args.label else "")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{stem}.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    (args.out / f"{stem}.md").write_text(markdown(results))
    print(markdown(results, details=False))
    return 0


def markdown(results: dict, *, details: bool = True) -> str:
    lines = [
        f"# The loader on {len(results['halves']['tuning']) + len(results['halves']['held_out'])} "
        "real pages (../shared/corpora/pagedumps)",
        "",
        f"Split by seed {results['seed']}: tuning {len(results['halves']['tuning'])} pages, held-out "
        f"{len(results['halves']['held_out'])}. Snippets are trafilatura's must-keep / must-drop lists.",
        "",
        "| system | part | pages | must-keep | leaked | headline | headline within title | date found | date agrees with trafilatura |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results["rows"]:
        lines.append(
            f"| {r['system']} | {r['part']} | {r['pages']} | {r['must_keep']} | {r['leaked']} "
            f"({r['leaked_n']}) | {r['headline']} | {r['headline_within']} | {r['date_found']} "
            f"| {r['date_agrees']} |"
        )
    if results.get("clean_articles"):
        lines += ["", f"Clean articles (a seeded sample): share of characters kept in analysed "
                  f"paragraphs; damaged = under {DAMAGED_BELOW:.0%} kept.", "",
                  "| corpus | articles | mean kept | min kept | damaged |",
                  "| --- | ---: | ---: | ---: | ---: |"]  # fmt: skip
        for name, r in results["clean_articles"].items():
            lines.append(f"| {name} | {r['articles']} | {r['mean_kept']} | {r['min_kept']} | "
                         f"{r['damaged']} |")  # fmt: skip
    if details:
        lines += ["", "## Must-drop snippets leaked into dump bodies", ""]
        lines += [f"- {t}" for t in results["leaks_dumps"]]
        lines += ["", "## Dump headlines not matching the page title", ""]
        lines += [f"- {t}" for t in results["missed_headlines_dumps"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
