"""Checks made on an input before it is read, and the decodings the readers' own do not cover.

:func:`check_path` rejects, from ``stat`` alone (nothing is opened), what is not a regular file
(FIFOs, sockets, devices; a symlink counts as what it points to) and single-article files too big
to be an article, so a FIFO cannot hang the ingest nor a 200 MB dump be read whole.
:func:`decode_special` decodes UTF-16/UTF-32 (with or without a BOM) and a UTF-8 file with a few
bad bytes (replaced and counted, instead of turning the whole file into latin-1);
:func:`looks_like_html` spots a saved web page behind a ``.txt`` name.

Example:
    >>> decode_special("Caf\\u00e9 \\u201cquoted\\u201d".encode("utf-16"))
    ('Café “quoted”', 'utf-16')
    >>> decode_special(b"caf\\xc3\\xa9 \\xe2\\x80\\x9cq\\xe2\\x80\\x9d \\xff ok")
    ('café “q” \\ufffd ok', 'utf-8 (1 bad byte replaced)')
"""

from __future__ import annotations

import codecs
import re
import stat
from pathlib import Path

#: Formats read whole as one article (exports are streamed record by record, whatever their size).
SINGLE_ARTICLE = (".txt", ".md", ".html", ".htm")
#: A single-article file above this size is rejected before it is read: the longest news
#: articles are well under 1 MB even as saved HTML; 5 MB is the readers' limit for one article.
MAX_FILE_BYTES = 5_000_000
#: A file that is not valid UTF-8 is still read as UTF-8 (bad bytes replaced) when it has at least
#: this many valid multi-byte characters (curly quotes, accents) per bad byte: a stray byte in a
#: UTF-8 page. A legacy 8-bit file (cp1252 "£", "é") has no valid multi-byte character at all.
MIN_GOOD_PER_BAD = 2
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S
)


def check_path(path: Path) -> str | None:
    """Why ``path`` is not read (the reason shown in the ingest report), or None; never opens it."""
    try:
        info = path.stat()  # follows a symlink to what it points to
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    mode = info.st_mode
    if not stat.S_ISREG(mode):
        kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
                else "a device file" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a directory"
                if stat.S_ISDIR(mode) else "not a regular file")  # fmt: skip
        via = " (through a symlink)" if path.is_symlink() else ""
        return f"{kind}{via}, not an article file: skipped without opening it"
    if path.suffix.lower() in SINGLE_ARTICLE and info.st_size > MAX_FILE_BYTES:
        return (
            f"too large for one article ({info.st_size / 1e6:.1f} MB > {MAX_FILE_BYTES / 1e6:.0f} MB, "
            "rejected without reading it); split it or export it as JSONL"
        )
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte of the start is NUL (ASCII text in UTF-16)."""
    head = data[:4096]
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode_special(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` for UTF-32/UTF-16 (BOM or none) and for UTF-8 with a few bad bytes;
    None when the data is none of these (the readers' own decoding applies)."""
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                return None
    guessed = _utf16_without_bom(data)
    if guessed:
        try:
            return data.decode(guessed), guessed
        except UnicodeDecodeError:
            return None
    try:
        data.decode("utf-8")
        return None  # valid UTF-8: the readers' decoding
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    good_multibyte = sum(1 for ch in text if ord(ch) >= 0x80 and ch != "\ufffd")
    if good_multibyte >= MIN_GOOD_PER_BAD * bad:
        return text, f"utf-8 ({bad} bad byte{'s' if bad != 1 else ''} replaced)"
    return None


def looks_like_html(data: bytes) -> bool:
    """Whether ``data`` is a web page (``<!DOCTYPE html>`` or ``<html>`` first), whatever its name."""
    return HTML_START.match(data[:65536]) is not None
