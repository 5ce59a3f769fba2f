# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # What is in the corpus?
#
# Before comparing outlets, check what the comparison stands on: how many articles each outlet
# contributes, when they were published, how long they are, where each piece of metadata came
# from, and what the cleaning removed from each page. This notebook is also the hub of the suite:
#
# | notebook | question |
# | --- | --- |
# | [01-word-frequency](01-word-frequency.ipynb) | What does each outlet talk about, and which words does it choose? |
# | [02-sentiment-by-outlet](02-sentiment-by-outlet.ipynb) | How positive or negative is each outlet's own voice, and the voices it quotes? |
# | [03-quote-attribution](03-quote-attribution.ipynb) | Whose voices does each outlet carry, directly or paraphrased? |
# | [04-troops-and-attacks](04-troops-and-attacks.ipynb) | Which troop numbers and attack counts does each outlet report? |

# %% tags=["parameters"]
raw_dir = None  # folder of article files (None: data/raw)
processed_dir = None  # cached tables (None: data/processed)
figures_dir = None  # where figures go (None: figures/)
max_outlets = 12  # outlets shown by name; the rest are grouped as "Other outlets"
max_articles = 15  # articles shown in the length and cleaning charts (the longest)
story = None  # story folder in data/stories/ (None: PRESSLENS_STORY, else "auto")

# %%
import pandas as pd
from IPython.display import Markdown, display

from analysis import corpus, entities, findings, overview, plots, prose, tables
from analysis import story as stories
from analysis.config import STORY_LISTS

pd.set_option("display.max_colwidth", 70)
c = corpus.load(processed_dir)
shown = plots.top_outlets(c.articles, n=max_outlets)
palette = plots.outlet_colors(shown)
articles = plots.group_outlets(c.articles, shown)
display(Markdown(overview.summary(c.articles, c.files)))
display(
    Markdown(stories.lists_sentence(stories.choose(entities.mentions(c), story), list(STORY_LISTS)))
)

# %% [markdown]
# ## How many articles does each outlet contribute?
#
# An outlet that the text does not name is labelled by its file, never pooled with other unknown
# articles into one fake outlet; `data/raw/sources.csv` can name it.

# %%
per_outlet = overview.articles_per_outlet(articles)
fig = plots.bar_by_outlet(
    per_outlet,
    value="articles",
    title=findings.articles_per_outlet(per_outlet),
    xlabel="articles",
    note_text=plots.source_note(c.articles),
    palette=palette,
)
plots.save_figure(
    fig, "articles-per-outlet", data=per_outlet, notebook="00", figures_dir=figures_dir
)

# %%
tables.show(per_outlet)

# %% [markdown]
# ## When were they published?
#
# Undated articles are shown in a column of their own (when there are any), not dropped.

# %%
dates = overview.dated(articles)
if dates["is_dated"].any():
    fig = plots.dates_by_outlet(
        dates,
        title="When each outlet published",
        note_text=plots.source_note(c.articles, what=prose.count_note(int((~dates["is_dated"]).sum()), "undated")),
        palette=palette,
    )
    display(plots.save_figure(fig, "timeline", data=dates, notebook="00", figures_dir=figures_dir))
else:
    display(Markdown(prose.nothing("no article has a known publication date")))

# %% [markdown]
# ## How long are the articles?
#
# Words in the standfirst, subheadings and body (captions and page furniture excluded).

# %%
sizes = overview.lengths(articles).head(max_articles)
which = f" (longest {len(sizes)} of {len(articles):,})" if len(sizes) < len(articles) else ""
fig = plots.bars(
    sizes,
    label="article",
    value="n_words",
    title=f"How long the articles are, in words{which}",
    xlabel="words",
    legend=True,
    note_text=plots.source_note(c.articles),
    palette=palette,
)
plots.save_figure(fig, "article-lengths", data=sizes, notebook="00", figures_dir=figures_dir)

# %% [markdown]
# ## Where did each field come from?
#
# `profile`: recognized from the outlet's page furniture; `text`: read from the page (byline, date,
# tags); `html`/`export`: from the saved page's or export's metadata; `manifest`: from
# `data/raw/sources.csv`; `missing`: nowhere.

# %%
tables.show(overview.source_counts(c.articles))

# %%
tables.show(
    overview.provenance(c.articles), name="provenance", notebook="00", figures_dir=figures_dir
)

# %% [markdown]
# ## What did the cleaning remove from each page?
#
# Characters kept (by paragraph kind) and removed (by rule) per article. The `removed` table below
# lists every removed stretch with its offsets in the raw file and the rule that removed it.

# %%
audit = overview.cleaning_audit(c.articles, c.paragraphs, c.removed)
audit = audit.merge(sizes[["article_id", "article"]], on="article_id", how="left")
fig = plots.stacked_bars(
    audit[audit["article"].notna()],
    category="article",
    part="part",
    value="chars",
    title="What the cleaning kept and removed from each page",
    xlabel="characters of the raw file",
    note_text=plots.source_note(c.articles, what=f"The longest {len(sizes)} articles."),
)
plots.save_figure(fig, "cleaning-audit", data=audit, notebook="00", figures_dir=figures_dir)

# %%
tables.show(overview.removed_by_rule(c.removed))

# %%
tables.show(c.removed[["file", "start", "end", "reason", "text"]], name="removed", notebook="00",
            figures_dir=figures_dir)  # fmt: skip

# %% [markdown]
# ## Caveats

# %%
display(Markdown(prose.bullets(overview.caveats(c.articles))))

# %% [markdown]
# The cleaning rules are heuristics. Check the audit above for a new outlet's pages: a long
# "removed" bar or a short "kept" bar is the sign to look at `presslens show FILE`.
