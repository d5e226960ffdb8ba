"""What `ingest` does when it cannot do all it is asked: a document the extractor fails on (only that one is
reported, naming the step that failed, and the rest of its batch is extracted and written once, in this
process, in worker processes and on Dask), and a store it may not write (one `error:` line, exit 2, the store
and its directory left as they were)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from test_cli import error_lines
from test_cli_query import _as_unprivileged as as_unprivileged
from typer.testing import CliRunner

import tradegraph.store
from tradegraph.cli import app
from tradegraph.store import Store, ingest
from tradegraph.testing import FAKE_EXTRACTOR

REPO = Path(tradegraph.store.__file__).resolve().parents[1]


def write_corpus(directory: Path, count: int) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        text = f"Article {number}. Kazakhstan exports wheat to Iran, the ministry said on day {number}."
        (directory / f"a{number:02d}.txt").write_text(text, encoding="utf-8")
    return directory


# -- a document the extractor fails on -------------------------------------------------------------------


@pytest.fixture
def extraction_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fake extractor logs each document it extracts there, and fails on texts saying "failing"; set
    before any worker starts, so that workers see it too."""
    log = tmp_path / "extracted.log"
    monkeypatch.setenv("TRADEGRAPH_FAKE_LOG", str(log))
    monkeypatch.setenv("TRADEGRAPH_FAKE_FAIL", "failing")
    return log


@pytest.fixture
def mode(request, extraction_log: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    if request.param == "in this process":
        yield {}
    elif request.param == "2 worker processes":
        yield {"workers": 2}
    else:
        distributed = pytest.importorskip("distributed")
        # Dask's workers are new processes: they import tradegraph as this one does and see its environment.
        monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
        with distributed.LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
        ) as cluster:
            yield {"dask_address": cluster.scheduler_address}


FAILING = {"one": [7], "neighbours": [4, 5], "first-and-last": [0, 11]}


@pytest.mark.parametrize(
    ("mode", "failing"),
    [(mode, failing) for mode in ("in this process", "2 worker processes") for failing in FAILING.values()]
    + [("dask", FAILING["neighbours"])],  # a cluster takes seconds to start: one case there
    ids=[f"{mode}-{name}" for mode in ("in this process", "2 worker processes") for name in FAILING]
    + ["dask-neighbours"],
    indirect=["mode"],
)
def test_only_the_failing_documents_are_reported_and_the_rest_extracted_once(
    failing: list[int], mode: dict, extraction_log: Path, tmp_path: Path
) -> None:
    corpus = write_corpus(tmp_path / "corpus", 12)
    for number in failing:
        path = corpus / f"a{number:02d}.txt"
        path.write_text(path.read_text(encoding="utf-8") + " This one is failing.", encoding="utf-8")
    seen = []
    report = ingest(
        [corpus], tmp_path / "t.db", batch_size=4, extractor=FAKE_EXTRACTOR, progress=False,
        on_problem=seen.append, **mode,
    )  # fmt: skip
    assert (report.added, report.failed) == (12 - len(failing), len(failing))
    assert [(Path(p.path).name, p.message) for p in seen] == [
        (
            f"a{number:02d}.txt",
            f"extraction failed in fake_component: FakeExtractorError: fake extractor failed on a{number:02d}",
        )
        for number in failing
    ]
    # Each document went through the extractor once: no batch was extracted again for one bad document.
    extracted = Counter(extraction_log.read_text(encoding="utf-8").split())
    assert extracted == Counter(f"a{number:02d}" for number in range(12))
    with Store(tmp_path / "t.db", readonly=True) as store:
        stored = sorted(extraction.doc_id for extraction in store.extractions())
    assert stored == [f"a{number:02d}" for number in range(12) if number not in failing]


def test_an_extractor_without_on_error_that_raises_costs_only_the_bad_document(tmp_path: Path) -> None:
    """A plain `documents -> extractions` function that raises on a batch: the batch is retried one document
    at a time and the error reported for the bad one only."""
    from tradegraph.testing import fake_extract_documents

    def extract(documents):
        documents = list(documents)
        if any(document.text.startswith("Article 2.") for document in documents):
            raise ValueError("cannot read article 2")
        return fake_extract_documents(documents)

    corpus = write_corpus(tmp_path / "corpus", 6)
    report = ingest([corpus], tmp_path / "t.db", batch_size=4, progress=False, extractor=extract)
    assert (report.added, report.failed) == (5, 1)
    (problem,) = report.problems
    assert Path(problem.path).name == "a02.txt"
    assert problem.message == "extraction failed: ValueError: cannot read article 2"


def test_ingest_command_names_the_failing_component_for_a_file_and_a_jsonl_line(
    failing_component, tmp_path: Path
) -> None:
    """The real pipeline: the line `extract` and `build` print, `error: FILE[:LINE]: extraction failed in
    COMPONENT: ERROR`, once per bad document; the others are stored."""
    bad = tmp_path / "bad.txt"
    bad.write_text(f"Peru sells zinc to Korea. {failing_component.marker}", encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("Chile sells copper to Japan.", encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "n1", "text": "Kenyan tea is exported to Pakistan."},
        {"id": "n2", "text": f"Brazil ships soybeans to China. {failing_component.marker}"},
        {"id": "n3", "text": "Vietnam exports rice to the Philippines."},
    ]
    feed.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    db = tmp_path / "store.db"
    result = CliRunner().invoke(
        app, ["ingest", str(good), str(bad), str(feed), "--db", str(db), "--no-progress"]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output + result.stderr
    assert error_lines(result.stderr) == [
        f"error: {bad}: extraction failed in {failing_component.name}: RuntimeError: {failing_component.marker} in bad",
        f"error: {feed}:2: extraction failed in {failing_component.name}: RuntimeError: {failing_component.marker} in n2",
    ]  # fmt: skip
    with Store(db, readonly=True) as store:
        assert sorted(e.doc_id for e in store.extractions()) == ["good", "n1", "n3"]


# -- a store that cannot be written ----------------------------------------------------------------------


def _snapshot(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


@pytest.fixture
def shared_tmp():
    """A directory others may enter (root's pytest tmp is private), removed afterwards whatever its mode."""
    directory = Path(tempfile.mkdtemp(prefix="tradegraph-ro-ingest-"))
    directory.chmod(0o755)
    yield directory
    for path in [directory, *directory.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(directory)


@pytest.mark.parametrize(
    "case", ["read-only file", "read-only directory", "read-only file and directory", "new store, read-only directory"]
)  # fmt: skip
def test_ingest_into_a_readonly_store_says_so_on_one_line_and_changes_nothing(
    case: str, shared_tmp: Path, tmp_path: Path
) -> None:
    prefix = as_unprivileged()
    if prefix is None:
        pytest.skip("running as root without setpriv: a read-only file cannot be made read-only for us")
    corpus = write_corpus(shared_tmp / "corpus", 3)
    stores = shared_tmp / "stores"
    stores.mkdir()
    db = stores / "t.db"
    if not case.startswith("new store"):
        ingest([write_corpus(tmp_path / "earlier", 2)], db, extractor=FAKE_EXTRACTOR, progress=False)
        db.chmod(0o444 if "file" in case else 0o666)
    stores.chmod(0o555 if "directory" in case else 0o777)
    before = _snapshot(stores)

    env = {
        **os.environ,
        "HOME": str(shared_tmp),
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        "TRADEGRAPH_EXTRACTOR": FAKE_EXTRACTOR,
    }
    command = [*prefix, sys.executable, "-m", "tradegraph.cli", "ingest", str(corpus), "--db", str(db)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=shared_tmp, check=False)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: cannot write to the store {db}: it is read-only"]
    assert result.stdout == ""
    assert _snapshot(stores) == before  # no byte changed, no -wal or -shm left behind
    if not case.startswith("new store"):
        with Store(db, readonly=True) as store:
            assert store.stats().documents == 2
