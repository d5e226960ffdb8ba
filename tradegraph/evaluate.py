"""Score extractions against gold annotations (the format and matching rules of the corpus SCHEMA.md).

The rules are the scorer's own definition and live here, independent of the extractor's normalisation:

- Per fact type, predictions are de-duplicated, then matched one-to-one to gold (a maximum matching, so the
  order of the predictions never costs a hit); precision, recall and F1 are micro-averaged over articles.
- countries: the set of ISO3 codes.
- trade_flows: same exporter and importer, and the commodity equal after `commodity_key` to the gold
  commodity or one of its alt forms. Predictions with ``negated=True`` are not predictions of a flow and
  are dropped. Duplicates (same exporter, importer and commodity key) keep the strongest modality, as gold
  does (actual > planned > potential). A prediction that matches only gold flows already matched is
  absorbed: neither a hit nor a false positive (a list split as "fresh fruits" + "dried fruits").
- officials: same surname (`surname_key`: last word, accents removed, case ignored) and same country.
  Duplicates keep the first specific role_class over the generic "official".
- ports, regions, cities (locations by ``kind``): same name or alt after `location_key` and same country.
- trade_values (not specified by SCHEMA.md; this module's rule): same flow (turnover/exports/imports), same
  reporter and partner (either order for turnover), same currency, and a value within 1% of the gold value.
  The period is not compared.
- modality accuracy over matched flows, role_class accuracy over matched officials; ``None`` when nothing
  was matched.
- Zero divisions: a fact type with no gold and no predictions scores 1.0; otherwise an empty denominator
  gives 0.0.
- A gold file with an ``annotated`` list (the passage bank) is scored only on the fact types it names: what
  it does not annotate is neither missed nor a false positive. Modality accuracy needs trade_flows annotated,
  role_class accuracy officials. A fact type no article annotates has no figure (``None``, shown "n/a").

Case is ignored everywhere (gold writes "JAKARTA" for a dateline).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, computed_field

from tradegraph.models import MODALITY_STRENGTH, Extraction, FlowDirection, Modality, RoleClass, TradeFlow
from tradegraph.normalize import normalize_commodity, strip_accents

__all__ = [
    "FACT_TYPES",
    "ArticleErrors",
    "EvalReport",
    "FactError",
    "FactScore",
    "GoldArticle",
    "GoldFormatError",
    "GoldLocation",
    "GoldOfficial",
    "GoldTradeFlow",
    "GoldTradeValue",
    "commodity_key",
    "default_extractor",
    "evaluate_articles",
    "evaluate_dir",
    "format_report",
    "load_gold",
    "location_key",
    "score",
    "strip_accents",
    "surname_key",
]

FactType = Literal["countries", "trade_flows", "officials", "ports", "regions", "cities", "trade_values"]
FACT_TYPES: tuple[FactType, ...] = (
    "countries",
    "trade_flows",
    "officials",
    "ports",
    "regions",
    "cities",
    "trade_values",
)
LOCATION_FACTS: dict[str, FactType] = {"port": "ports", "region": "regions", "city": "cities"}

Extractor = Callable[[str, str], Extraction]

# --------------------------------------------------------------------------------------------------------
# Gold format


class _Gold(BaseModel):
    # Annotators add keys such as "notes"; keep them rather than reject the file.
    model_config = ConfigDict(extra="allow")


class GoldTradeFlow(_Gold):
    exporter: str
    importer: str
    commodity: str
    alt: list[str] = Field(default_factory=list)
    modality: Modality = "actual"


class GoldOfficial(_Gold):
    name: str
    country: str
    role_class: RoleClass
    title: str | None = None
    posted_to: str | None = None
    former: bool = False


class GoldLocation(_Gold):
    name: str
    country: str
    alt: list[str] = Field(default_factory=list)


class GoldTradeValue(_Gold):
    reporter: str
    partner: str
    flow: FlowDirection
    value: float
    currency: str
    period: str | None = None


class GoldArticle(_Gold):
    """One annotated article: its text and the facts a careful reader extracts from it."""

    id: str
    text: str
    url: str | None = None
    date: str | None = None
    title: str | None = None
    truncated: bool = False
    countries: list[str] = Field(default_factory=list)
    trade_flows: list[GoldTradeFlow] = Field(default_factory=list)
    officials: list[GoldOfficial] = Field(default_factory=list)
    ports: list[GoldLocation] = Field(default_factory=list)
    regions: list[GoldLocation] = Field(default_factory=list)
    cities: list[GoldLocation] = Field(default_factory=list)
    trade_values: list[GoldTradeValue] = Field(default_factory=list)
    # The fact types this file's gold covers; None (the dev articles) means every one.
    annotated: list[FactType] | None = None

    def scores_fact(self, fact: FactType) -> bool:
        return self.annotated is None or fact in self.annotated


class GoldFormatError(ValueError):
    """A gold directory or file cannot be read; the message names the file."""


def _load_gold_file(path: Path) -> GoldArticle:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise GoldFormatError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise GoldFormatError(
            f"{path}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None
    if not isinstance(data, dict):
        raise GoldFormatError(f"{path}: expected a JSON object, got {type(data).__name__}")
    try:
        return GoldArticle.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in err['loc']) or 'article'}: {err['msg']}"
            for err in exc.errors()[:3]
        )
        more = f" (and {exc.error_count() - 3} more)" if exc.error_count() > 3 else ""
        raise GoldFormatError(f"{path}: invalid gold article: {problems}{more}") from None


def load_gold(directory: str | Path) -> list[GoldArticle]:
    """Read every ``*.json`` gold article in ``directory`` (or one gold file), sorted by file name.

    Raises `GoldFormatError` naming the directory or the file when there is nothing to read, a file is not
    valid JSON, does not match the gold schema, or repeats another file's id.
    """
    path = Path(directory)
    if path.is_file():
        files = [path]
    elif path.is_dir():
        files = sorted(p for p in path.glob("*.json") if p.is_file())
        if not files:
            raise GoldFormatError(f"{path}: no *.json gold files in this directory")
    else:
        raise GoldFormatError(f"{path}: no such directory")
    articles: list[GoldArticle] = []
    seen: dict[str, Path] = {}
    for file in files:
        article = _load_gold_file(file)
        if article.id in seen:
            raise GoldFormatError(f"{file}: id {article.id!r} already used by {seen[article.id]}")
        seen[article.id] = file
        articles.append(article)
    return articles


# --------------------------------------------------------------------------------------------------------
# Normalisation keys. The scoring rules of SCHEMA.md for commodities are exactly tradegraph's own
# normalisation (tradegraph.normalize), so one piece of code serves both.

_LOCATION_DROP = frozenset(
    {"port", "seaport", "of", "the", "province", "region", "oblast", "state", "ostan", "city", "terminal"}
)


def commodity_key(name: str) -> str:
    """The form two commodities are compared in: lower case, no accents, hyphens as spaces, no determiners
    or hedges, each word singular. "The Fresh-Cut Flowers" -> "fresh cut flower"."""
    return normalize_commodity(name)


def location_key(name: str) -> str:
    """A place name without accents, case or type words: "Port of Aktau" -> "aktau"."""
    words = strip_accents(name).lower().split()
    return " ".join(word for word in words if word not in _LOCATION_DROP)


def surname_key(name: str) -> str:
    """The last word of a person's name without accents or case: "Mohammad Javad Zarif" -> "zarif"."""
    words = strip_accents(name).lower().split()
    return words[-1].strip(".,;:") if words else ""


def _iso(code: str | None) -> str:
    return (code or "").strip().upper()


# --------------------------------------------------------------------------------------------------------
# Report


class FactError(BaseModel):
    """One scoring error, described for a reader."""

    fact_type: str
    description: str

    def __str__(self) -> str:
        return f"{self.fact_type}: {self.description}"


class ArticleErrors(BaseModel):
    """What one article got wrong: gold facts missed, predictions not in gold, matched facts mislabelled."""

    article_id: str
    misses: list[FactError] = Field(default_factory=list)
    false_positives: list[FactError] = Field(default_factory=list)
    mismatches: list[FactError] = Field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.misses or self.false_positives or self.mismatches)


class FactScore(BaseModel):
    """Micro-averaged counts for one fact type; ``absorbed`` counts split list items (trade flows only)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    absorbed: int = 0

    @computed_field
    @property
    def precision(self) -> float:
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @computed_field
    @property
    def recall(self) -> float:
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @computed_field
    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _accuracy(correct: int, total: int) -> float | None:
    return correct / total if total else None


class EvalReport(BaseModel):
    """Scores of a set of extractions against gold, with each article's errors."""

    articles: int = 0
    scores: dict[str, FactScore] = Field(default_factory=lambda: {fact: FactScore() for fact in FACT_TYPES})
    modality_correct: int = 0
    modality_total: int = 0
    role_class_correct: int = 0
    role_class_total: int = 0
    errors: list[ArticleErrors] = Field(default_factory=list)
    # Fact types that no scored article annotates (passage files name theirs): they have no figure.
    not_annotated: list[FactType] = Field(default_factory=list)

    @computed_field
    @property
    def modality_accuracy(self) -> float | None:
        return _accuracy(self.modality_correct, self.modality_total)

    @computed_field
    @property
    def role_class_accuracy(self) -> float | None:
        return _accuracy(self.role_class_correct, self.role_class_total)

    @computed_field
    @property
    def figures(self) -> dict[str, float | None]:
        """The headline numbers, keyed as in the quality baseline: F1 per fact type and the two accuracies."""
        result: dict[str, float | None] = {
            fact: None if fact in self.not_annotated else self.scores[fact].f1 for fact in FACT_TYPES
        }
        result["modality_accuracy"] = self.modality_accuracy
        result["role_class_accuracy"] = self.role_class_accuracy
        return result


# --------------------------------------------------------------------------------------------------------
# Matching

P = TypeVar("P")
G = TypeVar("G")


def _dedupe(items: Iterable[P], key: Callable[[P], Hashable]) -> dict[Hashable, list[P]]:
    groups: dict[Hashable, list[P]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def _match(
    preds: Sequence[P], golds: Sequence[G], rank: Callable[[P, G], float | None]
) -> tuple[dict[int, int], set[int]]:
    """One-to-one maximum matching. ``rank`` is None for incompatible pairs, else lower is preferred.

    Returns the matching (prediction index -> gold index) and the predictions compatible with some gold.
    """
    ranked: list[list[tuple[float, int]]] = [
        sorted((r, g) for g, gold in enumerate(golds) if (r := rank(pred, gold)) is not None)
        for pred in preds
    ]
    options = [[g for _, g in choices] for choices in ranked]
    owner: dict[int, int] = {}  # gold index -> prediction index

    def augment(p: int, visited: set[int]) -> bool:
        for g in options[p]:
            if g in visited:
                continue
            visited.add(g)
            if g not in owner or augment(owner[g], visited):
                owner[g] = p
                return True
        return False

    # Predictions whose best option ranks first go first (a commodity equal to the gold name before one equal
    # to an alt), so the preferred pairs are taken when the maximum matching leaves a choice.
    for p in sorted((p for p in range(len(preds)) if options[p]), key=lambda p: ranked[p][0][0]):
        augment(p, set())
    return {p: g for g, p in owner.items()}, {p for p, opts in enumerate(options) if opts}


@dataclass
class _Outcome:
    """Result of matching one fact type in one article."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    absorbed: int = 0


def _tally(
    fact: str,
    preds: Sequence[P],
    golds: Sequence[G],
    rank: Callable[[P, G], float | None],
    describe_pred: Callable[[P], str],
    describe_gold: Callable[[G], str],
    errors: ArticleErrors,
    absorb: bool = False,
) -> tuple[_Outcome, list[tuple[P, G]]]:
    matching, compatible = _match(preds, golds, rank)
    outcome = _Outcome(tp=len(matching))
    for p, pred in enumerate(preds):
        if p in matching:
            continue
        if absorb and p in compatible:
            outcome.absorbed += 1
        else:
            outcome.fp += 1
            errors.false_positives.append(FactError(fact_type=fact, description=describe_pred(pred)))
    matched_gold = set(matching.values())
    for g, gold in enumerate(golds):
        if g not in matched_gold:
            outcome.fn += 1
            errors.misses.append(FactError(fact_type=fact, description=describe_gold(gold)))
    return outcome, [(preds[p], golds[g]) for p, g in sorted(matching.items())]


# --------------------------------------------------------------------------------------------------------
# Per fact type


@dataclass(frozen=True)
class _Flow:
    exporter: str
    importer: str
    commodity: str
    key: str
    modality: str


def _predicted_flows(flows: Iterable[TradeFlow]) -> list[_Flow]:
    groups = _dedupe(
        (f for f in flows if not f.negated),
        lambda f: (_iso(f.exporter), _iso(f.importer), commodity_key(f.commodity.name)),
    )
    result = []
    for (exporter, importer, key), group in groups.items():
        strongest = max(group, key=lambda f: MODALITY_STRENGTH.get(f.modality, 0))
        result.append(_Flow(exporter, importer, group[0].commodity.name, key, strongest.modality))
    return result


def _flow_rank(pred: _Flow, gold: GoldTradeFlow) -> float | None:
    if pred.exporter != _iso(gold.exporter) or pred.importer != _iso(gold.importer):
        return None
    if pred.key == commodity_key(gold.commodity):
        return 0
    if any(pred.key == commodity_key(alt) for alt in gold.alt):
        return 1
    return None


def _describe_gold_flow(gold: GoldTradeFlow) -> str:
    alt = f" [alt: {', '.join(gold.alt)}]" if gold.alt else ""
    return f"{_iso(gold.exporter)}->{_iso(gold.importer)} {gold.commodity!r}{alt} ({gold.modality})"


@dataclass(frozen=True)
class _Person:
    name: str
    country: str
    role_class: str


def _predicted_officials(extraction: Extraction) -> list[_Person]:
    groups = _dedupe(extraction.officials, lambda o: (surname_key(o.name), _iso(o.country)))
    result = []
    for group in groups.values():
        specific = [o.role_class for o in group if o.role_class != "official"]
        role = specific[0] if specific else group[0].role_class
        result.append(_Person(group[0].name, _iso(group[0].country), role))
    return result


def _official_rank(pred: _Person, gold: GoldOfficial) -> float | None:
    same = pred.country == _iso(gold.country) and surname_key(pred.name) == surname_key(gold.name)
    return 0 if same and pred.country else None


@dataclass(frozen=True)
class _Place:
    name: str
    country: str


def _predicted_places(extraction: Extraction, kind: str) -> list[_Place]:
    groups = _dedupe(
        (loc for loc in extraction.locations if loc.kind == kind),
        lambda loc: (location_key(loc.name), _iso(loc.country)),
    )
    return [_Place(group[0].name, _iso(group[0].country)) for group in groups.values()]


def _place_rank(pred: _Place, gold: GoldLocation) -> float | None:
    if not pred.country or pred.country != _iso(gold.country):
        return None
    key = location_key(pred.name)
    if key == location_key(gold.name):
        return 0
    if any(key == location_key(alt) for alt in gold.alt):
        return 1
    return None


def _describe_place(place: _Place | GoldLocation) -> str:
    alt = getattr(place, "alt", None)
    extra = f" [alt: {', '.join(alt)}]" if alt else ""
    return f"{place.name}{extra} ({place.country or '?'})"


@dataclass(frozen=True)
class _Value:
    reporter: str
    partner: str
    flow: str
    value: float
    currency: str
    period: str | None


def _value_pair(reporter: str, partner: str, flow: str) -> tuple[str, str]:
    if flow == "turnover" and partner < reporter:
        return partner, reporter
    return reporter, partner


def _predicted_values(extraction: Extraction) -> list[_Value]:
    values = [
        _Value(
            _iso(v.reporter), _iso(v.partner), v.flow, float(v.value), v.currency.strip().upper(), v.period
        )
        for v in extraction.trade_values
    ]
    groups = _dedupe(
        values, lambda v: (_value_pair(v.reporter, v.partner, v.flow), v.flow, v.currency, v.value)
    )
    return [group[0] for group in groups.values()]


def _value_rank(pred: _Value, gold: GoldTradeValue) -> float | None:
    if pred.flow != gold.flow or pred.currency != gold.currency.strip().upper():
        return None
    if _value_pair(pred.reporter, pred.partner, pred.flow) != _value_pair(
        _iso(gold.reporter), _iso(gold.partner), gold.flow
    ):
        return None
    difference = abs(pred.value - gold.value)
    if difference > 0.01 * abs(gold.value):
        return None
    return difference


def _describe_value(value: _Value | GoldTradeValue) -> str:
    sep = "<->" if value.flow == "turnover" else "->"
    period = f" ({value.period})" if value.period else ""
    return (
        f"{_iso(value.reporter)}{sep}{_iso(value.partner)} {value.flow} {value.value:,.0f} "
        f"{value.currency.upper()}{period}"
    )


# --------------------------------------------------------------------------------------------------------
# Scoring


def _score_article(gold: GoldArticle, pred: Extraction, report: EvalReport) -> ArticleErrors:
    errors = ArticleErrors(article_id=gold.id)

    def add(fact: FactType, outcome: _Outcome) -> None:
        total = report.scores[fact]
        total.tp += outcome.tp
        total.fp += outcome.fp
        total.fn += outcome.fn
        total.absorbed += outcome.absorbed

    if gold.scores_fact("countries"):
        _score_countries(gold, pred, errors, add)
    if gold.scores_fact("trade_flows"):
        _score_flows(gold, pred, errors, add, report)
    if gold.scores_fact("officials"):
        _score_officials(gold, pred, errors, add, report)
    for kind, fact in LOCATION_FACTS.items():
        if gold.scores_fact(fact):
            outcome, _ = _tally(
                fact,
                _predicted_places(pred, kind),
                getattr(gold, fact),
                _place_rank,
                _describe_place,
                _describe_place,
                errors,
            )
            add(fact, outcome)
    if gold.scores_fact("trade_values"):
        outcome, _ = _tally(
            "trade_values",
            _predicted_values(pred),
            gold.trade_values,
            _value_rank,
            _describe_value,
            _describe_value,
            errors,
        )
        add("trade_values", outcome)
    return errors


_Add = Callable[[FactType, _Outcome], None]


def _score_countries(gold: GoldArticle, pred: Extraction, errors: ArticleErrors, add: _Add) -> None:
    gold_countries = sorted({_iso(code) for code in gold.countries if code.strip()})
    pred_countries = sorted({_iso(c.iso3) for c in pred.countries if c.iso3.strip()})
    outcome, _ = _tally(
        "countries", pred_countries, gold_countries, lambda p, g: 0 if p == g else None, str, str, errors
    )
    add("countries", outcome)


def _score_flows(
    gold: GoldArticle, pred: Extraction, errors: ArticleErrors, add: _Add, report: EvalReport
) -> None:
    outcome, pairs = _tally(
        "trade_flows",
        _predicted_flows(pred.trade_flows),
        gold.trade_flows,
        _flow_rank,
        lambda f: f"{f.exporter}->{f.importer} {f.commodity!r} ({f.modality})",
        _describe_gold_flow,
        errors,
        absorb=True,
    )
    add("trade_flows", outcome)
    for flow, gold_flow in pairs:
        report.modality_total += 1
        if flow.modality == gold_flow.modality:
            report.modality_correct += 1
        else:
            errors.mismatches.append(
                FactError(
                    fact_type="modality",
                    description=f"{_describe_gold_flow(gold_flow)}: predicted {flow.modality}",
                )
            )


def _score_officials(
    gold: GoldArticle, pred: Extraction, errors: ArticleErrors, add: _Add, report: EvalReport
) -> None:
    outcome, pairs = _tally(
        "officials",
        _predicted_officials(pred),
        gold.officials,
        _official_rank,
        lambda o: f"{o.name} ({o.country or '?'}, {o.role_class})",
        lambda o: f"{o.name} ({_iso(o.country)}, {o.role_class})",
        errors,
    )
    add("officials", outcome)
    for person, gold_person in pairs:
        report.role_class_total += 1
        if person.role_class == gold_person.role_class:
            report.role_class_correct += 1
        else:
            errors.mismatches.append(
                FactError(
                    fact_type="role_class",
                    description=f"{gold_person.name} ({_iso(gold_person.country)}): "
                    f"predicted {person.role_class}, gold {gold_person.role_class}",
                )
            )


def score(pairs: Iterable[tuple[GoldArticle, Extraction]]) -> EvalReport:
    """Score each (gold, predicted) article pair and micro-average the counts over all of them."""
    report = EvalReport()
    annotated: set[FactType] = set()
    for gold, pred in pairs:
        report.errors.append(_score_article(gold, pred, report))
        report.articles += 1
        annotated.update(FACT_TYPES if gold.annotated is None else gold.annotated)
    if report.articles:
        report.not_annotated = [fact for fact in FACT_TYPES if fact not in annotated]
    return report


def default_extractor() -> Extractor:
    """tradegraph's own extractor, imported only when needed."""
    from tradegraph.extract import extract_text

    return extract_text


def evaluate_articles(articles: Iterable[GoldArticle], extract: Extractor | None = None) -> EvalReport:
    """Run ``extract(text, doc_id)`` on each gold article and score the results.

    ``extract`` defaults to `tradegraph.extract.extract_text`. The gold date is not passed: the extractor
    must read dates from the text, as it does on real input.
    """
    extractor = extract or default_extractor()
    return score((article, extractor(article.text, article.id)) for article in articles)


def evaluate_dir(gold_dir: str | Path, extract: Extractor | None = None) -> EvalReport:
    """Load the gold articles in ``gold_dir`` (see `load_gold`) and score ``extract`` on them."""
    return evaluate_articles(load_gold(gold_dir), extract)


# --------------------------------------------------------------------------------------------------------
# Text report


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_report(report: EvalReport, show_errors: bool = False) -> str:
    """A readable table of the scores; with ``show_errors`` each article's misses and false positives."""
    header = f"{'fact type':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"
    lines = [f"{report.articles} articles", header, "-" * len(header)]
    for fact in FACT_TYPES:
        s = report.scores[fact]
        if fact in report.not_annotated:
            lines.append(f"{fact:<14}{'not annotated':>21}")
            continue
        lines.append(f"{fact:<14}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
    lines.append("")
    lines.append(
        f"modality accuracy:   {_fmt(report.modality_accuracy)} "
        f"({report.modality_correct}/{report.modality_total} matched flows)"
    )
    lines.append(
        f"role_class accuracy: {_fmt(report.role_class_accuracy)} "
        f"({report.role_class_correct}/{report.role_class_total} matched officials)"
    )
    absorbed = report.scores["trade_flows"].absorbed
    if absorbed:
        lines.append(f"({absorbed} split flow predictions absorbed by already matched gold flows)")
    if show_errors:
        for article in report.errors:
            lines.append("")
            if article.clean:
                lines.append(f"{article.article_id}: no errors")
                continue
            lines.append(f"{article.article_id}:")
            for label, items in (
                ("miss", article.misses),
                ("false positive", article.false_positives),
                ("wrong", article.mismatches),
            ):
                lines.extend(f"  {label:<15}{item.fact_type:<13}{item.description}" for item in items)
    return "\n".join(lines)
