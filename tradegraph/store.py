"""The embedded SQLite store: documents keyed by content hash, their extractions, and fact tables.

A document's row, its extraction and all its facts are written in one transaction, and documents are
keyed by the SHA-256 of their text, so an ingest killed at any moment and rerun loses no document and
stores none twice. WAL mode and a busy timeout let several ingests write to one store at once.

`ingest` reads inputs (`tradegraph.documents.iter_documents`), extracts the documents not yet stored,
in this process, in a pool of worker processes, or on a Dask cluster, and writes them from this process.
"""

from __future__ import annotations

import hashlib
import importlib
import itertools
import json
import os
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from tradegraph.documents import InputProblem, iter_documents
from tradegraph.models import Document, Evidence, Extraction

__all__ = [
    "DEFAULT_EXTRACTOR",
    "SCHEMA_VERSION",
    "ExtractorError",
    "IngestReport",
    "Store",
    "StoreError",
    "StoreStats",
    "content_hash",
    "ingest",
]

SCHEMA_VERSION = 1
DEFAULT_EXTRACTOR = "tradegraph.extract:extract_documents"
EXTRACTOR_ENV = "TRADEGRAPH_EXTRACTOR"
BUSY_TIMEOUT_MS = 60_000
CACHE_KIB = 64 * 1024  # SQLite page cache of a writing connection
WAL_CHECKPOINT_PAGES = 16_384  # pages (64 MiB at 4 KiB) the WAL grows to before it is checkpointed

Extractor = Callable[[Iterable[Document]], Iterable[Extraction]]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    hash        TEXT PRIMARY KEY,
    doc_id      TEXT NOT NULL,
    date        TEXT,
    url         TEXT,
    title       TEXT,
    source      TEXT,
    words       INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_doc_id ON documents (doc_id);
CREATE INDEX IF NOT EXISTS documents_date ON documents (date);

CREATE TABLE IF NOT EXISTS extractions (
    hash       TEXT PRIMARY KEY REFERENCES documents (hash) ON DELETE CASCADE,
    extraction TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS evidence (
    id         INTEGER PRIMARY KEY,
    hash       TEXT NOT NULL REFERENCES documents (hash) ON DELETE CASCADE,
    doc_id     TEXT NOT NULL,
    sentence   TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS evidence_hash ON evidence (hash);

CREATE TABLE IF NOT EXISTS countries (
    id          INTEGER PRIMARY KEY,
    hash        TEXT NOT NULL REFERENCES documents (hash) ON DELETE CASCADE,
    doc_id      TEXT NOT NULL,
    iso3        TEXT NOT NULL,
    name        TEXT NOT NULL,
    mentions    INTEGER NOT NULL,
    forms       TEXT NOT NULL,
    evidence_id INTEGER REFERENCES evidence (id)
);
CREATE INDEX IF NOT EXISTS countries_iso3 ON countries (iso3);
CREATE INDEX IF NOT EXISTS countries_hash ON countries (hash);

CREATE TABLE IF NOT EXISTS officials (
    id          INTEGER PRIMARY KEY,
    hash        TEXT NOT NULL REFERENCES documents (hash) ON DELETE CASCADE,
    doc_id      TEXT NOT NULL,
    name        TEXT NOT NULL,
    title       TEXT NOT NULL,
    role_class  TEXT NOT NULL,
    country     TEXT,
    posted_to   TEXT,
    former      INTEGER NOT NULL,
    evidence_id INTEGER REFERENCES evidence (id)
);
CREATE INDEX IF NOT EXISTS officials_country ON officials (country);
CREATE INDEX IF NOT EXISTS officials_hash ON officials (hash);

CREATE TABLE IF NOT EXISTS locations (
    id          INTEGER PRIMARY KEY,
    hash        TEXT NOT NULL REFERENCES documents (hash) ON DELETE CASCADE,
    doc_id      TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    country     TEXT,
    code        TEXT,
    evidence_id INTEGER REFERENCES evidence (id)
);
CREATE INDEX IF NOT EXISTS locations_country ON locations (country);
CREATE INDEX IF NOT EXISTS locations_hash ON locations (hash);

CREATE TABLE IF NOT EXISTS trade_flows (
    id             INTEGER PRIMARY KEY,
    hash           TEXT NOT NULL REFERENCES documents (hash) ON DELETE CASCADE,
    doc_id         TEXT NOT NULL,
    exporter       TEXT NOT NULL,
    importer       TEXT NOT NULL,
    commodity      TEXT NOT NULL,
    hs_code        TEXT,
    hs_section     TEXT,
    modality       TEXT NOT NULL,
    negated        INTEGER NOT NULL,
    quantity_value REAL,
    quantity_unit  TEXT,
    value          REAL,
    currency       TEXT,
    evidence_id    INTEGER REFERENCES evidence (id)
);
CREATE INDEX IF NOT EXISTS trade_flows_exporter ON trade_flows (exporter);
CREATE INDEX IF NOT EXISTS trade_flows_importer ON trade_flows (importer);
CREATE INDEX IF NOT EXISTS trade_flows_commodity ON trade_flows (commodity);
CREATE INDEX IF NOT EXISTS trade_flows_hs_code ON trade_flows (hs_code);
CREATE INDEX IF NOT EXISTS trade_flows_hash ON trade_flows (hash);

CREATE TABLE IF NOT EXISTS trade_values (
    id          INTEGER PRIMARY KEY,
    hash        TEXT NOT NULL REFERENCES documents (hash) ON DELETE CASCADE,
    doc_id      TEXT NOT NULL,
    reporter    TEXT NOT NULL,
    partner     TEXT NOT NULL,
    flow        TEXT NOT NULL,
    value       REAL NOT NULL,
    currency    TEXT NOT NULL,
    period      TEXT,
    text        TEXT NOT NULL,
    evidence_id INTEGER REFERENCES evidence (id)
);
CREATE INDEX IF NOT EXISTS trade_values_reporter ON trade_values (reporter);
CREATE INDEX IF NOT EXISTS trade_values_partner ON trade_values (partner);
CREATE INDEX IF NOT EXISTS trade_values_hash ON trade_values (hash);
"""

_FACT_TABLES = ("countries", "officials", "locations", "trade_flows", "trade_values", "evidence")


class StoreError(Exception):
    """The store cannot be opened or used; the message is one line fit for a user."""


class ExtractorError(Exception):
    """The extraction function cannot be loaded."""


class StoreStats(BaseModel):
    path: str
    schema_version: int
    documents: int
    words: int
    first_date: str | None
    last_date: str | None
    countries: int
    officials: int
    locations: int
    trade_flows: int
    trade_values: int
    evidence: int


def content_hash(text: str) -> str:
    """The key of a document in the store: SHA-256 of its UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _word_count(text: str) -> int:
    return len(text.split())


class Store:
    """An embedded SQLite store of documents and their extractions; use as a context manager.

    `readonly=True` opens an existing store for reading only (for build, query and export).
    """

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        try:
            self._connection = self._connect()
            self._prepare()
        except StoreError:
            self._close_quietly()
            raise
        except sqlite3.Error as error:
            self._close_quietly()
            raise StoreError(f"cannot open store: {error}") from error

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:
            if not self.path.is_file():
                raise StoreError("no such store")
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            connection = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        else:
            if not self.path.parent.is_dir():
                raise StoreError(f"no such directory: {self.path.parent}")
            if self.path.is_dir():
                raise StoreError("is a directory")
            connection = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        return connection

    def _prepare(self) -> None:
        connection = self._connection
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA foreign_keys = ON")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"store has schema version {version}, newer than this tradegraph's {SCHEMA_VERSION}; "
                "upgrade tradegraph"
            )
        if self.readonly:
            if version == 0:
                raise StoreError("not a tradegraph store (no schema)")
            return
        if connection.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise StoreError("cannot switch the store to WAL mode")
        # With WAL, NORMAL loses no committed transaction when a process dies, only on power loss.
        connection.execute("PRAGMA synchronous = NORMAL")
        # Documents are keyed by a random hash, so each batch dirties pages all over the hash indexes: a
        # larger page cache and rarer, larger WAL checkpoints write each page once per many batches. Neither
        # changes what a committed transaction guarantees.
        connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        connection.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        if version < SCHEMA_VERSION:
            with self._transaction():
                # Re-read inside the write lock: another process may have created the schema meanwhile.
                if connection.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                    if version == 0 and self._has_foreign_tables():
                        raise StoreError("not a tradegraph store (holds other tables)")
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            connection.execute(statement)
                    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _has_foreign_tables(self) -> bool:
        names = {
            row[0] for row in self._connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        return bool(names - {"documents", "extractions", *_FACT_TABLES})

    def _transaction(self) -> _Transaction:
        return _Transaction(self._connection)

    # -- writing ------------------------------------------------------------------------------------

    def has(self, hash: str) -> bool:
        """Whether a document with this content hash is stored."""
        row = self._connection.execute("SELECT 1 FROM documents WHERE hash = ?", (hash,)).fetchone()
        return row is not None

    def add(self, document: Document, extraction: Extraction) -> bool:
        """Store a document with its extraction and facts in one transaction; False if already stored."""
        return self.add_many([(document, extraction)]) == 1

    def add_many(self, items: Iterable[tuple[Document, Extraction]]) -> int:
        """Store several documents in one transaction; return how many were new."""
        added = 0
        try:
            with self._transaction():
                rows = _FactRows(self._connection)
                for document, extraction in items:
                    added += self._insert(document, extraction, rows)
                rows.write()
        except sqlite3.Error as error:
            raise StoreError(f"cannot write to store: {error}") from error
        return added

    def _insert(self, document: Document, extraction: Extraction, rows: _FactRows) -> bool:
        """Insert the document row now (its rowcount says whether it is new) and queue its facts."""
        key = content_hash(document.text)
        # The extractor reads dates and titles from article headers; the input may carry them too.
        updates = {}
        if extraction.date is None and document.date:
            updates["date"] = document.date
        if extraction.title is None and document.title:
            updates["title"] = document.title
        if updates:
            extraction = extraction.model_copy(update=updates)
        cursor = self._connection.execute(
            "INSERT OR IGNORE INTO documents (hash, doc_id, date, url, title, source, words, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                document.doc_id,
                extraction.date,
                document.url,
                extraction.title,
                document.source,
                _word_count(document.text),
                datetime.now(timezone.utc).isoformat(timespec="seconds"),
            ),
        )
        if cursor.rowcount == 0:  # stored already, perhaps by a concurrent ingest
            return False
        rows.add(key, extraction)
        return True

    # -- reading ------------------------------------------------------------------------------------

    def extractions(self, since: str | None = None, until: str | None = None) -> Iterator[Extraction]:
        """Stored extractions in ingest order; `since`/`until` (YYYY-MM-DD, inclusive) filter by date.

        With a date filter, documents without a date are left out.
        """
        query = "SELECT e.extraction FROM extractions e JOIN documents d ON d.hash = e.hash"
        conditions, parameters = [], []
        if since:
            conditions.append("d.date >= ?")
            parameters.append(since)
        if until:
            # Dates may carry a time of day; compare on the day so `until` includes it.
            conditions.append("substr(d.date, 1, 10) <= ?")
            parameters.append(until)
        if conditions:
            query += " WHERE " + " AND ".join(conditions)
        query += " ORDER BY d.rowid"
        for (payload,) in self._connection.execute(query, parameters):
            yield Extraction.model_validate_json(payload)

    def hashes(self) -> set[str]:
        """Content hashes of every stored document."""
        return {row[0] for row in self._connection.execute("SELECT hash FROM documents")}

    def stats(self) -> StoreStats:
        """Counts of documents, words and facts in the store."""
        connection = self._connection
        documents, words, first, last = connection.execute(
            "SELECT count(*), coalesce(sum(words), 0), min(date), max(date) FROM documents"
        ).fetchone()
        counts = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in _FACT_TABLES
        }
        return StoreStats(
            path=str(self.path),
            schema_version=connection.execute("PRAGMA user_version").fetchone()[0],
            documents=documents,
            words=words,
            first_date=first,
            last_date=last,
            **counts,
        )

    def close(self) -> None:
        self._close_quietly()

    def _close_quietly(self) -> None:
        connection = getattr(self, "_connection", None)
        if connection is not None:
            try:
                connection.close()
            except sqlite3.Error:
                pass
            self._connection = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _FactRows:
    """The rows of a transaction's new documents (extractions, evidence, facts), written with one
    executemany per table when the batch is complete.

    Evidence ids are assigned here, counting up from the largest stored id: the value SQLite itself would
    give each row, since the transaction holds the write lock (BEGIN IMMEDIATE) from its first statement.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.next_evidence_id: int | None = None
        self.tables: dict[str, list[tuple]] = {table: [] for table in _INSERTS}

    def _evidence_id(self, key: str, evidence: Evidence | None) -> int | None:
        if evidence is None:
            return None
        if self.next_evidence_id is None:
            (largest,) = self.connection.execute("SELECT max(id) FROM evidence").fetchone()
            self.next_evidence_id = (largest or 0) + 1
        evidence_id = self.next_evidence_id
        self.next_evidence_id += 1
        self.tables["evidence"].append(
            (evidence_id, key, evidence.doc_id, evidence.sentence, evidence.start, evidence.end)
        )
        return evidence_id

    def add(self, key: str, extraction: Extraction) -> None:
        tables = self.tables
        evidence_id = self._evidence_id
        doc_id = extraction.doc_id
        tables["extractions"].append((key, extraction.model_dump_json()))
        for country in extraction.countries:
            tables["countries"].append(
                (
                    key,
                    doc_id,
                    country.iso3,
                    country.name,
                    country.mentions,
                    json.dumps(country.forms, ensure_ascii=False),
                    evidence_id(key, country.evidence),
                )
            )
        for official in extraction.officials:
            tables["officials"].append(
                (
                    key,
                    doc_id,
                    official.name,
                    official.title,
                    official.role_class,
                    official.country,
                    official.posted_to,
                    int(official.former),
                    evidence_id(key, official.evidence),
                )
            )
        for location in extraction.locations:
            tables["locations"].append(
                (
                    key,
                    doc_id,
                    location.name,
                    location.kind,
                    location.country,
                    location.code,
                    evidence_id(key, location.evidence),
                )
            )
        for flow in extraction.trade_flows:
            tables["trade_flows"].append(
                (
                    key,
                    doc_id,
                    flow.exporter,
                    flow.importer,
                    flow.commodity.name,
                    flow.commodity.hs_code,
                    flow.commodity.hs_section,
                    flow.modality,
                    int(flow.negated),
                    flow.quantity.value if flow.quantity else None,
                    flow.quantity.unit if flow.quantity else None,
                    flow.value.value if flow.value else None,
                    flow.value.currency if flow.value else None,
                    evidence_id(key, flow.evidence),
                )
            )
        for value in extraction.trade_values:
            tables["trade_values"].append(
                (
                    key,
                    doc_id,
                    value.reporter,
                    value.partner,
                    value.flow,
                    value.value,
                    value.currency,
                    value.period,
                    value.text,
                    evidence_id(key, value.evidence),
                )
            )

    def write(self) -> None:
        # Extractions and evidence first: the fact rows refer to them.
        for table, statement in _INSERTS.items():
            if self.tables[table]:
                self.connection.executemany(statement, self.tables[table])


_INSERTS: dict[str, str] = {
    "extractions": "INSERT INTO extractions (hash, extraction) VALUES (?, ?)",
    "evidence": "INSERT INTO evidence (id, hash, doc_id, sentence, start_char, end_char) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    "countries": "INSERT INTO countries (hash, doc_id, iso3, name, mentions, forms, evidence_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
    "officials": "INSERT INTO officials (hash, doc_id, name, title, role_class, country, posted_to, former, "
    "evidence_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "locations": "INSERT INTO locations (hash, doc_id, name, kind, country, code, evidence_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)",
    "trade_flows": "INSERT INTO trade_flows (hash, doc_id, exporter, importer, commodity, hs_code, hs_section, "
    "modality, negated, quantity_value, quantity_unit, value, currency, evidence_id) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "trade_values": "INSERT INTO trade_values (hash, doc_id, reporter, partner, flow, value, currency, period, "
    "text, evidence_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
}


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any error.

    IMMEDIATE takes the write lock up front, so a concurrent writer waits out the busy timeout instead of
    failing when a read transaction tries to become a write transaction.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        self.connection.execute("BEGIN IMMEDIATE")
        return self.connection

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.connection.execute("COMMIT")
        else:
            self.connection.execute("ROLLBACK")


# -- extraction, local or remote --------------------------------------------------------------------

_extractors: dict[str, Extractor] = {}


def _load_extractor(spec: str | Extractor | None) -> Extractor:
    """Resolve `module:function` (default: $TRADEGRAPH_EXTRACTOR or tradegraph.extract) once per process."""
    if callable(spec):
        return spec
    spec = spec or os.environ.get(EXTRACTOR_ENV) or DEFAULT_EXTRACTOR
    if spec not in _extractors:
        module_name, _, function_name = spec.partition(":")
        try:
            function = getattr(importlib.import_module(module_name), function_name or "extract_documents")
        except (ImportError, AttributeError) as error:
            raise ExtractorError(f"cannot load the extractor {spec}: {error}") from error
        _extractors[spec] = function
    return _extractors[spec]


def extract_batch(
    documents: list[Document], extractor: str | Extractor | None = None
) -> list[Extraction | str]:
    """Extract a batch; one result per document, in order: its Extraction or the error message.

    This is what runs in a worker process or on a Dask worker. A failing batch is retried one document
    at a time so one bad document does not cost its neighbours.
    """
    function = _load_extractor(extractor)
    try:
        results: list[Extraction | str] = list(function(documents))
        if len(results) == len(documents):
            return results
    except Exception:
        pass  # retried document by document below, where the error is reported
    results = []
    for document in documents:
        try:
            (extraction,) = list(function([document]))
        except Exception as error:  # any extractor bug becomes a reported problem, not a crash
            results.append(f"extraction failed: {type(error).__name__}: {error}")
        else:
            results.append(extraction)
    return results


def _warm_worker(extractor: str | Extractor | None) -> None:
    _load_extractor(extractor)


# -- ingest -----------------------------------------------------------------------------------------


class IngestReport(BaseModel):
    """What an ingest did."""

    db: str
    added: int = 0
    skipped_existing: int = 0
    failed: int = 0
    problems: list[InputProblem] = Field(default_factory=list)
    words: int = 0
    seconds: float = 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def _batches(
    inputs: Iterable[Document | InputProblem],
    store: Store,
    report: IngestReport,
    batch_size: int,
    on_problem: Callable[[InputProblem], None] | None,
    on_skip: Callable[[], None],
) -> Iterator[list[Document]]:
    """Group the documents not yet stored into batches, recording problems and skips on the way."""
    seen: set[str] = set()
    batch: list[Document] = []
    for item in inputs:
        if isinstance(item, InputProblem):
            report.failed += 1
            report.problems.append(item)
            if on_problem:
                on_problem(item)
            continue
        key = content_hash(item.text)
        if key in seen or store.has(key):
            report.skipped_existing += 1
            on_skip()
            continue
        seen.add(key)
        batch.append(item)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    paths: Iterable[str | Path],
    db_path: str | Path,
    *,
    workers: int = 1,
    dask_address: str | None = None,
    batch_size: int = 64,
    progress: bool = True,
    extractor: str | Extractor | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
) -> IngestReport:
    """Read, extract and store every document under `paths` that the store does not hold yet.

    `workers` > 1 extracts in that many processes; `dask_address` (a scheduler address such as
    `tcp://host:8786`, or "local" for a LocalCluster on this machine) extracts on a Dask cluster. Either way
    this process is the only writer. `extractor` is a function or `module:function` taking Documents and
    yielding one Extraction each (default: `tradegraph.extract.extract_documents`). Bad inputs are recorded
    in the report (and passed to `on_problem` as they are met); they do not stop the ingest.
    Raises StoreError if the store cannot be opened, ExtractorError if the extractor cannot be loaded.
    """
    started = time.perf_counter()
    report = IngestReport(db=str(db_path))
    if workers < 1:
        raise ValueError("workers must be at least 1")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if extractor is None:
        # Named, not imported, so worker processes and Dask workers resolve it themselves.
        extractor = os.environ.get(EXTRACTOR_ENV) or DEFAULT_EXTRACTOR
    _load_extractor(extractor)  # fail before reading any input

    with Store(db_path) as store, _progress_bar(progress) as bar:
        batches = _batches(iter_documents(paths), store, report, batch_size, on_problem, on_skip=bar.skip)

        def write(batch: list[Document], results: list[Extraction | str]) -> None:
            new = []
            for document, result in zip(batch, results, strict=True):
                if isinstance(result, str):
                    problem = InputProblem(path=document.source or document.doc_id, message=result)
                    report.failed += 1
                    report.problems.append(problem)
                    if on_problem:
                        on_problem(problem)
                else:
                    new.append((document, result))
            added = store.add_many(new)
            words = sum(_word_count(document.text) for document, _ in new)
            report.added += added
            report.skipped_existing += len(new) - added  # stored meanwhile by a concurrent ingest
            report.words += words
            bar.advance(len(batch), words)

        if dask_address is not None:
            _run_on_dask(batches, write, dask_address, extractor, workers)
        elif workers > 1:
            _run_in_pool(batches, write, workers, extractor)
        else:
            for batch in batches:
                write(batch, extract_batch(batch, extractor))
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _run_in_pool(batches: Iterator[list[Document]], write: Callable, workers: int, extractor: Any) -> None:
    import multiprocessing

    first = next(batches, None)
    if first is None:  # everything stored already: no need to start worker processes
        return
    batches = itertools.chain([first], batches)
    # spawn: fork would copy the parent's open SQLite connection and threads into the workers.
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, initializer=_warm_worker, initargs=(extractor,)) as pool:
        # A bounded window of batches in flight keeps memory flat (Pool.imap would read every input ahead).
        pending: deque = deque()
        for batch in batches:
            pending.append((batch, pool.apply_async(extract_batch, (batch, extractor))))
            while len(pending) >= 2 * workers:
                done, result = pending.popleft()
                write(done, result.get())
        while pending:
            done, result = pending.popleft()
            write(done, result.get())


def _run_on_dask(
    batches: Iterator[list[Document]], write: Callable, address: str, extractor: Any, workers: int
) -> None:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as error:
        raise ExtractorError(
            "--dask needs dask.distributed: pip install 'tradegraph[distributed]'"
        ) from error

    first = next(batches, None)
    if first is None:
        return
    batches = itertools.chain([first], batches)
    if address == "local":
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True)
        cluster_context: Any = cluster
        client = Client(cluster)
    else:
        cluster_context = nullcontext()
        try:
            client = Client(address, timeout="30s")
        except (OSError, TimeoutError) as error:
            raise ExtractorError(f"cannot reach the Dask scheduler at {address}: {error}") from error
    with cluster_context, client:
        slots = 2 * max(len(client.scheduler_info().get("workers", {})), 1) + 2
        futures: dict[Any, list[Document]] = {}
        completed = as_completed()

        def submit() -> bool:
            batch = next(batches, None)
            if batch is None:
                return False
            future = client.submit(extract_batch, batch, extractor, pure=False)
            futures[future] = batch
            completed.add(future)
            return True

        while len(futures) < slots and submit():
            pass
        for future in completed:
            batch = futures.pop(future)
            write(batch, future.result())
            submit()


class _NoProgress:
    def advance(self, documents: int, words: int = 0) -> None:
        pass

    def skip(self) -> None:
        pass

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass


class _RichProgress(_NoProgress):
    """A rich progress line on stderr: documents, words, and their rates."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest[/]"),
            TextColumn("{task.completed:,.0f} docs · {task.fields[words]:,} words"),
            TextColumn("· {task.fields[rate]}"),
            TextColumn("· {task.fields[skipped]:,} already stored"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self.task = self.progress.add_task("ingest", total=None, words=0, rate="", skipped=0)
        self.words = 0
        self.skipped = 0
        self.started = time.perf_counter()

    def skip(self) -> None:
        self.skipped += 1
        self.advance(0)

    def advance(self, documents: int, words: int = 0) -> None:
        self.words += words
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        completed = self.progress.tasks[0].completed + documents
        rate = f"{completed / elapsed:,.0f} docs/s, {self.words / elapsed:,.0f} words/s"
        self.progress.update(self.task, advance=documents, words=self.words, rate=rate, skipped=self.skipped)

    def __enter__(self) -> _RichProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.progress.stop()


def _progress_bar(enabled: bool) -> _NoProgress:
    if enabled and sys.stderr.isatty():
        return _RichProgress()
    return _NoProgress()
