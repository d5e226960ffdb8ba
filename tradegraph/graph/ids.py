"""Canonical ids of the graph's nodes and edges, and the name normalisation behind them.

Nodes: `country:KAZ`, `official:<slug>`, `port:<slug>`, `region:<slug>`, `city:<slug>`,
`organization:<slug>`, `commodity:<slug of the normalised name>`, `group:<id>`. Edge keys make each fact one
edge of the MultiDiGraph (see `flow_key`, `value_key`, `met_key`, `relations_key`).

The look-ups are memoised: a graph of many documents asks for the same few thousand names again and again,
and the answers depend only on the text and on the gazetteers, which are loaded once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tradegraph import normalize
from tradegraph.models import Commodity

__all__ = [
    "UnknownCountryError",
    "commodity_id",
    "country_code",
    "country_id",
    "country_label",
    "fact_country",
    "flow_key",
    "group_id",
    "hs_of",
    "met_key",
    "official_id",
    "place_id",
    "relations_key",
    "slug",
    "value_key",
]

_NAME_CACHE_SIZE = 1 << 16
_ISO3 = re.compile(r"[A-Z]{3}")


class UnknownCountryError(ValueError):
    """A country name that cannot be resolved to an ISO 3166-1 alpha-3 code."""


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def slug(text: str) -> str:
    return normalize.slugify(text)


def country_id(iso3: str) -> str:
    return f"country:{iso3}"


def official_id(name: str) -> str:
    return f"official:{slug(name)}"


def place_id(kind: str, name: str) -> str:
    """Id of a port, region, city or organization node."""
    return f"{kind}:{slug(name)}"


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def commodity_id(name: str) -> str:
    """`commodity:<slug of the normalised name>`: "Sunflower seeds" and "sunflower seed" are one node."""
    normalised = normalize.normalize_commodity(name) or name.strip().lower()
    return f"commodity:{slug(normalised)}"


def group_id(group: str) -> str:
    return f"group:{group}"


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def country_code(text: str | None) -> str | None:
    """ISO3 code of a country given by code or by any name form ("Türkiye", "the UAE", "Kazakh"), or None."""
    if not text or not text.strip():
        return None
    return normalize.country_iso3(text.strip())


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def fact_country(text: str | None) -> str | None:
    """A country as an extraction states it: normally ISO3 already; an uppercase code the gazetteer lacks
    (a user-assigned one such as XKX) is trusted rather than dropped."""
    code = country_code(text)
    if code is None and text and _ISO3.fullmatch(text.strip()):
        return text.strip()
    return code


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def country_label(iso3: str) -> str:
    try:
        return normalize.country_name(iso3) or iso3
    except (KeyError, LookupError, ValueError):
        return iso3


def flow_key(commodity: str, modality: str, negated: bool) -> str:
    """MultiDiGraph key of a trade_flow edge: one edge per commodity node, modality and polarity."""
    return f"flow|{commodity_id(commodity).removeprefix('commodity:')}|{modality}|{'true' if negated else 'false'}"


def value_key(flow: str, period: str | None, value: float, currency: str) -> str:
    return f"value|{flow}|{period or ''}|{value:g}|{currency}"


def met_key(date: str | None, location: str | None) -> str:
    return f"met|{date or ''}|{slug(location or '')}"


def relations_key(established: str) -> str:
    return f"relations_established|{established}"


@lru_cache(maxsize=_NAME_CACHE_SIZE)
def _hs_for_commodity(name: str) -> tuple[str | None, str | None]:
    return normalize.hs_for_commodity(name)


def hs_of(commodity: Commodity) -> tuple[str | None, str | None]:
    """The commodity's HS code and section, completed from the curated table when the extraction left
    them out (the section follows from the chapter, the first two digits)."""
    known_code, known_section = _hs_for_commodity(commodity.name)
    code = commodity.hs_code or known_code
    section = commodity.hs_section
    if section is None and code and known_code and known_code[:2] == code[:2]:
        section = known_section
    return code, section
