"""Furniture by repetition across a folder of dumps from one site; what the user brought kept."""

from __future__ import annotations

import json

import pandas as pd

from analysis import cli, corpus, ingest, outlets, repetition

#: Prose-like furniture a site prints on every page (hand-made).
APPEAL = (
    "Our journalism is funded by readers like you, and every gift keeps the newsroom independent."
)
RELATED = "Storm damage closes the coast road for a week"
WIRE = "The agency said the figures would be revised when the last reports came in from the north."


TOWNS = ("Ashby", "Brill", "Corfe", "Dunster", "Eyam")
DAYS = ("Monday", "Tuesday", "Friday")


def _dump(n: int, *, wire: bool = False) -> str:
    town = TOWNS[n]
    paras = [
        f"In {town} the council said on {day} that the plan for the {town} bypass would go ahead."
        for day in DAYS
    ]
    body = "\n\n".join([paras[0], APPEAL, *paras[1:]])  # a donation box inside the article
    return (
        f"Local Gazette\n\n  • News\n  • Sport\n\nCouncil approves the {town} bypass plan\n\n"
        f"By Jane Roe\n\n{body}\n\n{WIRE if wire else ''}\n\nRelated\n\n{RELATED}\n"
    )


def _site(tmp_path, files: int = 5, wire: int = 2):
    folder = tmp_path / "gazette"
    folder.mkdir()
    for n in range(files):
        (folder / f"{n:03d}.txt").write_text(_dump(n, wire=n < wire), encoding="utf-8")
    return folder


def _body(c: corpus.Corpus, name: str) -> str:
    aid = c.articles.set_index(c.articles["file"].str.rsplit("/", n=1).str[-1]).loc[
        name, "article_id"
    ]
    return " ".join(c.paragraphs.loc[c.paragraphs["article_id"] == aid, "text"])


def test_a_folder_from_one_site_drops_its_repeated_prose(tmp_path):
    folder = _site(tmp_path)
    alone = ingest.build([folder / "000.txt"], parse=False)
    assert APPEAL in _body(alone, "000.txt")  # one file: shape alone keeps prose-like furniture
    together = ingest.build([folder], parse=False)
    body = _body(together, "000.txt")
    assert APPEAL not in body and "Ashby the council said on Friday" in body
    reasons = together.removed.loc[together.removed["text"] == APPEAL, "reason"]
    assert list(reasons) == ["furniture: repeated in 5 files of the folder"] * 5


def test_prose_shared_by_a_few_files_is_kept(tmp_path):
    # a wire paragraph in 2 of 5 files: under MIN_FILES, and prose needs MIN_PROSE_SHARE too
    together = ingest.build([_site(tmp_path, wire=2)], parse=False)
    assert WIRE in _body(together, "000.txt")


def test_repetition_thresholds():
    assert repetition.MIN_FILES == 3 and repetition.MIN_PROSE_SHARE == 0.5
    rep = repetition.Repetition()
    for n in range(4):
        rep.add("site", f"{APPEAL}\nLine {n}\nMost Read" if n else "Most Read")
    # the short label is in 4 files; the prose line in 3 of 4 files (0.75 >= 0.5)
    assert rep.repeated("site", f"{APPEAL}\nMost Read") == {
        repetition.repetition_key(APPEAL): 3,
        "most read": 4,
    }
    assert rep.repeated("other", "Most Read") == {}  # counted per folder


def test_counting_is_incremental(tmp_path):
    folder = _site(tmp_path)
    cache = tmp_path / "repetition.pkl"
    inputs = ingest.discover(folder)
    first = repetition.count(inputs, cache)
    assert cache.exists()
    again = repetition.count(inputs, cache)
    assert again.counts == first.counts and again.files == first.files


def test_show_applies_the_manifest_as_ingest_does(tmp_path, capsys):
    folder = _site(tmp_path, files=1)
    (tmp_path / "sources.csv").write_text(
        "file,outlet,url,published,author,notes\ngazette/000.txt,Local Gazette,,2024-02-01,,\n"
    )
    assert cli.main(["show", str(folder / "000.txt"), "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["file"] == "gazette/000.txt"
    assert shown["outlet"] == "Local Gazette" and shown["outlet_source"] == "manifest"
    assert shown["published"] == "2024-02-01"


def test_exports_keep_the_record_id_and_unmapped_fields(tmp_path):
    text = "The council said on Monday that the plan would go ahead, officials said."
    rows = [
        {"id": "a-1", "text": text, "source": "nyt", "tags": ["x"], "keywords": ["council"], "event": "vote"},
        {"id": 2, "text": text + " More.", "source": "N.Y.T."},
    ]  # fmt: skip
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    arts = ingest.build(
        [path], parse=False, lexicon=pd.DataFrame(columns=["outlet", "aliases", "colour"])
    ).articles
    assert list(arts["source_id"]) == ["a-1", "2"]
    assert arts["extra_keywords"].iloc[0] == '["council"]' and pd.isna(
        arts["extra_keywords"].iloc[1]
    )
    assert arts["extra_event"].iloc[0] == "vote"
    assert arts["outlet"].nunique() == 1  # "nyt" and "N.Y.T." are one outlet


def test_aliases_match_regardless_of_case_and_punctuation():
    lexicon = pd.DataFrame(
        {"outlet": ["The New York Times"], "aliases": ["nyt;nytimes.com"], "colour": [""]}
    )
    aliases = outlets.alias_map(lexicon)
    for name in ("NYT", "n.y.t.", "NYTimes.com", "the new york times"):
        assert outlets.normalize(name, aliases) == "The New York Times"
