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
# # How positive or negative is each outlet, in its own voice and in the voices it quotes?
#
# A bare average of sentiment per outlet mixes the outlet's own words with the people it quotes,
# hides how few articles stand behind it and how often the method disagrees with people. Here
# every sentence is scored as a whole, in the outlet's own words, and in the quoted words, by three
# methods: a model learned from news sentences that people labelled (NewsMTSC), VADER and TextBlob.
# The notebook leads with the method that agrees best with people and keeps TextBlob beside it;
# outlets are compared over their articles, as differences with 95% bootstrap intervals, on axes
# that span the whole scale; and the words that drove each score are listed so a reader can check.

# %% tags=["parameters"]
raw_dir = None  # folder of article files (None: data/raw)
processed_dir = None  # cached tables (None: data/processed)
figures_dir = None  # where figures go (None: figures/)
max_outlets = 12  # outlets shown by name; the rest are grouped as "Other outlets"
extremes_per_outlet = 2  # most positive and most negative sentences listed per outlet
seed = 0  # bootstrap seed
method = None  # "learned", "VADER" or "TextBlob"; None: the one that agrees best with people
story = None  # story folder in data/stories/ (None: PRESSLENS_STORY, else "auto")

# %%
import pandas as pd
from IPython.display import Markdown, display

from analysis import corpus, entities, findings, plots, prose, sentiment, tables
from analysis import story as stories

pd.set_option("display.max_colwidth", 120)
c = corpus.load(processed_dir)
shown = plots.top_outlets(c.articles, n=max_outlets)
palette = plots.outlet_colors(shown)
articles = plots.group_outlets(c.articles, shown)
scored = plots.group_outlets(c.table("sentence_sentiment"), shown)  # scored at ingest
per_article = sentiment.score_articles(scored, articles)
people = sentiment.agreement_with_people()
lead = method or people["method"].iloc[0]
cols = sentiment.METHODS[lead]
note = plots.source_note(
    c.articles, what=f"{len(scored):,} sentences scored with the learned model, VADER and TextBlob."
)

# %% [markdown]
# ## How far does each method agree with people?
#
# Measured on NewsMTSC `devtest_mt` (news sentences whose sentiment toward each person or group
# named was labelled by people) by `benchmarks/sentiment_eval.py`; the stored results are read here.

# %%
display(Markdown(sentiment.describe_agreement_with_people(people) + f" Leading with: **{lead}**."))

# %% [markdown]
# ## How positive is each outlet's own voice?
#
# Each faint dot is one article (its sentences weighted by length, quoted words left out). For
# outlets with at least three articles, the black tick is the mean and the whisker its 95%
# bootstrap interval over articles; outlets with fewer articles show their articles only. The
# axes span the whole scale, from most negative to most positive.

# %%
panels = [(cols["own"], f"own voice, {lead} (-1 to 1)")]
if lead != "TextBlob":
    panels.append(("own_polarity", "own voice, TextBlob polarity (-1 to 1)"))
summary = pd.concat([sentiment.by_outlet(per_article, value=v, seed=seed) for v, _ in panels])
fig = plots.dot_interval(
    per_article,
    summary,
    values=panels,
    title="Each outlet's own voice, article by article",
    note_text=note,
    palette=palette,
)
plots.save_figure(fig, "own-voice-by-outlet", data=summary, notebook="02", figures_dir=figures_dir)

# %% [markdown]
# ## Does any outlet differ from the others by more than chance?
#
# Each outlet's mean against all the other outlets' articles: the difference, its 95% bootstrap
# interval, and Cohen's d (the difference in standard deviations of article scores). An interval
# that includes zero is written as "no measurable difference".

# %%
differences = sentiment.outlet_differences(per_article, value=cols["own"], seed=seed)
differences = differences[differences["outlet_label"] != plots.OTHER]  # a pool is no outlet
if len(differences):
    fig = plots.difference_interval(
        differences,
        title=findings.own_voice(differences, scale=lead),
        xlabel=f"difference in mean article score ({lead}, scale -1 to 1); hollow: interval includes 0",
        note_text=note,
    )
    plots.save_figure(
        fig, "own-voice-differences", data=differences, notebook="02", figures_dir=figures_dir
    )
display(Markdown(sentiment.describe_differences(differences)))

# %% [markdown]
# ## Does the outlet sound different from the people it quotes?
#
# Words inside quotation marks (four words or more: shorter ones are names, titles or scare
# quotes such as "Israel" or "aggression") are the quoted voices; the rest is the outlet's own.

# %%
voices = sentiment.voices_by_outlet(scored)
fig = plots.dumbbell(
    voices,
    group="voice",
    left="own",
    right="quoted",
    value=cols["sentence"],
    count="sentences",
    title=f"Own voice (hollow) against quoted voices (filled): mean sentence score ({lead})",
    xlabel=f"mean sentence score ({lead}, -1 to 1); N = sentences",
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
# score toward the mention and N, the number of sentences; cells with fewer than
# `plots.MIN_CELL_N` sentences are faded, and a dashed outline with "≠" marks cells where
# TextBlob's sentence polarity has the opposite sign.

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
        value=cols["target"],
        count="sentences",
        title=f"Mean score toward each actor ({lead}); ≠: TextBlob has the opposite sign",
        colorbar=f"mean score toward the mention ({lead}, -1 to 1)",
        note_text=note,
        min_n=plots.MIN_CELL_N,
        compare="polarity" if cols["target"] != "polarity" else "window_vader",
        scale=(-1.0, 1.0),
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
# TextBlob's scored words summed over each outlet's sentences (names, titles and numbers do not
# score, nor the words of `data/lexicons/sentiment_overrides.csv`): a word high on the negative
# side ("war", "killing") can make an outlet look hostile when it is only describing violence.

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
#   "attack" are negative whoever is described. Names, titles of works and number phrases do not
#   score ("New York", "Best Buy", "$10,000"), and `data/lexicons/sentiment_overrides.csv` lists
#   the words whose lexicon sense is not their news sense ("more", "own", "party", "special");
#   edit it and rerun the ingest to rescore.
# - The learned model was trained on NewsMTSC, sentences of US political news labelled by people;
#   how well it agrees with people is the line at the top, measured on sentences it was not
#   trained on. On other topics (war reporting, other countries) it may agree less. Its errors
#   and training record are in `analysis/models/newsmtsc_linear.json`.
# - Read small differences between outlets with that error rate in mind: the differences section
#   says "no measurable difference" when the interval includes zero, and a measurable difference
#   can still be a difference of topic (an outlet covering more attacks) rather than of tone.
# - Outlets with fewer than three articles get no interval and no comparison: their dots are all
#   there is.
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
