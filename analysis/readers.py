"""Read input files of every supported kind into source documents, or say why not.

Supported inputs (folders are read recursively):

- page dumps ``.txt`` / ``.md``: one article per file, cleaned by :mod:`analysis.cleaning`;
- saved web pages ``.html`` / ``.htm``: main text and metadata by trafilatura (no network access);
- exports ``.json`` (a list of records, ``{"articles": [...]}`` or one record), ``.jsonl`` (one record
  a line) and ``.csv`` (one record a row), mapped through :data:`CROSSWALK`.

Decoding: UTF-8 (a BOM is dropped and recorded as ``utf-8-sig``); a file that is not valid UTF-8 is
a legacy Western file: cp1252 when every byte is defined there, else latin-1 (which maps every
byte). The choice is recorded in ``encoding``. Binary files (NUL bytes, many control characters)
are rejected before decoding.

Example:
    >>> docs, problems, info = read_bytes(b"Headline\\n\\nBody text here.", "a.txt")
    >>> docs[0].fmt, info.encoding, problems
    ('txt', 'utf-8', [])
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from analysis import inputs

FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".csv": "csv",
}

#: Export field names PressLens understands, per metadata field, in order of preference.
CROSSWALK: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "body",
        "content",
        "article",
        "article_text",
        "full_text",
        "maintext",
        "fulltext",
    ),
    "title": ("title", "headline", "name"),
    "url": ("url", "link", "article_url", "canonical_url", "web_url"),
    "published": (
        "published",
        "date",
        "published_at",
        "publishedat",
        "publish_date",
        "pubdate",
        "date_published",
        "date_publish",
        "publication_date",
        "published_date",
        "pub_date",
        "datepublished",
        "datetime",
        "timestamp",
    ),
    "outlet": (
        "outlet",
        "source",
        "source_name",
        "media",
        "media_name",
        "medianame",
        "publisher",
        "publication",
        "site_name",
        "sitename",
    ),
    "author": ("authors", "author", "byline", "creator", "creators"),
    "standfirst": ("standfirst", "dek", "subtitle", "description", "summary", "lead"),
    "tags": ("tags", "keywords", "categories"),
}

#: Export field names of a record's own id, in order of preference.
ID_FIELDS = ("id", "_id", "article_id", "doc_id", "uuid", "guid", "record_id")

#: Single-article files above this size are rejected (exports are streamed, whatever their size).
MAX_ARTICLE_BYTES = 5_000_000


class ReadProblem(Exception):
    """A whole file cannot be read; the message is the reason shown in the ingest report."""


@dataclass
class Document:
    """One article's source text as read, before cleaning."""

    file: str
    record: int | None
    text: str
    offset_base: str
    fmt: str
    encoding: str
    title_in_text: bool
    meta: dict[str, object] = field(default_factory=dict)
    meta_source: dict[str, str] = field(default_factory=dict)
    #: an export record's own id (:data:`ID_FIELDS`), kept as ``articles.source_id``
    source_id: str | None = None
    #: the record's fields the crosswalk does not map, as text (``articles.extra_<name>``)
    extra: dict[str, str] = field(default_factory=dict)
    #: lines of this page that recur across its folder (:mod:`analysis.repetition`)
    repeated: dict[str, int] = field(default_factory=dict)


@dataclass
class FileInfo:
    """What is known about a file whether or not it could be read."""

    fmt: str
    encoding: str = ""
    bytes: int = 0
    sha256: str = ""


def sniff(blocks: Iterable[bytes]) -> tuple[FileInfo, str | None]:
    """Size, SHA-256 and encoding of a file read as ``blocks`` of bytes, and why it cannot be read
    as text (empty, binary, a BOM with invalid UTF-8), else None. The encoding is UTF-8 when it
    decodes, else cp1252 when every byte is defined there, else latin-1. ``fmt`` is left empty."""
    digest, size, head, blank = hashlib.sha256(), 0, b"", True
    utf8, cp1252 = codecs.getincrementaldecoder("utf-8")(), True
    utf8_error: int | None = None
    for block in blocks:
        digest.update(block)
        if len(head) < 65536:
            head += block[: 65536 - len(head)]
        blank = blank and not block.strip()
        if utf8_error is None:
            try:
                utf8.decode(block)
            except UnicodeDecodeError as exc:
                utf8_error = size + exc.start
        if cp1252:
            try:
                block.decode("cp1252")
            except UnicodeDecodeError:
                cp1252 = False
        size += len(block)
    if utf8_error is None:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_error = size
    info = FileInfo("", bytes=size, sha256=digest.hexdigest())
    bom = head.startswith(b"\xef\xbb\xbf")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if blank:
        return info, "empty file"
    if b"\x00" in head:
        return info, "binary file (contains NUL bytes), not text"
    if controls > len(head) * 0.05:
        return info, "binary file (too many control characters), not text"
    if bom and utf8_error is not None:
        return info, f"undecodable: UTF-8 BOM but invalid UTF-8 at byte {utf8_error - 3}"
    if utf8_error is None:
        info.encoding = "utf-8-sig" if bom else "utf-8"
    else:
        info.encoding = "cp1252" if cp1252 else "latin-1"
    return info, None


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` as UTF-8, else cp1252, else latin-1. Returns (text, encoding)."""
    info, problem = sniff([data])
    if problem:
        raise ReadProblem(problem)
    if info.encoding == "utf-8-sig":
        return data[3:].decode("utf-8"), info.encoding
    return data.decode(info.encoding), info.encoding


def _extra(record: dict, used: set[str]) -> tuple[str | None, dict[str, str]]:
    """The record's own id and its fields not in ``used`` (the mapped ones), as text: lists and
    objects as JSON. Empty fields are left out."""
    lowered = {str(k).lower().strip(): v for k, v in record.items()}
    id_key = next((k for k in ID_FIELDS if lowered.get(k) not in (None, "")), None)
    extra = {}
    for key, value in lowered.items():
        if key in used or key == id_key or value in (None, "", [], {}):
            continue
        name = re.sub(r"\W+", "_", key).strip("_") or "field"
        extra[name] = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return (str(lowered[id_key]) if id_key else None), extra


def _field(record: dict, name: str) -> tuple[object, str] | None:
    lowered = {str(k).lower().strip(): v for k, v in record.items()}
    for key in CROSSWALK[name]:
        if key in lowered and lowered[key] not in (None, "", []):
            value = lowered[key]
            if isinstance(value, dict):
                value = value.get("name") or value.get("title") or next(iter(value.values()), None)
            if isinstance(value, list):
                if name == "tags":
                    value = [str(v) for v in value if v]
                else:
                    value = ", ".join(
                        str(v.get("name", v)) if isinstance(v, dict) else str(v) for v in value
                    )
            return value, key
    return None


def _from_record(record: object, file: str, number: int, fmt: str, encoding: str) -> Document:
    if not isinstance(record, dict):
        raise ReadProblem(
            f"malformed record {number}: expected an object, got {type(record).__name__}"
        )
    found = _field(record, "text")
    if found is None or not str(found[0]).strip():
        names = ", ".join(CROSSWALK["text"])
        raise ReadProblem(f"record {number} has no article text (looked for fields: {names})")
    doc = Document(file, number, str(found[0]), "record_text", fmt, encoding, title_in_text=False)
    used = {found[1]}
    for name in ("title", "url", "published", "outlet", "author", "standfirst", "tags"):
        hit = _field(record, name)
        if hit is not None:
            value = hit[0] if name == "tags" and isinstance(hit[0], list) else str(hit[0]).strip()
            doc.meta[name] = value
            doc.meta_source[name] = "export"
            used.add(hit[1])
    doc.source_id, doc.extra = _extra(record, used)
    return doc


Item = Document | tuple[int | None, str]
"""What reading yields: a document, or a problem (record or None for the whole file, reason)."""


def _export_items(stream: TextIO, file: str, fmt: str, encoding: str) -> Iterator[Item]:
    """The records of an export read from a text ``stream``, one at a time (JSONL and CSV are
    never held whole). Raises :class:`ReadProblem` when the whole file is unusable."""

    def take(record: object, number: int) -> Item:
        try:
            return _from_record(record, file, number, fmt, encoding)
        except ReadProblem as exc:
            return (number, str(exc))

    if fmt == "jsonl":
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                why = f"{exc.msg} (line {number}, column {exc.colno})"
                yield (number, f"malformed record {number}: {why}")
                continue
            yield take(record, number)
    elif fmt == "json":
        try:
            data = json.load(stream)
        except json.JSONDecodeError as exc:
            raise ReadProblem(
                f"malformed JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            ) from None
        if isinstance(data, dict):
            lists = [
                v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)
            ]
            data = lists[0] if _field(data, "text") is None and lists else [data]
        if not isinstance(data, list):
            raise ReadProblem("malformed JSON: expected a list of article records or one record")
        for number, record in enumerate(data, start=1):
            yield take(record, number)
    else:
        csv.field_size_limit(2**31 - 1)
        reader = csv.DictReader(stream)
        columns = [str(c).lower().strip() for c in reader.fieldnames or []]
        if not any(c in CROSSWALK["text"] for c in columns):
            names = ", ".join(CROSSWALK["text"])
            raise ReadProblem(
                f"CSV has no text column (columns: {', '.join(columns) or 'none'}; looked for: {names})"
            )
        number = 0
        try:
            for number, row in enumerate(reader, start=1):  # noqa: B007 - read after the loop
                yield take(row, number)
        except csv.Error as exc:
            yield (number + 1, f"malformed CSV from record {number + 1} on: {exc}")


def _read_html(text: str, file: str, encoding: str) -> Document:
    import trafilatura

    result = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    body = getattr(result, "text", None) if result is not None else None
    if not body or not body.strip():
        raise ReadProblem("no article text found (the web page has no main text)")
    doc = Document(file, None, body, "extracted_text", "html", encoding, title_in_text=False)
    fields = {
        "title": result.title,
        "author": result.author,
        "published": result.date,
        "outlet": result.sitename,
        "url": result.url,
        "standfirst": result.description,
        "tags": [t for t in (result.tags or result.categories or []) if t] or None,
    }
    for name, value in fields.items():
        if value:
            doc.meta[name] = value
            doc.meta_source[name] = "html"
    return doc


def read_bytes(
    data: bytes, file: str, *, max_article_bytes: int = MAX_ARTICLE_BYTES
) -> tuple[list[Document], list[tuple[int | None, str]], FileInfo]:
    """Read one file's bytes. Returns (documents, problems as (record or None, reason), info).

    A problem with record ``None`` means the whole file was rejected; otherwise only that record.
    Never raises for bad input.
    """
    fmt = FORMATS.get(Path(file).suffix.lower(), "other")
    info = FileInfo(fmt, bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
    try:
        if fmt == "other":
            supported = ", ".join(sorted(FORMATS))
            raise ReadProblem(
                f"unsupported file type '{Path(file).suffix or '(none)'}' (supported: {supported})"
            )
        if fmt in ("txt", "md", "html") and len(data) > max_article_bytes:
            raise ReadProblem(
                f"too large for one article ({len(data) / 1e6:.1f} MB > {max_article_bytes / 1e6:.1f} MB); "
                "split it or export it as JSONL"
            )
        text, info.encoding = inputs.decode_special(data) or decode(data)
        if fmt in ("txt", "md") and inputs.looks_like_html(data):
            fmt = info.fmt = "html"  # a saved web page behind a .txt name
        if fmt in ("txt", "md"):
            return (
                [Document(file, None, text, "file", fmt, info.encoding, title_in_text=True)],
                [],
                info,
            )
        if fmt == "html":
            return [_read_html(text, file, info.encoding)], [], info
        items = list(_export_items(io.StringIO(text, newline=""), file, fmt, info.encoding))
        if not items:
            raise ReadProblem("no article records found")
        docs = [i for i in items if isinstance(i, Document)]
        return docs, [i for i in items if not isinstance(i, Document)], info
    except ReadProblem as exc:
        return [], [(None, str(exc))], info
    except Exception as exc:  # a reader bug must not stop the other files
        return [], [(None, f"could not be read ({type(exc).__name__}: {exc})")], info


def read_file(
    path: Path, file: str
) -> tuple[list[Document], list[tuple[int | None, str]], FileInfo]:
    """Read ``path`` (shown as ``file``); an unreadable file becomes a problem, never an exception."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        fmt = FORMATS.get(path.suffix.lower(), "other")
        return [], [(None, f"unreadable: {exc.strerror or exc}")], FileInfo(fmt)
    return read_bytes(data, file)


def stream_file(path: Path, file: str) -> tuple[FileInfo, Iterator[Item]]:
    """Read ``path`` (shown as ``file``) as its info and its documents and problems in file order.

    JSONL and CSV exports are read record by record, so an export of any size is never held in
    memory; other files are read whole. Like :func:`read_file`, never raises for bad input.
    """
    fmt = FORMATS.get(path.suffix.lower(), "other")
    if fmt not in ("jsonl", "csv"):
        docs, problems, info = read_file(path, file)
        return info, iter([*problems, *docs])
    try:
        with path.open("rb") as fh:
            info, problem = sniff(iter(lambda: fh.read(1 << 20), b""))
    except OSError as exc:
        return FileInfo(fmt), iter([(None, f"unreadable: {exc.strerror or exc}")])
    info.fmt = fmt
    if problem:
        return info, iter([(None, problem)])
    return info, _streamed(path, file, fmt, info.encoding)


def _streamed(path: Path, file: str, fmt: str, encoding: str) -> Iterator[Item]:
    last: int | None = None  # the number of the last record read
    try:
        with path.open(encoding=encoding, newline="") as fh:
            for item in _export_items(fh, file, fmt, encoding):
                last = item.record if isinstance(item, Document) else item[0]
                yield item
    except ReadProblem as exc:
        yield (None, str(exc))
        return
    except Exception as exc:  # a reader bug must not stop the other files
        where = None if last is None else last + 1
        yield (where, f"could not be read ({type(exc).__name__}: {exc})")
        return
    if last is None:
        yield (None, "no article records found")
