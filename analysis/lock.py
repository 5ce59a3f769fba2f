"""One ingest at a time per output folder.

:func:`ingest_lock` holds an exclusive lock on ``<processed>/.ingest.lock`` (``flock``, which the
system releases when the holder dies, even by ``kill -9``) and writes the holder's pid into it. A
second ingest into the same folder fails at once with :class:`IngestRunning` naming that pid. A
lock file left by a run that was killed holds a dead pid and no lock: it is taken over, and the
takeover is reported.

Example:
    >>> with ingest_lock(out_dir) as note:  # doctest: +SKIP
    ...     run()
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".ingest.lock"


class IngestRunning(RuntimeError):
    """Another ingest holds the folder's lock."""


def _holder(text: str) -> int | None:
    try:
        return int(text.split()[0])
    except (IndexError, ValueError):
        return None


@contextmanager
def ingest_lock(out_dir: Path) -> Iterator[str]:
    """Hold the ingest lock of ``out_dir``; yields a note ("" or what stale lock was cleared).

    Raises:
        IngestRunning: "another ingest is running (pid N)" when the lock is held.
    """
    path = out_dir / LOCK_NAME
    with path.open("a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            pid = _holder(fh.read())
            who = f"pid {pid}" if pid is not None else "pid unknown"
            raise IngestRunning(
                f"another ingest is running ({who}) into {out_dir}; wait for it to finish"
            ) from None
        fh.seek(0)
        stale = _holder(fh.read())
        note = (
            f"cleared a stale lock left by pid {stale} (no longer running)"
            if stale is not None and stale != os.getpid()
            else ""
        )
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        try:
            yield note
        finally:
            fh.seek(0)
            fh.truncate()
            fh.flush()
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
