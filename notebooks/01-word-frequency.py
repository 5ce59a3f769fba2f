# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
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
# # What each outlet talks about, and the words it chooses
#
# Which words each outlet uses most, which words set it apart from the other outlets, how it names
# the same actors (the armed groups, the US troops, Israel, the dead), and whom it mentions. Counts
# come from the parsed tokens; every number can be traced back to an article and a character offset
# (see the keyword-in-context table at the end).

# %% tags=["parameters"]
raw_dir = None  # folder of article files (None: data/raw)
processed_dir = None  # cached tables (None: data/processed)
figures_dir = None  # where figures go (None: figures/)
unit = "lemma"  # "lemma" (forces -> force) or "word" (as written)
voice = "own"  # words counted for distinctive terms: "own" (outside quotes), "quoted" or "all"
top_k = 10  # terms per outlet in the top-terms chart
min_count = 3  # distinctive terms: a term must be used at least this often in the whole corpus
max_outlets = 9  # outlets shown in the small multiples (the ones with the most words)
kwic_term = "occupation forces"  # the term shown in context at the end

# %%
import pandas as pd
from IPython.display import Markdown, display

from analysis import (
    corpus,
    distinctive,
    entities,
    frequency,
    kwic,
    markup,
    naming,
    plots,
    wordcharts,
)

pd.set_option("display.max_colwidth", 80)
c = corpus.load(processed_dir)
outlets = plots.top_outlets(c.articles, max_outlets)
palette = plots.outlet_colors(outlets)
words = frequency.word_counts(c.tokens, c.articles)
source = plots.source_note(c.articles, what=f"{int(words['words'].sum()):,} words.")
words.sort_values("words", ascending=False)

# %% [markdown]
# ## Which words does each outlet use most?
#
# Lemmas, stop words (spaCy's list plus `data/lexicons/stopwords_news.txt`), numbers and punctuation
# left out; bars are uses per 1,000 words of the outlet, so long and short articles compare.

# %%
counts = frequency.term_counts(c.tokens, c.articles, unit=unit, n=(1, 2, 3))
top = frequency.top_terms(counts[counts["n"] == 1], k=top_k)
top = top[top["outlet_label"].isin(outlets)]
fig = wordcharts.bars_by_outlet(
    top,
    title=f"The {top_k} most used words of each outlet, per 1,000 words",
    source=source,
    palette=palette,
)
plots.save_figure(fig, "top-terms-by-outlet", data=top, notebook="01", figures_dir=figures_dir)

# %% [markdown]
# Two- and three-word phrases say more than single words ("occupation forces", "Iran-backed
# militias"):

# %%
phrases = frequency.top_terms(counts[counts["n"] > 1], k=5)
phrases[phrases["outlet_label"].isin(outlets)][["outlet_label", "term", "count", "rate_per_1000"]]

# %% [markdown]
# ## Which words set each outlet apart?
#
# The weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)
# compares each outlet's words with those of all the other outlets, shrinking rare words towards
# the corpus rate. A high z-score means the outlet uses the word more than the others do; the dotted
# line is z = 1.96. Only the outlet's own words count here (quotations of other people are left
# out, see `voice`).

# %%
own = frequency.term_counts(c.tokens, c.articles, unit=unit, n=(1, 2), voice=voice)
scores = distinctive.log_odds(own, min_count=min_count)
shown = scores[scores["outlet_label"].isin(outlets)]
fig = wordcharts.log_odds_chart(
    shown,
    title="Words each outlet uses more than the others (z-score of the log-odds ratio)",
    source=source,
    palette=palette,
)
plots.save_figure(
    fig, "distinctive-terms-by-outlet", data=shown, notebook="01", figures_dir=figures_dir
)

# %%
display(Markdown(markup.bullets(distinctive.describe(shown, k=6))))

# %% [markdown]
# ## How does each outlet name the same actors?
#
# The framing lexicon `data/lexicons/framing.csv` lists the ways of naming each actor or event
# (edit it to add one). Each cell is the number of times the outlet uses that name, coloured by
# its share of the outlet's names for the concept. A name in curly quotes is the outlet writing it
# in scare quotes ("Israel").

# %%
found = naming.matches(c)
names = naming.usage(found)
names_shown = names[names["outlet_label"].isin(outlets)]
fig = wordcharts.share_heatmap(
    names_shown,
    row="form",
    group="concept",
    title="How each outlet names the actors of the story (uses; colour: share within the concept)",
    colorbar_label="share of the outlet's names for the concept",
    source=source,
)
plots.save_figure(fig, "naming-by-outlet", data=names_shown, notebook="01", figures_dir=figures_dir)

# %%
display(Markdown(markup.bullets(naming.describe(names_shown))))

# %% [markdown]
# ## Whom and what does each outlet mention?
#
# Named entities found by spaCy (people, organizations, places, nationalities), with simple alias
# merging: "al-Sudani", "Sudani" and "Mohamed Shia al-Sudani" are one person; "US", "U.S." and
# "the United States" one place (`data/lexicons/entity_aliases.csv`).

# %%
mentions = entities.mentions(c)
people_places = entities.by_outlet(
    mentions[mentions["kind"].isin(["person", "organization", "place"])]
)
leaders = people_places.groupby("entity")["count"].sum().nlargest(20).index
table = people_places[
    people_places["entity"].isin(leaders) & people_places["outlet_label"].isin(outlets)
]
fig = wordcharts.share_heatmap(
    table,
    row="entity",
    group="kind",
    title="Who and what each outlet mentions: the 20 most mentioned entities",
    colorbar_label="share of the outlet's mentions of that kind",
    source=source,
)
plots.save_figure(fig, "entities-by-outlet", data=table, notebook="01", figures_dir=figures_dir)

# %% [markdown]
# ## Where exactly does a word appear?
#
# Every occurrence of `kwic_term` with its context, article and character offsets (so any count
# above can be checked against the source text).

# %%
kwic.kwic(c, kwic_term)

# %% [markdown]
# ## Findings
#
# The bullet lists above are computed from the data, whatever the corpus. On the sample corpus
# (5 articles), Al Mayadeen English writes "Israel" only in scare quotes, calls the Iran-aligned
# groups "the Resistance", calls US troops in Syria "occupation forces" and once describes the dead
# as "martyrdom"; the other outlets write "Iran-backed militias" (The New American), "groups allied
# with Iran" and "armed groups affiliated with Iran" (the two unlabelled articles). The Islamic State
# is "ISIL" in one unlabelled article, "Islamic State" in the other, "ISIS" in The New American and a
# mix of "IS", "ISIS" and "Daesh" in Al Mayadeen English. The New American's most distinctive word
# is "U.S." (with dots): a house style, not a framing.
#
# ## Caveats
#
# - **Five articles is a tiny sample.** On the sample, Al Mayadeen English has two articles, every
#   other label one (two of them of unknown origin). Every count is then a count of one or two
#   articles: a word repeated in one article looks like an outlet's habit, and nothing can be said
#   about an outlet's usual vocabulary. Read the `articles` column before reading a rate.
# - The log-odds z-scores assume words are independent draws; on a tiny corpus they are small for
#   every word (|z| < 2 is the rule) and only the ranking is worth reading. Over many words some pass
#   1.96 by chance.
# - Lemmas and entities come from spaCy's small English model: it tags some sentence-initial words
#   as proper nouns, misses or mislabels entities ("Kataib Hezbollah" as a person), and a bare
#   surname is merged into the only full name with that surname in the corpus, which is wrong when
#   it means someone else.
# - Quotation marks decide what is "quoted": a one-word quotation ("restraint") counts as quoted
#   speech, and so does a scare-quoted word in the word counts: with `voice = "own"`, Al Mayadeen's
#   "Israel" is not among its own words. The naming table counts scare quotes apart, but only when
#   they wrap the name itself.
# - The framing lexicon is hand-made for this story; a name it does not list is not counted.
