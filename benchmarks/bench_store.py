"""Store benchmark (issue 11): ingest with 1 and 2 workers, store bytes per article, cold CLI latency of
five question kinds, graph file and GraphML export, peak RSS, each figure's growth exponent, and a 1M
projection. A script, not a test.

Corpora come from `bench_extract.CorpusGenerator` (varied real articles). Ingest speed is measured with the
real extractor on `--ingest-docs` documents; stores of each size N are filled with those extractions reused
(relabelled, every text distinct) through `Store.add_many`, which writes what `ingest` writes. Every CLI
figure is a fresh `tradegraph` process (cold: nothing cached but the OS page cache).

    python benchmarks/bench_store.py --sizes 1000,10000 --ingest-docs 400       # develop
    python benchmarks/bench_store.py --sizes 1000,10000,100000 --ingest-docs 2000 # on an idle machine
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import DEFAULT_CORPUS, CorpusGenerator, relabel  # noqa: E402

QUESTIONS = {
    "exports": "what does {a} export",
    "imports": "what does {a} import from {b}",
    "exporters_of": "who exports wheat",
    "partners": "who are {a}'s trade partners",
    "officials": "which officials represent {a}",
}
_PROBE = """
import resource, sys, time
from tradegraph.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
sys.stdout.flush()
print("RSS", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def run_cli(args: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS MB, stdout) of one fresh `tradegraph ARGS` process."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True)
    wall = time.perf_counter() - started
    rss = [line for line in result.stderr.splitlines() if line.startswith("RSS ")]
    if not rss:
        raise SystemExit(f"tradegraph {' '.join(args)} failed: {result.stderr[-500:]}")
    return wall, int(rss[-1].split()[1]) / 1024, result.stdout


def measure_ingest(generator: CorpusGenerator, count: int, workdir: Path) -> dict[str, Any]:
    """`tradegraph ingest` of `count` documents (one JSONL file) with 1 and 2 workers, fresh stores."""
    path = workdir / "ingest.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        for document in generator.documents(count, prefix="ingest"):
            stream.write(json.dumps({"id": document.doc_id, "text": document.text}) + "\n")
    figures: dict[str, Any] = {"docs": count}
    for workers in (1, 2):
        db = workdir / f"ingest-{workers}.db"
        wall, rss, _ = run_cli(
            ["ingest", str(path), "--db", str(db), "--workers", str(workers), "--no-progress"]
        )
        figures[f"workers_{workers}_s"] = round(wall, 2)
        figures[f"workers_{workers}_docs_per_s"] = round(count / wall, 1)
        figures[f"workers_{workers}_parent_rss_mb"] = round(rss, 1)
    figures["speedup_2_vs_1"] = round(figures["workers_1_s"] / figures["workers_2_s"], 2)
    return figures


def fill_store(db: Path, generator: CorpusGenerator, pool: list, size: int) -> float:
    from tradegraph.store import Store

    started = time.perf_counter()
    with Store(db) as store:
        batch = []
        for number, document in enumerate(generator.documents(size, prefix=f"n{size}")):
            batch.append((document, relabel(pool[number % len(pool)], document.doc_id)))
            if len(batch) == 64:
                store.add_many(batch)
                batch = []
        if batch:
            store.add_many(batch)
    return time.perf_counter() - started


def measure_size(size: int, generator: CorpusGenerator, pool: list, workdir: Path) -> dict[str, Any]:
    import sqlite3

    db = workdir / f"store-{size}.db"
    fill_s = fill_store(db, generator, pool, size)
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        a, b = connection.execute(
            "SELECT n.label, m.label FROM edges e JOIN nodes n ON n.id = e.source JOIN nodes m ON m.id = e.target "
            "WHERE e.type = 'trade_flow' GROUP BY e.source, e.target ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    row: dict[str, Any] = {
        "docs": size,
        "fill_s": round(fill_s, 2),
        "bytes_per_article": round(db.stat().st_size / size),
    }
    for kind, template in QUESTIONS.items():
        wall, rss, _ = run_cli(["query", template.format(a=a, b=b), "--db", str(db), "--format", "csv"])
        row[f"query_{kind}_s"], row[f"query_{kind}_rss_mb"] = round(wall, 3), round(rss, 1)
    wall, rss, _ = run_cli(["build", "--db", str(db), "-o", str(workdir / f"graph-{size}.json")])
    row["graph_file_s"], row["graph_file_rss_mb"] = round(wall, 2), round(rss, 1)
    wall, rss, _ = run_cli(
        ["export", "--db", str(db), "--format", "graphml", "-o", str(workdir / f"g-{size}.graphml")]
    )
    row["graphml_s"], row["graphml_rss_mb"] = round(wall, 2), round(rss, 1)
    return row


def growth(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Exponent k in figure ~ N^k between consecutive sizes (1 = linear, 0 = flat)."""
    result = []
    for small, large in zip(rows, rows[1:], strict=False):
        scale = math.log(large["docs"] / small["docs"])
        result.append(
            {
                "from": small["docs"],
                "to": large["docs"],
                **{
                    key: round(math.log(large[key] / small[key]) / scale, 2)
                    for key in small
                    if key != "docs" and small[key] and large[key]
                },
            }
        )
    return result


def projection(rows: list[dict[str, Any]], exponents: list[dict[str, Any]], target: int = 1_000_000) -> dict:
    """Each figure at `target` articles, from the largest size and the last measured exponent."""
    largest, k = rows[-1], (exponents[-1] if exponents else {})
    scale = target / largest["docs"]
    return {
        key: round(value * scale ** max(k.get(key, 1.0), 0.0), 2)
        for key, value in largest.items()
        if key != "docs"
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--ingest-docs", type=int, default=400)
    parser.add_argument("--pool", type=int, default=200, help="documents extracted once and reused")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from tradegraph.extract import extract_documents

    generator = CorpusGenerator(args.corpus)
    pool = list(extract_documents(generator.documents(args.pool, prefix="pool")))
    with tempfile.TemporaryDirectory(prefix="tradegraph-bench-store-") as directory:
        workdir = Path(directory)
        report: dict[str, Any] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
        report["ingest"] = measure_ingest(generator, args.ingest_docs, workdir) if args.ingest_docs else {}
        report["sizes"] = [measure_size(int(n), generator, pool, workdir) for n in args.sizes.split(",")]
    report["growth"] = growth(report["sizes"])
    report["projection_1m"] = projection(report["sizes"], report["growth"])
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
