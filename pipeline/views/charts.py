"""Altair charts of claims. Each builder takes a DataFrame of claims (the table
`reviewed.claim_table` gives, with a `flag` column where dates need checking) and returns
a chart, or None when there is nothing to draw: the page then says so in a sentence.

What every chart keeps to:
- colours mean one thing everywhere (`palette`): an organization, a chip or a kind has
  the same colour on every page and under every filter;
- the timeline's charts share one time axis (whole years around the claims in view, or
  the period selected), on UTC days, so a month is never labelled by the day before it;
- log dollar axes are labelled at decades ($1M, $10M, ... $1T) and span every range bar;
- a chart gets at most `MAX_POINTS` rows or an aggregate, never the whole store.
"""
from __future__ import annotations

import datetime as dt
import math

import altair as alt
import numpy as np
import pandas as pd

from .display import kind_label, plain_text, status_label
from .palette import OTHERS, Palette, kind_scale, status_shapes

MAX_POINTS = 2000
TIMELINE_WIDTH = 700
LANE_HEIGHT = 24
AXIS_EXTENT = 110        # pixels left of every timeline chart's plot, so that their time axes line up
TOP_ORGS = 12            # organizations the chips chart names; the rest are "Others"
# Axis labels in dollars as news writes them: $10B, $1T (Vega's SI format says $10G).
DOLLAR_LABELS = ("datum.value >= 1e12 ? '$' + format(datum.value / 1e12, '~g') + 'T' : "
                 "datum.value >= 1e9 ? '$' + format(datum.value / 1e9, '~g') + 'B' : "
                 "datum.value >= 1e6 ? '$' + format(datum.value / 1e6, '~g') + 'M' : '$' + format(datum.value, '~s')")
FIGURE_NOTE = "the low end of a range, or the ceiling where only a ceiling is given"
PLANNED_OPACITY = {"Done": 1.0, "Planned": 0.55}  # side by side as well, so a colour is never the only cue
LABEL_FONT = 11
LABEL_CHAR_WIDTH = 6.0   # pixels a character of a release label takes at LABEL_FONT, about
LABEL_GAP = 7            # pixels between a point and its label
BRUSH = "period"
BOTTOM_LEGEND = alt.Legend(orient="bottom", columns=6, symbolLimit=0, labelLimit=150)         # the name of the time selection on the timeline's strip

Period = tuple[dt.date, dt.date]


# --- what the charts read ---------------------------------------------------------------------

def dated(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims with a date."""
    return claims[claims["date"].notna()]


def largest(table: pd.DataFrame, limit: int = MAX_POINTS) -> pd.DataFrame:
    """At most `limit` rows, keeping the largest figures (and the most reported)."""
    if len(table) <= limit:
        return table
    return table.sort_values(["figure", "sources"], ascending=False).head(limit)


def marks(claims: pd.DataFrame, orgs: Palette) -> pd.DataFrame:
    """The columns a mark and its tooltip need, as people read them."""
    columns = ["date", "org", "name", "amount", "when", "status", "sources", "evidence", "article_title", "figure",
               "amount_low", "amount_high", "kind", "claim_id", "flag"]
    table = claims[[c for c in columns if c in claims]].copy()
    table["date"] = table["date"].astype(str).str.slice(0, 10)
    table["t"] = epoch_ms(table["date"])
    table["org_color"] = orgs.group(table["org"])
    table["status"] = table["status"].map(status_label)
    table["kind"] = table["kind"].map(kind_label)
    table["evidence"] = [plain_text(sentence)[:300] for sentence in table["evidence"]]
    table["name"] = table["name"].fillna("")
    if "flag" not in table:
        table["flag"] = ""
    return table


def _tooltip(amount: bool = True) -> list:
    fields = [alt.Tooltip("org:N", title="Organization"), alt.Tooltip("name:N", title="Model or chip")]
    if amount:
        fields.append(alt.Tooltip("amount:N", title="Amount"))
    return fields + [
        alt.Tooltip("when:N", title="When"), alt.Tooltip("status:N", title="Status"),
        alt.Tooltip("sources:Q", title="Articles"), alt.Tooltip("evidence:N", title="Evidence"),
        alt.Tooltip("article_title:N", title="Source"), alt.Tooltip("flag:N", title="Check the date"),
    ]


# --- the time axis ------------------------------------------------------------------------------

def time_domain(claims: pd.DataFrame) -> Period | None:
    """Whole years around the dated claims: from the first day of the earliest year to the
    last day of the latest. None without a dated claim."""
    dates = dated(claims)["date"]
    if dates.empty:
        return None
    first, last = str(dates.min())[:10], str(dates.max())[:10]
    return dt.date(int(first[:4]), 1, 1), dt.date(int(last[:4]), 12, 31)


def epoch_ms(days: pd.Series) -> pd.Series:
    """ISO days as milliseconds since the epoch at their start (UTC): what a time axis
    reads without parsing, the same in every browser's time zone."""
    return (pd.to_datetime(days) - pd.Timestamp("1970-01-01")) // pd.Timedelta(milliseconds=1)


def moment(day: dt.date, end: bool = False) -> alt.DateTime:
    """The start of `day` (or, with `end`, of the day after it) in UTC, as Vega-Lite reads a
    point in time in a scale's domain or a selection's value (a number there is misread)."""
    day = day + dt.timedelta(days=1) if end else day
    return alt.DateTime(year=day.year, month=day.month, date=day.day, utc=True)


def time_scale(period: Period) -> alt.Scale:
    """A UTC time scale over the days of `period` (its last day included)."""
    return alt.Scale(type="utc", domain=[moment(period[0]), moment(period[1], end=True)])


def time_axis(period: Period) -> alt.Axis:
    """Years for a span of years, months (by name, never by their last day) for a shorter one.
    On a UTC scale Vega-Lite formats labels in UTC too (checked in a browser set to New York);
    `formatType="utc"` would make it ignore the format."""
    days = (period[1] - period[0]).days
    if days > 3 * 366:
        return alt.Axis(format="%Y", tickCount={"interval": "year", "step": 1}, title=None)
    if days > 120:
        return alt.Axis(format="%b %Y", tickCount={"interval": "month", "step": 3 if days > 500 else 1},
                        labelOverlap=True, title=None)
    return alt.Axis(format="%d %b %Y", labelOverlap=True, title=None)


def _x(period: Period, field: str = "t") -> alt.X:
    return alt.X(f"{field}:T", scale=time_scale(period), axis=time_axis(period), title=None)


def _px(dates: pd.Series, period: Period, width: int) -> np.ndarray:
    """Where each date falls on a time axis `width` pixels wide."""
    start = pd.Timestamp(period[0])
    span = (pd.Timestamp(period[1]) + pd.Timedelta(days=1) - start) / pd.Timedelta(days=1)
    days = (pd.to_datetime(dates) - start) / pd.Timedelta(days=1)
    return (days.to_numpy(dtype=float) / span) * width


# --- the timeline -------------------------------------------------------------------------------

def monthly_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per month and kind, stacked: each month's start and end (milliseconds since
    the epoch, UTC), its name ("Apr 2024"), and where its bar for a kind starts and ends."""
    table = dated(claims)
    months = table["date"].astype(str).str.slice(0, 7)
    counts = (pd.DataFrame({"month": months, "kind": table["kind"].map(kind_label)})
              .value_counts().rename("claims").reset_index())
    order = {label: n for n, label in enumerate(kind_scale().domain)}
    counts = counts.sort_values(["month", "kind"], key=lambda c: c.map(order) if c.name == "kind" else c)
    counts["top"] = counts.groupby("month")["claims"].cumsum()
    counts["bottom"] = counts["top"] - counts["claims"]
    start = pd.to_datetime(counts["month"] + "-01")
    counts["month_name"] = start.dt.strftime("%b %Y")
    counts["end"] = epoch_ms(start + pd.offsets.MonthBegin(1))
    counts["month"] = epoch_ms(start)
    return counts.reset_index(drop=True)


def overview_chart(claims: pd.DataFrame, domain: Period, selected: Period | None = None) -> alt.Chart | None:
    """A strip of claims per month, by kind, with a time brush (`BRUSH`): drag across it
    to select a period, click outside the selection to clear it."""
    counts = monthly_counts(claims)
    if counts.empty:
        return None
    brush = alt.selection_interval(name=BRUSH, encodings=["x"],
                                   value={"x": [moment(selected[0]), moment(selected[1], end=True)]} if selected else alt.Undefined)
    return alt.Chart(counts).mark_bar().encode(
        x=_x(domain, "month"), x2="end:T",
        y=alt.Y("bottom:Q", title="Claims", axis=alt.Axis(tickMinStep=1, tickCount=3, minExtent=AXIS_EXTENT,
                                                           maxExtent=AXIS_EXTENT)), y2="top:Q",
        color=alt.Color("kind:N", scale=kind_scale(), title="Kind"),
        tooltip=[alt.Tooltip("month_name:N", title="Month"), alt.Tooltip("kind:N", title="Kind"),
                 alt.Tooltip("claims:Q", title="Claims")],
    ).add_params(brush).properties(height=70, width=TIMELINE_WIDTH,
                                   title="Claims per month: drag across the strip to select a period")


def release_labels(table: pd.DataFrame, period: Period, width: int = TIMELINE_WIDTH) -> pd.DataFrame:
    """Which releases carry a label, and on which side: in each lane (organization) the
    most reported first, each label to the right of its point, else to its left, and only
    where it covers neither another label nor another point and stays inside the chart.
    The rest are named in their tooltips. Adds `label` ("" for none) and `side`."""
    table = table.copy()
    table["label"], table["side"] = "", "right"
    if table.empty:
        return table
    x = pd.Series(_px(table["date"], period, width), index=table.index)
    for _, lane in table.groupby("org", sort=False):
        points = x[lane.index].to_numpy()
        taken: list[tuple[float, float]] = []
        for at in lane.sort_values(["sources", "date"], ascending=[False, True]).index:
            size = len(table.at[at, "name"]) * LABEL_CHAR_WIDTH
            here = x[at]
            for side, span in (("right", (here + LABEL_GAP, here + LABEL_GAP + size)),
                               ("left", (here - LABEL_GAP - size, here - LABEL_GAP))):
                inside = span[0] >= 0 and span[1] <= width
                clear = not any(a < span[1] and span[0] < b for a, b in taken)
                uncovered = not np.any((points > span[0] - 4) & (points < span[1] + 4))
                if table.at[at, "name"] and inside and clear and uncovered:
                    table.at[at, "label"], table.at[at, "side"] = table.at[at, "name"], side
                    taken.append(span)
                    break
    return table


def releases_chart(claims: pd.DataFrame, period: Period, orgs: Palette) -> alt.LayerChart | None:
    """Model releases on the shared time axis, one lane per organization in its colour,
    done and planned by shape; the most reported named where their labels fit."""
    table = dated(claims[claims["kind"] == "model_release"])
    table = table[(table["date"] >= period[0].isoformat()) & (table["date"] <= period[1].isoformat())]
    if table.empty:
        return None
    table = release_labels(marks(largest(table.assign(figure=1)), orgs), period)
    lanes = list(table.sort_values("date").drop_duplicates("org")["org"])
    base = alt.Chart(table).encode(
        x=_x(period), y=alt.Y("org:N", title=None, sort=lanes, axis=alt.Axis(minExtent=AXIS_EXTENT, maxExtent=AXIS_EXTENT, labelLimit=AXIS_EXTENT - 10)))
    points = base.mark_point(filled=True, size=90, opacity=0.9).encode(
        color=alt.Color("org_color:N", scale=orgs.scale(), legend=None),
        shape=alt.Shape("status:N", scale=status_shapes(), title="Status"),
        tooltip=_tooltip(amount=False),
    )
    labels = [base.transform_filter(f"datum.label != '' && datum.side == '{side}'").mark_text(
        align=align, dx=dx, fontSize=LABEL_FONT, clip=True).encode(text="label:N")
        for side, align, dx in (("right", "left", LABEL_GAP), ("left", "right", -LABEL_GAP))]
    return alt.layer(points, *labels).properties(title="Model releases", height=alt.Step(LANE_HEIGHT),
                                                 width=TIMELINE_WIDTH)


def decades(low: float, high: float) -> list[float]:
    """The powers of ten from the one at or below `low` to the one at or above `high`
    (at least two)."""
    first = math.floor(math.log10(low))
    last = max(math.ceil(math.log10(high)), first + 1)
    return [10.0 ** n for n in range(first, last + 1)]


def _dollars(field: str, ticks: list[float]) -> alt.Y:
    """A log dollar axis over the decades `ticks`, labelled at each."""
    return alt.Y(f"{field}:Q", title="US dollars (log scale)",
                 scale=alt.Scale(type="log", domain=[ticks[0], ticks[-1]], nice=False),
                 axis=alt.Axis(values=ticks, labelExpr=DOLLAR_LABELS, minExtent=AXIS_EXTENT, maxExtent=AXIS_EXTENT))


def investments_chart(claims: pd.DataFrame, period: Period, orgs: Palette) -> alt.LayerChart | None:
    """Claimed spending on the shared time axis and a log dollar scale labelled at decades:
    each claim a mark in its organization's colour, done and planned by shape, sized by the
    articles reporting it; a range drawn as a bar, never cut off; a date to check ringed."""
    table = dated(claims[(claims["kind"] == "investment") & claims["figure"].notna() & (claims["figure"] > 0)])
    table = table[(table["date"] >= period[0].isoformat()) & (table["date"] <= period[1].isoformat())]
    if table.empty:
        return None
    table = marks(largest(table), orgs)
    ends = pd.concat([table["figure"], table["amount_low"], table["amount_high"]]).dropna()
    ticks = decades(float(ends[ends > 0].min()), float(ends.max()))
    base = alt.Chart(table).encode(x=_x(period))
    ranges = base.transform_filter(
        "isValid(datum.amount_low) && isValid(datum.amount_high) && datum.amount_low > 0 && datum.amount_low < datum.amount_high"
    ).mark_rule(strokeWidth=2, opacity=0.6).encode(
        y=_dollars("amount_low", ticks), y2="amount_high:Q",
        color=alt.Color("org_color:N", scale=orgs.scale(), title="Organization", legend=alt.Legend(symbolLimit=0)),
    )
    points = base.mark_point(filled=True, opacity=0.85).encode(
        y=_dollars("figure", ticks),
        color=alt.Color("org_color:N", scale=orgs.scale(), title="Organization", legend=alt.Legend(symbolLimit=0)),
        shape=alt.Shape("status:N", scale=status_shapes(), title="Status"),
        size=alt.Size("sources:Q", title="Articles", scale=alt.Scale(range=[50, 500], domainMin=1, zero=False),
                      legend=alt.Legend(format="d", tickMinStep=1)),
        tooltip=_tooltip(),
    )
    rings = base.transform_filter("datum.flag != ''").mark_point(
        shape="circle", filled=False, size=700, strokeWidth=1.5, color="#d62728", strokeDash=[3, 2],
    ).encode(y=_dollars("figure", ticks), tooltip=_tooltip())
    return alt.layer(ranges, points, rings).properties(
        title="Claimed AI-compute spending (ranges drawn as bars; dashed rings: dates to check)",
        height=320, width=TIMELINE_WIDTH)


def timeline_chart(claims: pd.DataFrame, orgs: Palette, period: Period | None = None) -> alt.VConcatChart | None:
    """The strip of claims per month with its time brush over the whole span of the claims
    in view, and below it the model releases and the spending of the period selected (or
    of the same span): one time axis. None without a dated claim."""
    domain = time_domain(claims)
    if domain is None:
        return None
    detail = period or domain
    parts = [overview_chart(claims, domain, period), releases_chart(claims, detail, orgs),
             investments_chart(claims, detail, orgs)]
    return alt.vconcat(*[part for part in parts if part is not None]).resolve_scale(
        x="independent", color="independent", shape="independent", size="independent")


def timeline_parts(claims: pd.DataFrame, period: Period | None = None) -> dict[str, bool]:
    """Which of the timeline's charts have something to draw: "releases", "spending"."""
    domain = time_domain(claims)
    if domain is None:
        return {"releases": False, "spending": False}
    start, end = (period or domain)[0].isoformat(), (period or domain)[1].isoformat()
    shown = dated(claims)
    shown = shown[(shown["date"] >= start) & (shown["date"] <= end)]
    spending = (shown["kind"] == "investment") & (shown["figure"] > 0)
    return {"releases": bool((shown["kind"] == "model_release").any()), "spending": bool(spending.any())}


# --- totals -------------------------------------------------------------------------------------

def spending_by_year_chart(claims: pd.DataFrame, orgs: Palette) -> alt.Chart | None:
    """Claimed spending per year, done and planned side by side, each a stack of blocks, one
    per organization in its colour (organizations without a colour of their own in grey,
    each its own block); each claim counted once."""
    table = dated(claims[(claims["kind"] == "investment") & claims["figure"].notna()])
    if table.empty:
        return None
    summary = (table.assign(year=table["date"].astype(str).str.slice(0, 4), status=table["status"].map(status_label))
               .groupby(["year", "org", "status"], as_index=False)
               .agg(figure=("figure", "sum"), claims=("figure", "size")))
    summary["org_color"] = orgs.group(summary["org"])
    rank = {org: n for n, org in enumerate([*orgs.names, OTHERS])}
    summary["order"] = summary["org_color"].map(rank)
    return alt.Chart(summary).mark_bar(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0, labelOverlap=False)),
        xOffset=alt.XOffset("status:N", scale=alt.Scale(domain=list(PLANNED_OPACITY))),
        y=alt.Y("figure:Q", stack=True, title="US dollars", axis=alt.Axis(labelExpr=DOLLAR_LABELS)),
        color=alt.Color("org_color:N", scale=orgs.scale(), title="Organization", legend=BOTTOM_LEGEND),
        opacity=alt.Opacity("status:N", scale=alt.Scale(domain=list(PLANNED_OPACITY), range=list(PLANNED_OPACITY.values())),
                            title="Status", legend=BOTTOM_LEGEND),
        order=alt.Order("order:Q", sort="ascending"),
        detail="org:N",
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("org:N", title="Organization"),
                 alt.Tooltip("status:N", title="Status"), alt.Tooltip("figure:Q", format="$,.3s", title="Claimed"),
                 alt.Tooltip("claims:Q", title="Claims")],
    ).properties(title="Claimed spending per organization and year", height=360)


def chips_by_org_chart(claims: pd.DataFrame, chips: Palette) -> alt.Chart | None:
    """Chips claimed per organization (the `TOP_ORGS` with the most, then "Others"), done
    and planned side by side, each a stack of blocks, one per chip in its colour (chips
    without a colour of their own in grey, each its own block)."""
    table = claims[(claims["kind"] == "hardware") & claims["figure"].notna()]
    if table.empty:
        return None
    top = table.groupby("org")["figure"].sum().nlargest(TOP_ORGS).index
    table = table.assign(org=table["org"].where(table["org"].isin(top), OTHERS),
                         chip=table["name"].replace("", "Chips, unnamed"), status=table["status"].map(status_label))
    summary = table.groupby(["org", "chip", "status"], as_index=False).agg(figure=("figure", "sum"), claims=("figure", "size"))
    summary["chip_color"] = chips.group(summary["chip"])
    order = [org for org in summary.groupby("org")["figure"].sum().sort_values(ascending=False).index if org != OTHERS]
    return alt.Chart(summary).mark_bar(stroke="white", strokeWidth=0.5).encode(
        y=alt.Y("org:N", title=None, sort=[*order, OTHERS]),
        yOffset=alt.YOffset("status:N", scale=alt.Scale(domain=list(PLANNED_OPACITY))),
        x=alt.X("figure:Q", title="Chips", axis=alt.Axis(format="~s")),
        color=alt.Color("chip_color:N", scale=chips.scale(), title="Chip", legend=BOTTOM_LEGEND),
        opacity=alt.Opacity("status:N", scale=alt.Scale(domain=list(PLANNED_OPACITY), range=list(PLANNED_OPACITY.values())),
                            title="Status", legend=BOTTOM_LEGEND),
        detail="chip:N",
        tooltip=[alt.Tooltip("org:N", title="Organization"), alt.Tooltip("chip:N", title="Chip"),
                 alt.Tooltip("status:N", title="Status"), alt.Tooltip("figure:Q", format=",.0f", title="Chips"),
                 alt.Tooltip("claims:Q", title="Claims")],
    ).properties(title="AI chips claimed per organization", height=alt.Step(14))
