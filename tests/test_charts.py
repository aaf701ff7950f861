"""Charts read as their Vega-Lite specs: a colour per organization that no filter moves, one
time axis across the timeline, log axes at decades that span every range, month bars named
by their month, release labels that never collide, and no chart where there is nothing to
draw."""
import datetime as dt
import json

import altair as alt
import pandas as pd
import pytest

from pipeline.views import charts, totals
from pipeline.views.palette import OTHERS, ORG_COLORS, REST_COLOR, chip_palette, org_palette


def claims(*rows: dict) -> pd.DataFrame:
    """A claims table as `claim_table` gives it, from the values each row sets."""
    defaults = {"kind": "investment", "org": "Meta", "name": "", "status": "done", "sources": 1, "date": "2024-05-01",
                "amount_low": None, "amount_high": None, "evidence": "A sentence.", "article_title": "A story",
                "when": "May 2024", "disputed": False, "flag": "", "category": None, "counterparty": None,
                "period_start": None, "period_end": None, "measure": None, "date_precision": "day"}
    table = pd.DataFrame([{**defaults, "claim_id": f"c{n}", **row} for n, row in enumerate(rows)])
    table["amount_low"] = table["amount_low"].astype(float)
    table["amount_high"] = table["amount_high"].astype(float)
    table["figure"] = table["amount_low"].fillna(table["amount_high"])
    table["amount"] = table["figure"].map(lambda v: "" if v != v else f"${v / 1e9:g}B")
    table["item"], table["first_reported"] = table["name"], table["date"]
    return table


STORE = claims(
    {"org": "Meta", "amount_low": 60e9, "amount_high": 65e9, "sources": 4, "date": "2025-01-24"},
    {"org": "Microsoft", "amount_low": 80e9, "amount_high": 80e9, "sources": 3, "date": "2025-01-03"},
    {"org": "Google", "amount_low": 75e9, "amount_high": 75e9, "sources": 2, "date": "2025-02-04", "status": "planned"},
    {"org": "Nebius", "amount_low": 17.4e9, "amount_high": 17.4e9, "date": "2025-09-09", "category": "contract",
     "counterparty": "Microsoft", "period_start": "2025-09-09", "period_end": "2030-09-08"},
    {"org": "xAI", "amount_low": 6e8, "amount_high": 2.5e12, "date": "2023-07-01"},  # a wide range
    {"kind": "model_release", "org": "Meta", "name": "Llama 3", "date": "2024-04-18", "sources": 3},
    {"kind": "model_release", "org": "Meta", "name": "Llama 3.1", "date": "2024-07-23", "sources": 5},
    {"kind": "model_release", "org": "Meta", "name": "Llama 3.1 405B", "date": "2024-07-24", "sources": 1},
    {"kind": "model_release", "org": "OpenAI", "name": "GPT-5", "date": "2025-08-07", "sources": 2},
    {"kind": "model_release", "org": "OpenAI", "name": "gpt-oss", "date": "2025-08-05", "sources": 1},
    {"kind": "hardware", "org": "Meta", "name": "Nvidia H100", "amount_low": 350000, "amount_high": 350000,
     "date": "2024-12-31"},
)
ORGS = org_palette(STORE)
CAPEX = pd.DataFrame([  # `capex_by_year`'s table: Meta's 2025 guidance, Microsoft's fiscal 2025 actual, quarters only
    {"org": "Meta", "year": 2025, "period_start": "2025-01-01", "period_end": "2025-12-31", "figure_low": 64e9,
     "figure_high": 72e9, "basis": "latest guidance", "guidance_low": 64e9, "guidance_high": 72e9,
     "guidance_reported": "2025-04-30", "quarters_reported": 0, "guidance_steps": 2},
    {"org": "Microsoft", "year": 2025, "period_start": "2024-07-01", "period_end": "2025-06-30", "figure_low": 88e9,
     "figure_high": 88e9, "basis": "actual", "actual": 88e9, "quarters_reported": 4, "quarters_total": 88.2e9},
    {"org": "Google", "year": 2024, "figure_low": None, "figure_high": None, "basis": "quarters only",
     "quarters_reported": 1, "quarters_total": 14.3e9},
]).reindex(columns=totals.CAPEX_COLUMNS)


def spec_of(chart) -> dict:
    """A chart's Vega-Lite spec, checked against Vega-Lite's schema: an Altair chart's
    `to_dict()`, or a spec the builders put together (its datasets, DataFrames, as rows)."""
    if not isinstance(chart, dict):
        return chart.to_dict()
    spec = {**chart, "datasets": {name: json.loads(frame.to_json(orient="records"))
                                  for name, frame in chart["datasets"].items()}}
    kind = alt.VConcatChart if "vconcat" in spec else alt.LayerChart
    kind.from_dict(spec, validate=True)
    return spec


def layers(spec: dict) -> list[dict]:
    """Every single view in a spec, through vconcat and layer."""
    found = []
    for part in spec.get("vconcat", [spec]):
        found += part.get("layer", [part])
    return found


def colours(spec: dict) -> dict[str, str]:
    """What the spec colours by organization: name -> colour."""
    for view in layers(spec):
        color = view.get("encoding", {}).get("color", {})
        if color.get("field") == "org_color":
            return dict(zip(color["scale"]["domain"], color["scale"]["range"]))
    return {}


def test_org_palette_colours_the_biggest_spenders_of_the_whole_store_and_greys_the_rest():
    assert ORGS.names[:3] == ("Microsoft", "Google", "Meta")  # by claimed spending; then the most reported
    assert len(set(ORGS.scale().range)) == len(ORGS.names) + 1
    assert ORGS.color("Microsoft") == ORG_COLORS[0] and ORGS.color("nobody") == REST_COLOR
    assert list(ORGS.group(pd.Series(["Meta", "Unheard Of"]))) == ["Meta", OTHERS]
    crowded = claims(*({"org": f"Org {n:02d}", "amount_low": (n + 1) * 1e9} for n in range(len(ORG_COLORS) + 3)))
    assert org_palette(crowded).names == tuple(f"Org {n:02d}" for n in range(len(ORG_COLORS) + 2, 2, -1))


def test_an_organization_keeps_its_colour_under_any_filter_and_on_every_chart():
    timeline = spec_of(charts.timeline_chart(STORE, ORGS))
    only_meta = spec_of(charts.timeline_chart(STORE[STORE["org"] == "Meta"], ORGS))
    totals = spec_of(charts.capex_chart(CAPEX[CAPEX["org"] != "Microsoft"], ORGS))
    for spec in (timeline, only_meta, totals):
        assert colours(spec)["Meta"] == ORGS.color("Meta")
        assert colours(spec)[OTHERS] == REST_COLOR


def test_kinds_have_one_colour_each_by_their_names_on_screen():
    strip = charts.overview_chart(STORE, charts.time_domain(STORE)).to_dict()
    color = strip["encoding"]["color"]["scale"]
    assert color["domain"] == ["Investment", "Chips", "Model release"] and len(set(color["range"])) == 3


def x_domains(spec: dict) -> list:
    return [view["encoding"]["x"]["scale"]["domain"] for view in layers(spec)
            if view.get("encoding", {}).get("x", {}).get("scale", {}).get("domain")]


def test_timeline_charts_share_one_time_axis_of_whole_years():
    spec = spec_of(charts.timeline_chart(STORE, ORGS))
    domains = x_domains(spec)
    assert len(domains) >= 3 and all(domain == domains[0] for domain in domains)
    assert domains[0][0] == {"year": 2023, "month": 1, "date": 1, "utc": True}
    assert domains[0][1] == {"year": 2026, "month": 1, "date": 1, "utc": True}  # the end of 2025 included


def test_a_selected_period_narrows_the_charts_below_the_strip_to_its_days():
    period = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    spec = spec_of(charts.timeline_chart(STORE, ORGS, period))
    strip, *details = spec["vconcat"]
    assert strip["encoding"]["x"]["scale"]["domain"][0]["year"] == 2023  # the strip keeps the whole span
    brush = next(param for param in spec["params"] if param["name"] == charts.BRUSH)
    assert brush["value"]["x"] == [{"year": 2024, "month": 1, "date": 1, "utc": True},
                                   {"year": 2025, "month": 1, "date": 1, "utc": True}]  # drawn where it was left
    for view in details:
        assert view["layer"][0]["encoding"]["x"]["scale"]["domain"] == [
            {"year": 2024, "month": 1, "date": 1, "utc": True}, {"year": 2025, "month": 1, "date": 1, "utc": True}]
    assert len(details) == 1  # no spending claim in 2024: the page says so instead of an empty chart


def test_month_bars_run_from_the_first_of_their_month_to_the_next_and_are_named_by_month():
    counts = charts.monthly_counts(claims({"date": "2024-04-30"}, {"date": "2024-04-01", "kind": "hardware"}))
    assert list(counts["month_name"]) == ["Apr 2024", "Apr 2024"]
    start = pd.Timestamp("2024-04-01", tz="UTC").value // 10**6
    assert set(counts["month"]) == {start} and set(counts["end"]) == {pd.Timestamp("2024-05-01", tz="UTC").value // 10**6}
    assert sorted(zip(counts["bottom"], counts["top"])) == [(0, 1), (1, 2)]  # stacked


def test_log_axis_is_labelled_at_decades_and_spans_every_range_bar():
    spec = spec_of(charts.investments_chart(STORE, charts.time_domain(STORE), ORGS))
    y = next(view["encoding"]["y"] for view in layers(spec) if view["encoding"]["y"]["field"] == "figure")
    assert y["axis"]["values"] == [1e8, 1e9, 1e10, 1e11, 1e12, 1e13]
    assert y["scale"]["domain"] == [1e8, 1e13] and y["scale"]["type"] == "log"
    assert y["scale"]["domain"][1] >= STORE["amount_high"].max()  # the $2.5T top of xAI's range is inside


def test_decades_cover_both_ends_with_at_least_two_ticks():
    assert charts.decades(1e6, 1e6) == [1e6, 1e7]
    assert charts.decades(2.5e6, 7.1e8) == [1e6, 1e7, 1e8, 1e9]


def spans(table: pd.DataFrame, period) -> dict:
    x = charts._px(table["date"], period, charts.TIMELINE_WIDTH)
    out = {}
    for (org, label, side), at in zip(table[["org", "label", "side"]].itertuples(index=False), x):
        if label:
            size = len(label) * charts.LABEL_CHAR_WIDTH
            out.setdefault(org, []).append((at + charts.LABEL_GAP, at + charts.LABEL_GAP + size) if side == "right"
                                           else (at - charts.LABEL_GAP - size, at - charts.LABEL_GAP))
    return out


@pytest.mark.parametrize("period", [(dt.date(2024, 1, 1), dt.date(2025, 12, 31)), (dt.date(2019, 1, 1), dt.date(2025, 12, 31))])
def test_release_labels_never_overlap_and_stay_inside_the_chart(period):
    releases = STORE[STORE["kind"] == "model_release"]
    labelled = charts.release_labels(charts.marks(releases, ORGS), period)
    for lane in spans(labelled, period).values():
        assert all(0 <= a and b <= charts.TIMELINE_WIDTH for a, b in lane)
        assert all(not (a1 < b2 and a2 < b1) for n, (a1, b1) in enumerate(lane) for a2, b2 in lane[n + 1:])
    named = set(labelled.loc[labelled["label"] != "", "name"])
    assert {"Llama 3.1", "GPT-5"} <= named  # the most reported of each lane
    assert named != set(releases["name"])  # the crowded ones are left to their tooltips


def test_views_with_nothing_to_draw_give_no_chart():
    chips = STORE[STORE["kind"] == "hardware"]
    domain = charts.time_domain(chips)
    assert charts.releases_chart(chips, domain, ORGS) is None
    assert charts.investments_chart(chips, domain, ORGS) is None
    assert charts.capex_chart(CAPEX[CAPEX["figure_low"].isna()], ORGS) is None  # quarters only: no year to draw
    assert charts.fleets_chart(totals.chip_fleets(STORE[STORE["kind"] == "investment"]), chip_palette(STORE)) is None
    assert charts.commitments_chart(totals.commitments(STORE.assign(period_start=None)), ORGS) is None
    assert charts.guidance_chart(pd.DataFrame(columns=totals.HISTORY_COLUMNS)) is None
    assert charts.timeline_chart(STORE.assign(date=None), ORGS) is None
    assert len(spec_of(charts.timeline_chart(chips, ORGS))["vconcat"]) == 1  # the strip only
    assert charts.timeline_parts(chips) == {"releases": False, "spending": False}


def test_every_chart_is_valid_vega_lite_and_gets_only_the_rows_it_draws():
    built = [charts.timeline_chart(STORE, ORGS, (dt.date(2024, 1, 1), dt.date(2025, 6, 30))),
             charts.capex_chart(CAPEX, ORGS), charts.fleets_chart(totals.chip_fleets(STORE), chip_palette(STORE)),
             charts.commitments_chart(totals.commitments(STORE), ORGS)]
    for chart in built:
        spec = spec_of(chart)  # checked against the Vega-Lite schema
        assert all(len(rows) <= len(STORE) for rows in spec["datasets"].values())


def test_dated_investments_beyond_the_mark_limit_keep_the_largest():
    many = claims(*({"amount_low": float(n + 1) * 1e6, "date": "2024-01-01"} for n in range(charts.MAX_POINTS + 50)))
    kept = charts.largest(many)
    assert len(kept) == charts.MAX_POINTS and kept["figure"].min() == 51e6


def test_capex_bars_are_one_per_organization_and_year_never_a_stack():
    spec = spec_of(charts.capex_chart(CAPEX, ORGS))
    [bars, ranges] = layers(spec)
    assert bars["encoding"]["xOffset"]["field"] == "org" and "stack" not in json.dumps(bars["encoding"]["y"])
    drawn = next(iter(spec["datasets"].values()))
    assert sorted((row["org"], row["figure_low"], row["basis"]) for row in drawn) == [
        ("Meta", 64e9, "latest guidance"), ("Microsoft", 88e9, "actual")]  # the quarters are not drawn into a year
    assert ranges["encoding"]["y2"]["field"] == "figure_high"  # Meta's $64-72B drawn as a range


def test_guidance_chart_draws_each_report_where_it_was_first_told_and_the_actual_apart():
    history = pd.DataFrame({"org": "Meta", "year": 2025, "reported": ["2025-01-29", "2025-04-30", "2026-01-29"],
                            "kind_of_figure": ["guidance", "guidance", "actual"], "amount_low": [60e9, 64e9, 72.2e9],
                            "amount_high": [65e9, 72e9, 72.2e9], "claim_id": ["a", "b", "c"],
                            "evidence": ["Jan.", "Apr.", "Actual."], "article_title": "A story"})
    spec = spec_of(charts.guidance_chart(history))
    [rows] = spec["datasets"].values()
    assert [(r["reported"], r["figure"], r["kind_of_figure"]) for r in rows] == [
        ("2025-01-29", "$60B-$65B", "guidance"), ("2025-04-30", "$64B-$72B", "guidance"), ("2026-01-29", "$72.2B", "actual")]
    steps, _, points, _ = layers(spec)
    assert steps["mark"]["interpolate"] == "step-after"
    assert points["encoding"]["shape"]["scale"]["range"] == ["circle", "diamond"]


def test_commitments_span_their_period_and_fleets_keep_each_kind_of_chip_apart():
    pledges = claims({"org": "Meta", "amount_low": 600e9, "amount_high": 600e9, "category": "facility",
                      "period_start": "2026-01-01", "period_end": "2028-12-31"},
                     {"org": "OpenAI", "amount_low": 300e9, "amount_high": 300e9, "category": "contract",
                      "counterparty": "Oracle", "period_start": "2027-01-01", "period_end": "2031-12-31"})
    spec = spec_of(charts.commitments_chart(totals.commitments(pledges), ORGS))
    assert (spec["encoding"]["x"]["field"], spec["encoding"]["x2"]["field"]) == ("period_start", "period_end")
    [rows] = spec["datasets"].values()
    assert {r["label"] for r in rows} == {"Meta · $600B · facility", "OpenAI · $300B · contract with Oracle"}
    fleet = claims({"kind": "hardware", "name": "Nvidia H100", "amount_low": 350e3, "amount_high": 350e3, "measure": "fleet"},
                   {"kind": "hardware", "name": "Google TPU", "amount_low": 1e6, "amount_high": 1e6, "measure": "fleet"})
    spec = spec_of(charts.fleets_chart(totals.chip_fleets(fleet), chip_palette(fleet)))
    assert spec["encoding"]["yOffset"]["field"] == "chip" and "stack" not in spec["encoding"]["x"]
    [rows] = spec["datasets"].values()
    assert sorted(r["units"] for r in rows) == [350e3, 1e6]  # two bars, not one of 1.35 million
