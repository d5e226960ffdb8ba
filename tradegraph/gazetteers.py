"""Typed rows and cached loaders for the generated gazetteers in rules/ (see scripts/build_rules.py), and
for the hand-written trade words (rules/flow_triggers.tsv) that extraction and the question grammar share.

Each loader returns the validated rows of one file; the *_index functions return dictionaries keyed by
tradegraph.textnorm.fold (accent- and case-insensitive) or by code.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from tradegraph.rules import load_tsv
from tradegraph.textnorm import fold, normalize_commodity

__all__ = [
    "CityRow",
    "CommodityRow",
    "CountryAliasRow",
    "CountryGroupRow",
    "CountryRow",
    "HsCategoryRow",
    "HsSectionRow",
    "PortRow",
    "RegionRow",
    "TriggerRow",
    "cities",
    "city_index",
    "commodities",
    "commodity_index",
    "countries",
    "country_alias_index",
    "country_aliases",
    "country_by_iso3",
    "country_code_index",
    "country_group_index",
    "country_groups",
    "hs_categories",
    "hs_category_index",
    "hs_sections",
    "port_index",
    "ports",
    "region_index",
    "regions",
    "trade_words",
]

AliasKind = Literal["name", "official", "former", "demonym", "capital"]


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _split_bars(value: object) -> object:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(part for part in value.split("|") if part)
    return value


class CountryRow(_Row):
    iso3: str
    iso2: str
    name: str
    capital: str | None = None
    # Where the country is drawn on maps: its capital (GeoNames); None for a country without places.
    lat: float | None = None
    lon: float | None = None
    # What the country is, for the words that describe it without naming it ("the kingdom", "the island
    # nation"): forms of government from its official name, island, landlocked (scripts/curated).
    traits: tuple[str, ...] = ()

    _traits = field_validator("traits", mode="before")(_split_bars)


class CountryAliasRow(_Row):
    text: str
    iso3: str
    kind: AliasKind


class CountryGroupRow(_Row):
    text: str
    group_id: str
    name: str
    members: tuple[str, ...] = ()

    _members = field_validator("members", mode="before")(_split_bars)


class RegionRow(_Row):
    text: str
    name: str
    iso3: str
    code: str
    type: str
    # Also a common word or a person's or country's name: taken only with evidence (see components/places).
    ambiguous: bool = False


class PortRow(_Row):
    text: str
    name: str
    iso3: str
    locode: str | None = None
    lat: float
    lon: float
    ambiguous: bool = False


class CityRow(_Row):
    text: str
    name: str
    iso3: str
    population: int
    ambiguous: bool


class CommodityRow(_Row):
    term: str
    hs_code: str
    hs_section: str
    description: str


class HsSectionRow(_Row):
    order: int
    section: str
    short: str
    title: str


class HsCategoryRow(_Row):
    text: str
    codes: tuple[str, ...]

    _codes = field_validator("codes", mode="before")(_split_bars)


class TriggerRow(_Row):
    """A trade word: which way the goods go relative to the actor, and its form (verb: the actor is the
    subject; noun: "exports of A", "X's exports"; agent: "X is a supplier / buyer of A")."""

    text: str
    direction: Literal["export", "import"]
    form: Literal["verb", "noun", "agent"]
    # "named": a word of transport, whose partner must be named with it, not taken from the article's context
    # "via": a word of transit, whose actor is the transit country and no party ("Iran transits Turkmen gas
    # to Turkey"); its exporter is only the goods' origin or a country it comes "from"
    partner: Literal["named", "via"] | None = None


@cache
def trade_words() -> list[TriggerRow]:
    return load_tsv("flow_triggers.tsv", TriggerRow)


@cache
def countries() -> list[CountryRow]:
    return load_tsv("countries.tsv", CountryRow)


@cache
def country_aliases() -> list[CountryAliasRow]:
    return load_tsv("country_aliases.tsv", CountryAliasRow)


@cache
def country_groups() -> list[CountryGroupRow]:
    return load_tsv("country_groups.tsv", CountryGroupRow)


@cache
def regions() -> list[RegionRow]:
    return load_tsv("regions.tsv", RegionRow)


@cache
def ports() -> list[PortRow]:
    return load_tsv("ports.tsv", PortRow)


@cache
def cities() -> list[CityRow]:
    return load_tsv("cities.tsv", CityRow)


@cache
def commodities() -> list[CommodityRow]:
    return load_tsv("commodities.tsv", CommodityRow)


@cache
def hs_sections() -> list[HsSectionRow]:
    """The 21 HS sections in nomenclature order (I … XXI)."""
    return sorted(load_tsv("hs_sections.tsv", HsSectionRow), key=lambda row: row.order)


@cache
def hs_categories() -> list[HsCategoryRow]:
    return load_tsv("hs_categories.tsv", HsCategoryRow)


@cache
def country_by_iso3() -> dict[str, CountryRow]:
    return {row.iso3: row for row in countries()}


@cache
def country_alias_index() -> dict[str, str]:
    """Folded written form -> ISO3, from the alias table and the countries' own names."""
    index = {fold(row.name): row.iso3 for row in countries()}
    index.update({fold(row.text): row.iso3 for row in country_aliases()})
    return index


@cache
def country_code_index() -> dict[str, str]:
    """Folded ISO2 and ISO3 codes -> ISO3."""
    index = {row.iso2.casefold(): row.iso3 for row in countries()}
    index.update({row.iso3.casefold(): row.iso3 for row in countries()})
    return index


@cache
def country_group_index() -> dict[str, CountryGroupRow]:
    return {fold(row.text): row for row in country_groups()}


@cache
def country_groups_by_id() -> dict[str, CountryGroupRow]:
    return {row.group_id: row for row in country_groups()}


@cache
def region_index() -> dict[str, list[RegionRow]]:
    return _index_by_text(regions())


@cache
def port_index() -> dict[str, list[PortRow]]:
    return _index_by_text(ports())


@cache
def city_index() -> dict[str, list[CityRow]]:
    """Folded written form -> cities, most populous first."""
    index = _index_by_text(cities())
    for rows in index.values():
        rows.sort(key=lambda row: -row.population)
    return index


@cache
def commodity_index() -> dict[str, CommodityRow]:
    """Normalised commodity term (normalize_commodity) -> row."""
    return {normalize_commodity(row.term): row for row in commodities()}


@cache
def hs_category_index() -> dict[str, HsCategoryRow]:
    return {normalize_commodity(row.text): row for row in hs_categories()}


def _index_by_text(rows: list) -> dict[str, list]:
    index: dict[str, list] = {}
    for row in rows:
        index.setdefault(fold(row.text), []).append(row)
    return index
