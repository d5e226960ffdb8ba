"""Time of `partners` as one pair's evidence grows (issue 11 follow-up); a script, not a test.

Builds in-memory graphs where one pair of countries is stated in N documents (one flow and one evidence
each, eight goods in turn) and times `TradeGraph.partners` on it, best of `--repeats` runs, with the growth
exponent between sizes: ~1 when gathering the partner's sources is linear in them (it was ~2 while each new
evidence was compared with all before: 14 s at 3,000 and 232 s at 10,000 on a loaded 2-core machine).

    python benchmarks/bench_partners.py                    # 1,000, 10,000, 100,000
    python benchmarks/bench_partners.py --sizes 1000,3000 --json
"""

from __future__ import annotations

import argparse
import json
import math
import time

from tradegraph.graph import TradeGraph
from tradegraph.models import Commodity, Country, Evidence, Extraction, TradeFlow

GOODS = ("copper", "lithium", "wine", "salmon", "cherries", "fish", "wood", "iron ore")


def graph(size: int) -> TradeGraph:
    countries = [Country(name="Chile", iso3="CHL"), Country(name="Japan", iso3="JPN")]
    extractions = []
    for number in range(size):
        goods = GOODS[number % len(GOODS)]
        sentence = f"Chile sells {goods} to Japan, report {number} said."
        evidence = Evidence(doc_id=f"d{number}", sentence=sentence, start=0, end=len(sentence), text=sentence)
        flow = TradeFlow(exporter="CHL", importer="JPN", commodity=Commodity(name=goods), evidence=evidence)
        extractions.append(Extraction(doc_id=f"d{number}", countries=countries, trade_flows=[flow]))
    return TradeGraph.from_extractions(extractions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    for size in sorted(map(int, args.sizes.split(","))):
        kg = graph(size)
        best = math.inf
        for _ in range(args.repeats):
            started = time.perf_counter()
            (partner,) = kg.partners("Chile")
            best = min(best, time.perf_counter() - started)
        assert len(partner.evidence) == size and len(partner.doc_ids) == size
        rows.append({"evidence": size, "seconds": round(best, 4)})
    for before, after in zip(rows, rows[1:], strict=False):
        after["growth"] = round(
            math.log(after["seconds"] / before["seconds"]) / math.log(after["evidence"] / before["evidence"]),
            2,
        )
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        for row in rows:
            print(f"{row['evidence']:>8,} evidence  {row['seconds']:8.4f} s  growth {row.get('growth', '')}")


if __name__ == "__main__":
    main()
