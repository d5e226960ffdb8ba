"""Scoring extractions against gold: the SCHEMA.md matching rules, the eval command and the quality gate."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tradegraph import evaluate
from tradegraph.cli_eval import eval_command
from tradegraph.evaluate import (
    EvalReport,
    GoldArticle,
    GoldFormatError,
    commodity_key,
    evaluate_dir,
    format_report,
    load_gold,
    location_key,
    score,
    surname_key,
)
from tradegraph.models import Commodity, Country, Extraction, Location, Official, TradeFlow, TradeValue

ROOT = Path(__file__).resolve().parent.parent
CHECK_QUALITY = ROOT / "scripts" / "check_quality.py"


def gold(**facts) -> GoldArticle:
    return GoldArticle.model_validate({"id": facts.pop("id", "g1"), "text": "", **facts})


def flow(exporter: str, importer: str, commodity: str, modality: str = "actual", negated: bool = False):
    return TradeFlow(
        exporter=exporter,
        importer=importer,
        commodity=Commodity(name=commodity),
        modality=modality,
        negated=negated,
    )


def gold_flow(exporter: str, importer: str, commodity: str, alt=(), modality: str = "actual") -> dict:
    return {
        "exporter": exporter,
        "importer": importer,
        "commodity": commodity,
        "alt": list(alt),
        "modality": modality,
    }


def predicted(**facts) -> Extraction:
    return Extraction(doc_id=facts.pop("doc_id", "g1"), **facts)


def counts(report: EvalReport, fact: str) -> tuple[int, int, int]:
    s = report.scores[fact]
    return s.tp, s.fp, s.fn


# ---- normalisation ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Sunflower Seeds", "sunflower seed"),
        ("the wheat", "wheat"),
        ("certain chemical materials", "chemical material"),
        ("some of their various other goods", "of good"),
        ("batteries", "battery"),
        ("peaches", "peach"),
        ("dishes", "dish"),
        ("glasses", "glass"),
        ("boxes", "box"),
        ("glass", "glass"),
        ("citrus", "citrus"),
        ("chassis", "chassis"),
        ("semi-precious metals", "semi precious metal"),
        ("crème brûlée", "creme brulee"),
        ("fresh  and dried fruits", "fresh and dried fruit"),
    ],
)
def test_commodity_key(written, key):
    assert commodity_key(written) == key


def test_location_key_drops_type_words_and_accents():
    assert location_key("Port of Aktau") == location_key("Aktau seaport") == "aktau"
    assert location_key("Qazvin Province") == location_key("the Qazvin region") == "qazvin"
    assert location_key("Mangystau Oblast") == "mangystau"
    assert location_key("Türkmenbaşy") == "turkmenbasy"
    assert location_key("JAKARTA") == "jakarta"


def test_surname_key_is_last_word_without_accents():
    assert surname_key("Mohammad Javad Zarif") == "zarif"
    assert surname_key("Recep Tayyip Erdoğan") == "erdogan"
    assert surname_key("") == ""


# ---- trade flows --------------------------------------------------------------------------------------


def test_commodity_matches_after_normalisation_and_by_alt():
    g = gold(
        trade_flows=[
            gold_flow("KAZ", "IRN", "sunflower seeds"),
            gold_flow("IRN", "KAZ", "industrial machinery", alt=["machinery"]),
        ]
    )
    p = predicted(trade_flows=[flow("KAZ", "IRN", "the Sunflower-Seed"), flow("IRN", "KAZ", "machinery")])
    assert counts(score([(g, p)]), "trade_flows") == (2, 0, 0)


def test_direction_matters():
    g = gold(trade_flows=[gold_flow("KAZ", "IRN", "wheat")])
    report = score([(g, predicted(trade_flows=[flow("IRN", "KAZ", "wheat")]))])
    assert counts(report, "trade_flows") == (0, 1, 1)


def test_split_list_items_are_absorbed_by_the_matched_gold_flow():
    g = gold(
        trade_flows=[
            gold_flow("IRN", "KAZ", "fresh and dried fruits", alt=["fruits", "fresh fruits", "dried fruits"])
        ]
    )
    p = predicted(trade_flows=[flow("IRN", "KAZ", "fresh fruits"), flow("IRN", "KAZ", "dried fruits")])
    report = score([(g, p)])
    assert counts(report, "trade_flows") == (1, 0, 0)
    assert report.scores["trade_flows"].absorbed == 1
    assert report.scores["trade_flows"].precision == 1.0


def test_the_prediction_naming_the_gold_commodity_is_the_one_matched():
    g = gold(
        trade_flows=[gold_flow("IRN", "KAZ", "fresh and dried fruits", alt=["fruits"], modality="potential")]
    )
    p = predicted(
        trade_flows=[
            flow("IRN", "KAZ", "fruits", "actual"),
            flow("IRN", "KAZ", "fresh and dried fruits", "potential"),
        ]
    )
    report = score([(g, p)])
    assert counts(report, "trade_flows") == (1, 0, 0)
    assert report.modality_accuracy == 1.0


def test_matching_is_one_to_one_and_maximal():
    # "oil" can only be the gold "oil"; "crude oil" fits both: a greedy match of "crude oil" to "oil" would
    # leave a hit on the table.
    g = gold(
        trade_flows=[
            gold_flow("IRN", "IND", "crude oil"),
            gold_flow("IRN", "IND", "oil", alt=["crude oil"]),
        ]
    )
    p = predicted(trade_flows=[flow("IRN", "IND", "crude oil"), flow("IRN", "IND", "oil")])
    assert counts(score([(g, p)]), "trade_flows") == (2, 0, 0)


def test_two_gold_flows_need_two_predictions():
    g = gold(trade_flows=[gold_flow("IDN", "CHN", "coal"), gold_flow("IDN", "JPN", "coal")])
    report = score([(g, predicted(trade_flows=[flow("IDN", "CHN", "coal")]))])
    assert counts(report, "trade_flows") == (1, 0, 1)
    [article] = report.errors
    assert [str(e) for e in article.misses] == ["trade_flows: IDN->JPN 'coal' (actual)"]


def test_duplicate_predictions_count_once_with_the_strongest_modality():
    g = gold(trade_flows=[gold_flow("UKR", "TUR", "grain")])
    p = predicted(
        trade_flows=[
            flow("UKR", "TUR", "grain", "potential"),
            flow("UKR", "TUR", "grains", "actual"),
            flow("UKR", "TUR", "grain", "planned"),
        ]
    )
    report = score([(g, p)])
    assert counts(report, "trade_flows") == (1, 0, 0)
    assert report.modality_accuracy == 1.0


def test_negated_flows_are_not_predictions():
    g = gold(trade_flows=[gold_flow("KAZ", "IRN", "wheat")])
    p = predicted(
        trade_flows=[flow("KAZ", "IRN", "wheat", negated=True), flow("KAZ", "IRN", "gold", negated=True)]
    )
    assert counts(score([(g, p)]), "trade_flows") == (0, 0, 1)


def test_modality_accuracy_over_matched_flows_only():
    g = gold(
        trade_flows=[
            gold_flow("KAZ", "IRN", "wheat", modality="actual"),
            gold_flow("KAZ", "IRN", "metals", modality="potential"),
            gold_flow("KAZ", "IRN", "barley", modality="actual"),
        ]
    )
    p = predicted(
        trade_flows=[
            flow("KAZ", "IRN", "wheat", "actual"),
            flow("KAZ", "IRN", "metals", "planned"),
            flow("KAZ", "IRN", "tea", "planned"),  # a false positive, not a modality error
        ]
    )
    report = score([(g, p)])
    assert (report.modality_correct, report.modality_total) == (1, 2)
    assert report.modality_accuracy == 0.5
    [article] = report.errors
    assert [e.fact_type for e in article.mismatches] == ["modality"]
    assert "predicted planned" in article.mismatches[0].description


def test_scores_are_micro_averaged_over_articles():
    big = gold(id="big", trade_flows=[gold_flow("A", "B", f"item{i}") for i in range(9)])
    small = gold(id="small", trade_flows=[gold_flow("A", "B", "wheat")])
    report = score(
        [
            (big, predicted(doc_id="big", trade_flows=[flow("A", "B", f"item{i}") for i in range(9)])),
            (small, predicted(doc_id="small", trade_flows=[flow("A", "B", "rice")])),
        ]
    )
    s = report.scores["trade_flows"]
    assert (s.tp, s.fp, s.fn) == (9, 1, 1)
    assert s.precision == s.recall == s.f1 == 0.9  # a macro average would give 0.5
    assert report.articles == 2


# ---- countries, officials, locations, values ----------------------------------------------------------


def test_countries_are_a_set_of_codes():
    g = gold(countries=["KAZ", "IRN"])
    p = predicted(
        countries=[
            Country(name="Kazakhstan", iso3="KAZ"),
            Country(name="Kazakh", iso3="KAZ"),
            Country(name="Russia", iso3="RUS"),
        ]
    )
    report = score([(g, p)])
    assert counts(report, "countries") == (1, 1, 1)


def test_officials_match_by_surname_and_country():
    g = gold(
        officials=[
            {"name": "Mohammad Javad Zarif", "country": "IRN", "role_class": "minister"},
            {"name": "Mukhtar Tleuberdi", "country": "KAZ", "role_class": "minister"},
            {"name": "Askhat Orazbay", "country": "KAZ", "role_class": "ambassador", "posted_to": "IRN"},
        ]
    )
    p = predicted(
        officials=[
            Official(name="Zarif", title="Foreign Minister", role_class="minister", country="IRN"),
            Official(name="Javad Zarif", title="", role_class="official", country="IRN"),  # duplicate
            Official(name="Mukhtar Tleuberdi", title="counterpart", role_class="official", country="KAZ"),
            Official(name="Askhat Orazbay", title="ambassador", role_class="ambassador", country="IRN"),
        ]
    )
    report = score([(g, p)])
    assert counts(report, "officials") == (2, 1, 1)  # Orazbay serves KAZ, not IRN
    assert (report.role_class_correct, report.role_class_total) == (1, 2)
    assert report.role_class_accuracy == 0.5


def test_locations_match_without_type_words_and_by_alt():
    g = gold(
        ports=[{"name": "Aktau", "country": "KAZ"}],
        regions=[{"name": "Surxondaryo", "alt": ["Surkhandarya"], "country": "UZB"}],
        cities=[{"name": "JAKARTA", "country": "IDN"}, {"name": "Tehran", "country": "IRN"}],
    )
    p = predicted(
        locations=[
            Location(name="Port of Aktau", kind="port", country="KAZ"),
            Location(name="Aktau seaport", kind="port", country="KAZ"),  # the same port again
            Location(name="Surkhandarya region", kind="region", country="UZB"),
            Location(name="Jakarta", kind="city", country="IDN"),
            Location(name="Tehran", kind="city", country=None),  # no country: no match
            Location(name="Tehran", kind="port", country="IRN"),  # wrong kind: scored as a port
        ]
    )
    report = score([(g, p)])
    assert counts(report, "ports") == (1, 1, 0)
    assert counts(report, "regions") == (1, 0, 0)
    assert counts(report, "cities") == (1, 1, 1)


def test_trade_values_match_within_one_percent():
    g = gold(
        trade_values=[
            {"reporter": "KAZ", "partner": "IRN", "flow": "turnover", "value": 251400000, "currency": "USD"},
            {"reporter": "KGZ", "partner": "CHN", "flow": "exports", "value": 61200000, "currency": "USD"},
        ]
    )
    p = predicted(
        trade_values=[
            TradeValue(reporter="IRN", partner="KAZ", flow="turnover", value=251_000_000, currency="usd"),
            TradeValue(reporter="CHN", partner="KGZ", flow="exports", value=61_200_000, currency="USD"),
        ]
    )
    report = score([(g, p)])
    assert counts(report, "trade_values") == (1, 1, 1)  # exports are directed; turnover is not
    far = predicted(
        trade_values=[
            TradeValue(reporter="KAZ", partner="IRN", flow="turnover", value=230_000_000, currency="USD")
        ]
    )
    assert counts(score([(g, far)]), "trade_values") == (0, 1, 2)


def test_nothing_to_find_and_nothing_found_is_perfect():
    report = score([(gold(), predicted())])
    assert report.scores["ports"].f1 == 1.0
    assert report.modality_accuracy is None
    assert report.figures["role_class_accuracy"] is None


def test_format_report_lists_errors_per_article():
    g = gold(id="A07", countries=["KAZ"], trade_flows=[gold_flow("KAZ", "IRN", "wheat")])
    p = predicted(doc_id="A07", countries=[Country(name="Iran", iso3="IRN")])
    report = score([(g, p)])
    table = format_report(report, show_errors=False)
    assert "trade_flows" in table and "modality accuracy" in table and "A07" not in table
    detailed = format_report(report, show_errors=True)
    assert "A07:" in detailed
    assert "KAZ->IRN 'wheat' (actual)" in detailed
    assert "false positive" in detailed and "IRN" in detailed


# ---- gold files ---------------------------------------------------------------------------------------


def write_gold(directory: Path, article_id: str = "a1", **facts) -> Path:
    data = {"id": article_id, "text": "Kazakhstan exports wheat to Iran.", "notes": "free text", **facts}
    path = directory / f"{article_id}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_gold_reads_a_directory_sorted_and_keeps_extra_keys(tmp_path):
    write_gold(tmp_path, "b2")
    write_gold(tmp_path, "a1", trade_flows=[{"exporter": "KAZ", "importer": "IRN", "commodity": "wheat"}])
    articles = load_gold(tmp_path)
    assert [a.id for a in articles] == ["a1", "b2"]
    assert articles[0].trade_flows[0].alt == []
    assert articles[0].notes == "free text"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "invalid JSON"),
        ("[]", "expected a JSON object"),
        ('{"id": "x"}', "text"),
        ('{"id": "x", "text": "", "trade_flows": [{"exporter": "KAZ"}]}', "trade_flows.0.importer"),
        (
            '{"id": "x", "text": "", "officials": [{"name": "N", "country": "K", "role_class": "king"}]}',
            "role_class",
        ),
    ],
)
def test_malformed_gold_file_is_named(tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFormatError, match=message) as info:
        load_gold(tmp_path)
    assert "bad.json" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_load_gold_rejects_missing_and_empty_directories(tmp_path):
    with pytest.raises(GoldFormatError, match="no such directory"):
        load_gold(tmp_path / "missing")
    with pytest.raises(GoldFormatError, match="no \\*.json"):
        load_gold(tmp_path)


def fake_extractor(text: str, doc_id: str) -> Extraction:
    return predicted(
        doc_id=doc_id,
        countries=[Country(name="Kazakhstan", iso3="KAZ"), Country(name="Iran", iso3="IRN")],
        trade_flows=[flow("KAZ", "IRN", "wheat")],
    )


def test_evaluate_dir_runs_the_extractor_on_each_text(tmp_path):
    write_gold(tmp_path, countries=["KAZ", "IRN"], trade_flows=[gold_flow("KAZ", "IRN", "wheat")])
    seen = []

    def extract(text: str, doc_id: str) -> Extraction:
        seen.append((text, doc_id))
        return fake_extractor(text, doc_id)

    report = evaluate_dir(tmp_path, extract=extract)
    assert seen == [("Kazakhstan exports wheat to Iran.", "a1")]
    assert report.figures["trade_flows"] == report.figures["countries"] == 1.0


# ---- the eval command ---------------------------------------------------------------------------------


@pytest.fixture
def cli():
    app = typer.Typer()
    app.command("eval")(eval_command)

    @app.command("noop")
    def noop() -> None:  # a second command keeps "eval" a subcommand, as in tradegraph's app
        """Nothing."""

    return app


def run(app, *args):
    return CliRunner().invoke(app, ["eval", *map(str, args)])


def test_eval_command_prints_a_table_and_json(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(evaluate, "default_extractor", lambda: fake_extractor)
    write_gold(tmp_path, countries=["KAZ", "IRN"], trade_flows=[gold_flow("KAZ", "IRN", "barley")])
    result = run(cli, tmp_path, "--show-errors")
    assert result.exit_code == 0, result.output
    assert "countries" in result.output and "KAZ->IRN 'barley'" in result.output
    result = run(cli, tmp_path, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["figures"]["countries"] == 1.0
    assert data["scores"]["trade_flows"] == {
        "tp": 0, "fp": 1, "fn": 1, "absorbed": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0,
    }  # fmt: skip


def test_eval_help_comes_from_the_docstring(cli):
    result = CliRunner().invoke(cli, ["eval", "--help"])
    assert result.exit_code == 0
    assert "Score extraction against gold" in result.output and "--show-errors" in result.output


@pytest.mark.parametrize("case", ["missing", "empty", "malformed"])
def test_eval_command_bad_input_is_one_error_line(cli, tmp_path, case):
    target = tmp_path / "gold"
    if case != "missing":
        target.mkdir()
    if case == "malformed":
        (target / "broken.json").write_text('{"id": "broken"', encoding="utf-8")
    result = run(cli, target)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert "Traceback" not in result.output
    if case == "malformed":
        assert "broken.json" in lines[0]


# ---- the quality gate ---------------------------------------------------------------------------------


def load_check_quality():
    spec = importlib.util.spec_from_file_location("check_quality", CHECK_QUALITY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def report_file(tmp_path: Path, **f1) -> Path:
    report = EvalReport()
    for fact, (tp, fp, fn) in f1.items():
        report.scores[fact].tp, report.scores[fact].fp, report.scores[fact].fn = tp, fp, fn
    report.modality_correct, report.modality_total = 9, 10
    path = tmp_path / "eval.json"
    path.write_text(report.model_dump_json(), encoding="utf-8")
    return path


def test_committed_baseline_names_every_figure():
    baseline = json.loads((ROOT / "benchmarks" / "quality_baseline.json").read_text())
    assert set(baseline) == set(EvalReport().figures)


def test_check_quality_passes_within_tolerance_and_names_each_drop(tmp_path, capsys):
    check = load_check_quality()
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"trade_flows": 0.91, "officials": 0.5, "modality_accuracy": 0.95}))
    ok = report_file(tmp_path, trade_flows=(9, 1, 1), officials=(1, 1, 1))  # 0.90, 0.50, modality 0.90
    assert check.main([str(ok), "--baseline", str(baseline)]) == 1
    err = capsys.readouterr().err
    assert "modality_accuracy" in err and "trade_flows" not in err and "officials" not in err

    baseline.write_text(json.dumps({"trade_flows": 0.95, "officials": 0.9, "modality_accuracy": 0.9}))
    assert check.main([str(ok), "--baseline", str(baseline)]) == 1
    err = capsys.readouterr().err
    assert "trade_flows" in err and "officials" in err and "modality_accuracy" not in err

    baseline.write_text(json.dumps({"trade_flows": 0.92, "officials": 0.5, "modality_accuracy": 0.92}))
    assert check.main([str(ok), "--baseline", str(baseline)]) == 0


def test_check_quality_update_only_raises_unless_forced(tmp_path):
    check = load_check_quality()
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"trade_flows": 0.95, "officials": 0.2}))
    current = report_file(tmp_path, trade_flows=(9, 1, 1), officials=(1, 0, 0))
    assert check.main([str(current), "--baseline", str(baseline), "--update"]) == 0
    updated = json.loads(baseline.read_text())
    assert (
        updated["trade_flows"] == 0.95 and updated["officials"] == 1.0 and updated["modality_accuracy"] == 0.9
    )
    assert check.main([str(current), "--baseline", str(baseline), "--update", "--force"]) == 0
    assert json.loads(baseline.read_text())["trade_flows"] == 0.9


def test_check_quality_reads_stdin_and_rejects_garbage(tmp_path):
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps({"countries": 0.5}))
    good = report_file(tmp_path, countries=(1, 0, 0)).read_text()
    command = [sys.executable, str(CHECK_QUALITY), "--baseline", str(baseline)]
    passed = subprocess.run(command, input=good, capture_output=True, text=True)
    assert passed.returncode == 0, passed.stderr
    broken = subprocess.run(command, input="not json", capture_output=True, text=True)
    assert broken.returncode == 2 and broken.stderr.startswith("error:")


def test_check_quality_markdown_prints_readme_table(tmp_path, capsys):
    check = load_check_quality()
    report = report_file(tmp_path, trade_flows=(9, 1, 1), officials=(1, 1, 0))
    assert check.main([str(report), "--markdown"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("| fact type | precision | recall | F1 |")
    assert "| trade_flows | 0.900 | 0.900 | 0.900 | ≥ 0.85 |" in table
    assert "| officials | 0.500 | 1.000 | 0.667 | ≥ 0.92 |" in table
    assert "| modality accuracy (matched flows) | | | 0.900 | ≥ 0.92 |" in table
    assert any(line.startswith("| role_class accuracy") and "n/a" in line for line in table)


# ---- partly annotated gold (the passage bank) ---------------------------------------------------------


def test_a_passage_is_scored_only_on_the_fact_types_it_annotates():
    g = gold(
        annotated=["countries", "trade_flows"],
        countries=["KAZ", "IRN"],
        trade_flows=[gold_flow("KAZ", "IRN", "wheat")],
    )
    p = predicted(
        countries=[Country(name="Kazakhstan", iso3="KAZ"), Country(name="Iran", iso3="IRN")],
        trade_flows=[flow("KAZ", "IRN", "wheat")],
        officials=[Official(name="Ali Rezaei", title="Minister", country="IRN", role_class="minister")],
        locations=[Location(name="Aktau", kind="port", country="KAZ")],
    )
    report = score([(g, p)])
    assert counts(report, "trade_flows") == (1, 0, 0)
    assert counts(report, "countries") == (2, 0, 0)
    # Officials and ports are not gold in this file: what was found there is not a false positive.
    assert counts(report, "officials") == (0, 0, 0) and counts(report, "ports") == (0, 0, 0)
    assert report.errors[0].clean
    assert report.figures["officials"] is None and report.figures["ports"] is None
    assert report.figures["trade_flows"] == 1.0
    assert report.role_class_accuracy is None
    table = format_report(report)
    assert "not annotated" in table.split("officials", 1)[1].splitlines()[0]


def test_an_unannotated_flow_file_gives_no_modality_accuracy():
    g = gold(annotated=["countries"], countries=["KAZ"], trade_flows=[gold_flow("KAZ", "IRN", "wheat")])
    p = predicted(countries=[Country(name="Kazakhstan", iso3="KAZ")], trade_flows=[flow("KAZ", "CHN", "oil")])
    report = score([(g, p)])
    assert counts(report, "trade_flows") == (0, 0, 0)
    assert report.modality_accuracy is None and report.figures["trade_flows"] is None


def test_a_fact_type_annotated_in_some_files_counts_only_those():
    annotated = gold(id="a", annotated=["trade_flows"], trade_flows=[gold_flow("KAZ", "IRN", "wheat")])
    full = gold(id="b", officials=[{"name": "Ali Rezaei", "country": "IRN", "role_class": "minister"}])
    official = Official(name="Ali Rezaei", title="Minister", country="IRN", role_class="minister")
    report = score(
        [
            (
                annotated,
                predicted(doc_id="a", trade_flows=[flow("KAZ", "IRN", "wheat")], officials=[official]),
            ),
            (full, predicted(doc_id="b", officials=[official])),
        ]
    )
    assert counts(report, "officials") == (1, 0, 0) and counts(report, "trade_flows") == (1, 0, 0)
    assert report.not_annotated == [] and report.figures["officials"] == 1.0


def test_an_unknown_fact_type_in_annotated_is_a_format_error(tmp_path):
    write_gold(tmp_path, annotated=["countries", "flows"])
    with pytest.raises(GoldFormatError, match="annotated"):
        load_gold(tmp_path)
