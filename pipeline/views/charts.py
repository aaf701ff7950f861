"""Altair charts of claims. Each builder takes a DataFrame and returns a chart; tooltips
show the evidence sentence and its source. Charts receive at most `MAX_POINTS` rows or
an aggregate, never the whole store."""
from __future__ import annotations

import altair as alt
import pandas as pd

MAX_POINTS = 2000
TIMELINE_WIDTH = 760
# Axis labels in dollars as news writes them: $10B, $1T (Vega's SI format says $10G).
DOLLAR_LABELS = ("datum.value >= 1e12 ? '$' + format(datum.value / 1e12, '~g') + 'T' : "
                 "datum.value >= 1e9 ? '$' + format(datum.value / 1e9, '~g') + 'B' : "
                 "datum.value >= 1e6 ? '$' + format(datum.value / 1e6, '~g') + 'M' : '$' + format(datum.value, '~s')")
TOP_ORGS = 12
FIGURE_NOTE = "the low end of a range, or the ceiling where only a ceiling is given"
STATUS_COLORS = alt.Scale(domain=["done", "planned"], range=["#1f77b4", "#ff7f0e"])


def dated(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims with a date, as datetimes, ready for a time axis."""
    table = claims[claims["date"].notna()].copy()
    table["date"] = pd.to_datetime(table["date"])
    return table


def largest(table: pd.DataFrame, limit: int = MAX_POINTS) -> pd.DataFrame:
    """At most `limit` rows, keeping the largest figures (and the most reported)."""
    if len(table) <= limit:
        return table
    return table.sort_values(["figure", "sources"], ascending=False).head(limit)


def _tooltip(amount: bool = True) -> list:
    fields = [alt.Tooltip("org:N", title="Organization"), alt.Tooltip("name:N", title="Model or chip")]
    if amount:
        fields.append(alt.Tooltip("amount:N", title="Amount"))
    return fields + [
        alt.Tooltip("when:N", title="When"), alt.Tooltip("status:N", title="Status"),
        alt.Tooltip("sources:Q", title="Articles"), alt.Tooltip("evidence:N", title="Evidence"),
        alt.Tooltip("article_title:N", title="Source"),
    ]


def _evidence_columns(table: pd.DataFrame) -> pd.DataFrame:
    columns = ["date", "org", "name", "amount", "when", "status", "sources", "evidence", "article_title",
               "figure", "amount_low", "amount_high", "kind", "claim_id"]
    table = table[[c for c in columns if c in table]].copy()
    table["evidence"] = table["evidence"].str.slice(0, 300)
    return table


def time_brush() -> alt.Parameter:
    return alt.selection_interval(encodings=["x"], name="period")


def overview_chart(claims: pd.DataFrame, brush: alt.Parameter) -> alt.Chart:
    """A strip of claims per month: drag across it to narrow the charts below."""
    table = dated(claims)
    table["month"] = table["date"].dt.to_period("M").dt.to_timestamp()
    counts = table.groupby(["month", "kind"]).size().reset_index(name="claims").rename(columns={"month": "date"})
    return alt.Chart(counts).mark_bar().encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("sum(claims):Q", title="Claims"),
        color=alt.Color("kind:N", title="Kind"),
        tooltip=[alt.Tooltip("date:T", format="%b %Y", title="Month"), "kind:N", "claims:Q"],
    ).add_params(brush).properties(height=70, width=TIMELINE_WIDTH, title="Drag across this strip to narrow the charts below")


def releases_chart(claims: pd.DataFrame, brush: alt.Parameter | None = None) -> alt.Chart:
    """Model releases on a timeline, one lane per organization."""
    table = largest(_evidence_columns(dated(claims[claims["kind"] == "model_release"]).assign(figure=1)))
    chart = alt.Chart(table).mark_point(filled=True, size=90).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("org:N", title=None, sort=alt.EncodingSortField("date", op="min")),
        color=alt.Color("status:N", scale=STATUS_COLORS, title="Status"),
        shape=alt.Shape("status:N", title="Status"),
        tooltip=_tooltip(amount=False),
    ).properties(title="Model releases", height=alt.Step(22), width=TIMELINE_WIDTH)
    text = chart.mark_text(align="left", dx=7, fontSize=10).encode(text="name:N")
    layered = chart + text
    return layered.transform_filter(brush) if brush is not None else layered


def investments_chart(claims: pd.DataFrame, brush: alt.Parameter | None = None) -> alt.Chart:
    """Claimed spending over time on a log dollar scale; a range is an error bar, done and
    planned are told apart, a mark's size is the number of articles reporting it."""
    table = dated(claims[(claims["kind"] == "investment") & claims["figure"].notna() & (claims["figure"] > 0)])
    table = largest(_evidence_columns(table))
    base = alt.Chart(table)
    points = base.mark_point(filled=True, opacity=0.85).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year")),
        y=alt.Y("figure:Q", scale=alt.Scale(type="log"), title="US dollars (log scale)", axis=alt.Axis(labelExpr=DOLLAR_LABELS)),
        color=alt.Color("status:N", scale=STATUS_COLORS, title="Status"),
        shape=alt.Shape("status:N", title="Status"),
        size=alt.Size("sources:Q", title="Articles", scale=alt.Scale(range=[60, 600]),
                      legend=alt.Legend(format="d", tickMinStep=1)),
        tooltip=_tooltip(),
    )
    ranges = base.transform_filter(
        "isValid(datum.amount_low) && isValid(datum.amount_high) && datum.amount_low < datum.amount_high"
    ).mark_rule(strokeWidth=2, opacity=0.6).encode(
        x="date:T", y="amount_low:Q", y2="amount_high:Q", color=alt.Color("status:N", scale=STATUS_COLORS),
    )
    layered = (ranges + points).properties(title="Claimed AI-compute spending (ranges drawn as bars)", height=320, width=TIMELINE_WIDTH)
    return layered.transform_filter(brush) if brush is not None else layered


def timeline_chart(claims: pd.DataFrame) -> alt.VConcatChart:
    """The overview strip with a time brush over the release and spending charts."""
    brush = time_brush()
    return alt.vconcat(
        overview_chart(claims, brush), releases_chart(claims, brush), investments_chart(claims, brush),
    ).resolve_scale(color="independent", shape="independent")


def _top_orgs(table: pd.DataFrame, limit: int = TOP_ORGS) -> pd.DataFrame:
    top = table.groupby("org")["figure"].sum().nlargest(limit).index
    table = table.copy()
    table["org"] = table["org"].where(table["org"].isin(top), "Others")
    return table


def spending_by_year_chart(claims: pd.DataFrame) -> alt.Chart:
    """Claimed spending per organization per year, each claim counted once."""
    table = dated(claims[(claims["kind"] == "investment") & claims["figure"].notna()])
    table["year"] = table["date"].dt.year
    table = _top_orgs(table)
    summary = table.groupby(["year", "org", "status"], as_index=False).agg(figure=("figure", "sum"), claims=("figure", "size"))
    return alt.Chart(summary).mark_bar().encode(
        x=alt.X("year:O", title=None),
        y=alt.Y("sum(figure):Q", title="US dollars", axis=alt.Axis(labelExpr=DOLLAR_LABELS)),
        color=alt.Color("org:N", title="Organization"),
        opacity=alt.Opacity("status:N", scale=alt.Scale(domain=["done", "planned"], range=[1.0, 0.55]), title="Status"),
        tooltip=["year:O", "org:N", "status:N", alt.Tooltip("figure:Q", format="$,.3s", title="Claimed"), "claims:Q"],
    ).properties(title="Claimed spending per organization and year", height=320)


def chips_by_org_chart(claims: pd.DataFrame) -> alt.Chart:
    """Chips claimed per organization, by item."""
    table = claims[(claims["kind"] == "hardware") & claims["figure"].notna()]
    table = _top_orgs(table)
    summary = table.groupby(["org", "name", "status"], as_index=False).agg(figure=("figure", "sum"), claims=("figure", "size"))
    return alt.Chart(summary).mark_bar().encode(
        y=alt.Y("org:N", title=None, sort="-x"),
        x=alt.X("sum(figure):Q", title="Chips", axis=alt.Axis(format="~s")),
        color=alt.Color("name:N", title="Chip"),
        opacity=alt.Opacity("status:N", scale=alt.Scale(domain=["done", "planned"], range=[1.0, 0.55]), title="Status"),
        tooltip=["org:N", alt.Tooltip("name:N", title="Chip"), "status:N", alt.Tooltip("figure:Q", format=",.0f", title="Chips"), "claims:Q"],
    ).properties(title="AI chips claimed per organization", height=alt.Step(24))
