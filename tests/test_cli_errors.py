"""Bad input to the CLI: one `error:` line on stderr, a non-zero exit code, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradegraph.cli import app


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def assert_one_error_line(result, code: int | None = None) -> None:
    assert result.exit_code != 0
    if code is not None:
        assert result.exit_code == code
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_missing_spacy_model(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Kazakhstan exports wheat to Iran.", encoding="utf-8")
    result = run("extract", str(article), "--model", "xx_no_such_pipeline")
    assert_one_error_line(result, 2)
    assert "xx_no_such_pipeline" in result.stderr


@pytest.mark.parametrize("content", ["{not json", '{"format": "something else"}', ""])
def test_corrupt_graph_file(tmp_path: Path, content: str) -> None:
    graph = tmp_path / "graph.json"
    graph.write_text(content, encoding="utf-8")
    result = run("query", "what does Iran export", "--graph", str(graph))
    assert_one_error_line(result, 2)


def test_store_that_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "fake.db"
    db.write_bytes(b"this is not sqlite at all" * 10)
    result = run("query", "what does Iran export", "--db", str(db))
    assert_one_error_line(result, 2)


def test_missing_store(tmp_path: Path) -> None:
    result = run("query", "what does Iran export", "--db", str(tmp_path / "none.db"))
    assert_one_error_line(result, 2)


def test_unknown_output_format(tmp_path: Path) -> None:
    result = run("extract", "--format", "xml")
    assert_one_error_line(result, 2)


def test_unknown_modality(tmp_path: Path) -> None:
    result = run("query", "what does Iran export", "--modality", "maybe")
    assert_one_error_line(result, 2)
