"""Writing files atomically: a temporary file beside the target, then `os.replace`, so a crash or an error
never leaves a half-written file and the old content stays until the new one is complete.

A target that cannot be written (its directory missing or read-only, a directory in its place) raises
`OutputPathError` with a message that names it, and `output_problem` says so beforehand, so a command
can refuse a bad output path before its long work rather than after."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["OutputPathError", "atomic_open", "atomic_write_text", "output_problem"]


class OutputPathError(OSError):
    """The target of a write cannot be written; the message says why."""


def output_problem(path: str | os.PathLike[str]) -> str | None:
    """Why a file cannot be written at `path` (a sentence naming it), or None when it can."""
    target = Path(path)
    directory = target.parent
    if target.is_dir():
        return f"cannot write {target}: it is a directory"
    if not directory.exists():
        return f"cannot write {target}: directory {directory} does not exist"
    if not directory.is_dir():
        return f"cannot write {target}: {directory} is not a directory"
    if not os.access(directory, os.W_OK | os.X_OK):
        return f"cannot write {target}: directory {directory} is not writable"
    return None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "w", newline: str | None = "") -> Iterator[IO[Any]]:
    """Open a temporary file beside `path`; on success it replaces `path` (with the usual permissions, not
    the temporary file's private ones), on any error it is removed and `path` keeps its old content."""
    target = Path(path)
    problem = output_problem(target)
    if problem is not None:
        raise OutputPathError(problem)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:  # e.g. a read-only file system that os.access did not tell of
        raise OutputPathError(f"cannot write {target}: {_reason(error)}") from error
    try:
        if "b" in mode:
            stream = os.fdopen(handle, mode)
        else:
            stream = os.fdopen(handle, mode, encoding="utf-8", newline=newline)
        with stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp_name, 0o666 & ~_umask())
        try:
            os.replace(temp_name, target)
        except OSError as error:  # a directory made at the target meanwhile, a file system gone read-only
            raise OutputPathError(f"cannot write {target}: {_reason(error)}") from error
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _reason(error: OSError) -> str:
    return error.strerror.lower() if error.strerror else str(error)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write `text` to `path` atomically (UTF-8, '\\n' line ends)."""
    with atomic_open(path, "w", newline="\n") as stream:
        stream.write(text)
    return Path(path)
