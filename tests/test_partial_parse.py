"""Parsing only the sentences with a number or a speech cue gives the same results as parsing all.

Every table an analysis reads is compared: tokens (all columns, and the parse wherever it ran),
sentences, quotes, claims, sentence sentiment, term counts and entity mentions. A sentence the
selection wrongly skipped would lose its quotes or claims here.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import claims, corpus, entities, frequency, ingest, nlp, quotes, sentiment


def _with_parse(base: corpus.Corpus, mode: nlp.Parse) -> corpus.Corpus:
    sentences, tokens = nlp.parse(base.paragraphs, parse=mode)
    return corpus.Corpus(
        base.files, base.articles, base.paragraphs, base.removed, base.texts, sentences, tokens
    )


def _analyses(c: corpus.Corpus) -> dict[str, pd.DataFrame]:
    return {
        "quotes": quotes.attribute(c),
        "claims": claims.extract(c),
        "sentiment": sentiment.score_sentences(c.sentences, c.tokens, c.articles),
        "terms": frequency.term_counts(c.tokens, c.articles, n=(1, 2)),
        "entities": entities.mentions(c),
    }


def _compare(files: list[Path]) -> tuple[corpus.Corpus, corpus.Corpus]:
    base = ingest.build(files, parse=False)
    needed, everything = _with_parse(base, "needed"), _with_parse(base, "all")
    pd.testing.assert_frame_equal(
        needed.sentences.drop(columns="parsed"), everything.sentences.drop(columns="parsed")
    )
    assert everything.sentences["parsed"].all()
    parse_cols = ["dep", "head"]
    other = [c for c in nlp.TOKEN_COLUMNS if c not in parse_cols]
    pd.testing.assert_frame_equal(needed.tokens[other], everything.tokens[other])
    flags = needed.tokens.merge(needed.sentences[["article_id", "sentence", "parsed"]])["parsed"]
    parsed = flags.to_numpy()
    pd.testing.assert_frame_equal(
        needed.tokens.loc[parsed, parse_cols], everything.tokens.loc[parsed, parse_cols]
    )
    assert (needed.tokens.loc[~parsed, "dep"] == "").all()
    mine = _analyses(needed)
    for name, table in _analyses(everything).items():
        pd.testing.assert_frame_equal(mine[name], table, obj=name)
    return needed, everything


def test_samples(sample_raw: Path):
    needed, _ = _compare(sorted(sample_raw.glob("*.txt")))
    share = needed.sentences["parsed"].mean()
    assert 0.3 < share < 0.9  # the samples are about talks, troops and numbers: most sentences


@pytest.mark.slow
def test_bbc_articles(shared_dir: Path):
    folder = shared_dir / "corpora" / "bbc"
    files = sorted((folder / "politics").glob("*.txt"))[:200]
    files += sorted((folder / "business").glob("*.txt"))[:100]
    needed, everything = _compare(files)
    assert len(needed.articles) >= 290
    # enough attributions and claims for the comparison to mean something (BBC politics has few
    # troop or casualty counts: 16 claims on these 300 articles)
    assert len(quotes.attribute(everything)) > 500 and len(claims.extract(everything)) >= 10
    assert needed.sentences["parsed"].mean() < 0.8  # the saving is real
