"""Step 5, flows: each goods item of a frame between its exporter and importer, as a TradeFlow.

A side the frame leaves open is taken, in order, from the sentence's other trade words of the same
direction ("..., 84 per cent of which was crude oil exports"), from the flows stated just before with the
known side when they agree on its partner ("Japan imports LNG from Qatar. It also buys condensate."; "...
Bhutan in turn exported electricity"), from the article's bilateral context (its two main countries:
"Mongolia supplies coal" in an article about Mongolia and Japan), or, for a trade noun that names neither
side, from the flow stated just before ("Kazakh exports to China amounted to $13.2 billion. The main
export commodities were ..."); a side still open is that of the flow stated just before with a group whose
members the frame names on the known side ("Peruvian sales to the EU rose. Exports to Spain and Germany
stood out": Peru). A demonym on the goods names the exporter when nothing else does ("Pakistan
buys Kenyan tea"); in a barter one on the goods that travel back names the importer ("Pakistan will barter
rice for Iranian oil"). A side that is a group (EU, Central Asia) drops the flow. A side named by a reference
("the kingdom", "its") is fixed to one country with the flows around it (parties.settle).
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Span

from tradegraph.components.base import evidence, span_rows
from tradegraph.components.flows.context import DocContext, Party
from tradegraph.components.flows.frames import Frame
from tradegraph.components.flows.goods import Goods
from tradegraph.components.flows.parties import settle
from tradegraph.components.modality import modality_at
from tradegraph.gazetteers import country_groups_by_id
from tradegraph.models import MODALITY_STRENGTH, Commodity, TradeFlow
from tradegraph.normalize import hs_for_commodity

__all__ = ["CONTEXT_WINDOW", "resolve_flows"]

CONTEXT_WINDOW = 3  # sentences a flow's parties are carried forward for a sentence that names neither
SUBJECT_SPAN = 12  # tokens after a trade noun its noun phrase may take before the verb it is the subject of
_UNSCOPED = ("actual", False, False)  # modality_at of a token no modality scope covers


def resolve_flows(ctx: DocContext, frames: list[Frame]) -> list[TradeFlow]:
    doc = ctx.doc
    # A trade word that no modality scope covers is actual, not negated, a flow: modality_at (which reads
    # every scope of the Doc) only for those a scope covers.
    scopes = [(scope.start, scope.end) for scope in span_rows(doc, "modality")]
    modality = {f.trigger.start: _modality(ctx, f, scopes) for f in frames}
    flows: dict[tuple[str, str, str], TradeFlow] = {}
    recent: list[_Stated] = []
    grouped: list[_Stated] = []  # pairs stated with a group on one side ("sales to the EU")
    fixed: dict[int, str] = {}  # first token of a reference -> the country it was fixed to
    by_sentence: dict[int, list[Frame]] = {}
    for frame in frames:
        by_sentence.setdefault(frame.trigger.sentence[0], []).append(frame)
    for frame in frames:
        strength, negated, not_a_flow = modality[frame.trigger.start]
        if not_a_flow:
            continue
        number = ctx.sentence_number[frame.trigger.sentence[0]]
        # A banned or halted flow lends its sides only to another such flow: "The US banned imports of
        # Russian gas, but the EU has maintained deliveries from Moscow" names no US import.
        stated = [r for r in recent if r.negated == negated]
        with_group = [r for r in grouped if r.negated == negated]
        roles = _roles(stated, number, fixed)
        exporters, importers = _explicit_sides(frame, (None, None), roles, _transit(ctx, frame))
        if len(exporters) == 1 and len(importers) == 1:
            pair = _Stated(number, exporters[0].iso3, importers[0].iso3, frame.direction, negated)
            if exporters[0].is_group != importers[0].is_group:
                grouped.append(pair)
            elif not frame.goods and not exporters[0].is_group:
                # "Kazakh exports to China amounted to $13.2 billion. The main commodities were: ..."
                recent.append(pair)
        if not frame.goods:
            continue
        items = [(g, False) for g in frame.goods] + [(g, True) for g in frame.return_goods]
        # In a barter each side's goods name their origin: "a barter of Pakistani rice for Iranian oil".
        origin_there = _origin(frame.goods)
        origin_back = _origin(frame.return_goods)
        # The items of a frame with the same origins have the same sides (what _sides reads changes only
        # between frames; the references it fixes stay fixed): worked out once per origins.
        sides_of: dict[tuple[str | None, str | None], list[tuple[str, str]]] = {}
        for goods, in_exchange in items:
            # The sides are those of the goods that go out; the goods that travel back swap them.
            origins = (origin_there if in_exchange else goods.origin, origin_back)
            if origins not in sides_of:
                sides_of[origins] = _sides(
                    ctx, frame, origins, by_sentence, (stated, with_group), number, modality, roles
                )
            sides = sides_of[origins]
            for exporter, importer in sides:
                if in_exchange:
                    # "X will export A to Y in exchange for B": B goes from Y to X
                    exporter, importer = importer, exporter
                if exporter == importer:
                    continue
                flow = _flow(
                    ctx, frame, goods, hs_for_commodity(goods.name), (exporter, importer), strength, negated
                )
                key = (exporter, importer, goods.name)
                old = flows.get(key)
                if old is None or _stronger(flow, old):
                    flows[key] = flow
                recent.append(_Stated(number, exporter, importer, frame.direction, negated))
    return list(flows.values())


def _modality(ctx: DocContext, frame: Frame, scopes: list[tuple[int, int]]) -> tuple[str, bool, bool]:
    """(modality, negated, not_a_flow) of a frame's trade word; a trade noun that is the subject of a modal
    verb after it takes that verb's modality: "gas supplies from X will be distributed to Y" (planned),
    "shipments of A to Y could double" (potential)."""
    start = frame.trigger.start
    covered = any(first <= start < end for first, end in scopes)
    found = modality_at(ctx.doc, start, _finite(ctx, frame)) if covered else _UNSCOPED
    if found[0] != "actual" or frame.trigger.form != "noun":
        return found
    verb = _subject_verb(ctx, frame)
    if verb is None or not any(first <= verb + 1 < end for first, end in scopes):
        return found
    return modality_at(ctx.doc, verb + 1)[0], found[1], found[2]


def _subject_verb(ctx: DocContext, frame: Frame) -> int | None:
    """The modal verb right after the noun phrase a trade noun heads ("exports of wheat from Kazakhstan to
    Iran will ..."), or None: the phrase ends at punctuation, a clause break, a copula, another trade word
    or a past form ("exports rose, and prices will fall" has no modal of its own)."""
    lex = ctx.lexicon
    marked = ctx.table.marks["trade_word"]
    lower = ctx.lower
    for i in range(frame.trigger.end, min(frame.trigger.clause[1], frame.trigger.end + SUBJECT_SPAN)):
        word = lower[i]
        if word in lex.modal_verbs:
            return i if word not in lex.perfect_auxiliaries else None
        if (
            ctx.flag("IS_PUNCT", i)
            or word in lex.clause_breaks
            or word in lex.be_forms
            or word in lex.copulas
            or word in lex.speech_verbs
            or word == "that"
            or marked[i]
            or (word.endswith("ed") and ctx.flag("IS_LOWER", i))
            or (word in lex.list_separators and ctx.at(i + 1) in lex.modal_verbs)
        ):
            return None
    return None


def _finite(ctx: DocContext, frame: Frame) -> bool:
    """A trade verb in its present-tense -s form right after no modal or "to": "the volume of gas it
    supplies", "the rice Vietnam sells"."""
    trigger = frame.trigger
    word = trigger.word
    return (
        trigger.form == "verb"
        and word.endswith("s")
        and not word.endswith("ss")
        and ctx.at(trigger.start - 1) not in ctx.lexicon.modal_verbs
        and ctx.at(trigger.start - 1) != "to"
    )


def _flow(
    ctx: DocContext,
    frame: Frame,
    goods: Goods,
    hs: tuple[str | None, str | None],
    sides: tuple[str, str],
    modality,
    negated,
) -> TradeFlow:
    hs_code, hs_section = hs
    exporter, importer = sides
    trigger = frame.trigger
    span = Span(ctx.doc, min(goods.start, trigger.start), max(goods.end, trigger.end))
    return TradeFlow(
        exporter=exporter,
        importer=importer,
        commodity=Commodity(name=goods.name, hs_code=hs_code, hs_section=hs_section),
        modality=modality,
        negated=negated,
        quantity=goods.quantity,
        evidence=evidence(span),
    )


def _origin(goods: tuple[Goods, ...]) -> str | None:
    return next((g.origin for g in goods if g.origin), None)


def _sides(
    ctx: DocContext,
    frame: Frame,
    origins: tuple[str | None, str | None],
    by_sentence,
    stated: tuple[list[_Stated], list[_Stated]],
    number: int,
    modality,
    roles,
) -> list[tuple[str, str]]:
    recent, grouped = stated
    partners = {row.partner for row in ctx.lexicon.readings(frame.trigger.word)}
    exporters, importers = _explicit_sides(frame, origins, roles, "via" in partners)
    if any(p.is_group for p in exporters + importers):
        exporters = tuple(p for p in exporters if not p.is_group)
        importers = tuple(p for p in importers if not p.is_group)
        if not exporters or not importers:
            return []
    export_codes = [p.iso3 for p in exporters]
    import_codes = [p.iso3 for p in importers]
    if frame.no_context:
        # "Japan imports 90% of the oil it consumes": only a side named with the words themselves.
        return [(e, i) for e in export_codes for i in import_codes]
    if not export_codes or not import_codes:
        # The sentence's earlier trade words: "..., 84 per cent of which was crude oil exports" (a later
        # one is a statement of its own: "export LNG to Germany as Berlin ... gas supply from Russia").
        for other in by_sentence.get(frame.trigger.sentence[0], []):
            if other.trigger.start >= frame.trigger.start or other.direction != frame.direction:
                continue
            if modality[other.trigger.start][2] or modality[other.trigger.start][1]:
                continue  # "costs to ship ... to the US", "banned imports of": no parties to lend
            other_exp, other_imp = _explicit_sides(other, (None, None), roles, _transit(ctx, other))
            # Only a side that differs from the one known: "exporters ... to India ... export tea from India".
            lent_exp = [p.iso3 for p in other_exp if p.iso3 not in import_codes]
            lent_imp = [p.iso3 for p in other_imp if p.iso3 not in export_codes]
            if not export_codes and lent_exp and not any(p.is_group for p in other_exp):
                export_codes = lent_exp
            if not import_codes and lent_imp and not any(p.is_group for p in other_imp):
                import_codes = lent_imp
    if partners & {"named", "via"}:
        # "ships carrying Ukrainian corn entered Turkish waters": a load in transit goes to no country the
        # article's context supplies; only one named with the word ("trucks carrying A to Z").
        return [(e, i) for e in export_codes for i in import_codes]
    earlier = [r for r in recent if number - r.sentence <= CONTEXT_WINDOW]
    with_group = [
        r for r in grouped if number - r.sentence <= CONTEXT_WINDOW and r.direction == frame.direction
    ]
    # The article's pair stands in for a partner the sentence leaves unsaid, not when the sentence names
    # another country as a side of another of its trade words: "Kazakhstan expects to export 9.6 million
    # tonnes of wheat and is ready to ship flour to Afghanistan" sends no wheat to Afghanistan; "the US
    # banned imports of Russian gas, but Europe kept deliveries from Moscow" sends the US none.
    pair = () if _names_a_partner(frame, by_sentence, modality) else None
    if export_codes and not import_codes:
        import_codes = (
            _carried(earlier, export_codes)
            or _partner(ctx, export_codes, pair)
            or _group_partner(with_group, export_codes, exporting=True)
        )
    elif import_codes and not export_codes:
        export_codes = (
            _carried(earlier, import_codes)
            or _partner(ctx, import_codes, pair)
            or _group_partner(with_group, import_codes, exporting=False)
        )
    elif not export_codes and not import_codes:
        start, end = frame.trigger.clause
        worldwide = any(word in ctx.lexicon.worldwide_words for word in ctx.lower[start:end])
        # "global wheat exports fell" is about no one pair; "we are ready to supply more electricity"
        # has a subject the rules cannot name: only a trade noun takes the parties stated just before:
        # in its own sentence ("the main market for Georgian wine, accounting for 60% of exports of
        # wine"), or in a sentence before by a trade word of its direction ("A are Bhutan's exports to
        # India. Imported goods including B ..." says nothing of who sold B).
        same = [r for r in earlier if r.direction == frame.direction or r.sentence == number]
        if same and not worldwide and frame.trigger.form == "noun":
            export_codes, import_codes = [same[-1].exporter], [same[-1].importer]
    return [(e, i) for e in export_codes for i in import_codes]


def _explicit_sides(
    frame: Frame, origins: tuple[str | None, str | None], roles: _Roles, transit: bool = False
) -> tuple[tuple[Party, ...], tuple[Party, ...]]:
    """The sides the frame's own constructions name, references fixed (parties.settle). `origins`: the
    demonym on the goods that go out, the last exporter; the demonym on the goods that travel back ("in
    exchange for Iranian oil"), the last importer. With `transit`, the actor is the transit country: only
    a country the goods come "from" exports them."""
    exporters, importers = settle(
        frame.exporters, frame.importers, (roles.exporters, roles.importers), roles.fixed
    )
    if transit:
        exporters = tuple(p for p in exporters if p.prep == "from")
    origin, origin_back = origins
    if not exporters and origin:
        exporters = (Party(origin, -1, -1, "demonym", False, "", -1),)
    exported = {p.iso3 for p in exporters}
    if not importers and origin_back and origin_back not in exported:
        importers = (Party(origin_back, -1, -1, "demonym", False, "", -1),)
    return exporters, importers


def _transit(ctx: DocContext, frame: Frame) -> bool:
    """A word of transit ("transits", partner "via" in rules/flow_triggers.tsv): its actor is no party."""
    return any(row.partner == "via" for row in ctx.lexicon.readings(frame.trigger.word))


class _Roles(NamedTuple):
    """What fixes a reference among the sides (parties.settle): the exporters and importers of the flows
    stated up to CONTEXT_WINDOW sentences before, and the references fixed so far."""

    exporters: frozenset[str]
    importers: frozenset[str]
    fixed: dict[int, str]


class _Stated(NamedTuple):
    """A pair of sides stated by a trade word: its sentence number and direction."""

    sentence: int
    exporter: str
    importer: str
    direction: str
    negated: bool = False


def _roles(recent: list[_Stated], number: int, fixed: dict[int, str]) -> _Roles:
    earlier = [r for r in recent if number - r.sentence <= CONTEXT_WINDOW]
    return _Roles(frozenset(r.exporter for r in earlier), frozenset(r.importer for r in earlier), fixed)


def _carried(earlier: list[_Stated], known: list[str]) -> list[str]:
    """The partner of the known side in the flows stated just before, when they agree on one: "Japan
    imports LNG from Qatar. It also buys condensate." -> Qatar; "India's exports to Bhutan totalled $1.3
    billion. Bhutan in turn exported electricity." -> India."""
    found = set()
    for _, exporter, importer, _, _ in earlier:
        if exporter in known:
            found.add(importer)
        if importer in known:
            found.add(exporter)
    return list(found) if len(found) == 1 and not found & set(known) else []


def _group_partner(grouped: list[_Stated], known: list[str], exporting: bool) -> list[str]:
    """The country of the last pair stated with a group that has every known country as a member on the
    known side: "Peruvian sales to the EU rose. Exports to Spain and Germany stood out." -> Peru."""
    groups = country_groups_by_id()
    for stated in reversed(grouped):
        group, partner = (
            (stated.exporter, stated.importer) if exporting else (stated.importer, stated.exporter)
        )
        row = groups.get(group)
        if row is not None and partner not in groups and set(known) <= set(row.members):
            return [partner]
    return []


def _partner(ctx: DocContext, known: list[str], pair: tuple[str, ...] | None = None) -> list[str]:
    """The other country of the article's bilateral context (or of `pair` when given)."""
    pair = ctx.pair if pair is None else pair
    if not pair or len(known) != 1 or known[0] not in pair:
        return []
    return [c for c in pair if c != known[0]]


def _names_a_partner(frame: Frame, by_sentence, modality) -> bool:
    """Whether another trade word of the frame's sentence names both sides of goods of its own, or a side
    of a banned or halted flow, by name. A trade word without goods continues the one before ("Ukraine
    shipped wheat bound for Tunisia") and names its partner."""
    for other in by_sentence.get(frame.trigger.sentence[0], []):
        if other is frame:
            continue
        exporters, importers = (
            [p for p in parties if not (p.is_group or p.is_reference)]
            for parties in (other.exporters, other.importers)
        )
        if (exporters and importers and other.goods) or (
            (exporters or importers) and modality[other.trigger.start][1]
        ):
            return True
    return False


def _stronger(new: TradeFlow, old: TradeFlow) -> bool:
    if old.negated != new.negated:
        return old.negated
    return MODALITY_STRENGTH[new.modality] > MODALITY_STRENGTH[old.modality]
