"""Store benchmark (issue 11): ingest with 1 and 2 workers (wall and CPU time per article of the parent
and the workers), store bytes per article (and per table), cold CLI latency of five question kinds, the
graph file and the five export formats, peak RSS of every process, each figure's growth exponent, and a
1M projection. A script, not a test.

Corpora come from `bench_extract.CorpusGenerator` (varied real articles). Ingest is timed with the real
extractor on `--ingest-docs` documents. Stores of each size N hold N generated documents whose extractions
are `--pool` real extractions reused, each copy varied (`Varier`: its countries and commodities redrawn
with Zipf-like frequencies, a date in 2015-2024), so the graph grows with N as a real corpus's does: many
pairs and goods, a few countries in most articles. The facts are written by `Store.add_many`, the rows
`ingest` writes. Every CLI figure is a fresh `tradegraph` process (cold: nothing cached but the OS page
cache). A question is timed twice: as a user gets it by default (the table, which shows the first 20 answers
and how many more there are) and complete (`--format csv`, every row, as json and jsonl print them).

    python benchmarks/bench_store.py --sizes 1000,10000 --ingest-docs 400         # develop
    python benchmarks/bench_store.py --sizes 1000,10000,100000 --ingest-docs 2000  # idle machine, ~30 min
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import DEFAULT_CORPUS, CorpusGenerator  # noqa: E402

BATCH = 64  # documents per transaction, as `ingest` writes them
EXPORT_FORMATS = ("graphml", "gexf", "json", "csv", "neo4j")
# Modules a `query --db` must not import: the extraction pipeline, frames, pictures and the graph in memory.
HEAVY_MODULES = ("spacy", "pandas", "matplotlib", "networkx", "tradegraph.pipeline")
QUERY_TARGETS = {"wall_s": 1.0, "rss_mb": 300.0, "growth_10k_100k": 1.3}

# Each probe runs in a fresh interpreter and reports on stderr; VmHWM (not ru_maxrss, which Linux carries
# over from the parent across exec) is the peak RSS of the process itself.
_PEAK = """
def peak_mb():
    try:
        with open("/proc/self/status") as status:
            line = next(line for line in status if line.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024
    except (OSError, StopIteration):
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""
_CLI_PROBE = (
    _PEAK
    + """
import sys, time
from tradegraph.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
sys.stdout.flush()
heavy = [name for name in HEAVY if name in sys.modules]
cpu = time.process_time()  # the whole process, interpreter start-up included
print("PROBE", peak_mb(), ",".join(heavy) or "-", cpu, file=sys.stderr)
"""
)
_INGEST_PROBE = (
    _PEAK
    + """
import resource, sys, time
from tradegraph.ingest import ingest

if __name__ == "__main__":
    started, cpu = time.perf_counter(), time.process_time()
    report = ingest([sys.argv[1]], sys.argv[2], workers=int(sys.argv[3]), progress=False)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print("PROBE", wall, cpu, children.ru_utime + children.ru_stime, peak_mb(), report.added, file=sys.stderr)
"""
)


def _probe(code: str, args: list[str]) -> tuple[float, list[str], str]:
    """(wall seconds, the PROBE line's fields, stdout) of one fresh process."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    wall = time.perf_counter() - started
    lines = [line for line in result.stderr.splitlines() if line.startswith("PROBE ")]
    if not lines:
        raise SystemExit(f"{' '.join(args)} failed: {result.stderr[-800:]}")
    return wall, lines[-1].split()[1:], result.stdout


def run_cli(args: list[str], repeat: int = 1) -> tuple[float, float, list[str], str, float]:
    """(wall seconds, peak RSS MB, heavy modules imported, stdout, CPU seconds) of a fresh `tradegraph
    ARGS` process; with `repeat`, the fastest of that many (on a shared machine the others waited for a
    core), RSS the largest."""
    code = f"HEAVY = {HEAVY_MODULES!r}\n" + _CLI_PROBE
    runs = []
    for _ in range(repeat):
        wall, (rss, heavy, cpu), stdout = _probe(code, args)
        runs.append((wall, float(rss), [] if heavy == "-" else heavy.split(","), stdout, float(cpu)))
    wall, _, heavy, stdout, _ = min(runs)
    return wall, max(run[1] for run in runs), heavy, stdout, min(run[4] for run in runs)


# -- ingest ---------------------------------------------------------------------------------------------


_STARTUP_PROBE = """
import sys, time
import tradegraph.ingest
from tradegraph.pipeline import get_pipeline
get_pipeline()
print("PROBE", time.process_time(), file=sys.stderr)
"""


def measure_ingest(generator: CorpusGenerator, count: int, workdir: Path, runs: int = 1) -> dict[str, Any]:
    """`ingest` of `count` documents (one JSONL file) with 1 and 2 workers into fresh stores, `runs` times
    each, alternated: wall time, and CPU time of the parent and of the workers per article (medians).

    On a shared machine the CPU figures say what the wall time on an idle one would be. The implied
    speed-up takes one process's CPU time as its wall time, and for 2 workers the serial start (imports and
    the pipeline, built once before the workers fork) plus the rest of their CPU time shared by 2 cores."""
    path = workdir / "ingest.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        for document in generator.documents(count, prefix="ingest"):
            stream.write(json.dumps({"id": document.doc_id, "text": document.text}) + "\n")
    measured: dict[int, list[tuple[float, ...]]] = {1: [], 2: []}
    for run in range(runs):
        for workers in (1, 2):
            db = workdir / f"ingest-{workers}-{run}.db"
            _, fields, _ = _probe(_INGEST_PROBE, [str(path), str(db), str(workers)])
            wall, parent, children, rss, added = map(float, fields)
            if int(added) != count:
                raise SystemExit(f"ingest with {workers} workers stored {added:.0f} of {count} documents")
            measured[workers].append((wall, parent, children, rss))
    startup = statistics.median(float(_probe(_STARTUP_PROBE, [])[1][0]) for _ in range(runs))
    figures: dict[str, Any] = {"docs": count, "runs": runs, "startup_cpu_s": round(startup, 2)}
    cpu = {}
    for workers, samples in measured.items():
        wall, parent, children, rss = (statistics.median(column) for column in zip(*samples, strict=True))
        prefix = f"workers_{workers}"
        figures[f"{prefix}_wall_s"] = round(wall, 2)
        figures[f"{prefix}_parent_cpu_ms_per_doc"] = round(1000 * parent / count, 2)
        figures[f"{prefix}_workers_cpu_ms_per_doc"] = round(1000 * children / count, 2)
        figures[f"{prefix}_parent_rss_mb"] = round(rss, 1)
        cpu[workers] = parent + children
    figures["wall_speedup_2_vs_1"] = round(figures["workers_1_wall_s"] / figures["workers_2_wall_s"], 2)
    figures["parallel_efficiency_2"] = round(cpu[1] / cpu[2], 3)  # 1.0: 2 workers spend no more CPU than 1
    idle_two = startup + (cpu[2] - startup) / 2
    figures["implied_idle_speedup_2_vs_1"] = round(cpu[1] / idle_two, 2)
    return figures


# -- stores of size N -----------------------------------------------------------------------------------


class Varier:
    """Copies of real extractions with other countries, commodities and dates, drawn with Zipf-like
    frequencies (rank r has weight 1/r), so that N copies make a graph that grows with N."""

    def __init__(self, pool: list, seed: int = 11) -> None:
        from tradegraph.gazetteers import countries

        self.pool = [extraction.model_dump(mode="json") for extraction in pool]
        self.random = random.Random(seed)
        names = {row.iso3: row.name for row in countries()}
        seen = sorted({c["iso3"] for e in self.pool for c in e["countries"] if c["iso3"] in names})
        self.random.shuffle(seen)
        extra = sorted(set(names) - set(seen))
        self.random.shuffle(extra)
        self.countries = [(iso3, names[iso3]) for iso3 in seen + extra]
        self.country_weights = [1 / rank for rank in range(1, len(self.countries) + 1)]
        goods = {json.dumps(f["commodity"], sort_keys=True) for e in self.pool for f in e["trade_flows"]}
        self.commodities = [json.loads(good) for good in sorted(goods)]
        self.random.shuffle(self.commodities)
        self.commodity_weights = [1 / rank for rank in range(1, len(self.commodities) + 1)]

    def _draw(self, items: list, weights: list[float], count: int) -> list:
        chosen: dict[int, None] = {}
        while len(chosen) < min(count, len(items)):
            chosen[self.random.choices(range(len(items)), weights)[0]] = None
        return [items[index] for index in chosen]

    def copy(self, number: int, doc_id: str) -> tuple[Any, str]:
        """The extraction of the `number`th document, varied, and the document's date."""
        from tradegraph.models import Extraction

        data = json.loads(json.dumps(self.pool[number % len(self.pool)]))
        codes = {c["iso3"] for c in data["countries"]}
        for flow in data["trade_flows"]:
            codes |= {flow["exporter"], flow["importer"]}
        codes = sorted(codes)
        swap = dict(zip(codes, self._draw(self.countries, self.country_weights, len(codes)), strict=False))
        goods = sorted({f["commodity"]["name"] for f in data["trade_flows"]})
        new_goods = dict(
            zip(goods, self._draw(self.commodities, self.commodity_weights, len(goods)), strict=False)
        )

        def code(value: str | None) -> str | None:
            return swap[value][0] if value in swap else value

        for country in data["countries"]:
            if country["iso3"] in swap:
                country["iso3"], country["name"] = swap[country["iso3"]]
        for fact, fields in (
            ("officials", ("country", "posted_to")),
            ("locations", ("country",)),
            ("organizations", ("country",)),
            ("trade_values", ("reporter", "partner")),
            ("trade_flows", ("exporter", "importer")),
        ):
            for item in data[fact]:
                for name in fields:
                    item[name] = code(item[name])
        for flow in data["trade_flows"]:
            flow["commodity"] = new_goods.get(flow["commodity"]["name"], flow["commodity"])
            if flow["value"]:
                flow["value"]["reporter"], flow["value"]["partner"] = map(
                    code, (flow["value"]["reporter"], flow["value"]["partner"])
                )
        # An official is a person of the country he now represents: the same name in another country is
        # another person (his first name marked with the country), so officials grow with N as in news.
        people = {}
        for official in data["officials"]:
            if official["country"]:
                first, _, rest = official["name"].partition(" ")
                people[official["name"]] = official["name"] = f"{first}-{official['country']} {rest}".strip()
        for meeting in data["meetings"]:
            meeting["countries"] = [code(c) for c in meeting["countries"]]
            meeting["participants"] = [people.get(name, name) for name in meeting["participants"]]
        for relation in data["relations"]:
            relation["countries"] = [code(c) for c in relation["countries"]]
        date = f"{self.random.randint(2015, 2024)}-{self.random.randint(1, 12):02d}-{self.random.randint(1, 28):02d}"
        text = json.dumps(data).replace(json.dumps(data["doc_id"]), json.dumps(doc_id))
        return Extraction.model_validate_json(text), date


def fill_store(db: Path, generator: CorpusGenerator, varier: Varier, start: int, size: int) -> float:
    """Grow the store from `start` to `size` generated documents, with varied copies of the pool's
    extractions, 64 documents a transaction; the seconds it took."""
    from tradegraph.store import Store

    started = time.perf_counter()
    with Store(db) as store:
        batch = []
        documents = generator.documents(size - start, prefix=f"n{start}-")
        for number, document in enumerate(documents, start):
            extraction, date = varier.copy(number, document.doc_id)
            batch.append((document.model_copy(update={"date": date}), extraction))
            if len(batch) == BATCH:
                store.add_many(batch)
                batch = []
        if batch:
            store.add_many(batch)
    return time.perf_counter() - started


def table_bytes(db: Path) -> dict[str, int]:
    """Bytes each table takes with its indexes (SQLite's dbstat), largest first; {} without dbstat."""
    with sqlite3.connect(db) as connection:
        try:
            rows = connection.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')"
            )
            owner = dict(rows.fetchall())
            sizes: dict[str, int] = {}
            for name, size in connection.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
                table = owner.get(name, name)
                sizes[table] = sizes.get(table, 0) + size
        except sqlite3.Error:
            return {}
    return dict(sorted(sizes.items(), key=lambda item: -item[1]))


def subjects(db: Path) -> dict[str, str]:
    """Who each question asks about: the median country among the exporters (a typical answer, which
    grows with N as that country's articles do), its main partner, the median good and the most traded
    good (the largest answer of its kind: its rows grow with N, and so does its latency)."""
    with sqlite3.connect(db) as connection:
        exporters = connection.execute(
            "SELECT e.source, n.label, count(*) FROM edges e JOIN nodes n ON n.id = e.source "
            "WHERE e.type = 'trade_flow' GROUP BY e.source ORDER BY 3 DESC, 2"
        ).fetchall()
        source, a, _ = exporters[len(exporters) // 2]
        (b,) = connection.execute(
            "SELECT n.label FROM edges e JOIN nodes n ON n.id = e.target WHERE e.type = 'trade_flow' "
            "AND e.source = ? GROUP BY e.target ORDER BY count(*) DESC, 1 LIMIT 1",
            (source,),
        ).fetchone()
        goods = connection.execute(
            "SELECT n.label FROM edges e JOIN nodes n ON n.id = e.commodity WHERE e.type = 'trade_flow' "
            "GROUP BY e.commodity ORDER BY count(*) DESC, 1"
        ).fetchall()
    return {"a": a, "b": b, "good": goods[len(goods) // 2][0], "top_good": goods[0][0]}


QUESTIONS = {
    "exports": "what does {a} export",
    "imports": "what does {a} import from {b}",
    "exporters_of": "who exports {good}",
    "partners": "who are {a}'s trade partners",
    "officials": "which officials represent {a}",
}
# Not one of the five kinds: the largest answer, to show what an answer's size costs.
LARGEST = {"exporters_of_top": "who exports {top_good}"}
QUESTIONS_LARGEST_TEXT = "who exports the most traded good"


def measure_size(
    db: Path, start: int, size: int, generator: CorpusGenerator, varier: Varier, workdir: Path, repeat: int
) -> dict[str, Any]:
    """The figures of the store grown from `start` to `size` documents (one store grows through the
    sizes: `fill_ms_per_doc` is what writing a document costs at that size)."""
    fill_s = fill_store(db, generator, varier, start, size)
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("nodes", "edges", "node_events", "edge_events")
        }
    row: dict[str, Any] = {
        "docs": size,
        "fill_ms_per_doc": round(1000 * fill_s / (size - start), 2),
        "bytes_per_article": round(db.stat().st_size / size),
        **counts,
    }
    heavy: set[str] = set()
    who = subjects(db)
    for kind, template in {**QUESTIONS, **LARGEST}.items():
        question = template.format(**who)
        # What a user gets by default (the table: the first 20 answers and how many more there are), then
        # the complete answer (csv: every row, as json and jsonl print it).
        for suffix, options in (("", []), ("_csv", ["--format", "csv"])):
            wall, rss, imported, out, cpu = run_cli(["query", question, "--db", str(db), *options], repeat)
            heavy |= set(imported)
            row[f"query_{kind}{suffix}_s"] = round(wall, 3)
            row[f"query_{kind}{suffix}_rss_mb"] = round(rss, 1)
            row[f"query_{kind}{suffix}_cpu_s"] = round(cpu, 3)
        row[f"query_{kind}_rows"] = max(len(out.splitlines()) - 1, 0)
    row["query_heavy_imports"] = sorted(heavy)
    target = workdir / f"graph-{size}.json"
    wall, rss, *_ = run_cli(["build", "--db", str(db), "-o", str(target)])
    row["graph_file_s"], row["graph_file_rss_mb"] = round(wall, 2), round(rss, 1)
    row["graph_file_bytes_per_article"] = round(target.stat().st_size / size)
    target.unlink()
    for fmt in EXPORT_FORMATS:
        target = workdir / f"export-{size}-{fmt}"
        wall, rss, *_ = run_cli(["export", "--db", str(db), "--format", fmt, "-o", str(target)])
        row[f"export_{fmt}_s"], row[f"export_{fmt}_rss_mb"] = round(wall, 2), round(rss, 1)
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    row["table_bytes_per_article"] = {name: round(size_ / size) for name, size_ in table_bytes(db).items()}
    return row


# -- growth and projection ------------------------------------------------------------------------------


def _numbers(row: dict[str, Any]) -> dict[str, float]:
    return {key: value for key, value in row.items() if isinstance(value, int | float) and key != "docs"}


def growth(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Exponent k in figure ~ N^k between consecutive sizes (1 = linear, 0 = flat), and the ratios."""
    result = []
    for small, large in zip(rows, rows[1:], strict=False):
        scale = math.log(large["docs"] / small["docs"])
        small_numbers, large_numbers = _numbers(small), _numbers(large)
        exponents = {
            key: round(math.log(large_numbers[key] / value) / scale, 2)
            for key, value in small_numbers.items()
            if value and large_numbers.get(key)
        }
        ratios = {
            key: round(large_numbers[key] / value, 2)
            for key, value in small_numbers.items()
            if key.startswith("query_") and key.endswith("_s") and value and large_numbers.get(key)
        }
        result.append({"from": small["docs"], "to": large["docs"], "k": exponents, "query_ratio": ratios})
    return result


def projection(rows: list[dict[str, Any]], exponents: list[dict[str, Any]], target: int = 1_000_000) -> dict:
    """Each figure at `target` articles, from the largest size and the last measured exponent (0 or more:
    a figure that shrank is taken as flat)."""
    largest, k = rows[-1], (exponents[-1]["k"] if exponents else {})
    scale = target / largest["docs"]
    return {
        key: round(value * scale ** max(k.get(key, 1.0), 0.0), 2) for key, value in _numbers(largest).items()
    }


def verdicts(report: dict[str, Any]) -> list[str]:
    lines = []
    sizes = {row["docs"]: row for row in report["sizes"]}
    largest = sizes[max(sizes)]
    for suffix, what in (("", "default table"), ("_csv", "complete csv")):
        walls = [largest[f"query_{kind}{suffix}_s"] for kind in QUESTIONS]
        rss = [largest[f"query_{kind}{suffix}_rss_mb"] for kind in QUESTIONS]
        lines.append(
            f"query ({what}) at {largest['docs']:,}: {min(walls):.2f}-{max(walls):.2f} s wall (target <= "
            f"{QUERY_TARGETS['wall_s']} s), peak RSS {max(rss):.0f} MB (target <= {QUERY_TARGETS['rss_mb']:.0f})"
        )
        if 10_000 in sizes and 100_000 in sizes:
            big, small = sizes[100_000], sizes[10_000]
            wall = {k: big[f"query_{k}{suffix}_s"] / small[f"query_{k}{suffix}_s"] for k in QUESTIONS}
            cpu = {k: big[f"query_{k}{suffix}_cpu_s"] / small[f"query_{k}{suffix}_cpu_s"] for k in QUESTIONS}
            lines.append(
                f"query ({what}) growth 10k -> 100k: wall {max(wall.values()):.2f}x, CPU "
                f"{max(cpu.values()):.2f}x (target <= {QUERY_TARGETS['growth_10k_100k']}); wall/CPU per kind: "
                + ", ".join(f"{k} {wall[k]:.2f}/{cpu[k]:.2f}" for k in QUESTIONS)
            )
    heavy = sorted({name for row in report["sizes"] for name in row["query_heavy_imports"]})
    lines.append(f"query --db imports {', '.join(heavy) if heavy else 'none of ' + ', '.join(HEAVY_MODULES)}")
    if report["ingest"]:
        ingest = report["ingest"]
        lines.append(
            f"ingest {ingest['docs']:,} docs: 2 workers {ingest['wall_speedup_2_vs_1']}x wall "
            f"(target >= 1.6 on an idle machine), parallel efficiency {ingest['parallel_efficiency_2']:.0%}, "
            f"implied idle speed-up {ingest['implied_idle_speedup_2_vs_1']}x"
        )
    biggest = "query_exporters_of_top"
    lines.append(
        f"largest answer at {largest['docs']:,} ({QUESTIONS_LARGEST_TEXT}): {largest[f'{biggest}_rows']:,} rows; "
        f"the table {largest[f'{biggest}_s']:.2f} s / {largest[f'{biggest}_rss_mb']:.0f} MB, every row as csv "
        f"{largest[f'{biggest}_csv_s']:.2f} s / {largest[f'{biggest}_csv_rss_mb']:.0f} MB"
    )
    top = list(largest["table_bytes_per_article"].items())[:4]
    lines.append(
        f"store at {largest['docs']:,}: {largest['bytes_per_article']:,} bytes per article ("
        + ", ".join(f"{name} {size:,}" for name, size in top)
        + f", ...); writing a document {largest['fill_ms_per_doc']} ms"
    )
    for row in report["sizes"]:
        lines.append(
            f"export at {row['docs']:,}: "
            + ", ".join(
                f"{fmt} {row[f'export_{fmt}_s']:.1f} s / {row[f'export_{fmt}_rss_mb']:.0f} MB"
                for fmt in EXPORT_FORMATS
            )
            + f"; graph file {row['graph_file_s']:.1f} s / {row['graph_file_rss_mb']:.0f} MB"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument(
        "--ingest-docs", type=int, default=400, help="documents ingested with 1 and 2 workers"
    )
    parser.add_argument("--pool", type=int, default=200, help="documents extracted once, varied and reused")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each query; the fastest is reported")
    parser.add_argument("--ingest-runs", type=int, default=1, help="ingests with 1 and 2 workers, alternated")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    from tradegraph.extract import extract_documents

    started = time.perf_counter()
    generator = CorpusGenerator(args.corpus)
    varier = Varier(list(extract_documents(generator.documents(args.pool, prefix="pool"))))
    with tempfile.TemporaryDirectory(prefix="tradegraph-bench-store-") as directory:
        workdir = Path(directory)
        report: dict[str, Any] = {"cpus": os.cpu_count(), "python": sys.version.split()[0]}
        report["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
        ingest = (
            measure_ingest(generator, args.ingest_docs, workdir, args.ingest_runs) if args.ingest_docs else {}
        )
        report["ingest"] = ingest
        print(f"{time.perf_counter() - started:6.0f} s: measured ingest", file=sys.stderr)
        report["sizes"] = []
        start = 0
        for size in sorted(map(int, args.sizes.split(","))):
            row = measure_size(workdir / "store.db", start, size, generator, varier, workdir, args.repeat)
            report["sizes"].append(row)
            start = size
            print(f"{time.perf_counter() - started:6.0f} s: measured {size:,} documents", file=sys.stderr)
    report["growth"] = growth(report["sizes"])
    report["projection_1m"] = projection(report["sizes"], report["growth"])
    report["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report["seconds"] = round(time.perf_counter() - started)
    report["verdicts"] = verdicts(report)
    print(json.dumps(report, indent=2))
    for line in report["verdicts"]:
        print(line, file=sys.stderr)


if __name__ == "__main__":
    main()
