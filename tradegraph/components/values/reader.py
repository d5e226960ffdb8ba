"""Which amounts of money are stated values of trade between two countries: `tg_trade_values` (after tg_flows)
reads, for each amount in doc._.money, what it is the value of (the trade word nearest to it, from
rules/trade_value_words.tsv), which two countries are its reporter and partner, and its period; amounts of
one commodity's trade price the trade flow of that commodity instead (TradeFlow.value).
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc, Span

from tradegraph.components.base import bilateral_pair, doc_text, evidence, token_lowers
from tradegraph.components.home import home_country
from tradegraph.components.modality import modality_at
from tradegraph.components.values.money import LOCAL_DOLLARS, Money
from tradegraph.components.values.periods import read_period
from tradegraph.models import TradeFlow, TradeValue
from tradegraph.rules import load_nonempty_tsv, load_nonempty_words

__all__ = ["TradeValueReader", "make_trade_values"]


class TradeValueWordRow(BaseModel):
    phrase: str
    flow: Literal["turnover", "exports", "imports", "exclude"]


class AmountChangeRow(BaseModel):
    word: str
    position: Literal["before", "after"]


CLAUSE_BREAKS = frozenset({",", ";", ":", "while", "whereas", "but"})


# -- tg_trade_values -------------------------------------------------------------------------------
class Cue(NamedTuple):
    start: int
    end: int
    flow: str  # turnover | exports | imports | exclude


PREPOSITION_ROLES: dict[str, dict[str, str]] = {
    # Which side a country after the preposition is on, per flow.
    "exports": {"to": "partner", "into": "partner", "with": "partner", "from": "reporter", "by": "reporter"},
    "imports": {"from": "partner", "with": "partner", "into": "reporter", "to": "reporter", "by": "reporter"},
    "turnover": {"with": "partner"},
}


@Language.factory("tg_trade_values", requires=["doc._.home"], assigns=["doc._.trade_values"])
def make_trade_values(nlp: Language, name: str) -> TradeValueReader:
    return TradeValueReader()


class TradeValueReader:
    """Writes doc._.trade_values (list[TradeValue]) and sets TradeFlow.value on commodity-specific amounts."""

    def __init__(self) -> None:
        self.cues: dict[tuple[str, ...], str] = {
            tuple(row.phrase.lower().split()): row.flow
            for row in load_nonempty_tsv("trade_value_words.tsv", TradeValueWordRow)
        }
        self.max_cue = max(len(key) for key in self.cues)
        self.cue_starts = frozenset(key[0] for key in self.cues)
        changes = load_nonempty_tsv("amount_changes.tsv", AmountChangeRow)
        self.change_before = {r.word for r in changes if r.position == "before"}
        self.change_after = {r.word for r in changes if r.position == "after"}
        self.links = load_nonempty_words("words/amount_links.txt")
        self.per_unit = load_nonempty_words("words/per_unit_words.txt")
        self.units = load_nonempty_words("words/quantity_units.txt")
        self.vague = load_nonempty_words("words/vague_goods.txt")

    # -- document context --------------------------------------------------------------------------
    def _countries(self, doc: Doc, money_tokens: set[int]) -> list[Span]:
        return [
            s
            for s in doc.spans.get("countries", [])
            if s.kb_id_ != "capital" and not any(i in money_tokens for i in range(s.start, s.end))
        ]

    # -- cues --------------------------------------------------------------------------------------
    def _find_cues(self, doc: Doc, sentence: Span) -> list[Cue]:
        """Trade words in the sentence, longest first from left to right."""
        lowers = token_lowers(doc)
        starts = self.cue_starts
        cues: list[Cue] = []
        i, end = sentence.start, sentence.end
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

    def _commodity_tokens(self, doc: Doc, countries: list[Span]) -> set[int]:
        country_tokens = {i for s in countries for i in range(s.start, s.end)}
        tokens: set[int] = set()
        for span in doc.spans.get("commodities", []):
            if span.text.lower() in self.vague or any(
                i in country_tokens for i in range(span.start, span.end)
            ):
                continue
            tokens.update(range(span.start, span.end))
        return tokens

    def _modifier_start(self, doc: Doc, cue: Cue, floor: int) -> int:
        """Start of the words modifying a trade word: "iron ore exports", "non-oil exports"."""
        i = cue.start
        while i - 1 >= floor and cue.start - (i - 1) <= 5:
            token = doc[i - 1]
            if (
                not (token.is_alpha or token.text == "-")
                or token.is_stop
                and token.lower_ not in {"and", "non"}
            ):
                break
            i -= 1
        return i

    # -- main --------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        money: list[Money] = doc._.money or []
        money_tokens = {i for m in money for i in range(m.span.start, m.span.end)}
        countries = self._countries(doc, money_tokens)
        context = _Context(
            doc=doc,
            countries=countries,
            home=(doc._.home or home_country(doc)).country,
            pair=bilateral_pair(countries),
            commodity_tokens=self._commodity_tokens(doc, countries),
        )
        text = doc_text(doc)
        values: list[TradeValue] = []
        last_period_year: str | None = doc._.date[:4] if doc._.date else None
        previous: TradeValue | None = None
        for sentence in doc.sents:
            sentence_text = text[sentence.start_char : sentence.end_char]
            amounts = [(k, m) for k, m in enumerate(money) if sentence.start <= m.span.start < sentence.end]
            if amounts:
                period = read_period(sentence_text, doc._.date, last_period_year)
                if period is None and previous is not None:
                    period = previous.period
                found = self._sentence_values(context, sentence, amounts, money, period, previous)
                values.extend(found)
                if found:
                    previous = found[-1]
            stated = read_period(sentence_text, doc._.date)
            if stated:
                last_period_year = stated[:4]
        doc._.trade_values = _unique(values)
        return doc

    def _sentence_values(self, ctx, sentence: Span, amounts, money, period, previous) -> list[TradeValue]:
        doc = ctx.doc
        cues = self._find_cues(doc, sentence)
        if not any(c.flow != "exclude" for c in cues):
            return []
        primaries = [(k, m) for k, m in amounts if m.converts is None]
        found: list[TradeValue] = []
        last_cue: Cue | None = None
        last_specific = False
        for n, (k, amount) in enumerate(primaries):
            conversions = [c for _, c in amounts if c.converts == k]
            end = max([amount.span.end] + [c.span.end for c in conversions])
            if end < len(doc) and doc[end].text == ")":
                end += 1
            back_floor = primaries[n - 1][1].span.end if n else sentence.start
            ahead = primaries[n + 1][1].span.start if n + 1 < len(primaries) else sentence.end
            fwd_limit = next((i for i in range(end, ahead) if doc[i].lower_ in CLAUSE_BREAKS), ahead)
            if self._is_change_or_price(doc, amount.span.start, end):
                continue
            if modality_at(doc, amount.span.start)[0] != "actual":
                continue  # "they intend to bring trade to $5 billion": a target, not a stated value
            cue = self._cue_for(doc, cues, amount.span.start, end, back_floor, fwd_limit)
            inherited = cue is None
            if cue is None:
                cue = last_cue
            if cue is None:
                continue
            last_cue = cue
            if cue.flow == "exclude":
                last_specific = False
                continue
            region = self._region(doc, cue, amount.span.start, end, back_floor)
            specific = any(i in ctx.commodity_tokens for i in region) or (inherited and last_specific)
            last_specific = specific
            if specific:
                self._price_flows(ctx, sentence, region, amount, period)
                continue
            scope_end = max(fwd_limit, cue.end)
            parties = self._parties(ctx, sentence, cues, cue, scope_end, previous)
            if parties is None:
                continue
            reporter, partner = parties
            for written in [amount, *conversions]:
                if written is not amount and written.written == "$" and amount.currency in LOCAL_DOLLARS:
                    continue
                found.append(
                    TradeValue(
                        reporter=reporter,
                        partner=partner,
                        flow=cue.flow,
                        value=written.value,
                        currency=written.currency,
                        period=period,
                        text=written.span.text,
                        evidence=evidence(written.span),
                    )
                )
            previous = found[-1]
        return found

    def _is_change_or_price(self, doc: Doc, start: int, end: int) -> bool:
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        after2 = doc[end + 1].lower_ if end + 1 < len(doc) else ""
        if before in self.change_before or after in self.change_after:
            return True
        return after in self.per_unit and after2 in self.units

    def _cue_for(self, doc: Doc, cues: list[Cue], start: int, end: int, floor: int, limit: int) -> Cue | None:
        back = [c for c in cues if floor <= c.start and c.end <= start]
        fwd = [c for c in cues if end <= c.start and c.end <= limit]
        nearest_back = max(back, key=lambda c: c.end) if back else None
        nearest_fwd = min(fwd, key=lambda c: c.start) if fwd else None
        if nearest_back is None or nearest_fwd is None:
            return nearest_back or nearest_fwd
        linked = start > 0 and doc[start - 1].lower_ in self.links
        if linked or start - nearest_back.end <= nearest_fwd.start - end:
            return nearest_back
        return nearest_fwd

    def _region(self, doc: Doc, cue: Cue, start: int, end: int, floor: int) -> range:
        """Tokens saying what the amount is the value of: between cue and amount, with the cue's modifiers."""
        if cue.end <= start:
            return range(self._modifier_start(doc, cue, floor), start)
        return range(end, cue.start) if cue.start >= end else range(0)

    def _price_flows(self, ctx, sentence: Span, region: range, amount: Money, period: str | None) -> None:
        """'6,600 tons of cotton worth 17.3 million dollars': the value of this sentence's cotton flow."""
        doc = ctx.doc
        goods = [
            s
            for s in doc.spans.get("commodities", [])
            if s.start in region and not _negated_goods(doc, s.start)
        ]
        text = doc[region.start : region.stop].text.lower() if len(region) else ""
        for flow in ctx.doc._.trade_flows or []:
            if flow.evidence is None or not sentence.start_char <= flow.evidence.start < sentence.end_char:
                continue
            name = flow.commodity.name.lower()
            named = any(s.text.lower() in name for s in goods) or (name in text and goods)
            if flow.value is None and named:
                flow.value = _flow_value(flow, amount, period)

    def _parties(
        self, ctx, sentence: Span, cues: list[Cue], cue: Cue, scope_end: int, previous: TradeValue | None
    ):
        doc = ctx.doc
        mentions = [s for s in ctx.countries if sentence.start <= s.start < scope_end]
        roles: dict[str, list[str]] = {"reporter": [], "partner": [], "other": []}
        between = [s for s in mentions if _word_before(doc, s.start) == "between"]
        if between:
            first = between[0]
            rest = [s for s in mentions if s.start > first.start and s.label_ != first.label_]
            if rest:
                return (first.label_, rest[0].label_)
        modifier_floor = self._modifier_start(doc, cue, sentence.start)
        # A preposition gives a side only in the cue's own phrase: up to the next trade word.
        phrase_end = min([c.start for c in cues if c.start >= cue.end] + [scope_end])
        for span in mentions:
            role = None
            if cue.end <= span.start < phrase_end:
                role = PREPOSITION_ROLES.get(cue.flow, {}).get(_word_before(doc, span.start))
            if role is None and modifier_floor <= span.start < cue.start:
                # "Chinese imports" (where from), "U.S. imports" / "Kazakh exports" (whose).
                role = "partner" if cue.flow == "imports" and span.kb_id_ == "demonym" else "reporter"
            roles[role or "other"].append(span.label_)
        if cue.flow == "turnover":
            found = list(dict.fromkeys(roles["reporter"] + roles["other"] + roles["partner"]))
            if len(found) >= 2:
                return found[0], found[1]
            if len(found) == 1:
                other = self._other(ctx, found[0], previous)
                return (found[0], other) if other else None
            if previous is not None:
                return previous.reporter, previous.partner
            return ctx.pair
        partner = next(iter(roles["partner"]), None)
        reporter = next((c for c in roles["reporter"] + roles["other"] if c != partner), None)
        if partner is None:
            partner = next((c for c in roles["other"] if c != reporter), None)
        if not mentions and previous is not None:
            pair = {previous.reporter, previous.partner}
            reporter = ctx.home if ctx.home in pair else previous.reporter
            partner = next((c for c in pair if c != reporter), None)
        if reporter is None:
            reporter = ctx.home if ctx.home != partner else self._other(ctx, partner, previous)
        if partner is None and reporter is not None:
            partner = self._other(ctx, reporter, previous)
        if reporter is None or partner is None or reporter == partner:
            return None
        return reporter, partner

    def _other(self, ctx, known: str | None, previous: TradeValue | None) -> str | None:
        """The other side of the article's bilateral context."""
        for pair in ([previous.reporter, previous.partner] if previous else [], list(ctx.pair or ())):
            if known in pair:
                return next((c for c in pair if c != known), None)
        return None


class _Context(NamedTuple):
    doc: Doc
    countries: list[Span]
    home: str | None
    pair: tuple[str, str] | None
    commodity_tokens: set[int]


def _negated_goods(doc: Doc, i: int) -> bool:
    """'non-oil exports' are everything but oil."""
    words = [doc[j].lower_ for j in range(max(0, i - 2), i)]
    return "non" in words or any(w.startswith("non-") for w in words)


def _word_before(doc: Doc, i: int) -> str:
    j = i - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    return doc[j].lower_ if j >= 0 else ""


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
