"""`ingest`: read inputs, extract the documents the store does not hold yet, and write them.

Inputs are streamed (`tradegraph.documents.iter_documents`: directories walked, JSONL read line by line).
This process reads and hashes them (to skip stored ones before any extraction) and writes the store;
extraction and serialisation into rows (`tradegraph.store_rows`) run in this process, in a pool of worker
processes, or on a Dask cluster, which hand back plain rows, so the writer only executes SQL.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import itertools
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from tradegraph.documents import InputProblem, iter_documents
from tradegraph.identity import DocumentIdentities
from tradegraph.models import Document, Extraction
from tradegraph.store import Store
from tradegraph.store_rows import DocumentRows, document_rows

__all__ = ["DEFAULT_EXTRACTOR", "ExtractorError", "IngestReport", "extract_batch", "extract_rows", "ingest"]

DEFAULT_EXTRACTOR = "tradegraph.extract:extract_documents"
EXTRACTOR_ENV = "TRADEGRAPH_EXTRACTOR"

Extractor = Callable[[Iterable[Document]], Iterable[Extraction]]


class ExtractorError(Exception):
    """The extraction function cannot be loaded."""


_extractors: dict[str, Extractor] = {}


def _load_extractor(spec: str | Extractor | None) -> Extractor:
    """Resolve `module:function` (default: $TRADEGRAPH_EXTRACTOR or tradegraph.extract) once per process."""
    if callable(spec):
        return spec
    spec = spec or os.environ.get(EXTRACTOR_ENV) or DEFAULT_EXTRACTOR
    if spec not in _extractors:
        module_name, _, function_name = spec.partition(":")
        try:
            function = getattr(importlib.import_module(module_name), function_name or "extract_documents")
        except (ImportError, AttributeError) as error:
            raise ExtractorError(f"cannot load the extractor {spec}: {error}") from error
        _extractors[spec] = function
    return _extractors[spec]


def extract_batch(
    documents: list[Document], extractor: str | Extractor | None = None
) -> list[Extraction | str]:
    """Extract a batch; one result per document, in order: its Extraction or the error message.

    An extractor that takes `on_error` (as `tradegraph.extract.extract_documents` does) reports each
    document it fails on there and goes on with the others, so the batch is extracted once and the message
    names the step that failed ("extraction failed in tg_flows: KeyError: 're'"). Any other failure of a
    batch is retried one document at a time, so one bad document does not cost its neighbours.
    """
    function = _load_extractor(extractor)
    try:
        results = _extract_reporting(function, documents) if _takes_on_error(function) else None
        if results is None:
            results = list(function(documents))
        if len(results) == len(documents):
            return results
    except Exception:
        pass  # retried document by document below, where the error is reported
    results = []
    for document in documents:
        try:
            (extraction,) = list(function([document]))
        except Exception as error:  # any extractor bug becomes a reported problem, not a crash
            results.append(_failure(error))
        else:
            results.append(extraction)
    return results


def _extract_reporting(function: Extractor, documents: list[Document]) -> list[Extraction | str] | None:
    """The batch through an extractor that reports failed documents to `on_error` in their place in the
    order (an Extraction is yielded, or an error reported, for each document in turn); None when what it
    reports does not line up with the documents, so the caller falls back to one document at a time."""
    results: list[Extraction | str] = []
    aligned = True

    def on_error(error: Exception) -> None:
        nonlocal aligned
        failed = getattr(error, "document", None)
        if failed is not None and (len(results) >= len(documents) or failed is not documents[len(results)]):
            aligned = False
        results.append(_failure(error))

    for extraction in function(documents, on_error=on_error):  # type: ignore[call-arg]
        results.append(extraction)
    return results if aligned else None


def _failure(error: Exception) -> str:
    """The message for a document the extractor failed on: the step that failed when it says (a
    `tradegraph.extract.ComponentError`), else the error."""
    problem = getattr(error, "problem", None)
    message = getattr(problem, "message", None)
    return message if isinstance(message, str) else f"extraction failed: {type(error).__name__}: {error}"


def _takes_on_error(function: Extractor) -> bool:
    """Whether the extractor accepts an `on_error` keyword (by name or through **kwargs)."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):  # a callable without a signature
        return False
    return any(
        (p.name == "on_error" and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD))
        or p.kind == p.VAR_KEYWORD
        for p in parameters
    )


# A document on its way to a worker: (hash, doc_id, text, date, url, title, source), plain values.
Work = tuple[str, str, str, str | None, str | None, str | None, str | None]


def _work(key: str, document: Document) -> Work:
    return (key, document.doc_id, document.text, document.date, document.url, document.title, document.source)


def _document(work: Work) -> Document:
    _, doc_id, text, date, url, title, source = work
    return Document(doc_id=doc_id, text=text, date=date, url=url, title=title, source=source)


def extract_rows(batch: list[Work], extractor: str | Extractor | None = None) -> list[DocumentRows | str]:
    """What runs in a worker process or on a Dask worker: extract a batch and serialise each document into
    its store rows; one result per document, its rows or the error message."""
    documents = [_document(work) for work in batch]
    results: list[DocumentRows | str] = []
    for work, document, result in zip(batch, documents, extract_batch(documents, extractor), strict=True):
        if isinstance(result, str):
            results.append(result)
            continue
        try:
            results.append(document_rows(document, result, work[0]))
        except Exception as error:  # an extraction the schema cannot hold is reported like a failure
            results.append(f"cannot store the extraction: {type(error).__name__}: {error}")
    return results


def _warm(extractor: str | Extractor | None) -> None:
    """Load the extractor and whatever it builds once per process (the spaCy pipeline: an empty call builds
    it), so a worker pays for it once, before its first batch, not per task."""
    function = _load_extractor(extractor)
    list(function([]))


class IngestReport(BaseModel):
    """What an ingest did."""

    db: str
    added: int = 0
    skipped_existing: int = 0
    failed: int = 0
    renamed: int = Field(default=0, description="documents whose doc_id was qualified by path to stay unique")
    problems: list[InputProblem] = Field(default_factory=list)
    words: int = 0
    seconds: float = 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def _batches(
    inputs: Iterable[Document | InputProblem],
    store: Store,
    report: IngestReport,
    batch_size: int,
    on_problem: Callable[[InputProblem], None] | None,
    on_skip: Callable[[], None],
) -> Iterator[list[Work]]:
    """Group the documents not yet stored into batches, recording problems and skips on the way."""
    identities = DocumentIdentities(known_hash=store.has)
    batch: list[Work] = []
    for item in inputs:
        if isinstance(item, InputProblem):
            report.failed += 1
            report.problems.append(item)
            if on_problem:
                on_problem(item)
            continue
        assigned = identities.assign(item)
        if assigned is None:
            report.skipped_existing += 1
            on_skip()
            continue
        batch.append(_work(assigned[0], item))  # the store makes the doc_id unique when it writes
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    paths: Iterable[str | Path],
    db_path: str | Path,
    *,
    workers: int = 1,
    dask_address: str | None = None,
    batch_size: int = 64,
    progress: bool = True,
    extractor: str | Extractor | None = None,
    on_problem: Callable[[InputProblem], None] | None = None,
) -> IngestReport:
    """Read, extract and store every document under `paths` that the store does not hold yet.

    `workers` > 1 extracts in that many processes; `dask_address` (a scheduler address such as
    `tcp://host:8786`, or "local" for a LocalCluster on this machine) extracts on a Dask cluster. Either way
    this process is the only writer. `extractor` is a function or `module:function` taking Documents and
    yielding one Extraction each (default: `tradegraph.extract.extract_documents`). Bad inputs are recorded
    in the report (and passed to `on_problem` as they are met); they do not stop the ingest.
    Raises StoreError if the store cannot be opened, ExtractorError if the extractor cannot be loaded.
    """
    started = time.perf_counter()
    report = IngestReport(db=str(db_path))
    if workers < 1:
        raise ValueError("workers must be at least 1")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if extractor is None:
        # Named, not imported, so worker processes and Dask workers resolve it themselves.
        extractor = os.environ.get(EXTRACTOR_ENV) or DEFAULT_EXTRACTOR
    _load_extractor(extractor)  # fail before reading any input

    with Store(db_path) as store:
        bar = _progress_bar(progress)  # started after the worker processes are (see _run_in_pool)
        batches = _batches(iter_documents(paths), store, report, batch_size, on_problem, on_skip=bar.skip)

        def write(batch: list[Work], results: list[DocumentRows | str]) -> None:
            new = []
            for work, result in zip(batch, results, strict=True):
                if isinstance(result, str):
                    problem = InputProblem(path=work[6] or work[1], message=result)
                    report.failed += 1
                    report.problems.append(problem)
                    if on_problem:
                        on_problem(problem)
                else:
                    new.append((_document(work), result))
            added, renamed = store.write(new)
            words = sum(rows.words for _, rows in new)
            report.added += added
            report.renamed += renamed
            report.skipped_existing += len(new) - added  # stored meanwhile by a concurrent ingest
            report.words += words
            bar.advance(len(batch), words)

        if dask_address is not None:
            with bar:
                _run_on_dask(batches, write, dask_address, extractor, workers)
        elif workers > 1:
            _run_in_pool(batches, write, workers, extractor, bar)
        else:
            with bar:
                for batch in batches:
                    write(batch, extract_rows(batch, extractor))
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _pool_context() -> tuple[Any, bool]:
    """The start method for worker processes, and whether they are forked from this process.

    Fork where it is safe: on Linux, from a process running no other thread (the command line; not a
    notebook kernel or a Dask client, whose threads may hold locks a forked child would never see
    released). Workers then start at once with the pipeline this process built, shared copy-on-write,
    instead of each re-importing spaCy and rebuilding it. Otherwise spawn, and each worker builds the
    pipeline once in its initializer.
    """
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork"), True
    return multiprocessing.get_context("spawn"), False


def _run_in_pool(
    batches: Iterator[list[Work]], write: Callable, workers: int, extractor: Any, bar: _NoProgress
) -> None:
    first = next(batches, None)
    if first is None:  # everything stored already: no need to start worker processes
        with bar:
            return
    batches = itertools.chain([first], batches)
    context, forked = _pool_context()
    frozen_here = False
    if forked:
        _warm(extractor)  # once, here: the forked workers inherit it
        # Objects that exist now (the pipeline, the gazetteers) are left out of garbage collections, so the
        # collector does not touch, and thereby copy, the pages every worker shares. The shared pipeline
        # froze itself when built (pipeline.get_pipeline) and stays so for the process's life: gc.unfreeze()
        # would return it to the collector too, so only a freeze made here is undone.
        if gc.get_freeze_count() == 0:
            gc.freeze()
            frozen_here = True
    try:
        # Forked before the progress bar starts its thread: a fork copies only the thread that forks, and
        # any lock another thread holds stays locked in the child. The store's connection is copied but
        # never used by a worker (they exit with os._exit, which does not close it either).
        with context.Pool(workers, initializer=_warm, initargs=(extractor,)) as pool, bar:
            # A bounded window of batches in flight keeps memory flat: Pool.imap would read every input
            # ahead on its task thread (and the store's connection cannot be used from that thread).
            pending: deque = deque()
            for batch in batches:
                pending.append((batch, pool.apply_async(extract_rows, (batch, extractor))))
                while len(pending) >= 2 * workers:
                    done, result = pending.popleft()
                    write(done, result.get())
            while pending:
                done, result = pending.popleft()
                write(done, result.get())
    finally:
        if frozen_here:
            gc.unfreeze()


def _run_on_dask(
    batches: Iterator[list[Work]], write: Callable, address: str, extractor: Any, workers: int
) -> None:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as error:
        raise ExtractorError(
            "--dask needs dask.distributed: pip install 'tradegraph[distributed]'"
        ) from error

    first = next(batches, None)
    if first is None:
        return
    batches = itertools.chain([first], batches)
    if address == "local":
        cluster = LocalCluster(n_workers=max(workers, 1), threads_per_worker=1, processes=True)
        cluster_context: Any = cluster
        client = Client(cluster)
    else:
        cluster_context = nullcontext()
        try:
            client = Client(address, timeout="30s")
        except (OSError, TimeoutError) as error:
            raise ExtractorError(f"cannot reach the Dask scheduler at {address}: {error}") from error
    with cluster_context, client:
        slots = 2 * max(len(client.scheduler_info().get("workers", {})), 1) + 2
        futures: dict[Any, list[Work]] = {}
        completed = as_completed()

        def submit() -> bool:
            batch = next(batches, None)
            if batch is None:
                return False
            future = client.submit(extract_rows, batch, extractor, pure=False)
            futures[future] = batch
            completed.add(future)
            return True

        while len(futures) < slots and submit():
            pass
        for future in completed:
            batch = futures.pop(future)
            write(batch, future.result())
            submit()


class _NoProgress:
    def advance(self, documents: int, words: int = 0) -> None:
        pass

    def skip(self) -> None:
        pass

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass


class _RichProgress(_NoProgress):
    """A rich progress line on stderr: documents, words, and their rates."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]ingest[/]"),
            TextColumn("{task.completed:,.0f} docs · {task.fields[words]:,} words"),
            TextColumn("· {task.fields[rate]}"),
            TextColumn("· {task.fields[skipped]:,} already stored"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self.task = self.progress.add_task("ingest", total=None, words=0, rate="", skipped=0)
        self.words = 0
        self.skipped = 0
        self.started = time.perf_counter()

    def skip(self) -> None:
        self.skipped += 1
        self.advance(0)

    def advance(self, documents: int, words: int = 0) -> None:
        self.words += words
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        completed = self.progress.tasks[0].completed + documents
        rate = f"{completed / elapsed:,.0f} docs/s, {self.words / elapsed:,.0f} words/s"
        self.progress.update(self.task, advance=documents, words=self.words, rate=rate, skipped=self.skipped)

    def __enter__(self) -> _RichProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.progress.stop()


def _progress_bar(enabled: bool) -> _NoProgress:
    if enabled and sys.stderr.isatty():
        return _RichProgress()
    return _NoProgress()
