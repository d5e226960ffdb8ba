"""Fixtures shared by the test modules."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import NamedTuple

import pytest

from tradegraph.components.base import doc_text
from tradegraph.pipeline import get_pipeline
from tradegraph.rules import load_words, rules_dir


class FailingComponent(NamedTuple):
    name: str  # the pipeline component that fails
    marker: str  # a document whose text holds this makes it raise RuntimeError


@pytest.fixture
def failing_component(monkeypatch: pytest.MonkeyPatch) -> FailingComponent:
    """tg_commodities raises on any document whose text holds "kaboom", as a bug in a component would."""
    failing = FailingComponent("tg_commodities", "kaboom")
    component = get_pipeline().get_pipe(failing.name)
    original = type(component).__call__

    def call(self, doc):
        if failing.marker in doc_text(doc):
            raise RuntimeError(f"{failing.marker} in {doc._.doc_id}")
        return original(self, doc)

    monkeypatch.setattr(type(component), "__call__", call)
    return failing


@pytest.fixture()
def rules_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of rules/ that the loaders read instead of the real one."""
    copy = tmp_path / "rules"
    shutil.copytree(rules_dir(), copy)
    monkeypatch.setenv("TRADEGRAPH_RULES", str(copy))
    load_words.cache_clear()
    yield copy
    load_words.cache_clear()
