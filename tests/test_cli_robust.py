"""Bad input and bad output paths through the command line (issue 12): each case is one `error:` (or
`warning:`) line, the other files of the batch are still processed, and no traceback or usage box."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradegraph.cli import app
from tradegraph.store import Store

COMMANDS = ["extract", "build", "query", "ingest", "export", "plot", "view", "eval"]


def run(*args: object):
    result = CliRunner().invoke(app, [str(arg) for arg in args])
    assert "Traceback" not in result.output + result.stderr
    assert "Usage:" not in result.stderr  # never the usage box for a bad input
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def lines(stream: str, prefix: str) -> list[str]:
    return [line for line in stream.splitlines() if line.startswith(prefix)]


def jsonl(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    texts = {
        "chile": "Chile sells copper to Japan.",
        "kenya": "Kenyan tea is exported to Pakistan.",
    }
    paths = {}
    for name, text in texts.items():
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text(text, encoding="utf-8")
    return paths


# -- a component that fails on one document ------------------------------------------------------------


def test_extract_reports_the_document_and_component_and_goes_on(
    failing_component, articles, tmp_path
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(f"Peru sells zinc to Korea. {failing_component.marker}", encoding="utf-8")
    result = run("extract", articles["chile"], bad, articles["kenya"])
    assert result.exit_code == 1
    assert [e["doc_id"] for e in jsonl(result.stdout)] == ["chile", "kenya"]
    assert lines(result.stderr, "error:") == [
        f"error: {bad}: extraction failed in {failing_component.name}: RuntimeError: "
        f"{failing_component.marker} in bad"
    ]


def test_build_saves_the_graph_of_the_other_documents_and_exits_1(
    failing_component, articles, tmp_path
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(f"Peru sells zinc to Korea. {failing_component.marker}", encoding="utf-8")
    output = tmp_path / "graph.json"
    result = run("build", articles["chile"], bad, articles["kenya"], "-o", output, "--json")
    assert result.exit_code == 1
    assert len(lines(result.stderr, "error:")) == 1 and "bad.txt" in result.stderr
    saved = json.loads(output.read_text(encoding="utf-8"))
    assert sorted(saved["documents"]) == ["chile", "kenya"]


def test_ingest_stores_the_other_documents(failing_component, articles, tmp_path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text(f"Peru sells zinc to Korea. {failing_component.marker}", encoding="utf-8")
    db = tmp_path / "store.db"
    result = run("ingest", articles["chile"], bad, articles["kenya"], "--db", db, "--no-progress")
    assert result.exit_code == 1
    (line,) = lines(result.stderr, "error:")
    assert line.startswith(f"error: {bad}: extraction failed") and failing_component.name in line
    with Store(db, readonly=True) as store:
        assert sorted(e.doc_id for e in store.extractions()) == ["chile", "kenya"]


def test_eval_stops_on_one_line_naming_the_article(failing_component, tmp_path) -> None:
    gold = {
        "id": "g-bad",
        "text": f"Peru sells zinc to Korea. {failing_component.marker}",
        "countries": ["PER"],
    }
    (tmp_path / "g-bad.json").write_text(json.dumps(gold), encoding="utf-8")
    result = run("eval", tmp_path)
    assert result.exit_code == 1
    assert lines(result.stderr, "error:") == [
        f"error: g-bad: extraction failed in {failing_component.name}: RuntimeError: "
        f"{failing_component.marker} in g-bad"
    ]


# -- long documents ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("long") / "long.txt"
    text = "Chile sells copper to Japan.\n\n" + "\n" * 1_050_000 + "Kenyan tea is exported to Pakistan.\n"
    path.write_text(text, encoding="utf-8")
    return path


def test_extract_reads_a_document_over_a_million_characters(long_article) -> None:
    result = run("extract", long_article)
    assert result.exit_code == 0, result.stderr
    (extraction,) = jsonl(result.stdout)
    text = long_article.read_text(encoding="utf-8")
    found = [(f["exporter"], f["importer"], f["commodity"]["name"]) for f in extraction["trade_flows"]]
    assert found == [("CHL", "JPN", "copper"), ("KEN", "PAK", "tea")]
    last = extraction["trade_flows"][1]["evidence"]
    assert text[last["start"] : last["end"]] == last["text"]


def test_build_query_and_ingest_read_a_document_over_a_million_characters(long_article, tmp_path) -> None:
    built = run("build", long_article, "-o", tmp_path / "graph.json")
    assert built.exit_code == 0, built.stderr
    answered = run("query", "what does Pakistan import", "-i", long_article, "--format", "csv")
    assert answered.exit_code == 0, answered.stderr
    assert "KEN" in answered.stdout and "tea" in answered.stdout
    ingested = run("ingest", long_article, "--db", tmp_path / "store.db", "--no-progress")
    assert ingested.exit_code == 0 and ingested.stderr == ""
    with Store(tmp_path / "store.db", readonly=True) as store:
        (extraction,) = store.extractions()
    assert [(f.exporter, f.importer) for f in extraction.trade_flows] == [("CHL", "JPN"), ("KEN", "PAK")]


# -- output paths ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["extract", "build"])
@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("missing/dir/out.json", "directory {tmp}/missing/dir does not exist"),
        ("existing", "it is a directory"),
        ("plain.txt/out.json", "{tmp}/plain.txt is not a directory"),
    ],
)
def test_an_output_path_that_cannot_be_written_is_refused_before_any_work(
    command, target, reason, articles, tmp_path
) -> None:
    (tmp_path / "existing").mkdir()
    (tmp_path / "plain.txt").write_text("x", encoding="utf-8")
    result = run(command, articles["chile"], "-o", tmp_path / target)
    assert result.exit_code == 2
    expected = f"error: cannot write {tmp_path / target}: " + reason.format(tmp=tmp_path)
    assert lines(result.stderr, "error:") == [expected]
    assert result.stdout == ""


@pytest.mark.parametrize("command", ["extract", "build"])
def test_a_read_only_directory_is_refused(command, articles, tmp_path, monkeypatch) -> None:
    read_only = tmp_path / "ro"
    read_only.mkdir()
    access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: Path(path) != read_only and access(path, mode))
    result = run(command, articles["chile"], "-o", read_only / "out.json")
    assert result.exit_code == 2
    assert lines(result.stderr, "error:") == [
        f"error: cannot write {read_only / 'out.json'}: directory {read_only} is not writable"
    ]
    assert list(read_only.iterdir()) == []


@pytest.mark.parametrize("command", ["extract", "build"])
def test_a_write_that_fails_midway_keeps_the_old_file(command, articles, tmp_path, monkeypatch) -> None:
    target = tmp_path / "out.json"
    target.write_text("old content", encoding="utf-8")

    def read_only_file_system(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only_file_system)
    result = run(command, articles["chile"], "-o", target)
    assert result.exit_code == 1
    assert lines(result.stderr, "error:") == [f"error: cannot write {target}: read-only file system"]
    assert target.read_text(encoding="utf-8") == "old content"


# -- unreadable files named on the command line -------------------------------------------------------------


@pytest.fixture
def unreadable(tmp_path, monkeypatch) -> Path:
    """A file this process may not read (simulated: the tests may run as root, who reads everything)."""
    path = tmp_path / "secret.txt"
    path.write_text("Chile sells copper to Japan.", encoding="utf-8")
    access, read_bytes = os.access, Path.read_bytes

    def no_access(target, mode, **kwargs):
        return False if Path(target) == path else access(target, mode, **kwargs)

    def no_read(self):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(os, "access", no_access)
    monkeypatch.setattr(Path, "read_bytes", no_read)
    return path


def test_extract_reports_an_unreadable_file_and_reads_the_others(unreadable, articles) -> None:
    result = run("extract", unreadable, articles["kenya"])
    assert result.exit_code == 1
    assert lines(result.stderr, "error:") == [f"error: {unreadable}: cannot read: permission denied"]
    assert [e["doc_id"] for e in jsonl(result.stdout)] == ["kenya"]


def test_ingest_reports_an_unreadable_file_and_stores_the_others(unreadable, articles, tmp_path) -> None:
    db = tmp_path / "store.db"
    result = run("ingest", unreadable, articles["kenya"], "--db", db, "--no-progress")
    assert result.exit_code == 1
    assert lines(result.stderr, "error:") == [f"error: {unreadable}: cannot read: permission denied"]
    with Store(db, readonly=True) as store:
        assert [e.doc_id for e in store.extractions()] == ["kenya"]


def test_build_and_query_report_a_bad_input_and_exit_1_after_answering(articles, tmp_path) -> None:
    missing = tmp_path / "missing.txt"
    built = run("build", articles["chile"], missing, "-o", tmp_path / "graph.json")
    assert built.exit_code == 1 and (tmp_path / "graph.json").exists()
    assert lines(built.stderr, "error:") == [f"error: {missing}: no such file or directory"]
    answered = run("query", "what does Japan import", articles["chile"], missing, "--format", "csv")
    assert answered.exit_code == 1 and "copper" in answered.stdout


# -- dates ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value"),
    [("--since", "2020-13"), ("--since", "2020-02-30"), ("--until", "2021-04-31"), ("--until", "soon")],
)
def test_a_date_bound_that_is_not_a_date_is_refused(option, value, articles) -> None:
    result = run("query", "what does Japan import", articles["chile"], option, value)
    assert result.exit_code == 2
    (line,) = lines(result.stderr, "error:")
    assert line.startswith(f"error: {option}") and repr(value) in line


def test_a_date_in_the_question_that_is_not_a_date_is_refused(articles) -> None:
    result = run("query", "what does Japan import since 2020-13", articles["chile"])
    assert result.exit_code == 2 and "'2020-13' is not a date" in result.stderr


def test_records_whose_dates_are_not_dates_are_read_without_them_with_a_warning(tmp_path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {"id": "a", "text": "Chile sells copper to Japan.", "date": "not-a-date"},
        {"id": "b", "text": "Kenyan tea is exported to Pakistan.", "date": "2021-13-45"},
        {"id": "c", "text": "Oman sells gas to India.", "date": "2021-03-04"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    result = run("extract", feed)
    assert result.exit_code == 0
    assert [(e["doc_id"], e["date"]) for e in jsonl(result.stdout)] == [
        ("a", None),
        ("b", None),
        ("c", "2021-03-04"),
    ]
    assert lines(result.stderr, "warning:") == [
        f"warning: {feed}:1: date 'not-a-date' is not a date; the article is read without one",
        f"warning: {feed}:2: date '2021-13-45' is not a date; the article is read without one",
    ]
    db = tmp_path / "store.db"
    assert run("ingest", feed, "--db", db, "--no-progress").exit_code == 0
    with Store(db, readonly=True) as store:
        assert sorted((e.doc_id, e.date) for e in store.extractions()) == [
            ("a", None), ("b", None), ("c", "2021-03-04")
        ]  # fmt: skip


# -- inputs that are not plain text ----------------------------------------------------------------------------


def test_json_and_pdf_files_are_read_for_what_they_are(articles, tmp_path) -> None:
    article = tmp_path / "story.json"
    article.write_text(
        json.dumps({"id": "story", "title": "Copper", "text": "Peru exports copper to China."}),
        encoding="utf-8",
    )
    graph = tmp_path / "graph.json"
    graph.write_text(
        json.dumps({"format": "tradegraph-graph", "version": 1, "extractions": []}), encoding="utf-8"
    )
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n")
    result = run("extract", article, graph, pdf, articles["kenya"])
    assert result.exit_code == 1
    extracted = jsonl(result.stdout)
    assert [(e["doc_id"], e["title"]) for e in extracted] == [("story", None), ("kenya", None)]  # not "{"
    assert [(f["exporter"], f["importer"]) for f in extracted[0]["trade_flows"]] == [("PER", "CHN")]
    errors = lines(result.stderr, "error:")
    assert errors == [
        f'error: {graph}: JSON file holds no article: expected an object with "text", or a list of them '
        "(a saved graph is read with --graph)",
        f"error: {pdf}: a PDF document, not text; convert it to text first",
    ]


# -- help ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_values_not_python_types(command) -> None:
    result = CliRunner().invoke(app, [command, "--help"], terminal_width=100)
    assert result.exit_code == 0
    assert not re.search(r"<(bool|str|int|path|list\[|float)", result.stdout), result.stdout


@pytest.mark.parametrize(
    "form",
    [
        ["-i", "{chile}", "{kenya}"],  # several files after one -i
        ["-i", "{chile}", "-i", "{kenya}"],
        ["{chile}", "{kenya}"],  # the articles as arguments after the question
    ],
)
def test_query_reads_every_file_named(form, articles) -> None:
    paths = [part.format(**articles) for part in form]
    for question, answer in [("what does Japan import", "copper"), ("what does Pakistan import", "tea")]:
        result = run("query", question, *paths, "--format", "csv")
        assert result.exit_code == 0 and answer in result.stdout, (question, result.stdout)
