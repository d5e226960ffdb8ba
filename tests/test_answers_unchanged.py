"""The answers of every way of holding a graph — in memory, in the store, in a saved graph file — are the
ones recorded before the store answered questions itself (tests/answer_battery.py), on the seed and on the
dev corpus, and the command line prints the same for `--graph` and `--db`."""

from __future__ import annotations

import json
from pathlib import Path

import answer_battery as battery
import pytest

from tradegraph.graph import TradeGraph
from tradegraph.models import Document, Extraction
from tradegraph.store import Store


def backends(documents: list[Document], extractions: list[Extraction], tmp: Path) -> dict[str, TradeGraph]:
    memory = TradeGraph.from_extractions(extractions)
    with Store(tmp / "store.db") as store:
        store.add_many(zip(documents, extractions, strict=True))
    stored = TradeGraph.open(tmp / "store.db")
    return {
        "memory": memory,
        "file": TradeGraph.load(memory.save(tmp / "memory.json")),
        "store": stored,
        "file from store": TradeGraph.load(stored.save(tmp / "store.json")),
    }


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    record = json.loads(battery.SEED_RECORD.read_text(encoding="utf-8"))
    extraction = Extraction.model_validate(record["extraction"])
    document = Document(doc_id=extraction.doc_id, text=battery.SEED.read_text(encoding="utf-8"))
    return {"record": record, "graphs": backends([document], [extraction], tmp_path_factory.mktemp("seed"))}


@pytest.mark.parametrize("backend", ["memory", "file", "store", "file from store"])
def test_seed_answers_are_the_recorded_ones(seed: dict, backend: str) -> None:
    answers = battery.answers(seed["graphs"][backend])
    recorded = seed["record"]["answers"]
    changed = [key for key in recorded if battery.digest(answers[key]) != recorded[key]]
    assert answers.keys() == recorded.keys()
    assert changed == []


def test_the_command_line_prints_the_same_from_a_store(seed: dict, tmp_path: Path) -> None:
    graph = seed["graphs"]["memory"].save(tmp_path / "graph.json")
    recorded = seed["record"]["cli"]
    for source in (("--graph", str(graph)), ("--db", str(seed["graphs"]["store"].store.path))):
        outputs = battery.cli_outputs(source)
        assert [key for key in recorded if battery.digest(outputs[key]) != recorded[key]] == [], source


@pytest.fixture(scope="module")
def dev(tmp_path_factory: pytest.TempPathFactory) -> dict:
    if not battery.DEV.is_dir():
        pytest.skip(f"no dev corpus at {battery.DEV}")
    documents = battery.dev_documents()
    extractions = battery.extract(documents)
    return {
        "record": json.loads(battery.DEV_RECORD.read_text(encoding="utf-8")),
        "extractions": extractions,
        "graphs": backends(documents, extractions, tmp_path_factory.mktemp("dev")),
    }


def test_dev_answers_are_the_same_in_memory_in_the_store_and_in_files(dev: dict) -> None:
    reference = battery.answers(dev["graphs"]["memory"])
    for backend in ("file", "store", "file from store"):
        answers = battery.answers(dev["graphs"][backend])
        assert [key for key in reference if answers[key] != reference[key]] == [], backend


def test_dev_answers_are_the_recorded_ones(dev: dict) -> None:
    extracted = battery.digest([e.model_dump(mode="json") for e in dev["extractions"]])
    if extracted != dev["record"]["extractions"]:
        pytest.skip(
            "extraction changed since the answers were recorded: python tests/answer_battery.py --record"
        )
    answers = battery.answers(dev["graphs"]["store"])
    recorded = dev["record"]["answers"]
    assert [key for key in recorded if battery.digest(answers[key]) != recorded[key]] == []
