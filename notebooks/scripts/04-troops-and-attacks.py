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
max_panels = 6  # panels per chart: the quantities (category, place, time anchor) with most claims

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
# "up to", hollow diamonds vague words ("thousands of troops"), which are never exact. One panel
# per place (and time anchor, when the sentence gives one): Iraq's and Syria's numbers are
# different quantities, not two answers to one question.

# %%
all_troops = found[found["category"] == "troops"]
troops = claims.panels(all_troops, n=max_panels)
if troops.empty:
    display(Markdown(prose.nothing("no troop number was found")))
else:
    fig = plots.claim_dots(troops, facet="panel", title="Troop numbers reported, by place",
                           xlabel="troops", note_text=note + claims.left_out(all_troops, troops),
                           palette=palette)  # fmt: skip
    display(
        plots.save_figure(
            fig, "troops-by-outlet", data=troops, notebook="04", figures_dir=figures_dir
        )
    )

# %% [markdown]
# ## How many attacks and strikes, since when?
#
# Attacks are mostly counts of attacks on US forces by armed groups; strikes are air strikes,
# raids and targets struck by a military. Each panel is one quantity: the category, the place
# and the time the count runs over ("since October") when the sentence gives it.

# %%
all_hits = found[found["category"].isin(["attacks", "strikes"])]
hits = claims.panels(all_hits, n=max_panels)
if hits.empty:
    display(Markdown(prose.nothing("no attack or strike count was found")))
else:
    fig = plots.claim_dots(hits, facet="panel", title="Attack and strike counts reported, by place",
                           xlabel="count", note_text=note + claims.left_out(all_hits, hits),
                           palette=palette)  # fmt: skip
    display(
        plots.save_figure(
            fig, "attacks-and-strikes", data=hits, notebook="04", figures_dir=figures_dir
        )
    )

# %% [markdown]
# ## How many people killed and injured, and where?
#
# Who was killed or injured is written beside the dots in uncrowded rows.

# %%
all_casualties = found[found["category"].isin(["killed", "injured"])]
casualties = claims.panels(all_casualties, n=max_panels)
if casualties.empty:
    display(Markdown(prose.nothing("no count of people killed or injured was found")))
else:
    fig = plots.claim_dots(casualties, facet="panel", title="People reported killed and injured, by place",
                           xlabel="people", label="subject",
                           note_text=note + claims.left_out(all_casualties, casualties),
                           palette=palette)  # fmt: skip
    display(
        plots.save_figure(
            fig, "casualties", data=casualties, notebook="04", figures_dir=figures_dir
        )
    )

# %% [markdown]
# ## Did the reported troop numbers change over time?
#
# One panel and one series per place: the grey line is the median number reported on each date.

# %%
if troops.empty or troops["published"].isna().all():
    display(Markdown(prose.nothing("no troop number comes from a dated article")))
else:
    fig = plots.values_by_date(
        troops,
        title="Troop numbers by publication date, by place",
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
# Claims are compared only with claims of the same quantity: category, place, subject, time
# anchor and injury kind ("1 seriously injured" and "over 70 minor injuries" are two
# quantities). `reports` gives what each outlet said (`~` about, `>` more than, `≥` at least,
# `≤` up to, `≈` a vague word); `disagree` is true when no one number fits two reports given
# their qualifiers ("about" is read as ±10%, a vague word as half to five times its value), and
# `why` names those two reports.

# %%
tables.show(claims.consistency(found), name="consistency", notebook="04", figures_dir=figures_dir)

# %% [markdown]
# ## Every claim, with its sentence
#
# `start` and `end` index the article's source text (`texts` table); `presslens show FILE`
# prints the same offsets.

# %%
tables.show(found[["outlet_label", "category", "value", "qualifier", "vague", "kind", "location",
                   "subject", "time_anchor", "attributed_to", "text", "sentence_text", "file",
                   "start", "end"]], name="claims", notebook="04", figures_dir=figures_dir)  # fmt: skip

# %% [markdown]
# ## Caveats
#
# - The extractor reads numbers through the sentence's parse and a lexicon of counted nouns,
#   casualty words, kinds of people and military words (`data/lexicons/claims.csv`); a parse
#   error can hide a claim or invent one. On the five samples it finds all 16 annotated claims
#   with no false ones (`tests/test_claims_gold.py`); on held-out Middle East sentences its
#   scores are in `benchmarks/results/claims_eval.md`.
# - A place is only named when the sentence names it after "in", "near", "across" ...; the
#   number's place can sit in an earlier sentence, and then it is missing.
# - Numbers report reports, not events: two outlets repeating one agency figure are one source,
#   and "more than 60 attacks since October" and "over 60 times" count the same attacks.
# - Agreement between outlets often reflects which wire copy they used.

# %%
display(Markdown(prose.bullets([prose.size_caveat(c.articles)])))
