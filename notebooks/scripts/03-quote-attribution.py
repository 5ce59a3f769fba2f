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
# # Whose voices does each outlet carry?
#
# Every attribution in the articles (who is reported as saying what), found by
# `analysis.quotes` at ingest: verbatim quotes in quotation marks (`direct`), reported speech with
# quoted fragments (`mixed`), reported speech without quotation marks (`indirect`) and reported
# thoughts and intentions ("believes", "wants to": `thought`; set `include_thoughts` to leave
# them out and count statements only). Each
# speaker mention ("he", "the Ministry", "Sabrin Singh") is resolved to a canonical speaker and an
# affiliation through the editable lexicon `data/lexicons/speakers.csv`. Every row keeps the
# character offsets of its content, speaker and cue, so each count can be checked in the article.

# %% tags=["parameters"]
raw_dir = None  # folder of article files (None: data/raw)
processed_dir = None  # cached tables (None: data/processed)
figures_dir = None  # where figures go (None: figures/)
max_outlets = 12  # outlets shown by name; the rest are grouped as "Other outlets"
max_speakers = 15  # speakers shown in the speakers-by-outlet chart
include_thoughts = True  # False: statements only, without reported thoughts and intentions

# %%
import pandas as pd
from IPython.display import Markdown, display

from analysis import corpus, markup, plots, quotes, wordcharts

pd.set_option("display.max_colwidth", 100)
c = corpus.load(processed_dir)
quoted = quotes.merge_speakers(c.table("quotes"))  # "Obama" joins "Barack Obama" across articles
quoted = quotes.with_kinds(quoted, thoughts=include_thoughts)
found = plots.group_outlets(quoted, plots.top_outlets(c.articles, n=max_outlets))
note = plots.source_note(c.articles, what=f"{len(found):,} attributions.")
found.groupby(["outlet_label", "kind"]).size().unstack(fill_value=0)

# %% [markdown]
# ## Who gets a voice where?
#
# The most quoted speakers, grouped by affiliation; the number in each cell counts attributions,
# the colour is the speaker's share of that outlet's attributions. A speaker the lexicon does not
# know keeps the name the article gives and an `unknown` affiliation; add it to `speakers.csv` and
# rerun to merge its aliases.

# %%
speakers = quotes.speakers_by_outlet(found, top=max_speakers)
fig = wordcharts.share_heatmap(
    speakers,
    row="speaker_canonical",
    group="affiliation",
    title=f"Who each outlet quotes: the {max_speakers} most quoted speakers (attributions)",
    colorbar_label="share of the outlet's attributions",
    source=note,
)
plots.save_figure(fig, "speakers-by-outlet", data=speakers, notebook="03", figures_dir=figures_dir)

# %% [markdown]
# What the table says, outlet by outlet:

# %%
display(Markdown(markup.bullets(quotes.describe(found))))

# %% [markdown]
# ## Which side does each outlet let speak, and at what length?
#
# Share of voice by affiliation, counted twice: in attributions, and in quoted words (a long
# statement weighs more than a one-line remark).

# %%
voice = quotes.share_of_voice(found, by="affiliation")
sides = plots.category_colours(voice["affiliation"])  # the same colour per side in both charts
fig = plots.stacked_bars(voice, category="outlet_label", part="affiliation",
                         value="share_attributions", title="Share of voice by affiliation (attributions)",
                         xlabel="share of the outlet's attributions", note_text=note,
                         part_colours=sides)  # fmt: skip
plots.save_figure(fig, "voice-by-affiliation", data=voice, notebook="03", figures_dir=figures_dir)

# %%
fig = plots.stacked_bars(voice, category="outlet_label", part="affiliation", value="share_words",
                         title="Share of voice by affiliation (quoted words)",
                         xlabel="share of the outlet's attributed words", note_text=note,
                         part_colours=sides)  # fmt: skip
plots.save_figure(
    fig, "voice-by-affiliation-words", data=voice, notebook="03", figures_dir=figures_dir
)

# %% [markdown]
# ## Verbatim or paraphrased?

# %%
kinds = found.groupby(["outlet_label", "kind"]).size().rename("attributions").reset_index()
fig = plots.stacked_bars(kinds, category="outlet_label", part="kind", value="attributions",
                         title="Attributions per outlet by kind (direct, mixed, indirect, thought)",
                         xlabel="attributions", note_text=note,
                         part_colours=plots.QUOTE_KIND_COLOURS)  # fmt: skip
plots.save_figure(fig, "kinds-by-outlet", data=kinds, notebook="03", figures_dir=figures_dir)

# %% [markdown]
# ## Which quotes did more than one article carry?
#
# Contents that match closely (rapidfuzz token-set ratio of 85 or more, sharing a run of four
# words) across articles. `same_speaker` says whether every article gave the quote to the same
# canonical speaker.

# %%
quotes.reuse(found)

# %% [markdown]
# ## Every attribution
#
# `content_start`/`content_end` (and the speaker and cue offsets) index the article's source text;
# `python -m analysis quotes FILE` prints the same records.

# %%
found[["outlet_label", "kind", "speaker", "speaker_canonical", "affiliation", "cue", "content",
       "file", "content_start", "content_end"]]  # fmt: skip

# %% [markdown]
# ## Caveats
#
# - Accuracy: on PolNeAR's development split (84 US election articles from 7 outlets, 2,192
#   attributions, never tuned on) the attribution scores content F1 0.70 on all attributions
#   (precision 0.90, recall 0.57), finds 90% of direct quotes and 81% of partial ones, and names
#   the right speaker for 92% of the matches (`benchmarks/results/quotes_polnear_dev.md`). Most
#   of what it misses is reported speech and stances without a cue verb it knows ("Trump has
#   praised Putin" is found; "his behavior has angered the party's top figures" is not). On the
#   five annotated samples it scores content F1 0.91 (`tests/test_quotes_gold.py`): their
#   annotators split a speaker's consecutive quotations that PolNeAR's, and this module, keep whole.
# - Indirect speech is found through the parse (a cue with a clause, an object or an
#   infinitive); a misparsed sentence can lose an attribution or cut its content short.
# - Pronouns take the previous speaker whose gender agrees (from a title or the article's own
#   "he"/"she"), else the nearest earlier person; a description ("the governor") takes the person
#   the article introduced with it, else stays as written. `speaker` keeps the words of the text so
#   that every resolution can be checked.
# - Affiliations come only from `speakers.csv`; a speaker missing from it counts as `unknown`.
# - With five articles, "who gets a voice" describes these articles, not the outlets' coverage.
