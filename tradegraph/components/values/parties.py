"""Who is on each side of a trade value.

`party_mentions` lists what can stand on a side of a trade statement: a country (by name, demonym or capital),
a regional epithet standing for one of the article's countries ("the Middle Eastern country"), and what is
no country but takes a country's place ("exports to the EU", "trade between Kazakhstan and Xinjiang",
"China's exports to the world"). `read_sides` reads reporter and partner from where those mentions stand to
the trade word: a preposition after it ("exports to Y", "imports from X"), a possessive or modifier before it
("X's exports", "Chinese imports"), "between X and Y", the subject of the clause, and, where the sentence
leaves a side out, the value before it, the article's home country and its bilateral pair.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cache
from itertools import compress, count
from typing import Literal, NamedTuple

from pydantic import BaseModel, Field
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from tradegraph import gazetteers
from tradegraph.components.base import POSSESSIVE, SpanRow, span_rows, token_flags, token_lowers
from tradegraph.rules import load_tsv, load_words

__all__ = [
    "Cue",
    "Party",
    "PartyWords",
    "Previous",
    "SideContext",
    "Sides",
    "ValueWords",
    "modifier_start",
    "party_mentions",
    "read_sides",
    "singular",
    "value_words",
]


class PrepositionRoleRow(BaseModel):
    """rules/value_preposition_roles.tsv: the side a country after `preposition` is on for `flow`."""

    flow: Literal["exports", "imports", "turnover"]
    preposition: str = Field(min_length=1)
    role: Literal["partner", "reporter"]


class ValueWords(NamedTuple):
    """The word lists the sides of a trade value are read with (rules/)."""

    prepositions: frozenset[str]  # words/value_prepositions.txt: a modifier never crosses one
    determiners: frozenset[str]  # words/value_determiners.txt: passed over before a country
    modifier_words: frozenset[str]  # words/value_modifier_words.txt: stop words inside modifiers
    roles: dict[str, dict[str, str]]  # value_preposition_roles.tsv: flow -> preposition -> side


def value_words() -> ValueWords:
    """The lists, loaded once per rules directory; a bad row names its file and line."""
    return _value_words(os.environ.get("TRADEGRAPH_RULES"))  # the rules directory's override, if any


@cache
def _value_words(rules: str | None) -> ValueWords:
    roles: dict[str, dict[str, str]] = {}
    for row in load_tsv("value_preposition_roles.tsv", PrepositionRoleRow):
        roles.setdefault(row.flow, {})[row.preposition] = row.role
    return ValueWords(
        load_words("words/value_prepositions.txt"),
        load_words("words/value_determiners.txt"),
        load_words("words/value_modifier_words.txt"),
        roles,
    )


value_words.cache_clear = _value_words.cache_clear  # type: ignore[attr-defined]  # tests that edit a file


MAX_MODIFIERS = 5
# Places that are a part of a country: a value of their trade is not a value of the country's.
SUBNATIONAL = frozenset({"region", "city"})


class Cue(NamedTuple):
    """A trade word: tokens [start, end), flow turnover | exports | imports | exclude."""

    start: int
    end: int
    flow: str


class Party(NamedTuple):
    start: int
    end: int
    iso3: str | None  # None: a group of countries, a region or city, or the world
    kind: str  # a country form (name, official, former, demonym, capital), epithet, group, place or world


class Sides(NamedTuple):
    reporter: str
    partner: str
    anchored: bool  # the sentence fixes the direction (a side after a preposition, a possessive)


class Previous(NamedTuple):
    """The last trade value read, which fills the sides of one that states none ("imports amounted to ...")."""

    reporter: str
    partner: str
    anchored: bool


class SideContext(NamedTuple):
    doc: Doc
    lowers: list[str]
    parties: list[Party]
    home: str | None
    pair: tuple[str, str] | None
    totals: frozenset[str]  # words/value_totals.txt
    goods: frozenset[str]  # words/vague_goods.txt: "goods", "products" ...
    country_nouns: frozenset[str]  # words/country_nouns.txt: "country", "nation" ...


class PartyWords(NamedTuple):
    """The word lists party mentions are read with."""

    country_nouns: frozenset[str]  # words/country_nouns.txt: "country", "nation", "kingdom" ...
    neighbours: frozenset[str]  # words/neighbour_words.txt: "neighbouring" ...
    worldwide: frozenset[str]  # words/worldwide_words.txt: "world", "global" ...


def party_mentions(
    doc: Doc,
    countries: Iterable[SpanRow],
    money_tokens: set[int],
    words: PartyWords,
    home: str | None,
    pair: tuple[str, str] | None,
) -> list[Party]:
    """The Doc's party mentions in text order, none inside an amount of money."""
    lowers = token_lowers(doc)
    found: list[Party] = []
    for span in countries:
        if not any(i in money_tokens for i in range(span.start, span.end)):
            found.append(Party(span.start, span.end, span.label_, span.kb_id_))
    named = [p.iso3 for p in found if p.kind != "capital"]
    taken = {i for p in found for i in range(p.start, p.end)}
    country_nouns = words.country_nouns
    groups = gazetteers.country_groups_by_id()
    for span in span_rows(doc, "groups"):
        if any(i in taken for i in range(span.start, span.end)):
            continue
        end = span.end
        if end < len(lowers) and lowers[end] in country_nouns:
            # "the Middle Eastern country": the one member of that region the article names.
            row = groups.get(span.label_)
            members = set(row.members) if row is not None else set()
            found.append(Party(span.start, end + 1, _only_member(members, named), "epithet"))
        else:
            found.append(Party(span.start, end, None, "group"))
        taken.update(range(span.start, end + 1))
    # A name read once as a region or city is one at every mention ("head of Xinjiang" ... "exports to
    # Xinjiang"): the places component marks only the mentions that stand in a place context.
    texts = token_flags(doc).text
    places: dict[str, list[tuple[str, ...]]] = {}
    for span in span_rows(doc, "places"):
        if span.label_ in SUBNATIONAL:
            name = tuple(texts[span.start : span.end])
            places.setdefault(name[0], []).append(name)
    # "the neighbouring country": the article's other country, seen from home.
    other = next((c for c in pair if c != home), None) if pair and home in pair else None
    # Only the tokens that can start such a mention are looked at (one pass at C speed, then a few).
    starts = words.neighbours | words.worldwide | {first.lower() for first in places}
    for i in compress(count(), map(starts.__contains__, lowers)):
        word = lowers[i]
        if i in taken:
            continue
        if word in words.neighbours and i + 1 < len(lowers) and lowers[i + 1] in country_nouns:
            found.append(Party(i, i + 2, other, "epithet"))
            taken.update((i, i + 1))
        elif word in words.worldwide:
            found.append(Party(i, i + 1, None, "world"))
        else:
            for name in places.get(texts[i], ()):
                end = i + len(name)
                if tuple(texts[i:end]) == name and not any(j in taken for j in range(i, end)):
                    found.append(Party(i, end, None, "place"))
                    taken.update(range(i, end))
                    break
    return sorted(found)


def _only_member(members: set[str], named: list[str]) -> str | None:
    """The member named most in the article, if no other member is named as often."""
    counts = sorted(((named.count(m), m) for m in members if m in named), reverse=True)
    if not counts or len(counts) > 1 and counts[0][0] == counts[1][0]:
        return None
    return counts[0][1]


def modifier_start(doc: Doc, lowers: list[str], cue: Cue, floor: int) -> int:
    """Start of the words modifying a trade word: "iron ore exports", "non-oil exports", "Kazakh exports",
    "China-Russia trade"; never across a preposition's object ("to Kyrgyzstan and imported")."""
    i = cue.start
    after_and = None
    is_alpha = token_flags(doc).is_alpha
    words = value_words()
    while i - 1 >= floor and cue.start - (i - 1) <= MAX_MODIFIERS:
        word = lowers[i - 1]
        if not (is_alpha[i - 1] or word == "-") or word in STOP_WORDS and word not in words.modifier_words:
            break
        if word == "and":
            after_and = i
        i -= 1
    if after_and is not None and i - 1 >= floor and lowers[i - 1] in words.prepositions:
        return after_and
    return i


def word_before(lowers: list[str], i: int) -> str:
    """The word before token i, past a determiner ("to the Gulf state", "to this neighbouring country")."""
    j = i - 1
    if j >= 0 and lowers[j] in value_words().determiners:
        j -= 1
    return lowers[j] if j >= 0 else ""


def read_sides(
    ctx: SideContext,
    scope: tuple[int, int],
    cue: Cue,
    phrase_end: int,
    previous: Previous | None,
) -> Sides | None:
    """Reporter and partner of an amount whose trade word is `cue`, from the party mentions in `scope` (the
    clause up to the amount's end); None when a side is no country or cannot be told."""
    lowers = ctx.lowers
    mentions = [p for p in ctx.parties if scope[0] <= p.start < scope[1]]
    between = [p for p in mentions if word_before(lowers, p.start) == "between"]
    if between:
        first = between[0]
        rest = [p for p in mentions if p.start > first.start and p.iso3 != first.iso3]
        if rest:
            if first.iso3 is None or rest[0].iso3 is None:
                return None  # "between Kazakhstan and Xinjiang", "between China and the EU"
            return Sides(first.iso3, rest[0].iso3, anchored=False)
    floor = modifier_start(ctx.doc, lowers, cue, scope[0])
    if _owned_by_no_country(ctx, floor):
        return None  # "Safaricom's turnover", "the company's exports to China"
    roles = _roles(ctx, mentions, cue, floor, phrase_end)
    if roles is None:
        return None
    total = any(lowers[i] in ctx.totals for i in range(floor, cue.start))
    if cue.flow == "turnover":
        return _turnover_sides(ctx, roles, total, previous)
    return _directed_sides(ctx, roles, total, previous)


def _roles(
    ctx: SideContext, mentions: list[Party], cue: Cue, floor: int, phrase_end: int
) -> dict[str, list[str]] | None:
    """The countries on each side ("reporter", "partner") and those in the clause on no side yet ("other");
    None when a group, a region, a city or the world takes a side."""
    lowers = ctx.lowers
    roles: dict[str, list[str]] = {"reporter": [], "partner": [], "other": []}
    owned = _owned_places(lowers, mentions)
    words = value_words()
    # "imports from and exports to Bolivia": the object of the next trade word's preposition is this one's.
    dangling = lowers[cue.end] if cue.end + 1 < len(lowers) and lowers[cue.end + 1] == "and" else None
    shared = (
        next((p for p in mentions if p.start > cue.end + 1), None) if dangling in words.prepositions else None
    )
    for party in mentions:
        party = owned.get(party.start, party)
        role = None
        goods_after = party.end < len(lowers) and lowers[party.end] in ctx.goods
        if party.kind == "demonym" and party.start >= floor and goods_after:
            # "Chinese goods" come from China: the partner of imports, the reporter of exports.
            role = {"imports": "partner", "exports": "reporter"}.get(cue.flow)
        if role is None and party is shared:
            role = words.roles.get(cue.flow, {}).get(dangling or "")
        elif role is None and cue.end <= party.start < phrase_end and not _absolute_clause(lowers, party):
            before = word_before(lowers, party.start)
            role = words.roles.get(cue.flow, {}).get(before)
            if before == "of" and cue.flow != "turnover":
                # "imports of Chinese goods" (where from), "exports of Kenya" / "imports of China" (whose).
                role = "partner" if cue.flow == "imports" and party.kind == "demonym" else "reporter"
        if role is None and floor <= party.start < cue.start:
            # "Chinese imports" (where from), "U.S. imports" / "Kazakh exports" (whose).
            role = "partner" if cue.flow == "imports" and party.kind == "demonym" else "reporter"
        if role is None and party.end == floor - 1 and lowers[party.end] in POSSESSIVE:
            role = "reporter"  # "Armenia's foreign trade turnover", "China's imports"
        if role is not None and party.iso3 is None:
            return None  # a group, a region, a city or the world on one side: not between two countries
        if party.iso3 is None or party.kind == "capital" and role is None:
            continue
        if role is None and word_before(lowers, party.start) in words.prepositions:
            continue  # the object of another phrase ("exported goods to Kyrgyzstan and imported ...")
        roles[role or "other"].append(party.iso3)
    return roles


def _directed_sides(
    ctx: SideContext, roles: dict[str, list[str]], total: bool, previous: Previous | None
) -> Sides | None:
    """Sides of exports or imports: the sentence's, then the value before's, the home country's, the pair's."""
    partner = next(iter(roles["partner"]), None)
    if total and partner is None:
        return None  # "Kazakhstan's total exports": to the world
    reporter = next((c for c in roles["reporter"] + roles["other"] if c != partner), None)
    stated_reporter = reporter is not None
    if partner is None:
        partner = next((c for c in roles["other"] if c != reporter), None)
    anchored = bool(roles["partner"] or roles["reporter"])
    if not any(roles.values()) and previous is not None:
        pair = {previous.reporter, previous.partner}
        reporter = previous.reporter if previous.anchored or ctx.home not in pair else ctx.home
        partner = next((c for c in pair if c != reporter), None)
        anchored = previous.anchored
    if reporter is None:
        if previous is not None and previous.anchored and previous.reporter != partner:
            reporter = previous.reporter  # "exports to China rose to $5bn, while exports to Japan fell"
        elif ctx.home != partner:
            reporter = ctx.home
        else:
            reporter = _other(ctx, partner, previous)
    if partner is None and reporter is not None and (previous is not None or not stated_reporter):
        # The article's other country, except for a reporter named alone before any value set the context:
        # "Kenya's exports rose to $5bn" is as likely Kenya's exports to the world.
        partner = _other(ctx, reporter, previous)
    if reporter is None or partner is None or reporter == partner:
        return None
    return Sides(reporter, partner, anchored)


def _owned_by_no_country(ctx: SideContext, floor: int) -> bool:
    """A possessive before the trade word and its modifiers whose owner is no country, nor a word standing
    for one ("the country's", "the two countries'", "its")."""
    if floor < 2 or ctx.lowers[floor - 1] not in POSSESSIVE:
        return False
    owner = floor - 2
    if any(p.start <= owner < p.end for p in ctx.parties):
        return False
    word = ctx.lowers[owner]
    return word not in ctx.country_nouns and singular(word) not in ctx.country_nouns


def singular(word: str) -> str:
    """ "countries" -> "country", "states" -> "state"."""
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") else word


def _absolute_clause(lowers: list[str], party: Party) -> bool:
    """'with New Zealand taking $2.6bn': "with" opens a clause whose subject is the country, no partner."""
    after = lowers[party.end] if party.end < len(lowers) else ""
    return word_before(lowers, party.start) == "with" and after.endswith("ing") and len(after) > 4


def _owned_places(lowers: list[str], mentions: list[Party]) -> dict[int, Party]:
    """'from Kazakhstan's Mangystau region': the country owning a region or city stands in the place's
    stead, so the side is the place (no country)."""
    places = {p.start: p for p in mentions if p.kind == "place"}
    owned: dict[int, Party] = {}
    for party in mentions:
        if party.iso3 is not None and party.end < len(lowers) and lowers[party.end] in POSSESSIVE:
            place = places.get(party.end + 1)
            if place is not None:
                owned[party.start] = Party(party.start, place.end, None, "place")
    return owned


def _turnover_sides(
    ctx: SideContext, roles: dict[str, list[str]], total: bool, previous: Previous | None
) -> Sides | None:
    found = list(dict.fromkeys(roles["reporter"] + roles["other"] + roles["partner"]))
    named_partner = bool(roles["partner"]) or len(roles["reporter"]) >= 2
    if total and not named_partner:
        return None  # "Kazakhstan's foreign trade turnover": with the world
    anchored = bool(roles["reporter"]) and bool(roles["partner"])
    if len(found) >= 2:
        return Sides(found[0], found[1], anchored)
    if len(found) == 1:
        other = _other(ctx, found[0], previous)
        return Sides(found[0], other, anchored) if other else None
    if previous is not None:
        return Sides(previous.reporter, previous.partner, previous.anchored)
    if ctx.pair is None:
        return None
    return Sides(ctx.pair[0], ctx.pair[1], anchored=False)


def _other(ctx: SideContext, known: str | None, previous: Previous | None) -> str | None:
    """The other side of the article's bilateral context."""
    for pair in ([previous.reporter, previous.partner] if previous else [], list(ctx.pair or ())):
        if known in pair:
            return next((c for c in pair if c != known), None)
    return None
