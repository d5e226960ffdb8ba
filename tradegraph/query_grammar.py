"""The question grammar as data, and reading a question with it.

The forms are the rows of `rules/question_forms.tsv` (intent, a regular-expression template, examples); the
words they are made of are `rules/question_words.tsv` plus extraction's own trade words
(`rules/flow_triggers.tsv`: "supplies", "shipments", "buyers" …), so a trade word added for extraction is
understood in questions too. `read(text)` cleans a question and returns the slots of the first form whose
slots all resolve; when none does, `Unread` says why: the countries that resolved to nothing (with the
closest country names, for "did you mean") and the supported forms closest to the question, rewritten with
the user's own countries and goods.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

from tradegraph import gazetteers, normalize
from tradegraph.graph.ids import country_code
from tradegraph.rules import load_tsv
from tradegraph.wordregex import alternation

__all__ = [
    "COUNTRY_SLOTS",
    "FormRow",
    "Intent",
    "Reading",
    "Unread",
    "WordRow",
    "clean",
    "closest_forms",
    "fold",
    "forms",
    "read",
    "resolve_country",
    "suggest_country",
]

Intent = Literal[
    "exports",
    "imports",
    "exporters_of",
    "importers_of",
    "partners",
    "officials",
    "meetings",
    "locations",
    "trade_values",
    "evidence",
]
COUNTRY_SLOTS = ("exporter", "importer", "country", "partner")
GOODS_SLOTS = ("commodity", "goods")
SLOTS = (*COUNTRY_SLOTS, *GOODS_SLOTS, "role")
WORD_FRAGMENTS = (
    "aux", "plan", "be", "who", "things", "top", "trade", "poss", "officials", "meetings", "kind", "handle",
)  # fmt: skip
#: Placeholders filled from the trade words: (direction, form) in rules/flow_triggers.tsv.
TRADE_FRAGMENTS = {
    "export": ("export", "verb"),
    "import": ("import", "verb"),
    "exports": ("export", "noun"),
    "imports": ("import", "noun"),
    "exporters": ("export", "agent"),
    "importers": ("import", "agent"),
}
FRAGMENTS = (*WORD_FRAGMENTS, *TRADE_FRAGMENTS)
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WordRow(_Row):
    """A row of rules/question_words.tsv: one more way to say a fragment, and what it sets."""

    fragment: Literal[FRAGMENTS]  # type: ignore[valid-type]
    text: str
    value: str | None = None


class FormRow(_Row):
    """A row of rules/question_forms.tsv: one supported question shape."""

    intent: Intent
    template: str
    examples: tuple[str, ...]

    @field_validator("examples", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        if isinstance(value, str):
            value = tuple(part.strip() for part in value.split(" | ") if part.strip())
        if not value:
            raise ValueError("a form needs at least one example")
        return value

    @field_validator("template")
    @classmethod
    def _check(cls, template: str) -> str:
        names = _PLACEHOLDER.findall(template)
        unknown = sorted(set(names) - set(SLOTS) - set(FRAGMENTS))
        if unknown:
            raise ValueError(f"unknown placeholder {{{unknown[0]}}}")
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise ValueError(f"placeholder {{{twice[0]}}} occurs twice")
        try:
            re.compile(_PLACEHOLDER.sub("(?:x)", template))
        except re.error as error:
            raise ValueError(f"not a regular expression: {error}") from None
        return template


# ------------------------------------------------------------------------------------------- the grammar


@functools.cache
def _words() -> dict[str, dict[str, str | None]]:
    """Fragment → {word as written: the value it sets}, from the question words and the trade words."""
    words: dict[str, dict[str, str | None]] = {name: {} for name in FRAGMENTS}
    for name, (direction, form) in TRADE_FRAGMENTS.items():
        for row in gazetteers.trade_words():
            if (row.direction, row.form) == (direction, form):
                words[name][row.text.lower()] = None
    for row in load_tsv("question_words.tsv", WordRow):
        words[row.fragment][row.text.lower()] = row.value
    empty = [name for name, items in words.items() if not items]
    if empty:
        raise ValueError(f"rules/question_words.tsv: no words for the fragment {{{empty[0]}}}")
    return words


@dataclass(frozen=True)
class Form:
    """A row of the grammar, compiled. Slots are lazy; `first_slot_min` lengthens the first slot, so a
    failed reading of "between Bosnia and Herzegovina and Serbia" is retried past the first "and"."""

    intent: Intent
    template: str
    examples: tuple[str, ...]

    @functools.cached_property
    def needs(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What every question this form reads contains: literal text, and fragments one of whose words
        (see `_needs`)."""
        return _needs(self.template)

    def could_match(self, folded: str, found: dict[str, bool]) -> bool:
        """False when the question (`fold`ed) lacks text every reading of this form contains, so the form
        cannot fit and its regular expression (its word lists make it slow to compile) need not be built;
        `found` caches, per question, whether a fragment's words occur."""
        literals, fragments = self.needs
        if not all(literal in folded for literal in literals):
            return False
        for name in fragments:
            if name not in found:
                found[name] = any(word in folded for word in _words()[name])
            if not found[name]:
                return False
        return True

    @functools.cached_property
    def first_slot(self) -> str | None:
        present = [
            (self.template.index(f"{{{slot}}}"), slot) for slot in SLOTS if f"{{{slot}}}" in self.template
        ]
        return min(present)[1] if present else None

    def regex(self, first_slot_min: int = 1) -> re.Pattern[str]:
        return _compile(self.template, self.first_slot, first_slot_min)

    def match(self, text: str) -> tuple[dict[str, Any], re.Match[str]] | list[str] | None:
        """(slots, match) of the first reading whose slots resolve; else the country names that did not
        resolve; None when the shape does not fit."""
        unknown: list[str] = []
        minimum = 1
        first = self.first_slot
        while (found := self.regex(minimum).match(text)) is not None:
            slots, missing = _slots(found)
            if missing is None:
                return slots, found
            if missing:
                unknown.append(missing)
                # "who exports wheat to Narnia": growing the goods would swallow the unknown country.
                if found.group(first) != missing and _reads_as_name(missing):
                    break
            if first is None or found.group(first) is None:
                break
            minimum = len(found.group(first)) + 1
        return unknown or None


def _fragment(name: str) -> str:
    words = alternation(_words()[name])  # the fragment's words, a longer one before a shorter it starts
    if name == "top":  # "top 5 exporters", "5 biggest buyers"
        return rf"(?P<top>(?:\d+ )?(?:{words})(?: \d+)?)"
    return f"(?P<f_{name}>{words})"


_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyz0123456789' ")


def _needs(template: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The literal runs and the fragments outside any group, alternation or quantifier of a template: text
    that every match holds. Conservative: whatever is inside parentheses, escaped, in a character class or
    quantified is left out, and so is a fragment with a word outside ASCII (whose case-insensitive match
    `fold` does not mirror); a template with a top-level "|" needs nothing."""
    literals: list[str] = []
    fragments: list[str] = []
    run: list[str] = []
    depth = index = 0

    def end_run() -> None:
        text = "".join(run)
        if len(text.strip()) >= 2:
            literals.append(text)
        run.clear()

    while index < len(template):
        char = template[index]
        placeholder = _PLACEHOLDER.match(template, index)
        if placeholder and placeholder.group(1) in (*SLOTS, *FRAGMENTS):
            end_run()
            index = placeholder.end()
            quantified = index < len(template) and template[index] in "?*{"
            name = placeholder.group(1)
            if (
                depth == 0
                and name in FRAGMENTS
                and not quantified
                and all(w.isascii() for w in _words()[name])
            ):
                fragments.append(name)
            continue
        if char == "|" and depth == 0:
            return (), ()
        if depth == 0 and char.lower() in _LITERAL:
            if index + 1 < len(template) and template[index + 1] in "?*{":
                end_run()  # the character is optional
            else:
                run.append(char.lower())
            index += 1
            continue
        end_run()
        if char == "\\":
            index += 1  # the escaped character, whatever it is
        elif char == "[":
            index = template.index("]", index + 2 if template[index + 1 : index + 2] == "]" else index + 1)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        index += 1
    end_run()
    return tuple(literals), tuple(dict.fromkeys(fragments))


def fold(text: str) -> str:
    """A question as `Form.could_match` compares it: ASCII lower case, and each other character that a
    case-insensitive regular expression takes for an ASCII letter ("K", the Kelvin sign, for "k") as it."""
    return "".join(char.lower() if char.isascii() else _ascii_twin(char) for char in text)


@functools.lru_cache(maxsize=512)
def _ascii_twin(char: str) -> str:
    for letter in "abcdefghijklmnopqrstuvwxyz":
        if re.fullmatch(letter, char, re.IGNORECASE):
            return letter
    return char


@functools.lru_cache(maxsize=2048)
def _compile(template: str, first: str | None, first_slot_min: int) -> re.Pattern[str]:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in SLOTS:
            length = f"{{{first_slot_min},}}?" if name == first else "+?"
            return f"(?P<{name}>.{length})"
        return _fragment(name)

    return re.compile(f"^{_PLACEHOLDER.sub(fill, template)}$", re.IGNORECASE)


@functools.cache
def forms() -> tuple[Form, ...]:
    """The grammar, in the order forms are tried."""
    rows = load_tsv("question_forms.tsv", FormRow)
    if not rows:
        raise ValueError("rules/question_forms.tsv holds no forms")
    return tuple(Form(row.intent, row.template, row.examples) for row in rows)


# ------------------------------------------------------------------------------------------------ slots


def resolve_country(name: str) -> str | None:
    """ISO3 of a country as a question writes it: any name form, a possessive or plural ("Kazakhs"), and an
    abbreviation whose final full stop the question's end took away ("the U.S.")."""
    name = name.strip(" ,")
    candidates = (name, f"{name}.", re.sub(r"'s?$", "", name), re.sub(r"s$", "", name))
    for candidate in candidates:
        code = country_code(candidate)
        if code:
            return code
    return None


def known_goods(text: str, whole: bool = False) -> bool:
    """Whether the commodity table knows `text` (a commodity or an HS category); by its head word
    ("Kenyan tea"), or with `whole` only as a whole."""
    if whole:
        key = normalize.normalize_commodity(text)
        return key in gazetteers.commodity_index() or key in gazetteers.hs_category_index()
    return bool(normalize.hs_for_commodity(text)[0] or normalize.hs_category(text))


def _value(name: str, text: str) -> str | None:
    return _words()[name].get(text.lower())


def _slots(match: re.Match[str]) -> tuple[dict[str, Any], str | None]:
    """The Question fields a match sets; the second item is "" when a slot does not resolve (the name of a
    country that resolves to nothing), None when all resolve."""
    groups = {key: value for key, value in match.groupdict().items() if value}
    slots: dict[str, Any] = {}
    if "goods" in groups:
        if not known_goods(groups["goods"]):
            return {}, ""  # goods first: a reading with unknown goods names no unknown country either
        origin = groups["goods"].split()[0]
        if len(groups["goods"].split()) > 1 and _misspelt_country(origin):
            return {}, origin  # "Indonesa coal": a misspelt country before known goods
    for slot in COUNTRY_SLOTS:
        if slot in groups:
            code = resolve_country(groups[slot])
            if code is None:
                return {}, groups[slot].strip(" ,")
            slots[slot] = code
    if "goods" in groups:
        slots["commodity"] = groups["goods"].strip(" ,")
    if "commodity" in groups:
        slots["commodity"] = groups["commodity"].strip(" ,")
    if "role" in groups:
        slots["role"] = groups["role"].strip(" ,")
    if "f_kind" in groups:
        slots["kind"] = _value("kind", groups["f_kind"])
    if "f_plan" in groups:
        slots["modality"] = _value("plan", groups["f_plan"])
    elif "f_aux" in groups:
        slots["modality"] = _value("aux", groups["f_aux"])
    if "f_be" in groups:
        slots["current_only"] = _value("be", groups["f_be"]) == "current"
    if "top" in groups:
        slots["rank"] = True
        number = re.search(r"\d+", groups["top"])
        slots["limit"] = int(number.group()) if number else None
    if "f_meetings" in groups:
        slots["with_meetings"] = True
    return slots, None


# --------------------------------------------------------------------------------------------- cleaning

_CLEANUPS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\u2018\u2019\u02bc`´]"), "'"),
    (re.compile(r"\s+"), " "),
    (re.compile(r"\b(what|who|which|where|how)'s\b", re.I), r"\1 is"),
    (re.compile(r"\b(what|who|which|where|how)'re\b", re.I), r"\1 are"),
    (
        re.compile(
            r"^(?:please,? )?(?:(?:(?:can|could) you )?(?:(?:tell|show) me|i want to know),? )?", re.I
        ),
        "",
    ),
    (re.compile(r"[\s?!.]+$"), ""),
    (re.compile(r" please$", re.I), ""),
    (re.compile(r"\bthe ", re.I), ""),  # "the UAE", "the main buyers": articles carry no meaning here
)
_DATE = r"(\d{4}(?:-\d{2}){0,2})"
_TIME_SUFFIXES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(rf" between {_DATE} and {_DATE}$", re.I), ("since", "until")),
    (re.compile(rf" (?:since|after|from) {_DATE}$", re.I), ("since",)),
    (re.compile(rf" (?:until|till|through|up to|to) {_DATE}$", re.I), ("until",)),
    (re.compile(rf" (?:in|during) {_DATE}$", re.I), ("since", "until")),
)


def clean(text: str) -> tuple[str, dict[str, str]]:
    """The question as the forms read it, and the date filters stripped from its end ("since 2019")."""
    text = text.strip()
    for pattern, replacement in _CLEANUPS:
        text = pattern.sub(replacement, text)
    text = text.strip()
    dates: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for pattern, fields in _TIME_SUFFIXES:
            match = pattern.search(text)
            if match:
                values = match.groups() if len(fields) == len(match.groups()) else match.groups() * 2
                dates.update(dict(zip(fields, values, strict=True)))
                text, changed = text[: match.start()], True
    return text, dates


# --------------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Reading:
    """A question read: its intent, the Question fields it sets, and the date filters."""

    intent: Intent
    slots: dict[str, Any]
    dates: dict[str, str]


@dataclass(frozen=True)
class Unread:
    """A question no form reads: the country names that fit a form's shape but resolve to nothing (with the
    closest names in the gazetteer), and the supported questions most like it."""

    cleaned: str
    unknown_country: str | None = None
    did_you_mean: list[str] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)


def read(text: str) -> Reading | Unread:
    cleaned, dates = clean(text)
    unknown: list[str] = []
    folded, found = fold(cleaned), {}
    for form in forms() if cleaned else ():
        if not form.could_match(folded, found):
            continue  # cannot fit: its regular expression is not even compiled
        result = form.match(cleaned)
        if isinstance(result, tuple):
            return Reading(form.intent, result[0], dates)
        unknown += result or []
    name, close = _reported_unknown(unknown)
    return Unread(cleaned, name, close, [] if name else closest_forms(cleaned))


def _reported_unknown(names: list[str]) -> tuple[str | None, list[str]]:
    """The unresolved country to report: one with a close gazetteer name first, else the shortest that
    reads as a name (one word, or capitalised words: "Narnia", "New Narnia"). A stretch of the question
    ("Kazakhstan send Iran") is no country: the question is reported as unread instead."""
    plausible = []
    for name in dict.fromkeys(names):
        if entities(name)[0] or known_goods(name, whole=True):  # "what Kazakhstan", "wheat": no countries
            continue
        close = suggest_country(name)
        if close:
            return name, close
        words = name.split()
        if len(words) == 1 or _capitalised(name):
            plausible.append((not _capitalised(name), len(name), name))
    return (min(plausible)[2], []) if plausible else (None, [])


def _misspelt_country(word: str) -> bool:
    return word[:1].isupper() and resolve_country(word) is None and bool(suggest_country(word))


def _capitalised(name: str) -> bool:
    words = name.split()
    return len(words) <= 3 and all(word[:1].isupper() for word in words)


def _reads_as_name(name: str) -> bool:
    """A capitalised name ("Narnia", "New Narnia") or a misspelt country: no goods or phrase."""
    return (_capitalised(name) or bool(suggest_country(name))) and not entities(name)[0]


@functools.cache
def _country_names() -> dict[str, str]:
    """Folded names of countries (short, official and former; not demonyms, capitals or codes, which would
    make "Chian" closer to "Chilean" than to "China") → the country's news name."""
    names: dict[str, str] = {}
    for row in gazetteers.country_aliases():
        if row.kind in ("name", "official", "former") and len(row.text) > 3:
            names.setdefault(normalize.fold(row.text), normalize.country_name(row.iso3))
    for row in gazetteers.countries():
        names.setdefault(normalize.fold(row.name), row.name)
    return names


def suggest_country(name: str, n: int = 3) -> list[str]:
    """The countries whose written forms are closest to a misspelt name ("Kazahkstan" → Kazakhstan)."""
    key = normalize.fold(name)
    if len(key) < 4:
        return []
    names = _country_names()
    close = difflib.get_close_matches(key, list(names), n=n * 3, cutoff=0.8)
    return list(dict.fromkeys(names[match] for match in close))[:n]


# ---------------------------------------------------------------------------------------- suggestions

_SKELETON_COUNTRY, _SKELETON_GOODS = "X", "A"


@dataclass(frozen=True)
class _Example:
    text: str
    skeleton: str  # the cleaned example with its countries as X and its goods as A
    slots: tuple[tuple[bool, str], ...]  # (is a country, surface form) of its slots, in order

    @property
    def countries(self) -> int:
        return sum(is_country for is_country, _ in self.slots)

    @property
    def goods(self) -> int:
        return len(self.slots) - self.countries


@functools.cache
def _examples() -> tuple[_Example, ...]:
    examples = []
    for form in forms():
        for text in form.examples:
            cleaned, _ = clean(text)
            result = form.match(cleaned)
            if not isinstance(result, tuple):
                continue  # a test reports examples their form does not read
            match = result[1]
            spans = sorted(
                (match.start(slot), match.end(slot), slot)
                for slot in (*COUNTRY_SLOTS, *GOODS_SLOTS)
                if match.groupdict().get(slot)
            )
            skeleton, last = [], 0
            for start, end, slot in spans:
                skeleton += [
                    cleaned[last:start],
                    _SKELETON_COUNTRY if slot in COUNTRY_SLOTS else _SKELETON_GOODS,
                ]
                last = end
            skeleton.append(cleaned[last:])
            slots = tuple((slot in COUNTRY_SLOTS, match.group(slot)) for _, _, slot in spans)
            examples.append(_Example(text, "".join(skeleton).lower(), slots))
    return tuple(examples)


_NOT_GOODS = frozenset({"what", "who", "which", "does", "do", "did", "is", "are", "to", "from", "of", "and"})


def entities(cleaned: str) -> tuple[list[tuple[str, str]], list[str], str]:
    """The countries (surface, ISO3) and goods a question names, in order, and its skeleton (countries as X,
    goods as A). A lower-case word counts as a country only from four letters ("us" is no country here)."""
    words = cleaned.split(" ")
    countries: list[tuple[str, str]] = []
    goods: list[str] = []
    skeleton: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(4, len(words) - i), 0, -1):
            phrase = " ".join(words[i : i + size]).strip(",;:")
            code = resolve_country(phrase) if phrase[:1].isupper() or len(phrase) >= 4 else None
            if code:
                countries.append((phrase, code))
                skeleton.append(_SKELETON_COUNTRY)
                break
            if size <= 2 and phrase.lower() not in _NOT_GOODS and known_goods(phrase, whole=True):
                goods.append(phrase)
                skeleton.append(_SKELETON_GOODS)
                break
        else:
            size = 1
            skeleton.append(words[i])
        i += size
    return countries, goods, " ".join(skeleton).lower()


def closest_forms(cleaned: str, n: int = 3) -> list[str]:
    """The supported questions most like `cleaned`, with the user's own countries and goods in them.

    Questions are compared by their skeletons (countries as X, goods as A), so "Brazil soy shipments China"
    is close to "what does X export to Y" whatever the countries; examples needing no more countries and
    goods than the question names come first."""
    countries, goods, skeleton = entities(cleaned)
    names = [normalize.country_name(code) for _, code in countries]

    def score(example: _Example) -> tuple[bool, float]:
        fits = example.countries <= len(names) and example.goods <= len(goods)
        ratio = difflib.SequenceMatcher(None, skeleton, example.skeleton).ratio()
        return fits, ratio

    ranked = sorted(_examples(), key=score, reverse=True)
    chosen: list[str] = []
    for example in ranked:
        text = _rewrite(example, names, goods)
        if text not in chosen:
            chosen.append(text)
        if len(chosen) == n:
            break
    return chosen


def _rewrite(example: _Example, countries: list[str], goods: list[str]) -> str:
    """The example with its countries and goods replaced, in order, by the user's (as far as they go)."""
    text, cursor = example.text, 0
    replacements = {True: iter(countries), False: iter(goods)}
    for is_country, old in example.slots:
        found = re.compile(rf"(?:\bthe )?\b{re.escape(old)}\b", re.IGNORECASE).search(text, cursor)
        if found is None:
            continue
        new = next(replacements[is_country], found.group())
        text = text[: found.start()] + new + text[found.end() :]
        cursor = found.start() + len(new)
    return text
