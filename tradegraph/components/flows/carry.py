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

A pure function over the frames of one document; resolve.py turns the frames into flows.
"""

from __future__ import annotations

from tradegraph.components.flows.context import DocContext
from tradegraph.components.flows.frames import Frame, bare_amount, with_goods_of
from tradegraph.components.flows.triggers import VERB_FORMS

__all__ = ["CARRIED", "carry_goods"]

CARRIED = "goods carried from the trade word before"


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
