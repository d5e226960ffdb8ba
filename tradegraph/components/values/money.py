"""Amounts of money and quantities: `tg_values` (before tg_flows) marks every amount of money ("US$5.17 billion",
"75.6 billion Saudi riyals", "Rs 500 crore", "N1.1tn") and every quantity ("6,600 tons", "two million tonnes").

Currency forms come from rules/currencies.tsv, number and scale words from rules/numbers.tsv, units of quantity
from rules/words/quantity_units.txt.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal, NamedTuple

from pydantic import BaseModel, StringConstraints, field_validator
from spacy.language import Language
from spacy.tokens import Doc, Span

from tradegraph.components.base import doc_text, expand_to_tokens, set_span_group
from tradegraph.models import Quantity
from tradegraph.rules import load_tsv, load_words
from tradegraph.wordregex import alternation

__all__ = ["LOCAL_DOLLARS", "Money", "ValueMarker", "make_values"]


ISO = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


class CurrencyRow(BaseModel):
    text: str
    code: ISO
    kind: Literal["prefix", "word", "both"]
    # yes: the form is money only before a scaled amount ("N1.1tn", "R25 billion"; not "N95", "R2").
    needs_scale: Literal["yes", "no"] = "no"
    # The form means `code` only in an article whose home country is this one ("Rs" in Pakistan).
    home: ISO | None = None

    @field_validator("needs_scale", mode="before")
    @classmethod
    def _empty_is_no(cls, value: object) -> object:
        return "no" if value is None else value


class NumberRow(BaseModel):
    word: str
    value: float
    kind: Literal["number", "scale"]
    attached: Literal["yes", "no"] = "no"


class Money(NamedTuple):
    """One amount of money: its span, plain value, ISO 4217 currency, currency as written, the index (in
    doc._.money) of the amount it converts when bracketed after it ("75.6bn riyals ($20.2bn)"), and the upper
    end of a range."""

    span: Span
    value: float
    currency: str
    written: str
    converts: int | None = None
    upper: float | None = None  # the upper end of a range ("$3-4 billion": value 3e9, upper 4e9)


for _name in ("money", "quantities"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)  # list[Money] / list[tuple[Span, Quantity]]

_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")
# A bare "$" written as a conversion after one of these is ambiguous (US or local dollars): left out.
LOCAL_DOLLARS = frozenset({"NZD", "AUD", "CAD", "HKD", "SGD"})


def _character_class(forms: list[str], fold: bool = False) -> str:
    """The body of a character class holding the first character of each form (both cases with `fold`)."""
    firsts = {form[0] for form in forms}
    if fold:
        firsts |= {c.lower() for c in firsts} | {c.upper() for c in firsts}
    return "".join(re.escape(c) for c in sorted(firsts))


def _blank_before(text: str, end: int) -> int:
    """len(text[:end].rstrip()): where the blanks before `end` start."""
    while end and text[end - 1].isspace():
        end -= 1
    return end


# -- tg_values -------------------------------------------------------------------------------------
@Language.factory(
    "tg_values", requires=["doc._.home"], assigns=["doc._.money", "doc._.quantities", "doc.spans"]
)
def make_values(nlp: Language, name: str) -> ValueMarker:
    return ValueMarker()


class ValueMarker:
    """Writes doc.spans["money"] (label = ISO 4217 code), doc._.money (list[Money]), doc.spans["quantities"]
    (label = unit) and doc._.quantities (list[tuple[Span, Quantity]])."""

    def __init__(self) -> None:
        currencies = load_tsv("currencies.tsv", CurrencyRow)
        # (form, home or None) -> code; prefixes as written, words lower-cased.
        self.prefix_codes = {(r.text, r.home): r.code for r in currencies if r.kind in ("prefix", "both")}
        self.word_codes = {(r.text.lower(), r.home): r.code for r in currencies if r.kind in ("word", "both")}
        self.needs_scale = {r.text for r in currencies if r.needs_scale == "yes" and r.kind != "word"}
        numbers = load_tsv("numbers.tsv", NumberRow)
        self.number_words = {r.word: r.value for r in numbers if r.kind == "number"}
        self.scales = {r.word: r.value for r in numbers if r.kind == "scale"}
        spaced_scales = [r.word for r in numbers if r.kind == "scale" and r.attached == "no"]
        attached_scales = [r.word for r in numbers if r.kind == "scale" and r.attached == "yes"]
        units = sorted(load_words("words/quantity_units.txt"), key=len, reverse=True)

        # Each alternative behind a lookahead on its first characters: most positions of a text fail that
        # one test instead of every form of the alternation (a third of the time tg_values takes).
        word_starts = _character_class(list(self.number_words), fold=True)
        spaced = rf"(?i:{alternation(spaced_scales)})"
        # One scale word, or two ("1.2 lakh crore", "two hundred thousand"); "$3.5-billion" has a hyphen.
        scale = rf"(?:[\s-]?{spaced}(?:\s{spaced})?|(?i:{alternation(attached_scales)}))(?![\w])"
        number = (
            # a decimal comma, only before a scale ("$1,2 billion"; "1,200" is a thousands comma)
            rf"\d{{1,3}},\d{{1,2}}(?=[\s-]?(?:{spaced}|(?i:{alternation(attached_scales)}))(?![\w]))"
            rf"|(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?"
            rf"|(?=[{word_starts}])(?i:{alternation(list(self.number_words))})"
        )
        # "$3-4 billion": a range, read as one amount so that neither end passes for an amount of its own.
        upper = r"(?:\s?[-–]\s?(?P<upper>\d+(?:\.\d+)?))?"
        amount = rf"(?P<number>{number}){upper}(?P<scale>{scale})?"
        prefixes = [form for form, _ in self.prefix_codes]
        prefix = (
            rf"(?=[{_character_class(prefixes)}])(?<![\w$])(?P<prefix>{alternation(prefixes, fold=False)})"
        )
        word = rf"(?P<word>(?i:{alternation([form for form, _ in self.word_codes])}))(?![\w])"
        # Python does not allow a group name twice: the second alternative gets its own names.
        self.money_pattern = re.compile(
            rf"{prefix}\s?{amount}(?:\s{word})?|"
            + rf"(?<![\w$.,]){amount}\s?{word}".replace("?P<number>", "?P<number2>")
            .replace("?P<scale>", "?P<scale2>")
            .replace("?P<upper>", "?P<upper2>")
            .replace("?P<word>", "?P<word2>")
        )
        self.quantity_pattern = re.compile(
            rf"(?<![\w$.,]){amount}\s?(?P<unit>(?:(?i:metric|cubic)\s)?(?i:{alternation(units)}))(?![\w])"
        )

    def number_value(self, number: str, scale: str | None) -> float:
        text = number.strip()
        words = self.number_words.get(text.lower())
        if words is not None:
            value = Decimal(str(words))
        elif _DECIMAL_COMMA.fullmatch(text):
            value = Decimal(text.replace(",", "."))
        else:
            value = Decimal(text.replace(",", ""))
        for word in (scale or "").replace("-", " ").lower().split():
            value *= Decimal(str(self.scales.get(word, 1)))
        return float(value)

    def currency(self, prefix: str | None, word: str | None, home: str | None) -> str | None:
        """The code of the amount's currency: a word after the number says more than a "$" before it
        ("$5 billion Hong Kong dollars"); a form the home country reads otherwise takes its reading."""
        if word and (not prefix or prefix == "$"):
            key = word.lower()
            return self.word_codes.get((key, home)) or self.word_codes.get((key, None))
        assert prefix is not None
        return self.prefix_codes.get((prefix, home)) or self.prefix_codes.get((prefix, None))

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        home = doc._.home.country if doc._.home is not None else None
        money: list[Money] = []
        taken: set[int] = set()
        for match in self.money_pattern.finditer(text):
            span = expand_to_tokens(doc, match.start(), match.end())
            if span is None:
                continue
            groups = match.groupdict()
            prefix = groups.get("prefix")
            word = groups.get("word") or groups.get("word2")
            number = groups.get("number") or groups.get("number2")
            scale = groups.get("scale") or groups.get("scale2")
            if prefix in self.needs_scale and not scale and not word:
                continue
            currency = self.currency(prefix, word, home)
            if currency is None:
                continue  # a form only some home countries read as money ("Sh" in East Africa)
            converts = None
            # "75.6bn riyals ($20.2bn)": only blanks and an opening bracket since the amount before. Offsets,
            # not slices: a slice of the text before each amount makes the scan quadratic in its length.
            bracket = _blank_before(text, match.start())
            if (
                money
                and bracket
                and text[bracket - 1] == "("
                and _blank_before(text, bracket - 1) == _blank_before(text, money[-1].span.end_char)
            ):
                converts = len(money) - 1
            value = self.number_value(number, scale)
            upper = groups.get("upper") or groups.get("upper2")
            money.append(
                Money(
                    Span(doc, *span, label=currency),
                    value,
                    currency,
                    prefix or word,
                    converts,
                    self.number_value(upper, scale) if upper else None,
                )
            )
            taken.update(range(*span))
        quantities: list[tuple[Span, Quantity]] = []
        for match in self.quantity_pattern.finditer(text):
            found = expand_to_tokens(doc, match.start(), match.end())
            if found is None or any(i in taken for i in range(*found)):
                continue
            unit = match["unit"].lower()
            value = self.number_value(match["number"], match["scale"])
            span = Span(doc, *found, label=unit)
            quantities.append(
                (span, Quantity(value=value, unit=unit, text=text[span.start_char : span.end_char]))
            )
        doc._.money = money
        set_span_group(doc, "money", [(m.span.start, m.span.end, m.currency, "") for m in money])
        doc._.quantities = quantities
        set_span_group(doc, "quantities", [(s.start, s.end, q.unit, "") for s, q in quantities])
        return doc
