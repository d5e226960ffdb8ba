"""Trade flows: who sends which goods to whom, read from trade words and the constructions around them.

The `tg_flows` component runs five steps, one module each, over a frozen per-document context
(context.py) built from what earlier components wrote:

1. trade words (triggers.py): "exports", "supplied", "importer", ... (rules/flow_triggers.tsv), each read
   as a verb, passive participle, noun or agent noun, with its clause;
2. frames and slots (frames.py): the constructions of rules/constructions.jsonl (loaded by
   constructions.py, matched by patterns.py) fill each trade word's exporter, importer and goods slots;
3. goods (goods.py): the written list a goods slot points at, split and cleaned to commodities whose head
   is a goods word; quantities come from the values component's spans;
4. parties (parties.py): the countries an exporter or importer slot names;
   goods carried (carry.py) to a later trade word that names a side but no goods of its own, and to the
   words that go on with a ranking ("..., followed by Z", "Z was third": rules/rank_continuations.jsonl);
5. flows (resolve.py): one TradeFlow per goods item, sides left open filled from the sentence, the
   article's two main countries or the flow just before; modality from the modality component.

Adding a trade verb, a construction or a goods word is a change to rules/ only (see the docstring of
constructions.py for the catalogue format and lexicon.py for the word lists).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from tradegraph.components.base import set_span_group
from tradegraph.components.flows.carry import carry_goods, continue_rankings
from tradegraph.components.flows.constructions import (
    Catalogue,
    Continuation,
    catalogue,
    continuations,
)
from tradegraph.components.flows.context import MARKS, DocContext, build_context, publish, register_marks
from tradegraph.components.flows.frames import Frame, FrameBuilder
from tradegraph.components.flows.goods import GoodsReader
from tradegraph.components.flows.lexicon import Lexicon, lexicon
from tradegraph.components.flows.resolve import resolve_flows
from tradegraph.components.flows.triggers import Trigger, TriggerFinder

__all__ = ["FlowExtractor", "Frame", "Trigger", "make_flows"]

register_marks()


@Language.factory(
    "tg_flows",
    assigns=["doc._.trade_flows", "doc.spans", *(f"token._.{name}" for name in MARKS)],
    requires=["doc.sents", "doc.spans", "doc._.quantities"],
)
def make_flows(nlp: Language, name: str) -> FlowExtractor:
    return FlowExtractor(nlp)


class FlowExtractor:
    """Writes doc._.trade_flows (list[TradeFlow]), doc.spans["trade_triggers"] (the trade words that state a
    flow, label = the word's class, e.g. "export verb") and the Token._ marks of context.py."""

    def __init__(
        self,
        nlp: Language,
        words: Lexicon | None = None,
        constructions: Catalogue | None = None,
        rankings: tuple[Continuation, ...] | None = None,
    ) -> None:
        self.lexicon = words or lexicon()
        self.continuations = continuations() if rankings is None else rankings
        self.triggers = TriggerFinder(self.lexicon, nlp.tokenizer)
        self.frames = FrameBuilder(constructions or catalogue(), GoodsReader(self.lexicon))
        self.shares = self.frames.catalogue.shares

    def __call__(self, doc: Doc) -> Doc:
        ctx, frames = self.read(doc)
        frames = carry_goods(ctx, [frame for frame in frames if frame.dropped_by is None])
        frames = continue_rankings(ctx, frames, self.continuations, self.shares)
        set_span_group(
            doc, "trade_triggers", [(f.trigger.start, f.trigger.end, f.trigger.cls, "") for f in frames]
        )
        doc._.trade_flows = resolve_flows(ctx, frames)
        return doc

    def read(self, doc: Doc) -> tuple[DocContext, list[Frame]]:
        """The context and the frames of every trade word of a Doc the earlier components have run on (also
        for tests and for explaining an extraction: each frame names the constructions that filled its
        slots, or the one that says the trade word states no flow)."""
        ctx = build_context(doc, self.lexicon)
        triggers = self.triggers(ctx)
        trade_word = [""] * len(doc)
        for trigger in triggers:
            for i in range(trigger.start, trigger.end):
                trade_word[i] = trigger.cls
        marked = [i for trigger in triggers for i in range(trigger.start, trigger.end)]
        # The context the later steps read: the same, with the trade words marked.
        ctx = replace(ctx, table=ctx.table.with_marks({"trade_word": trade_word}, {"trade_word": marked}))
        publish(doc, ctx.table)
        return ctx, self.frames(ctx, triggers)
