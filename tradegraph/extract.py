"""Text in, `Extraction` out: run the pipeline on each document and read the facts its components wrote.

Each document is processed on its own: an exception in the tokenizer, in any component or while its facts
are read off the Doc fails that document only. It becomes a `ComponentError` naming the document and the
component (passed to `on_error`, or raised when there is none) and the batch goes on.

Before spaCy sees a document its text is cleaned and, when long, split into pieces (`tradegraph.doctext`).
Each piece is a Doc of its own, so a long document costs time linear in its length and never meets spaCy's
length limit; the pieces' facts are merged into one Extraction. Evidence offsets index `Document.text`
as read (CRLF line ends and invisible characters included).
"""

from __future__ import annotations

import json
import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import NamedTuple

from pydantic import BaseModel
from spacy.language import Language
from spacy.tokens import Doc, Span

from tradegraph.components.base import doc_text, evidence, set_doc_text, span_rows, token_flags, token_lowers
from tradegraph.doctext import CleanText, Piece, clean_text, split_text
from tradegraph.documents import InputProblem
from tradegraph.models import Country, CountryGroup, Document, Evidence, Extraction
from tradegraph.normalize import country_name
from tradegraph.rules import load_words

__all__ = [
    "ComponentError",
    "doc_to_extraction",
    "extract_documents",
    "extract_paths",
    "extract_text",
]

BATCH_SIZE = 64
# A batch also stops at this many characters, so that the pieces of a long document are not all held at once.
BATCH_CHARS = 1_000_000
# Text longer than this (about 8,000 words, more than almost any news article) is processed in pieces cut at
# paragraph, line or sentence bounds: several rule components look over the whole document for each trade
# word, so their time grows faster than the length of a text (and spaCy refuses a text over nlp.max_length,
# 1,000,000 characters). benchmarks/bench_long.py measures the growth.
PIECE_CHARS = 50_000
# Components that read the start of a document only: its later pieces take what they set from the first one.
_FIRST_PIECE_ONLY: dict[str, tuple[str, ...]] = {"tg_header": ("date", "author", "title")}


class ComponentError(Exception):
    """The pipeline failed on a document: `component` names the step ("text" for cleaning and splitting,
    "tokenizer", a pipeline component, or "extraction" for reading the facts off the Doc), `error` is what
    it raised."""

    def __init__(self, document: Document, component: str, error: Exception) -> None:
        super().__init__(f"{component} raised {type(error).__name__}: {error}")
        self.document = document
        self.component = component
        self.error = error
        self.__cause__ = error

    @property
    def problem(self) -> InputProblem:
        """The `<path>: <message>` line a CLI reports for this document."""
        return InputProblem.extraction_failed(self.document, self.component, self.error)


def extract_text(
    text: str, doc_id: str = "doc", date: str | None = None, model: str | None = None
) -> Extraction:
    """Extract the facts of one article; raises ComponentError if the pipeline fails on it."""
    return next(extract_documents([Document(doc_id=doc_id, text=text, date=date)], model=model))


def extract_documents(
    documents: Iterable[Document],
    model: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_error: Callable[[ComponentError], None] | None = None,
) -> Iterator[Extraction]:
    """Extract many documents a batch at a time; yields one Extraction per document, in order.

    A document the pipeline fails on is passed to `on_error` as a ComponentError and left out; without
    `on_error` the error is raised (after the Extractions of the documents before it).
    """
    from tradegraph.pipeline import get_pipeline

    nlp = get_pipeline(model)
    waiting: deque[_Job] = deque()
    for batch in _batches(_pieces(documents), batch_size):
        _run(nlp, batch)
        waiting.extend(job for job, index in batch if index == 0)
        while waiting and waiting[0].done:
            outcome = waiting.popleft().outcome()
            if isinstance(outcome, Extraction):
                yield outcome
            elif on_error is None:
                raise outcome
            else:
                on_error(outcome)


def extract_paths(
    paths: Iterable[str | Path] | str | Path,
    model: str | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
) -> Iterator[Extraction]:
    """Extract every readable article under `paths`. Unreadable inputs and documents the pipeline fails on
    go to `on_problem` (the CLI reports them and goes on); without one, a path that does not exist raises
    FileNotFoundError and every other problem is reported with `warnings.warn`, the batch going on."""
    import warnings

    from tradegraph.documents import iter_documents

    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    if on_problem is None:
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise FileNotFoundError(f"no such file or directory: {', '.join(missing)}")

        def on_problem(problem: InputProblem) -> None:
            warnings.warn(f"skipped {problem}", stacklevel=3)

    report = on_problem

    def readable() -> Iterator[Document]:
        for item in iter_documents(paths):
            if isinstance(item, InputProblem):
                report(item)
                continue
            yield item

    yield from extract_documents(readable(), model=model, on_error=lambda error: report(error.problem))


# -- one document at a time through the pipeline ----------------------------------------------------------


class _Job:
    """A document on its way through the pipeline: its clean text and pieces, the Extraction of each piece
    done so far, what its first piece's head-only components set, and its first failure."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.parts: list[Extraction] = []
        self.head: dict[str, object] = {}
        self.finished = 0
        self.failure: ComponentError | None = None
        try:
            self.clean: CleanText = clean_text(document.text)
            self.pieces: list[Piece] = split_text(self.clean.text, PIECE_CHARS)
        except Exception as error:  # a bug in cleaning or splitting fails this document only
            self.clean, self.pieces = clean_text(""), [Piece(0, "")]
            self.fail("text", error)

    @property
    def done(self) -> bool:
        return self.finished == len(self.pieces)

    def fail(self, component: str, error: Exception) -> None:
        if self.failure is None:
            self.failure = ComponentError(self.document, component, error)

    def outcome(self) -> Extraction | ComponentError:
        if self.failure is None:
            try:
                return self.parts[0] if len(self.parts) == 1 else _merge_extractions(self.parts)
            except Exception as error:  # a bug in merging fails this document only
                self.fail("extraction", error)
        assert self.failure is not None
        return self.failure


def _pieces(documents: Iterable[Document]) -> Iterator[tuple[_Job, int]]:
    for document in documents:
        job = _Job(document)
        for index in range(len(job.pieces)):
            yield job, index


def _batches(pieces: Iterator[tuple[_Job, int]], size: int) -> Iterator[list[tuple[_Job, int]]]:
    batch: list[tuple[_Job, int]] = []
    characters = 0
    for job, index in pieces:
        batch.append((job, index))
        characters += len(job.pieces[index].text)
        if len(batch) >= size or characters >= BATCH_CHARS:
            yield batch
            batch, characters = [], 0
    if batch:
        yield batch


def _run(nlp: Language, batch: list[tuple[_Job, int]]) -> None:
    """Run the pipeline over the pieces of `batch`, component by component; each piece's facts go to its
    job, each failure fails its job only."""
    docs: list[Doc | None] = [_make_doc(nlp, job, index) for job, index in batch]
    for name, component in nlp.pipeline:
        live = [k for k, doc in enumerate(docs) if doc is not None and batch[k][0].failure is None]
        if _batched(component) and _run_batched(component, live, docs):
            continue
        for k in live:
            job, index = batch[k]
            if job.failure is not None:
                continue
            head_only = _FIRST_PIECE_ONLY.get(name)
            try:
                if head_only and index > 0:
                    for field in head_only:
                        setattr(docs[k]._, field, job.head[field])
                    continue
                docs[k] = component(docs[k])
                if head_only:
                    job.head = {field: getattr(docs[k]._, field) for field in head_only}
            except Exception as error:  # any bug in a component fails this document only
                job.fail(name, error)
    for (job, index), doc in zip(batch, docs, strict=True):
        if doc is not None and job.failure is None:
            try:
                job.parts.append(_piece_extraction(doc, job, index))
            except Exception as error:
                job.fail("extraction", error)
        job.finished += 1


def _make_doc(nlp: Language, job: _Job, index: int) -> Doc | None:
    if job.failure is not None:
        return None
    text = job.pieces[index].text
    try:
        doc = nlp.make_doc(text)
    except Exception as error:
        job.fail("tokenizer", error)
        return None
    set_doc_text(doc, text)  # so no component rebuilds doc.text from the tokens
    doc._.doc_id = job.document.doc_id
    doc._.date = job.document.date
    return doc


def _batched(component: object) -> bool:
    """A model's component (parser, tagger, NER) runs faster on a batch of Docs; the rule components do not."""
    return bool(getattr(component, "is_trainable", False)) and hasattr(component, "pipe")


def _run_batched(component, live: list[int], docs: list[Doc | None]) -> bool:
    """Run `component` over the live Docs in one batch; False if it failed, so they are run one at a time
    to find the document it fails on."""
    try:
        done = list(component.pipe([docs[k] for k in live], batch_size=max(1, len(live))))
    except Exception:
        return False
    if len(done) != len(live):
        return False
    for k, doc in zip(live, done, strict=True):
        docs[k] = doc
    return True


def _piece_extraction(doc: Doc, job: _Job, index: int) -> Extraction:
    """The facts of one piece, with evidence offsets turned into offsets in the document as read."""
    extraction = doc_to_extraction(doc)
    start = job.pieces[index].start
    clean = job.clean
    if start == 0 and clean.identical:
        return extraction
    raw = clean.raw
    for found in _evidences(extraction):
        found.start, found.end = clean.raw_start(start + found.start), clean.raw_end(start + found.end)
        found.text = raw[found.start : found.end]
    return extraction


def _evidences(model: BaseModel) -> Iterator[Evidence]:
    """Every Evidence in `model`, each once (a trade value's evidence is shared by the flow it prices)."""
    seen: set[int] = set()
    stack: list[BaseModel] = [model]
    while stack:
        item = stack.pop()
        for name in type(item).model_fields:
            value = getattr(item, name)
            for element in value if isinstance(value, list) else (value,):
                if isinstance(element, Evidence):
                    if id(element) not in seen:
                        seen.add(id(element))
                        yield element
                elif isinstance(element, BaseModel):
                    stack.append(element)


def _merge_extractions(parts: list[Extraction]) -> Extraction:
    """One Extraction from those of a document's pieces, in order: the header from the first, countries
    counted over all; a fact read again in a later piece is kept once, with its first evidence."""
    head = parts[0]
    countries: dict[str, Country] = {}
    for part in parts:
        for country in part.countries:
            seen = countries.get(country.iso3)
            if seen is None:
                countries[country.iso3] = country.model_copy(update={"forms": list(country.forms)})
            else:
                seen.mentions += country.mentions
                seen.forms += [form for form in country.forms if form not in seen.forms]

    def every(field: str, key: Callable) -> list:
        return _unique([item for part in parts for item in getattr(part, field)], key=key)

    return Extraction(
        doc_id=head.doc_id,
        date=head.date,
        author=head.author,
        title=head.title,
        countries=sorted(countries.values(), key=lambda country: -country.mentions),
        groups=every("groups", _group_key),
        officials=every("officials", _official_key),
        locations=every("locations", _location_key),
        organizations=every("organizations", _organization_key),
        trade_flows=every("trade_flows", _fact_key),
        trade_values=every("trade_values", _fact_key),
        meetings=every("meetings", _fact_key),
        relations=every("relations", _fact_key),
    )


def _fact_key(fact: BaseModel) -> str:
    """A fact without its evidence: the same statement read in two places has the same key."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "evidence"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return json.dumps(strip(fact.model_dump()), sort_keys=True)


def doc_to_extraction(doc: Doc) -> Extraction:
    """Collect what the components found into the shared schema."""
    return Extraction(
        doc_id=doc._.doc_id,
        date=doc._.date,
        author=doc._.author,
        title=doc._.title,
        countries=_countries(doc),
        groups=_groups(doc),
        officials=_unique(doc._.officials or [], key=_official_key),
        locations=_unique([loc for loc, _ in doc._.locations or []], key=_location_key),
        organizations=_unique(doc._.organizations or [], key=_organization_key),
        trade_flows=list(doc._.trade_flows or []),
        trade_values=list(doc._.trade_values or []),
        meetings=list(doc._.meetings or []),
        relations=list(doc._.relations or []),
    )


def _countries(doc: Doc) -> list[Country]:
    """Countries referred to as countries: names and demonyms, capitals only where they stand for a state."""
    # The spans as the components left them, plain rows: iterating the group builds a Span per item.
    rows = span_rows(doc, "countries")
    starts = {start for start, *_ in rows}
    lowers = token_lowers(doc)
    flags = token_flags(doc)
    text = doc_text(doc)
    counts: Counter[str] = Counter()
    forms: dict[str, list[str]] = {}
    first: dict[str, tuple[int, int]] = {}
    for start, end, iso3, kind in rows:
        if kind == "capital" and not _capital_as_state(lowers, starts, start, end):
            continue
        counts[iso3] += 1
        written = text[flags.idx[start] : flags.idx[end - 1] + len(flags.text[end - 1])]  # Span.text
        forms.setdefault(iso3, [])
        if written not in forms[iso3]:
            forms[iso3].append(written)
        first.setdefault(iso3, (start, end))
    return [
        Country(
            name=country_name(iso3),
            iso3=iso3,
            mentions=n,
            forms=forms[iso3],
            evidence=evidence(Span(doc, *first[iso3])),
        )
        for iso3, n in counts.most_common()
    ]


def _capital_as_state(lowers: list[str], country_starts: set[int], start: int, end: int) -> bool:
    """'Kiev intends to', 'Ambassador to Tehran', 'Representatives of Tashkent': the capital is the state."""
    words = _capital_words(os.environ.get("TRADEGRAPH_RULES"))  # the rules directory's override, if any
    after = lowers[end] if end < len(lowers) else ""
    before = lowers[start - 1] if start > 0 else ""
    before2 = lowers[start - 2] if start > 1 else ""
    if after in words.government_verbs:
        return True
    if after == "and" and end + 2 < len(lowers) and end + 1 in country_starts:
        return True
    return before in words.prepositions and before2 in words.government_bodies


class _CapitalWords(NamedTuple):
    government_verbs: frozenset[str]  # words/government_verbs.txt
    government_bodies: frozenset[str]  # words/government_bodies.txt
    prepositions: frozenset[str]  # words/capital_prepositions.txt


@cache
def _capital_words(rules: str | None) -> _CapitalWords:
    """The word lists, loaded once per rules directory."""
    return _CapitalWords(
        load_words("words/government_verbs.txt"),
        load_words("words/government_bodies.txt"),
        load_words("words/capital_prepositions.txt"),
    )


def _groups(doc: Doc) -> list[CountryGroup]:
    from tradegraph.gazetteers import country_groups_by_id

    index = country_groups_by_id()
    seen: dict[str, CountryGroup] = {}
    for group in span_rows(doc, "groups"):
        if group.label_ in seen:
            continue
        row = index.get(group.label_)
        span = doc[group.start : group.end]
        seen[group.label_] = CountryGroup(
            name=row.name if row else span.text,
            group_id=group.label_,
            members=list(row.members) if row else [],
            evidence=evidence(span),
        )
    return list(seen.values())


def _official_key(official) -> tuple:
    return official.name.lower(), official.country


def _location_key(location) -> tuple:
    return location.kind, location.name.lower(), location.country


def _organization_key(organization) -> str:
    return organization.name.lower()


def _group_key(group: CountryGroup) -> str:
    return group.group_id


def _unique(items, key):
    seen = set()
    out = []
    for item in items:
        k = key(item)
        if k in seen:
            continue
        seen.add(k)
        out.append(item)
    return out
