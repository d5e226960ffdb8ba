"""One identity per document: the SHA-256 of its text. The same text read twice (under two names, in two
files) is one document; two different texts never share a doc_id: a doc_id already taken by another text
is qualified by the directory it was read from ("day2/news-1"), and numbered if that is taken too.

The store (`tradegraph.store`) and graphs built from article files (`tradegraph.library`) both go through
`DocumentIdentities`, so a document has the same doc_id wherever it ends up.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import PurePath

from tradegraph.models import Document

__all__ = ["DocumentIdentities", "content_hash", "qualified_doc_id"]


def content_hash(text: str) -> str:
    """The key of a document: SHA-256 of its UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def qualified_doc_id(document: Document, taken: Callable[[str], bool]) -> str:
    """`document.doc_id` if it is free, else qualified by the directory of its source, else numbered."""
    if not taken(document.doc_id):
        return document.doc_id
    source = (document.source or "").rpartition(":")[0] if _has_line(document.source) else document.source
    directory = PurePath(source).parent.as_posix() if source else ""
    base = f"{directory}/{document.doc_id}" if directory not in ("", ".") else document.doc_id
    candidate, number = base, 1
    while taken(candidate):
        number += 1
        candidate = f"{base}~{number}"
    return candidate


def _has_line(source: str | None) -> bool:
    """Whether a source names a line of a file ("news.jsonl:12")."""
    return bool(source) and source.rpartition(":")[2].isdigit()


class DocumentIdentities:
    """Hashes and unique doc_ids for a stream of documents: `assign` returns the document's hash and the
    document under its unique doc_id, or None for a text met before. `known_hash` and `known_doc_id` say
    what is stored already (a store); by default nothing is."""

    def __init__(
        self,
        known_hash: Callable[[str], bool] = lambda key: False,
        known_doc_id: Callable[[str], bool] = lambda doc_id: False,
    ) -> None:
        self.hashes: set[str] = set()
        self.doc_ids: set[str] = set()
        self._known_hash = known_hash
        self._known_doc_id = known_doc_id
        self.renamed = 0

    def assign(self, document: Document, key: str | None = None) -> tuple[str, Document] | None:
        key = key or content_hash(document.text)
        if key in self.hashes or self._known_hash(key):
            return None
        self.hashes.add(key)
        doc_id = qualified_doc_id(document, lambda d: d in self.doc_ids or self._known_doc_id(d))
        self.doc_ids.add(doc_id)
        if doc_id != document.doc_id:
            self.renamed += 1
            document = document.model_copy(update={"doc_id": doc_id})
        return key, document
