"""The embedded SQLite store: documents keyed by content hash, each fact once in the table of its kind,
and the merged graph's nodes and edges, so questions are answered from indexed tables
(`tradegraph.store_view`) and nothing is rebuilt.

A document's row, its facts and its graph rows are written in one transaction, and documents are keyed by
the SHA-256 of their text, so an ingest killed at any moment and rerun loses no document and stores none
twice. WAL mode and a busy timeout let several ingests write to one store at once. The schema is derived
from the pydantic models (`tradegraph.store_schema`); `tradegraph.ingest` reads and extracts inputs.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from tradegraph.identity import content_hash, qualified_doc_id
from tradegraph.models import Document, Extraction
from tradegraph.store_rows import DocumentRows, document_rows, extraction_from_rows
from tradegraph.store_schema import (
    EVIDENCE_TEXT,
    FACT_TABLES,
    NODE_COLUMNS,
    SCHEMA_VERSION,
    ddl,
    node_merge_sql,
)

# ingest (reading inputs, worker pools, Dask) lives in tradegraph.ingest and is importable from here too.
__all__ = ["SCHEMA_VERSION", "Store", "StoreError", "StoreNotWritable", "StoreStats", "content_hash"]

BUSY_TIMEOUT_MS = 60_000
CACHE_KIB = 64 * 1024  # SQLite page cache of a writing connection
WAL_CHECKPOINT_PAGES = 16_384  # pages (64 MiB at 4 KiB) the WAL grows to before it is checkpointed


class StoreError(Exception):
    """The store cannot be opened or used; the message is one line fit for a user."""


class StoreNotWritable(StoreError):
    """A store to write to is read-only (its file, its directory or its file system); the message names it:
    "cannot write to the store PATH: it is read-only"."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"cannot write to the store {path}: it is read-only")
        self.path = path


# The SQLite errors of a write refused by the file system (SQLITE_READONLY and its extended codes, and
# SQLITE_CANTOPEN when the file cannot be created).
_READONLY_ERRORS = ("SQLITE_READONLY", "SQLITE_CANTOPEN")


class StoreStats(BaseModel):
    path: str
    schema_version: int
    documents: int
    words: int
    first_date: str | None
    last_date: str | None
    countries: int
    groups: int
    officials: int
    locations: int
    organizations: int
    trade_flows: int
    trade_values: int
    meetings: int
    relations: int
    evidence: int
    nodes: int
    edges: int


_NODE_UPSERT = (
    f"INSERT INTO nodes (node, type, label, {', '.join(NODE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * (3 + len(NODE_COLUMNS)))}) "
    f"ON CONFLICT (node) DO UPDATE SET {', '.join(node_merge_sql(name) for name in NODE_COLUMNS)}"
)
# A meeting's participant (create_only) adds its document only to a node that has none yet.
_NODE_EVENT = (
    "INSERT INTO node_events (node, document, mentions, evidence) "
    "SELECT n.id, ?, ?, ? FROM nodes n WHERE n.node = ? "
    "AND (? = 0 OR NOT EXISTS (SELECT 1 FROM node_events e WHERE e.node = n.id))"
)
_NODE_ID = "(SELECT id FROM nodes WHERE node = {})"
# A trade flow copies its commodity node's HS code and section when it is created (see
# store_rows.edge_parameters); `pair` is the first edge between the same two nodes, NULL for that one
# (found by both ends: without INDEXED BY the planner reads every edge into the target, a hub country's).
_EDGE_INSERT = """INSERT OR IGNORE INTO edges
    (source, target, key, pair, type, label, commodity, hs_code, modality, negated, shape, attrs)
    SELECT s.id, t.id, :key,
        (SELECT min(p.id) FROM edges p INDEXED BY edges_ends WHERE p.source = s.id AND p.target = t.id),
        :type, :label, c.id, c.hs_code, :modality, :negated, (SELECT id FROM edge_shapes WHERE names = :shape),
        CASE WHEN :section IS NULL THEN :attrs ELSE json_set(:attrs, :section, c.hs_section) END
    FROM nodes s JOIN nodes t ON t.node = :target LEFT JOIN nodes c ON c.node = :commodity
    WHERE s.node = :source"""
_EDGE_EVENT = f"""INSERT INTO edge_events (edge, document, evidence, items) VALUES (
    (SELECT id FROM edges WHERE source = {_NODE_ID.format("?")} AND target = {_NODE_ID.format("?")}
     AND key = ?), ?, ?, ?)"""


def _fact_insert(table: str) -> str:
    columns = [column.name for column in FACT_TABLES[table].columns]
    return (
        f"INSERT INTO {table} (document, {', '.join(columns)}) VALUES ({', '.join('?' * (len(columns) + 1))})"
    )


_FACT_INSERTS = {table: _fact_insert(table) for table in FACT_TABLES}


class Store:
    """An embedded SQLite store of documents, their facts and their graph; use as a context manager.

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
            raise self._not_writable(error) or StoreError(f"cannot open store: {error}") from error

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:
            return self._connect_readonly()
        if not self.path.parent.is_dir():
            raise StoreError(f"no such directory: {self.path.parent}")
        if self.path.is_dir():
            raise StoreError("is a directory")
        self._check_writable()
        return sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)

    def _check_writable(self) -> None:
        """Refuse a store that cannot be written before SQLite opens it. SQLite would open a read-only file
        for reading and fail at the first write, leaving its shared-memory file behind; and in WAL mode it
        keeps its write-ahead log beside the store, so a store in a read-only directory cannot be written
        either (unless that log and its index are there already and writable)."""
        path, directory = self.path, self.path.parent
        if not path.exists():
            if not os.access(directory, os.W_OK | os.X_OK):
                raise StoreNotWritable(path)
            return
        if not os.access(path, os.R_OK | os.W_OK):
            raise StoreNotWritable(path)
        companions = [Path(f"{path}{suffix}") for suffix in ("-wal", "-shm")]
        if not os.access(directory, os.W_OK | os.X_OK) and not all(
            os.access(companion, os.R_OK | os.W_OK) for companion in companions
        ):
            raise StoreNotWritable(path)

    def _not_writable(self, error: sqlite3.Error) -> StoreNotWritable | None:
        """The StoreNotWritable an SQLite error stands for, when it is a write the file system refused (a
        read-only mount, or a file made read-only while the store was open); else None."""
        name = getattr(error, "sqlite_errorname", None)  # Python 3.11+; before, the message says it
        refused = name.startswith(_READONLY_ERRORS) if name else "readonly database" in str(error)
        if self.readonly or not refused:
            return None
        path, directory = self.path, self.path.parent
        if os.access(directory, os.W_OK) and (not path.exists() or os.access(path, os.W_OK)):
            return None  # the file system allows it: another cause, reported as it is
        return StoreNotWritable(path)

    def _connect_readonly(self) -> sqlite3.Connection:
        """A read-only connection (`mode=ro`). A store on a read-only file, directory or mount cannot give a
        WAL reader its shared-memory file; it is then opened `immutable` (nobody can be writing to it), but
        not when its write-ahead log holds transactions not yet in the database, which immutable would miss."""
        if not self.path.is_file():
            raise StoreError("no such store")
        uri = self.path.resolve().as_uri()
        connection = sqlite3.connect(
            f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000
        )
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return connection
        except sqlite3.OperationalError:
            connection.close()
            if os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK):
                raise
        wal = Path(f"{self.path}-wal")
        if wal.is_file() and wal.stat().st_size > 0:
            raise StoreError(
                f"the store is read-only and its write-ahead log {wal.name} holds unfinished writes: open it "
                "once where it can be written (any tradegraph command) to fold them in"
            )
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None)

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
        if 0 < version < SCHEMA_VERSION:
            raise StoreError(
                f"store has schema version {version}, from an older tradegraph; ingest the articles into a "
                "new store"
            )
        if self.readonly:
            if version == 0:
                raise StoreError("not a tradegraph store (no schema)")
            return
        if _switch_to_wal(connection).lower() != "wal":
            raise StoreError("cannot switch the store to WAL mode")
        # With WAL, NORMAL loses no committed transaction when a process dies, only on power loss.
        connection.execute("PRAGMA synchronous = NORMAL")
        # Documents are keyed by a random hash, so each batch dirties pages all over the hash index: a larger
        # page cache and rarer, larger WAL checkpoints write each page once per many batches.
        connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        connection.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        if version == 0:
            with self._transaction():
                # Re-read inside the write lock: another process may have created the schema meanwhile.
                if connection.execute("PRAGMA user_version").fetchone()[0] == 0:
                    if self._has_tables():
                        raise StoreError("not a tradegraph store (holds other tables)")
                    for statement in ddl():
                        connection.execute(statement)
                    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _has_tables(self) -> bool:
        return (
            self._connection.execute("SELECT 1 FROM sqlite_master WHERE type='table'").fetchone() is not None
        )

    def _transaction(self) -> _Transaction:
        return _Transaction(self._connection)

    @property
    def connection(self) -> sqlite3.Connection:
        return self._connection

    # -- writing ------------------------------------------------------------------------------------

    def has(self, hash: str) -> bool:
        """Whether a document with this content hash is stored."""
        row = self._connection.execute("SELECT 1 FROM documents WHERE hash = ?", (hash,)).fetchone()
        return row is not None

    def has_doc_id(self, doc_id: str) -> bool:
        row = self._connection.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row is not None

    def add(self, document: Document, extraction: Extraction) -> bool:
        """Store a document with its extraction and facts in one transaction; False if already stored."""
        return self.add_many([(document, extraction)]) == 1

    def add_many(self, items: Iterable[tuple[Document, Extraction]]) -> int:
        """Store several documents in one transaction; return how many were new."""
        rows = []
        for document, extraction in items:
            rows.append((document, document_rows(document, extraction)))
        return self.write(rows)[0]

    def write(self, items: list[tuple[Document, DocumentRows]]) -> tuple[int, int]:
        """Write documents' rows in one transaction: (documents added, doc_ids qualified to stay unique).

        A document whose text is stored already is skipped; one whose doc_id another text holds is stored
        under its doc_id qualified by its directory (`tradegraph.identity`), never merged into the other.
        """
        try:
            with self._transaction():
                return self._write(items)
        except sqlite3.Error as error:
            raise self._not_writable(error) or StoreError(f"cannot write to store: {error}") from error

    def _next_id(self, table: str) -> int:
        (largest,) = self._connection.execute(f"SELECT max(id) FROM {table}").fetchone()
        return (largest or 0) + 1

    def _write(self, items: list[tuple[Document, DocumentRows]]) -> tuple[int, int]:
        connection = self._connection
        added = renamed = 0
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        # Ids are assigned here, counting up from the largest stored: what SQLite would give each row, since
        # the transaction holds the write lock (BEGIN IMMEDIATE) from its first statement.
        next_sentence, next_evidence = self._next_id("sentences"), self._next_id("evidence")
        tables: dict[str, list] = {name: [] for name in ("sentences", "evidence", *FACT_TABLES)}
        nodes: list[tuple] = []
        node_events: list[tuple] = []
        edges: list[dict] = []
        edge_events: list[tuple] = []
        for document, rows in items:
            if self.has(rows.hash):  # stored already, perhaps by a concurrent ingest
                continue
            doc_id = qualified_doc_id(document.model_copy(update={"doc_id": rows.doc_id}), self.has_doc_id)
            renamed += doc_id != rows.doc_id
            cursor = connection.execute(
                "INSERT INTO documents (hash, doc_id, date, author, title, url, source, words, ingested_at) "
                "VALUES (:hash, :doc_id, :date, :author, :title, :url, :source, :words, :now)",
                {"hash": rows.hash, "doc_id": doc_id, "now": now, **rows.document},
            )
            doc = cursor.lastrowid
            added += 1
            sentence_ids = list(range(next_sentence, next_sentence + len(rows.sentences)))
            next_sentence += len(rows.sentences)
            tables["sentences"] += [
                (i, doc, text) for i, text in zip(sentence_ids, rows.sentences, strict=True)
            ]
            evidence_ids = list(range(next_evidence, next_evidence + len(rows.evidence)))
            next_evidence += len(rows.evidence)
            tables["evidence"] += [
                (i, doc, sentence_ids[s], start, end, at, text)
                for i, (s, start, end, at, text) in zip(evidence_ids, rows.evidence, strict=True)
            ]

            def ref(index: int | None, ids: list[int] = evidence_ids) -> int | None:
                return None if index is None else ids[index]

            for table, facts in rows.facts.items():
                columns = FACT_TABLES[table].columns
                tables[table] += [
                    (
                        doc,
                        *(ref(v) if c.kind == "evidence" else v for c, v in zip(columns, fact, strict=True)),
                    )
                    for fact in facts
                ]
            nodes += rows.nodes
            node_events += [(doc, m, ref(e), node, create) for node, m, e, create in rows.node_events]
            edges += rows.edges
            edge_events += [(s, t, k, doc, ref(e), items) for s, t, k, e, items in rows.edge_events]
        connection.executemany(
            "INSERT INTO sentences (id, document, text) VALUES (?, ?, ?)", tables["sentences"]
        )
        connection.executemany(
            "INSERT INTO evidence (id, document, sentence, start_char, end_char, text_at, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            tables["evidence"],
        )
        for table in FACT_TABLES:
            if tables[table]:
                connection.executemany(_FACT_INSERTS[table], tables[table])
        connection.executemany(_NODE_UPSERT, nodes)
        connection.executemany(_NODE_EVENT, node_events)
        shapes = sorted({edge["shape"] for edge in edges})
        connection.executemany("INSERT OR IGNORE INTO edge_shapes (names) VALUES (?)", [(x,) for x in shapes])
        connection.executemany(_EDGE_INSERT, edges)
        connection.executemany(_EDGE_EVENT, edge_events)
        return added, renamed

    # -- reading ------------------------------------------------------------------------------------

    def documents(self, since: str | None = None, until: str | None = None) -> Iterator[sqlite3.Row]:
        """Document rows in ingest order; `since`/`until` (YYYY[-MM[-DD]], inclusive) filter by date.

        With a date filter, documents without a date are left out.
        """
        query = "SELECT id, doc_id, date, author, title FROM documents"
        conditions, parameters = [], []
        if since:
            conditions.append("date >= ?")
            parameters.append(since)
        if until:
            # Dates may carry a time of day; compare on the day so `until` includes it.
            conditions.append("substr(date, 1, ?) <= ?")
            parameters += [len(until), until]
        if conditions:
            query += " WHERE " + " AND ".join(conditions)
        yield from self._connection.execute(query + " ORDER BY id", parameters)

    def extractions(self, since: str | None = None, until: str | None = None) -> Iterator[Extraction]:
        """Stored extractions in ingest order, rebuilt from the fact tables; `since`/`until` filter by date
        (see `documents`)."""
        for doc, doc_id, date, author, title in self.documents(since, until):
            evidence = {
                row[0]: {"sentence": row[1], "start": row[2], "end": row[3], "text": row[4]}
                for row in self._connection.execute(
                    f"SELECT x.id, s.text, x.start_char, x.end_char, {EVIDENCE_TEXT} FROM evidence x "
                    "JOIN sentences s ON s.id = x.sentence WHERE x.document = ?",
                    (doc,),
                )
            }
            facts = {
                table: [
                    row[2:]
                    for row in self._connection.execute(
                        f"SELECT * FROM {table} WHERE document = ? ORDER BY id", (doc,)
                    )
                ]
                for table in FACT_TABLES
            }
            header = {"doc_id": doc_id, "date": date, "author": author, "title": title}
            yield extraction_from_rows(header, facts, evidence)

    def document_count(self) -> int:
        """How many documents are stored, read in constant time: documents are only ever added, each row
        id one more than the largest (a write that fails rolls back and frees its ids), so the largest id is
        their number; count(*) would read a whole index (15 ms at 100k documents, on every query)."""
        return self._connection.execute("SELECT coalesce(max(id), 0) FROM documents").fetchone()[0]

    def hashes(self) -> set[str]:
        """Content hashes of every stored document."""
        return {row[0] for row in self._connection.execute("SELECT hash FROM documents")}

    def stats(self) -> StoreStats:
        """Counts of documents, words and facts in the store."""
        connection = self._connection
        documents, words, first, last = connection.execute(
            "SELECT count(*), coalesce(sum(words), 0), min(date), max(date) FROM documents"
        ).fetchone()
        counted = [*FACT_TABLES, "evidence", "nodes", "edges"]
        counts = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in counted
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


def _switch_to_wal(connection: sqlite3.Connection) -> str:
    """`PRAGMA journal_mode = WAL`, tried again until the busy timeout when another connection holds a lock;
    the journal mode it leaves.

    SQLite does not always wait out the busy timeout for this pragma: when two processes open a new store
    at once, the one that finds the other between reading and writing the file header gets SQLITE_BUSY at
    once (it would deadlock waiting with its read lock held), so one of two concurrent ingests failed now
    and then. The pragma ends its transaction when it fails, so trying again after a moment succeeds.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.001
    while True:
        try:
            return connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as error:
            if not _is_busy(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(2 * pause, 0.05)


def _is_busy(error: sqlite3.Error) -> bool:
    """Whether SQLite refused because another connection holds a lock (SQLITE_BUSY, or LOCKED in-process)."""
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11+; before, the message says it
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "database is locked" in str(error) or "database table is locked" in str(error)


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


def __getattr__(name: str) -> Any:
    # ingest lives in tradegraph.ingest (reading inputs, worker pools, Dask); kept importable from here.
    if name in {"ingest", "IngestReport", "ExtractorError", "DEFAULT_EXTRACTOR", "extract_batch"}:
        import tradegraph.ingest

        return getattr(tradegraph.ingest, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
