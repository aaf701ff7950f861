"""The tables pages show, as people read them: kinds and statuses by their names on screen,
sentences as plain text, the dates to check named, columns titled the same everywhere.
Each takes the reviewed events or claims and returns a DataFrame ready to display."""
from __future__ import annotations

import pandas as pd

from .display import format_amount, format_date, format_period, kind_label, plain_text, status_label

EVENT_COLUMNS = {"org": "Organization", "kind": "Kind", "what": "What", "when": "When", "status": "Status",
                 "flag": "Check", "evidence": "Sentence", "claim_sources": "Articles", "article_title": "Source",
                 "published": "Published", "corrected": "Corrected"}
CLAIM_COLUMNS = {"org": "Organization", "kind": "Kind", "what": "What", "when": "When", "status": "Status",
                 "flag": "Check", "evidence": "Sentence", "sources": "Articles", "disputed_fields": "Disputed"}
REPORT_COLUMNS = {"article_title": "Source", "published": "Published", "what": "What", "when": "When",
                  "status": "Status", "flag": "Check", "evidence": "Sentence"}
# Widths in pixels that leave the sentence most of a 1440-pixel-wide screen, wrapped in rows
# `SENTENCE_ROW` pixels high (five lines); the columns after it are a scroll away.
WIDTHS = {"Organization": 100, "Kind": 95, "What": 130, "When": 95, "Status": 70, "Check": 90, "Sentence": 400,
          "Source": 260, "Articles": 65}
SENTENCE_ROW = 104


def latest(table: pd.DataFrame, limit: int) -> pd.DataFrame:
    """The `limit` rows with the latest dates, undated last; the order
    `sort_values("date", ascending=False, na_position="last")` gives, sorting one column."""
    return table.loc[table["date"].sort_values(ascending=False, na_position="last").index[:limit]]


def what(table: pd.DataFrame) -> list[str]:
    """What each event or claim says in a few words: an amount, a chip count with its chip
    ("350,000 Nvidia H100"), a model's name."""
    return [f"{amount} {name}".strip() if kind == "hardware" else (name if kind == "model_release" else amount) or ""
            for kind, name, amount in zip(table["kind"], table["name"].fillna(""), table["amount"].fillna(""))]


def _readable(table: pd.DataFrame) -> pd.DataFrame:
    """Kinds, statuses and sentences as people read them."""
    table = table.copy()
    table["what"] = what(table)
    table["kind"] = table["kind"].map(kind_label)
    table["status"] = table["status"].map(status_label)
    table["evidence"] = [plain_text(sentence) for sentence in table["evidence"]]
    if "flag" not in table:
        table["flag"] = ""
    return table


def evidence_table(events: pd.DataFrame) -> pd.DataFrame:
    """Events with their sentence, source and publication date (with how it was known)."""
    table = _readable(events)
    table["published"] = table["published"].fillna("no date").astype(str)
    table["corrected"] = table["corrected_fields"].fillna("")
    return table[list(EVENT_COLUMNS)].rename(columns=EVENT_COLUMNS)


def claims_table(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims with the sentence of their earliest report and the number of articles."""
    return _readable(claims)[list(CLAIM_COLUMNS)].rename(columns=CLAIM_COLUMNS)


def reports_table(events: pd.DataFrame) -> pd.DataFrame:
    """Each source's version of one claim."""
    table = _readable(events)
    table["published"] = table["published"].fillna("no date").astype(str)
    return table[list(REPORT_COLUMNS)].rename(columns=REPORT_COLUMNS)


def article_report(events: pd.DataFrame, claims: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """What one article gave: each of its events (not rejected) with its sentence, and
    whether it joined a claim other articles report or made a new one. Columns: `id`,
    `org`, `kind`, `name`, `amount`, `when`, `status`, `evidence`, `flag`, `claim`."""
    mine = events[(events["article_id"] == article_id) & ~events["rejected"]]
    table = _readable(mine)
    sources = claims.set_index("claim_id")["sources"] if not claims.empty else pd.Series(dtype=int)
    others = table["claim_id"].map(sources).fillna(1).astype(int) - 1
    table["claim"] = [f"joined a claim {n} other article{'s report' if n != 1 else ' reports'}" if n > 0 else "a new claim"
                      for n in others]
    columns = ["id", "org", "kind", "name", "amount", "when", "status", "evidence", "flag", "claim"]
    return table.sort_values("span_start")[columns].reset_index(drop=True)


# --- totals: each figure as it can be cited, with the period and the claims behind it ----------

def _usd(low: object, high: object) -> str:
    return format_amount("investment", low, high)


def _day(value: object) -> str:
    return "" if value is None or value != value else str(value)[:10]


def capex_table(capex: pd.DataFrame) -> pd.DataFrame:
    """`capex_by_year`'s table as people read it: per organization and year the figure to
    cite and its basis, the latest guidance and the actual with the day each was first
    reported, and the quarters reported as actuals of that year (summed apart)."""
    quarters = [f"{n} ({_usd(total, total)})" if n else "" for n, total in
                zip(capex["quarters_reported"], capex["quarters_total"])]
    return pd.DataFrame({
        "Organization": capex["org"], "Year": capex["year"].astype(str),
        "Period": [format_period(a, b) for a, b in zip(capex["period_start"], capex["period_end"])],
        "Figure to cite": [_usd(a, b) for a, b in zip(capex["figure_low"], capex["figure_high"])],
        "Basis": capex["basis"],
        "Latest guidance": [_usd(a, b) for a, b in zip(capex["guidance_low"], capex["guidance_high"])],
        "Guidance reported": capex["guidance_reported"].map(_day),
        "Actual": [_usd(a, a) for a in capex["actual"]], "Actual reported": capex["actual_reported"].map(_day),
        "Quarters reported as actuals": quarters, "Guidance steps": capex["guidance_steps"],
    }).reset_index(drop=True)


def history_table(history: pd.DataFrame) -> pd.DataFrame:
    """`guidance_history`'s table as people read it, each report with its sentence."""
    return pd.DataFrame({
        "Year": history["year"].astype(str), "First reported": history["reported"].map(_day),
        "Figure": history["kind_of_figure"], "Amount": [_usd(a, b) for a, b in zip(history["amount_low"], history["amount_high"])],
        "Sentence": [plain_text(s) for s in history["evidence"]], "Source": history["article_title"],
    }).reset_index(drop=True)


def commitments_table(commitments: pd.DataFrame) -> pd.DataFrame:
    """`commitments`' table as people read it: what, with whom, how much, over which period."""
    return pd.DataFrame({
        "Organization": commitments["org"], "What": commitments["category"].fillna(""),
        "With": commitments["counterparty"].fillna(""),
        "Amount": [_usd(a, b) for a, b in zip(commitments["amount_low"], commitments["amount_high"])],
        "Period": [format_period(a, b) for a, b in zip(commitments["period_start"], commitments["period_end"])],
        "Status": commitments["status"].map(status_label), "First reported": commitments["first_reported"].map(_day),
        "Articles": commitments["sources"], "Sentence": [plain_text(s) for s in commitments["evidence"]],
    }).reset_index(drop=True)


def fleets_table(fleets: pd.DataFrame) -> pd.DataFrame:
    """`chip_fleets`' table as people read it: the latest fleet of each kind of unit."""
    return pd.DataFrame({
        "Organization": fleets["org"], "Chips": fleets["item"].fillna("").replace("", "unnamed"),
        "Units": [format_amount("hardware", units, units) for units in fleets["units"]],
        "As of": [format_date(d, p) for d, p in zip(fleets["date"], fleets["date_precision"])],
        "Status": fleets["status"].map(status_label), "Sentence": [plain_text(s) for s in fleets["evidence"]],
    }).reset_index(drop=True)
