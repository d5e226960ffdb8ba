"""Questions in plain English → TradeGraph calls: `parse_question` reads a question into an intent and its
slots, `answer_question` runs it on a graph.

Grammar (case-insensitive; "?", "the", contractions such as "what's", and polite openings such as "tell
me" are tolerated; X and Y are countries in any form — "South Korea", "the UAE", "Türkiye", "Kazakh" —
and A is a commodity or an HS category such as "cereals"):

- exports:       what does X export (to Y) · what did X sell/supply/ship to Y · X's exports (to Y) ·
                 exports from X (to Y) · which countries does X export to · who buys from X
- imports:       what does X import/buy (from Y) · X's imports (from Y) · imports of X (from Y) ·
                 who exports/supplies to Y · which countries sell to Y
- exporters_of:  who exports A (to Y) · which countries supply A · exporters of A (to Y) ·
                 where does Y import A from
- importers_of:  who imports A (from X) · which countries buy A · buyers of A (from X) ·
                 where does X export A (to) · who does X sell A to
- partners:      who are X's trade partners · X's partners · trade partners of X · who does X trade with
- officials:     which officials represent X · who represents X · officials of X · X's officials ·
                 which Kazakh officials are mentioned
- meetings:      who met whom · meetings · meetings of X's officials · who did X's officials meet
- locations:     which ports are mentioned for X · ports/regions/cities/organizations of X · X's ports
- trade_values:  trade value(s) between X and Y · trade between X and Y · how much does X trade with Y ·
                 trade values of X
- evidence:      evidence for X exports (of A) (to Y) · sources for X's exports to Y

The auxiliary sets the modality: "did" → actual, "will"/"plan to" → planned, "could"/"can"/"might" →
potential; "does" asks for all. A trailing "since 2019", "until 2020-06" or "in 2020" filters on the
article date. The forms are the table `FORMS` below (regex + intent + examples); `docs/questions.md` is
generated from it by `grammar_markdown()`.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from tradegraph.answers import (
    EvidenceAnswer,
    FlowAnswer,
    LocationAnswer,
    MeetingAnswer,
    OfficialAnswer,
    PartnerAnswer,
    ValueAnswer,
)
from tradegraph.graph import TradeGraph, UnknownCountryError, country_code
from tradegraph.models import Modality

__all__ = [
    "FORMS",
    "Form",
    "Question",
    "QueryParseError",
    "QueryResult",
    "answer_question",
    "grammar_markdown",
    "parse_question",
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


class QueryParseError(ValueError):
    """A question none of the supported forms reads; the message names the closest forms."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class Question(BaseModel):
    """A parsed question: the intent and its slots (countries as ISO3 codes)."""

    model_config = ConfigDict(extra="forbid")

    text: str
    intent: Intent
    exporter: str | None = None
    importer: str | None = None
    country: str | None = None
    partner: str | None = None
    commodity: str | None = None
    kind: str | None = None
    modality: Modality | None = None
    since: str | None = None
    until: str | None = None
    include_negated: bool = False


Row = (
    FlowAnswer
    | PartnerAnswer
    | OfficialAnswer
    | MeetingAnswer
    | LocationAnswer
    | ValueAnswer
    | EvidenceAnswer
)


class QueryResult(BaseModel):
    """The answer rows of a question, and a message saying so when there are none."""

    question: Question
    intent: Intent
    rows: list[Row]
    message: str | None = None

    def records(self) -> list[dict[str, Any]]:
        """Rows flattened to scalars, for tables and CSV."""
        return [row.row() for row in self.rows]


# ------------------------------------------------------------------------------------------------ grammar

# Placeholders used in FORMS; country and commodity slots are filled lazily first, greedily as a fallback
# (so "between Bosnia and Herzegovina and Serbia" still splits right).
_FRAGMENTS = {
    "aux": r"(?P<aux>does|do|did|will|would|could|can|might|may|is|are|was|were|has|have|had)",
    "plan": r"(?:(?P<plan>plans?|intends?|wants?|is going) to )?",
    "export": r"(?:export(?:s|ed|ing)?|sell(?:s|ing)?|sold|suppl(?:y|ies|ied|ying)|ship(?:s|ped|ping)?"
    r"|send(?:s|ing)?|sent|deliver(?:s|ed|ing)?|provid(?:e|es|ed|ing))",
    "import": r"(?:import(?:s|ed|ing)?|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|receiv(?:e|es|ed|ing)"
    r"|get(?:s|ting)?|got|procur(?:e|es|ed|ing)|sourc(?:e|es|ed|ing))",
    "kind": r"(?P<kind>(?:sea)?ports?|regions?|provinces?|oblasts?|cities|city|towns?|places|locations"
    r"|organi[sz]ations?)",
    "who": r"(?:who|which countr(?:y|ies)|what countr(?:y|ies)|which nations?)",
    "poss": r"(?:'s|')",
    "goods": r"(?:(?:goods|products|commodities|else) )?",
    "top": r"(?:(?:main|top|biggest|largest|key|major|leading) )?",
    "trade": r"(?:(?:trade|trading|commercial) )?",
}
_SLOTS = ("exporter", "importer", "country", "partner", "commodity")
_MODALITY_OF_AUX = {
    "did": "actual", "was": "actual", "were": "actual", "had": "actual",
    "will": "planned",
    "could": "potential", "can": "potential", "might": "potential", "may": "potential", "would": "potential",
}  # fmt: skip
_KINDS = {
    "port": "port", "seaport": "port", "region": "region", "province": "region", "oblast": "region",
    "city": "city", "cities": "city", "town": "city", "organization": "organization",
    "organisation": "organization", "places": None, "locations": None,
}  # fmt: skip


@dataclass(frozen=True)
class Form:
    """One supported question shape: a regex template (placeholders in braces) and the intent it asks."""

    intent: Intent
    template: str
    examples: tuple[str, ...]

    def regex(self, first_slot_min: int = 1) -> re.Pattern[str]:
        """The form compiled, slots lazy; the first slot at least `first_slot_min` characters long."""
        return _compile(self.template, first_slot_min)

    def match(self, text: str) -> tuple[dict[str, Any], str | None] | None:
        """Slots of the first reading of `text` whose countries resolve, else (`{}`, the unknown country);
        None when the shape does not fit. Readings are tried with the first slot growing, so "between
        Bosnia and Herzegovina and Serbia" gets past the first "and"."""
        unknown: str | None = None
        minimum = 1
        while (found := self.regex(minimum).match(text)) is not None:
            slots, missing = _slots(found)
            if missing is None:
                return slots, None
            unknown = unknown or missing
            first = _first_slot(self.template)
            if first is None or found.group(first) is None:
                break
            minimum = len(found.group(first)) + 1
        return None if unknown is None else ({}, unknown)


def _first_slot(template: str) -> str | None:
    """The slot that comes first in a template (the one grown when a reading fails)."""
    present = [(template.index(f"{{{slot}}}"), slot) for slot in _SLOTS if f"{{{slot}}}" in template]
    return min(present)[1] if present else None


@functools.lru_cache(maxsize=1024)
def _compile(template: str, first_slot_min: int) -> re.Pattern[str]:
    fragments = dict(_FRAGMENTS) | {slot: f"(?P<{slot}>.+?)" for slot in _SLOTS}
    first = _first_slot(template)
    if first is not None:
        fragments[first] = f"(?P<{first}>.{{{first_slot_min},}}?)"
    return re.compile(f"^{template.format(**fragments)}$", re.IGNORECASE)


#: The grammar, tried in order; the first form whose countries all resolve wins.
FORMS: tuple[Form, ...] = (
    # "who exports to Iran" is a question about Iran's imports: it must come before "who exports A".
    Form("imports", r"{who} {export} to {importer}", ("who exports to Iran", "which countries sell to Iran")),
    Form(
        "exports",
        r"(?:{who}|whom) {import} from {exporter}",
        ("who buys from Kazakhstan", "which countries import from Kazakhstan"),
    ),
    Form(
        "exports",
        r"(?:to )?(?:which|what) countr(?:y|ies) {aux} {exporter} {plan}{export}(?: to)?",
        ("which countries does Kazakhstan export to",),
    ),
    Form(
        "imports",
        r"(?:from )?(?:which|what) countr(?:y|ies) {aux} {importer} {plan}{import}(?: from)?",
        ("which countries does Iran import from",),
    ),
    Form(
        "exports",
        r"what {goods}(?:{aux} )?{exporter} {plan}{export}(?: to {importer})?",
        (
            "what does Kazakhstan export to Iran",
            "what does Kazakhstan export",
            "what did Kazakhstan sell to Iran",
            "what could Iran export to Kazakhstan",
            "what does Türkiye export to the UAE",
        ),
    ),
    Form(
        "imports",
        r"what {goods}(?:{aux} )?{importer} {plan}{import}(?: from {exporter})?",
        (
            "what does Iran import from Kazakhstan",
            "what does Iran import",
            "what did Iran buy from Kazakhstan",
        ),
    ),
    Form(
        "exports",
        r"(?:what are |list |show )?{exporter}{poss} {top}exports(?: to {importer})?",
        ("Kazakhstan's exports to Iran",),
    ),
    Form(
        "exports",
        r"(?:what are |list |show )?{top}exports (?:of|from|by) {exporter}(?: to {importer})?",
        ("exports from Kazakhstan to Iran",),
    ),
    Form(
        "imports",
        r"(?:what are |list |show )?{importer}{poss} {top}imports(?: from {exporter})?",
        ("Iran's imports from Kazakhstan",),
    ),
    Form(
        "imports",
        r"(?:what are |list |show )?{top}imports (?:of|to|into|by) {importer}(?: from {exporter})?",
        ("imports of Iran from Kazakhstan",),
    ),
    Form(
        "exporters_of",
        r"{who} {export} {commodity}(?: to {importer})?",
        ("who exports wheat to Iran", "who exports cereals", "which countries supply barley"),
    ),
    Form(
        "exporters_of",
        r"(?:who are |which are |list )?{top}(?:exporters|suppliers|sellers|sources) of {commodity}"
        r"(?: to {importer})?",
        ("exporters of wheat to Iran", "who are the main suppliers of barley"),
    ),
    Form(
        "exporters_of",
        r"where {aux} {importer} {import} {commodity} from",
        ("where does Iran buy wheat from",),
    ),
    Form(
        "importers_of",
        r"{who} {import} {commodity}(?: from {exporter})?",
        ("who imports pistachios from Iran", "which countries buy wheat"),
    ),
    Form(
        "importers_of",
        r"(?:who are |which are |list )?{top}(?:importers|buyers|customers|markets) (?:of|for) {commodity}"
        r"(?: from {exporter})?",
        ("buyers of wheat from Kazakhstan", "who are the main importers of cereals"),
    ),
    Form(
        "importers_of",
        r"(?:where|to whom|who(?:m)?) {aux} {exporter} {plan}{export} {commodity}(?: to)?",
        ("where does Kazakhstan export wheat", "who does Kazakhstan sell wheat to"),
    ),
    Form(
        "partners",
        r"(?:who|what|which) (?:are|is) {country}{poss} {top}{trade}partners?",
        ("who are Kazakhstan's trade partners",),
    ),
    Form(
        "partners",
        r"(?:list |show )?{country}{poss} {top}{trade}partners",
        ("Kazakhstan's partners", "Iran's main trading partners"),
    ),
    Form(
        "partners",
        r"(?:who are |what are |which are |list |show )?{top}{trade}partners (?:of|for) {country}",
        ("trade partners of Kazakhstan",),
    ),
    Form(
        "partners",
        r"(?:with )?(?:who|whom|which countries) {aux} {country} trade(?: with)?",
        ("who does Kazakhstan trade with",),
    ),
    Form(
        "officials",
        r"(?:which|what|who are) officials (?:represent|represents|serve|serves|work for|are from|of|from)"
        r" {country}",
        ("which officials represent Kazakhstan",),
    ),
    Form(
        "officials",
        r"who (?:represents|represented|speaks for|serves) {country}",
        ("who represents Kazakhstan", "who represents the UAE"),
    ),
    Form(
        "officials",
        r"(?:who are |list |show )?officials (?:of|from|for) {country}",
        ("officials of Iran",),
    ),
    Form(
        "officials",
        r"(?:which|what) {country} officials (?:are|were) (?:mentioned|named|there)",
        ("which Kazakh officials are mentioned",),
    ),
    Form(
        "officials",
        r"(?:who are |list |show )?{country}{poss}? officials(?: (?:are |were )?mentioned)?",
        ("Kazakhstan's officials", "Iranian officials"),
    ),
    Form("meetings", r"who met (?:whom|who)", ("who met whom",)),
    Form(
        "meetings",
        r"(?:list |show |which )?meetings(?: (?:were )?(?:held|mentioned|took place))?",
        ("meetings", "which meetings took place"),
    ),
    Form(
        "meetings",
        r"(?:list |show )?meetings (?:of|with|involving|for|by) (?:officials (?:of|from) )?{country}"
        r"(?:{poss}? officials)?",
        ("meetings of Kazakhstan's officials", "meetings with officials of Iran"),
    ),
    Form(
        "meetings",
        r"(?:who|which officials) (?:did|have|has) {country}{poss}? officials? (?:met|meet)",
        ("who did Kazakhstan's officials meet",),
    ),
    Form(
        "locations",
        r"(?:which|what) {kind} (?:are|is|were|was) (?:mentioned|named|listed|there) (?:for|in|of) {country}",
        ("which ports are mentioned for Kazakhstan", "which regions are mentioned in Iran"),
    ),
    Form(
        "locations",
        r"(?:which |what |list |show )?{kind} (?:of|in|for) {country}(?: (?:are|were) mentioned)?",
        ("ports of Kazakhstan", "regions of Iran", "cities of Kazakhstan", "organizations in Iran"),
    ),
    Form(
        "locations",
        r"(?:which |what )?{kind} (?:does|do|did) {country} have",
        ("which ports does Kazakhstan have",),
    ),
    Form("locations", r"(?:list |show )?{country}{poss} {kind}", ("Kazakhstan's ports",)),
    Form(
        "trade_values",
        r"(?:what (?:is|are|was|were) |list |show )?(?:total |bilateral )?(?:trade )?"
        r"(?:values?|volumes?|turnover|figures?)(?: of trade)? (?:between|of|for) {country}"
        r"(?: and {partner})?",
        (
            "trade value between Kazakhstan and Iran",
            "trade values between Kazakhstan and Iran",
            "trade values of Iran",
        ),
    ),
    Form(
        "trade_values",
        r"(?:what (?:is|was) |how much (?:is|was) )?(?:total |bilateral )?trade between {country}"
        r" and {partner}(?: worth)?",
        ("trade between Kazakhstan and Iran", "how much is trade between Kazakhstan and Iran worth"),
    ),
    Form(
        "trade_values",
        r"how much {aux} {country} trade with {partner}",
        ("how much does Kazakhstan trade with Iran",),
    ),
    Form(
        "evidence",
        r"(?:show |give |list |what is )?(?:me )?(?:the )?(?:evidence|sources?|proof) (?:for|of|behind|that) "
        r"{exporter}{poss}? {export}(?: (?:of )?{commodity})??(?: to {importer})?",
        ("evidence for Kazakhstan exports to Iran", "sources for Kazakhstan's exports of wheat to Iran"),
    ),
)

_EXAMPLES = tuple(example for form in FORMS for example in form.examples)

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


def _clean(text: str) -> str:
    text = text.strip()
    for pattern, replacement in _CLEANUPS:
        text = pattern.sub(replacement, text)
    return text.strip()


def _split_dates(text: str) -> tuple[str, dict[str, str]]:
    """Strip trailing date filters ("since 2019", "in 2020") from a cleaned question."""
    dates: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for pattern, fields in _TIME_SUFFIXES:
            match = pattern.search(text)
            if match:
                values = match.groups() if len(fields) == len(match.groups()) else match.groups() * 2
                dates.update({field: value for field, value in zip(fields, values, strict=True)})
                text, changed = text[: match.start()], True
    return text, dates


def _resolve(name: str) -> str | None:
    name = name.strip(" ,")
    for candidate in (name, re.sub(r"'s?$", "", name), re.sub(r"s$", "", name)):
        code = country_code(candidate)
        if code:
            return code
    return None


def _slots(match: re.Match[str]) -> tuple[dict[str, Any], str | None]:
    """Slot values of a match with countries resolved; the second item is an unresolvable country name."""
    groups = {key: value for key, value in match.groupdict().items() if value}
    slots: dict[str, Any] = {}
    for slot in ("exporter", "importer", "country", "partner"):
        if slot in groups:
            code = _resolve(groups[slot])
            if code is None:
                return {}, groups[slot].strip()
            slots[slot] = code
    if "commodity" in groups:
        slots["commodity"] = groups["commodity"].strip(" ,")
    if "kind" in groups:
        kind = groups["kind"].lower()
        slots["kind"] = _KINDS.get(kind, _KINDS.get(kind.rstrip("s")))
    if groups.get("plan"):
        slots["modality"] = "planned"
    elif "aux" in groups:
        slots["modality"] = _MODALITY_OF_AUX.get(groups["aux"].lower())
    return slots, None


def closest_forms(text: str, n: int = 3) -> list[str]:
    """The example questions most like `text`."""
    lowered = {example.lower(): example for example in _EXAMPLES}
    matches = difflib.get_close_matches(text.lower(), list(lowered), n=n, cutoff=0.0)
    return [lowered[match] for match in matches]


def parse_question(text: str) -> Question:
    """Read a question into a Question. QueryParseError when no form fits; UnknownCountryError when a form
    fits but names a country that cannot be resolved."""
    cleaned, dates = _split_dates(_clean(text))
    unknown: str | None = None
    for form in FORMS:
        reading = form.match(cleaned) if cleaned else None
        if reading is not None and reading[1] is None:
            return Question(text=text.strip(), intent=form.intent, **reading[0], **dates)
        unknown = unknown or (reading[1] if reading else None)
    if unknown is not None:
        raise UnknownCountryError(f"unknown country: {unknown!r}")
    suggestions = closest_forms(cleaned)
    shown = "; ".join(f'"{example}"' for example in suggestions)
    problem = f"cannot read the question {text.strip()!r}" if cleaned else "empty question"
    raise QueryParseError(f"{problem}; closest supported forms: {shown}", suggestions)


# ------------------------------------------------------------------------------------------------ answers


def _flow_filters(q: Question) -> dict[str, Any]:
    return {"modality": q.modality, "since": q.since, "until": q.until, "include_negated": q.include_negated}


def _dates(q: Question) -> dict[str, Any]:
    return {"since": q.since, "until": q.until}


_ANSWERERS: dict[str, Callable[[TradeGraph, Question], list[Any]]] = {
    "exports": lambda kg, q: kg.exports(q.exporter, q.importer, **_flow_filters(q)),
    "imports": lambda kg, q: kg.imports(q.importer, q.exporter, **_flow_filters(q)),
    "exporters_of": lambda kg, q: kg.exporters_of(q.commodity, q.importer, **_flow_filters(q)),
    "importers_of": lambda kg, q: kg.importers_of(q.commodity, q.exporter, **_flow_filters(q)),
    "partners": lambda kg, q: kg.partners(q.country, modality=q.modality, **_dates(q)),
    "officials": lambda kg, q: kg.officials(q.country, **_dates(q)),
    "meetings": lambda kg, q: kg.meetings(q.country, **_dates(q)),
    "locations": lambda kg, q: kg.locations(q.country, q.kind, **_dates(q)),
    "trade_values": lambda kg, q: kg.trade_values(q.country, q.partner, **_dates(q)),
    "evidence": lambda kg, q: kg.evidence(q.exporter, q.importer, commodity=q.commodity, **_flow_filters(q)),
}

#: What an empty answer is about, per intent ("No {topic} in the graph.").
_TOPICS = {
    "exports": "{modality}exports from {exporter}{to_importer}",
    "imports": "{modality}imports into {importer}{from_exporter}",
    "exporters_of": "{modality}exports of {commodity}{to_importer}",
    "importers_of": "{modality}imports of {commodity}{from_exporter}",
    "partners": "trade partners of {country}",
    "officials": "officials of {country}",
    "meetings": "meetings{of_country}",
    "locations": "{kind} of {country}",
    "trade_values": "trade values for {country}{and_partner}",
    "evidence": "evidence for {modality}exports from {exporter}{to_importer}",
}


def _empty_message(kg: TradeGraph, q: Question) -> str:
    name = kg.country_name
    kinds = {None: "ports, regions or cities", "city": "cities"}
    fields = {
        "modality": f"{q.modality} " if q.modality else "",
        "exporter": name(q.exporter),
        "importer": name(q.importer),
        "country": name(q.country),
        "commodity": q.commodity,
        "to_importer": f" to {name(q.importer)}" if q.importer else "",
        "from_exporter": f" from {name(q.exporter)}" if q.exporter else "",
        "of_country": f" of officials of {name(q.country)}" if q.country else "",
        "and_partner": f" and {name(q.partner)}" if q.partner else "",
        "kind": kinds.get(q.kind, f"{q.kind}s"),
    }
    window = {
        (True, True): f" between {q.since} and {q.until}",
        (True, False): f" since {q.since}",
        (False, True): f" until {q.until}",
    }.get((q.since is not None, q.until is not None), "")
    if q.since is not None and q.since == q.until:
        window = f" in {q.since}"
    return f"No {_TOPICS[q.intent].format(**fields)} in the graph{window}."


def answer_question(
    kg: TradeGraph,
    question: str | Question,
    *,
    modality: Modality | None = None,
    since: str | None = None,
    until: str | None = None,
    include_negated: bool | None = None,
) -> QueryResult:
    """Parse (if needed) and answer a question; filters given here override those read from the text."""
    parsed = parse_question(question) if isinstance(question, str) else question
    overrides = {"modality": modality, "since": since, "until": until, "include_negated": include_negated}
    parsed = parsed.model_copy(update={key: value for key, value in overrides.items() if value is not None})
    rows = _ANSWERERS[parsed.intent](kg, parsed)
    message = None if rows else _empty_message(kg, parsed)
    return QueryResult(question=parsed, intent=parsed.intent, rows=rows, message=message)


# -------------------------------------------------------------------------------------------------- docs

_DOC_HEADER = """\
# Questions tradegraph answers

`tradegraph query "QUESTION"` on the command line, or in Python:

```python
from tradegraph.query import answer_question
result = answer_question(kg, "what does Kazakhstan export to Iran")
result.rows  # FlowAnswer, PartnerAnswer, ... (see tradegraph/answers.py)
```

Questions are case-insensitive; a trailing "?", "the", contractions ("what's") and openings such as
"tell me" are ignored. X and Y are countries in any form the extractor knows: names, short and long forms,
ISO codes, demonyms ("Kazakh", "Iranian"): "South Korea", "the UAE", "Türkiye". A is a commodity
("wheat") or an HS category ("cereals" finds wheat 1001 and barley 1003).

Filters:

- the auxiliary sets the modality: "what **did** X export" → actual, "what **will** X export" or
  "what does X **plan to** export" → planned, "what **could** / **can** / **might** X export" → potential;
  "what **does** X export" lists every modality;
- a trailing "since 2019", "until 2020-06", "in 2020" or "between 2019 and 2021" filters on the article
  date (on the command line: `--since`, `--until`, `--modality`).

A question that matches no form is an error that names the closest supported forms; a question that matches
but has no answer in the graph says so.

This page is generated from the grammar table `tradegraph.query.FORMS` (`grammar_markdown()`); a test
keeps it in step.

| Intent | Library call | Example questions |
|---|---|---|
"""

_CALLS = {
    "exports": "`kg.exports(X, Y)`",
    "imports": "`kg.imports(Y, X)`",
    "exporters_of": "`kg.exporters_of(A, importer)`",
    "importers_of": "`kg.importers_of(A, exporter)`",
    "partners": "`kg.partners(X)`",
    "officials": "`kg.officials(X)`",
    "meetings": "`kg.meetings(X)`",
    "locations": "`kg.locations(X, kind)`",
    "trade_values": "`kg.trade_values(X, Y)`",
    "evidence": "`kg.evidence(X, Y, commodity=A)`",
}


def grammar_markdown() -> str:
    """docs/questions.md: the supported forms, one table row per intent, with their examples."""
    examples: dict[str, list[str]] = {}
    for form in FORMS:
        examples.setdefault(form.intent, []).extend(form.examples)
    rows = [
        f"| {intent} | {_CALLS[intent]} | {' · '.join(f'“{example}”' for example in items)} |"
        for intent, items in examples.items()
    ]
    return _DOC_HEADER + "\n".join(rows) + "\n"
