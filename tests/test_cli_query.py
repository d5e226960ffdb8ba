"""`tradegraph query`, `export`, `plot`, `view` and `build` on the command line: which graph they read (the
user's own graph or store in the working directory, named on stderr; the seeds only when there is none),
read-only stores, and how answers are printed (tables, csv, jsonl, json); every question form of
tests/test_query.py through the CLI on both back ends."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import networkx as nx
import pytest
import question_graph
from test_cli import error_lines, run
from test_query import FORMS_PEOPLE_TYPE

from tradegraph.answers import plain_numbers
from tradegraph.graph import TradeGraph
from tradegraph.query import answer_question

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_1aa9169cea73a8d5.txt"
ARTICLE = "Chile exports copper to South Korea. Peru sells zinc to South Korea.\n"


@pytest.fixture(scope="module")
def backends(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, Path]]:
    directory = tmp_path_factory.mktemp("cli-questions")
    question_graph.graphs(directory)
    return {"file": ("--graph", directory / "questions.json"), "store": ("--db", directory / "questions.db")}


@pytest.fixture(scope="module")
def memory() -> TradeGraph:
    return TradeGraph.from_extractions(doc.extraction() for doc in question_graph.documents())


# -- every form, both back ends ------------------------------------------------------------------------------
@pytest.mark.parametrize("backend", ["file", "store"])
@pytest.mark.parametrize("question", [case[0] for case in FORMS_PEOPLE_TYPE if case[1]])
def test_every_form_answers_on_the_command_line_as_in_the_library(backends, memory, backend, question):
    option, path = backends[backend]
    result = run("query", question, option, path, "--json")
    assert result.exit_code == 0, result.stderr
    printed = json.loads(result.stdout)
    expected = answer_question(memory, question)
    assert printed["rows"] == plain_numbers(expected.model_dump(mode="json")["rows"])
    assert printed["message"] == expected.message
    assert printed["graph"] == {
        "kind": "graph" if backend == "file" else "store",
        "paths": [str(path)],
        "documents": 9,
        "why": None,
    }


@pytest.mark.parametrize("backend", ["file", "store"])
@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("what does Mexico export to the U.S.", None),
        ("what is Brazil's biggest export", None),
        ("what does Kazahkstan export", "error: unknown country: 'Kazahkstan' (did you mean Kazakhstan?)"),
        ("Brasil exports", "error: unknown country: 'Brasil' (did you mean Brazil?)"),
        ("Indonesa coal exports", "error: unknown country: 'Indonesa' (did you mean Indonesia?)"),
        ("what does Narnia export", "error: unknown country: 'Narnia'"),
    ],
)
def test_country_errors_are_one_line_with_did_you_mean(backends, backend, question, message):
    option, path = backends[backend]
    result = run("query", question, option, path, "--format", "csv")
    if message is None:
        assert result.exit_code == 0 and error_lines(result.stderr) == []
        return
    assert result.exit_code == 2
    assert result.stdout == ""
    assert error_lines(result.stderr) == [message]


def test_unparsed_question_suggests_forms_with_the_users_countries(backends):
    result = run("query", "Brazil soy shipments China", *backends["store"])
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = error_lines(result.stderr)
    assert "Brazil" in line and "Kazakhstan" not in line and "Iran" not in line


# -- which graph -----------------------------------------------------------------------------------------------
@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory with one article in articles/ (countries the seeds do not hold)."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "copper.txt").write_text(ARTICLE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def graph_line(stderr: str) -> str:
    (line,) = [line for line in stderr.splitlines() if line.startswith("graph: ")]
    return line


def test_without_a_graph_the_seeds_answer_and_say_so(workdir):
    result = run("query", "what does Kazakhstan export to Iran", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert "barley" in result.stdout
    line = graph_line(result.stderr)
    assert line.startswith("graph: the shipped seeds/ (1 document;")
    assert "graph.json" in line and "tradegraph.db" in line  # how to make one


def test_build_leaves_the_graph_that_query_then_reads(workdir):
    built = run("build", "articles")
    assert built.exit_code == 0, built.stderr
    assert (workdir / "graph.json").is_file()
    result = run("query", "what does South Korea import", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert {row["commodity"] for row in csv.DictReader(io.StringIO(result.stdout))} == {"copper", "zinc"}
    assert graph_line(result.stderr) == "graph: graph.json (1 document; in the working directory)"
    # The seeds are not read any more: their countries are not in the user's graph.
    empty = run("query", "what does Kazakhstan export to Iran", "--format", "csv")
    assert empty.exit_code == 0 and empty.stdout == ""
    assert "No exports from Kazakhstan to Iran in the graph." in empty.stderr


def test_ingest_leaves_the_store_that_query_then_reads(workdir):
    ingested = run("ingest", "articles", "--no-progress")
    assert ingested.exit_code == 0, ingested.stderr
    assert (workdir / "tradegraph.db").is_file()
    result = run("query", "what does Chile export", "--json")
    assert result.exit_code == 0, result.stderr
    answer = json.loads(result.stdout)
    assert [row["commodity"] for row in answer["rows"]] == ["copper"]
    assert answer["graph"] == {
        "kind": "store",
        "paths": ["tradegraph.db"],
        "documents": 1,
        "why": "in the working directory",
    }


def test_with_both_the_one_written_last_is_read(workdir):
    assert run("build", "articles").exit_code == 0
    assert run("ingest", str(SEED), "--no-progress").exit_code == 0
    older, newer = ("graph.json", "tradegraph.db")
    os.utime(older, (1_000_000_000, 1_000_000_000))
    result = run("query", "what does Kazakhstan export to Iran", "--format", "csv")
    assert "barley" in result.stdout
    assert (
        graph_line(result.stderr)
        == f"graph: store {newer} (1 document; in the working directory, written after {older})"
    )
    os.utime(newer, (1_000_000_000, 1_000_000_000))
    os.utime(older, None)
    result = run("query", "what does Chile export", "--format", "csv")
    assert "copper" in result.stdout
    assert graph_line(result.stderr).startswith(
        "graph: graph.json (1 document; in the working directory, written after"
    )


def test_export_plot_and_view_read_the_users_graph_too(workdir):
    assert run("build", "articles").exit_code == 0
    exported = run("export", "-o", "trade.graphml")
    assert exported.exit_code == 0, exported.stderr
    labels = {data["label"] for _, data in nx.read_graphml("trade.graphml").nodes(data=True)}
    assert {"Chile", "South Korea", "copper"} <= labels and "Kazakhstan" not in labels
    assert graph_line(exported.stderr) == "graph: graph.json (1 document; in the working directory)"
    viewed = run("view", "-o", "page.html")
    assert viewed.exit_code == 0, viewed.stderr
    page = Path("page.html").read_text(encoding="utf-8")
    assert "South Korea" in page and "Kazakhstan" not in page
    plotted = run("plot", "-o", "trade.png")
    assert plotted.exit_code == 0, plotted.stderr
    assert graph_line(plotted.stderr).startswith("graph: graph.json")


def test_build_reads_articles_not_the_graph_it_replaces(workdir):
    assert run("build", "articles").exit_code == 0
    rebuilt = run("build")  # no inputs: the seeds, never ./graph.json itself
    assert rebuilt.exit_code == 0, rebuilt.stderr
    assert "from the shipped seeds/" in rebuilt.stdout
    assert "Kazakhstan" in {d["label"] for d in TradeGraph.load("graph.json").to_networkx().nodes.values()}


@pytest.mark.parametrize(
    "args",
    [
        ["query", "what does Iran export", "--graph", "g.json", "--db", "t.db"],
        ["query", "what does Iran export", "--graph", "g.json", "-i", "articles"],
        ["export", "--graph", "g.json", "--db", "t.db"],
        ["view", "--db", "t.db", "articles"],
        ["plot", "--graph", "g.json", "--db", "t.db"],
        ["build", "articles", "--db", "t.db"],
    ],
)
def test_two_sources_at_once_are_an_error(workdir, args):
    result = run(*args)
    assert result.exit_code == 2
    assert error_lines(result.stderr) == [
        next(line for line in result.stderr.splitlines() if line.startswith("error: give one source"))
    ]
    assert result.stdout == ""


# -- read-only stores ------------------------------------------------------------------------------------------
def _as_unprivileged() -> list[str] | None:
    """The command prefix that runs a process without the rights to write a read-only file: none needed
    for an ordinary user; for root (whom chmod does not stop) setpriv to nobody; None when impossible."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        return None
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


@pytest.fixture(params=["read-only directory", "read-only file"])
def readonly_store(backends, request):
    prefix = _as_unprivileged()
    if prefix is None:
        pytest.skip("running as root without setpriv: a read-only file cannot be made read-only for us")
    directory = Path(tempfile.mkdtemp(prefix="tradegraph-ro-"))
    directory.chmod(0o755)  # others may enter (root's pytest tmp is private)
    store = directory / "questions.db"
    shutil.copy(backends["store"][1], store)
    out = Path(tempfile.mkdtemp(prefix="tradegraph-out-"))
    out.chmod(0o777)
    store.chmod(0o444)
    directory.chmod(0o555 if request.param == "read-only directory" else 0o777)
    yield prefix, store, out
    directory.chmod(0o755)
    shutil.rmtree(directory)
    shutil.rmtree(out)


def test_a_readonly_store_can_be_queried_built_from_and_exported(readonly_store, memory):
    prefix, store, out = readonly_store
    size = store.stat().st_size
    command = [*prefix, sys.executable, "-m", "tradegraph.cli"]
    env = {**os.environ, "HOME": str(out)}
    queried = subprocess.run(
        [*command, "query", "what does Brazil export", "--db", str(store), "--json"],
        capture_output=True, text=True, env=env, cwd=out, check=False,
    )  # fmt: skip
    assert queried.returncode == 0, queried.stderr
    rows = json.loads(queried.stdout)["rows"]
    assert rows == plain_numbers(
        answer_question(memory, "what does Brazil export").model_dump(mode="json")["rows"]
    )
    built = subprocess.run(
        [*command, "build", "--db", str(store), "-o", str(out / "graph.json")],
        capture_output=True, text=True, env=env, cwd=out, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    assert len(TradeGraph.load(out / "graph.json").doc_dates) == 9
    exported = subprocess.run(
        [*command, "export", "--db", str(store), "-o", str(out / "trade.graphml")],
        capture_output=True, text=True, env=env, cwd=out, check=False,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert store.stat().st_mode & 0o777 == 0o444 and store.stat().st_size == size  # the store is untouched


# -- output ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_an_empty_answer_prints_nothing_on_stdout_in_csv_and_jsonl(backends, fmt):
    result = run("query", "does Kazakhstan export coal to Iran", *backends["file"], "--format", fmt)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No exports of coal from Kazakhstan to Iran in the graph." in result.stderr
    assert error_lines(result.stderr) == []


def test_an_empty_answer_in_a_table_or_json_says_so_on_stdout(backends):
    table = run("query", "does Kazakhstan export coal to Iran", *backends["file"])
    assert table.stdout.strip() == "No exports of coal from Kazakhstan to Iran in the graph."
    answer = json.loads(
        run("query", "does Kazakhstan export coal to Iran", *backends["file"], "--json").stdout
    )
    assert answer["rows"] == [] and answer["message"].startswith("No exports of coal")


def test_jsonl_keeps_lists_as_lists_and_numbers_plain(backends):
    result = run("query", "what does Brazil export to China", *backends["store"], "--format", "jsonl")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    soybeans = next(record for record in records if record["commodity"] == "soybeans")
    assert isinstance(soybeans["doc_ids"], list) and isinstance(soybeans["evidence"], list)
    assert soybeans["evidence"][0]["sentence"].startswith("Brazil shipped soybeans")
    assert soybeans["values"][0]["value"] == 20500000000
    assert '"value": 20500000000,' in result.stdout


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json", "table"])
def test_values_never_print_in_exponent_notation(backends, fmt):
    result = run("query", "Kazakhstan Iran trade", *backends["file"], "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "e+" not in result.stdout
    if fmt == "table":
        assert "300 million" in result.stdout
    else:
        assert "300000000" in result.stdout and "300000000.0" not in result.stdout


def test_csv_values_are_plain_numbers(backends):
    result = run("query", "what does Brazil export to China", *backends["file"], "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert next(row for row in rows if row["commodity"] == "soybeans")["values"] == "20500000000 USD"


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("seed") / "graph.json"
    assert run("build", SEED, "-o", output).exit_code == 0
    return output


def test_the_table_prints_each_source_sentence_once_at_its_natural_width(seed_graph):
    result = run("query", "what does Kazakhstan export to Iran", "--graph", seed_graph)
    assert result.exit_code == 0, result.stderr
    sentence = "Kazakhstan supplies barley, wheat, rolled iron, meat, sunflower seeds and rapeseed to Iran"
    assert result.stdout.count(sentence) == 1  # six rows read from it
    table = [line for line in result.stdout.splitlines() if line.startswith(("┃", "│"))]
    assert len(table) == 9  # header and eight flows: no cell folded onto a second line
    assert len({len(line) for line in table}) == 1 and len(table[0]) < 120  # not padded to 160 columns
    barley = next(line for line in table if "barley" in line)
    assert "[1]" in barley
    assert "\n[1] 000_1aa9169cea73a8d5: " + sentence in result.stdout


def test_explain_prints_every_full_sentence(seed_graph):
    result = run("query", "what does Kazakhstan export to Iran", "--graph", seed_graph, "--explain")
    lines = result.stdout.splitlines()
    full = [line for line in lines if line.startswith("  [000_1aa9169cea73a8d5] Kazakhstan")]
    assert len(full) == 6  # the sentence under each of its six rows, whole, its matched words marked
    assert all(line.endswith("tableware and meat processing equipment from Iran.") for line in full)
    assert all("«" in line and "»" in line for line in full)


def test_a_terminal_table_folds_to_the_terminal_and_clips_its_notes():
    from tradegraph.cli_query import render_table_answer

    kg = TradeGraph.from_extractions(doc.extraction() for doc in question_graph.documents())
    text = render_table_answer(answer_question(kg, "what does Brazil export").rows, width=60)
    assert max(len(line) for line in text.splitlines()) <= 60
    assert "[3] br-cn: Brazil shipped soybeans worth $20.5 billion to C…" in text.splitlines()
    assert "20.5" in text and "negated" not in text  # a column False in every row is left out
