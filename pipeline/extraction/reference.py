"""The reference tables the extraction reads: organizations (aliases, people, descriptors,
fiscal years), model families, chip names and exchange rates.

Built from rows, not read from disk here: `pipeline.readers.reference_tables` reads them
from the CSV files under `data/`, which users edit to extend them.
"""
from __future__ import annotations

from dataclasses import dataclass

from .chips import ChipTable
from .models import ModelTable
from .organizations import OrganizationTable


@dataclass(frozen=True)
class Reference:
    organizations: OrganizationTable
    models: ModelTable
    chips: ChipTable
    usd_per_unit: dict[str, float]

    @classmethod
    def from_rows(cls, organizations: list[tuple[str, str, str]], fiscal_last_month: dict[str, int],
                  models: list[tuple[str, str, bool]], chips: list[tuple[str, str]],
                  usd_per_unit: dict[str, float]) -> "Reference":
        """Tables from plain rows: (alias, organization, type), organization to the last
        month of its fiscal year, (family, organization, needs_org), (name, item), and
        currency code to US dollars per unit."""
        table = OrganizationTable(organizations, fiscal_last_month)
        return cls(organizations=table, models=ModelTable(models, set(table.aliases)), chips=ChipTable(chips),
                   usd_per_unit=dict(usd_per_unit))
