"""The BBC claims check picks its articles and refuses a folder without the sections."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "claims_bbc.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("claims_bbc", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_default_is_300_articles() -> None:
    assert _script().N_ARTICLES == 300


def test_articles_take_the_first_files_of_each_section(tmp_path: Path) -> None:
    for section in ("business", "entertainment", "sport"):
        (tmp_path / section).mkdir()
        for k in (3, 1, 2):
            (tmp_path / section / f"{k:03d}.txt").write_text("x")
    got = [str(p.relative_to(tmp_path)) for p in _script().articles(tmp_path, 4)]
    assert got == [
        "business/001.txt",
        "business/002.txt",
        "entertainment/001.txt",
        "entertainment/002.txt",
    ]


def test_missing_sections_give_a_message(tmp_path: Path, capsys: object) -> None:
    assert _script().main(["--bbc", str(tmp_path)]) == 2
    assert "no business/entertainment folders" in capsys.readouterr().err
