"""Altair charts of claims. Each builder takes a DataFrame of claims (the table
`reviewed.claim_table` gives, with a `flag` column where dates need checking) and returns
a chart, or None when there is nothing to draw: the page then says so in a sentence.

The timeline's charts are layers of views stacked one above the other. Altair copies every
view of a layered or stacked chart several times as it builds one (0.3 s for the timeline,
as long as the rest of its work), so those builders make each view with Altair and put
them together as Vega-Lite: they return a spec (a dict) whose `datasets` hold DataFrames.

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
import threading
import uuid

import altair as alt
import numpy as np
import pandas as pd

from .display import KIND_LABELS, format_amount, format_date, format_period, plain_text, status_label
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
MAX_RELEASES = 600       # release marks drawn (the most reported): more would not fit in the lanes
LABELS_TRIED = 40        # labels tried in a lane; a lane holds fewer
BOTTOM_LEGEND = alt.Legend(orient="bottom", columns=6, symbolLimit=0, labelLimit=150)         # the name of the time selection on the timeline's strip

Period = tuple[dt.date, dt.date]


# --- what the charts read ---------------------------------------------------------------------

CHART_COLUMNS = ["claim_id", "kind", "org", "name", "amount", "when", "status", "sources", "evidence", "article_title",
                 "figure", "amount_low", "amount_high", "date", "flag"]


def dated(claims: pd.DataFrame, kind: str | None = None, period: Period | None = None) -> pd.DataFrame:
    """Claims with a date (of one kind, within a period, where given), with the columns a
    chart reads: one selection of a few columns, not several of every column."""
    mask = claims["date"].notna().to_numpy().copy()  # (pandas hands out read-only arrays)
    if kind is not None:
        mask &= (claims["kind"] == kind).to_numpy()
    if period is not None:
        days = claims["date"].astype("str")
        mask &= ((days >= period[0].isoformat()) & (days <= period[1].isoformat())).fillna(False).to_numpy(dtype=bool)
    return claims[[c for c in CHART_COLUMNS if c in claims]][mask]


def largest(table: pd.DataFrame, limit: int = MAX_POINTS) -> pd.DataFrame:
    """At most `limit` rows, keeping the largest figures (and the most reported)."""
    if len(table) <= limit:
        return table
    return table.sort_values(["figure", "sources"], ascending=False).head(limit)


TOOLTIP_SENTENCE = 200   # characters of a sentence a tooltip shows


def marks(claims: pd.DataFrame, orgs: Palette, amounts: bool = True) -> pd.DataFrame:
    """The columns a mark and its tooltip need, as people read them (and only those: every
    column goes to the browser)."""
    columns = ["date", "org", "name", "when", "status", "sources", "evidence", "article_title", "flag",
               *(["amount", "figure", "amount_low", "amount_high"] if amounts else [])]
    table = claims[[c for c in columns if c in claims]].copy()
    table["date"] = table["date"].astype(str).str.slice(0, 10)
    table["t"] = epoch_ms(table["date"])
    table["org_color"] = orgs.group(table["org"])
    table["status"] = table["status"].map(status_label)
    table["evidence"] = [plain_text(sentence[:TOOLTIP_SENTENCE + 50])[:TOOLTIP_SENTENCE] for sentence in table["evidence"]]
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
    dates = claims["date"].dropna()
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
    counts = (pd.DataFrame({"month": months, "kind": table["kind"].map(KIND_LABELS)})
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
    ).add_params(brush).properties(height=70, width=TIMELINE_WIDTH, name="strip",
                                   title="Claims per month: drag across the strip to select a period")


def release_labels(table: pd.DataFrame, period: Period, width: int = TIMELINE_WIDTH) -> pd.DataFrame:
    """Which releases carry a label, and where: in each lane (organization) the most
    reported first, each label to the right of its point, else to its left, and only where
    it covers neither another label nor another point and stays inside the chart (at most
    `LABELS_TRIED` tried in a lane). The rest are named in their tooltips. Adds `label`
    ("" for none), `side` and `label_t`, the time at the label's centre (so that one layer
    of centred text draws every label)."""
    table = table.copy()
    if table.empty:
        return table.assign(label="", side="right", label_t=table.get("t"))
    x = _px(table["date"], period, width)
    names = table["name"].fillna("").tolist()
    labels, sides, centres = [""] * len(table), ["right"] * len(table), x.copy()
    rank = np.lexsort((table["date"].to_numpy(dtype=str), -table["sources"].to_numpy(dtype=float)))
    lane_of = table["org"].tolist()
    lanes: dict[str, np.ndarray] = {org: x[[at for at, o in enumerate(lane_of) if o == org]] for org in set(lane_of)}
    taken: dict[str, list[tuple[float, float]]] = {org: [] for org in lanes}
    tried = dict.fromkeys(lanes, 0)
    for at in rank.tolist():
        lane = lane_of[at]
        if not names[at] or tried[lane] >= LABELS_TRIED:
            continue
        tried[lane] += 1
        size = len(names[at]) * LABEL_CHAR_WIDTH
        for side, (left, right) in (("right", (x[at] + LABEL_GAP, x[at] + LABEL_GAP + size)),
                                    ("left", (x[at] - LABEL_GAP - size, x[at] - LABEL_GAP))):
            inside = left >= 0 and right <= width
            clear = not any(a < right and left < b for a, b in taken[lane])
            if inside and clear and not np.any((lanes[lane] > left - 4) & (lanes[lane] < right + 4)):
                labels[at], sides[at], centres[at] = names[at], side, (left + right) / 2
                taken[lane].append((left, right))
                break
    start = _ms_of(period[0])
    per_pixel = (_ms_of(period[1] + dt.timedelta(days=1)) - start) / width
    centres = np.where(np.isnan(centres), 0, centres)  # undated: never labelled
    return table.assign(label=labels, side=sides, label_t=(start + centres * per_pixel).round().astype("int64"))


def _ms_of(day: dt.date) -> int:
    return int(dt.datetime.combine(day, dt.time(), dt.timezone.utc).timestamp() * 1000)


def releases_chart(claims: pd.DataFrame, period: Period, orgs: Palette) -> dict | None:
    """Model releases on the shared time axis, one lane per organization in its colour,
    done and planned by shape (at most `MAX_RELEASES`, the most reported); the most reported
    named where their labels fit."""
    table = dated(claims, "model_release", period)
    if table.empty:
        return None
    table = release_labels(marks(largest(table.assign(figure=table["sources"]), MAX_RELEASES), orgs, amounts=False), period)
    lanes = list(table.sort_values("date").drop_duplicates("org")["org"])
    y = alt.Y("org:N", title=None, sort=lanes,
              axis=alt.Axis(minExtent=AXIS_EXTENT, maxExtent=AXIS_EXTENT, labelLimit=AXIS_EXTENT - 10))
    base = alt.Chart(table).encode(y=y)
    points = base.mark_point(filled=True, size=90, opacity=0.9).encode(
        x=_x(period),
        color=alt.Color("org_color:N", scale=orgs.scale(), legend=None),
        shape=alt.Shape("status:N", scale=status_shapes(), title="Status"),
        tooltip=_tooltip(amount=False),
    )
    labels = base.transform_filter("datum.label != ''").mark_text(fontSize=LABEL_FONT, clip=True).encode(
        x=_x(period, "label_t"), text="label:N")
    return layered([points, labels], title="Model releases", height={"step": LANE_HEIGHT}, width=TIMELINE_WIDTH)


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


def investments_chart(claims: pd.DataFrame, period: Period, orgs: Palette) -> dict | None:
    """Claimed spending on the shared time axis and a log dollar scale labelled at decades:
    each claim a mark in its organization's colour, done and planned by shape, sized by the
    articles reporting it; a range drawn as a bar, never cut off; a date to check ringed."""
    table = dated(claims, "investment", period)
    table = table[table["figure"].notna() & (table["figure"] > 0)]
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
    ).encode(y=_dollars("figure", ticks))
    return layered([ranges, points, rings], height=320, width=TIMELINE_WIDTH,
                   title="Claimed AI-compute spending (ranges drawn as bars; dashed rings: dates to check)")


def timeline_chart(claims: pd.DataFrame, orgs: Palette, period: Period | None = None) -> dict | None:
    """The strip of claims per month with its time brush over the whole span of the claims
    in view, and below it the model releases and the spending of the period selected (or
    of the same span): one time axis. None without a dated claim."""
    domain = time_domain(claims)
    if domain is None:
        return None
    detail = period or domain
    datasets: dict[str, pd.DataFrame] = {}
    strip = view_spec(overview_chart(claims, domain, period), datasets)
    brush = [{**param, "views": ["strip"]} for param in strip.pop("params", [])]  # where Altair puts a view's selection
    parts = [strip, releases_chart(claims, detail, orgs), investments_chart(claims, detail, orgs)]
    for part in parts[1:]:
        if part is not None:
            datasets.update(part.pop("datasets"))
            part.pop("$schema")
    return {"$schema": SCHEMA, "params": brush, "vconcat": [part for part in parts if part is not None],
            "resolve": {"scale": {"x": "independent", "color": "independent", "shape": "independent",
                                  "size": "independent"}},
            "datasets": datasets}


# --- views put together as Vega-Lite -------------------------------------------------------------

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
_TRANSFORMER = threading.Lock()  # Altair's data transformer is one setting for every thread
_TOP_LEVEL = ("$schema", "config", "datasets", "autosize", "background", "padding")


def view_spec(chart: alt.Chart, datasets: dict[str, pd.DataFrame]) -> dict:
    """One view's Vega-Lite spec; its DataFrame goes into `datasets` under a name made from
    its contents, and the view refers to it by that name."""
    def named(data: pd.DataFrame) -> dict:
        name = f"data-{uuid.uuid4().hex[:16]}"  # a spec is made once per state of the store and filters
        datasets[name] = data
        return {"name": name}

    with _TRANSFORMER:
        alt.data_transformers.register("ledger_named", named)
        with alt.data_transformers.enable("ledger_named"):
            spec = chart.to_dict(validate=False)
    return {key: value for key, value in spec.items() if key not in _TOP_LEVEL}


def layered(views: list[alt.Chart], **properties) -> dict:
    """Views drawn over one another (sharing scales), as Vega-Lite, with their datasets."""
    datasets: dict[str, pd.DataFrame] = {}
    layers = [view_spec(view, datasets) for view in views]
    return {"$schema": SCHEMA, "layer": layers, **properties, "datasets": datasets}


def timeline_parts(claims: pd.DataFrame, period: Period | None = None) -> dict[str, bool]:
    """Which of the timeline's charts have something to draw: "releases", "spending"."""
    domain = time_domain(claims)
    if domain is None:
        return {"releases": False, "spending": False}
    shown = dated(claims, period=period or domain)
    spending = (shown["kind"] == "investment") & (shown["figure"] > 0)
    return {"releases": bool((shown["kind"] == "model_release").any()), "spending": bool(spending.any())}


# --- totals: figures that can be cited (`totals`), never sums of unlike things ------------------

BASIS_OPACITY = {"actual": 1.0, "latest guidance": 0.55}
FEW_BARS = 8             # up to this many capex bars get a width of their own...
CAPEX_MIN_WIDTH = 480    # ...sharing this many pixels, so that the legends fit
COMMITMENTS_SHOWN = 40   # commitments drawn (the largest); the table lists every one


def _dollar_axis(title: str = "US dollars") -> alt.Axis:
    return alt.Axis(labelExpr=DOLLAR_LABELS, title=title)


def capex_chart(capex: pd.DataFrame, orgs: Palette) -> alt.LayerChart | None:
    """Each organization's capex figure per (fiscal) year, one bar each side by side (never
    stacked: organizations' years differ), the actual solid and the latest guidance lighter;
    a range drawn as a line from its low end to its high end. `capex` is `capex_by_year`'s
    table; organizations beyond `TOP_ORGS` (by their largest figure) are in the table only."""
    table = capex[capex["figure_low"].notna()].copy()
    if table.empty:
        return None
    top = list(table.groupby("org")["figure_low"].max().nlargest(TOP_ORGS).index)
    table = table[table["org"].isin(top)]
    table["year"] = table["year"].astype(str)
    table["org_color"] = orgs.group(table["org"])
    table["figure"] = [format_amount("investment", low, high) for low, high in zip(table["figure_low"], table["figure_high"])]
    table["guidance"] = [format_amount("investment", low, high) for low, high in zip(table["guidance_low"], table["guidance_high"])]
    table["period"] = [format_period(start, end) for start, end in zip(table["period_start"], table["period_end"])]
    table["guidance_reported"] = table["guidance_reported"].fillna("").astype(str).str.slice(0, 10)
    columns = ["org", "org_color", "year", "period", "basis", "figure", "figure_low", "figure_high", "guidance",
               "guidance_reported", "quarters_reported"]
    base = alt.Chart(table[columns]).encode(
        x=alt.X("year:O", title="Year (the organization's fiscal year)", axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("org:N", sort=top),
        color=alt.Color("org_color:N", scale=orgs.scale(), title="Organization", legend=BOTTOM_LEGEND),
        tooltip=[alt.Tooltip("org:N", title="Organization"), alt.Tooltip("period:N", title="Period"),
                 alt.Tooltip("figure:N", title="Figure to cite"), alt.Tooltip("basis:N", title="Basis"),
                 alt.Tooltip("guidance:N", title="Latest guidance"),
                 alt.Tooltip("guidance_reported:N", title="Guidance first reported"),
                 alt.Tooltip("quarters_reported:Q", title="Quarters reported as actuals")],
    )
    bars = base.mark_bar().encode(
        y=alt.Y("figure_low:Q", axis=_dollar_axis()),
        opacity=alt.Opacity("basis:N", scale=alt.Scale(domain=list(BASIS_OPACITY), range=list(BASIS_OPACITY.values())),
                            title="Basis", legend=BOTTOM_LEGEND))
    ranges = base.transform_filter("datum.figure_high > datum.figure_low").mark_rule(strokeWidth=3).encode(
        y="figure_low:Q", y2="figure_high:Q")
    chart = alt.layer(bars, ranges).properties(
        title="Capex per organization and year: the actual, or the latest guidance", height=340)
    if len(table) <= FEW_BARS:  # few bars: wide enough for the legends, not a wall of colour
        chart = chart.properties(width=alt.Step(CAPEX_MIN_WIDTH // len(table), **{"for": "offset"}))
    return chart  # many: as wide as the page


def guidance_chart(history: pd.DataFrame) -> alt.LayerChart | None:
    """How an organization's capex guidance moved: each report at the day it was first told,
    its range drawn as a bar from low to high and labelled, a step from one report to the
    next, and the actual as a diamond; one colour per (fiscal) year. `history` is
    `guidance_history`'s table for one organization."""
    if history.empty:
        return None
    table = history.copy()
    table["year"] = "FY" + table["year"].astype(str)
    table["reported"] = table["reported"].astype(str).str.slice(0, 10)
    table["middle"] = (table["amount_low"] + table["amount_high"]) / 2
    table["figure"] = [format_amount("investment", low, high) for low, high in zip(table["amount_low"], table["amount_high"])]
    table["evidence"] = [plain_text(sentence)[:TOOLTIP_SENTENCE] for sentence in table["evidence"].fillna("")]
    table = table[["year", "reported", "kind_of_figure", "amount_low", "amount_high", "middle", "figure", "evidence",
                   "article_title"]]
    base = alt.Chart(table).encode(
        x=alt.X("reported:T", title="First reported", scale=alt.Scale(type="utc"), axis=alt.Axis(format="%b %Y")),
        color=alt.Color("year:N", title="Year", legend=BOTTOM_LEGEND),
        tooltip=[alt.Tooltip("year:N", title="Year"), alt.Tooltip("kind_of_figure:N", title="Figure"),
                 alt.Tooltip("figure:N", title="Amount"), alt.Tooltip("reported:N", title="First reported"),
                 alt.Tooltip("evidence:N", title="Evidence"), alt.Tooltip("article_title:N", title="Source")],
    )
    low, high = float(table["amount_low"].min()), float(table["amount_high"].max())
    margin = max(high - low, high * 0.05) * 0.15  # room above and below every range bar and label
    steps = base.mark_line(interpolate="step-after", strokeDash=[4, 3], opacity=0.7).encode(
        y=alt.Y("middle:Q", axis=_dollar_axis(), scale=alt.Scale(domain=[max(low - margin, 0), high + margin], nice=False)),
        detail="year:N")
    ranges = base.mark_rule(strokeWidth=6, opacity=0.6).encode(y="amount_low:Q", y2="amount_high:Q")
    points = base.mark_point(filled=True, size=90).encode(
        y="middle:Q", shape=alt.Shape("kind_of_figure:N", title="Figure", legend=BOTTOM_LEGEND,
                                      scale=alt.Scale(domain=["guidance", "actual"], range=["circle", "diamond"])))
    labels = base.mark_text(align="left", dx=9, dy=-9, fontSize=LABEL_FONT).encode(y="middle:Q", text="figure:N")
    return alt.layer(steps, ranges, points, labels).properties(
        title="Capex guidance as it moved, then the actual", height=320)


def commitments_chart(table: pd.DataFrame, orgs: Palette) -> alt.Chart | None:
    """Multi-year pledges, contracts, programmes and facilities as bars spanning their
    period, one row each (the `COMMITMENTS_SHOWN` largest), never inside a year's capex.
    `table` is `commitments`' table; those without a period are in the table only."""
    table = table[table["period_start"].notna() & table["period_end"].notna()].copy()
    if table.empty:
        return None
    table["figure"] = table["amount_low"].fillna(table["amount_high"])
    table = table.sort_values("figure", ascending=False, na_position="last").head(COMMITMENTS_SHOWN)
    table["amount"] = [format_amount("investment", low, high) for low, high in zip(table["amount_low"], table["amount_high"])]
    table["category"] = table["category"].fillna("unclassified")
    table["counterparty"] = table["counterparty"].fillna("")
    table["label"] = [f"{org} · {amount or 'no amount'} · {category}" + (f" with {counterparty}" if counterparty else "")
                      for org, amount, category, counterparty in zip(
                          table["org"], table["amount"], table["category"], table["counterparty"])]
    repeat = table.groupby("label").cumcount()  # two alike commitments keep a row each
    table["label"] = table["label"] + repeat.map(lambda n: f" ({n + 1})" if n else "")
    table["org_color"] = orgs.group(table["org"])
    table["status"] = table["status"].map(status_label)
    table["evidence"] = [plain_text(sentence)[:TOOLTIP_SENTENCE] for sentence in table["evidence"].fillna("")]
    table = table.sort_values(["period_start", "period_end"])
    table = table[["label", "org", "org_color", "amount", "category", "period_start", "period_end", "status",
                   "first_reported", "evidence"]].astype({"period_start": str, "period_end": str, "first_reported": str})
    return alt.Chart(table).mark_bar(height=10).encode(
        x=alt.X("period_start:T", title="Period covered", scale=alt.Scale(type="utc"), axis=alt.Axis(format="%Y")),
        x2="period_end:T",
        y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=360)),
        color=alt.Color("org_color:N", scale=orgs.scale(), title="Organization", legend=BOTTOM_LEGEND),
        opacity=alt.Opacity("status:N", scale=alt.Scale(domain=list(PLANNED_OPACITY), range=list(PLANNED_OPACITY.values())),
                            title="Status", legend=BOTTOM_LEGEND),
        tooltip=[alt.Tooltip("org:N", title="Organization"), alt.Tooltip("amount:N", title="Amount"),
                 alt.Tooltip("category:N", title="What"), alt.Tooltip("period_start:N", title="From"),
                 alt.Tooltip("period_end:N", title="To"), alt.Tooltip("status:N", title="Status"),
                 alt.Tooltip("first_reported:N", title="First reported"), alt.Tooltip("evidence:N", title="Evidence")],
    ).properties(title="Commitments over the period they cover", height=alt.Step(18))


def fleets_chart(fleets: pd.DataFrame, chips: Palette) -> alt.Chart | None:
    """Each organization's latest fleet figure per kind of unit, a bar each side by side
    (kinds are never added), for the `TOP_ORGS` with the largest fleets. `fleets` is
    `chip_fleets`' table."""
    table = fleets[fleets["units"].notna()].copy()
    if table.empty:
        return None
    top = list(table.groupby("org")["units"].max().nlargest(TOP_ORGS).index)
    table = table[table["org"].isin(top)]
    table["chip"] = table["item"].fillna("").replace("", "Chips, unnamed")
    table["chip_color"] = chips.group(table["chip"])
    table["when"] = [format_date(date, precision) for date, precision in zip(table["date"], table["date_precision"])]
    table["status"] = table["status"].map(status_label)
    table["evidence"] = [plain_text(sentence)[:TOOLTIP_SENTENCE] for sentence in table["evidence"].fillna("")]
    table = table[["org", "chip", "chip_color", "units", "when", "status", "evidence"]]
    return alt.Chart(table).mark_bar().encode(
        y=alt.Y("org:N", title=None, sort=top),
        yOffset=alt.YOffset("chip:N"),
        x=alt.X("units:Q", title="Units (each kind apart)", axis=alt.Axis(format="~s")),
        color=alt.Color("chip_color:N", scale=chips.scale(), title="Chip", legend=BOTTOM_LEGEND),
        tooltip=[alt.Tooltip("org:N", title="Organization"), alt.Tooltip("chip:N", title="Chip"),
                 alt.Tooltip("units:Q", format=",.0f", title="Units"), alt.Tooltip("when:N", title="As of"),
                 alt.Tooltip("status:N", title="Status"), alt.Tooltip("evidence:N", title="Evidence")],
    ).properties(title="Chips per organization: the latest fleet of each kind", height=alt.Step(12))
