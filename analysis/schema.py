"""The tables PressLens writes to ``data/processed/``: one ordered definition of every column.

Each table is a tuple of :class:`Column` (name, dtype, meaning). Everything else is derived from it:
the column lists the producers return (:func:`columns`), the Parquet schemas the tables are written
with (:func:`arrow_schema`), the checks the tests run on real tables (:func:`validate`) and the field
dictionary in ``data/README.md`` (:func:`field_dictionary`; a test fails when the README is stale,
``python -m analysis.schema`` rewrites it).

Every offset (``start``, ``end``, ``spans``) indexes the article's *source text*: the decoded raw file
for page dumps (``.txt``/``.md``, Python ``str`` indexing, a UTF-8 BOM excluded), the record's text
field for exports (``.json``/``.jsonl``/``.csv``), trafilatura's extracted text for web pages. The
``texts`` table stores that source text, so ``texts.text[start:end]`` always gives the quoted words.
``articles.offset_base`` says which of the three it is.

Example:
    >>> columns("texts")
    ['article_id', 'offset_base', 'text']
    >>> validate("texts", pd.DataFrame({"article_id": ["a"], "offset_base": ["file"], "text": ["t"]}))
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

import pandas as pd

if TYPE_CHECKING:
    import pyarrow as pa

#: What tables and charts show for a claim whose sentence names no place (``claims.location`` null).
NO_PLACE = "(no place named)"

#: The kinds of paragraph cleaning produces (``paragraphs.kind``).
PARAGRAPH_KINDS = ("standfirst", "body", "subheading", "caption", "blockquote")
#: The paragraphs the NLP layer parses and every analysis reads: the article's own text (captions
#: and quoted blocks are not).
PARSED_KINDS = ("standfirst", "body", "subheading")

Dtype = Literal["string", "int64", "Int64", "float64", "bool", "strings", "spans"]


class Column(NamedTuple):
    """One column: its name, its type and what it means.

    ``dtype``: ``string``; ``int64`` (never null); ``Int64`` (an integer or null); ``float64``;
    ``bool``; ``strings`` (a list of strings); ``spans`` (a list of ``[start, end]`` offsets).
    """

    name: str
    dtype: Dtype
    meaning: str


#: The metadata an article can carry, each with a ``<name>_source`` column saying where it came from.
META_FIELDS: tuple[tuple[str, Dtype, str], ...] = (
    ("outlet", "string", "outlet name"),
    ("title", "string", "headline, title suffixes such as '| military news' removed"),
    ("author", "string", "byline name(s)"),
    (
        "published",
        "string",
        "ISO 8601 date or date-time (2024-04-16T07:22 or 2024-01-26), null if unknown",
    ),
    ("source_line", "string", "the 'Source:' line (e.g. 'Agencies')"),
    ("standfirst", "string", "the standfirst (dek) paragraph"),
    ("tags", "strings", "topic tags listed on the page"),
    ("url", "string", "article URL"),
)
META_NAMES = tuple(name for name, _, _ in META_FIELDS)
SOURCES = "profile | html | export | manifest | text | missing"

TABLES: dict[str, tuple[Column, ...]] = {
    "files": (
        Column(
            "file",
            "string",
            "path of the input file relative to the raw folder (POSIX separators)",
        ),
        Column(
            "record",
            "Int64",
            "record number inside an export (1-based); null for a single-article file or a whole-file problem",
        ),
        Column(
            "status",
            "string",
            "loaded | duplicate | rejected (one row per article or record, or one per rejected file)",
        ),
        Column("reason", "string", "why it was rejected or skipped (empty when loaded)"),
        Column(
            "duplicate_of",
            "string",
            "for duplicates, the file (and #record) whose article it repeats",
        ),
        Column("article_id", "string", "the article loaded or repeated; null when rejected"),
        Column("format", "string", "txt | md | html | json | jsonl | csv | other"),
        Column("encoding", "string", "decoding used: utf-8, utf-8-sig (BOM), cp1252 or latin-1"),
        Column("bytes", "int64", "file size in bytes"),
        Column("sha256", "string", "hash of the file's bytes (the incremental cache key)"),
    ),
    "articles": (
        Column(
            "article_id", "string", "stable hash of the normalized article text (16 hex characters)"
        ),
        Column("file", "string", "input file, relative to the raw folder"),
        Column(
            "record",
            "Int64",
            "record number inside an export file (1-based), null for single-article files",
        ),
        Column("format", "string", "input format"),
        Column("encoding", "string", "decoding used for the file"),
        Column("offset_base", "string", "what offsets index: file | record_text | extracted_text"),
        Column("outlet", "string", "outlet name after alias normalization, null when unknown"),
        Column(
            "outlet_label",
            "string",
            "what tables and figures show: the outlet, or 'Unknown: <file stem without its hash>' when unknown",
        ),
        *(
            column
            for name, dtype, meaning in META_FIELDS[1:]
            for column in (
                Column(name, dtype, meaning),
                Column(f"{name}_source", "string", f"where `{name}` came from: {SOURCES}"),
            )
        ),
        Column("outlet_source", "string", f"where `outlet` came from: {SOURCES}"),
        Column("n_words", "int64", "words in standfirst, subheading and body paragraphs"),
        Column("n_paragraphs", "int64", "paragraphs of every kind"),
        Column(
            "source_id",
            "string",
            "an export record's own id (its id, _id, article_id, doc_id, uuid, guid or record_id field), null otherwise",
        ),
    ),
    "paragraphs": (
        Column("article_id", "string", "article"),
        Column(
            "paragraph",
            "int64",
            "index of the paragraph within the article (0-based, reading order)",
        ),
        Column("kind", "string", "standfirst | body | subheading | caption | blockquote"),
        Column("text", "string", "paragraph text: the spans' text joined by single spaces"),
        Column(
            "spans",
            "spans",
            "list of [start, end] offsets; several when a page break split the paragraph",
        ),
        Column("start", "int64", "first span's start"),
        Column("end", "int64", "last span's end"),
    ),
    "removed": (
        Column("article_id", "string", "article"),
        Column("file", "string", "input file"),
        Column("start", "int64", "offset of the removed stretch"),
        Column("end", "int64", "offset after it"),
        Column("text", "string", "the removed text"),
        Column(
            "reason",
            "string",
            "the cleaning rule that removed it (e.g. 'breaking-news ticker', 'share count')",
        ),
    ),
    "texts": (
        Column("article_id", "string", "article"),
        Column("offset_base", "string", "file | record_text | extracted_text"),
        Column("text", "string", "the source text every offset of the article indexes"),
    ),
    "sentences": (
        Column("article_id", "string", "article"),
        Column("sentence", "int64", "index of the sentence within the article (0-based)"),
        Column("paragraph", "int64", "index of its paragraph"),
        Column("start", "int64", "offset of the sentence's first character"),
        Column("end", "int64", "offset after its last character"),
        Column("text", "string", "sentence text (from the paragraph text)"),
        Column("in_quotes", "bool", "True when the whole sentence lies inside quotation marks"),
        Column(
            "quote_share",
            "float64",
            "share of the sentence's characters inside quotation marks (0-1)",
        ),
        Column(
            "parsed",
            "bool",
            "True when the dependency parser ran on it (it has a number or a speech cue)",
        ),
    ),
    "tokens": (
        Column("article_id", "string", "article"),
        Column("sentence", "int64", "sentence index"),
        Column("token", "int64", "index of the token within the article (0-based)"),
        Column("start", "int64", "offset of the token"),
        Column("end", "int64", "offset after the token"),
        Column("text", "string", "token text"),
        Column("lemma", "string", "spaCy lemma (from the tag, never from the parse)"),
        Column("pos", "string", "universal part of speech (from the tag, never from the parse)"),
        Column("tag", "string", "fine-grained tag"),
        Column("dep", "string", "dependency label; empty in a sentence not parsed"),
        Column(
            "head",
            "int64",
            "article-level index of the syntactic head; the token itself in a sentence not parsed",
        ),
        Column("is_stop", "bool", "spaCy stop word"),
        Column("is_punct", "bool", "punctuation"),
        Column("like_num", "bool", "number-like"),
        Column(
            "ent_type",
            "string",
            "named-entity type (PERSON, ORG, GPE, NORP, ...), empty when none",
        ),
        Column("ent_iob", "string", "B | I | O"),
        Column("in_quotes", "bool", "True when the token lies inside quotation marks"),
    ),
    "sentence_sentiment": (
        Column(
            "article_id",
            "string",
            "article (file, outlet_label and published are joined when read with Corpus.table)",
        ),
        Column("sentence", "int64", "sentence index"),
        Column("paragraph", "int64", "paragraph index"),
        Column("start", "int64", "offset of the sentence"),
        Column("end", "int64", "offset after the sentence"),
        Column("text", "string", "sentence text"),
        Column(
            "scored_text",
            "string",
            "the sentence as the lexicons read it: words of names, titles and number phrases blanked (same length as text)",
        ),
        Column("polarity", "float64", "TextBlob polarity of the whole sentence (-1 to 1)"),
        Column("subjectivity", "float64", "TextBlob subjectivity of the whole sentence (0 to 1)"),
        Column("vader", "float64", "VADER compound score of the whole sentence (-1 to 1)"),
        Column(
            "textblob_words",
            "string",
            "the words TextBlob scored in the sentence with their polarity ('significant +0.38|genocidal -0.80')",
        ),
        Column(
            "learned",
            "float64",
            "the learned model's P(positive) - P(negative) for the whole sentence (-1 to 1; analysis/sentiment_model.py)",
        ),
        Column(
            "own_text",
            "string",
            "the sentence without its quoted words (quotes of fewer than four words stay: names, titles, scare quotes)",
        ),
        Column("own_polarity", "float64", "TextBlob polarity of own_text"),
        Column("own_subjectivity", "float64", "TextBlob subjectivity of own_text"),
        Column("own_vader", "float64", "VADER compound of own_text"),
        Column("own_learned", "float64", "the learned model's score of own_text (-1 to 1)"),
        Column(
            "has_quote",
            "bool",
            "True when the sentence quotes someone (a quotation of four words or more)",
        ),
        Column("quoted_text", "string", "the quoted words, with their quotation marks"),
        Column(
            "quoted_polarity",
            "float64",
            "TextBlob polarity of quoted_text (null without a quotation)",
        ),
        Column("quoted_subjectivity", "float64", "TextBlob subjectivity of quoted_text"),
        Column("quoted_vader", "float64", "VADER compound of quoted_text"),
        Column(
            "quoted_learned",
            "float64",
            "the learned model's score of quoted_text (null without a quotation)",
        ),
    ),
    "claims": (
        Column(
            "article_id",
            "string",
            "article (file, outlet_label and published are joined when read with Corpus.table)",
        ),
        Column("category", "string", "troops | attacks | strikes | killed | injured | bases"),
        Column(
            "value",
            "float64",
            "the number (vague quantities: dozens 24, hundreds 200, thousands 2000, a dozen 12, scores 40, a few / several 3, several hundred 300, tens of thousands 20000)",
        ),
        Column("value_max", "float64", "upper end of a range, else null"),
        Column(
            "vague",
            "bool",
            "True when a vague word gives the value (dozens, hundreds, a few thousand, 30,000-odd); never drawn as exact",
        ),
        Column(
            "qualifier",
            "string",
            "exact | approx | more_than | at_least | at_most (a vague word alone is approx)",
        ),
        Column(
            "kind",
            "string",
            "how serious injuries are when the sentence says: minor | serious | critical, else null",
        ),
        Column(
            "location",
            "string",
            "place named after a locative preposition nearest the number, else null",
        ),
        Column(
            "subject",
            "string",
            "whose troops, who was killed or injured, what was attacked, who struck",
        ),
        Column(
            "time_anchor",
            "string",
            "the time the count runs over when stated ('since October', 'this year')",
        ),
        Column(
            "attributed_to",
            "string",
            "who the sentence says reports the number: the object of 'according to X', the subject of a speech verb whose clause holds it ('officials said'), the agent of 'was reported by X'; 'quoted' inside quotation marks; else null",
        ),
        Column("text", "string", "the claim's phrase (qualifier, number, counted noun)"),
        Column("start", "int64", "offset of the phrase"),
        Column("end", "int64", "offset after the phrase"),
        Column("sentence", "int64", "sentence index"),
        Column("sentence_text", "string", "the sentence"),
    ),
    "quotes": (
        Column(
            "article_id",
            "string",
            "article (file, outlet_label and published are joined when read with Corpus.table)",
        ),
        Column("sentence", "int64", "index of the sentence the attribution starts in"),
        Column(
            "kind",
            "string",
            "direct (verbatim, in quotation marks) | mixed (reported speech with quoted fragments) | indirect | thought (a reported thought or intention)",
        ),
        Column(
            "speaker",
            "string",
            "the speaker as the text names it ('he', 'the Ministry', 'US Secretary of Defense Lloyd Austin')",
        ),
        Column(
            "speaker_canonical",
            "string",
            "resolved speaker: a name from the story's speakers.csv (data/stories/NAME/) or the article's fullest form of the name (no title or middle initial), the previous speaker of agreeing gender for a pronoun, the person a description introduced, else the mention",
        ),
        Column(
            "speaker_type",
            "string",
            "person | group (several named people speaking together) | organization | media (a news outlet) | document | anonymous | unknown (a mention nothing identifies) | unresolved (a pronoun with no named speaker before it)",
        ),
        Column(
            "affiliation",
            "string",
            "from the speaker lexicon (US government, Iraqi government, armed groups, media, ...), else empty",
        ),
        Column(
            "cue",
            "string",
            "the speech cue (said, stated, according to, as per, ...); empty when a quote continues the previous speaker",
        ),
        Column(
            "content",
            "string",
            "what is attributed (without the page furniture cleaning removed inside it)",
        ),
        Column("content_start", "int64", "offset of the content"),
        Column("content_end", "int64", "offset after the content"),
        Column(
            "speaker_start",
            "int64",
            "offset of the speaker mention (-1 when a quote continues the previous speaker)",
        ),
        Column("speaker_end", "int64", "offset after the speaker mention (-1 likewise)"),
        Column("cue_start", "int64", "offset of the cue (-1 when there is none)"),
        Column("cue_end", "int64", "offset after the cue (-1 when there is none)"),
    ),
}

#: ``articles`` ends with one string column per field of the user's export the crosswalk does not map
#: (``extra_keywords``, ``extra_event``, ...; lists and objects as JSON), present only when some
#: record has it.
EXTRA_PREFIX = "extra_"
#: Tables that carry such extra columns after their own.
WITH_EXTRAS = ("articles",)

#: The per-article stage tables are read with the article's metadata joined in front of them.
JOINED = ("file", "outlet_label", "published")


def columns(table: str) -> list[str]:
    """The columns of ``table``, in order."""
    return [c.name for c in TABLES[table]]


_ARROW = {
    "string": lambda pa: pa.string(),
    "int64": lambda pa: pa.int64(),
    "Int64": lambda pa: pa.int64(),
    "float64": lambda pa: pa.float64(),
    "bool": lambda pa: pa.bool_(),
    "strings": lambda pa: pa.list_(pa.string()),
    "spans": lambda pa: pa.list_(pa.list_(pa.int64())),
}


def extras(table: str, frame: pd.DataFrame) -> list[str]:
    """The extra columns (:data:`EXTRA_PREFIX`) of ``frame``, when ``table`` may carry them."""
    if table not in WITH_EXTRAS:
        return []
    return [c for c in frame.columns if c.startswith(EXTRA_PREFIX)]


def arrow_schema(table: str, extra: Sequence[str] = ()) -> pa.Schema:
    """The Parquet (Arrow) schema ``table`` is written with (``extra``: its extra columns)."""
    import pyarrow as pa

    fields = [(c.name, _ARROW[c.dtype](pa)) for c in TABLES[table]]
    return pa.schema([*fields, *((name, pa.string()) for name in extra)])


def joined_columns(table: str) -> list[str]:
    """The columns of a per-article table as read with the article metadata (:data:`JOINED`)."""
    own = columns(table)
    return [own[0], *JOINED, *own[1:]]


def _dtype_ok(series: pd.Series, dtype: Dtype) -> bool:
    kind = series.dtype.kind
    if dtype == "int64":
        return kind in "iu"
    if dtype == "Int64":
        return kind in "iu" or str(series.dtype) == "Int64" or series.isna().all()
    if dtype == "float64":
        return kind in "fiu" or series.isna().all()
    if dtype == "bool":
        return kind == "b" or str(series.dtype) == "boolean"
    values = series.dropna()
    if dtype == "string":
        return values.map(lambda v: isinstance(v, str)).all()
    return values.map(lambda v: hasattr(v, "__len__") and not isinstance(v, str)).all()


def validate(table: str, frame: pd.DataFrame, *, joined: bool = False) -> None:
    """Check that ``frame`` has exactly the columns of ``table``, in order, with their types.

    ``joined``: the frame was read with the article metadata (:data:`JOINED`) in front.

    Raises:
        ValueError: naming every missing, extra or mistyped column.
    """
    expected = [*(joined_columns(table) if joined else columns(table)), *extras(table, frame)]
    problems = []
    if list(frame.columns) != expected:
        missing = [c for c in expected if c not in frame.columns]
        extra = [c for c in frame.columns if c not in expected]
        problems.append(f"columns {list(frame.columns)} are not {expected}")
        problems += [f"missing {missing}"] * bool(missing) + [f"unexpected {extra}"] * bool(extra)
    for col in TABLES[table]:
        if col.name in frame.columns and not _dtype_ok(frame[col.name], col.dtype):
            problems.append(f"{col.name} is {frame[col.name].dtype}, expected {col.dtype}")
    if problems:
        raise ValueError(f"table '{table}': " + "; ".join(problems))


def describe(table: str) -> str:
    """The column dictionary of ``table`` as Markdown lines."""
    return "\n".join(f"- `{c.name}` ({c.dtype}): {c.meaning}" for c in TABLES[table])


def field_dictionary() -> str:
    """Every table's column dictionary, as the generated part of ``data/README.md``."""
    return "\n\n".join(f"### `{name}`\n\n{describe(name)}" for name in TABLES) + "\n"


README_BEGIN = "<!-- field dictionary: generated by `python -m analysis.schema`; do not edit -->"
README_END = "<!-- end of field dictionary -->"


def write_readme(path: Path) -> bool:
    """Rewrite the generated field dictionary of ``path`` (``data/README.md``); True if it changed."""
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(README_BEGIN)
    _, _, tail = rest.partition(README_END)
    new = f"{head}{README_BEGIN}\n\n{field_dictionary()}\n{README_END}{tail}"
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    from analysis.config import PATHS

    changed = write_readme(PATHS.data / "README.md")
    print("data/README.md " + ("updated" if changed else "already up to date"))
