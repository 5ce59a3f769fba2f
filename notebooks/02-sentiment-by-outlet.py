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
# # How positive or negative is each outlet, in its own voice and in the voices it quotes?
#
# A bare average of TextBlob polarity per outlet mixes the outlet's own words with the people it
# quotes and hides how few articles stand behind it. Here every sentence is scored as a whole, in
# the outlet's own words, and in the quoted words; outlets are compared over their articles with
# N shown everywhere and a 95% bootstrap interval only where at least three articles stand behind
# the mean; and the words that drove each score are listed so a reader can check them. TextBlob is
# the default; VADER gives a second opinion.

# %% tags=["parameters"]
raw_dir = None  # folder of article files (None: data/raw)
processed_dir = None  # cached tables (None: data/processed)
figures_dir = None  # where figures go (None: figures/)
max_outlets = 12  # outlets shown by name; the rest are grouped as "Other outlets"
extremes_per_outlet = 2  # most positive and most negative sentences listed per outlet
seed = 0  # bootstrap seed
target_score = (
    "polarity"  # "polarity" (TextBlob, sentence) or "window_vader" (VADER, words near the mention)
)
story = None  # story folder in data/stories/ (None: PRESSLENS_STORY, else "auto")

# %%
import pandas as pd
from IPython.display import Markdown, display

from analysis import corpus, entities, plots, prose, sentiment, tables
from analysis import story as stories

pd.set_option("display.max_colwidth", 120)
c = corpus.load(processed_dir)
shown = plots.top_outlets(c.articles, n=max_outlets)
palette = plots.outlet_colors(shown)
articles = plots.group_outlets(c.articles, shown)
scored = plots.group_outlets(c.table("sentence_sentiment"), shown)  # scored at ingest
per_article = sentiment.score_articles(scored, articles)
note = plots.source_note(
    c.articles, what=f"{len(scored):,} sentences scored with TextBlob and VADER."
)

# %% [markdown]
# ## How positive is each outlet's own voice?
#
# Each dot is one article (its sentences weighted by length, quoted words left out). For outlets
# with at least three articles, the black tick is the mean and the line its 95% bootstrap interval
# over articles; outlets with fewer articles show their articles only.

# %%
summary = pd.concat(
    [
        sentiment.by_outlet(per_article, value=v, seed=seed)
        for v in ("own_polarity", "own_subjectivity")
    ]
)
fig = plots.dot_interval(
    per_article,
    summary,
    values=[
        ("own_polarity", "polarity, own voice (TextBlob, -1 to 1)"),
        ("own_subjectivity", "subjectivity, own voice (TextBlob, 0 to 1)"),
    ],  # fmt: skip
    title="Polarity and subjectivity of each outlet's own voice, article by article",
    note_text=note,
    palette=palette,
)
plots.save_figure(fig, "own-voice-by-outlet", data=summary, notebook="02", figures_dir=figures_dir)

# %%
tables.show(summary)

# %% [markdown]
# ## Does the outlet sound different from the people it quotes?
#
# Words inside quotation marks (longer than two words: shorter ones are names or scare quotes
# such as "Israel" or "aggression") are the quoted voices; the rest is the outlet's own.

# %%
voices = sentiment.voices_by_outlet(scored)
fig = plots.dumbbell(
    voices,
    group="voice",
    left="own",
    right="quoted",
    value="polarity",
    count="sentences",
    title="Own voice (hollow) against quoted voices (filled): mean sentence polarity",
    xlabel="mean sentence polarity (TextBlob, -1 to 1); N = sentences",
    note_text=note,
    palette=palette,
)
plots.save_figure(
    fig, "own-vs-quoted-by-outlet", data=voices, notebook="02", figures_dir=figures_dir
)

# %% [markdown]
# ## How does each outlet write about each actor?
#
# A sentence counts for a target when it names it by one of its aliases: with a story, those of its
# `targets.csv` (`data/stories/NAME/`); without one, the corpus's most-mentioned people,
# organizations and places, each by the names the corpus writes for it. The cell shows the mean
# polarity of those sentences and N, the number of sentences. Set `target_score = "window_vader"`
# to score only the words near each mention with VADER, which agrees better with human labels
# on NewsMTSC (see the caveats).

# %%
entity_mentions = entities.mentions(c)
choice = stories.choose(entity_mentions, story)
display(Markdown(stories.lists_sentence(choice, ["targets.csv"])))
mentions = sentiment.target_mentions(scored, stories.targets_for(choice, entity_mentions))
by_target = sentiment.targets_by_outlet(mentions)
if by_target.empty:
    display(Markdown(prose.nothing("no sentence names one of the targets")))
else:
    fig = plots.heatmap(
        by_target,
        row="target",
        col="outlet_label",
        value=target_score,
        count="sentences",
        title="Mean polarity of the sentences that mention each actor",
        colorbar={"polarity": "mean sentence polarity (TextBlob)"}.get(target_score, target_score),
        note_text=note,
    )
    display(
        plots.save_figure(
            fig, "targets-by-outlet", data=by_target, notebook="02", figures_dir=figures_dir
        )
    )

# %% [markdown]
# ## Do TextBlob and VADER agree?

# %%
agree = sentiment.agreement(scored)
fig = plots.scatter_by_outlet(
    scored,
    x="polarity",
    y="vader",
    title=f"TextBlob against VADER, sentence by sentence (Pearson r = {agree['pearson']:.2f})",
    xlabel="TextBlob polarity",
    ylabel="VADER compound",
    note_text=note,
    palette=palette,
)
plots.save_figure(
    fig, "textblob-vs-vader", data=scored[["article_id", "sentence", "outlet_label", "polarity", "vader"]],
    notebook="02", figures_dir=figures_dir,
)  # fmt: skip

# %%
display(Markdown(sentiment.describe_agreement(agree)))

# %% [markdown]
# ## Which words drive each outlet's scores?
#
# TextBlob's scored words summed over each outlet's sentences: a word high on the negative side
# ("war", "killing") can make an outlet look hostile when it is only describing violence.

# %%
tables.show(
    sentiment.driver_words(scored, k=5), name="driver-words", notebook="02", figures_dir=figures_dir
)

# %% [markdown]
# ## Which sentences are the most positive and the most negative, and why?
#
# The drivers are TextBlob's scored words (with their polarity) and VADER's lexicon words (with
# their valence): check them before quoting a number.

# %%
tables.show(sentiment.extremes(scored, k=extremes_per_outlet), name="extremes", notebook="02",
            figures_dir=figures_dir)  # fmt: skip

# %% [markdown]
# ## Caveats
#
# - Lexicon sentiment counts words. It cannot see sarcasm, it handles only simple negation
#   ("not good"), and it scores news words by their everyday meaning: "war", "killing" and
#   "attack" are negative whoever is described, "strike" barely registers, "progress" and
#   "significant" are positive. A negative score often means the story is about violence, not that
#   the outlet is hostile. The driver table shows worse: TextBlob reads "base" (an air base) as
#   the adjective "base" (-0.8), "military" as -0.1 and "approximately" as -0.4, so articles about
#   troops at bases score lower for that alone.
# - TextBlob and VADER agree only loosely on news sentences (see the correlation above). Against
#   human labels (NewsMTSC, `benchmarks/results/sentiment_eval.md`: negative/neutral/positive,
#   neutral band tuned on its training set), TextBlob's sentence labels reach a macro-F1 of 0.43
#   and VADER's 0.58; toward a named target, VADER on the words near the mention reaches 0.53 and
#   TextBlob 0.39 to 0.41. Read small differences between outlets with that error rate in mind.
# - Outlets with fewer than three articles get no interval: their dots are all there is.
# - The own/quoted split depends on quotation marks: reported speech without quotation marks
#   ("the Pentagon said that ...") counts as the outlet's own voice.

# %%
display(
    Markdown(
        prose.bullets(
            [prose.size_caveat(c.articles), stories.lists_sentence(choice, ["targets.csv"])]
        )
    )
)
