"""The claim label files keep only references into ../shared (no publishers' text), read back
to the labelled sentences; the training draw and the development split are fixed."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
LABEL_FILES = [
    BENCH / "annotations" / "claims_unseen.jsonl",
    BENCH / "annotations" / "claims_train.jsonl",
]
ROW_KEYS = {"id", "record", "doc_id", "outlet", "sent_start", "sent_end", "stratum", "claims"}
CLAIM_KEYS = {"start", "end", "category", "value", "value_max", "qualifier", "vague", "location",
              "attributed_to", "optional"}  # fmt: skip


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8")][1:]


@pytest.mark.parametrize("path", LABEL_FILES, ids=lambda p: p.name)
def test_label_files_hold_references_only(path: Path) -> None:
    rows = _rows(path)
    assert rows
    for row in rows:
        assert set(row) <= ROW_KEYS, set(row) - ROW_KEYS
        assert row["sent_start"] < row["sent_end"]
        for claim in row["claims"]:
            assert set(claim) <= CLAIM_KEYS, set(claim) - CLAIM_KEYS
            assert row["sent_start"] <= claim["start"] < claim["end"] <= row["sent_end"]


def test_training_draw_leaves_out_the_dev_and_unseen_articles(shared_dir: Path) -> None:
    used = _script("claims_sample").excluded_records(shared_dir, LABEL_FILES[0])
    train = _rows(LABEL_FILES[1])
    assert len(train) == _script("claims_sample").N_SENTENCES == 570
    assert not {r["record"] for r in train} & used
    assert len({r["record"] for r in train}) == len(train)  # one sentence per article


@pytest.mark.parametrize(
    ("path", "n"), list(zip(LABEL_FILES, (120, 570), strict=True)), ids=["unseen", "train"]
)
def test_references_read_back_the_labelled_sentences(shared_dir: Path, path: Path, n: int) -> None:
    rows = _script("claims_eval").load_refs(path, shared_dir / "corpora" / "middle_east.jsonl")
    assert len(rows) == n
    for row in rows:
        assert row["not_claims"] is None  # every number not labelled is no claim
        for claim in row["claims"]:
            s, e = claim["span"]
            assert row["sentence"][s:e] == claim["text"]
            assert claim["text"] and claim["text"] == claim["text"].strip()  # no stray spaces


def test_eval_skips_the_sets_without_shared(tmp_path: Path, monkeypatch, capsys) -> None:
    mod = _script("claims_eval")
    monkeypatch.setattr(mod, "CORPUS", tmp_path / "missing.jsonl")
    assert mod.main(["--gold", str(tmp_path / "none.jsonl"), "--out", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "development set is skipped" in err and "reference label files are skipped" in err


def test_sentences_split_as_claims_dev_describes() -> None:
    text = "Mr. Smith said 5 soldiers died. U.S. forces left!  “Next” came.\nA new line"
    got = [text[s:e] for s, e in _script("claims_sample").sentences(text)]
    assert got == [
        "Mr. Smith said 5 soldiers died.",
        "U.S. forces left!",
        "“Next” came.",
        "A new line",
    ]


def test_fixed_seeds_and_sizes_are_pinned() -> None:
    sample, ev = _script("claims_sample"), _script("claims_eval")
    assert (sample.SEED, sample.N_SENTENCES, sample.CATEGORY_SHARE) == (20261203, 570, 2 / 3)
    assert (sample.MIN_CHARS, sample.MAX_CHARS) == (20, 600)
    assert ev.SPLIT_SEED == 16
