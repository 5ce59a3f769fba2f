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
# them out and count statements only). Each speaker mention ("he", "the Ministry", a name) is
# resolved to a canonical speaker and, with a story, to an affiliation through the story's
# editable `speakers.csv` (`data/stories/NAME/`). Without a story (or when its lists cover little
# of the corpus) a speaker keeps the name the articles give, people merged by name family across
# articles, and the affiliation `unknown`: no guess. Every row keeps the character offsets of its
# content, speaker and cue, so each count can be checked in the article.

# %% tags=["parameters"]
raw_dir = None  # folder of article files (None: data/raw)
processed_dir = None  # cached tables (None: data/processed)
figures_dir = None  # where figures go (None: figures/)
max_outlets = 12  # outlets shown by name; the rest are grouped as "Other outlets"
max_speakers = 15  # speakers shown in the speakers-by-outlet chart
include_thoughts = True  # False: statements only, without reported thoughts and intentions
story = None  # story folder in data/stories/ (None: PRESSLENS_STORY, else "auto")

# %%
import pandas as pd
from IPython.display import Markdown, display

from analysis import (
    corpus,
    entities,
    findings,
    plots,
    prose,
    quote_scoring,
    quotes,
    tables,
    wordcharts,
)
from analysis import story as stories

pd.set_option("display.max_colwidth", 100)
c = corpus.load(processed_dir)
choice = stories.choose(entities.mentions(c), story)
display(Markdown(stories.lists_sentence(choice, ["speakers.csv"])))
quoted = quotes.merge_speakers(stories.quotes_for(choice, c))  # "Obama" joins "Barack Obama"
quoted = quotes.with_kinds(quoted, thoughts=include_thoughts)
found = plots.group_outlets(quoted, plots.top_outlets(c.articles, n=max_outlets))
note = plots.source_note(c.articles, what=f"{len(found):,} attributions.")
if found.empty:
    display(
        Markdown(prose.nothing("no attribution (nobody reported as saying anything) was found"))
    )
tables.show(found.groupby(["outlet_label", "kind"]).size().unstack(fill_value=0))

# %% [markdown]
# ## Who gets a voice where?
#
# The most quoted speakers, grouped by affiliation; the number in each cell counts attributions,
# the colour is the speaker's share of that outlet's attributions. A speaker the lexicon does not
# know keeps the name the article gives and an `unknown` affiliation; add it to the story's
# `speakers.csv` and rerun to merge its aliases.

# %%
if found.empty:
    display(Markdown(prose.nothing("no attribution to chart")))
else:
    speakers = quotes.speakers_by_outlet(found, top=max_speakers)
    fig = wordcharts.share_heatmap(
        speakers,
        row="speaker_canonical",
        group="affiliation",
        title=findings.leader(
            speakers,
            item="speaker_canonical",
            value="count",
            template="{name} is the most quoted speaker {where}",
            fallback=f"Who each outlet quotes: the {speakers['speaker_canonical'].nunique()} most quoted speakers",
        ),
        colorbar_label="share of the outlet's attributions",
        source=note,
    )
    display(
        plots.save_figure(
            fig, "speakers-by-outlet", data=speakers, notebook="03", figures_dir=figures_dir
        )
    )

# %% [markdown]
# What the table says, outlet by outlet:

# %%
display(Markdown(prose.bullets(quotes.describe(found), empty="no attribution to describe")))

# %% [markdown]
# ## Which side does each outlet let speak, and at what length?
#
# Share of voice by affiliation, counted twice: in attributions, and in quoted words (a long
# statement weighs more than a one-line remark).

# %%
voice = quotes.share_of_voice(found, by="affiliation")
known = voice["affiliation"].replace("", "unknown").ne("unknown").any()
if not known:
    display(
        Markdown(
            prose.nothing("no speaker has a known affiliation (no speaker list covers this corpus)")
        )
    )
else:
    sides = plots.category_colours(voice["affiliation"])  # the same colour per side in both charts
    fig = plots.stacked_bars(voice, category="outlet_label", part="affiliation",
                             value="share_attributions", title=findings.leader(
                                 voice[voice["affiliation"].ne("unknown")], item="affiliation",
                                 value="share_attributions", fallback="Share of voice by affiliation (attributions)",
                                 template="{name} has the largest known share of voice {where}"),
                             xlabel="share of the outlet's attributions", note_text=note,
                             part_colours=sides)  # fmt: skip
    display(
        plots.save_figure(
            fig, "voice-by-affiliation", data=voice, notebook="03", figures_dir=figures_dir
        )
    )
    fig = plots.stacked_bars(voice, category="outlet_label", part="affiliation", value="share_words",
                             title="Share of voice by affiliation (quoted words)",
                             xlabel="share of the outlet's attributed words", note_text=note,
                             part_colours=sides)  # fmt: skip
    display(plots.save_figure(
        fig, "voice-by-affiliation-words", data=voice, notebook="03", figures_dir=figures_dir
    ))  # fmt: skip

# %% [markdown]
# ## Verbatim or paraphrased?

# %%
kinds = found.groupby(["outlet_label", "kind"]).size().rename("attributions").reset_index()
if kinds.empty:
    display(Markdown(prose.nothing("no attribution to chart")))
else:
    fig = plots.stacked_bars(kinds, category="outlet_label", part="kind", value="attributions",
                             title=findings.leader(
                                 kinds, item="kind", value="attributions",
                                 template="{name} attributions are the most common kind {where}",
                                 fallback="Attributions per outlet by kind (direct, mixed, indirect, thought)"),
                             xlabel="attributions", note_text=note,
                             part_colours=plots.QUOTE_KIND_COLOURS)  # fmt: skip
    display(
        plots.save_figure(
            fig, "kinds-by-outlet", data=kinds, notebook="03", figures_dir=figures_dir
        )
    )

# %% [markdown]
# ## Which quotes did more than one article carry?
#
# Contents that match closely (rapidfuzz token-set ratio of 85 or more, sharing a run of four
# words) across articles. `same_speaker` says whether every article gave the quote to the same
# canonical speaker.

# %%
tables.show(quotes.reuse(found), name="reuse", notebook="03", figures_dir=figures_dir)

# %% [markdown]
# ## Every attribution
#
# `content_start`/`content_end` (and the speaker and cue offsets) index the article's source text;
# `presslens quotes FILE` prints the same records.

# %%
tables.show(found[["outlet_label", "kind", "speaker", "speaker_canonical", "affiliation", "cue", "content",
                   "file", "content_start", "content_end"]], name="attributions", notebook="03",
            figures_dir=figures_dir)  # fmt: skip

# %% [markdown]
# ## Caveats
#
# - Accuracy on annotated news is stated below, from the stored benchmark results. Most of what
#   the attribution misses is reported speech and stances without a cue verb it knows ("Trump has
#   praised Putin" is found; "his behavior has angered the party's top figures" is not).
# - Indirect speech is found through the parse (a cue with a clause, an object or an
#   infinitive); a misparsed sentence can lose an attribution or cut its content short.
# - "He" or "she" takes the person who is the subject of the sentence when the gender agrees,
#   else the previous speaker whose gender agrees (from a title or the article's own "he"/"she"),
#   else the nearest earlier person; a description ("the governor") takes the person
#   the article introduced with it, else stays as written. `speaker` keeps the words of the text so
#   that every resolution can be checked.
# - Affiliations come only from the story's `speakers.csv`; a speaker missing from it (and every
#   speaker when no story is used) counts as `unknown`.

# %%
display(
    Markdown(
        prose.bullets(
            [
                quote_scoring.describe_polnear(),
                prose.size_caveat(c.articles),
                stories.lists_sentence(choice, ["speakers.csv"]),
            ]  # fmt: skip
        )
    )
)
