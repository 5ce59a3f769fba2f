"""The ingest progress bar counts articles (read, then analysed or already up to date), not files:
a one-file export of many articles is not "100%" after reading it."""

from __future__ import annotations

from analysis import ingest


def test_bar_counts_articles_and_shows_files_beside_them():
    bar = ingest._Progress(files=1)
    for _ in range(300):  # one export of 300 articles
        bar.article_read()
    bar.file_done()
    assert (bar.bar.n, bar.bar.total) == (0, 300)  # every file read, no article analysed yet
    assert "files read 1/1" in str(bar.bar)
    bar.analysed(100)
    assert bar.bar.n == 100
    bar.analysed(500)  # a rerun batch may count an article no longer read: never past the total
    assert bar.bar.n == 300
    bar.close()


def test_a_rerun_counts_the_articles_already_up_to_date(tmp_path, sample_raw, monkeypatch):
    seen: list[tuple[int, int]] = []
    close = ingest._Progress.close

    def record(self: ingest._Progress) -> None:
        seen.append((self.bar.n, self.bar.total))
        close(self)

    monkeypatch.setattr(ingest._Progress, "close", record)
    ingest.run(sample_raw, tmp_path, progress=True)
    ingest.run(sample_raw, tmp_path, progress=True)  # nothing to do: all five already current
    assert seen == [(5, 5), (5, 5)]
