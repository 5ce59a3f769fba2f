"""Numeric claims on hand-checked sentences: what must be found, and what must never be."""

from __future__ import annotations

import pytest

from analysis import claims, ingest

# sentence -> expected claims as (category, value, qualifier, location) in reading order
CASES = {
    "The United States keeps 2,500 troops in Iraq and 900 in Syria.": [
        ("troops", 2500, "exact", "Iraq"),
        ("troops", 900, "exact", "Syria"),
    ],
    "About 2,500 US troops remain deployed in Iraq.": [("troops", 2500, "approx", "Iraq")],
    "Militants have targeted American bases in Iraq over 60 times and in Syria over 90 times.": [
        ("attacks", 60, "more_than", "Iraq"),
        ("attacks", 90, "more_than", "Syria"),
    ],
    "A drone attack on a base in northeast Jordan ended up killing three US soldiers.": [
        ("killed", 3, "exact", "Jordan")
    ],
    "The strikes in Iraq resulted in the martyrdom of 16 people.": [
        ("killed", 16, "exact", "Iraq")
    ],
    "Attacks have left over 70 U.S. personnel incurring minor injuries.": [
        ("injured", 70, "more_than", None)
    ],
    "US forces struck more than 85 targets in Iraq and Syria.": [
        ("strikes", 85, "more_than", "Iraq and Syria")
    ],
    "Dozens of soldiers were wounded in the attack on the base.": [("injured", 24, "approx", None)],
    "The army has at least 40 bases in the country.": [("bases", 40, "at_least", None)],
    "Officials said nearly 300 troops would be withdrawn.": [("troops", 300, "at_most", None)],
    # the place: after "to", with its country, joined, after "the city of", or the event's place
    "The president ordered 475 military advisers to Iraq.": [("troops", 475, "exact", "Iraq")],
    "Four Americans were killed at the U.S. post in Benghazi, Libya.": [
        ("killed", 4, "exact", "Benghazi, Libya")
    ],
    "Gunmen killed 31 people in Dayton, Ohio, and El Paso, Texas.": [
        ("killed", 31, "exact", "Dayton and El Paso")
    ],
    "At least 80 people were killed in the oil city of Kirkuk.": [
        ("killed", 80, "at_least", "Kirkuk")
    ],
    "The Paris attacks killed 130 people.": [("killed", 130, "exact", "Paris")],
    # must not be reported: years, dates, durations, money, percentages, ages, ordinals, other counts
    "The coalition was formed in 2014 and its mission ended in January 2020.": [],
    "Officials met on May 3 and again on Oct. 7 to discuss the plan.": [],
    "US officials suggested a two- to five-year timeline for the withdrawal.": [],
    "More troops were deployed three years later, within the first 24 hours.": [],
    "The program costs $500 million, or 12 percent of the budget.": [],
    "A 19-year-old soldier was the 250th casualty of the fifth day.": [],
    "The three working groups will meet with 62 people charged in the case.": [],
}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("claims")
    path = folder / "cases.txt"
    path.write_text("Claims test page\n\n" + "\n\n".join(CASES) + "\n", encoding="utf-8")
    c = ingest.build([path])
    return c, claims.extract(c)


@pytest.mark.parametrize("sentence", list(CASES))
def test_claims_in_sentence(extracted, sentence):
    c, found = extracted
    rows = found[found["sentence_text"] == sentence]
    got = [
        (r.category, int(r.value), r.qualifier, r.location if isinstance(r.location, str) else None)
        for r in rows.itertuples()
    ]
    if sentence.startswith("Dozens"):
        assert rows["vague"].all()
    assert got == CASES[sentence]


def test_offsets_point_at_the_phrase(extracted):
    c, found = extracted
    text = c.texts.iloc[0]["text"]
    for r in found.itertuples():
        assert text[r.start : r.end] == r.text
        assert r.text in r.sentence_text


def test_according_to_is_the_attribution(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Title\n\nAccording to CENTCOM, US forces struck 85 targets in Syria.\n", encoding="utf-8"
    )
    found = claims.extract(ingest.build([path]))
    assert found.iloc[0]["attributed_to"] == "CENTCOM"


def test_consistency_flags_disagreement_beyond_qualifiers():
    import pandas as pd

    rows = pd.DataFrame(
        [
            {"outlet_label": "A", "category": "troops", "location": "Iraq", "value": 2500.0, "qualifier": "exact"},
            {"outlet_label": "B", "category": "troops", "location": "Iraq", "value": 2600.0, "qualifier": "approx"},
            {"outlet_label": "A", "category": "troops", "location": "Syria", "value": 900.0, "qualifier": "exact"},
            {"outlet_label": "B", "category": "troops", "location": "Syria", "value": 2000.0, "qualifier": "exact"},
            {"outlet_label": "A", "category": "attacks", "location": "Iraq", "value": 60.0, "qualifier": "more_than"},
            {"outlet_label": "B", "category": "attacks", "location": "Iraq", "value": 100.0, "qualifier": "exact"},
        ]
    )  # fmt: skip
    table = claims.consistency(rows).set_index(["category", "location"])
    assert not table.loc[("troops", "Iraq"), "disagree"]  # 2,500 lies within about 2,600 (±10%)
    assert table.loc[("troops", "Syria"), "disagree"]
    assert not table.loc[("attacks", "Iraq"), "disagree"]  # "over 60" allows 100
    assert table.loc[("troops", "Iraq"), "reports"] == "A: 2,500; B: ~2,600"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Thirty-three dead bodies were brought to the hospital.", [("killed", 33)]),
        ("The attack killed six Saudis and wounded 27 more.", [("killed", 6), ("injured", 27)]),
        ("Police said the standoff left four hostages dead.", [("killed", 4)]),
        ("The three people who were killed have been identified.", [("killed", 3)]),
        ("No one was wounded in the attack on the bases.", []),
    ],
)
def test_casualty_phrasings(tmp_path, sentence, expected):
    path = tmp_path / "c.txt"
    path.write_text(f"Title\n\n{sentence}\n", encoding="utf-8")
    found = claims.extract(ingest.build([path]))
    assert [(r.category, int(r.value)) for r in found.itertuples()] == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Between 10 and 20 soldiers were wounded in the attack.", [("injured", 10, 20)]),
        ("The Pentagon sent 3,000 to 5,000 troops to the region.", [("troops", 3000, 5000)]),
        ("Officials suggested a two- to five-year timeline.", []),
    ],
)
def test_ranges(tmp_path, sentence, expected):
    path = tmp_path / "r.txt"
    path.write_text(f"Title\n\n{sentence}\n", encoding="utf-8")
    found = claims.extract(ingest.build([path]))
    assert [(r.category, int(r.value), int(r.value_max)) for r in found.itertuples()] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "An attack that killed 54 protesters July 8 was condemned.",
        "The April 15 attack killed three people.",
        "On 8 July the army sent 300 troops.",
    ],
)
def test_day_of_month_is_not_a_count(tmp_path, sentence):
    path = tmp_path / "d.txt"
    path.write_text(f"Title\n\n{sentence}\n", encoding="utf-8")
    found = claims.extract(ingest.build([path]))
    assert not any(v in {8.0, 15.0} for v in found["value"])
    assert len(found) == 1


def _report(outlet, value, qualifier="exact", **kw):
    row = {"outlet_label": outlet, "category": "injured", "location": "Iraq", "subject": "US",
           "time_anchor": None, "kind": None, "value": float(value), "qualifier": qualifier,
           "vague": False}  # fmt: skip
    return {**row, **kw}


def test_consistency_compares_like_with_like():
    import pandas as pd

    rows = pd.DataFrame(
        [
            _report("A", 1, kind="serious"),
            _report("B", 70, "more_than", kind="minor"),
            _report("A", 2500, category="troops", location="Iraq"),
            _report("B", 900, category="troops", location="Syria"),
            _report("A", 40, vague=True),  # "scores"
            _report("B", 60),
        ]
    )
    table = claims.consistency(rows)
    assert not table["disagree"].any()  # kinds, places apart; "scores" allows 60
    assert len(table) == 5
    clash = claims.consistency(pd.DataFrame([_report("A", 2500), _report("B", 900)]))
    assert clash["disagree"].item()
    assert clash["why"].item() == "A reports 2,500 and B 900: no one number fits both"


def test_panels_name_the_place_and_keep_the_largest():
    import pandas as pd

    rows = pd.DataFrame(
        [_report("A", 1, location="Iraq")] * 3
        + [_report("A", 2, location=None, time_anchor="since May")] * 2
        + [_report("A", 3, location="Syria", kind="minor")]
    )
    got = claims.panels(rows, n=2)
    assert list(dict.fromkeys(got["panel"])) == [
        "injured · Iraq",
        "injured · (no place named) · since May",
    ]
    assert claims.left_out(rows, got) == " 1 claim(s) of smaller groups not drawn (in the table)."
    assert claims.panels(rows)["panel"].iloc[-1] == "injured (minor) · Syria"
