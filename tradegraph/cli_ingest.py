"""The `tradegraph ingest` command: a thin layer over `tradegraph.store.ingest` (see tradegraph.cli)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tradegraph.documents import InputProblem

if TYPE_CHECKING:  # ingest (and the store's writing side) is imported when the command runs
    from tradegraph.ingest import IngestReport

__all__ = ["ingest_command"]


def ingest_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Text, .jsonl, .json or HTML files, or directories (read recursively).",
            show_default=False,
            readable=False,  # each unreadable input is one `error:` line and the others are ingested
        ),
    ],
    db: Annotated[
        Path,
        typer.Option(
            "--db", metavar="FILE", help="SQLite store to add to (created if missing).", readable=False
        ),
    ] = Path("tradegraph.db"),
    workers: Annotated[
        int,
        typer.Option(
            "--workers", "-w", metavar="N", min=1, help="Extract in this many processes on this machine."
        ),
    ] = 1,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="SCHEDULER",
            help="Extract on a Dask cluster: its scheduler address (tcp://host:8786), or 'local' to "
            "start one here with --workers processes. Needs dask.distributed installed.",
        ),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the ingest report as JSON.")] = False,
    no_progress: Annotated[bool, typer.Option("--no-progress", help="Do not show the progress bar.")] = False,
) -> None:
    """Extract articles into the SQLite store; documents already stored are skipped.

    Documents are keyed by their text's hash: rerunning an ingest, even a killed one, adds what is missing.

    Each unreadable input, and each article the pipeline fails on, is reported as `error: PATH: MESSAGE` on stderr; the rest is ingested; exit code 1.

    A store that cannot be opened or written (read-only) exits with 2, leaving it as it was.
    """

    from tradegraph.ingest import ExtractorError, ingest
    from tradegraph.store import StoreError, StoreNotWritable

    def report_problem(problem: InputProblem) -> None:
        typer.echo(f"error: {problem}", err=True)

    try:
        report = ingest(
            paths,
            db,
            workers=workers,
            dask_address=dask,
            progress=not no_progress,
            on_problem=report_problem,
        )
    except StoreNotWritable as error:  # its message names the store
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    except StoreError as error:
        typer.echo(f"error: {db}: {error}", err=True)
        raise typer.Exit(2) from None
    except ExtractorError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        typer.echo("interrupted: the documents stored so far are kept; rerun to add the rest", err=True)
        raise typer.Exit(130) from None
    except Exception as error:  # a one-line message, never a traceback
        typer.echo(f"error: ingest failed: {type(error).__name__}: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(report.model_dump_json(indent=2) if json_output else format_report(report))
    if report.failed:
        raise typer.Exit(1)


def format_report(report: IngestReport) -> str:
    """One line: what was added, skipped and failed, and how fast."""
    line = (
        f"{report.added:,} added, {report.skipped_existing:,} already stored, {report.failed:,} failed; "
        f"{report.words:,} words in {report.seconds:.1f} s"
    )
    if report.words and report.seconds:
        line += f" ({report.words_per_second:,.0f} words/s)"
    return f"{line} → {report.db}"
