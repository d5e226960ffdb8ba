"""Load the data files under rules/ into validated pydantic rows; a bad row names its file and line."""

from __future__ import annotations

import csv
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

Row = TypeVar("Row", bound=BaseModel)


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


def _validate(model: type[Row], data: dict, where: str) -> Row:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "row"
        raise RuleFileError(f"{where}: {field}: {first['msg']}") from None


def load_tsv(name: str, model: type[Row]) -> list[Row]:
    """Rows of a tab-separated file with a header line; '#' lines are comments; empty cells become None."""
    path = rule_path(name)
    rows: list[Row] = []
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        for number, record in enumerate(reader, start=2):
            if None in record:
                raise RuleFileError(f"{path}:{number}: more cells than header columns")
            data = {key: (value if value != "" else None) for key, value in record.items()}
            rows.append(_validate(model, data, f"{path}:{number}"))
    return rows


def load_jsonl(name: str, model: type[Row]) -> list[Row]:
    """One JSON object per line; blank lines and '//' comments are skipped."""
    path = rule_path(name)
    rows: list[Row] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            text = line.strip()
            if not text or text.startswith("//"):
                continue
            try:
                data = json.loads(text)
            except json.JSONDecodeError as exc:
                raise RuleFileError(f"{path}:{number}: invalid JSON: {exc.msg}") from None
            rows.append(_validate(model, data, f"{path}:{number}"))
    return rows


@lru_cache(maxsize=None)
def load_words(name: str) -> frozenset[str]:
    """A plain word list, one entry per line, lower-cased."""
    path = rule_path(name)
    with path.open(encoding="utf-8") as handle:
        return frozenset(
            line.strip().lower() for line in handle if line.strip() and not line.startswith("#")
        )
