"""Between frames and flows: goods carried to a later trade word that names none of its own.

"Vietnam cut coffee exports to Germany but raised exports to Spain", "Argentina ships beef to 48
countries, with exports to the United States up 46 per cent": the second trade word names where the goods
go, not what they are; the text makes them plain by the trade word just before. A frame without goods
takes them from the nearest earlier frame of the same direction, in its sentence or the one before, when
that frame names exactly one commodity (with several, which of them goes on is not plain) and the later
frame names a side of its own. A side the later frame leaves open is the earlier frame's ("Kazakhstan
exported wheat to Iran. Exports to Turkey also rose." -> Kazakhstan's wheat to Turkey).

A pure function over the frames of one document; resolve.py turns the frames into flows.
"""

from __future__ import annotations

from dataclasses import replace

from tradegraph.components.flows.context import DocContext
from tradegraph.components.flows.frames import Frame

__all__ = ["CARRIED", "carry_goods"]

CARRIED = "goods carried from the trade word before"
SENTENCES_BACK = 1  # the same sentence or the one before


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
            and number - ctx.sentence_number[source.trigger.sentence[0]] <= SENTENCES_BACK
            and not any(p.is_group for p in frame.exporters + frame.importers)
            and _names_no_goods(ctx, frame)
            and _adds_a_side(frame, source)
        ):
            frame = _carried(frame, source)
        if frame.goods:
            last[frame.direction] = frame
        out.append(frame)
    return out


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


def _carried(frame: Frame, source: Frame) -> Frame:
    exporters = frame.exporters or tuple(
        p for p in source.exporters if p.iso3 not in {q.iso3 for q in frame.importers}
    )
    importers = frame.importers or tuple(
        p for p in source.importers if p.iso3 not in {q.iso3 for q in exporters}
    )
    filled_by = dict(frame.filled_by)
    filled_by["goods"] = CARRIED
    for side, parties, own in (
        ("exporter", exporters, frame.exporters),
        ("importer", importers, frame.importers),
    ):
        if parties and not own:
            filled_by[side] = CARRIED
    return replace(frame, exporters=exporters, importers=importers, goods=source.goods, filled_by=filled_by)
