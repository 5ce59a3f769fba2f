"""Text from articles made safe where it reaches Markdown, HTML or a spreadsheet.

Outlet names, titles, speakers and quotes come from the user's files (an export's ``source``
field, a page's site name), so they may hold markup: :func:`markdown_text` escapes them for a
notebook's findings (``display(Markdown(markup.bullets(lines)))``), :func:`sanitize_html` strips
what could still run from an exported page (scripts, event handlers, ``javascript:`` links,
frames), and :func:`spreadsheet_safe` neutralizes CSV cells a spreadsheet would read as a formula
(:func:`write_csv`, used for figure data and ``ingest_report.csv``).

Example:
    >>> markdown_text("<b>BBC</b> *news*")
    '&lt;b&gt;BBC&lt;/b&gt; \\\\*news\\\\*'
    >>> spreadsheet_safe(pd.DataFrame({"a": ["=1+1", "ok"]}))["a"].tolist()
    ["'=1+1", 'ok']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

#: Characters Markdown gives a meaning to (CommonMark backslash-escapes any ASCII punctuation).
MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$])")
#: Characters that open HTML (tags, entities), written as entities.
HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
#: A cell starting with one of these is a formula to a spreadsheet (OWASP: CSV injection);
#: the cell is prefixed with a quote, the way spreadsheet exports neutralize it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Elements an exported report never needs and a page from data could abuse: removed whole.
DROPPED_ELEMENTS = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "base",
                    "form", "meta", "link", "noscript")  # fmt: skip
#: URL attributes checked for their scheme.
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "background")
#: Schemes a link or image of the report may use (a ``data:`` URL only for an image).
SAFE_SCHEMES = ("http", "https", "mailto")


def markdown_text(text: object) -> str:
    """``text`` as Markdown that renders as exactly that text: no tag, link, image or emphasis."""
    escaped = MARKDOWN_SPECIALS.sub(r"\\\1", str(text))
    escaped = "".join(HTML_ENTITIES.get(ch, ch) for ch in escaped)
    return " ".join(escaped.split())  # a newline in a name cannot start a block


def bullets(lines: Iterable[object]) -> str:
    """A Markdown bullet list of ``lines``, each escaped with :func:`markdown_text`."""
    return "\n".join(f"- {markdown_text(line)}" for line in lines)


def _safe_url(value: str, *, image: bool) -> bool:
    compact = re.sub(r"[\s\x00-\x1f]", "", value).lower()
    scheme = re.match(r"([a-z][a-z0-9+.\-]*):", compact)
    if scheme is None:
        return True  # relative or a fragment
    if scheme.group(1) == "data":
        return image and compact.startswith(("data:image/png", "data:image/jpeg", "data:image/gif"))
    return scheme.group(1) in SAFE_SCHEMES


def sanitize_html(page: str) -> str:
    """An HTML page with nothing left that runs: :data:`DROPPED_ELEMENTS` removed, every ``on*``
    attribute dropped, URLs (:data:`URL_ATTRIBUTES`) other than :data:`SAFE_SCHEMES`, relative ones
    and embedded images removed. Styles and text are kept."""
    import lxml.html

    root = lxml.html.document_fromstring(page)
    for element in list(root.iter(*DROPPED_ELEMENTS)):
        element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in list(element.attrib.items()):
            lowered = name.lower()
            handler = lowered.startswith("on")
            bad_url = lowered in URL_ATTRIBUTES and not _safe_url(value, image=element.tag == "img")
            if handler or bad_url:
                del element.attrib[name]
    return "<!DOCTYPE html>\n" + lxml.html.tostring(root, encoding="unicode", method="html")


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell that starts with :data:`FORMULA_STARTS` prefixed by ``'``
    (numbers, including negative ones, are left alone)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(
                lambda v: f"'{v}" if isinstance(v, str) and v.startswith(FORMULA_STARTS) else v
            )
    return out


def write_csv(frame: pd.DataFrame, path: Path, **to_csv: object) -> None:
    """Write ``frame`` as CSV at ``path`` with :func:`spreadsheet_safe` cells (no index)."""
    spreadsheet_safe(frame).to_csv(path, index=False, **to_csv)
