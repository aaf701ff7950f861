"""The reference tables the extraction reads, loaded once from `data/`.

Users extend them by editing the CSV files: organizations (aliases, people,
descriptors), fiscal years, model families, chip names and exchange rates.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .chips import ChipTable
from .organizations import OrganizationTable
from .releases import ModelTable

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class Lexicon:
    organizations: OrganizationTable
    models: ModelTable
    chips: ChipTable
    usd_per_unit: dict[str, float]


def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Read every table from `data_dir`."""
    organizations = OrganizationTable.from_csv(data_dir / "organizations.csv", data_dir / "fiscal_years.csv")
    return Lexicon(
        organizations=organizations,
        models=ModelTable.from_csv(data_dir / "models.csv", set(organizations.aliases)),
        chips=ChipTable.from_csv(data_dir / "chips.csv"),
        usd_per_unit=load_rates(data_dir / "exchange_rates.csv"),
    )


def load_rates(path: Path) -> dict[str, float]:
    """Currency code to US dollars per unit."""
    with open(path, newline="", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.lstrip().startswith("#")]
    return {r["currency"].strip().upper(): float(r["usd_per_unit"]) for r in csv.DictReader(lines)}


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The tables shipped in the project's `data/` folder."""
    return load_lexicon(DATA_DIR)
