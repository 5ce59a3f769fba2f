"""Outlet labels: unknown outlets named by their file without its hash, recognized by is_unknown."""

from __future__ import annotations

import pytest

from analysis import outlets


@pytest.mark.parametrize(
    ("file", "short"),
    [
        ("002_85466fba3cc1c82f.txt", "002"),
        ("raw/sub/004_6ed6ba85c6cd73f2.txt", "004"),
        ("guardian-2024-01-25.txt", "guardian-2024-01-25"),  # a date is not a hash
        ("report_20240125.md", "report_20240125"),
        ("article_85466fba3cc1c82f.txt", "article_8546"),  # nothing else tells files apart
        ("85466fba3cc1c82f.html", "85466fba"),
        ("iraq talks deadbeef.txt", "iraq talks deadbeef"),  # letters only: a word
        ("page_3_a1b2c3d4e5.html", "page_3"),
        ("export.jsonl", "export"),
    ],
)
def test_short_name(file, short):
    assert outlets.short_name(file) == short


def test_label_of_an_unknown_outlet_and_of_a_record():
    assert outlets.label(None, "raw/002_85466fba3cc1c82f.txt", None) == "Unknown: 002"
    assert outlets.label("", "export_9f8e7d6c5b4a.jsonl", 3) == "Unknown: export_9f8e #3"
    assert outlets.label("Reuters", "002_x.txt", None) == "Reuters"


@pytest.mark.parametrize("file", ["002_85466fba3cc1c82f.txt", "x.txt", "85466fba3cc1c82f.html"])
def test_is_unknown_reads_what_label_writes(file):
    made = outlets.label(None, file, None)
    assert made.startswith(outlets.UNKNOWN_LABEL_START) and outlets.is_unknown(made)
    assert not outlets.is_unknown("Unknown Worlds Magazine")


def test_samples_get_distinct_labels():
    files = ["000_788efbf25b089b4e.txt", "002_85466fba3cc1c82f.txt", "003_061041191efdf3ad.txt"]
    labels = [outlets.label(None, f, None) for f in files]
    assert labels == ["Unknown: 000", "Unknown: 002", "Unknown: 003"]


def test_thresholds():
    assert (outlets.MIN_HASH_LENGTH, outlets.KEPT_HASH_LENGTH) == (8, 4)
    assert outlets.UNKNOWN_LABEL_START == "Unknown: "
