"""The one schema: pydantic models shared by extraction, the graph, the CLI, the store and every export."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Modality = Literal["actual", "planned", "potential"]
RoleClass = Literal[
    "head_of_state",
    "head_of_government",
    "minister",
    "deputy_minister",
    "ambassador",
    "governor",
    "official",
]
LocationKind = Literal["port", "region", "city"]
FlowDirection = Literal["turnover", "exports", "imports"]

MODALITY_STRENGTH: dict[str, int] = {"actual": 3, "planned": 2, "potential": 1}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(_Model):
    """One input article, as read from a file, a JSONL line or an HTML page."""

    doc_id: str
    text: str
    date: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = Field(default=None, description="path (and line) the document was read from")


class Evidence(_Model):
    """Where a fact was read: the sentence and the character offsets of the matched span in the document."""

    doc_id: str
    sentence: str
    start: int
    end: int
    text: str = Field(default="", description="the matched text, document[start:end]")


class Country(_Model):
    name: str
    iso3: str
    mentions: int = 1
    forms: list[str] = Field(
        default_factory=list, description="surface forms seen: names, demonyms, capitals"
    )
    evidence: Evidence | None = None


class CountryGroup(_Model):
    """A group of countries (EU, EAEU, ASEAN, Central Asia): recognised, never counted as a country."""

    name: str
    group_id: str
    members: list[str] = Field(default_factory=list)
    evidence: Evidence | None = None


class Official(_Model):
    name: str
    title: str
    role_class: RoleClass
    country: str | None = None
    posted_to: str | None = None
    former: bool = False
    evidence: Evidence | None = None


class Location(_Model):
    name: str
    kind: LocationKind
    country: str | None = None
    code: str | None = Field(default=None, description="UN/LOCODE for ports, ISO 3166-2 for regions")
    evidence: Evidence | None = None


class Organization(_Model):
    name: str
    kind: str = "organization"
    country: str | None = None
    evidence: Evidence | None = None


class Commodity(_Model):
    name: str
    hs_code: str | None = None
    hs_section: str | None = None


class Quantity(_Model):
    value: float
    unit: str
    text: str


class TradeValue(_Model):
    reporter: str
    partner: str
    flow: FlowDirection
    value: float
    currency: str
    period: str | None = None
    text: str = ""
    evidence: Evidence | None = None


class TradeFlow(_Model):
    exporter: str
    importer: str
    commodity: Commodity
    modality: Modality = "actual"
    negated: bool = False
    quantity: Quantity | None = None
    value: TradeValue | None = None
    evidence: Evidence | None = None


class Meeting(_Model):
    participants: list[str]
    countries: list[str] = Field(default_factory=list)
    location: str | None = None
    date: str | None = None
    evidence: Evidence | None = None


class DiplomaticRelations(_Model):
    countries: list[str]
    established: str
    evidence: Evidence | None = None


class Extraction(_Model):
    """Everything read from one document."""

    doc_id: str
    date: str | None = None
    author: str | None = None
    title: str | None = None
    countries: list[Country] = Field(default_factory=list)
    groups: list[CountryGroup] = Field(default_factory=list)
    officials: list[Official] = Field(default_factory=list)
    locations: list[Location] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    trade_flows: list[TradeFlow] = Field(default_factory=list)
    trade_values: list[TradeValue] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    relations: list[DiplomaticRelations] = Field(default_factory=list)
