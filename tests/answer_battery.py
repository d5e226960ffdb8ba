"""A battery of questions asked of a trade graph, to check that its answers stay the same.

The questions are derived from the graph itself: every country, pair of trading countries and commodity
in it is asked about through every question method of the library API, with modality and date filters,
plus every example of the question grammar (`tradegraph.query.FORMS`) through `answer_question`.

`python tests/answer_battery.py --record` writes the recorded answers:

- `tests/data/answers_seed.json`: the seed article's extraction and the full answers (the seed is ours);
- `tests/data/answers_dev.json`: for the dev corpus in ../shared (its texts may not be copied into this
  repository), a digest of its extractions and one digest per answer.

`tests/test_answers_unchanged.py` compares the answers of every way of holding a graph (in memory, in the
store, in a saved graph file) with these records.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEED = ROOT / "seeds" / "000_1aa9169cea73a8d5.txt"
DEV = ROOT.parent / "shared" / "corpus" / "dev"
SEED_RECORD = DATA / "answers_seed.json"
DEV_RECORD = DATA / "answers_dev.json"

MODALITIES = (None, "actual", "planned", "potential")
WINDOWS = ((None, None), ("2019", None), (None, "2019-06"), ("2020", "2020"), ("2015-01-01", "2018-12-31"))
CATEGORIES = ("cereals", "fruits", "10", "27", "machinery")


def _dump(value: Any) -> Any:
    if isinstance(value, list):
        return [_dump(item) for item in value]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    return value


def _error(call: Callable[[], Any]) -> Any:
    try:
        return _dump(call())
    except ValueError as error:  # an unknown country or kind is an answer too
        return {"error": f"{type(error).__name__}: {error}"}


def questions(kg: Any) -> Iterator[tuple[str, Callable[[], Any]]]:
    """(key, call) for every question of the battery, in a stable order."""
    from tradegraph.query import FORMS, answer_question

    g = kg.to_networkx()
    countries = sorted({data["iso3"] for _, data in g.nodes(data=True) if data["type"] == "country"})
    pairs = sorted(
        (g.nodes[u]["iso3"], g.nodes[v]["iso3"])
        for u, v in g.edges()
        if u != v and g.nodes[u]["type"] == g.nodes[v]["type"] == "country"
    )
    commodities = sorted({data["label"] for _, data in g.nodes(data=True) if data["type"] == "commodity"})
    for iso3 in [*countries, "Narnia"]:
        for modality in MODALITIES:
            for since, until in WINDOWS:
                filters = {"modality": modality, "since": since, "until": until}
                yield f"exports {iso3} {filters}", lambda i=iso3, f=filters: kg.exports(i, **f)
                yield f"imports {iso3} {filters}", lambda i=iso3, f=filters: kg.imports(i, **f)
                yield f"partners {iso3} {filters}", lambda i=iso3, f=filters: kg.partners(i, **f)
        yield f"exports {iso3} negated", lambda i=iso3: kg.exports(i, include_negated=True)
        for since, until in WINDOWS:
            window = {"since": since, "until": until}
            yield f"officials {iso3} {window}", lambda i=iso3, w=window: kg.officials(i, **w)
            yield (
                f"officials+posted {iso3} {window}",
                lambda i=iso3, w=window: kg.officials(i, include_posted=True, **w),
            )
            yield f"meetings {iso3} {window}", lambda i=iso3, w=window: kg.meetings(i, **w)
            yield f"trade_values {iso3} {window}", lambda i=iso3, w=window: kg.trade_values(i, **w)
            for kind in (None, "port", "regions", "city", "organization"):
                yield (
                    f"locations {iso3} {kind} {window}",
                    lambda i=iso3, k=kind, w=window: kg.locations(i, k, **w),
                )
    for since, until in WINDOWS:
        yield f"meetings all {since} {until}", lambda s=since, u=until: kg.meetings(since=s, until=u)
    for a, b in pairs:
        for modality in MODALITIES:
            yield f"exports {a}->{b} {modality}", lambda a=a, b=b, m=modality: kg.exports(a, b, modality=m)
            yield f"imports {b}<-{a} {modality}", lambda a=a, b=b, m=modality: kg.imports(b, a, modality=m)
        yield f"trade_values {a} {b}", lambda a=a, b=b: kg.trade_values(a, b)
        yield f"evidence {a}->{b}", lambda a=a, b=b: kg.evidence(a, b)
        yield f"evidence {a}->{b} 2020", lambda a=a, b=b: kg.evidence(a, b, since="2020", until="2020")
    for commodity in [*commodities, *CATEGORIES]:
        for modality in (None, "actual"):
            yield (
                f"exporters_of {commodity} {modality}",
                lambda c=commodity, m=modality: kg.exporters_of(c, modality=m),
            )
            yield (
                f"importers_of {commodity} {modality}",
                lambda c=commodity, m=modality: kg.importers_of(c, modality=m),
            )
        yield f"exporters_of {commodity} since 2020", lambda c=commodity: kg.exporters_of(c, since="2020")
        for a, b in pairs[:4]:
            yield (
                f"exporters_of {commodity} to {b} from {a}",
                lambda c=commodity, a=a, b=b: [kg.exporters_of(c, b), kg.importers_of(c, a)],
            )
            yield (
                f"evidence {a}->{b} of {commodity}",
                lambda c=commodity, a=a, b=b: kg.evidence(a, b, commodity=c),
            )
    examples = [example for form in FORMS for example in form.examples]
    for text in examples:
        yield f"ask {text}", lambda t=text: answer_question(kg, t)
        yield f"ask {text} since 2020", lambda t=text: answer_question(kg, t, since="2020")
        yield f"ask {text} potential", lambda t=text: answer_question(kg, t, modality="potential")


def answers(kg: Any) -> dict[str, Any]:
    """Every answer of the battery, as JSON data."""
    return {key: _error(call) for key, call in questions(kg)}


def digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def dev_documents() -> list[Any]:
    """The dev corpus as Documents: doc_id the file name, the gold date and title as an input would give."""
    from tradegraph.models import Document

    documents = []
    for path in sorted(DEV.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        documents.append(
            Document(
                doc_id=path.stem,
                text=record["text"],
                date=record.get("date"),
                title=record.get("title"),
                source=str(path),
            )
        )
    return documents


def extract(documents: list[Any]) -> list[Any]:
    from tradegraph.extract import extract_documents

    return list(extract_documents(documents))


def seed_extraction() -> Any:
    from tradegraph.documents import read_document

    (extraction,) = extract([read_document(SEED)])
    return extraction


CLI_QUESTIONS = (
    "what does Kazakhstan export to Iran",
    "who are Iran's trade partners",
    "which officials represent Kazakhstan",
    "trade between Kazakhstan and Iran",
    "who exports cereals",
    "evidence for Kazakhstan exports to Iran",
    "meetings",
    "which ports are mentioned for Kazakhstan",
)
CLI_OPTIONS = (
    (),
    ("--format", "csv"),
    ("--format", "jsonl"),
    ("--json",),
    ("--explain",),
    ("--since", "2020-02"),
    ("--until", "2019", "--format", "csv"),
    ("--modality", "potential", "--format", "csv"),
)


def cli_outputs(source: tuple[str, str]) -> dict[str, str]:
    """`tradegraph query` stdout (and exit code) for each question and option set, reading `source`
    (("--graph", FILE) or ("--db", FILE))."""
    from typer.testing import CliRunner

    from tradegraph.cli import app

    runner = CliRunner()
    outputs = {}
    for question in CLI_QUESTIONS:
        for options in CLI_OPTIONS:
            result = runner.invoke(app, ["query", question, *source, *options])
            stdout = result.stdout
            if "--json" in options and result.exit_code == 0:  # the answer, not which file it came from
                stdout = json.dumps({k: v for k, v in json.loads(stdout).items() if k != "graph"}, indent=2)
            outputs[f"{question} {' '.join(options)}"] = f"{result.exit_code}\n{stdout}"
    return outputs


def record() -> None:
    from tradegraph.graph import TradeGraph

    DATA.mkdir(exist_ok=True)
    seed = seed_extraction()
    kg = TradeGraph.from_extractions([seed])
    payload = {
        "extraction": seed.model_dump(mode="json"),
        "answers": {key: digest(value) for key, value in answers(kg).items()},
    }
    with tempfile.TemporaryDirectory() as directory:
        graph = kg.save(Path(directory) / "graph.json")
        payload["cli"] = {key: digest(value) for key, value in cli_outputs(("--graph", str(graph))).items()}
    SEED_RECORD.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    extractions = extract(dev_documents())
    kg = TradeGraph.from_extractions(extractions)
    dev = {
        "extractions": digest([e.model_dump(mode="json") for e in extractions]),
        "answers": {key: digest(value) for key, value in answers(kg).items()},
    }
    DEV_RECORD.write_text(json.dumps(dev, indent=1) + "\n", encoding="utf-8")
    print(f"recorded {len(payload['answers'])} seed and {len(dev['answers'])} dev answers")


if __name__ == "__main__":
    if sys.argv[1:] != ["--record"]:
        raise SystemExit("usage: python tests/answer_battery.py --record")
    sys.path.insert(0, str(ROOT))
    record()
