"""Money amounts, quantities, and the stated values of trade between two countries.

`tg_values` (before tg_flows) marks every amount of money ("US$5.17 billion", "75.6 billion Saudi riyals",
"Rs 500 crore") and every quantity ("6,600 tons", "two million tonnes"). `tg_trade_values` (after tg_flows)
reads which amounts are values of all-goods trade between two countries (turnover, exports, imports) and
attaches commodity-specific amounts to the trade flow they price instead.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Literal, NamedTuple

from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc, Span

from tradegraph.components.base import bilateral_pair, doc_text, evidence, token_lowers
from tradegraph.components.header import MONTHS
from tradegraph.components.home import home_country
from tradegraph.components.modality import modality_at
from tradegraph.models import Quantity, TradeFlow, TradeValue
from tradegraph.rules import load_tsv, load_words

__all__ = ["Money", "make_trade_values", "make_values", "read_period"]


# -- rule rows -------------------------------------------------------------------------------------
class CurrencyRow(BaseModel):
    text: str
    code: str
    kind: Literal["prefix", "word", "both"]


class NumberRow(BaseModel):
    word: str
    value: float
    kind: Literal["number", "scale"]
    attached: Literal["yes", "no"] = "no"


class TradeValueWordRow(BaseModel):
    phrase: str
    flow: Literal["turnover", "exports", "imports", "exclude"]


class AmountChangeRow(BaseModel):
    word: str
    position: Literal["before", "after"]


class Money(NamedTuple):
    """One amount of money: its span, plain value, ISO 4217 currency, currency as written, and the index
    (in doc._.money) of the amount it converts when bracketed after it ("75.6bn riyals ($20.2bn)")."""

    span: Span
    value: float
    currency: str
    written: str
    converts: int | None = None


for _name in ("money", "quantities"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)  # list[Money] / list[tuple[Span, Quantity]]

# A bare "$" written as a conversion after one of these is ambiguous (US or local dollars): left out.
LOCAL_DOLLARS = frozenset({"NZD", "AUD", "CAD", "HKD", "SGD"})
CLAUSE_BREAKS = frozenset({",", ";", ":", "while", "whereas", "but"})


def _alternation(forms: list[str]) -> str:
    return "|".join(re.escape(form) for form in sorted(set(forms), key=len, reverse=True))


# -- tg_values -------------------------------------------------------------------------------------
@Language.factory("tg_values")
def make_values(nlp: Language, name: str) -> ValueMarker:
    return ValueMarker()


class ValueMarker:
    """Writes doc.spans["money"] (label = ISO 4217 code), doc._.money (list[Money]), doc.spans["quantities"]
    (label = unit) and doc._.quantities (list[tuple[Span, Quantity]])."""

    def __init__(self) -> None:
        currencies = load_tsv("currencies.tsv", CurrencyRow)
        self.prefix_codes = {r.text: r.code for r in currencies if r.kind in ("prefix", "both")}
        self.word_codes = {r.text.lower(): r.code for r in currencies if r.kind in ("word", "both")}
        numbers = load_tsv("numbers.tsv", NumberRow)
        self.number_words = {r.word: r.value for r in numbers if r.kind == "number"}
        self.scales = {r.word: r.value for r in numbers if r.kind == "scale"}
        spaced_scales = [r.word for r in numbers if r.kind == "scale" and r.attached == "no"]
        attached_scales = [r.word for r in numbers if r.kind == "scale" and r.attached == "yes"]
        units = sorted(load_words("words/quantity_units.txt"), key=len, reverse=True)

        number = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?|(?i:{_alternation(list(self.number_words))})"
        scale = rf"(?:\s?(?i:{_alternation(spaced_scales)})|(?i:{_alternation(attached_scales)}))(?![\w])"
        amount = rf"(?P<number>{number})(?P<scale>{scale})?"
        prefix = rf"(?<![\w$])(?P<prefix>{_alternation(list(self.prefix_codes))})"
        word = rf"(?P<word>(?i:{_alternation(list(self.word_codes))}))(?![\w])"
        # Python does not allow a group name twice: the second alternative gets its own names.
        self.money_pattern = re.compile(
            rf"{prefix}\s?{amount}(?:\s{word})?|"
            + rf"(?<![\w$.,]){amount}\s?{word}".replace("?P<number>", "?P<number2>")
            .replace("?P<scale>", "?P<scale2>")
            .replace("?P<word>", "?P<word2>")
        )
        self.quantity_pattern = re.compile(
            rf"(?<![\w$.,]){amount}\s?(?P<unit>(?:(?i:metric|cubic)\s)?(?i:{_alternation(units)}))(?![\w])"
        )

    def number_value(self, number: str, scale: str | None) -> float:
        text = number.strip()
        words = self.number_words.get(text.lower())
        value = Decimal(str(words)) if words is not None else Decimal(text.replace(",", ""))
        if scale:
            value *= Decimal(str(self.scales.get(scale.strip().lower(), 1)))
        return float(value)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        money: list[Money] = []
        taken: set[int] = set()
        for match in self.money_pattern.finditer(text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            groups = match.groupdict()
            prefix = groups.get("prefix")
            word = groups.get("word") or groups.get("word2")
            number = groups.get("number") or groups.get("number2")
            scale = groups.get("scale") or groups.get("scale2")
            currency = self.prefix_codes[prefix] if prefix else self.word_codes[word.lower()]
            if word and (not prefix or prefix == "$"):
                currency = self.word_codes[word.lower()]
            converts = None
            before = text[: match.start()].rstrip()
            if (
                money
                and before.endswith("(")
                and before[:-1].rstrip() == text[: money[-1].span.end_char].rstrip()
            ):
                converts = len(money) - 1
            value = self.number_value(number, scale)
            money.append(
                Money(
                    Span(doc, span.start, span.end, label=currency), value, currency, prefix or word, converts
                )
            )
            taken.update(range(span.start, span.end))
        quantities: list[tuple[Span, Quantity]] = []
        for match in self.quantity_pattern.finditer(text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            unit = match["unit"].lower()
            value = self.number_value(match["number"], match["scale"])
            quantities.append(
                (
                    Span(doc, span.start, span.end, label=unit),
                    Quantity(value=value, unit=unit, text=span.text),
                )
            )
        doc._.money = money
        doc.spans["money"] = [m.span for m in money]
        doc._.quantities = quantities
        doc.spans["quantities"] = [span for span, _ in quantities]
        return doc


# -- periods ---------------------------------------------------------------------------------------
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_COUNTS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_YEAR_TAIL = r"(?:\s+(?:of\s+)?(?:the\s+)?(?:year\s+)?(?P<year>(?:19|20)\d{2}))?"
_QUARTER = re.compile(rf"\b(?P<n>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter{_YEAR_TAIL}", re.I)
_Q = re.compile(r"\bQ(?P<n>[1-4])\s*(?P<year>(?:19|20)\d{2})?\b")
_HALF = re.compile(rf"\b(?P<n>first|second|1st|2nd)\s+half{_YEAR_TAIL}", re.I)
_H = re.compile(r"\bH(?P<n>[12])\s*(?P<year>(?:19|20)\d{2})?\b")
_N_MONTHS = re.compile(rf"\b(?P<n>\d{{1,2}}|{'|'.join(_COUNTS)})\s+months{_YEAR_TAIL}", re.I)
_MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_RANGE = re.compile(
    rf"\b(?P<a>{_MONTH_NAME})\.?\s*(?:-|–|—|to|through|and|till|until)\s*(?P<b>{_MONTH_NAME})\.?,?"
    rf"(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d{{2}}))?",
    re.I,
)
_YEAR = re.compile(
    r"\b(?P<lead>in|for|during|of|over|year)\s+(?:the\s+)?(?:year\s+)?(?P<year>(?:19|20)\d{2})\b", re.I
)
# A year right after these is a comparison, not the amount's period ("than in 2017", "same period of 2021").
_NOT_PERIOD_LEAD = re.compile(
    r"\b(?:than|since|compared(?:\s+(?:to|with))?|from|below|above|same period|before|after|levels seen)\s*$",
    re.I,
)
_LAST_YEAR = re.compile(r"\b(?:last|previous|past) year\b", re.I)
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")  # what every year group above needs
_THIS_YEAR = re.compile(r"\b(?:this|current) year\b", re.I)


def _range(year: str, first: int, last: int) -> str:
    return f"{year}-{first:02d}..{year}-{last:02d}"


def read_period(text: str, doc_date: str | None = None, default_year: str | None = None) -> str | None:
    """The period a sentence states: "in 2018" -> "2018", "first half of 2022" -> "2022-01..2022-06",
    "10 months of 2015" -> "2015-01..2015-10", "last year" -> the year before `doc_date`. A part of a year
    written without its year ("in the first quarter") takes `default_year`."""

    if default_year is None and not _ANY_YEAR.search(text) and not (doc_date and "year" in text.lower()):
        return None  # every reading below needs a written year, or "year" with the document's date

    def year_of(match: re.Match) -> str | None:
        return match["year"] or default_year

    for pattern in (_QUARTER, _Q):
        match = pattern.search(text)
        if match and year_of(match):
            n = _ORDINALS.get(match["n"].lower()) or int(match["n"])
            return _range(year_of(match), 3 * n - 2, 3 * n)
    for pattern in (_HALF, _H):
        match = pattern.search(text)
        if match and year_of(match):
            n = _ORDINALS.get(match["n"].lower()) or int(match["n"])
            return _range(year_of(match), 6 * n - 5, 6 * n)
    match = _N_MONTHS.search(text)
    if match and year_of(match) and not _NOT_PERIOD_LEAD.search(text[: match.start()]):
        n = _COUNTS.get(match["n"].lower()) or int(match["n"])
        if 1 <= n <= 12:
            return _range(year_of(match), 1, n)
    match = _MONTH_RANGE.search(text)
    if match and year_of(match):
        return _range(year_of(match), MONTHS[match["a"].lower()], MONTHS[match["b"].lower()])
    for match in _YEAR.finditer(text):
        if not _NOT_PERIOD_LEAD.search(text[: match.start()]):
            return match["year"]
    if doc_date and _LAST_YEAR.search(text):
        return str(int(doc_date[:4]) - 1)
    if doc_date and _THIS_YEAR.search(text):
        return doc_date[:4]
    return None


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
            for row in load_tsv("trade_value_words.tsv", TradeValueWordRow)
        }
        self.max_cue = max(len(key) for key in self.cues)
        self.cue_starts = frozenset(key[0] for key in self.cues)
        changes = load_tsv("amount_changes.tsv", AmountChangeRow)
        self.change_before = {r.word for r in changes if r.position == "before"}
        self.change_after = {r.word for r in changes if r.position == "after"}
        self.links = load_words("words/amount_links.txt")
        self.per_unit = load_words("words/per_unit_words.txt")
        self.units = load_words("words/quantity_units.txt")
        self.vague = load_words("words/vague_goods.txt")

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
