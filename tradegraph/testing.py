"""Stand-ins for tests: a fast fake extractor that needs no spaCy pipeline.

It lives in the package (not under tests/) so that subprocesses, `multiprocessing` workers and Dask workers
can import it by name: `ingest(..., extractor="tradegraph.testing:fake_extract_documents")` or
`TRADEGRAPH_EXTRACTOR=tradegraph.testing:fake_extract_documents`.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator

from tradegraph.models import Commodity, Country, Document, Evidence, Extraction, TradeFlow

__all__ = ["FAKE_EXTRACTOR", "fake_extract_documents"]

FAKE_EXTRACTOR = "tradegraph.testing:fake_extract_documents"

_COUNTRIES = {"Kazakhstan": "KAZ", "Iran": "IRN", "China": "CHN", "Russia": "RUS", "Turkey": "TUR"}
_FLOW = re.compile(r"\b([A-Z][a-z]+) exports (\w+(?: \w+)?) to ([A-Z][a-z]+)\b")


def fake_extract_documents(documents: Iterable[Document]) -> Iterator[Extraction]:
    """Countries by exact name and "X exports A to Y" flows; one Extraction per Document, in order.

    `TRADEGRAPH_FAKE_DELAY` (seconds per document) slows it down so a test can kill an ingest midway;
    a document whose text contains `TRADEGRAPH_FAKE_FAIL` makes it raise, like an extractor bug would.
    """
    delay = float(os.environ.get("TRADEGRAPH_FAKE_DELAY", "0") or 0)
    fail_marker = os.environ.get("TRADEGRAPH_FAKE_FAIL") or "\0never\0"
    for document in documents:
        if delay:
            time.sleep(delay)
        if fail_marker in document.text:
            raise RuntimeError(f"fake extractor failed on {document.doc_id}")
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
