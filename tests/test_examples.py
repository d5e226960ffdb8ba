"""What a new user runs first must keep working: examples/quickstart.py from any directory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "quickstart.py"


def test_quickstart_script_runs_from_another_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLE)], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "barley" in result.stdout and "Kazakhstan -> Iran" in result.stdout
    graph = nx.read_graphml(tmp_path / "trade.graphml")
    assert graph.number_of_nodes() > 0
