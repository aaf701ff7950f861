"""The reference tables the extraction reads: organizations (aliases, people, descriptors,
fiscal years), model families, chip names and exchange rates.

Built from rows, not read from disk here: `pipeline.readers.reference_tables` reads them
from the CSV files under `data/`, which users edit to extend them.
"""
from __future__ import annotations

from dataclasses import dataclass

from .agents import PersonNames
from .chips import ChipTable
from .models import ModelTable
from .organizations import PERSON, OrganizationTable


@dataclass(frozen=True)
class Reference:
    organizations: OrganizationTable
    models: ModelTable
    chips: ChipTable
    usd_per_unit: dict[str, float]
    people: PersonNames = PersonNames()
    known_names: frozenset[str] = frozenset()  # every name the tables know, lower-cased
    person_words: frozenset[str] = frozenset()  # the words of the people's names the tables know
    model_makers: frozenset[str] = frozenset()  # the names (as written) of organizations that make models

    @classmethod
    def from_rows(cls, organizations: list[tuple[str, str, str]], fiscal_last_month: dict[str, int],
                  models: list[tuple[str, str, bool]], chips: list[tuple[str, str]],
                  usd_per_unit: dict[str, float], people: list[tuple[str, str]] = ()) -> "Reference":
        """Tables from plain rows: (alias, organization, type), organization to the last
        month of its fiscal year, (family, organization, needs_org), (name, item),
        currency code to US dollars per unit, and (name, "given" or "family_first")."""
        table = OrganizationTable(organizations, fiscal_last_month)
        known = {alias.lower() for alias, _, _ in organizations} | {name.lower() for name, _ in chips} \
            | {family.lower() for family, _, common_word in models if not common_word}  # not "Granite", "Nova"
        person_words = {word for alias, _, kind in organizations if kind == PERSON for word in alias.split()}
        makers = {org for _, org, _ in models}
        model_makers = {alias for alias, org, kind in organizations if org in makers and kind != PERSON} | makers
        return cls(organizations=table, models=ModelTable(models, set(table.aliases)), chips=ChipTable(chips),
                   usd_per_unit=dict(usd_per_unit),
                   people=PersonNames(frozenset(n for n, kind in people if kind == "given"),
                                      frozenset(n for n, kind in people if kind == "family_first")),
                   known_names=frozenset(known), person_words=frozenset(person_words),
                   model_makers=frozenset(model_makers))
