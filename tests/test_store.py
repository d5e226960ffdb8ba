"""The SQLite store and `ingest`: idempotence, crash safety, concurrent writers, worker pools and Dask.

Every test uses the fake extractor from `tradegraph.testing`, so no spaCy pipeline is built.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import tradegraph.store
from tradegraph.cli_ingest import ingest_command
from tradegraph.models import Commodity, Country, Document, Evidence, Extraction, Official, TradeFlow
from tradegraph.store import SCHEMA_VERSION, Store, StoreError, content_hash, ingest
from tradegraph.testing import FAKE_EXTRACTOR

REPO = Path(tradegraph.store.__file__).resolve().parents[1]
COMMODITIES = ["wheat", "barley", "rolled iron", "pistachios", "dates", "cement", "apples", "meat"]


def article(number: int) -> str:
    commodity = COMMODITIES[number % len(COMMODITIES)]
    return f"Article {number}. Kazakhstan exports {commodity} to Iran, the ministry said on day {number}."


def write_articles(directory: Path, numbers: range | list[int]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for number in numbers:
        (directory / f"a{number:05d}.txt").write_text(article(number), encoding="utf-8")
    return directory


def count(db: Path, table: str = "documents") -> int:
    with sqlite3.connect(db, timeout=30) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def assert_consistent(db: Path, documents: int) -> None:
    """Exactly `documents` documents, each with its extraction and all its facts, and a sound file."""
    connection = sqlite3.connect(db, timeout=30)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        assert connection.execute("SELECT count(DISTINCT hash) FROM documents").fetchone()[0] == documents
        assert count(db, "documents") == documents
        assert count(db, "extractions") == documents
        # Every fake article names two countries and states one flow: no half-written document.
        assert count(db, "countries") == 2 * documents
        assert count(db, "trade_flows") == documents
    finally:
        connection.close()


def extraction(doc_id: str, date: str | None = None) -> Extraction:
    evidence = Evidence(doc_id=doc_id, sentence="Kazakhstan exports wheat to Iran.", start=0, end=32)
    return Extraction(
        doc_id=doc_id,
        date=date,
        countries=[Country(name="Kazakhstan", iso3="KAZ"), Country(name="Iran", iso3="IRN")],
        officials=[
            Official(name="Askhat Orazbay", title="Ambassador", role_class="ambassador", country="KAZ")
        ],
        trade_flows=[
            TradeFlow(exporter="KAZ", importer="IRN", commodity=Commodity(name="wheat"), evidence=evidence)
        ],
    )


# -- Store ----------------------------------------------------------------------------------------


def test_store_adds_a_document_once_and_reads_it_back(tmp_path: Path) -> None:
    document = Document(doc_id="kz", text="Kazakhstan exports wheat to Iran.", date="2020-02-11")
    with Store(tmp_path / "t.db") as store:
        assert not store.has(content_hash(document.text))
        assert store.add(document, extraction("kz"))
        assert store.has(content_hash(document.text))
        assert not store.add(document, extraction("kz"))  # same text: already stored
        (read,) = store.extractions()
        assert read.doc_id == "kz" and read.date == "2020-02-11"  # the document's date fills a missing one
        assert read.trade_flows[0].evidence.sentence == "Kazakhstan exports wheat to Iran."
        stats = store.stats()
    assert (stats.documents, stats.words, stats.countries, stats.officials, stats.trade_flows) == (
        1,
        5,
        2,
        1,
        1,
    )
    assert (stats.evidence, stats.schema_version, stats.first_date) == (1, SCHEMA_VERSION, "2020-02-11")


def test_store_settings_and_schema(tmp_path: Path) -> None:
    with Store(tmp_path / "t.db"):
        pass
    connection = sqlite3.connect(tmp_path / "t.db")
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    indexes = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {
        "trade_flows_exporter",
        "trade_flows_importer",
        "trade_flows_commodity",
        "countries_iso3",
    } <= indexes


def test_each_fact_is_stored_once_and_reads_back_the_same(tmp_path: Path) -> None:
    """An evidence span's text is kept once, inside its sentence, unless the sentence does not hold it;
    an edge's attributes that its columns hold are not repeated in its JSON."""
    sentence = "Iran's exports of tea and tea leaves to Kazakhstan grew."
    spans = [
        Evidence(doc_id="d", sentence=sentence, start=120, end=123, text="tea"),  # twice in it: either is it
        Evidence(doc_id="d", sentence=sentence, start=7, end=14, text="EXPORTS"),  # not in it as written
        Evidence(doc_id="d", sentence=sentence, start=0, end=4, text=""),  # no text given
    ]
    flows = [
        TradeFlow(
            exporter="IRN", importer="KAZ", commodity=Commodity(name=name), evidence=span, modality=modality
        )
        for span, name, modality in zip(
            spans, ["tea", "green tea", "black tea"], ["actual", "planned", "potential"], strict=True
        )
    ]
    original = Extraction(doc_id="d", date="2021-03-01", trade_flows=flows)
    with Store(tmp_path / "t.db") as store:
        store.add(Document(doc_id="d", text="the text"), original)
        (read,) = store.extractions()
        rows = store.connection.execute("SELECT text_at, text FROM evidence ORDER BY id").fetchall()
        attrs = [
            row[0] for row in store.connection.execute("SELECT attrs FROM edges WHERE type = 'trade_flow'")
        ]
    assert read == original
    assert rows == [(sentence.find("tea"), None), (None, "EXPORTS"), (None, "")]
    assert attrs and all(name not in text for text in attrs for name in ("modality", "commodity", "negated"))


def test_extractions_filtered_by_date(tmp_path: Path) -> None:
    with Store(tmp_path / "t.db") as store:
        for day, date in enumerate(["2019-05-01", "2020-02-11T10:00:00", None]):
            store.add(Document(doc_id=f"d{day}", text=f"text {day}", date=date), extraction(f"d{day}"))
        assert [e.doc_id for e in store.extractions()] == ["d0", "d1", "d2"]
        assert [e.doc_id for e in store.extractions(since="2020-01-01")] == ["d1"]
        assert [e.doc_id for e in store.extractions(until="2020-02-11")] == ["d0", "d1"]
        assert [e.doc_id for e in store.extractions(since="2019-06-01", until="2019-12-31")] == []


def test_a_failed_write_leaves_nothing_of_the_document(tmp_path: Path) -> None:
    broken = extraction("kz")
    broken.officials[0].__dict__["role_class"] = None  # violates NOT NULL after the document row went in
    with Store(tmp_path / "t.db") as store:
        with pytest.raises(StoreError):
            store.add(Document(doc_id="kz", text="some text"), broken)
        assert not store.has(content_hash("some text"))
        assert store.stats().countries == 0
        # The number of documents, read from the largest id, counts only what was stored.
        assert store.document_count() == 0
        store.add(Document(doc_id="kz", text="some text"), extraction("kz"))
        store.add(Document(doc_id="kz", text="some text"), extraction("kz"))  # the same text: kept once
        with pytest.raises(StoreError):
            store.add(Document(doc_id="other", text="other text"), broken)
        store.add(Document(doc_id="third", text="third text"), extraction("third"))
        assert store.document_count() == store.stats().documents == 2


def test_store_that_cannot_be_opened(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        Store(junk)
    with pytest.raises(StoreError, match="no such directory"):
        Store(tmp_path / "missing" / "t.db")
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "absent.db", readonly=True)
    newer = tmp_path / "newer.db"
    sqlite3.connect(newer).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer"):
        Store(newer)


def test_readonly_store_reads_but_does_not_write(tmp_path: Path) -> None:
    with Store(tmp_path / "t.db") as store:
        store.add(Document(doc_id="kz", text="text"), extraction("kz"))
    with Store(tmp_path / "t.db", readonly=True) as store:
        assert [e.doc_id for e in store.extractions()] == ["kz"]
        with pytest.raises(StoreError):
            store.add(Document(doc_id="other", text="other"), extraction("other"))


# -- ingest ---------------------------------------------------------------------------------------


def test_ingest_stores_new_documents_and_reingest_is_a_no_op(tmp_path: Path) -> None:
    corpus = write_articles(tmp_path / "corpus", range(20))
    (corpus / "copy.txt").write_text(article(3), encoding="utf-8")  # same text as a00003.txt
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "batch.jsonl").write_text(
        json.dumps({"id": "j1", "text": article(100), "date": "2021-01-02"}) + "\nnot json\n",
        encoding="utf-8",
    )
    db = tmp_path / "t.db"
    seen = []
    report = ingest(
        [corpus], db, extractor=FAKE_EXTRACTOR, batch_size=4, progress=False, on_problem=seen.append
    )
    assert (report.added, report.skipped_existing, report.failed) == (21, 1, 2)
    assert [p.message for p in seen] == ["line 2: not valid JSON (Expecting value)", "empty file"]
    assert report.problems == seen
    assert report.words == sum(len(article(n).split()) for n in [*range(20), 100])
    assert_consistent(db, 21)

    again = ingest([corpus], db, extractor=FAKE_EXTRACTOR, progress=False)
    assert (again.added, again.skipped_existing, again.failed) == (0, 22, 2)
    assert_consistent(db, 21)


def test_a_document_the_extractor_fails_on_is_reported_and_the_rest_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRADEGRAPH_FAKE_FAIL", "Article 7.")
    corpus = write_articles(tmp_path / "corpus", range(10))
    report = ingest([corpus], tmp_path / "t.db", extractor=FAKE_EXTRACTOR, batch_size=4, progress=False)
    assert (report.added, report.failed) == (9, 1)
    (problem,) = report.problems
    assert problem.path.endswith("a00007.txt") and "fake extractor failed" in problem.message


def test_ingest_with_a_callable_extractor(tmp_path: Path) -> None:
    def extract(documents):
        return [Extraction(doc_id=d.doc_id, countries=[Country(name="Iran", iso3="IRN")]) for d in documents]

    corpus = write_articles(tmp_path / "corpus", range(3))
    report = ingest([corpus], tmp_path / "t.db", extractor=extract, progress=False)
    assert report.added == 3


def test_ingest_with_worker_processes(tmp_path: Path) -> None:
    corpus = write_articles(tmp_path / "corpus", range(60))
    db = tmp_path / "t.db"
    frozen_before = gc.get_freeze_count()  # the shared pipeline, if an earlier test built it, froze itself
    report = ingest([corpus], db, workers=2, batch_size=5, extractor=FAKE_EXTRACTOR, progress=False)
    assert (report.added, report.failed) == (60, 0)
    assert_consistent(db, 60)
    # what ingest froze for the forked workers is collectable again; a freeze made before it still holds
    assert gc.get_freeze_count() == frozen_before


def test_ingest_with_worker_processes_beside_other_threads(tmp_path: Path) -> None:
    """A process running other threads (a notebook, a Dask client) starts its workers fresh, not forked."""
    import threading

    import tradegraph.ingest

    corpus = write_articles(tmp_path / "corpus", range(20))
    release = threading.Event()
    waiting = threading.Thread(target=release.wait, daemon=True)
    waiting.start()
    try:
        context, forked = tradegraph.ingest._pool_context()
        assert (context.get_start_method(), forked) == ("spawn", False)
        report = ingest(
            [corpus], tmp_path / "t.db", workers=2, batch_size=5, extractor=FAKE_EXTRACTOR, progress=False
        )
    finally:
        release.set()
    assert (report.added, report.failed) == (20, 0)
    assert_consistent(tmp_path / "t.db", 20)


# -- crash safety and concurrent ingests ------------------------------------------------------------

INGEST_SCRIPT = """
import sys
from tradegraph.store import ingest
report = ingest(sys.argv[1:-1], sys.argv[-1], batch_size=8, progress=False)
print(report.model_dump_json())
"""


def ingest_process(paths: list[Path], db: Path, delay: float) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        "TRADEGRAPH_EXTRACTOR": FAKE_EXTRACTOR,
        "TRADEGRAPH_FAKE_DELAY": str(delay),
    }
    command = [sys.executable, "-c", INGEST_SCRIPT, *map(str, paths), str(db)]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


# How long a test waits for an ingest process before it calls it hung: far beyond what it takes (a few
# seconds) even on a machine loaded many times over, since the test checks what is stored, not how fast.
HUNG_SECONDS = 300


def wait_for_documents(
    db: Path, at_least: int, process: subprocess.Popen, timeout: float = HUNG_SECONDS
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            if count(db) >= at_least:
                return
        except sqlite3.Error:
            pass  # not created yet
        time.sleep(0.01)
    raise AssertionError(f"ingest did not store {at_least} documents in {timeout} s")


def test_sigkill_at_any_moment_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    numbers = list(range(400)) + list(range(0, 400, 10))  # 40 repeated texts under other names
    corpus = write_articles(tmp_path / "corpus", range(400))
    for number in range(0, 400, 10):
        (corpus / f"copy{number:05d}.txt").write_text(article(number), encoding="utf-8")
    distinct = len(set(numbers))
    db = tmp_path / "t.db"

    for at_least in (40, 200):
        process = ingest_process([corpus], db, delay=0.002)
        wait_for_documents(db, at_least, process)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert process.returncode == -signal.SIGKILL
        stored = count(db)
        assert at_least <= stored < distinct
        assert_consistent(db, stored)

    process = ingest_process([corpus], db, delay=0)
    stdout, stderr = process.communicate(timeout=HUNG_SECONDS)
    assert process.returncode == 0, stderr
    report = json.loads(stdout)
    assert report["added"] == distinct - stored
    assert_consistent(db, distinct)


def test_two_concurrent_ingests_of_overlapping_sets(tmp_path: Path) -> None:
    first = write_articles(tmp_path / "first", range(0, 300))
    second = write_articles(tmp_path / "second", range(150, 450))
    db = tmp_path / "t.db"
    processes = [ingest_process([first], db, delay=0.001), ingest_process([second], db, delay=0.001)]
    reports = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=HUNG_SECONDS)
        assert process.returncode == 0, stderr
        reports.append(json.loads(stdout))
    assert sum(report["added"] for report in reports) == 450
    assert all(report["added"] + report["skipped_existing"] == 300 for report in reports)
    assert_consistent(db, 450)


def test_two_connections_creating_a_new_store_at_once_both_open_it(tmp_path: Path) -> None:
    """Two connections creating one new store at the same moment both open it, each time, and the schema is
    made once: SQLite may refuse the switch to WAL at once (without waiting out the busy timeout) to the
    one that meets the other midway, as two concurrent ingests of a new store sometimes did. A race: it
    is run many times; each round is one new store opened from two threads released together."""
    import threading

    failures: list[str] = []
    for round_number in range(60):
        db = tmp_path / f"new{round_number}.db"
        start = threading.Barrier(2)

        def open_store(db: Path = db, start: threading.Barrier = start) -> None:
            start.wait()
            try:
                with Store(db) as store:
                    store.stats()
            except StoreError as error:
                failures.append(f"{db.name}: {error}")

        threads = [threading.Thread(target=open_store) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert failures == []
    with sqlite3.connect(tmp_path / "new0.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = connection.execute("SELECT count(*) FROM sqlite_master WHERE name = 'documents'").fetchone()
        assert tables == (1,)


# -- Dask -----------------------------------------------------------------------------------------


def test_ingest_on_a_dask_local_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    distributed = pytest.importorskip("distributed")
    # The workers are new processes: they must import tradegraph as this process does.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
    corpus = write_articles(tmp_path / "corpus", range(100))
    db = tmp_path / "t.db"
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        report = ingest(
            [corpus],
            db,
            dask_address=cluster.scheduler_address,
            batch_size=10,
            extractor=FAKE_EXTRACTOR,
            progress=False,
        )
        assert (report.added, report.failed) == (100, 0)
        again = ingest([corpus], db, dask_address=cluster.scheduler_address, extractor=FAKE_EXTRACTOR)
        assert (again.added, again.skipped_existing) == (0, 100)
    assert_consistent(db, 100)


# -- the ingest command ---------------------------------------------------------------------------


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setenv("TRADEGRAPH_EXTRACTOR", FAKE_EXTRACTOR)
    app = typer.Typer()
    app.command("ingest")(ingest_command)
    app.command("other")(lambda: None)  # with two commands, Typer dispatches on the command name
    return app


def test_ingest_command(tmp_path: Path, cli: typer.Typer) -> None:
    corpus = write_articles(tmp_path / "corpus", range(5))
    db = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 5
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 0
    assert result.stdout.startswith("0 added, 5 already stored, 0 failed")


def test_ingest_command_bad_inputs_exit_1_and_the_rest_is_stored(tmp_path: Path, cli: typer.Typer) -> None:
    corpus = write_articles(tmp_path / "corpus", range(3))
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00")
    db = tmp_path / "t.db"
    result = CliRunner().invoke(
        cli, ["ingest", str(tmp_path / "missing.txt"), str(binary), str(corpus), "--db", str(db)]
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"error: {tmp_path / 'missing.txt'}: no such file or directory",
        f"error: {binary}: binary file (contains NUL bytes), not text",
    ]
    assert count(db) == 3


def test_ingest_command_store_that_cannot_be_opened_exits_2(tmp_path: Path, cli: typer.Typer) -> None:
    corpus = write_articles(tmp_path / "corpus", range(1))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite" * 200)
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(junk)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {junk}: cannot open store")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output


def test_ingest_command_without_an_extractor_exits_2(tmp_path: Path, cli: typer.Typer, monkeypatch) -> None:
    monkeypatch.setenv("TRADEGRAPH_EXTRACTOR", "tradegraph.no_such_module:extract")
    corpus = write_articles(tmp_path / "corpus", range(1))
    result = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", str(tmp_path / "t.db")])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot load the extractor tradegraph.no_such_module:extract")


# -- one document identity ------------------------------------------------------------------------


def news_days(root: Path) -> list[Path]:
    """day1/news.jsonl and day2/news.jsonl: articles without ids, so both files number them news-1, …"""
    for day, numbers in (("day1", range(0, 6)), ("day2", range(6, 12))):
        (root / day).mkdir(parents=True)
        lines = [json.dumps({"text": article(number)}) for number in numbers]
        lines.append(json.dumps({"text": article(0)}))  # day1's first article again: one document
        (root / day / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [root / "day1", root / "day2"]


def test_documents_with_the_same_doc_id_in_two_files_are_kept_apart(tmp_path: Path) -> None:
    from tradegraph.graph import TradeGraph

    db = tmp_path / "t.db"
    day1, day2 = news_days(tmp_path / "corpus")
    report = ingest([day1, day2], db, extractor=FAKE_EXTRACTOR, batch_size=4, progress=False)
    assert (report.added, report.skipped_existing, report.renamed) == (12, 2, 6)
    assert_consistent(db, 12)
    with sqlite3.connect(db) as connection:
        doc_ids = [row[0] for row in connection.execute("SELECT doc_id FROM documents ORDER BY id")]
    assert doc_ids[:6] == [f"news-{n}" for n in range(1, 7)]
    assert doc_ids[6:] == [f"{day2}/news-{n}" for n in range(1, 7)]  # qualified by path, not merged
    graph = TradeGraph.open(db)
    assert len(graph.doc_dates) == 12
    assert sum(flow.mentions for flow in graph.exports("Kazakhstan", "Iran")) == 12
    evidence_docs = {item.doc_id for item in graph.evidence("Kazakhstan", "Iran")}
    assert evidence_docs == set(doc_ids)  # the evidence names the document it came from
    # Re-ingesting the same files adds nothing and renames nothing.
    again = ingest([day1, day2], db, extractor=FAKE_EXTRACTOR, progress=False)
    assert (again.added, again.renamed, again.skipped_existing) == (0, 0, 14)


def test_a_graph_built_from_the_same_files_keeps_them_apart_too(tmp_path: Path) -> None:
    from tradegraph.library import unique_documents

    day1, day2 = news_days(tmp_path / "corpus")
    documents = list(unique_documents([day1, day2]))
    assert len(documents) == 12 and len({d.doc_id for d in documents}) == 12
    assert documents[6].doc_id == f"{day2}/news-1"


def test_jsonl_is_read_line_by_line(tmp_path: Path) -> None:
    from tradegraph.documents import iter_documents

    path = tmp_path / "big.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + json.dumps({"text": "first"}).encode()
        + b"\r\n\n"
        + b'{"text": "caf\xe9"}\n'
        + json.dumps({"text": "never read"}).encode()
    )
    items = iter_documents([path])
    first = next(items)
    assert (first.doc_id, first.text, first.source) == ("big-1", "first", f"{path}:1")
    (problem,) = list(items)  # a line that is not UTF-8 ends the file, as a whole-file read did
    assert "not valid UTF-8: byte 0xe9" in problem.message and "(line 3)" in problem.message


def test_questions_from_a_store_read_only_what_they_ask(tmp_path: Path) -> None:
    from tradegraph.graph import TradeGraph

    corpus = write_articles(tmp_path / "corpus", range(40))
    (corpus / "other.txt").write_text("China exports cement to Russia. Russia exports wheat to Turkey.")
    db = tmp_path / "t.db"
    ingest([corpus], db, extractor=FAKE_EXTRACTOR, progress=False)
    graph = TradeGraph.open(db)
    statements: list[str] = []
    graph.store.connection.set_trace_callback(statements.append)
    (flow,) = graph.exports("China")
    assert (flow.importer, flow.commodity, flow.doc_ids) == ("RUS", "cement", ["other"])
    # The edges asked about with their number of events (counted on the events' index: enough to choose and
    # order the answers), then the events of the edges answered, with their sentences, by the edges' ids.
    reads = [s for s in statements if "edge_events" in s]
    assert len(reads) == 2 and "count(*) FROM edge_events ev WHERE ev.edge = e.id" in reads[0], reads
    assert "WHERE ev.edge IN" in reads[1] and "sentences" in reads[1]
    plans = [
        row[3]
        for statement in statements
        if statement.lstrip().startswith("SELECT")
        for row in graph.store.connection.execute("EXPLAIN QUERY PLAN " + statement)
    ]
    assert not [plan for plan in plans if plan.startswith("SCAN") and "json_each" not in plan], plans
    assert any("edges_target" in plan or "edges_ends" in plan for plan in plans), plans
    # With a date window the answers are chosen from their events' documents, read without sentences.
    statements.clear()
    assert graph.exports("China", since="2000") == []  # the articles have no date
    reads = [s for s in statements if "edge_events" in s]
    assert len(reads) == 1 and "sentences" not in reads[0] and "JOIN documents" in reads[0], reads
    # A good or an HS category is looked up by its indexes, not among every trade flow by type.
    statements.clear()
    assert {flow.exporter for flow in graph.exporters_of("cereals")} == {"KAZ", "RUS"}
    plans = [
        row[3]
        for statement in statements
        if "FROM edges e" in statement
        for row in graph.store.connection.execute("EXPLAIN QUERY PLAN " + statement)
    ]
    assert any("edges_commodity" in plan for plan in plans) and any("edges_hs_code" in plan for plan in plans)
    assert not [plan for plan in plans if "edges_type" in plan], plans
