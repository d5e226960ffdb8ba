"""Extractions saved as JSON Lines (one Extraction per line), so a graph is rebuilt without re-running NLP.

Files are written atomically: a temporary file beside the target, then `os.replace`, so a crash never
leaves a half-written file behind.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from tradegraph.atomic import atomic_write_text
from tradegraph.models import Extraction

__all__ = ["GraphFileError", "atomic_write_text", "iter_extractions", "load_extractions", "save_extractions"]


class GraphFileError(ValueError):
    """A saved graph or extractions file is missing, unreadable or corrupt."""


def validation_message(exc: ValidationError) -> str:
    """The first problem of a pydantic error on one line: `field.path: message`."""
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "value"
    return f"{field}: {first['msg']}"


def save_extractions(path: str | os.PathLike[str], extractions: Iterable[Extraction]) -> Path:
    """Write one Extraction per line (JSON), atomically."""
    lines = [extraction.model_dump_json() + "\n" for extraction in extractions]
    return atomic_write_text(path, "".join(lines))


def _open(path: Path) -> TextIO:
    try:
        return path.open(encoding="utf-8")
    except FileNotFoundError:
        raise GraphFileError(f"extractions file not found: {path}") from None
    except IsADirectoryError:
        raise GraphFileError(f"{path}: is a directory, not an extractions file") from None
    except OSError as exc:
        raise GraphFileError(f"{path}: cannot read: {exc.strerror}") from None


def _parse_line(line: str, where: str) -> Extraction:
    try:
        return Extraction.model_validate_json(line)
    except ValidationError as exc:
        if exc.errors()[0]["type"] == "json_invalid":
            raise GraphFileError(f"{where}: invalid JSON") from None
        raise GraphFileError(f"{where}: {validation_message(exc)}") from None


def iter_extractions(path: str | os.PathLike[str]) -> Iterator[Extraction]:
    """Extractions from a JSONL file, streamed; blank lines are skipped; a bad line raises GraphFileError."""
    source = Path(path)
    with _open(source) as stream:
        number = 0
        try:
            for number, line in enumerate(stream, start=1):
                if line.strip():
                    yield _parse_line(line, f"{source}:{number}")
        except UnicodeDecodeError:
            raise GraphFileError(f"{source}:{number + 1}: not UTF-8 text") from None


def load_extractions(path: str | os.PathLike[str]) -> list[Extraction]:
    """All extractions of a JSONL file (see `iter_extractions`)."""
    return list(iter_extractions(path))


def looks_like_extractions(path: str | os.PathLike[str]) -> bool:
    """True when the first non-blank line of a .jsonl file is an Extraction rather than an article."""
    try:
        with Path(path).open(encoding="utf-8") as stream:
            first = next((line for line in stream if line.strip()), "")
        data = json.loads(first)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and "doc_id" in data and "text" not in data
