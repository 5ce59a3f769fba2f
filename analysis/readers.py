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

import csv
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

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


@dataclass
class FileInfo:
    """What is known about a file whether or not it could be read."""

    fmt: str
    encoding: str = ""
    bytes: int = 0
    sha256: str = ""


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` as UTF-8, else cp1252, else latin-1. Returns (text, encoding)."""
    if not data.strip():
        raise ReadProblem("empty file")
    head = data[:65536]
    if b"\x00" in head:
        raise ReadProblem("binary file (contains NUL bytes), not text")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    if controls > len(head) * 0.05:
        raise ReadProblem("binary file (too many control characters), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ReadProblem(
                f"undecodable: UTF-8 BOM but invalid UTF-8 at byte {exc.start}"
            ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


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
    for name in ("title", "url", "published", "outlet", "author", "standfirst", "tags"):
        hit = _field(record, name)
        if hit is not None:
            value = hit[0] if name == "tags" and isinstance(hit[0], list) else str(hit[0]).strip()
            doc.meta[name] = value
            doc.meta_source[name] = "export"
    return doc


def _read_export(
    text: str, file: str, fmt: str, encoding: str
) -> tuple[list[Document], list[tuple[int, str]]]:
    docs: list[Document] = []
    problems: list[tuple[int, str]] = []

    def take(record: object, number: int) -> None:
        try:
            docs.append(_from_record(record, file, number, fmt, encoding))
        except ReadProblem as exc:
            problems.append((number, str(exc)))

    if fmt == "jsonl":
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(
                    (
                        number,
                        f"malformed record {number}: {exc.msg} (line {number}, column {exc.colno})",
                    )
                )
                continue
            take(record, number)
    elif fmt == "json":
        try:
            data = json.loads(text)
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
            take(record, number)
    else:
        csv.field_size_limit(2**31 - 1)
        reader = csv.DictReader(io.StringIO(text, newline=""))
        columns = [str(c).lower().strip() for c in reader.fieldnames or []]
        if not any(c in CROSSWALK["text"] for c in columns):
            names = ", ".join(CROSSWALK["text"])
            raise ReadProblem(
                f"CSV has no text column (columns: {', '.join(columns) or 'none'}; looked for: {names})"
            )
        for number, row in enumerate(reader, start=1):
            take(row, number)
    return docs, problems


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
        text, info.encoding = decode(data)
        if fmt in ("txt", "md"):
            return (
                [Document(file, None, text, "file", fmt, info.encoding, title_in_text=True)],
                [],
                info,
            )
        if fmt == "html":
            return [_read_html(text, file, info.encoding)], [], info
        docs, problems = _read_export(text, file, fmt, info.encoding)
        if not docs and not problems:
            raise ReadProblem("no article records found")
        return docs, list(problems), info
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
