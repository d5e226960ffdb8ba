"""Load the data files under rules/ into validated pydantic rows; a bad row names its file and line.

Every loader rejects a file with no entries: a list that silently went empty would switch a rule off.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

Row = TypeVar("Row", bound=BaseModel)

CONFLICT_MARKERS = ("<<<<<<<", "=======", ">>>>>>>")


class RuleFileError(ValueError):
    """A rules file is missing or malformed."""


def rules_dir() -> Path:
    """The rules directory: $TRADEGRAPH_RULES if set, else rules/ beside the package."""
    override = os.environ.get("TRADEGRAPH_RULES")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "rules"


def rule_path(name: str) -> Path:
    path = rules_dir() / name
    if not path.is_file():
        raise RuleFileError(f"rules file not found: {path}")
    return path


@cache
def _list_adapter(model: type[Row]) -> TypeAdapter[list[Row]]:
    return TypeAdapter(list[model])


def _validate_rows(model: type[Row], records: list[dict], path: Path, line_numbers: list[int]) -> list[Row]:
    """Validate every row in one call (pydantic-core loops in Rust); the first error names file and line."""
    try:
        return _list_adapter(model).validate_python(records)
    except ValidationError as exc:
        first = exc.errors()[0]
        index, *loc = first["loc"]
        field = ".".join(str(part) for part in loc) or "row"
        raise RuleFileError(f"{path}:{line_numbers[index]}: {field}: {first['msg']}") from None


def load_tsv(name: str, model: type[Row]) -> list[Row]:
    """Rows of a tab-separated file with a header line; '#' lines are comments; empty cells become None.

    Cells are not quoted (a tab never occurs inside one), so lines are split on tabs in bulk rather than
    read with the csv module; errors name the physical line of the file.
    """
    path = rule_path(name)
    lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    numbers = [number for number, line in enumerate(lines) if line and line[0] != "#" and line.strip()]
    if len(numbers) < 2:
        raise RuleFileError(f"{path}: no rows under the header" if numbers else f"{path}: empty file")
    header = lines[numbers[0]].split("\t")
    width = len(header)
    rows: list[list[str | None]] = [lines[number].split("\t") for number in numbers[1:]]
    records = []
    for index, cells in enumerate(rows):
        if len(cells) != width:
            if len(cells) > width:
                raise RuleFileError(f"{path}:{numbers[index + 1] + 1}: more cells than header columns")
            cells = cells + [None] * (width - len(cells))
        if "" in cells:
            cells = [cell or None for cell in cells]
        records.append(dict(zip(header, cells, strict=True)))
    return _validate_rows(model, records, path, [number + 1 for number in numbers[1:]])


def load_jsonl(name: str, model: type[Row]) -> list[Row]:
    """One JSON object per line; blank lines and '//' comments are skipped."""
    path = rule_path(name)
    records: list[dict] = []
    line_numbers: list[int] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            text = line.strip()
            if not text or text.startswith("//"):
                continue
            try:
                records.append(json.loads(text))
            except json.JSONDecodeError as exc:
                raise RuleFileError(f"{path}:{number}: invalid JSON: {exc.msg}") from None
            line_numbers.append(number)
    if not records:
        raise RuleFileError(f"{path}: no rows")
    return _validate_rows(model, records, path, line_numbers)


def load_words(name: str) -> frozenset[str]:
    """A plain word list, one entry per line, lower-cased; '#' lines are comments."""
    return _load_words(rule_path(name))


@cache
def _load_words(path: Path) -> frozenset[str]:
    """Read once per file: the rules directory may change ($TRADEGRAPH_RULES), a file's words do not."""
    with path.open(encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    entries = [
        (number, line.strip()) for number, line in enumerate(lines, 1) if line.strip() and line[0] != "#"
    ]
    for number, entry in entries:
        # A merge left unresolved would load its marker lines as words and both sides' lists.
        if entry.startswith(CONFLICT_MARKERS):
            raise RuleFileError(f"{path}:{number}: unresolved merge conflict marker")
    words = frozenset(entry.lower() for _, entry in entries)
    if not words:
        raise RuleFileError(f"{path}: no words")
    return words


load_words.cache_clear = _load_words.cache_clear  # type: ignore[attr-defined]  # tests that edit a file


# Every loader above refuses an empty file; these names are kept for the components that ask for it
# explicitly.
load_nonempty_tsv = load_tsv
load_nonempty_words = load_words
