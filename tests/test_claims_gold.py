"""Claim extraction against the hand annotations of the samples: floors on precision and recall."""

from __future__ import annotations

from analysis import claims


def test_claims_against_gold(sample_corpus, gold):
    found = claims.extract(sample_corpus)
    by_file = sample_corpus.articles.set_index("file")["article_id"]
    total = {"tp": 0, "fp": 0, "fn": 0, "qualifier_ok": 0, "location_ok": 0}
    furniture = []
    for article in gold:
        aid = by_file[article["file"]]
        text = sample_corpus.text_of(aid)
        predicted = found[found["article_id"] == aid]
        result = claims.evaluate(predicted, article["claims"], text)
        for key in total:
            total[key] += result[key]
        furniture += claims.reported_not_claims(predicted, article["not_claims"], text)
    precision = total["tp"] / (total["tp"] + total["fp"])
    recall = total["tp"] / (total["tp"] + total["fn"])
    print(f"claims: P={precision:.3f} R={recall:.3f} qualifier {total['qualifier_ok']}/{total['tp']} "
          f"location {total['location_ok']}/{total['tp']}")  # fmt: skip
    assert precision >= 0.95 and recall >= 0.90
    assert not furniture, f"not_claims reported: {furniture}"
    assert total["qualifier_ok"] / total["tp"] >= 0.9
