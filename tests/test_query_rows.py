"""Large answers (issue 11): trade flows are counted and ordered before they are built, built one at a time
as they are printed (a store's a chunk of edges at a time), the same answers in the same order as a graph in
memory gives; the table shows the first 20 and says how many more there are, machine formats print every
answer unless `--limit` is given. Every sentence here is made up."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from question_graph import _Doc
from test_cli import run

from tradegraph import store_view
from tradegraph.answers import AnswerSource, plain_numbers
from tradegraph.graph import TradeGraph
from tradegraph.query import answer_question, stream_question
from tradegraph.store import Store

EXPORTERS = ["BRA", "ARG", "CHL"]
IMPORTERS = ["CHN", "IND", "JPN", "KOR", "DEU"]
GOODS = [
    "soybeans",
    "coffee",
    "tea",
    "wheat",
    "barley",
    "coal",
    "crude oil",
    "cars",
    "iron ore",
    "avocados",
    "pistachios",
]
SHAPES = [
    "{exporter} sold {goods} to {importer} last year.",
    "Shipments of {goods} from {exporter} to {importer} rose in the spring.",
    "{importer} bought {goods} from {exporter}, traders said.",
    "{exporter} plans to ship {goods} to {importer} next season.",
]


def documents(count: int = 66) -> list[_Doc]:
    """Each article: one flow of its own (a pair and a good that few others share), and Brazil's soybeans
    for China again and again, so mentions differ and many answers tie."""
    docs = []
    for number in range(count):
        doc = _Doc(f"trade-{number:03d}", f"{2015 + number % 8}-{1 + number % 12:02d}-{1 + number % 27:02d}")
        exporter, importer = EXPORTERS[number % 3], IMPORTERS[number % 5]
        goods = GOODS[number % len(GOODS)]
        shape = SHAPES[number % len(SHAPES)]
        modality = "planned" if "plans" in shape else "actual"
        doc.say(f"Trade report number {number}.")  # every text distinct: the store keeps one of each text
        doc.flow(
            exporter,
            importer,
            goods,
            shape.format(exporter=exporter, importer=importer, goods=goods),
            modality,
        )
        if number % 2:
            doc.flow("BRA", "CHN", "soybeans", f"Brazil's soybeans went to China, article {number} said.")
        docs.append(doc)
    return docs


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, TradeGraph]:
    docs = documents()
    db = tmp_path_factory.mktemp("rows") / "rows.db"
    with Store(db) as store:
        store.add_many((doc.document(), doc.extraction()) for doc in docs)
    return {
        "memory": TradeGraph.from_extractions(doc.extraction() for doc in docs),
        "store": TradeGraph.open(db),
    }


QUESTIONS = [
    ("BRA", None, None, {}),
    ("BRA", "CHN", None, {}),
    (None, "CHN", None, {}),
    (None, None, "soybeans", {}),
    (None, None, "cereals", {}),  # an HS category: wheat and barley
    ("ARG", None, None, {"since": "2018", "until": "2021-06"}),
    (None, None, None, {"modality": "planned"}),
    ("CHL", "KOR", "coffee", {}),  # no such flow
]


@pytest.mark.parametrize(("exporter", "importer", "commodity", "filters"), QUESTIONS)
def test_flow_rows_are_counted_first_and_are_the_answers_of_a_graph_in_memory(
    graphs, exporter, importer, commodity, filters
) -> None:
    expected = graphs["memory"].exports(exporter, importer, commodity=commodity, **filters)
    for backend in ("memory", "store"):
        rows = graphs[backend].flow_rows(exporter, importer, commodity, **filters)
        assert len(rows) == len(expected)
        assert list(rows) == expected, backend
    assert graphs["store"].exports(exporter, importer, commodity=commodity, **filters) == expected


def test_a_large_answer_is_built_a_chunk_of_edges_at_a_time(graphs, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_view, "EDGE_CHUNK", 4)
    kg = graphs["store"]
    statements: list[str] = []
    kg.store.connection.set_trace_callback(statements.append)
    try:
        rows = kg.flow_rows(None, None, None)
        assert len(rows) > 20
        assert not [s for s in statements if "sentences" in s]  # counted and ordered without sentences
        first = next(iter(rows))
        reads = [s for s in statements if "JOIN sentences" in s]
        assert len(reads) == 1 and len(json.loads(re.search(r"json_each\('(\[.*?\])'\)", reads[0])[1])) == 4
        assert first == graphs["memory"].exports(None)[0]
        rest = list(rows)
    finally:
        kg.store.connection.set_trace_callback(None)
    assert [first, *rest] == graphs["memory"].exports(None)
    assert len([s for s in statements if "JOIN sentences" in s]) == -(-len(rows) // 4)


@pytest.mark.parametrize("country", ["BRA", "CHN", "ARG", "KOR"])
@pytest.mark.parametrize(
    "filters", [{}, {"since": "2017", "until": "2020-06"}, {"modality": "planned"}, {"since": "2030"}]
)
def test_partners_are_counted_and_ranked_first_and_are_the_answers_of_a_graph_in_memory(
    graphs, country: str, filters: dict
) -> None:
    expected = graphs["memory"].partners(country, **filters)
    assert graphs["store"].partners(country, **filters) == expected
    kg = graphs["store"]
    statements: list[str] = []
    kg.store.connection.set_trace_callback(statements.append)
    try:
        rows = kg.partner_rows(country, **filters)
        assert len(rows) == len(expected)
        assert not [s for s in statements if "sentences" in s]  # ranked without sentences
        answers = iter(rows)
        if expected:  # the first partner's sentences are read for its own flows alone
            assert next(answers) == expected[0]
            reads = [s for s in statements if "JOIN sentences" in s]
            ids = [json.loads(re.search(r"json_each\('(\[.*?\])'\)", s)[1]) for s in reads]
            assert sum(map(len, ids)) == expected[0].flows
        assert [*expected[:1], *answers] == expected
    finally:
        kg.store.connection.set_trace_callback(None)
    streamed = stream_question(kg, f"who are {country}'s trade partners", **filters)
    assert len(streamed.rows) == len(expected) and list(streamed.rows) == expected


def test_a_ranked_answer_is_built_whole_and_handed_out_the_same_way(graphs) -> None:
    for backend in ("memory", "store"):
        streamed = stream_question(graphs[backend], "what are Brazil's top 3 exports")
        answered = answer_question(graphs[backend], "what are Brazil's top 3 exports")
        assert len(streamed.rows) == len(answered.rows) > 0
        assert len({row.commodity for row in answered.rows}) == 3
        assert list(streamed.rows) == answered.rows


# -- the command line --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def db(graphs) -> Path:
    return graphs["store"].store.path


def table_rows(text: str) -> int:
    return sum(" BRA " in line for line in text.splitlines() if line.startswith("│"))


def test_the_table_shows_the_first_20_answers_and_how_many_more_there_are(graphs, db: Path) -> None:
    few = run("query", "what does Chile export to Korea", "--db", db)
    assert few.exit_code == 0 and "more answer" not in few.stdout + few.stderr
    every = graphs["memory"].exports("BRA")
    assert len(every) > 20
    result = run("query", "what does Brazil export", "--db", db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.rstrip().endswith(
        f"… {len(every) - 20:,} more answers: --limit 0 prints all {len(every)}"
    )
    assert table_rows(result.stdout) == 20
    everything = run("query", "what does Brazil export", "--db", db, "--limit", "0")
    assert table_rows(everything.stdout) == len(every)
    assert "more answer" not in everything.stdout
    five = run("query", "what does Brazil export", "--db", db, "-n", "5", "--explain")
    assert five.stdout.count("exporter=BRA") == 5 and f"{len(every) - 5:,} more answers" in five.stdout


def test_machine_formats_print_every_answer_unless_limited(graphs, db: Path) -> None:
    every = graphs["memory"].exports("BRA")
    result = run("query", "what does Brazil export", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(every) and "more answer" not in result.stderr
    assert [row["commodity"] for row in rows] == [flow.commodity for flow in every]
    assert rows[0]["doc_ids"] == "; ".join(every[0].doc_ids)
    lines = run("query", "what does Brazil export", "--db", db, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == [plain_numbers(f.model_dump(mode="json")) for f in every]
    limited = run("query", "what does Brazil export", "--db", db, "--format", "csv", "--limit", "3")
    assert len(list(csv.DictReader(io.StringIO(limited.stdout)))) == 3
    assert f"… {len(every) - 3:,} more answers: --limit 0 prints all {len(every)}" in limited.stderr


@pytest.mark.parametrize(
    "question", ["what does Brazil export", "what does Chile export to Korea", "who exports tea"]
)
@pytest.mark.parametrize("backend", ["memory", "store"])
def test_json_is_written_row_by_row_exactly_as_the_whole_result_dumps(
    graphs, db: Path, tmp_path: Path, question: str, backend: str
) -> None:
    source = ("--db", db) if backend == "store" else ("--graph", graphs["memory"].save(tmp_path / "g.json"))
    result = run("query", question, *source, "--json")
    assert result.exit_code == 0, result.stderr
    expected = answer_question(graphs["memory"], question)
    expected.graph = AnswerSource(**json.loads(result.stdout)["graph"])
    assert (
        result.stdout
        == json.dumps(plain_numbers(expected.model_dump(mode="json")), ensure_ascii=False, indent=2) + "\n"
    )
    limited = run("query", question, *source, "--json", "--limit", "1")
    assert json.loads(limited.stdout)["rows"] == json.loads(result.stdout)["rows"][:1]


def test_a_negative_limit_is_refused() -> None:
    result = run("query", "what does Brazil export", "--limit", "-1")
    assert result.exit_code == 2 and "--limit" in result.stderr
