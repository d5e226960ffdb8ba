"""Which amounts of money are stated values of trade between two countries.

`tg_trade_values` (after tg_flows) reads, for each amount in doc._.money:

1. whether it is a level at all: not a change ("rose by $5m"), a price ("$70 per tonne"), a goal or forecast
   ("aim to raise trade to $5bn", "expected to reach"; words/value_targets.txt and the modality scopes);
2. what it is the value of: the trade word nearest to it (rules/trade_value_words.tsv: turnover, exports,
   imports, or exclude for investment, budgets, balances ...), not one it is compared with ("imports far
   outweigh exports, totaling $19.7bn"); with no trade word in its sentence, "it"/"this" stands for the trade
   word of the sentence before;
3. whether it is the value of all goods or of one commodity: goods or a quantity between the trade word and
   the amount ("6,600 tons of cotton worth $17.3m") make it price that commodity's TradeFlow (TradeFlow.value)
   instead; goods in an aside ("exports to Iraq, mostly food, reached $13bn") do not;
4. its reporter and partner (parties.py): countries only, never a group, a region or the world;
5. its period (periods.py): the sentence's, or for an earlier level it is compared with ("up from $800m in
   2020") the one written after it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import le
from typing import Literal, NamedTuple

from pydantic import BaseModel
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from tradegraph.components.base import (
    POSSESSIVE,
    DocTokens,
    SpanRow,
    bilateral_pair,
    evidence,
    sentence_ranges,
    span_rows,
    token_lowers,
)
from tradegraph.components.home import home_country
from tradegraph.components.modality import modality_at
from tradegraph.components.values.money import LOCAL_DOLLARS, Money
from tradegraph.components.values.parties import (
    Cue,
    PartyWords,
    Previous,
    SideContext,
    Sides,
    modifier_start,
    party_mentions,
    read_sides,
    singular,
    value_words,
)
from tradegraph.components.values.periods import read_period
from tradegraph.models import TradeFlow, TradeValue
from tradegraph.rules import load_tsv, load_words

__all__ = ["TradeValueReader", "make_trade_values"]


class TradeValueWordRow(BaseModel):
    phrase: str
    flow: Literal["turnover", "exports", "imports", "exclude"]


class AmountChangeRow(BaseModel):
    word: str
    position: Literal["before", "after"]


ANAPHOR_REACH = 4  # "it totaled $23.6bn", "this rose 5% to $2bn": the pronoun at most this many words before
COMPARED_REACH = 2  # "from $800m", "compared with $3.5bn"
TARGET_YEAR_REACH = 4  # "$10bn by 2025", "$10bn by the end of 2025"
GOODS_REACH = 4  # "$25bn worth of Russian crude oil": the goods within this many words after "of"
_GOODS_KEY = ("tradegraph.values", "goods")
_YEAR_WORD = re.compile(r"^(?:19|20)\d{2}$")
_YEAR_BEFORE = re.compile(
    r"\b(?:a year (?:earlier|before|ago)|(?:the )?(?:previous|last|prior) year)\b", re.I
)


@Language.factory("tg_trade_values", requires=["doc._.home", "doc._.money"], assigns=["doc._.trade_values"])
def make_trade_values(nlp: Language, name: str) -> TradeValueReader:
    return TradeValueReader()


class _Amount(NamedTuple):
    """One amount in its sentence: where its clause starts and ends, and the cue-less context around it."""

    money: Money
    conversions: list[Money]
    end: int  # after the amount, its bracketed conversions and the closing bracket
    floor: int  # the end of the amount before it in the sentence, else the sentence start
    limit: int  # the first clause break after it, else the next amount or the sentence end


class _Found(NamedTuple):
    value: TradeValue
    anchored: bool


class TradeValueReader:
    """Writes doc._.trade_values (list[TradeValue]) and sets TradeFlow.value on commodity-specific amounts."""

    def __init__(self) -> None:
        self.cues: dict[tuple[str, ...], str] = {
            tuple(row.phrase.lower().split()): row.flow
            for row in load_tsv("trade_value_words.tsv", TradeValueWordRow)
        }
        self.max_cue = max(len(key) for key in self.cues)
        self.cue_starts = frozenset(key[0] for key in self.cues)
        changes = load_tsv("amount_changes.tsv", AmountChangeRow)
        self.change_before = {r.word for r in changes if r.position == "before"}
        self.change_after = {r.word for r in changes if r.position == "after"}
        self.links = load_words("words/amount_links.txt")
        self.clause_breaks = load_words("words/value_clause_breaks.txt")
        self.clause_marks = load_words("words/value_clause_marks.txt")
        self.prepositions = value_words().prepositions
        self.be_forms = load_words("words/be_forms.txt")
        self.per_unit = load_words("words/per_unit_words.txt")
        self.units = load_words("words/quantity_units.txt")
        self.vague = load_words("words/vague_goods.txt")
        self.totals = load_words("words/value_totals.txt")
        self.targets = load_words("words/value_targets.txt")
        self.compared_cues = load_words("words/compared_cues.txt")
        self.compared_amounts = load_words("words/compared_amounts.txt")
        self.composition = load_words("words/value_composition.txt")
        self.anaphora = load_words("words/value_anaphora.txt")
        self.country_nouns = load_words("words/country_nouns.txt")
        self.party_words = PartyWords(
            country_nouns=self.country_nouns,
            neighbours=load_words("words/neighbour_words.txt"),
            worldwide=load_words("words/worldwide_words.txt"),
        )

    # -- main --------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        money: list[Money] = doc._.money or []
        money_tokens = {i for m in money for i in range(m.span.start, m.span.end)}
        lowers = token_lowers(doc)
        spans = span_rows(doc, "countries")
        countries = [s for s in spans if s.kb_id_ != "capital" and s.start not in money_tokens]
        home = (doc._.home or home_country(doc)).country
        pair = bilateral_pair(countries)
        sides = SideContext(
            doc=doc,
            lowers=lowers,
            parties=party_mentions(doc, spans, money_tokens, self.party_words, home, pair),
            home=home,
            pair=pair,
            totals=self.totals,
            goods=self.vague,
            country_nouns=self.country_nouns,
        )
        state = _State(
            sides=sides,
            commodity_tokens=self._commodity_tokens(doc, countries),
            quantity_tokens={i for s in span_rows(doc, "quantities") for i in range(s.start, s.end)},
        )
        values: list[TradeValue] = []
        date = doc._.date
        state.last_period_year = date[:4] if date else None
        # The amounts in text order (tg_values finds them left to right): a sentence's are a slice of them.
        money_starts = [m.span.start for m in money]
        in_order = all(map(le, money_starts, money_starts[1:]))
        before: tuple[int, int] | None = None  # the sentence before
        # The sentences whose stated period is not read yet: only the last one stating a period counts
        # (state.last_period_year), and only when an amount follows, so they are read back from there.
        unread: list[tuple[int, int]] = []
        tokens = DocTokens(doc)
        for start, end in sentence_ranges(doc):
            if in_order:
                first = bisect_left(money_starts, start)
                last = bisect_left(money_starts, end, first)
                amounts = list(zip(range(first, last), money[first:last], strict=True))
            else:
                amounts = [(k, m) for k, m in enumerate(money) if start <= m.span.start < end]
            if amounts:
                for earlier in reversed(unread):
                    stated = read_period(tokens.span_text(*earlier), date)
                    if stated:
                        state.last_period_year = stated[:4]
                        break
                unread.clear()
                sentence_text = tokens.span_text(start, end)
                cues = self._find_cues(lowers, start, end)
                found = self._sentence_values(state, doc[start:end], sentence_text, cues, amounts, before)
                values.extend(f.value for f in found)
                if found:
                    state.previous = found[-1]
                    state.carried_period = state.sentence_period
            unread.append((start, end))
            before = (start, end)
        doc._.trade_values = _unique(values)
        return doc

    def _sentence_values(
        self,
        state: _State,
        sentence: Span,
        sentence_text: str,
        cues: list[Cue],
        amounts: list[tuple[int, Money]],
        before: tuple[int, int] | None,
    ) -> list[_Found]:
        doc = state.sides.doc
        lowers = state.sides.lowers
        primaries = [(k, m) for k, m in amounts if m.converts is None]
        placed = [self._place(doc, lowers, sentence, amounts, primaries, n) for n in range(len(primaries))]
        periods = self._periods(doc, sentence, sentence_text, placed, state)
        reading = _SentenceReading(cues, self._respective_cues(lowers, sentence, cues, placed))
        for n, (amount, period) in enumerate(zip(placed, periods, strict=True)):
            start = amount.money.span.start
            if amount.money.upper is not None or self._is_change_or_price(lowers, start, amount.end):
                continue  # a range ("$3-4 billion") states no one value
            if modality_at(doc, start)[0] != "actual" or self._is_target(lowers, amount, doc._.date):
                continue  # "they intend to bring trade to $5 billion": a target, not a stated value
            chosen = self._choose_cue(lowers, reading, amount, n, before)
            if chosen is None:
                continue
            cue, scope, inherited = chosen
            if cue.flow == "exclude":
                reading.last_specific = False
                continue
            region, specific = self._goods_of(state, cue, amount, inherited and reading.last_specific)
            reading.last_specific = specific
            if specific:
                self._price_flows(doc, sentence, region, amount.money, period)
                continue
            sides = self._sides(state, reading, cue, amount, scope, inherited)
            if sides is not None:
                reading.found.extend(_Found(v, sides.anchored) for v in _values(amount, cue, sides, period))
        return reading.found

    def _choose_cue(
        self,
        lowers: list[str],
        reading: _SentenceReading,
        amount: _Amount,
        n: int,
        before: tuple[int, int] | None,
    ) -> tuple[Cue, tuple[int, int], bool] | None:
        """The amount's trade word, the tokens its sides are read from (its clause, after the amount before),
        and whether the word was left out and carried from the amount before."""
        start, end = amount.money.span.start, amount.end
        scope = (amount.floor, amount.limit)
        if reading.in_order is not None:
            cue: Cue | None = reading.in_order[n]
        else:
            # A trade word after the amount before is that amount's ("$2.4bn accounted for imports and
            # $600m for exports"), not this one's.
            free = [c for c in reading.cues if c not in reading.forward]
            cue = self._cue_for(lowers, free, start, end, amount.floor, amount.limit)
            if cue is not None and cue.start >= end:
                reading.forward.add(cue)
        inherited = cue is None
        if cue is None and reading.last_cue is None and before is not None and self._anaphor(lowers, amount):
            # "Trade is the strongest link between them. Last year, it totaled $23.6bn."
            cues_before = self._find_cues(lowers, *before)
            cue = next((c for c in reversed(cues_before) if c.flow != "exclude"), None)
            scope = before
            inherited = False
        cue = cue or reading.last_cue
        if cue is None:
            return None
        reading.last_cue = cue
        return cue, (scope[0], max(scope[1], cue.end)), inherited

    def _goods_of(self, state: _State, cue: Cue, amount: _Amount, carried: bool) -> tuple[list[int], bool]:
        """The words saying what the amount is the value of, and whether they name goods (the amount is
        then one commodity's): `carried` when the amount before was one commodity's and this one has no
        trade word of its own."""
        lowers = state.sides.lowers
        start, end = amount.money.span.start, amount.end
        region = self._region(state.sides.doc, lowers, cue, start, end, amount.floor)
        after = self._goods_after(state, end, amount.limit)
        if after:
            region = after
        if cue.end <= start and cue.end < len(lowers) and lowers[cue.end] == "of":
            # "shipments of flowers amounted to $105m": the value of those goods.
            words = list(range(cue.end + 1, start))
            after = after or (words if self._names_goods(state, words) else [])
        specific = (
            bool(after)
            or any(i in state.commodity_tokens or i in state.quantity_tokens for i in region)
            or carried
            or self._item_in_brackets(state, cue, start)
        )
        return region, specific

    def _sides(
        self,
        state: _State,
        reading: _SentenceReading,
        cue: Cue,
        amount: _Amount,
        scope: tuple[int, int],
        inherited: bool,
    ) -> Sides | None:
        """Reporter and partner (parties.py), or the new partner of an amount whose trade word is left out."""
        found = reading.found
        start = amount.money.span.start
        gap = [p for p in state.sides.parties if amount.floor <= p.start < start] if inherited else []
        if gap and found:
            # "imports from Australia, at NZ$1.7bn, and the United States, at NZ$1.3bn": the trade word left
            # out, the country before the amount is the new partner of the same reporter.
            if gap[-1].iso3 is None or gap[-1].iso3 == found[-1].value.reporter:
                return None
            return Sides(found[-1].value.reporter, gap[-1].iso3, found[-1].anchored)
        previous = found[-1] if found else state.previous
        phrase_end = min([c.start for c in reading.cues if c.start >= cue.end] + [scope[1]])
        return read_sides(
            state.sides,
            scope,
            cue,
            phrase_end,
            Previous(previous.value.reporter, previous.value.partner, previous.anchored)
            if previous
            else None,
        )

    # -- the amount in its sentence ----------------------------------------------------------------
    def _place(self, doc: Doc, lowers: list[str], sentence: Span, amounts, primaries, n: int) -> _Amount:
        k, amount = primaries[n]
        conversions = [c for _, c in amounts if c.converts == k]
        end = max([amount.span.end] + [c.span.end for c in conversions])
        if end < len(doc) and lowers[end] == ")":
            end += 1
        floor = primaries[n - 1][1].span.end if n else sentence.start
        ahead = primaries[n + 1][1].span.start if n + 1 < len(primaries) else sentence.end
        limit = next((i for i in range(end, ahead) if lowers[i] in self.clause_breaks), ahead)
        return _Amount(amount, conversions, end, floor, limit)

    def _periods(
        self, doc: Doc, sentence: Span, sentence_text: str, placed: list[_Amount], state: _State
    ) -> list[str | None]:
        """The period of each amount: the sentence's (read without the periods of the earlier levels it is
        compared with), or the one an earlier level states after it ("from $800m in 2020")."""
        lowers = state.sides.lowers
        offset = sentence.start_char
        compared: list[tuple[int, int] | None] = []  # for an earlier level: the text after it, in its clause
        main_text = sentence_text
        for amount in placed:
            start = amount.money.span.start
            before = range(max(amount.floor, start - COMPARED_REACH), start)
            if not any(lowers[i] in self.compared_amounts for i in before):
                compared.append(None)
                continue
            after = doc[amount.end - 1].idx + len(doc[amount.end - 1]) - offset
            stop = (
                doc[amount.limit - 1].idx + len(doc[amount.limit - 1]) - offset
                if amount.limit > amount.end
                else after
            )
            compared.append((after, stop))
            main_text = main_text[:after] + " " * (stop - after) + main_text[stop:]
        main = read_period(main_text, doc._.date, state.last_period_year)
        if main is None:
            main = state.carried_period  # "Exports grew to $5bn" after "In 2022, trade reached $9bn"
        periods: list[str | None] = []
        state.sentence_period = main
        for window in compared:
            if window is None:
                periods.append(main)
                continue
            after = sentence_text[window[0] : window[1]]
            own = read_period(after, doc._.date)
            if own is None and main is not None and _YEAR_BEFORE.search(after):
                own = _year_before(main)
            periods.append(own)
        return periods

    def _is_change_or_price(self, lowers: list[str], start: int, end: int) -> bool:
        before = lowers[start - 1] if start > 0 else ""
        after = lowers[end] if end < len(lowers) else ""
        after2 = lowers[end + 1] if end + 1 < len(lowers) else ""
        if before in self.change_before or after in self.change_after:
            return True
        return after in self.per_unit and after2 in self.units

    def _is_target(self, lowers: list[str], amount: _Amount, date: str | None) -> bool:
        """A goal or forecast: a target word in the amount's clause before it or right after it ("the $7bn
        target"), or a deadline after it ("$10bn by 2025") not before the article's year."""
        start, end = amount.money.span.start, amount.end
        clause = start
        while clause > amount.floor and lowers[clause - 1] not in self.clause_marks:
            clause -= 1
        if any(lowers[i] in self.targets for i in range(clause, start)):
            return True
        if end < len(lowers) and lowers[end] in self.targets:
            return True
        if end < len(lowers) and lowers[end] == "by":
            for word in lowers[end + 1 : end + 1 + TARGET_YEAR_REACH]:
                if _YEAR_WORD.match(word):
                    return date is None or int(word) >= int(date[:4])
        return False

    def _anaphor(self, lowers: list[str], amount: _Amount) -> bool:
        """'it totaled $23.6bn': a pronoun a few words before the amount, linked to it by a verb or
        preposition, with no clause mark between."""
        start = amount.money.span.start
        if start == 0 or lowers[start - 1] not in self.links:
            return False
        for i in range(start - 1, max(amount.floor, start - 1 - ANAPHOR_REACH) - 1, -1):
            if lowers[i] in self.clause_marks:
                return False
            if lowers[i] in self.anaphora:
                return True
        return False

    # -- trade words -------------------------------------------------------------------------------
    def _find_cues(self, lowers: list[str], start: int, end: int) -> list[Cue]:
        """Trade words in tokens [start, end), longest first from left to right."""
        starts = self.cue_starts
        cues: list[Cue] = []
        i = start
        while i < end:
            if lowers[i] in starts:
                for length in range(min(self.max_cue, end - i), 0, -1):
                    flow = self.cues.get(tuple(lowers[i : i + length]))
                    if flow is not None:
                        cues.append(Cue(i, i + length, flow))
                        i += length
                        break
                else:
                    i += 1
            else:
                i += 1
        return cues

    def _cue_for(
        self, lowers: list[str], cues: list[Cue], start: int, end: int, floor: int, limit: int
    ) -> Cue | None:
        """The trade word an amount is the value of: the nearest one before or after it in its clause (before
        it when a link word ties them: "exports ... amounted to $5bn"), never one it is compared with."""
        cues = [
            c for c in cues if not any(w in self.compared_cues for w in lowers[max(0, c.start - 2) : c.start])
        ]
        back = [c for c in cues if floor <= c.start and c.end <= start]
        fwd = [c for c in cues if end <= c.start and c.end <= limit]
        nearest_back = max(back, key=lambda c: c.end) if back else None
        nearest_fwd = min(fwd, key=lambda c: c.start) if fwd else None
        if nearest_back is None or nearest_fwd is None:
            return nearest_back or nearest_fwd
        linked = start > 0 and lowers[start - 1] in self.links
        if linked or start - nearest_back.end <= nearest_fwd.start - end:
            return nearest_back
        return nearest_fwd

    # -- all goods or one commodity ----------------------------------------------------------------
    def _commodity_tokens(self, doc: Doc, countries: list[SpanRow]) -> set[int]:
        country_tokens = {i for s in countries for i in range(s.start, s.end)}
        tokens: set[int] = set()
        for start, end, text in self._goods_spans(doc):
            if text in self.vague or any(i in country_tokens for i in range(start, end)):
                continue
            tokens.update(range(start, end))
        return tokens

    def _region(self, doc: Doc, lowers: list[str], cue: Cue, start: int, end: int, floor: int) -> list[int]:
        """Tokens saying what the amount is the value of: between trade word and amount, with the trade word's
        modifiers, without asides on what the trade consists of (", mostly food,")."""
        if cue.end <= start:
            tokens = range(modifier_start(doc, lowers, cue, floor), start)
        elif cue.start >= end:
            # "Textile products accounted for $800m of exports": the clause's subject, and what follows.
            clause = start
            while clause > floor and lowers[clause - 1] not in self.clause_marks:
                clause -= 1
            tokens = [*range(clause, start), *range(end, cue.start)]
        else:
            return []
        kept: list[int] = []
        aside = False
        for i in tokens:
            if lowers[i] == ",":
                aside = i + 1 < len(lowers) and lowers[i + 1] in self.composition
                continue
            if not aside:
                kept.append(i)
        return kept

    def _goods_after(self, state: _State, end: int, limit: int) -> list[int]:
        """'bought $25 billion worth of Russian oil', '$150m worth of leaves', '$2bn in crude oil', 'of which
        $200m were food products': the words naming goods right after the amount, if any ("$8bn worth of
        Iranian goods" names none)."""
        lowers = state.sides.lowers
        i = end
        if i < limit and lowers[i] == "worth":
            i += 1
        if i >= limit or lowers[i] not in {"of", "in"} and lowers[i] not in self.be_forms:
            return []
        words = list(range(i + 1, min(limit, i + 1 + GOODS_REACH)))
        if lowers[i] == "of":
            return words if self._names_goods(state, words) else []
        # "$2bn in crude oil", "of which $200m were food products"
        return words if any(j in state.commodity_tokens for j in words) else []

    def _names_goods(self, state: _State, words: list[int]) -> bool:
        """Whether the words after "of" name some goods: a known commodity, or a first noun that is no vague
        word ("exports of flowers"; not "of goods", "of Kenya", "of the country's exports", "of the total")."""
        lowers = state.sides.lowers
        if any(j in state.commodity_tokens for j in words):
            return True
        for j in words:
            word = lowers[j]
            if j in state.party_tokens or word in self.prepositions or word in self.clause_breaks:
                return False
            if not word.isalpha() or word in STOP_WORDS:
                continue
            return not (
                word in self.vague
                or word in self.totals
                or word in self.links
                or word in self.country_nouns
                or singular(word) in self.country_nouns
            )
        return False

    def _respective_cues(self, lowers: list[str], sentence: Span, cues: list[Cue], placed: list[_Amount]):
        """'Exports and imports amounted to $1bn and $2bn respectively': the n-th amount is the value of the
        n-th trade word before the amounts."""
        if len(placed) < 2 or "respectively" not in lowers[sentence.start : sentence.end]:
            return None
        first = placed[0].money.span.start
        listed = [c for c in cues if c.end <= first and c.flow != "exclude"]
        return listed[-len(placed) :] if len(listed) >= len(placed) else None

    def _item_in_brackets(self, state: _State, cue: Cue, start: int) -> bool:
        """'dominated by rifles (valued at N52bn), motorcycles (N45bn)': an amount in brackets is the value of
        what stands right before them, which is the trade word's own phrase ("exports to China ($5bn)") or
        an item of it."""
        lowers = state.sides.lowers
        i = start - 1
        while i > cue.end and lowers[i] in self.links:
            i -= 1
        if i < 0 or lowers[i] != "(" or cue.end > i:
            return False
        phrase_words = self.prepositions | POSSESSIVE | {"the"}
        return any(j not in state.party_tokens and lowers[j] not in phrase_words for j in range(cue.end, i))

    @staticmethod
    def _goods_spans(doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, lower-case text) of each commodity span, read once per Doc."""
        cached = doc.user_data.get(_GOODS_KEY)
        if cached is None or cached[0] != len(doc):
            tokens = DocTokens(doc)
            spans = [
                (s.start, s.end, tokens.span_text(s.start, s.end).lower())
                for s in span_rows(doc, "commodities")
            ]
            cached = doc.user_data[_GOODS_KEY] = (len(doc), spans)
        return cached[1]

    def _price_flows(
        self, doc: Doc, sentence: Span, region: list[int], amount: Money, period: str | None
    ) -> None:
        """'6,600 tons of cotton worth 17.3 million dollars': the value of this sentence's cotton flow."""
        inside = set(region)
        lowers = token_lowers(doc)
        goods = [
            text
            for start, _, text in self._goods_spans(doc)
            if start in inside and not _negated(lowers, start)
        ]
        text = " ".join(lowers[i] for i in region)
        for flow in doc._.trade_flows or []:
            if flow.evidence is None or not sentence.start_char <= flow.evidence.start < sentence.end_char:
                continue
            name = flow.commodity.name.lower()
            named = any(good in name for good in goods) or (name in text and goods)
            if flow.value is None and named:
                flow.value = _flow_value(flow, amount, period)


class _SentenceReading:
    """What reading the amounts of one sentence carries from amount to amount."""

    def __init__(self, cues: list[Cue], in_order: list[Cue] | None) -> None:
        self.cues = cues
        self.in_order = in_order  # the amounts' trade words in order ("... respectively")
        self.forward: set[Cue] = set()  # trade words taken by an amount before them
        self.last_cue: Cue | None = None
        self.last_specific = False  # the amount before was one commodity's
        self.found: list[_Found] = []


def _values(amount: _Amount, cue: Cue, sides: Sides, period: str | None) -> list[TradeValue]:
    """The amount as a TradeValue, and each bracketed conversion of it ("75.6bn riyals ($20.2bn)")."""
    values = []
    for written in [amount.money, *amount.conversions]:
        if written is not amount.money and written.written == "$" and amount.money.currency in LOCAL_DOLLARS:
            continue
        values.append(
            TradeValue(
                reporter=sides.reporter,
                partner=sides.partner,
                flow=cue.flow,
                value=written.value,
                currency=written.currency,
                period=period,
                text=written.span.text,
                evidence=evidence(written.span),
            )
        )
    return values


class _State:
    """What reading one Doc carries from sentence to sentence."""

    def __init__(self, sides: SideContext, commodity_tokens: set[int], quantity_tokens: set[int]) -> None:
        self.sides = sides
        self.commodity_tokens = commodity_tokens
        self.quantity_tokens = quantity_tokens
        self.party_tokens = {i for p in sides.parties for i in range(p.start, p.end)}
        self.previous: _Found | None = None  # the last trade value read
        self.last_period_year: str | None = None  # the year of the last period stated
        self.sentence_period: str | None = None  # the period of the sentence read last
        self.carried_period: str | None = None  # that of the last sentence with a value, for one stating none


def _year_before(period: str) -> str:
    """'2024-01..2024-09' -> '2023-01..2023-09'."""
    return re.sub(r"(?:19|20)\d{2}", lambda m: str(int(m.group()) - 1), period)


def _negated(lowers: list[str], i: int) -> bool:
    """'non-oil exports' are everything but oil."""
    words = lowers[max(0, i - 2) : i]
    return "non" in words or any(w.startswith("non-") for w in words)


def _flow_value(flow: TradeFlow, amount: Money, period: str | None) -> TradeValue:
    return TradeValue(
        reporter=flow.exporter,
        partner=flow.importer,
        flow="exports",
        value=amount.value,
        currency=amount.currency,
        period=period,
        text=amount.span.text,
        evidence=evidence(amount.span),
    )


def _unique(values: list[TradeValue]) -> list[TradeValue]:
    seen: set[tuple] = set()
    out: list[TradeValue] = []
    for value in values:
        pair = (
            tuple(sorted((value.reporter, value.partner)))
            if value.flow == "turnover"
            else (value.reporter, value.partner)
        )
        key = (pair, value.flow, value.currency, round(value.value))
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out
