"""Text in, `Extraction` out: run the pipeline and read the facts its components wrote onto the Doc."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc

from tradegraph.components.base import evidence, set_doc_text
from tradegraph.models import Country, CountryGroup, Document, Extraction
from tradegraph.normalize import country_name
from tradegraph.rules import load_words

BATCH_SIZE = 64


def extract_text(
    text: str, doc_id: str = "doc", date: str | None = None, model: str | None = None
) -> Extraction:
    """Extract the facts of one article."""
    return next(extract_documents([Document(doc_id=doc_id, text=text, date=date)], model=model))


def extract_documents(
    documents: Iterable[Document], model: str | None = None, batch_size: int = BATCH_SIZE
) -> Iterator[Extraction]:
    """Extract many documents, batched through spaCy's nlp.pipe; yields one Extraction per document."""
    from tradegraph.pipeline import get_pipeline

    nlp = get_pipeline(model)

    def docs() -> Iterator[Doc]:
        for document in documents:
            doc = nlp.make_doc(document.text)
            set_doc_text(doc, document.text)  # so no component rebuilds doc.text from the tokens
            doc._.doc_id = document.doc_id
            doc._.date = document.date
            yield doc

    for doc in nlp.pipe(docs(), batch_size=batch_size):
        yield doc_to_extraction(doc)


def extract_paths(
    paths: Iterable[str | Path], model: str | None = None, on_problem=None
) -> Iterator[Extraction]:
    """Extract every readable article under `paths`. Unreadable inputs go to `on_problem` (the CLI reports
    them and goes on); without one, a path that does not exist raises FileNotFoundError and an unreadable
    file inside a directory is reported with `warnings.warn`."""
    import warnings

    from tradegraph.documents import InputProblem, iter_documents

    paths = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    if on_problem is None:
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise FileNotFoundError(f"no such file or directory: {', '.join(missing)}")

        def on_problem(problem: InputProblem) -> None:
            warnings.warn(f"skipped {problem}", stacklevel=3)

    def readable() -> Iterator[Document]:
        for item in iter_documents(paths):
            if isinstance(item, InputProblem):
                if on_problem is not None:
                    on_problem(item)
                continue
            yield item

    yield from extract_documents(readable(), model=model)


def doc_to_extraction(doc: Doc) -> Extraction:
    """Collect what the components found into the shared schema."""
    return Extraction(
        doc_id=doc._.doc_id,
        date=doc._.date,
        author=doc._.author,
        title=doc._.title,
        countries=_countries(doc),
        groups=_groups(doc),
        officials=_unique(doc._.officials or [], key=lambda o: (o.name.lower(), o.country)),
        locations=_unique(
            [loc for loc, _ in doc._.locations or []],
            key=lambda loc: (loc.kind, loc.name.lower(), loc.country),
        ),
        organizations=_unique(doc._.organizations or [], key=lambda o: o.name.lower()),
        trade_flows=list(doc._.trade_flows or []),
        trade_values=list(doc._.trade_values or []),
        meetings=list(doc._.meetings or []),
        relations=list(doc._.relations or []),
    )


def _countries(doc: Doc) -> list[Country]:
    """Countries referred to as countries: names and demonyms, capitals only where they stand for a state."""
    counts: Counter[str] = Counter()
    forms: dict[str, list[str]] = {}
    first = {}
    for span in doc.spans.get("countries", []):
        if span.kb_id_ == "capital" and not _capital_as_state(doc, span):
            continue
        counts[span.label_] += 1
        forms.setdefault(span.label_, [])
        if span.text not in forms[span.label_]:
            forms[span.label_].append(span.text)
        first.setdefault(span.label_, span)
    return [
        Country(
            name=country_name(iso3), iso3=iso3, mentions=n, forms=forms[iso3], evidence=evidence(first[iso3])
        )
        for iso3, n in counts.most_common()
    ]


def _capital_as_state(doc: Doc, span) -> bool:
    """'Kiev intends to', 'Ambassador to Tehran', 'Representatives of Tashkent': the capital is the state."""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    before2 = doc[span.start - 2].lower_ if span.start > 1 else ""
    if after in load_words("words/government_verbs.txt"):
        return True
    if (
        after == "and"
        and span.end + 2 < len(doc)
        and any(c.start == span.end + 1 for c in doc.spans["countries"])
    ):
        return True
    return before in {"to", "of", "in", "at"} and before2 in load_words("words/government_bodies.txt")


def _groups(doc: Doc) -> list[CountryGroup]:
    from tradegraph.gazetteers import country_groups_by_id

    index = country_groups_by_id()
    seen: dict[str, CountryGroup] = {}
    for span in doc.spans.get("groups", []):
        if span.label_ in seen:
            continue
        row = index.get(span.label_)
        seen[span.label_] = CountryGroup(
            name=row.name if row else span.text,
            group_id=span.label_,
            members=list(row.members) if row else [],
            evidence=evidence(span),
        )
    return list(seen.values())


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
