"""What keeps a cold `tradegraph query` fast without changing what it answers (issue 11): a form whose text
a question lacks is passed over before its regular expression is compiled, and reads exactly as before; and
the `query --db` path imports no heavy module. Timings are in benchmarks/bench_store.py, not here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from answer_battery import CLI_QUESTIONS
from test_cli_query import backends  # noqa: F401 (a fixture: the question graph as a store)
from test_query import FORMS_PEOPLE_TYPE

from tradegraph import query_grammar
from tradegraph.query_grammar import Form, fold, forms, read

# Questions of every form, the shapes people type, and near-misses and stray text that read as nothing or
# as the wrong form if the filter were wrong (a form's words in another order, a missing word, a tail).
QUESTIONS = [
    *(example for form in forms() for example in form.examples),
    *(case[0] for case in FORMS_PEOPLE_TYPE),
    *CLI_QUESTIONS,
    "coal suppliers of Japan",
    "exports wheat Kazakhstan",
    "who Iran trade partners",
    "partner of Iran",
    "Kazakhstan to Iran wheat",
    "which officials",
    "meetings of",
    "how much",
    "who exportſ wheat",  # the long s, which a case-insensitive "s" matches
    "WHAT DOES BRAZIL EXPORT TO CHINA",
    "what does Narnia export",
    "who exports wheat to Narnia",
    "trade between Bosnia and Herzegovina and Serbia",
    "hello",
    "",
]


def readings() -> list[object]:
    return [read(question) for question in QUESTIONS]


def test_passing_over_forms_changes_no_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    filtered = readings()
    monkeypatch.setattr(Form, "could_match", lambda self, folded, found: True)
    assert readings() == filtered


def test_a_question_compiles_only_the_forms_it_could_fit() -> None:
    query_grammar._compile.cache_clear()
    reading = read("who are Iran's trade partners")
    assert reading.intent == "partners"
    assert query_grammar._compile.cache_info().currsize <= 3 < len(forms())


@pytest.mark.parametrize(
    ("template", "literals", "fragments"),
    [
        ("{who} (?:{plan} )?{export} to {importer}", (" to",), ("who", "export")),
        ("(?:list |show )?{country}(?:{poss})? meetings", (" meetings",), ()),
        ("(?:who|what) (?:are|is) {country} partners?", (" partner",), ()),  # the s is optional
        ("who met (?:whom|who)", ("who met ",), ()),
        ("how much {aux} {country} trade with {partner}", ("how much", " trade with"), ("aux",)),
        (r"list \w+ of {country}", ("list ", " of"), ()),  # an escape is no literal
        ("[ab]c {country} de+f", (" de",), ()),  # a class is none, a quantified letter ends the run
        ("who {aux}? sells", ("who", " sells"), ()),  # a quantified fragment is not needed
        ("meetings|{country} officials", (), ()),  # top-level alternatives: nothing is needed
        ("Who Sells", ("who sells",), ()),  # compared in lower case
    ],
)
def test_what_a_template_needs(template: str, literals: tuple, fragments: tuple) -> None:
    assert query_grammar._needs(template) == (literals, fragments)


def test_fold_maps_what_matches_an_ascii_letter_case_insensitively() -> None:
    assert fold("Who EXPORTS Wheat") == "who exports wheat"
    assert fold("export\u017f \u212aazakh") == "exports kazakh"  # long s, Kelvin sign
    assert fold("Türkiye") == "türkiye"  # other letters are left as they are


PROBE = """
import json, runpy, sys
out, sys.argv = sys.argv[1], ["tradegraph", *sys.argv[2:]]
try:
    runpy.run_module("tradegraph.cli", run_name="__main__")
except SystemExit as exit:
    code = exit.code
heavy = sorted(name for name in sys.modules if name.split(".")[0] in ("spacy", "pandas", "matplotlib", "networkx")
               or name in ("tradegraph.pipeline", "tradegraph.extract", "tradegraph.ingest", "tradegraph.evaluate"))
open(out, "w").write(json.dumps({"code": code, "heavy": heavy}))
"""


@pytest.mark.parametrize("question", ["who are Iran's trade partners", "what does Brazil export to China"])
def test_query_on_a_store_imports_nothing_heavy(backends, question: str, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "probe.json"
    command = [
        sys.executable,
        "-c",
        PROBE,
        str(out),
        "query",
        question,
        *backends["store"],
        "--format",
        "csv",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    probe = json.loads(out.read_text(encoding="utf-8"))
    assert probe["code"] in (0, None), result.stderr
    assert result.stdout.strip()  # it answered
    assert probe["heavy"] == []
