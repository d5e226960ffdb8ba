"""The `tradegraph eval` command: a thin layer over `tradegraph.evaluate` (registered by tradegraph.cli)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["eval_command"]


def eval_command(
    gold_dir: Annotated[
        Path,
        typer.Argument(
            exists=False,
            readable=False,
            metavar="GOLD",
            help="Directory of gold *.json articles (format: corpus SCHEMA.md).",
        ),
    ],
    json_output: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    show_errors: Annotated[
        bool, typer.Option("--show-errors", help="List each article's misses and false positives.")
    ] = False,
) -> None:
    """Score extraction against gold-annotated articles.

    Runs extraction on each gold article's text and matches it to gold by the rules of the corpus SCHEMA.md.

    Prints precision, recall and F1 per fact type, then modality and role_class accuracy over matched facts.
    """
    from tradegraph.evaluate import GoldFormatError, evaluate_articles, format_report, load_gold

    try:
        articles = load_gold(gold_dir)
    except (GoldFormatError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    from tradegraph.extract import ComponentError

    try:
        report = evaluate_articles(articles)
    except ComponentError as exc:  # a score without one of the articles would mislead: stop, on one line
        typer.echo(f"error: {exc.problem}", err=True)
        raise typer.Exit(1) from None
    if json_output:
        typer.echo(report.model_dump_json(indent=2))
    else:
        typer.echo(format_report(report, show_errors=show_errors))
