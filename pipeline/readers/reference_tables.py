"""The reference tables read from the CSV files under `data/` (the one reader of them):
organizations.csv, fiscal_years.csv, models.csv, chips.csv, exchange_rates.csv and
person_names.csv.
Lines starting with `#` are comments."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from ..extraction.organizations import ORG
from ..extraction.reference import Reference
from ..paths import DATA_DIR


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file with a header, skipping blank lines and `#` comments."""
    with open(path, newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    return list(csv.DictReader(lines))


def load_reference(data_dir: Path = DATA_DIR) -> Reference:
    """Every reference table from `data_dir`."""
    organizations = [(r["alias"].strip(), r["organization"].strip(), (r.get("type") or ORG).strip())
                     for r in read_csv(data_dir / "organizations.csv")]
    fiscal_path = data_dir / "fiscal_years.csv"
    fiscal = ({r["organization"].strip(): int(r["last_month"]) for r in read_csv(fiscal_path)}
              if fiscal_path.exists() else {})
    models = [(r["family"].strip(), r["organization"].strip(), r["needs_org"].strip() == "yes")
              for r in read_csv(data_dir / "models.csv")]
    chips = [(r["name"].strip(), r["item"].strip()) for r in read_csv(data_dir / "chips.csv")]
    rates = {r["currency"].strip().upper(): float(r["usd_per_unit"]) for r in read_csv(data_dir / "exchange_rates.csv")}
    people_path = data_dir / "person_names.csv"
    people = [(r["name"].strip(), r["kind"].strip()) for r in read_csv(people_path)] if people_path.exists() else []
    return Reference.from_rows(organizations, fiscal, models, chips, rates, people)


@lru_cache(maxsize=1)
def shipped_reference() -> Reference:
    """The tables shipped in the project's `data/` folder, read once per process."""
    return load_reference(DATA_DIR)
