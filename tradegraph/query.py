"""Questions in plain English → TradeGraph calls: `parse_question` reads a question into a Question (an
intent and its slots), `answer_question` runs it on a graph.

The grammar is data: the forms of `rules/question_forms.tsv`, made of the words of
`rules/question_words.tsv` and extraction's trade words (`tradegraph.query_grammar` reads them).
Questions are case-insensitive; "?", "the", contractions such as "what's" and polite openings such as
"tell me" are tolerated; countries are written in any form ("South Korea", "the UAE", "the U.S.",
"Türkiye", "Kazakh") and goods as commodities or HS categories ("cereals"). The auxiliary sets the
modality: "did" → actual, "will"/"plan to" → planned, "could"/"can"/"might" → potential; "does" asks for
all. A trailing "since 2019", "until 2020-06" or "in 2020" filters on the article date. "top", "main",
"biggest", "most" … rank the answer (`rank_rows`: by stated US$ value, then by mentions); "top 5" keeps
five. `docs/questions.md` is generated from the forms by `grammar_markdown()`.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict

from tradegraph.answers import (
    AnswerSource,
    EvidenceAnswer,
    FlowAnswer,
    LocationAnswer,
    MeetingAnswer,
    OfficialAnswer,
    PartnerAnswer,
    ValueAnswer,
)
from tradegraph.graph import TradeGraph, UnknownCountryError
from tradegraph.graph.questions import AnswerRows
from tradegraph.models import Modality
from tradegraph.query_grammar import Form, Intent, Unread, forms, read

__all__ = [
    "Form",
    "Intent",
    "Question",
    "QueryParseError",
    "QueryResult",
    "StreamedResult",
    "answer_question",
    "grammar_markdown",
    "parse_question",
    "rank_rows",
    "stream_question",
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
    role: str | None = None
    modality: Modality | None = None
    since: str | None = None
    until: str | None = None
    include_negated: bool = False
    rank: bool = False
    limit: int | None = None
    current_only: bool = False
    with_meetings: bool = False


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
    graph: AnswerSource | None = None  # the graph it came from (the command line fills it in)

    def records(self, human: bool = False) -> list[dict[str, Any]]:
        """Rows flattened to scalars, for tables (`human`: numbers in words) and CSV."""
        return [row.row(human) for row in self.rows]


@dataclass
class StreamedResult:
    """A QueryResult whose rows are counted first and built as they are read (`AnswerRows`, once): what the
    command line prints, so a large answer is never held whole."""

    question: Question
    intent: Intent
    rows: AnswerRows
    message: str | None = None


def __getattr__(name: str) -> Any:
    if name == "FORMS":  # the grammar, read from rules/ on first use
        return forms()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse_question(text: str) -> Question:
    """Read a question into a Question. QueryParseError when no form fits (the message names the closest
    supported questions, in the user's own countries and goods); UnknownCountryError when a form fits but
    names a country that cannot be resolved (with the closest country names: "did you mean …")."""
    reading = read(text)
    if isinstance(reading, Unread):
        raise _unread_error(text, reading)
    return Question(text=text.strip(), intent=reading.intent, **reading.slots, **reading.dates)


def _unread_error(text: str, unread: Unread) -> ValueError:
    if unread.unknown_country is not None:
        message = f"unknown country: {unread.unknown_country!r}"
        if unread.did_you_mean:
            message += f" (did you mean {' or '.join(unread.did_you_mean)}?)"
        error = UnknownCountryError(message)
        error.did_you_mean = unread.did_you_mean  # type: ignore[attr-defined]
        return error
    shown = "; ".join(f'"{example}"' for example in unread.suggestions)
    problem = f"cannot read the question {text.strip()!r}" if unread.cleaned else "empty question"
    return QueryParseError(f"{problem}; closest supported forms: {shown}", unread.suggestions)


# ------------------------------------------------------------------------------------------------ answers


def _flow_filters(q: Question) -> dict[str, Any]:
    return {"modality": q.modality, "since": q.since, "until": q.until, "include_negated": q.include_negated}


def _dates(q: Question) -> dict[str, Any]:
    return {"since": q.since, "until": q.until}


_ANSWERERS: dict[str, Callable[[TradeGraph, Question], list[Any]]] = {
    "exports": lambda kg, q: kg.exports(q.exporter, q.importer, commodity=q.commodity, **_flow_filters(q)),
    "imports": lambda kg, q: kg.imports(q.importer, q.exporter, commodity=q.commodity, **_flow_filters(q)),
    "exporters_of": lambda kg, q: kg.exporters_of(q.commodity, q.importer, **_flow_filters(q)),
    "importers_of": lambda kg, q: kg.importers_of(q.commodity, q.exporter, **_flow_filters(q)),
    "partners": lambda kg, q: kg.partners(q.country, modality=q.modality, **_dates(q)),
    "officials": lambda kg, q: kg.officials(
        q.country, role=q.role, current_only=q.current_only, meetings=q.with_meetings, **_dates(q)
    ),
    "meetings": lambda kg, q: kg.meetings(q.country, **_dates(q)),
    "locations": lambda kg, q: kg.locations(q.country, q.kind, commodity=q.commodity, **_dates(q)),
    "trade_values": lambda kg, q: kg.trade_values(q.country, q.partner, **_dates(q)),
    "evidence": lambda kg, q: kg.evidence(q.exporter, q.importer, commodity=q.commodity, **_flow_filters(q)),
}

#: The intents whose rows can be built one at a time, in the answer's order (`Questions.flow_rows`,
#: `Questions.partner_rows`); the same calls as `_ANSWERERS` makes, so the answers are the same.
_STREAMED: dict[str, Callable[[TradeGraph, Question], AnswerRows]] = {
    "exports": lambda kg, q: kg.flow_rows(q.exporter, q.importer, q.commodity, **_flow_filters(q)),
    "imports": lambda kg, q: kg.flow_rows(q.exporter, q.importer, q.commodity, **_flow_filters(q)),
    "exporters_of": lambda kg, q: kg.flow_rows(None, q.importer, q.commodity, **_flow_filters(q)),
    "importers_of": lambda kg, q: kg.flow_rows(q.exporter, None, q.commodity, **_flow_filters(q)),
    "partners": lambda kg, q: kg.partner_rows(q.country, modality=q.modality, **_dates(q)),
}

#: What a ranking ranks, per intent: the rows of one group (one commodity, one exporter …) rank together.
_RANKED_BY: dict[str, Callable[[Any], Hashable]] = {
    "exports": lambda row: row.commodity,
    "imports": lambda row: row.commodity,
    "exporters_of": lambda row: row.exporter,
    "importers_of": lambda row: row.importer,
    "officials": lambda row: row.name,
    "locations": lambda row: row.name,
    "trade_values": id,
}


def _stated_usd(row: Any) -> float:
    if isinstance(row, ValueAnswer):
        return row.value if row.currency == "USD" else 0.0
    return sum(value.value for value in getattr(row, "values", []) if value.currency == "USD")


def rank_rows(intent: str, rows: list[Any], limit: int | None = None) -> list[Any]:
    """Rows ranked for "top", "main", "biggest" …: groups (a commodity for exports, an exporter for
    exporters_of …) by the US$ value their articles state, then by mentions; within a group, rows the same
    way; ties keep the answer's order. `limit` keeps that many groups."""
    group_of = _RANKED_BY.get(intent)
    if group_of is None:  # partners come ranked already; meetings and evidence are listed, not ranked
        return rows[:limit] if limit else rows
    groups: dict[Hashable, list[Any]] = {}
    for row in rows:
        groups.setdefault(group_of(row), []).append(row)

    def score(items: list[Any]) -> tuple[float, int]:
        return sum(map(_stated_usd, items)), sum(getattr(item, "mentions", 0) for item in items)

    ordered = sorted(groups.values(), key=score, reverse=True)[:limit]
    return [row for items in ordered for row in sorted(items, key=lambda row: score([row]), reverse=True)]


#: What an empty answer is about, per intent ("No {topic} in the graph.").
_TOPICS = {
    "exports": "{modality}exports{of_commodity} from {exporter}{to_importer}",
    "imports": "{modality}imports{of_commodity} into {importer}{from_exporter}",
    "exporters_of": "{modality}exports of {commodity}{to_importer}",
    "importers_of": "{modality}imports of {commodity}{from_exporter}",
    "partners": "trade partners of {country}",
    "officials": "{role} of {country}",
    "meetings": "meetings{of_country}",
    "locations": "{kind} of {country}{with_commodity}",
    "trade_values": "trade values for {country}{and_partner}",
    "evidence": "evidence for {modality}exports{of_commodity} from {exporter}{to_importer}",
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
        "of_commodity": f" of {q.commodity}" if q.commodity else "",
        "with_commodity": f" named with {q.commodity}" if q.commodity else "",
        "to_importer": f" to {name(q.importer)}" if q.importer else "",
        "from_exporter": f" from {name(q.exporter)}" if q.exporter else "",
        "of_country": f" of officials of {name(q.country)}" if q.country else "",
        "and_partner": f" and {name(q.partner)}" if q.partner else "",
        "kind": kinds.get(q.kind, f"{q.kind}s"),
        "role": f"{'serving ' if q.current_only else ''}{q.role}" if q.role else "officials",
    }
    window = {
        (True, True): f" between {q.since} and {q.until}",
        (True, False): f" since {q.since}",
        (False, True): f" until {q.until}",
    }.get((q.since is not None, q.until is not None), "")
    if q.since is not None and q.since == q.until:
        window = f" in {q.since}"
    message = f"No {_TOPICS[q.intent].format(**fields)} in the graph{window}."
    if q.intent == "trade_values" and q.partner:
        message += _flows_hint(kg, q, window)
    return message


def _flows_hint(kg: TradeGraph, q: Question, window: str) -> str:
    """For a pair without stated values: the flows between them, and how to ask for them."""
    dates = _dates(q)
    flows = len(kg.exports(q.country, q.partner, **dates)) + len(kg.exports(q.partner, q.country, **dates))
    if not flows:
        return ""
    a, b = kg.country_name(q.country), kg.country_name(q.partner)
    plural = "s" if flows > 1 else ""
    return f' It has {flows} trade flow{plural} between them{window}: ask "what does {a} export to {b}".'


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
    streamed = stream_question(
        kg, question, modality=modality, since=since, until=until, include_negated=include_negated
    )
    return QueryResult(
        question=streamed.question, intent=streamed.intent, rows=list(streamed.rows), message=streamed.message
    )


def stream_question(
    kg: TradeGraph,
    question: str | Question,
    *,
    modality: Modality | None = None,
    since: str | None = None,
    until: str | None = None,
    include_negated: bool | None = None,
) -> StreamedResult:
    """`answer_question` with the rows counted first and built as they are read: trade flows one at a
    time, a country's partners too; a ranked answer (it needs every row) and the other intents' (officials …)
    built whole, then handed out the same way."""
    parsed = parse_question(question) if isinstance(question, str) else question
    overrides = {"modality": modality, "since": since, "until": until, "include_negated": include_negated}
    parsed = parsed.model_copy(update={key: value for key, value in overrides.items() if value is not None})
    if parsed.intent in _STREAMED and not (parsed.rank or parsed.limit):
        rows = _STREAMED[parsed.intent](kg, parsed)
    else:
        built = _ANSWERERS[parsed.intent](kg, parsed)
        if parsed.rank or parsed.limit:
            built = rank_rows(parsed.intent, built, parsed.limit)
        rows = AnswerRows(len(built), iter(built))
    message = None if len(rows) else _empty_message(kg, parsed)
    return StreamedResult(question=parsed, intent=parsed.intent, rows=rows, message=message)


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
abbreviations, ISO codes, demonyms ("Kazakh", "Iranian"): "South Korea", "the UAE", "the U.S.",
"Türkiye". A is a commodity ("wheat") or an HS category ("cereals" finds wheat 1001 and barley 1003).

Filters and rankings:

- the auxiliary sets the modality: "what **did** X export" → actual, "what **will** X export" or
  "what does X **plan to** export" → planned, "what **could** / **can** / **might** X export" → potential;
  "what **does** X export" lists every modality;
- a trailing "since 2019", "until 2020-06", "in 2020" or "between 2019 and 2021" filters on the article
  date (on the command line: `--since`, `--until`, `--modality`);
- "top", "main", "biggest", "largest", "most", "leading" … rank the answer: goods (or exporters, importers,
  partners) by the US$ value the articles state for them, then by the number of mentions; "top 5" keeps
  five of them;
- "who **is** the president of X" answers serving officials whose title is that office (not a vice
  president, not a former one); "who **was** …" includes former ones. Officials of X are the officials
  whose country is X (an official named for several countries serves the one most mentions state).

A question that matches no form is an error that names the closest supported forms, written with the
question's own countries and goods; a country the gazetteer does not know is an error that names the
closest country names ("did you mean Kazakhstan?"); a question that matches but has no answer in the graph
says so.

This page is generated from the grammar, `rules/question_forms.tsv` (forms, in the order they are tried)
and `rules/question_words.tsv` (the words they are made of, with extraction's trade words from
`rules/flow_triggers.tsv`), by `tradegraph.query.grammar_markdown()`; a test keeps it in step. To add a
form, add a row with examples: a test checks that every example reads as its intent.

| Intent | Library call | Example questions |
|---|---|---|
"""

_CALLS = {
    "exports": "`kg.exports(X, Y, commodity=A)`",
    "imports": "`kg.imports(Y, X, commodity=A)`",
    "exporters_of": "`kg.exporters_of(A, importer)`",
    "importers_of": "`kg.importers_of(A, exporter)`",
    "partners": "`kg.partners(X)`",
    "officials": "`kg.officials(X, role=…, meetings=…)`",
    "meetings": "`kg.meetings(X)`",
    "locations": "`kg.locations(X, kind, commodity=A)`",
    "trade_values": "`kg.trade_values(X, Y)`",
    "evidence": "`kg.evidence(X, Y, commodity=A)`",
}


def grammar_markdown() -> str:
    """docs/questions.md: the supported forms, one table row per intent, with their examples."""
    examples: dict[str, list[str]] = {}
    for form in forms():
        examples.setdefault(form.intent, []).extend(form.examples)
    rows = [
        f"| {intent} | {_CALLS[intent]} | {' · '.join(f'“{example}”' for example in items)} |"
        for intent, items in examples.items()
    ]
    return _DOC_HEADER + "\n".join(rows) + "\n"
