"""The tables PressLens writes to ``data/processed/`` and their columns, in one place.

Every offset (``start``, ``end``, ``spans``) indexes the article's *source text*: the decoded raw file
for page dumps (``.txt``/``.md``, Python ``str`` indexing, a UTF-8 BOM excluded), the record's text
field for exports (``.json``/``.jsonl``/``.csv``), trafilatura's extracted text for web pages. The
``texts`` table stores that source text, so ``texts.text[start:end]`` always gives the quoted words.
``articles.offset_base`` says which of the three it is.

Example:
    >>> sorted(TABLES)[:3]
    ['articles', 'files', 'paragraphs']
"""

from __future__ import annotations

TABLES: dict[str, dict[str, str]] = {
    "files": {
        "file": "path of the input file relative to the raw folder (POSIX separators)",
        "record": "record number inside an export (1-based); null for a single-article file or a whole-file problem",
        "status": "loaded | duplicate | rejected (one row per article or record, or one per rejected file)",
        "reason": "why it was rejected or skipped (empty when loaded)",
        "duplicate_of": "for duplicates, the file (and #record) whose article it repeats",
        "article_id": "the article loaded or repeated; null when rejected",
        "format": "txt | md | html | json | jsonl | csv | other",
        "encoding": "decoding used: utf-8, utf-8-sig (BOM), cp1252 or latin-1",
        "bytes": "file size in bytes",
        "sha256": "hash of the file's bytes (the incremental cache key)",
    },
    "articles": {
        "article_id": "stable hash of the normalized article text (16 hex characters)",
        "file": "input file, relative to the raw folder",
        "record": "record number inside an export file (1-based), null for single-article files",
        "format": "input format",
        "encoding": "decoding used for the file",
        "offset_base": "what offsets index: file | record_text | extracted_text",
        "outlet": "outlet name after alias normalization, null when unknown",
        "outlet_label": "what tables and figures show: the outlet, or 'Unknown (<file stem>)'",
        "title": "headline, title suffixes such as '| military news' removed",
        "author": "byline name(s)",
        "published": "ISO 8601 date or date-time (2024-04-16T07:22 or 2024-01-26), null if unknown",
        "source_line": "the 'Source:' line (e.g. 'Agencies')",
        "standfirst": "the standfirst (dek) paragraph",
        "tags": "topic tags listed on the page",
        "url": "article URL",
        "*_source": "for each metadata field: profile | html | export | manifest | text | missing",
        "n_words": "words in standfirst, subheading and body paragraphs",
        "n_paragraphs": "paragraphs of every kind",
    },
    "paragraphs": {
        "article_id": "article",
        "paragraph": "index of the paragraph within the article (0-based, reading order)",
        "kind": "standfirst | body | subheading | caption | blockquote",
        "text": "paragraph text: the spans' text joined by single spaces",
        "spans": "list of [start, end] offsets; several when a page break split the paragraph",
        "start": "first span's start",
        "end": "last span's end",
    },
    "removed": {
        "article_id": "article",
        "file": "input file",
        "start": "offset of the removed stretch",
        "end": "offset after it",
        "text": "the removed text",
        "reason": "the cleaning rule that removed it (e.g. 'breaking-news ticker', 'share count')",
    },
    "texts": {
        "article_id": "article",
        "offset_base": "file | record_text | extracted_text",
        "text": "the source text every offset of the article indexes",
    },
    "sentences": {
        "article_id": "article",
        "sentence": "index of the sentence within the article (0-based)",
        "paragraph": "index of its paragraph",
        "start": "offset of the sentence's first character",
        "end": "offset after its last character",
        "text": "sentence text (from the paragraph text)",
        "in_quotes": "True when the whole sentence lies inside quotation marks",
        "quote_share": "share of the sentence's characters inside quotation marks (0-1)",
        "parsed": "True when the dependency parser ran on it (it has a number or a speech cue)",
    },
    "tokens": {
        "article_id": "article",
        "sentence": "sentence index",
        "token": "index of the token within the article (0-based)",
        "start": "offset of the token",
        "end": "offset after the token",
        "text": "token text",
        "lemma": "spaCy lemma (from the tag, never from the parse)",
        "pos": "universal part of speech (from the tag, never from the parse)",
        "tag": "fine-grained tag",
        "dep": "dependency label; empty in a sentence not parsed",
        "head": "article-level index of the syntactic head; the token itself in a sentence not parsed",
        "is_stop": "spaCy stop word",
        "is_punct": "punctuation",
        "like_num": "number-like",
        "ent_type": "named-entity type (PERSON, ORG, GPE, NORP, ...), empty when none",
        "ent_iob": "B | I | O",
        "in_quotes": "True when the token lies inside quotation marks",
    },
    "sentence_sentiment": {
        "article_id": "article (file, outlet_label and published are joined when read with Corpus.table)",
        "sentence": "sentence index",
        "paragraph": "paragraph index",
        "start": "offset of the sentence",
        "end": "offset after the sentence",
        "text": "sentence text",
        "polarity": "TextBlob polarity of the whole sentence (-1 to 1)",
        "subjectivity": "TextBlob subjectivity of the whole sentence (0 to 1)",
        "vader": "VADER compound score of the whole sentence (-1 to 1)",
        "textblob_words": "the words TextBlob scored in the sentence with their polarity ('significant +0.38|genocidal -0.80')",
        "own_text": "the sentence without its quoted words (quotes of one or two words stay: scare quotes)",
        "own_polarity": "TextBlob polarity of own_text",
        "own_subjectivity": "TextBlob subjectivity of own_text",
        "own_vader": "VADER compound of own_text",
        "has_quote": "True when the sentence quotes someone (a quotation of three words or more)",
        "quoted_text": "the quoted words, with their quotation marks",
        "quoted_polarity": "TextBlob polarity of quoted_text (null without a quotation)",
        "quoted_subjectivity": "TextBlob subjectivity of quoted_text",
        "quoted_vader": "VADER compound of quoted_text",
    },
    "claims": {
        "article_id": "article (file, outlet_label and published are joined when read with Corpus.table)",
        "category": "troops | attacks | strikes | killed | injured | bases",
        "value": "the number (vague quantities: dozens 24, hundreds 200, thousands 2000, a dozen 12)",
        "value_max": "upper end of a range, else null",
        "vague": "True for dozens, hundreds, thousands, a dozen",
        "qualifier": "exact | approx | more_than | at_least | at_most",
        "location": "place named after a locative preposition nearest the number, else null",
        "subject": "whose troops, who was killed or injured, what was attacked, who struck",
        "time_anchor": "the time the count runs over when stated ('since October', 'this year')",
        "attributed_to": "the source of an 'according to X' in the sentence, 'quoted', or null",
        "text": "the claim's phrase (qualifier, number, counted noun)",
        "start": "offset of the phrase",
        "end": "offset after the phrase",
        "sentence": "sentence index",
        "sentence_text": "the sentence",
    },
    "quotes": {
        "article_id": "article (file, outlet_label and published are joined when read with Corpus.table)",
        "sentence": "index of the sentence the attribution starts in",
        "kind": "direct (verbatim, in quotation marks) | mixed (reported speech with quoted fragments) | indirect | thought (a reported thought or intention)",
        "speaker": "the speaker as the text names it ('he', 'the Ministry', 'US Secretary of Defense Lloyd Austin')",
        "speaker_canonical": "resolved speaker: a name from data/lexicons/speakers.csv or the article's fullest form of the name (no title or middle initial), the previous speaker of agreeing gender for a pronoun, the person a description introduced, else the mention",
        "speaker_type": "person | group (several named people speaking together) | organization | media (a news outlet) | document | anonymous | unknown (a mention nothing identifies) | unresolved (a pronoun with no named speaker before it)",
        "affiliation": "from the speaker lexicon (US government, Iraqi government, armed groups, media, ...), else empty",
        "cue": "the speech cue (said, stated, according to, as per, ...); empty when a quote continues the previous speaker",
        "content": "what is attributed (without the page furniture cleaning removed inside it)",
        "content_start": "offset of the content",
        "content_end": "offset after the content",
        "speaker_start": "offset of the speaker mention (-1 when a quote continues the previous speaker)",
        "speaker_end": "offset after the speaker mention (-1 likewise)",
        "cue_start": "offset of the cue (-1 when there is none)",
        "cue_end": "offset after the cue (-1 when there is none)",
    },
}


def describe(table: str) -> str:
    """The column dictionary of ``table`` as Markdown lines (used by ``data/README.md``)."""
    return "\n".join(f"- `{col}`: {doc}" for col, doc in TABLES[table].items())
