"""Stand-ins for tests: a fast fake extractor that needs no spaCy pipeline.

It lives in the package (not under tests/) so that subprocesses, `multiprocessing` workers and Dask workers
can import it by name: `ingest(..., extractor="tradegraph.testing:fake_extract_documents")` or
`TRADEGRAPH_EXTRACTOR=tradegraph.testing:fake_extract_documents`.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable, Iterator

from tradegraph.documents import InputProblem
from tradegraph.models import Commodity, Country, Document, Evidence, Extraction, TradeFlow

__all__ = ["FAKE_EXTRACTOR", "FakeExtractorError", "fake_extract_documents"]

FAKE_EXTRACTOR = "tradegraph.testing:fake_extract_documents"

_COUNTRIES = {"Kazakhstan": "KAZ", "Iran": "IRN", "China": "CHN", "Russia": "RUS", "Turkey": "TUR"}
_FLOW = re.compile(r"\b([A-Z][a-z]+) exports (\w+(?: \w+)?) to ([A-Z][a-z]+)\b")


class FakeExtractorError(Exception):
    """What the fake reports for a document it fails on: like `tradegraph.extract.ComponentError` (the
    document, and the `problem` line a CLI prints), without importing spaCy."""

    def __init__(self, document: Document) -> None:
        super().__init__(f"fake extractor failed on {document.doc_id}")
        self.document = document

    @property
    def problem(self) -> InputProblem:
        return InputProblem.extraction_failed(self.document, "fake_component", self)


def fake_extract_documents(
    documents: Iterable[Document], on_error: Callable[[FakeExtractorError], None] | None = None
) -> Iterator[Extraction]:
    """Countries by exact name and "X exports A to Y" flows; one Extraction per Document, in order.

    `TRADEGRAPH_FAKE_DELAY` (seconds per document) slows it down so a test can kill an ingest midway;
    a document whose text contains `TRADEGRAPH_FAKE_FAIL` fails, like a document a component has a bug on:
    it is passed to `on_error` and left out, as `tradegraph.extract.extract_documents` does, or raised when
    there is no `on_error`. `TRADEGRAPH_FAKE_LOG` names a file each document's doc_id is appended to as it
    is extracted (by whichever process extracts it), so a test can see what was extracted how often.
    """
    delay = float(os.environ.get("TRADEGRAPH_FAKE_DELAY", "0") or 0)
    fail_marker = os.environ.get("TRADEGRAPH_FAKE_FAIL") or "\0never\0"
    log = os.environ.get("TRADEGRAPH_FAKE_LOG")
    for document in documents:
        if delay:
            time.sleep(delay)
        if log:
            with open(log, "a", encoding="utf-8") as file:
                file.write(document.doc_id + "\n")
        if fail_marker in document.text:
            if on_error is None:
                raise FakeExtractorError(document)
            on_error(FakeExtractorError(document))
            continue
        countries = [
            Country(name=name, iso3=iso3, mentions=document.text.count(name))
            for name, iso3 in _COUNTRIES.items()
            if name in document.text
        ]
        flows = [
            TradeFlow(
                exporter=_COUNTRIES[match[1]],
                importer=_COUNTRIES[match[3]],
                commodity=Commodity(name=match[2]),
                evidence=Evidence(
                    doc_id=document.doc_id, sentence=match[0], start=match.start(), end=match.end()
                ),
            )
            for match in _FLOW.finditer(document.text)
            if match[1] in _COUNTRIES and match[3] in _COUNTRIES
        ]
        yield Extraction(doc_id=document.doc_id, date=document.date, countries=countries, trade_flows=flows)
