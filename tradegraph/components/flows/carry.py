"""Between frames and flows: goods carried to a trade word of the next sentence that names none of its own.

"Kazakhstan exported wheat to Iran. Exports to Turkey also rose.": the second trade word names where the
goods go, not what they are; the text makes them plain by the trade word just before and by a word saying
the sentence goes on with it ("also", "too": rules/words/additive_words.txt), or by a trade verb whose
object is an amount that measures nothing named ("India is a net exporter of electricity. It exported
5,798 MUs to Nepal": frames.bare_amount). A frame without goods takes
them from the nearest earlier frame of the same direction in the sentence before, when that frame names
exactly one commodity (with several, which of them goes on is not plain) and the later frame names a side
of its own. A side the later frame leaves open is the earlier frame's (-> Kazakhstan's wheat to Turkey).
Within one sentence the frames themselves carry goods (frames.py: "cut coffee exports to Germany but raised
exports to Spain").

A ranking goes on past its trade word: "Saudi Arabia was Korea's top crude supplier. Iran was third, followed
by Qatar." The words that name who comes next (rules/rank_continuations.jsonl: "followed by Z", "Behind X
are Z", "then comes Z", "Z was third") are no trade word; continue_rankings gives each a frame of its own in
which the ranked parties hold the side of the role noun they continue (a supplier's exporter, a buyer's
importer) and the goods and the other side are the ranking's (-> Iran's and Qatar's crude to Korea).
A share goes on the same way: "China accounted for 26% of Peru's exports. Japan accounted for 9%." (a
continuation of a share: the side a share construction filled); with no goods named, its frame states the
pair only (Peru -> Japan), which the buyer's goods named after take up ("Japan mainly bought copper").

Pure functions over the frames of one document; resolve.py turns the frames into flows.
"""

from __future__ import annotations

from dataclasses import replace

from tradegraph.components.flows.constructions import Continuation
from tradegraph.components.flows.context import DocContext, Party
from tradegraph.components.flows.frames import Frame, bare_amount, with_goods_of
from tradegraph.components.flows.parties import read_parties, without
from tradegraph.components.flows.patterns import slot_tokens
from tradegraph.components.flows.triggers import VERB_FORMS

__all__ = ["CARRIED", "RANKED", "carry_goods", "continue_rankings"]

CARRIED = "goods carried from the trade word before"
RANKED = "goods and other side of the ranking continued"
RANKING_WINDOW = 1  # sentences back a continuation looks for the ranking it goes on with


def carry_goods(ctx: DocContext, frames: list[Frame]) -> list[Frame]:
    """The frames, with goods carried to those that name a side but no goods (see the module docstring)."""
    out: list[Frame] = []
    last: dict[str, Frame] = {}  # direction -> the latest frame of that direction with goods
    for frame in frames:
        number = ctx.sentence_number[frame.trigger.sentence[0]]
        source = last.get(frame.direction)
        if (
            not frame.goods
            and (frame.exporters or frame.importers)
            and source is not None
            and len(source.goods) == 1
            and number - ctx.sentence_number[source.trigger.sentence[0]] == 1
            and _goes_on(ctx, frame)
            and not any(p.is_group for p in frame.exporters + frame.importers)
            and _names_no_goods(ctx, frame)
            and _adds_a_side(frame, source)
        ):
            frame = with_goods_of(frame, source, CARRIED, CARRIED)
        if frame.goods:
            last[frame.direction] = frame
        out.append(frame)
    return out


def _goes_on(ctx: DocContext, frame: Frame) -> bool:
    """The frame's sentence says it goes on with the one before ("Exports to Turkey also rose"), or its trade
    verb's object is a bare amount, of goods named before ("It exported 5,798 MUs to Nepal")."""
    trigger = frame.trigger
    if trigger.form in VERB_FORMS and bare_amount(ctx, trigger.end):
        return True
    start, end = trigger.sentence
    return any(ctx.lower[i] in ctx.lexicon.additive_words for i in range(start, end))


def _names_no_goods(ctx: DocContext, frame: Frame) -> bool:
    """The trade word has no object of its own: what follows it is a country, a preposition before one
    ("exports to Spain"), an amount ("ships smaller amounts to Russia", "sold 2 Mt"), an adverb or the end
    of the clause, not a noun that the goods reading rejected ("provides transshipment of goods", "exports
    of services", "export market"); and it is no total ("Australia's total exports to Japan")."""
    lex = ctx.lexicon
    start, end = frame.trigger.start, frame.trigger.end
    if any(ctx.at(i) in lex.total_words for i in range(max(start - 2, 0), start)):
        return False
    word = ctx.at(end)
    return (
        end >= len(ctx)
        or end in ctx.party_at
        or end in ctx.quantity_at
        or (word in lex.party_prepositions and word != "of")
        or word in lex.quantity_hedges
        or word in lex.list_adverbs
        or word.endswith("ly")
        or ctx.flag("IS_PUNCT", end)
        or ctx.flag("LIKE_NUM", end)
    )


def _adds_a_side(frame: Frame, source: Frame) -> bool:
    """The later trade word names a side the earlier one does not (its goods' origin counts as named):
    "the export of Chilean almonds to China ... diversifying Chilean exports" says nothing new."""
    exporters = {p.iso3 for p in source.exporters} | {g.origin for g in source.goods if g.origin}
    importers = {p.iso3 for p in source.importers}
    return bool(
        {p.iso3 for p in frame.exporters} - exporters or {p.iso3 for p in frame.importers} - importers
    )


def continue_rankings(
    ctx: DocContext,
    frames: list[Frame],
    continuations: tuple[Continuation, ...],
    shares: frozenset[str] = frozenset(),
) -> list[Frame]:
    """The frames, with one more for each continuation of a ranking (see the module docstring), in text
    order. The ranking continued is the last role noun (an agent noun: supplier, buyer, market) before the
    continuation, in its sentence or up to RANKING_WINDOW sentences back; its goods, or those of the last
    trade word of its direction in its sentence that has goods ("The leading importer, Ukraine imports
    Georgian wine, then comes Kazakhstan"). A share continuation goes on with the last frame whose side a
    construction of `shares` (their names) filled."""
    # Where each kind of continuation is looked for: a ranking's from the first role noun on; a share's
    # only in the share's sentence and the RANKING_WINDOW after it (shares are few, rankings many).
    first = next((f.trigger.sentence[0] for f in frames if f.trigger.form == "agent"), None)
    stretches: dict[str, list[tuple[int, int]]] = {
        "ranking": [] if first is None else [(first, len(ctx))],
        "share": _share_stretches(ctx, frames, shares),
    }
    if not stretches["ranking"] and not stretches["share"]:
        return frames  # no role noun and no share: no ranking to go on with
    found = sorted(
        (
            (continuation, match)
            for continuation in continuations
            for start, end in stretches[continuation.row.continues]
            for match in continuation.pattern.find(ctx.table, start, end)
        ),
        key=lambda found: found[1].start,
    )
    if not found:
        return frames
    out = list(frames)
    for continuation, match in found:
        frame = _continued(ctx, out, continuation, match, shares)
        if frame is not None:
            out.append(frame)
    return sorted(out, key=lambda f: f.trigger.start)


def _share_stretches(ctx: DocContext, frames: list[Frame], shares: frozenset[str]) -> list[tuple[int, int]]:
    """The sentence of each frame a share construction filled and the RANKING_WINDOW sentences after it,
    overlapping stretches joined."""
    out: list[tuple[int, int]] = []
    for frame in frames:
        if not _shared_side(frame, shares):
            continue
        start, end = frame.trigger.sentence
        for _ in range(RANKING_WINDOW):
            end = ctx.sentence_end[end] if end < len(ctx) else end
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def _pair_partner(ctx: DocContext, holders: tuple[Party, ...]) -> tuple[Party, ...]:
    """The other country of the article's two main countries, when a share's holder is one of them and the
    share names no owner ("China, accounting for 26% of its partner's exports" in an article on Peru and
    China: Peru), as resolve.py fills a side a frame leaves open."""
    codes = {p.iso3 for p in holders}
    if ctx.pair is None or len(codes) != 1 or not codes <= set(ctx.pair):
        return ()
    return tuple(Party(code, -1, -1, "country", False, "", -1) for code in ctx.pair if code not in codes)


def _shared_side(frame: Frame, shares: frozenset[str]) -> str | None:
    """The side of the frame a share construction filled, if one did."""
    return next((side for side in ("exporter", "importer") if frame.filled_by.get(side) in shares), None)


def _continued(
    ctx: DocContext, frames: list[Frame], continuation: Continuation, match, shares: frozenset[str]
) -> Frame | None:
    number = ctx.sentence_number[ctx.sentence_start[match.start]]
    earlier = [f for f in frames if f.trigger.start < match.start]
    share = continuation.row.continues == "share"
    ranking = next(
        (
            f
            for f in reversed(earlier)
            if (_shared_side(f, shares) if share else f.trigger.form == "agent")
            and number - ctx.sentence_number[f.trigger.sentence[0]] <= RANKING_WINDOW
        ),
        None,
    )
    if ranking is None:
        return None
    source = ranking
    if not ranking.goods and not share:
        source = next(
            (
                f
                for f in reversed(earlier)
                if f.goods
                and f.direction == ranking.direction
                and f.trigger.sentence == ranking.trigger.sentence
            ),
            None,
        )
        if source is None:
            return None
    if share:
        side = _shared_side(ranking, shares)
    else:
        side = "exporter" if ranking.direction == "export" else "importer"
    slots = slot_tokens([match], continuation.row.slots)
    trigger = ranking.trigger
    ranked = read_parties(ctx, slots["ranked"], trigger, frozenset())
    rivals = read_parties(ctx, slots.get("rival", ()), trigger, frozenset())
    holders = {p.iso3 for p in (ranking.exporters if side == "exporter" else ranking.importers)}
    if not ranked or (rivals and not holders & {p.iso3 for p in rivals}):
        return None
    ranked_tokens = set(slots["ranked"])
    words = [i for i in range(match.start, match.end) if i not in ranked_tokens]
    first, last = (words[0], words[-1] + 1) if words else (match.start, match.end)
    sentence = (ctx.sentence_start[match.start], ctx.sentence_end[match.start])
    here = trigger._replace(start=first, end=last, clause=sentence, sentence=sentence)
    frame = Frame(here, **{f"{side}s": ranked}, filled_by={side: continuation.name})
    # The other side is the ranking's own, else that of the trade word its goods come from, else (for
    # buyers) the goods' origin; a ranking that names none is a world ranking ("the top coffee exporter,
    # ahead of Vietnam"): the ranked parties trade with no one named.
    other = "importers" if side == "exporter" else "exporters"
    partners = getattr(ranking, other) or getattr(source, other)
    if not partners and share:
        partners = _pair_partner(ctx, getattr(ranking, f"{side}s"))
    if not partners and not (side == "importer" and any(g.origin for g in source.goods)):
        return None
    source = replace(source, **{other: partners})
    if not source.goods:
        # a share of exports that names no goods: the pair only ("Japan accounted for 9%")
        filled = {**frame.filled_by, other[:-1]: RANKED}
        return replace(frame, **{other: without(partners, [p.iso3 for p in ranked])}, filled_by=filled)
    return with_goods_of(frame, source, RANKED, RANKED)
