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

__all__ = ["read_parties", "without"]


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
    found = list(mentions.values())
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


def without(parties: tuple[Party, ...], codes: Iterable[str]) -> tuple[Party, ...]:
    """The parties whose country is not one of `codes`."""
    excluded = set(codes)
    return tuple(p for p in parties if p.iso3 not in excluded)


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
