"""The cache of cleaned documents, so a rerun cleans only what changed.

Cleaned chunks of documents are pickled under ``<processed>/cache/`` and keyed by their content
and the reading code's version: one new record of a big export cleans one chunk of
:data:`CHUNK` documents. :meth:`CleanedCache.prune` deletes the entries the last read did not use.

Example:
    >>> cache = CleanedCache(out_dir / "cache", clean)  # doctest: +SKIP
    >>> cleaned, hit = cache.clean("a.jsonl", docs)      # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from analysis import atomic
from analysis.readers import Document

#: Documents cleaned, and cached, together: an export of any size is cleaned this many at a time.
CHUNK = 100

T = TypeVar("T")


def code_version(*modules: str) -> str:
    """Hash of the source of the modules a cached result depends on: editing them redoes the work."""
    digest = hashlib.sha1()
    for name in modules:
        digest.update((Path(__file__).parent / f"{name}.py").read_bytes())
    return digest.hexdigest()[:12]


class CleanedCache(Generic[T]):
    """Documents cleaned by ``clean``, cached under ``folder`` (None: no cache) by their content
    and ``version`` (the hash of the code that reads and cleans them)."""

    def __init__(self, folder: Path | None, clean: Callable[[Document], T], version: str) -> None:
        self.folder, self.used = folder, set()
        self._clean, self.version = clean, version

    def key(self, rel: str, docs: list[Document]) -> str:
        digest = hashlib.sha1(f"{self.version}\0{rel}".encode())
        for d in docs:
            head = json.dumps([d.record, d.fmt, d.encoding, d.offset_base, d.title_in_text, d.meta,
                               d.meta_source, d.source_id, d.extra, d.repeated], sort_keys=True,
                              default=str)  # fmt: skip
            digest.update(f"\0{head}\0{len(d.text)}\0".encode())
            digest.update(d.text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def clean(self, rel: str, docs: list[Document]) -> tuple[list[T], bool]:
        """The cleaned ``docs`` (in order) and whether they came from the cache."""
        if self.folder is None:
            return [self._clean(d) for d in docs], False
        key = self.key(rel, docs)
        self.used.add(key)
        path = self.folder / f"{key}.pkl"
        if path.exists():
            try:
                with path.open("rb") as fh:
                    return pickle.load(fh), True
            except Exception:  # a corrupt cache entry is simply redone
                pass
        cleaned = [self._clean(d) for d in docs]
        self.folder.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(path, pickle.dumps(cleaned, protocol=pickle.HIGHEST_PROTOCOL))
        return cleaned, False

    def prune(self) -> None:
        """Delete the entries the last read did not use."""
        if self.folder is not None and self.folder.is_dir():
            for path in self.folder.iterdir():
                if path.stem not in self.used:
                    path.unlink(missing_ok=True)
