"""Colours that mean the same thing on every page: one per organization (those with the most
claimed spending across the whole store, then the most reported, so that neither a filter
nor a page moves a colour), the rest grouped as "Others" in grey; one per chip the same
way; one per kind; a shape per status."""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from ..extraction.record import KINDS, STATUSES
from .display import KIND_LABELS, STATUS_LABELS

OTHERS = "Others"
OTHER_CHIPS = "Other chips"
# Ten hues told apart at a glance (Tableau 10 without its grey, which stands for the rest).
ORG_COLORS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
              "#17becf")
CHIP_COLORS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4", "#b2182b")
REST_COLOR = "#b8b8b8"
KIND_COLORS = {"Investment": "#2a6f97", "Chips": "#e9a03b", "Model release": "#8e5fb5"}
STATUS_SHAPES = {"Done": "circle", "Planned": "diamond"}


@dataclass(frozen=True)
class Palette:
    """Names that have a colour of their own, in order; every other name is `rest`."""
    names: tuple[str, ...] = ()
    colors: tuple[str, ...] = ORG_COLORS
    rest: str = OTHERS

    def group(self, names: pd.Series) -> pd.Series:
        """Each name, or the name of the rest for one without a colour of its own."""
        return names.where(names.isin(self.names), self.rest)

    def scale(self) -> alt.Scale:
        """The colour scale: every name with a colour, then the rest in grey."""
        return alt.Scale(domain=[*self.names, self.rest], range=[*self.colors[:len(self.names)], REST_COLOR])

    def color(self, name: str) -> str:
        return self.colors[self.names.index(name)] if name in self.names else REST_COLOR


def org_palette(claims: pd.DataFrame) -> Palette:
    """The organizations' palette of a store, from every claim (not those in view): the
    organizations with the most claimed spending, then those the most articles report."""
    if claims.empty:
        return Palette()
    spending = claims["figure"].where(claims["kind"] == "investment").fillna(0).groupby(claims["org"]).sum()
    reported = claims.groupby("org")["sources"].sum()
    ranked = sorted(reported.index, key=lambda org: (-spending.get(org, 0), -reported[org], org))
    return Palette(tuple(ranked[:len(ORG_COLORS)]))


def chip_palette(claims: pd.DataFrame) -> Palette:
    """The chips' palette of a store: the chips the most claims count, from every claim."""
    chips = claims.loc[claims["kind"] == "hardware", "name"]
    counts = chips[chips != ""].value_counts()
    ranked = sorted(counts.index, key=lambda chip: (-counts[chip], chip))
    return Palette(tuple(ranked[:len(CHIP_COLORS)]), CHIP_COLORS, OTHER_CHIPS)


def kind_scale() -> alt.Scale:
    """Kinds by their names on screen, each in its colour."""
    return alt.Scale(domain=[KIND_LABELS[k] for k in KINDS], range=[KIND_COLORS[KIND_LABELS[k]] for k in KINDS])


def status_shapes() -> alt.Scale:
    """Done as a circle, planned as a diamond."""
    return alt.Scale(domain=[STATUS_LABELS[s] for s in STATUSES], range=[STATUS_SHAPES[STATUS_LABELS[s]] for s in STATUSES])
