"""The README's `presslens` commands, run as written after the set-up command.

Each line of the README's "The `presslens` command" block that starts with ``presslens`` runs in a
subprocess with a clean environment (only PATH with the environment's ``bin/`` first, as
``source .venv/bin/activate`` gives, HOME and a locale), from a folder whose ``data/raw`` holds
copies of the sample articles (tests/fixtures/samples), so the user's data/raw is never read.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.config import PATHS

SAMPLES = PATHS.root / "tests" / "fixtures" / "samples"


def readme_commands() -> list[str]:
    readme = (PATHS.root / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The `presslens` command", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [
        line.split("  #")[0].strip() for line in block.splitlines() if line.startswith("presslens")
    ]


def test_the_readme_block_has_the_commands_a_newcomer_types_first():
    commands = readme_commands()
    assert commands[0] == "presslens --help"
    assert any(c.startswith("presslens show data/raw/") for c in commands)
    assert any(
        c.startswith("presslens claims data/raw/") and "--format table" in c for c in commands
    )


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("newcomer")
    shutil.copytree(SAMPLES, work / "data" / "raw")
    return work


def clean_env(home: Path) -> dict[str, str]:
    """PATH as an activated environment has it, and nothing else of the caller's environment but
    PYTHONPATH set to this checkout (in a fresh clone the editable install points there anyway;
    here it keeps another checkout's package from being tested)."""
    return {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.defpath}",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "COLUMNS": "100",
        "PYTHONPATH": str(PATHS.root),
    }


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_runs_as_written(command, workdir):
    assert shutil.which("presslens", path=clean_env(workdir)["PATH"]), "no presslens: run make env"
    done = subprocess.run(
        command, shell=True, cwd=workdir, env=clean_env(workdir), capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "error:" not in done.stderr
    out = done.stdout
    if command == "presslens --help":
        assert out.startswith("usage: presslens") and all(
            c in out for c in ("show", "claims", "quotes")
        )
    elif command.startswith("presslens show"):
        assert "outlet_label The New American" in out and "removed" in out
    elif command.startswith("presslens claims"):
        assert out.splitlines()[0].split()[:3] == ["category", "value", "qualifier"]
        assert "time_anchor" in out.splitlines()[0] and " 2500 " in out
        assert max(map(len, out.splitlines())) <= 100
    elif command.startswith("presslens quotes"):
        assert out.splitlines()[0].split() == ["speaker", "cue", "content"]
        assert "data/raw/000_788efbf25b089b4e.txt:" in out
