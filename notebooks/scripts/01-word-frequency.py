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
# # What each outlet talks about, and the words it chooses
#
# Which words each outlet uses most, which words set it apart from the other outlets, how it names
# the same actors, and whom it mentions. Counts
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
honorifics = False  # count titles such as "Mr." and "Dr." as words
self_mentions = False  # count an outlet's own name in its own articles ("Fox News" in Fox News)
max_outlets = 9  # outlets shown in the small multiples (the ones with the most words)
max_entities = 20  # entities in the who-is-mentioned chart
kwic_term = None  # the term shown in context at the end (None: the corpus's most distinctive term)
story = None  # story folder in data/stories/ (None: PRESSLENS_STORY, else "auto")

# %%
import pandas as pd
from IPython.display import Markdown, display

from analysis import (
    corpus,
    distinctive,
    entities,
    findings,
    frequency,
    kwic,
    naming,
    plots,
    prose,
    tables,
    wordcharts,
)
from analysis import story as stories

pd.set_option("display.max_colwidth", 80)
c = corpus.load(processed_dir)
outlets = plots.top_outlets(c.articles, max_outlets)
palette = plots.outlet_colors(outlets)
words = frequency.word_counts(c.tokens, c.articles)
source = plots.source_note(c.articles, what=f"{int(words['words'].sum()):,} words.")
mentions = entities.mentions(c)
choice = stories.choose(mentions, story)
tables.show(words.sort_values("words", ascending=False), name="words", notebook="01",
            figures_dir=figures_dir)  # fmt: skip

# %% [markdown]
# ## Which words does each outlet use most?
#
# Lemmas, stop words (spaCy's list plus `data/lexicons/stopwords_news.txt`), titles such as "Mr."
# (`honorifics`), each outlet's own name in its own articles (`self_mentions`), numbers and
# punctuation left out; bars are uses per 1,000 words of the outlet, so long and short articles
# compare.

# %%
options = {"unit": unit, "honorifics": honorifics, "self_mentions": self_mentions}
counts = frequency.term_counts(c.tokens, c.articles, n=(1, 2, 3), **options)
top = frequency.top_terms(counts[counts["n"] == 1], k=top_k)
top = top[top["outlet_label"].isin(outlets)]
if top.empty:
    display(Markdown(prose.nothing("no word outside the stop words was counted")))
else:
    fig = wordcharts.bars_by_outlet(
        top,
        title=f"The {top_k} most used words of each outlet, per 1,000 words",
        source=source,
        palette=palette,
    )
    display(plots.save_figure(fig, "top-terms-by-outlet", data=top, notebook="01", figures_dir=figures_dir))

# %% [markdown]
# Two- and three-word phrases often say more than single words:

# %%
phrases = frequency.top_terms(counts[counts["n"] > 1], k=5)
tables.show(phrases[phrases["outlet_label"].isin(outlets)][["outlet_label", "term", "count", "rate_per_1000"]],
            name="phrases", notebook="01", figures_dir=figures_dir)  # fmt: skip

# %% [markdown]
# ## Which words set each outlet apart?
#
# The weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)
# compares each outlet's words with those of all the other outlets, shrinking rare words towards
# the corpus rate. A high z-score means the outlet uses the word more than the others do; the dotted
# line is z = 1.96. Only the outlet's own words count here (quotations of other people are left
# out, see `voice`).

# %%
own = frequency.term_counts(c.tokens, c.articles, n=(1, 2), voice=voice, **options)
compared = own["outlet_label"].nunique() > 1
scores = distinctive.log_odds(own, min_count=min_count) if compared else own.iloc[:0].assign(z=[])
shown = scores[scores["outlet_label"].isin(outlets)]
if shown.empty:
    why = f"terms used at least {min_count} times" if compared else "a second outlet"
    display(Markdown(prose.nothing(f"the log-odds comparison needs {why}")))
else:
    fig = wordcharts.log_odds_chart(
        shown,
        title="Words each outlet uses more than the others (z-score of the log-odds ratio)",
        source=source,
        palette=palette,
    )
    display(plots.save_figure(
        fig, "distinctive-terms-by-outlet", data=shown, notebook="01", figures_dir=figures_dir
    ))  # fmt: skip
    display(Markdown(prose.bullets(distinctive.describe(shown, k=6))))

# %% [markdown]
# ## How does each outlet name the same actors?
#
# With a story, its framing list (`framing.csv` in `data/stories/NAME/`) gives the ways of naming
# each actor or event; without one, the names are the corpus's own: the variant names written for
# each of its most-mentioned people, organizations and places. Each cell is the number of times the
# outlet uses that name, coloured by its share of the outlet's names for the concept. A name in
# curly quotes is the outlet writing it in scare quotes.

# %%
display(Markdown(stories.lists_sentence(choice, ["framing.csv"])))
found = naming.matches(c, stories.framing_for(choice, mentions))
names = naming.usage(found)
names_shown = names[names["outlet_label"].isin(outlets)]
if names_shown.empty:
    display(Markdown(prose.nothing("no actor is named in more than one way in these articles")))
else:
    fig = wordcharts.share_heatmap(
        names_shown,
        row="form",
        group="concept",
        title="How each outlet names the actors (uses; colour: share within the concept)",
        colorbar_label="share of the outlet's names for the concept",
        source=source,
    )
    display(plots.save_figure(fig, "naming-by-outlet", data=names_shown, notebook="01", figures_dir=figures_dir))
    display(Markdown(prose.bullets(naming.describe(names_shown))))

# %% [markdown]
# ## Whom and what does each outlet mention?
#
# Named entities found by spaCy (people, organizations, places), merged: spellings that differ
# only in case are one name, "US", "U.S." and "the United States" one place
# (`data/lexicons/entity_aliases.csv`), a bare surname joins the one full name it belongs to, and
# each name's kind is its majority kind across the corpus.

# %%
people_places = entities.by_outlet(
    mentions[mentions["kind"].isin(["person", "organization", "place"])]
)
leaders = people_places.groupby("entity")["count"].sum().nlargest(max_entities).index
table = people_places[
    people_places["entity"].isin(leaders) & people_places["outlet_label"].isin(outlets)
]
if table.empty:
    display(Markdown(prose.nothing("the recognizer found no person, organization or place")))
else:
    fig = wordcharts.share_heatmap(
        table,
        row="entity",
        group="kind",
        title=findings.leader(
            table, item="entity", value="count", template="{name} is the most mentioned {where}",
            fallback=f"Who and what each outlet mentions: the {len(leaders)} most mentioned entities",
        ),
        colorbar_label="share of the outlet's mentions of that kind",
        source=source,
    )
    display(plots.save_figure(fig, "entities-by-outlet", data=table, notebook="01", figures_dir=figures_dir))

# %% [markdown]
# ## Where exactly does a word appear?
#
# Every occurrence of `kwic_term` (by default the corpus's most distinctive term) with its
# context, article and character offsets, so any count above can be checked against the source.

# %%
term = kwic_term or distinctive.top_term(shown, fallback=top)
if term:
    display(Markdown(f"Occurrences of **{term}**:"))
    display(tables.show(kwic.kwic(c, term), name="kwic", notebook="01", figures_dir=figures_dir))
else:
    display(Markdown(prose.nothing("no term to show in context")))

# %% [markdown]
# ## Caveats

# %%
display(Markdown(prose.bullets([prose.size_caveat(c.articles), stories.lists_sentence(choice, ["framing.csv"])])))

# %% [markdown]
# - The log-odds z-scores assume words are independent draws; on a small corpus they are small for
#   every word and only the ranking is worth reading. Over many words some pass 1.96 by chance.
# - Lemmas and entities come from spaCy's small English model: it tags some sentence-initial words
#   as proper nouns and misses or mislabels entities, and a bare surname is merged into the only
#   (or the dominant) full name with that surname in the corpus, which is wrong when it means
#   someone else.
# - Quotation marks decide what is "quoted": a one-word quotation counts as quoted speech, and so
#   does a scare-quoted word in the word counts. The naming table counts scare quotes apart, but
#   only when they wrap the name itself.
# - A name that the naming list does not hold is not counted: with a story, edit its
#   `framing.csv`; without one, the list holds the variants written at least twice.
