"""The `tradegraph` command line through Typer's CliRunner: extract, build, query, export, bad input."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from tradegraph.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_1aa9169cea73a8d5.txt"

KAZ_TO_IRN = {
    ("barley", "actual"),
    ("wheat", "actual"),
    ("rolled iron", "actual"),
    ("meat", "actual"),
    ("sunflower seeds", "actual"),
    ("rapeseed", "actual"),
    ("chemical materials", "potential"),
    ("metals", "potential"),
}
IRN_TO_KAZ = {
    ("pistachios", "actual"),
    ("dates", "actual"),
    ("apples", "actual"),
    ("plastics", "actual"),
    ("tableware", "actual"),
    ("meat processing equipment", "actual"),
    ("fresh and dried fruits", "potential"),
    ("cement", "potential"),
    ("industrial machinery", "potential"),
}

runner = CliRunner()


def run(*args: str):
    result = runner.invoke(app, [str(arg) for arg in args])
    assert "Traceback" not in result.stdout
    assert "Traceback" not in result.stderr
    if result.exception is not None:
        assert isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("graph") / "graph.json"
    result = run("build", SEED, "-o", output)
    assert result.exit_code == 0, result.stderr
    assert output.exists()
    return output


def ask(graph_file: Path, question: str) -> dict:
    result = run("query", question, "--graph", graph_file, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# -- --help --------------------------------------------------------------------------------------------------
COMMANDS = ["extract", "build", "query", "export", "eval", "ingest", "plot", "view"]


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_of_every_command(command: str) -> None:
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0, result.stderr
    assert "Usage" in result.stdout


# -- extract -------------------------------------------------------------------------------------------------
def test_extract_jsonl_prints_one_object_per_file_with_the_issue_field_names() -> None:
    result = run("extract", SEED)
    assert result.exit_code == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["doc_id"] == SEED.stem
    assert record["date"] == "2020-02-11"
    for field in ["countries", "officials", "locations", "trade_flows", "trade_values", "meetings"]:
        assert isinstance(record[field], list), field
    assert {"name", "iso3"} <= set(record["countries"][0])
    assert {"name", "title", "role_class", "country", "posted_to", "former", "evidence"} <= set(
        record["officials"][0]
    )
    assert {"name", "kind", "country", "evidence"} <= set(record["locations"][0])
    flow = record["trade_flows"][0]
    assert {"exporter", "importer", "commodity", "modality", "negated", "evidence"} <= set(flow)
    assert {"name", "hs_code"} <= set(flow["commodity"])
    assert {"doc_id", "sentence", "start", "end"} <= set(flow["evidence"])
    flows = {
        (f["exporter"], f["importer"], f["commodity"]["name"], f["modality"]) for f in record["trade_flows"]
    }
    assert {(e, i, c, m) for e, i, c, m in flows if (e, i) == ("KAZ", "IRN")} == {
        ("KAZ", "IRN", c, m) for c, m in KAZ_TO_IRN
    }


def test_extract_json_is_one_array() -> None:
    result = run("extract", SEED, "--format", "json")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert isinstance(records, list) and len(records) == 1
    assert records[0]["doc_id"] == SEED.stem
    assert len(records[0]["trade_flows"]) == 17


def test_extract_table_lists_the_flows() -> None:
    result = run("extract", SEED, "--format", "table")
    assert result.exit_code == 0, result.stderr
    assert SEED.stem in result.stdout
    for word in ["barley", "pistachios", "potential", "Orazbay", "Aktau"]:
        assert word in result.stdout


def test_extract_csv_has_one_row_per_flow() -> None:
    result = run("extract", SEED, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 17
    assert {"exporter", "importer", "commodity", "modality", "negated"} <= set(rows[0])
    assert {(r["commodity"], r["modality"]) for r in rows if r["exporter"] == "KAZ"} == KAZ_TO_IRN
    assert {(r["commodity"], r["modality"]) for r in rows if r["exporter"] == "IRN"} == IRN_TO_KAZ


def test_extract_unknown_format_is_one_error_line() -> None:
    result = run("extract", SEED, "--format", "xml")
    assert result.exit_code != 0
    assert len(error_lines(result.stderr)) == 1


@pytest.fixture
def batch(tmp_path: Path) -> dict[str, Path]:
    good = tmp_path / "good.txt"
    shutil.copy(SEED, good)
    other = tmp_path / "other.txt"
    other.write_text("Chile exports copper to Japan.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Les exportations de café vers la Turquie ont augmenté à Zürich.".encode("latin-1"))
    blank_html = tmp_path / "blank.html"
    blank_html.write_text(
        "<html><head><script>var x = 1;</script></head><body></body></html>", encoding="utf-8"
    )
    return {
        "good": good,
        "other": other,
        "missing": tmp_path / "missing.txt",
        "empty": empty,
        "binary": binary,
        "latin1": latin1,
        "blank_html": blank_html,
    }


def test_extract_batch_with_bad_files_reports_each_and_still_outputs_the_good_ones(
    batch: dict[str, Path],
) -> None:
    order = ["missing", "good", "empty", "binary", "other", "latin1", "blank_html"]
    result = run("extract", *(batch[name] for name in order))
    assert result.exit_code != 0
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert sorted(r["doc_id"] for r in records) == ["good", "other"]
    assert len(next(r for r in records if r["doc_id"] == "good")["trade_flows"]) == 17
    errors = error_lines(result.stderr)
    assert len(errors) == 5, result.stderr
    for bad in ["missing", "empty", "binary", "latin1", "blank_html"]:
        assert sum(batch[bad].name in line for line in errors) == 1, (bad, errors)
    assert [
        line for line in result.stderr.splitlines() if line.strip() and not line.startswith("error:")
    ] == []


@pytest.mark.parametrize("bad", ["missing", "empty", "binary", "latin1", "blank_html"])
def test_extract_one_bad_file_is_one_error_line(batch: dict[str, Path], bad: str) -> None:
    result = run("extract", batch[bad])
    assert result.exit_code != 0
    assert result.stdout.strip() == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and batch[bad].name in lines[0], lines


def test_extract_a_directory_reads_every_article_in_it(batch: dict[str, Path]) -> None:
    directory = batch["good"].parent
    result = run("extract", directory)
    assert result.exit_code != 0  # the bad files are still there
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert sorted(r["doc_id"] for r in records) == ["good", "other"]
    assert len(error_lines(result.stderr)) == 4  # the missing file is not in the directory


# -- build and query -----------------------------------------------------------------------------------------
def test_build_saves_a_graph(graph_file: Path) -> None:
    data = json.loads(graph_file.read_text(encoding="utf-8"))
    assert data


def test_query_exports_lists_the_seed_flows_with_modality_and_sentence(graph_file: Path) -> None:
    answer = ask(graph_file, "what does Kazakhstan export to Iran")
    rows = answer["rows"]
    assert {(r["commodity"], r["modality"]) for r in rows} == KAZ_TO_IRN
    for row in rows:
        assert (row["exporter"], row["importer"]) == ("KAZ", "IRN")
        assert row["evidence"] and row["evidence"][0]["sentence"].strip()
        assert row["commodity"].split()[0] in row["evidence"][0]["sentence"]


def test_query_imports(graph_file: Path) -> None:
    rows = ask(graph_file, "what does Kazakhstan import from Iran")["rows"]
    assert {(r["commodity"], r["modality"]) for r in rows} == IRN_TO_KAZ
    assert all((r["exporter"], r["importer"]) == ("IRN", "KAZ") for r in rows)
    assert all(r["evidence"] for r in rows)


@pytest.mark.parametrize(
    ("question", "exporter"),
    [
        ("who exports wheat", "KAZ"),
        ("who exports wheat to Iran", "KAZ"),
        ("who exports pistachios to Kazakhstan", "IRN"),
    ],
)
def test_query_who_exports(graph_file: Path, question: str, exporter: str) -> None:
    rows = ask(graph_file, question)["rows"]
    assert {r["exporter"] for r in rows} == {exporter}
    assert all(r["evidence"] for r in rows)


@pytest.mark.parametrize(
    ("question", "partner"),
    [("who are Kazakhstan's trade partners", "IRN"), ("who are Iran's trade partners", "KAZ")],
)
def test_query_partners(graph_file: Path, question: str, partner: str) -> None:
    rows = ask(graph_file, question)["rows"]
    assert [r["partner"] for r in rows] == [partner]
    assert rows[0]["flows"] == 17


def test_query_officials(graph_file: Path) -> None:
    rows = ask(graph_file, "which officials represent Kazakhstan")["rows"]
    assert sorted(r["name"].split()[-1] for r in rows) == ["Nazarbayev", "Orazbay", "Tleuberdi"]
    by_surname = {r["name"].split()[-1]: r for r in rows}
    assert by_surname["Orazbay"]["posted_to"] == "IRN"
    assert by_surname["Nazarbayev"]["former"] is True
    iran = ask(graph_file, "which officials represent Iran")["rows"]
    assert [r["name"].split()[-1] for r in iran] == ["Zarif"]


def test_query_ports(graph_file: Path) -> None:
    rows = ask(graph_file, "which ports are mentioned for Kazakhstan")["rows"]
    assert [(r["name"], r["kind"], r["country"]) for r in rows] == [("Aktau", "port", "KAZ")]


def test_query_table_output_names_the_commodities(graph_file: Path) -> None:
    result = run("query", "what does Kazakhstan export to Iran", "--graph", graph_file)
    assert result.exit_code == 0, result.stderr
    for commodity, _ in KAZ_TO_IRN:
        assert commodity.split()[0] in result.stdout


def test_query_without_answer_says_so_and_exits_0(graph_file: Path) -> None:
    result = run("query", "what does Kazakhstan export to Brazil", "--graph", graph_file)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    assert error_lines(result.stderr) == []


def test_query_unparseable_exits_non_zero_with_one_line(graph_file: Path) -> None:
    result = run("query", "banana helicopter umbrella", "--graph", graph_file)
    assert result.exit_code != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), lines
    assert result.stdout.strip() == ""


def test_query_missing_graph_file_is_one_error_line(tmp_path: Path) -> None:
    result = run("query", "what does Kazakhstan export to Iran", "--graph", tmp_path / "nope.json")
    assert result.exit_code != 0
    assert len(error_lines(result.stderr)) == 1


# -- export --------------------------------------------------------------------------------------------------
def test_export_graphml_reads_back_with_labels_and_numeric_weights(graph_file: Path, tmp_path: Path) -> None:
    output = tmp_path / "trade.graphml"
    result = run("export", "--format", "graphml", "-o", output, "--graph", graph_file)
    assert result.exit_code == 0, result.stderr
    graph = nx.read_graphml(output)
    assert graph.number_of_nodes() > 0 and graph.number_of_edges() > 0
    for node, data in graph.nodes(data=True):
        assert data.get("label"), node
    for source, target, data in graph.edges(data=True):
        assert data.get("label"), (source, target)
        assert isinstance(data.get("weight"), int | float) and not isinstance(data["weight"], bool), (
            source,
            target,
            data,
        )
    labels = {data["label"] for _, data in graph.nodes(data=True)}
    assert {"Kazakhstan", "Iran"} <= labels
