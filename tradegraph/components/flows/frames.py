"""Step 2, frames and slots: what the constructions of the catalogue say about each trade word.

For a trade word, every construction of its class (rules/constructions.jsonl, in file order) is matched in
the trade word's clause (or sentence); each match fills slots with tokens. Per slot the first construction
that yields something wins: the goods step (goods.py) turns goods tokens into commodities, the parties step
(parties.py) exporter and importer tokens into countries. A "not_trigger" match drops the trade word, a
"not_party" match takes its parties out of every side.

A trade verb in a later clause whose subject constructions find no subject takes the subject of the
sentence's earlier trade verb ("Chile sells copper to China, while buying machinery from Germany").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from tradegraph.components.flows.constructions import Catalogue, Construction, match_window
from tradegraph.components.flows.context import DocContext, Party
from tradegraph.components.flows.goods import Goods, GoodsReader
from tradegraph.components.flows.parties import read_parties, without
from tradegraph.components.flows.patterns import Match, TokenTable, slot_tokens
from tradegraph.components.flows.triggers import VERB_FORMS, Trigger

__all__ = ["Frame", "FrameBuilder", "bare_amount", "with_goods_of"]

SIDES = ("exporter", "importer")
SIDE_SLOTS = frozenset(SIDES)
ALSO_SLOTS = {"also_exporter": "exporter", "also_importer": "importer"}  # slot -> the side it adds to
OPEN_SLOTS = frozenset(
    {
        "not_trigger",
        "not_party",
        "no_context",
        "exporter",
        "importer",
        "goods",
        "goods_before",
        "return_goods",
        *ALSO_SLOTS,
    }
)
CARRIED_GOODS = "goods carried from the sentence's earlier trade word"
GOODS_BEFORE = "goods and side carried from the flow stated before"
CARRY_WINDOW = 3  # sentences back a carrying construction looks for the flow stated before


@dataclass(frozen=True)
class Frame:
    """One trade word and what its clause says: the sides, the goods, and which construction said it."""

    trigger: Trigger
    exporters: tuple[Party, ...] = ()
    importers: tuple[Party, ...] = ()
    goods: tuple[Goods, ...] = ()
    return_goods: tuple[Goods, ...] = ()  # "in exchange for B": they travel the other way
    subject: tuple[Party, ...] = ()  # the trade word's subject, when a subject construction found it
    filled_by: dict[str, str] = field(default_factory=dict)  # slot -> name of the construction that filled it
    # The not_trigger construction that says this trade word states no flow here (the frame is then empty),
    # and the not_party constructions that took countries out of its sides.
    dropped_by: str | None = None
    blocked_by: tuple[str, ...] = ()
    carry: bool = False  # a carrying construction filled a side: goods may come from the flow before
    # A "no_context" construction matched: the sides are the frame's own, none filled in from around it.
    no_context: bool = False

    @property
    def names_a_side(self) -> bool:
        return bool(self.exporters or self.importers)

    @property
    def direction(self) -> str:
        return self.trigger.direction


class FrameBuilder:
    def __init__(self, catalogue: Catalogue, goods: GoodsReader) -> None:
        self.catalogue = catalogue
        self.goods = goods
        # Rank of a construction -> (column, values, before) of the tokens its pattern needs besides the
        # trade word, before it or after it (before None: anywhere in the window, for a pattern without a
        # trade-word token): one look-up each in the table's index rules out most constructions for most
        # trade words without trying their patterns.
        self.needs: dict[int, tuple[tuple[str, frozenset, bool | None], ...]] = {}
        # Column -> every value a pattern looks tokens up by: each Doc's table indexes them in one pass.
        anchors: dict[str, set] = {}
        for construction in catalogue.constructions:
            pattern = construction.pattern
            if pattern.anchor_column is not None:
                anchors.setdefault(pattern.anchor_column, set()).update(pattern.anchor_values)
            for _, column, values in pattern.required:
                anchors.setdefault(column, set()).update(values)
            k = construction.trigger_token
            self.needs[construction.rank] = tuple(
                (column, values, None if k is None else j < k)
                for j, column, values in pattern.required
                if j != k
            )
        self.anchors = {column: frozenset(values) for column, values in anchors.items()}
        # Each distinct (column, values) the catalogue's patterns need is one bit (in need_keys' order);
        # column -> value -> the bits of the needs that value meets, and rank -> the bits of all its needs:
        # a construction needing a token no token of the Doc holds is dropped from the Doc's plans at once
        # (about 40% of the look-ups a trade word's plans make otherwise fail on such a token).
        bits: dict[tuple[str, frozenset], int] = {}
        need_bits: dict[int, int] = {}
        for rank, needs in self.needs.items():
            for column, values, _ in needs:
                need_bits[rank] = need_bits.get(rank, 0) | 1 << bits.setdefault((column, values), len(bits))
        self.need_keys: tuple[tuple[str, frozenset], ...] = tuple(bits)
        self.value_bits: dict[str, dict[Any, int]] = {}
        for (column, values), b in bits.items():
            by_value = self.value_bits.setdefault(column, {})
            for value in values:
                by_value[value] = by_value.get(value, 0) | 1 << b
        # the (within, side) of the catalogue's constructions: each trade word's windows are computed once
        self.window_kinds = frozenset((c.row.within, c.row.side) for c in catalogue.constructions)
        # class -> its constructions in catalogue order, each with what the loop over them reads (_Plan)
        self.plans: dict[str, tuple[_Plan, ...]] = {
            cls: tuple(
                _Plan(
                    c,
                    c.rank,
                    c.fills,
                    c.trigger_token is not None,
                    *c.adjacent,
                    self.needs.get(c.rank, ()),
                    (c.row.within, c.row.side),
                    need_bits.get(c.rank, 0),
                )
                for c in constructions
            )
            for cls, constructions in catalogue.by_class.items()
        }
        # (class, side) -> just after the last subject construction: where a carried subject ranks.
        self.carry_rank: dict[tuple[str, str], float] = {}
        for cls, constructions in catalogue.by_class.items():
            for side in SIDES:
                ranks = [c.rank for c in constructions if c.row.subject and side in c.row.slots]
                if ranks:
                    self.carry_rank[(cls, side)] = ranks[-1] + 0.5

    def __call__(self, ctx: DocContext, triggers: list[Trigger]) -> list[Frame]:
        """One frame per trade word, in text order; a trade word that states no flow here gets an empty
        frame naming the construction that says so (dropped_by)."""
        table = ctx.table
        for column, values in self.anchors.items():
            table.index(column, values)
        # (pattern of a construction without a trigger token, sentence start) -> (match starts, matches)
        cache: dict[tuple[str, int], tuple[list[int], list[Match]]] = {}
        in_doc = self._needs_in_doc(table) if triggers else 0
        plans: dict[str, tuple[_Plan, ...]] = {}  # class -> its plans whose needs are all in the Doc
        subjects: dict[int, tuple[Party, ...]] = {}  # sentence start -> subject of its last trade verb
        frames = []
        # where a country phrase stops belonging to a trade word: the next verb or noun (an agent noun often
        # stands inside the phrase: "to buyers in Chile")
        starts = sorted(t.start for t in triggers if t.form != "agent")
        for trigger in triggers:
            cls = trigger.cls
            if cls not in plans:
                plans[cls] = tuple(plan for plan in self.plans[cls] if plan.need_bits & ~in_doc == 0)
            frame = _FrameReading(self, ctx, table, trigger, cache, starts).read(
                plans[cls], subjects.get(trigger.sentence[0], ())
            )
            subject = frame.subject or _noun_actor(frame)
            if subject:
                subjects[trigger.sentence[0]] = subject
            frames.append(_carried_goods(ctx, frame, frames))
        return frames

    def _needs_in_doc(self, table: TokenTable) -> int:
        """The bits of the needs some token of the Doc may meet, read off the table's index (it holds only
        the values found; __call__ indexed every value a need names): a need the index cannot rule out (a
        mark's default value, TokenTable.knows) counts as met."""
        found = 0
        for b, (column, values) in enumerate(self.need_keys):
            if not table.knows(column, values):
                found |= 1 << b
        for column, by_value in self.value_bits.items():
            for value in table.indexed(column):
                found |= by_value.get(value, 0)
        return found


class _Plan(NamedTuple):
    """A construction with what the loop over a trade word's constructions reads of it, unpacked once."""

    construction: Construction
    rank: int
    fills: frozenset[str]
    on_trade_word: bool  # its pattern has a trade-word token
    before: Any  # the test of the token right before the trade word, when the pattern requires one
    after: Any  # the same for the token right after it
    needs: tuple  # FrameBuilder.needs
    window_kind: tuple[str, str]  # (within, side)
    need_bits: int  # the bits of its needs (FrameBuilder.need_keys)


def _noun_actor(frame: Frame) -> tuple[Party, ...]:
    """The actor of a trade noun that opens its clause, undeclined and before it: "India banned onion
    exports to Bangladesh and could ship rice to Nepal" - India is the subject of the clause and of the
    verb phrase coordinated with it."""
    trigger = frame.trigger
    if trigger.form != "noun":
        return ()
    actor = frame.exporters if trigger.direction == "export" else frame.importers
    if (
        actor
        and actor[0].start == trigger.clause[0]
        and actor[-1].end <= trigger.start
        and not any(p.possessive or p.prep or p.kind == "demonym" for p in actor)
    ):
        return actor
    return ()


MAX_AMOUNT_MODIFIERS = 2  # "smaller amounts", "much smaller volumes"


def bare_amount(ctx: DocContext, i: int) -> bool:
    """An amount that measures nothing named starts at i (past hedges): "182,000 tonnes", "smaller
    amounts" (rules/words/amount_nouns.txt after up to MAX_AMOUNT_MODIFIERS modifiers), not "182,000
    tonnes of rice", "large volumes of gas" or "a message"."""
    lex = ctx.lexicon
    while i < len(ctx) and (ctx.lower[i] in lex.quantity_hedges or ctx.lower[i].endswith("ly")):
        i += 1
    amount = ctx.quantity_at.get(i)
    if amount is not None:
        return ctx.at(amount[1]) != "of"
    k = i
    while k < min(len(ctx), i + MAX_AMOUNT_MODIFIERS) and ctx.lower[k] not in lex.amount_nouns:
        if not (ctx.flag("IS_ALPHA", k) and ctx.flag("IS_LOWER", k)) or k in ctx.goods_tokens:
            return False
        k += 1
    return k < len(ctx) and ctx.lower[k] in lex.amount_nouns and ctx.at(k + 1) != "of"


def _bare_number(ctx: DocContext, i: int) -> bool:
    """A number with no unit ends the clause at i: "... will receive 1 billion."."""
    lex = ctx.lexicon
    k = i
    while k < len(ctx) and (ctx.flag("LIKE_NUM", k) or ctx.lower[k] in lex.number_words):
        k += 1
    return k > i and (k == len(ctx) or ctx.flag("IS_PUNCT", k))


def _codes(parties: tuple[Party, ...]) -> list[str]:
    return [p.iso3 for p in parties]


def _joined(parties: tuple[Party, ...], more: tuple[Party, ...]) -> tuple[Party, ...]:
    """`parties`, then those of `more` whose country is not among them yet."""
    return parties + without(more, _codes(parties))


def _carried_goods(ctx: DocContext, frame: Frame, earlier: list[Frame]) -> Frame:
    """A frame that names a side but no goods takes them from before:
    - from the sentence's last earlier trade word of its direction that has goods ("Vietnam cut coffee
      exports to Germany; but raised exports to Spain", "ships beef to 48 countries, with exports to the
      United States up 46%"), or for a verb whose object is a bare amount, of a role noun of either
      direction ("China is the main market for Turkmen gas, and the country ships smaller amounts to
      Russia"); a role noun in a relative clause from the trade word of either direction the clause is
      about ("needs gas imports, for which Iran is a key supplier");
    - when a carrying construction gave it its side, from the last flow stated before, within CARRY_WINDOW
      sentences, with the side it leaves open ("Thailand's rice exports rose. The top markets were Iraq
      and China")."""
    if frame.goods or frame.dropped_by or not frame.names_a_side:
        return frame
    trigger = frame.trigger
    # A verb's object, when it has one, is what it trades: only a bare amount leaves the goods to the
    # verb before ("Indonesia bought wheat from Argentina, while Vietnam imported 182,000 tonnes").
    borrows = trigger.form not in VERB_FORMS or bare_amount(ctx, trigger.end)
    for other in reversed(earlier):
        if other.dropped_by or not other.goods:
            continue
        # A role noun names a flow from both ends ("the main market for Turkmen gas"): a bare amount takes
        # its goods whichever way the role faces ("..., and the country ships smaller amounts to Russia"),
        # and a role noun takes those of the flow it has a role in ("The country needs gas imports, for
        # which Iran has been a key supplier").
        same_sentence = other.trigger.sentence == trigger.sentence
        facing = same_sentence and (
            other.direction == frame.direction
            or (other.trigger.form == "agent" and trigger.form in VERB_FORMS)
            or (
                trigger.form == "agent"
                and any(
                    ctx.lower[i] in ctx.lexicon.relative_pronouns
                    for i in range(other.trigger.end, trigger.start)
                )
            )
        )
        if facing and borrows:
            return replace(frame, goods=other.goods, filled_by={**frame.filled_by, "goods": CARRIED_GOODS})
        if (
            same_sentence
            and trigger.form in VERB_FORMS
            and other.direction != frame.direction
            and (borrows or _bare_number(ctx, trigger.end))
        ):
            # "Norway will deliver gas to Poland, and Denmark will receive 1 billion": a bare amount at the
            # other end of the same deliveries takes their goods and the side it leaves open.
            return with_goods_of(frame, other, CARRIED_GOODS)
        if not frame.carry:
            continue
        back = ctx.sentence_number[trigger.sentence[0]] - ctx.sentence_number[other.trigger.sentence[0]]
        if back > CARRY_WINDOW:
            break
        if other.trigger.sentence == trigger.sentence or not other.names_a_side:
            continue
        return with_goods_of(frame, other, GOODS_BEFORE)
    return frame


def with_goods_of(frame: Frame, source: Frame, why: str, sides_why: str | None = None) -> Frame:
    """`frame` with the goods of `source` (filled_by["goods"] = why) and the sides it leaves open taken
    from `source`, less the countries already on its other side; with `sides_why`, each side so taken says
    so in filled_by."""
    exporters = frame.exporters or without(source.exporters, _codes(frame.importers))
    importers = frame.importers or without(source.importers, _codes(exporters))
    filled = {**frame.filled_by, "goods": why}
    if sides_why is not None:
        for side, parties, own in (
            ("exporter", exporters, frame.exporters),
            ("importer", importers, frame.importers),
        ):
            if parties and not own:
                filled[side] = sides_why
    return replace(frame, exporters=exporters, importers=importers, goods=source.goods, filled_by=filled)


def _has_needed(table: TokenTable, needs, trigger: Trigger, window: tuple[int, int]) -> bool:
    """Whether each token a construction needs ((column, values, before the trade word, None: anywhere))
    occurs on its side of the trade word inside the window."""
    for column, values, before in needs:
        tokens = table.holding(column, values)
        if tokens is None:
            continue  # not known from the index: may be anywhere (TokenTable.occurs)
        if before is None:
            start, end = window
        elif before:
            start, end = window[0], trigger.start
        else:
            start, end = trigger.end, window[1]
        k = bisect_left(tokens, start)
        if k == len(tokens) or tokens[k] >= end:
            return False
    return True


class _FrameReading:
    """The constructions of one trade word, read in catalogue order; a slot is filled by the first that
    gives it something, and a construction whose slots are all filled is not matched at all."""

    def __init__(
        self,
        builder: FrameBuilder,
        ctx: DocContext,
        table: TokenTable,
        trigger: Trigger,
        cache,
        starts: list[int],
    ):
        self.builder, self.ctx, self.table, self.trigger, self.cache = builder, ctx, table, trigger, cache
        # A country phrase after a later trade word of the clause belongs to that word: "export LNG to
        # Germany ..., as Berlin seeks ... gas supply from Russia".
        k = bisect_right(starts, trigger.start)
        self.next_trade_word = starts[k] if k < len(starts) else len(ctx)
        self.blocked: set[int] = set()
        self.sides: dict[str, tuple[Party, ...]] = {}
        self.goods: tuple[Goods, ...] = ()
        self.return_goods: tuple[Goods, ...] = ()
        self.subject: tuple[Party, ...] = ()
        self.also: dict[str, tuple[Party, ...]] = {side: () for side in SIDES}
        self.carry = False
        self.no_context = False
        self.filled_by: dict[str, str] = {}
        self.blocked_by: list[str] = []
        self.open = set(OPEN_SLOTS)  # the slots a construction may still fill (blockers stay open)
        # (within, side) -> the tokens a construction's match must lie in (Construction.window)
        self.windows: dict[tuple[str, str], tuple[int, int]] = {
            kind: match_window(trigger, *kind) for kind in builder.window_kinds
        }

    def read(self, plans: tuple[_Plan, ...], carried: tuple[Party, ...]) -> Frame:
        """The frame `plans` (the trade word's class's, less those that cannot match in the Doc, in
        catalogue order) give the trade word; `carried`: the subject of the sentence's earlier trade verb."""
        trigger = self.trigger
        actor = "exporter" if trigger.direction == "export" else "importer"
        carry_rank = self.builder.carry_rank.get((trigger.cls, actor), -1.0)
        carries = bool(carried) and trigger.form in VERB_FORMS and trigger.clause[0] > trigger.sentence[0]
        goods_list = None  # (tokens, window, before) of the goods read, to cut them short of goods back
        table = self.table
        windows = self.windows
        open_slots = self.open
        for construction, rank, fills, on_trade_word, before, after, needs, window_kind, _ in plans:
            if carries and rank > carry_rank and actor not in self.sides:
                # No subject construction found one: the subject of the sentence's earlier trade verb.
                self._fill(actor, carried, "subject carried from the sentence's earlier trade verb", True)
            if fills.isdisjoint(open_slots):
                continue  # every slot it fills is filled
            window = windows[window_kind]
            if on_trade_word:
                # most fail on the token next to the trade word
                if before is not None and not (trigger.start > 0 and before(table, trigger.start - 1)):
                    continue
                if after is not None and not (trigger.end < table.length and after(table, trigger.end)):
                    continue
                if needs and not _has_needed(table, needs, trigger, window):
                    continue  # a token the pattern needs is not there
            else:
                if needs and not _has_needed(table, needs, trigger, window):
                    continue  # a token the pattern needs is not in the window: no match lies in it
                if window[0] >= window[1]:
                    continue  # an empty window holds no match
                starts = self._sentence_matches(construction, window)[0]
                k = bisect_left(starts, window[0])
                if k == len(starts) or starts[k] >= window[1]:
                    continue  # no match starts in the window
            tokens = self._slot_tokens(construction, window)
            if not tokens:
                continue
            if "not_trigger" in tokens:
                return Frame(trigger, dropped_by=construction.name)
            if "not_party" in tokens:
                self.blocked.update(tokens["not_party"])
                self.blocked_by.append(construction.name)
            if "no_context" in tokens:
                self.no_context, self.filled_by["no_context"] = True, construction.name
                self.open.discard("no_context")
            for side in SIDES:
                if side in tokens and side not in self.sides:
                    # A mention that already holds the other side holds no second one: "36 percent of
                    # Egyptian wheat imports" (importer) is no "Afghan coal imports" (exporter) as well.
                    other = self.sides.get("importer" if side == "exporter" else "exporter", ())
                    held = {i for p in other if not p.is_reference for i in range(p.start, p.end)}
                    blocked = frozenset(self.blocked | held)
                    parties = read_parties(self.ctx, tokens[side], trigger, blocked, construction.row.subject)
                    self._fill(side, parties, construction.name, construction.row.subject)
                    self.carry = self.carry or (bool(parties) and construction.row.carry)
            for slot, side in ALSO_SLOTS.items():
                if slot in tokens:
                    parties = read_parties(self.ctx, tokens[slot], trigger, frozenset(self.blocked))
                    if parties:
                        self.also[side] = _joined(self.also[side], parties)
                        self.filled_by.setdefault(slot, construction.name)
            for slot in ("goods", "goods_before"):
                if slot in tokens and not self.goods:
                    window = construction.stretch(trigger)
                    read = self.builder.goods.read(
                        self.ctx, tokens[slot], trigger, window, slot == "goods_before"
                    )
                    if read:
                        self.goods, self.filled_by["goods"] = tuple(read), construction.name
                        self.open -= {"goods", "goods_before"}
                        goods_list = (tokens[slot], window, slot == "goods_before")
            if "return_goods" in tokens and self.goods and not self.return_goods:
                back = tokens["return_goods"]
                read = self.builder.goods.read(self.ctx, back, trigger, trigger.clause)
                if read:
                    self.return_goods, self.filled_by["return_goods"] = tuple(read), construction.name
                    self.open.discard("return_goods")
                    if goods_list is not None and self.goods[-1].end > back[0]:
                        # "barter crude oil for tea": the goods that go out end before the goods back
                        listed, (start, _), before = goods_list
                        cut = self.builder.goods.read(self.ctx, listed, trigger, (start, back[0] - 1), before)
                        self.goods = tuple(cut) or self.goods
        if carries and actor not in self.sides:
            self._fill(actor, carried, "subject carried from the sentence's earlier trade verb", True)
        # A reference ("the country") that is also the other side is fixed with the flows around it (resolve).
        exporters = _joined(self.sides.get("exporter", ()), self.also["exporter"])
        importers = without(
            _joined(self.sides.get("importer", ()), self.also["importer"]),
            (p.iso3 for p in exporters if not p.is_reference),
        )
        return Frame(
            trigger,
            exporters,
            importers,
            self.goods,
            self.return_goods,
            self.subject,
            self.filled_by,
            blocked_by=tuple(self.blocked_by),
            carry=self.carry,
            no_context=self.no_context,
        )

    def _fill(self, side: str, parties: tuple[Party, ...], name: str, subject: bool) -> None:
        if parties:
            self.sides[side], self.filled_by[side] = parties, name
            self.open.discard(side)
            if subject:
                self.subject = parties

    def _sentence_matches(
        self, construction: Construction, window: tuple[int, int]
    ) -> tuple[list[int], list[Match]]:
        """(starts, matches) of a construction without a trigger token in the sentence of a (non-empty)
        window, found once per sentence and shared by the trade words of the sentence and the constructions
        with the same pattern: only the sentences a trade word's constructions reach are searched, not the
        whole Doc. A run of a repeated first token is looked at across the sentence start, as over the
        whole Doc."""
        pattern = construction.pattern
        first = self.ctx.sentence_start[window[0]]
        key = (pattern.key, first)
        found = self.cache.get(key)
        if found is None:
            matches = pattern.find(self.table, first, self.ctx.sentence_end[first], runs_from=0)
            found = self.cache[key] = ([m.start for m in matches], matches)
        return found

    def _slot_tokens(self, construction: Construction, window: tuple[int, int]) -> dict[str, list[int]]:
        """Slot -> the tokens the construction's matches for this trade word in its window put there
        (sorted)."""
        trigger = self.trigger
        pattern = construction.pattern
        if construction.trigger_token is not None:
            matches = pattern.find_at(
                self.table, construction.trigger_token, trigger.start, trigger.end, window
            )
        else:
            # Matched once in the sentence (a match inside the window is one of those), then looked up.
            starts, in_doc = self._sentence_matches(construction, window)
            if not in_doc:
                return {}
            k = bisect_left(starts, window[0])
            matches = []
            while k < len(in_doc) and in_doc[k].start < window[1]:
                if in_doc[k].end <= window[1]:
                    matches.append(in_doc[k])
                k += 1
            if construction.fills & SIDE_SLOTS:
                matches = [m for m in matches if m.start < self.next_trade_word or m.start < trigger.start]
        return slot_tokens(matches, construction.row.slots)
