"""Answers to questions asked of a TradeGraph: one pydantic model per kind of answer, each able to flatten
itself into a row of scalars for tables and CSV, and how numbers are written: plainly for machines
(75600000000, never 7.56e+10) and in words for people (75.6 billion)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tradegraph.models import Evidence, Quantity, TradeValue

__all__ = [
    "Answer",
    "AnswerSource",
    "EvidenceAnswer",
    "FlowAnswer",
    "LocationAnswer",
    "MeetingAnswer",
    "OfficialAnswer",
    "PartnerAnswer",
    "ValueAnswer",
    "human_number",
    "plain_number",
    "plain_numbers",
]

Scalar = str | int | float | bool | None
_PLAIN = (str, int, bool)
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def plain_number(value: float | int) -> float | int:
    """A whole number as an int (75600000000, not 7.56e+10 or 75600000000.0); other numbers unchanged."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e18:
        return int(value)
    return value


def plain_numbers(data: Any) -> Any:
    """`plain_number` applied throughout JSON data (dicts and lists)."""
    if isinstance(data, dict):
        return {key: plain_numbers(value) for key, value in data.items()}
    if isinstance(data, list):
        return [plain_numbers(item) for item in data]
    if isinstance(data, float):
        return plain_number(data)
    return data


def human_number(value: float | int) -> str:
    """A number for people: 75.6 billion, 3 million, 500,000, 12.5."""
    for scale, word in _SCALES:
        if abs(value) >= scale:
            return f"{value / scale:.3g} {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _number(value: float | int, human: bool) -> str:
    return human_number(value) if human else str(plain_number(value))


def _flatten(key: str, value: object, human: bool) -> Scalar:
    """Lists and nested models become one cell: strings joined, evidence as its first sentence."""
    if value is None or type(value) in _PLAIN:  # most cells: the common case first
        return value
    if isinstance(value, float):
        return human_number(value) if human else plain_number(value)
    if not isinstance(value, list):
        return value if isinstance(value, Scalar) else str(value)
    if key == "evidence":
        return value[0]["sentence"] if value else None
    if all(isinstance(item, str) for item in value):
        return "; ".join(value)
    if key == "quantities":
        return "; ".join(item["text"] or f"{_number(item['value'], human)} {item['unit']}" for item in value)
    if key == "values":
        return "; ".join(f"{_number(item['value'], human)} {item['currency']}" for item in value)
    return len(value)


class AnswerSource(BaseModel):
    """The graph an answer came from: a graph file, a store, articles or the shipped seeds."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["graph", "store", "articles", "seeds"]
    paths: list[str]
    documents: int
    why: str | None = Field(default=None, description="why this graph was taken when none was named")


class Answer(BaseModel):
    """Common base: answers are plain data, serialisable with `model_dump(mode="json")`."""

    model_config = ConfigDict(extra="forbid")

    mentions: int = 0
    doc_ids: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)

    def row(self, human: bool = False) -> dict[str, Scalar]:
        """The answer as one flat row (lists joined, evidence reduced to its first sentence); numbers plain,
        or in words with `human`."""
        # The evidence is not dumped whole for its first sentence: it is most of an answer's size.
        data = self.model_dump(mode="json", exclude={"evidence"})
        data["evidence"] = [{"sentence": self.evidence[0].sentence}] if self.evidence else []
        return {key: _flatten(key, data[key], human) for key in type(self).model_fields}


class FlowAnswer(Answer):
    """A trade flow: exporter sends a commodity to importer, with its modality and sources."""

    exporter: str
    exporter_name: str
    importer: str
    importer_name: str
    commodity: str
    hs_code: str | None = None
    hs_section: str | None = None
    modality: str
    negated: bool = False
    dates: list[str] = Field(default_factory=list)
    quantities: list[Quantity] = Field(default_factory=list)
    values: list[TradeValue] = Field(default_factory=list)


class PartnerAnswer(Answer):
    """A trade partner of a country, ranked by the number of distinct flows between the two."""

    country: str
    country_name: str
    partner: str
    partner_name: str
    flows: int
    exports: int = Field(description="flows from country to partner")
    imports: int = Field(description="flows from partner to country")
    commodities_exported: list[str] = Field(default_factory=list)
    commodities_imported: list[str] = Field(default_factory=list)
    trade_values: int = 0


class OfficialAnswer(Answer):
    name: str
    title: str | None = None
    role_class: str | None = None
    country: str | None = None
    country_name: str | None = None
    posted_to: str | None = None
    posted_to_name: str | None = None
    former: bool = False
    met: list[str] = Field(default_factory=list, description="officials met (asked with meetings=True)")


class MeetingAnswer(Answer):
    """Two officials who met (a meeting of several is reported pair by pair)."""

    participants: list[str]
    participant_countries: list[str | None] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    location: str | None = None
    date: str | None = None


class LocationAnswer(Answer):
    name: str
    kind: str
    country: str | None = None
    country_name: str | None = None
    code: str | None = None


class ValueAnswer(Answer):
    """A reported trade value (turnover, exports or imports) between reporter and partner."""

    reporter: str
    reporter_name: str
    partner: str
    partner_name: str
    flow: str
    value: float
    currency: str
    period: str | None = None


class EvidenceAnswer(BaseModel):
    """One source sentence behind a fact, with the matched span's offsets in its document."""

    model_config = ConfigDict(extra="forbid")

    fact: str
    doc_id: str
    date: str | None = None
    sentence: str
    start: int
    end: int
    text: str = ""

    def row(self, human: bool = False) -> dict[str, Scalar]:
        return self.model_dump(mode="json")
