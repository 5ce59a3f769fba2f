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
# # Which troop numbers and attack counts does each outlet report?
#
# Every number the articles give for troops, attacks, strikes, people killed or injured, and bases,
# with what it counts, where, how it is hedged ("about", "more than") and who says so. The table
# behind the charts keeps each number's phrase, sentence and character offsets, so every dot can be
# checked against the article.

# %% tags=["parameters"]
raw_dir = None  # folder of article files (None: data/raw)
processed_dir = None  # cached tables (None: data/processed)
figures_dir = None  # where figures go (None: figures/)
max_outlets = 12  # outlets shown by name; the rest are grouped as "Other outlets"
max_locations = 4  # panels per chart: the places with the most claims

# %%
import pandas as pd
from IPython.display import Markdown, display

from analysis import claims, corpus, plots, prose, tables

pd.set_option("display.max_colwidth", 90)
c = corpus.load(processed_dir)
shown = plots.top_outlets(c.articles, n=max_outlets)
palette = plots.outlet_colors(shown)
found = plots.group_outlets(c.table("claims"), shown)
note = plots.source_note(c.articles, what=f"{len(found)} numeric claims.")
if found.empty:
    display(Markdown(prose.nothing("no troop number, attack, strike or casualty count was found")))
tables.show(found.groupby(["category", "outlet_label"]).size().unstack(fill_value=0))

# %% [markdown]
# ## How many troops does each outlet say the US has, and where?
#
# Filled circles are exact figures, hollow circles "about" figures, triangles "more than" or
# "up to". One panel per place.

# %%
troops = claims.top_locations(found[found["category"] == "troops"], n=max_locations)
if troops.empty:
    display(Markdown(prose.nothing("no troop number was found")))
else:
    fig = plots.claim_dots(troops, facet="location", title="Troop numbers reported, by place",
                           xlabel="troops", note_text=note, palette=palette)  # fmt: skip
    display(
        plots.save_figure(
            fig, "troops-by-outlet", data=troops, notebook="04", figures_dir=figures_dir
        )
    )

# %% [markdown]
# ## How many attacks and strikes, since when?
#
# Attacks are mostly counts of attacks on US forces by armed groups; strikes are air strikes,
# raids and targets struck by a military. The time anchor ("since October") is written beside
# each dot when the sentence gives one.

# %%
hits = found[found["category"].isin(["attacks", "strikes"])]
if hits.empty:
    display(Markdown(prose.nothing("no attack or strike count was found")))
else:
    fig = plots.claim_dots(hits, facet="category", title="Attack and strike counts reported",
                           xlabel="count", label="time_anchor", note_text=note, palette=palette)  # fmt: skip
    display(
        plots.save_figure(
            fig, "attacks-and-strikes", data=hits, notebook="04", figures_dir=figures_dir
        )
    )

# %% [markdown]
# ## How many people killed and injured?

# %%
casualties = found[found["category"].isin(["killed", "injured"])]
if casualties.empty:
    display(Markdown(prose.nothing("no count of people killed or injured was found")))
else:
    fig = plots.claim_dots(casualties, facet="category", title="People reported killed and injured",
                           xlabel="people", label="subject", note_text=note, palette=palette)  # fmt: skip
    display(
        plots.save_figure(
            fig, "casualties", data=casualties, notebook="04", figures_dir=figures_dir
        )
    )

# %% [markdown]
# ## Did the reported troop numbers change over time?

# %%
if troops.empty or troops["published"].isna().all():
    display(Markdown(prose.nothing("no troop number comes from a dated article")))
else:
    fig = plots.values_by_date(
        troops,
        title="Troop numbers by publication date",
        ylabel="troops",
        note_text=note,
        palette=palette,
    )
    display(
        plots.save_figure(
            fig, "troops-by-date", data=troops, notebook="04", figures_dir=figures_dir
        )
    )

# %% [markdown]
# ## Where do outlets disagree?
#
# For each category and place, what each outlet reported (`~` about, `>` more than, `≥` at least,
# `≤` up to). `disagree` is true when two reports cannot both hold given their qualifiers
# ("about" is read as ±10%).

# %%
tables.show(claims.consistency(found), name="consistency", notebook="04", figures_dir=figures_dir)

# %% [markdown]
# ## Every claim, with its sentence
#
# `start` and `end` index the article's source text (`texts` table); `python -m analysis show FILE`
# prints the same offsets.

# %%
tables.show(found[["outlet_label", "category", "value", "qualifier", "location", "subject", "time_anchor",
                   "attributed_to", "text", "sentence_text", "file", "start", "end"]], name="claims",
            notebook="04", figures_dir=figures_dir)  # fmt: skip

# %% [markdown]
# ## Caveats
#
# - The extractor reads numbers through the sentence's parse and a lexicon of counted nouns and
#   casualty words (`data/lexicons/claims.csv`); a parse error or an unusual phrasing ("the
#   toll rose to 12") can hide a claim. On the five samples it finds all 16 annotated claims with
#   no false ones (`tests/test_claims_gold.py`); unseen text will do worse.
# - A place is only named when the sentence names it after "in", "near", "across" ...; the
#   number's place can sit in an earlier sentence, and then it is missing.
# - Numbers report reports, not events: two outlets repeating one agency figure are one source,
#   and "more than 60 attacks since October" and "over 60 times" count the same attacks.
# - Agreement between outlets often reflects which wire copy they used.

# %%
display(Markdown(prose.bullets([prose.size_caveat(c.articles)])))
