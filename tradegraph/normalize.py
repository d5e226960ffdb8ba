"""Text normalisation and gazetteer look-ups: countries, groups, places and HS codes for commodities.

The string functions are pure (they live in tradegraph.textnorm and are re-exported here); the look-ups read the generated tables under rules/ through
tradegraph.gazetteers. Every look-up is case- and accent-insensitive.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tradegraph import gazetteers
from tradegraph.textnorm import fold, normalize_commodity, singularize, slugify, strip_accents

__all__ = [
    "city_lookup",
    "country_iso3",
    "country_name",
    "fold",
    "group_members",
    "hs_category",
    "hs_for_commodity",
    "hs_matches",
    "normalize_commodity",
    "port_lookup",
    "region_lookup",
    "singularize",
    "slugify",
    "strip_accents",
]

# Words that name no commodity on their own: hs_for_commodity never answers for them.
_VAGUE_GOODS = frozenset(
    {"good", "product", "item", "commodity", "merchandise", "article", "cargo", "export", "import", "thing"}
)

_CONJUNCTIONS = frozenset({"and", "or", "&"})

_HS_CODE = re.compile(r"\d{2}(?:\d{2}){0,2}")


def country_iso3(text: str) -> str | None:
    """ISO3 for any written form of a country: name, official or former name, demonym, capital, ISO code."""
    key = fold(text)
    if not key:
        return None
    index = gazetteers.country_alias_index()
    if key in index:
        return index[key]
    if key.startswith("the ") and key[4:] in index:
        return index[key[4:]]
    return gazetteers.country_code_index().get(key)


def country_name(iso3: str) -> str:
    """The short English name news uses ('IRN' -> 'Iran'); unknown codes come back unchanged."""
    row = gazetteers.country_by_iso3().get(iso3.upper())
    return row.name if row else iso3


def group_members(text: str) -> list[str] | None:
    """ISO3 members of a country group ('EAEU', 'the EU', 'Central Asian'); None if not a group."""
    key = fold(text)
    row = gazetteers.country_group_index().get(key)
    if row is None and key.startswith("the "):
        row = gazetteers.country_group_index().get(key[4:])
    return list(row.members) if row else None


@lru_cache(maxsize=16384)  # pure: the gazetteer is read once per process; goods names recur across articles
def hs_for_commodity(name: str) -> tuple[str | None, str | None]:
    """(hs_code, hs_section) of the longest known term ending the name; (None, None) if unknown or vague.

    'meat processing equipment' tries that phrase, then 'processing equipment', then 'equipment';
    'fresh and dried fruits' skips the conjunct 'dried fruits' and answers for 'fruits'.
    """
    words = normalize_commodity(name).split()
    index = gazetteers.commodity_index()
    for start in range(len(words)):
        tail = words[start:]
        if len(tail) == 1 and tail[0] in _VAGUE_GOODS:
            break
        if start and words[start - 1] in _CONJUNCTIONS and len(tail) > 1:
            # "fresh and dried fruits": "dried fruits" is one conjunct, not the whole; try "fruits".
            continue
        row = index.get(" ".join(tail))
        if row is not None:
            return row.hs_code, row.hs_section
    return None, None


def hs_category(text: str) -> list[str] | None:
    """HS code prefixes a question word stands for: 'cereals' -> ['10'], 'wheat' -> ['1001'], '27'."""
    stripped = text.strip().replace(".", "")
    if _HS_CODE.fullmatch(stripped):
        return [stripped]
    key = normalize_commodity(text)
    row = gazetteers.hs_category_index().get(key)
    if row is not None:
        return list(row.codes)
    code, _section = hs_for_commodity(text)
    return [code] if code else None


def hs_matches(hs_code: str | None, prefixes: list[str]) -> bool:
    """Whether a code falls under any of the prefixes (a chapter, heading or subheading)."""
    if not hs_code:
        return False
    return any(hs_code.startswith(prefix) for prefix in prefixes)


def region_lookup(text: str, iso3: str | None = None) -> gazetteers.RegionRow | None:
    """The first-level subdivision written as text ('Mangistau', 'Qazvin'), optionally within one country."""
    return _first(gazetteers.region_index().get(fold(text), []), iso3)


def port_lookup(text: str, iso3: str | None = None) -> gazetteers.PortRow | None:
    """The port written as text ('Aktau', 'Bandar-e Anzali'), optionally within one country."""
    return _first(gazetteers.port_index().get(fold(text), []), iso3)


def city_lookup(text: str, iso3: str | None = None) -> gazetteers.CityRow | None:
    """The most populous city written as text, optionally within one country."""
    return _first(gazetteers.city_index().get(fold(text), []), iso3)


def _first(rows: list, iso3: str | None):
    for row in rows:
        if iso3 is None or row.iso3 == iso3:
            return row
    return None
