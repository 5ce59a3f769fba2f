"""Escaping text from articles: Markdown findings, the exported report, spreadsheet cells."""

from __future__ import annotations

from html.parser import HTMLParser

import mistune
import nbformat
import pandas as pd

from analysis import markup, plots, runner

#: Names a hostile or careless export could carry in its ``source`` or ``title`` field.
INJECTIONS = (
    "<details open ontoggle=alert(1)>Evil News",
    "<script>alert('x')</script>Daily",
    "<iframe src=javascript:alert(1)></iframe>Post",
    "![pix](https://evil.example/x.png) Times",
    "[click](javascript:alert(1)) Herald",
    "<img src=x onerror=alert(1)> Gazette",
)


class _Live(HTMLParser):
    """Collects everything in a page that could run or load something."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "details", "img", "a", "link"):
            self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}")
            if name in ("href", "src") and value and not value.startswith("data:image/png"):
                self.urls.append(value)


def _text(html: str) -> str:
    parts: list[str] = []
    parser = HTMLParser()
    parser.handle_data = parts.append
    parser.feed(html)
    return "".join(parts).strip()


def _live(html: str) -> _Live:
    parser = _Live()
    parser.feed(html)
    return parser


def test_markdown_text_renders_as_the_text_itself():
    for name in INJECTIONS:
        rendered = mistune.html(markup.markdown_text(name))
        found = _live(rendered)
        assert found.tags == [] and found.handlers == [] and found.urls == [], name
        assert _text(rendered) == " ".join(name.split()), name  # the reader sees the name
    assert markup.markdown_text("A *b* _c_ `d`") == r"A \*b\* \_c\_ \`d\`"
    assert markup.markdown_text("Tom & Jerry\n# heading") == r"Tom &amp; Jerry \# heading"


def test_bullets_escape_each_line():
    assert markup.bullets(["<b>x</b>", "y"]) == "- &lt;b&gt;x&lt;/b&gt;\n- y"


def test_spreadsheet_cells_that_start_a_formula_are_quoted():
    frame = pd.DataFrame(
        {"name": ["=HYPERLINK(1)", "+1", "-x", "@SUM(A1)", "\tx", "plain", None], "n": range(7)}
    )
    frame["score"] = [-1.5, 2, 3, 4, 5, 6, 7]
    safe = markup.spreadsheet_safe(frame)
    assert safe["name"].tolist()[:6] == [
        "'=HYPERLINK(1)",
        "'+1",
        "'-x",
        "'@SUM(A1)",
        "'\tx",
        "plain",
    ]
    assert pd.isna(safe["name"].iloc[6])
    assert safe["score"].tolist()[0] == -1.5  # numbers are not text: untouched
    assert frame["name"].iloc[0] == "=HYPERLINK(1)"  # the input is not modified


def test_figure_csv_neutralizes_formulas(tmp_path):
    import matplotlib.pyplot as plt

    fig, _ = plt.subplots()
    plots.save_figure(
        fig, "x", data=pd.DataFrame({"outlet": ["=cmd|' /C calc'!A0"], "v": [-1.0]}),
        notebook="99", figures_dir=tmp_path,
    )  # fmt: skip
    text = (tmp_path / "99-x.csv").read_text()
    assert "\n'=cmd" in text and ",-1" in text


def _notebook(path, *cells: str) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "language": "python",
        "display_name": "Python 3",
    }
    params = nbformat.v4.new_code_cell("raw_dir = None\nprocessed_dir = None\nfigures_dir = None")
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, *(nbformat.v4.new_code_cell(src) for src in cells)]
    nbformat.write(nb, path)


def test_executed_report_has_no_live_tag_handler_or_cdn(tmp_path):
    nbdir = tmp_path / "nbs"
    nbdir.mkdir()
    names = repr(list(INJECTIONS))
    _notebook(
        nbdir / "00-evil.ipynb",
        "from IPython.display import HTML, Markdown, display\n"
        "from analysis import markup\n"
        f"names = {names}\n"
        "display(Markdown(markup.bullets(names)))\n"  # the escaped way
        "display(Markdown('\\n\\n'.join(names)))\n"  # a notebook that forgot to escape
        "display(HTML(''.join(names)))\n"
        "print(names)",
    )
    runner.run_notebooks(
        raw_dir=tmp_path / "raw", processed_dir=tmp_path / "proc", figures_dir=tmp_path / "fig",
        reports_dir=tmp_path / "reports", notebooks_dir=nbdir,
    )  # fmt: skip
    html = (tmp_path / "reports" / "report.html").read_text()
    found = _live(html)
    assert found.handlers == []
    assert not any(t in found.tags for t in ("script", "iframe", "object", "embed", "link"))
    assert not any(u.lower().lstrip().startswith("javascript") for u in found.urls)
    assert "cdnjs" not in html and "mathjax" not in html.lower() and "require.js" not in html
    assert "Evil News" in html and "Gazette" in html  # the text itself is still shown
    assert "&lt;details open ontoggle=alert(1)&gt;Evil News" in html  # escaped, as text
    # the report's own markup renders as markup (a sanitizer that escapes it showed "<h1 ...>")
    assert "<h1" in html and "&lt;h1" not in html and "&lt;thead" not in html


def test_sanitize_html_drops_what_runs_and_keeps_styles_and_images():
    page = (
        "<html><head><style>p{color:red}</style><script src=https://cdn/x.js></script></head>"
        "<body><p onclick=go()>hi</p><a href='JaVaScRiPt:alert(1)'>l</a>"
        "<img src='data:image/png;base64,AAAA'><a href='data:text/html,x'>d</a>"
        "<iframe src=x></iframe><a href='https://ok.example/'>ok</a></body></html>"
    )
    clean = markup.sanitize_html(page)
    found = _live(clean)
    assert found.handlers == [] and "script" not in found.tags and "iframe" not in found.tags
    assert found.urls == ["https://ok.example/"]
    assert "p{color:red}" in clean and "data:image/png;base64,AAAA" in clean and ">hi<" in clean
