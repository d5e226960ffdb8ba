"""Step 4, parties: the countries an exporter or importer slot names.

A slot's tokens hold party mentions (tokens of tradegraph.components.flows.context.Party). Of these, named
countries outrank ports and cities standing for their country ("from India to Afghanistan ... to Chabahar
port"), and those outrank demonyms ("from the Indian Ocean port of Durban"); each country counts once. A subject is one list of parties: for a verb the one nearest it
("Kazakhstan and Uzbekistan agreed that Russia exports ..." -> Russia), for an agent noun, which stands in
the predicate, the clause's first ("The United States overtook Saudi Arabia as India's biggest supplier").
"""

from __future__ import annotations

from collections.abc import Iterable

from tradegraph.components.flows.context import DocContext, Party
from tradegraph.components.flows.triggers import Trigger

__all__ = ["read_parties", "settle", "without"]


def read_parties(
    ctx: DocContext, tokens: Iterable[int], trigger: Trigger, blocked: frozenset[int], subject: bool = False
) -> tuple[Party, ...]:
    mentions: dict[int, Party] = {}
    for i in tokens:
        party = ctx.party_at.get(i)
        if party is not None and i not in blocked:
            mentions.setdefault(party.start, party)
    if not mentions:
        return ()
    found = [member for party in mentions.values() for member in _members(party)]
    # Named countries outrank places, places outrank demonyms: "from the Indian Ocean port of Durban".
    for rank in (("country", "group"), ("place",)):
        named = [p for p in found if p.kind in rank]
        if named:
            found = named
            break
    if not subject:
        return _unique(found)
    lists: dict[int, list[Party]] = {}
    for party in found:
        lists.setdefault(party.list_start, []).append(party)
    if trigger.form == "agent":
        return _unique(next(iter(lists.values())))
    return _unique(min(lists.values(), key=lambda members: _distance(members, trigger)))


def settle(
    exporters: tuple[Party, ...],
    importers: tuple[Party, ...],
    recent: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    fixed: dict[int, str] | None = None,
) -> tuple[tuple[Party, ...], tuple[Party, ...]]:
    """The two sides of a frame, each reference among them fixed to one country: not one the other side
    names ("Iran's exports to ... the neighbouring country": not Iran), and of the rest the first that had
    the same side in the flows just before (`recent`: their exporters and importers; "Iran exported gas to
    Turkey. ... The country also supplied gas to Iraq": Iran), else the nearest. `fixed` (first token ->
    country) keeps a reference to the country it was fixed to for an earlier trade word ("the country
    supplies gas to Armenia and imports electricity": the same country both times). A country on both
    sides stays an exporter."""
    fixed = {} if fixed is None else fixed
    exporters = _fixed(exporters, _named(importers), recent[0], fixed)
    exported = {p.iso3 for p in exporters}
    importers = _fixed(importers, exported, recent[1], fixed)
    return exporters, tuple(p for p in importers if p.iso3 not in exported)


def without(parties: tuple[Party, ...], codes: Iterable[str]) -> tuple[Party, ...]:
    """The parties whose country is not one of `codes`; a reference stays (settle fixes it with the flows
    around it)."""
    excluded = set(codes)
    return tuple(p for p in parties if p.is_reference or p.iso3 not in excluded)


def _distance(members: list[Party], trigger: Trigger) -> int:
    start, end = members[0].start, members[-1].end
    if end <= trigger.start:
        return trigger.start - end
    if start >= trigger.end:
        return start - trigger.end
    return 0


def _unique(parties: list[Party]) -> tuple[Party, ...]:
    seen: set[str] = set()
    out = []
    for party in parties:
        if party.iso3 not in seen:
            seen.add(party.iso3)
            out.append(party)
    return tuple(out)


def _members(party: Party) -> tuple[Party, ...]:
    """One party per country of "the two countries"; the party itself otherwise."""
    if not party.members:
        return (party,)
    return tuple(party._replace(iso3=code, members=()) for code in party.members)


def _named(parties: tuple[Party, ...]) -> set[str]:
    return {p.iso3 for p in parties if not p.is_reference}


def _fixed(
    parties: tuple[Party, ...], other: set[str], same_side: frozenset[str], fixed: dict[int, str]
) -> tuple[Party, ...]:
    """Each reference among `parties` fixed to one of its countries that is not in `other` (one with none
    left is dropped); a named party as it is."""
    out = []
    for party in parties:
        if party.is_reference:
            options = [c for c in (party.iso3, *party.alternatives) if c not in other]
            if not options:
                continue
            code = fixed.get(party.start)
            if code is None or code not in options:
                code = next((c for c in options if c in same_side), options[0])
            fixed.setdefault(party.start, code)
            party = party._replace(iso3=code, alternatives=())
        out.append(party)
    return tuple(out)
