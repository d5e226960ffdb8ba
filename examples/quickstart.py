"""A first run of tradegraph as a library: build the graph from the shipped seeds/, ask it questions,
export it for Gephi. Run it with `python examples/quickstart.py`."""

from pathlib import Path

import tradegraph
from tradegraph.export import write_graphml

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
kg = tradegraph.build_graph([SEEDS])

print("What does Kazakhstan export to Iran?")
for flow in kg.exports("Kazakhstan", "Iran"):
    print(
        f"  {flow.commodity:28} {flow.modality:9} HS {flow.hs_code or '-':6} {flow.evidence[0].sentence[:60]}…"
    )

print("\nWho exports cereals (HS chapter 10)?")
for flow in kg.exporters_of("cereals"):
    print(f"  {flow.exporter_name} -> {flow.importer_name}: {flow.commodity}")

print("\nOfficials of Kazakhstan:")
for official in kg.officials("Kazakhstan"):
    print(f"  {official.name} ({official.role_class}, {official.title})")

print("\nThe same question in words:")
print(tradegraph.ask(kg, "who are Iran's trade partners").records())

out = Path("trade.graphml")
write_graphml(kg, out)
print(f"\nwrote {out} (open it in Gephi)")
