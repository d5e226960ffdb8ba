"""The `tradegraph` command line: parses arguments, calls the library, prints. No behaviour lives here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tradegraph import __version__
from tradegraph.atomic import OutputPathError
from tradegraph.cli_common import (
    DbOption,
    InputsArgument,
    ModelOption,
    check_output,
    default_inputs,
    extract_with_progress,
    fail,
    polish_help,
    render_rows,
    render_table,
    require_model,
    show_input_warnings,
)
from tradegraph.cli_eval import eval_command
from tradegraph.cli_ingest import ingest_command
from tradegraph.cli_outputs import export_command, plot_command, view_command
from tradegraph.cli_query import query_command
from tradegraph.cli_source import DEFAULT_GRAPH
from tradegraph.cli_source import load as load_source
from tradegraph.documents import InputProblem
from tradegraph.models import Extraction

app = typer.Typer(
    name="tradegraph",
    help="Read news articles about trade between countries and turn them into a queryable knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    # Docstrings are wrapped to the terminal (a single line break inside a paragraph is not kept).
    rich_markup_mode="markdown",
)

polish_help()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tradegraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """tradegraph: trade flows, officials, ports and regions from news, as a graph you can query and export."""
    show_input_warnings()


# -- extract -------------------------------------------------------------------------------------------------
FLOW_COLUMNS = ["doc_id", "exporter", "importer", "commodity", "hs_code", "modality", "negated", "sentence"]


def _flow_rows(extraction: Extraction) -> list[dict]:
    return [
        {
            "doc_id": extraction.doc_id,
            "exporter": flow.exporter,
            "importer": flow.importer,
            "commodity": flow.commodity.name,
            "hs_code": flow.commodity.hs_code,
            "modality": flow.modality,
            "negated": flow.negated,
            "sentence": flow.evidence.sentence if flow.evidence else None,
        }
        for flow in extraction.trade_flows
    ]


def _extraction_tables(extraction: Extraction) -> str:
    parts = [
        f"{extraction.doc_id}  date={extraction.date or '-'}  countries={', '.join(c.iso3 for c in extraction.countries) or '-'}"
    ]
    flows = _flow_rows(extraction)
    if flows:
        parts.append(render_table(flows, FLOW_COLUMNS[1:7], title="trade flows"))
    officials = [o.model_dump(exclude={"evidence"}) for o in extraction.officials]
    if officials:
        parts.append(
            render_table(
                officials,
                ["name", "title", "role_class", "country", "posted_to", "former"],
                title="officials",
            )
        )
    locations = [loc.model_dump(exclude={"evidence"}) for loc in extraction.locations]
    if locations:
        parts.append(render_table(locations, ["name", "kind", "country", "code"], title="locations"))
    values = [v.model_dump(exclude={"evidence"}) for v in extraction.trade_values]
    if values:
        parts.append(
            render_table(
                values, ["reporter", "partner", "flow", "value", "currency", "period"], title="trade values"
            )
        )
    return "\n".join(parts)


@app.command()
def extract(
    inputs: InputsArgument = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="jsonl (one object per article), json, table, or csv (trade flows).",
        ),
    ] = "jsonl",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write JSONL extractions to this file.", readable=False
        ),
    ] = None,
    model: ModelOption = None,
) -> None:
    """Extract countries, officials, places, trade flows and values from articles.

    Each bad input (missing, unreadable, empty, binary, not UTF-8, a PDF) and each article the pipeline fails on is reported on stderr as one `error: PATH: MESSAGE` line; the other articles are still processed and the exit code is 1.
    """
    if format not in {"jsonl", "json", "table", "csv"}:
        raise fail(f"unknown format {format!r} (choose from: jsonl, json, table, csv)", 2)
    if output is not None:
        check_output(output)
    require_model(model)
    problems: list[InputProblem] = []
    extractions = extract_with_progress(default_inputs(inputs), model, problems)
    if output is not None:
        from tradegraph.jsonl import save_extractions

        saved = list(extractions)
        try:
            save_extractions(output, saved)
        except OSError as error:
            raise fail(_write_failure(output, error)) from None
        typer.echo(f"wrote {len(saved)} extractions to {output}", err=True)
    elif format == "jsonl":
        for extraction in extractions:
            typer.echo(extraction.model_dump_json())
    elif format == "json":
        typer.echo(json.dumps([e.model_dump(mode="json") for e in extractions], ensure_ascii=False, indent=2))
    elif format == "csv":
        rows = [row for extraction in extractions for row in _flow_rows(extraction)]
        typer.echo(render_rows(rows, "csv", FLOW_COLUMNS))
    else:
        for extraction in extractions:
            typer.echo(_extraction_tables(extraction) + "\n")
    if problems:
        raise typer.Exit(1)


# -- build ---------------------------------------------------------------------------------------------------
@app.command()
def build(
    inputs: InputsArgument = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Where to save the graph (JSON).", readable=False
        ),
    ] = DEFAULT_GRAPH,
    db: DbOption = None,
    model: ModelOption = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the graph's statistics as JSON.")
    ] = False,
) -> None:
    """Build the trade graph from articles (default: seeds/) or a store, and save it (default: ./graph.json,
    which `query`, `export`, `plot` and `view` then read when given no --graph).

    Bad inputs are reported as by `extract`; an output path that cannot be written is refused before any work.
    """
    check_output(output)
    problems: list[InputProblem] = []
    kg, source = load_source(None, db, inputs, model, problems, saved_default=False)
    try:
        path = kg.save(output)
    except OSError as error:
        raise fail(_write_failure(output, error)) from None
    stats = kg.stats()
    if json_output:
        typer.echo(
            json.dumps({"output": str(path), "source": source.describe(), **stats}, indent=2, default=str)
        )
    else:
        parts = []
        for group, counts in stats.items():
            if isinstance(counts, dict):
                parts.append(f"{group}: " + ", ".join(f"{value} {key}" for key, value in counts.items()))
        typer.echo(f"saved {path} (from {source.describe()})\n  " + "\n  ".join(parts))
    if problems:
        raise typer.Exit(1)


def _write_failure(path: Path, error: OSError) -> str:
    """The one-line message for a write that failed midway (disk full, a path made read-only meanwhile)."""
    if isinstance(error, OutputPathError):
        return str(error)
    return f"cannot write {path}: {(error.strerror or str(error)).lower()}"


app.command("query")(query_command)
app.command("eval")(eval_command)
app.command("ingest")(ingest_command)
app.command("export")(export_command)
app.command("plot")(plot_command)
app.command("view")(view_command)


if __name__ == "__main__":  # pragma: no cover
    app()
