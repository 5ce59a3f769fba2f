"""Files that are either the old version or the new one, never half of either.

Every write goes to a temporary name unique to the process (pid and random), then replaces the
target with an atomic rename, so a kill or a second process never leaves a torn file under the
real name. Temporary names start with ``.`` and end with ``.tmp`` (:func:`is_temp`), so what a
killed run left behind can be recognized and removed.

Example:
    >>> write_text(Path(tmp) / "parts.json", "{}")  # doctest: +SKIP
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

TEMP_SUFFIX = ".tmp"


def temp_path(path: Path) -> Path:
    """A temporary name beside ``path``, unique to this process and this call."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}")


def is_temp(path: Path) -> bool:
    """Whether ``path`` is a temporary name made by :func:`temp_path`."""
    return path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX)


def replace(tmp: Path, path: Path) -> None:
    """Move the finished ``tmp`` onto ``path`` atomically, its bytes flushed to disk first."""
    with tmp.open("rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` as ``path`` atomically."""
    tmp = temp_path(path)
    try:
        tmp.write_bytes(data)
        replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) as ``path`` atomically."""
    write_bytes(path, text.encode("utf-8"))
