"""The `tradegraph export`, `plot` and `view` commands: thin layers over `tradegraph.export`,
`tradegraph.plot` and `tradegraph.view` (registered by tradegraph.cli)."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from tradegraph.atomic import OutputPathError, output_problem
from tradegraph.cli_common import DbOption, GraphOption, ReadInputsArgument
from tradegraph.export import DIRECTORY_FORMATS, EXPORT_FORMATS

__all__ = ["export_command", "plot_command", "view_command"]


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def _check_file_output(path: Path) -> None:
    """Refuse an output file that cannot be written before the graph is loaded (that may take minutes)."""
    problem = output_problem(path)
    if problem is not None:
        raise _fail(problem, 2)


def _run(
    graph: Path | None, db: Path | None, inputs: list[Path] | None, write: Callable[[Any], Path]
) -> None:
    """Load the graph (naming it on stderr), write the output and say where; any failure is one `error:`
    line and exit code 1, and so is a bad article among the inputs (after the output is written from the
    others)."""
    from tradegraph import cli_source  # reading articles starts the NLP pipeline

    problems: list[Any] = []
    try:
        kg, source = cli_source.load(graph, db, list(inputs or []), problems=problems)
    except (typer.Exit, typer.Abort):
        raise
    except OSError as exc:
        where = f": {exc.filename}" if getattr(exc, "filename", None) else ""
        raise _fail(f"{exc.strerror or exc}{where}") from None
    except Exception as exc:  # the CLI's promise: one line, no traceback
        raise _fail(str(exc) or type(exc).__name__) from None
    cli_source.announce(source, kg)
    try:
        written = _with_notes(write, kg)
    except (typer.Exit, typer.Abort):
        raise
    except ImportError as exc:
        raise _fail(str(exc)) from None
    except OutputPathError as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"cannot write the output: {exc.strerror or exc}") from None
    except Exception as exc:  # the CLI's promise: one line, no traceback
        raise _fail(str(exc) or type(exc).__name__) from None
    typer.echo(f"wrote {written}", err=True)
    if problems:
        raise typer.Exit(1)


def _with_notes(write: Callable[[Any], Path], kg: Any) -> Path:
    """Run `write`; a picture drawn without the world outline is reported as one `note:` line on stderr
    (other warnings pass through as usual)."""
    from tradegraph.world import OutlineMissing

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", OutlineMissing)
        try:
            return write(kg)
        finally:
            notes = dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, OutlineMissing))
            for note in notes:
                typer.echo(f"note: {note}", err=True)
            for w in caught:
                if not issubclass(w.category, OutlineMissing):
                    warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def export_command(
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help=f"Output format: {', '.join(EXPORT_FORMATS)}.",
            show_default=True,
        ),
    ] = "graphml",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="File to write (a directory for csv and neo4j).",
            readable=False,
        ),
    ] = None,
    graph: GraphOption = None,
    db: DbOption = None,
    inputs: ReadInputsArgument = None,
) -> None:
    """Export the trade graph for other tools.

    Formats: graphml (Gephi, igraph; one weighted edge per source, target and type), gexf (GEXF 1.3 with the
    article dates as a timeline), json (node-link), csv (nodes.csv and edges.csv in a directory), neo4j
    (neo4j-admin import CSVs, import.sh and load.cypher in a directory). Files are written atomically.
    """
    if format not in EXPORT_FORMATS:
        raise _fail(f"unknown format {format!r} (choose from: {', '.join(EXPORT_FORMATS)})", 2)
    if output is None:
        output = Path(f"tradegraph-{format}" if format in DIRECTORY_FORMATS else f"graph.{format}")
    if format not in DIRECTORY_FORMATS and output.is_dir():
        raise _fail(f"{output} is a directory; give a file name for {format}", 2)
    if format in DIRECTORY_FORMATS and output.exists() and not output.is_dir():
        raise _fail(f"{output} is a file; {format} writes a directory", 2)
    if format not in DIRECTORY_FORMATS:
        _check_file_output(output)
    _run(graph, db, inputs, lambda kg: EXPORT_FORMATS[format](kg, output))


def plot_command(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Picture to write: .png, .svg or .pdf.", readable=False
        ),
    ] = Path("trade.png"),
    kind: Annotated[
        str, typer.Option("--kind", "-k", help="map (countries and arrows) or sankey (one country's goods).")
    ] = "map",
    country: Annotated[
        str | None, typer.Option("--country", "-c", help="One country and its partners (any name form).")
    ] = None,
    commodity: Annotated[
        str | None, typer.Option("--commodity", help='A commodity or HS category ("wheat", "cereals").')
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top", "-n", min=1, help="Keep the N directions (map) or goods (sankey) with most flows."
        ),
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Articles dated from (YYYY, YYYY-MM or YYYY-MM-DD).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Articles dated until (inclusive).")] = None,
    modality: Annotated[
        list[str] | None, typer.Option("--modality", "-m", help="actual, planned or potential (repeatable).")
    ] = None,
    colour: Annotated[
        str, typer.Option("--colour", "--color", help="Colour arrows by HS section or by modality.")
    ] = "section",
    width: Annotated[
        str, typer.Option("--width", help="Arrow width by number of flows or by stated US$ value.")
    ] = "flows",
    title: Annotated[str | None, typer.Option(help="Title (default: what is shown, with counts).")] = None,
    graph: GraphOption = None,
    db: DbOption = None,
    inputs: ReadInputsArgument = None,
) -> None:
    """Draw the trade network: countries at their capitals on a world map, one curved arrow per direction
    (exporter → importer), width by number of flows, colour by HS section; crowded regions are enlarged
    in a second panel. Two countries: every good listed both ways. `--kind sankey --country X`: X's
    exporters → goods → importers."""
    from tradegraph.plot import COLOUR_CHOICES, KINDS, WIDTH_CHOICES

    if output.suffix.lower() not in {".png", ".svg", ".pdf"}:
        raise _fail(f"cannot tell the picture format of {output}: use .png, .svg or .pdf", 2)
    for name, value, choices in (("kind", kind, KINDS), ("colour", colour, COLOUR_CHOICES), ("width", width, WIDTH_CHOICES)):  # fmt: skip
        if value not in choices:
            raise _fail(f"unknown {name} {value!r} (choose from: {', '.join(choices)})", 2)
    if kind == "sankey" and not country:
        raise _fail("--kind sankey draws one country: give --country", 2)
    _check_file_output(output)

    def draw(kg: Any) -> Path:
        from tradegraph.plot import plot_trade_network

        plot_trade_network(
            kg,
            output,
            kind=kind,
            country=country,
            commodity=commodity,
            top=top,
            since=since,
            until=until,
            modality=modality or None,
            colour_by=colour,
            width_by=width,
            title=title,
        )
        return output

    _run(graph, db, inputs, draw)


def view_command(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="FILE", help="HTML page to write.", readable=False),
    ] = Path("graph.html"),
    graph: GraphOption = None,
    db: DbOption = None,
    inputs: ReadInputsArgument = None,
) -> None:
    """Write a self-contained interactive HTML page of the graph (works offline; needs the `view` extra):
    the country network, one arrow per direction of trade; click a country to open its goods, officials
    and places, anything for the sentences it was read from; search, filters for country, goods or HS
    section, modality and dates, and a map layout over the world outline."""
    _check_file_output(output)

    def page(kg: Any) -> Path:
        from tradegraph.view import write_html

        return write_html(kg, output)

    _run(graph, db, inputs, page)
