"""pandas DataFrames of a trade graph, one row per fact, for notebooks: flows, officials, locations, trade
values and countries. pandas is an optional extra (`pip install tradegraph[analysis]`), imported only here
and only when a frame is asked for.

Every frame has its columns even when the graph has no such facts, so code written against it never meets
a KeyError on an empty graph. Lists (doc_ids, dates) stay Python lists in their cells.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import networkx as nx

from tradegraph.export._common import as_multidigraph

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["countries_df", "flows_df", "locations_df", "officials_df", "values_df"]

FLOW_COLUMNS = [
    "exporter",
    "exporter_name",
    "importer",
    "importer_name",
    "commodity",
    "hs_code",
    "hs_section",
    "modality",
    "negated",
    "mentions",
    "first_date",
    "dates",
    "doc_ids",
    "quantities",
    "sentence",
]
OFFICIAL_COLUMNS = [
    "name",
    "title",
    "role_class",
    "country",
    "country_name",
    "posted_to",
    "former",
    "mentions",
    "doc_ids",
    "sentence",
]
LOCATION_COLUMNS = ["name", "kind", "country", "country_name", "code", "mentions", "doc_ids", "sentence"]
VALUE_COLUMNS = [
    "reporter",
    "reporter_name",
    "partner",
    "partner_name",
    "flow",
    "value",
    "currency",
    "period",
    "mentions",
    "doc_ids",
    "sentence",
]
COUNTRY_COLUMNS = [
    "iso3",
    "name",
    "mentions",
    "exports",
    "imports",
    "partners",
    "commodities_exported",
    "doc_ids",
]
LOCATION_TYPES = ("port", "region", "city", "organization")


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:  # an optional extra: say how to get it
        raise ImportError("DataFrames need pandas: pip install 'tradegraph[analysis]'") from exc
    return pandas


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    return _pandas().DataFrame(rows, columns=columns)


def _iso3(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node].get("iso3") or node.removeprefix("country:")


def _name(graph: nx.MultiDiGraph, iso3: str | None) -> str | None:
    if not iso3:
        return None
    node = f"country:{iso3}"
    return graph.nodes[node].get("label", iso3) if node in graph else iso3


def _sentence(data: dict[str, Any]) -> str | None:
    for item in data.get("evidence") or []:
        if isinstance(item, dict) and item.get("sentence"):
            return item["sentence"]
    return None


def _edges(graph: nx.MultiDiGraph, edge_type: str) -> list[tuple[str, str, dict[str, Any]]]:
    return [(u, v, data) for u, v, data in graph.edges(data=True) if data.get("type") == edge_type]


def flows_df(graph: Any) -> pd.DataFrame:
    """One row per trade flow (exporter, importer, commodity, modality, polarity), sources included."""
    g = as_multidigraph(graph)
    rows = []
    for u, v, data in _edges(g, "trade_flow"):
        exporter, importer = _iso3(g, u), _iso3(g, v)
        dates = sorted(date for date in data.get("dates") or [] if date)
        rows.append(
            {
                "exporter": exporter,
                "exporter_name": _name(g, exporter),
                "importer": importer,
                "importer_name": _name(g, importer),
                "commodity": data.get("commodity") or data.get("label"),
                "hs_code": data.get("hs_code"),
                "hs_section": data.get("hs_section"),
                "modality": data.get("modality", "actual"),
                "negated": bool(data.get("negated", False)),
                "mentions": int(data.get("mentions") or 1),
                "first_date": dates[0] if dates else None,
                "dates": dates,
                "doc_ids": list(data.get("doc_ids") or []),
                "quantities": "; ".join(q.get("text", "") for q in data.get("quantities") or [] if q) or None,
                "sentence": _sentence(data),
            }
        )
    return _frame(rows, FLOW_COLUMNS)


def officials_df(graph: Any) -> pd.DataFrame:
    """One row per official: title, role class, the country served and, for ambassadors, posted to."""
    g = as_multidigraph(graph)
    rows = [
        {
            "name": data.get("label", node),
            "title": data.get("title"),
            "role_class": data.get("role_class"),
            "country": data.get("country"),
            "country_name": _name(g, data.get("country")),
            "posted_to": data.get("posted_to"),
            "former": bool(data.get("former", False)),
            "mentions": int(data.get("mentions") or 0),
            "doc_ids": list(data.get("doc_ids") or []),
            "sentence": _sentence(data),
        }
        for node, data in g.nodes(data=True)
        if data.get("type") == "official"
    ]
    return _frame(rows, OFFICIAL_COLUMNS)


def locations_df(graph: Any) -> pd.DataFrame:
    """One row per port, region, city or organisation, with its country and code."""
    g = as_multidigraph(graph)
    rows = [
        {
            "name": data.get("label", node),
            "kind": data.get("type"),
            "country": data.get("country"),
            "country_name": _name(g, data.get("country")),
            "code": data.get("code"),
            "mentions": int(data.get("mentions") or 0),
            "doc_ids": list(data.get("doc_ids") or []),
            "sentence": _sentence(data),
        }
        for node, data in g.nodes(data=True)
        if data.get("type") in LOCATION_TYPES
    ]
    return _frame(rows, LOCATION_COLUMNS)


def values_df(graph: Any) -> pd.DataFrame:
    """One row per stated trade value (turnover, exports or imports between two countries)."""
    g = as_multidigraph(graph)
    rows = []
    for u, v, data in _edges(g, "trade_value"):
        reporter, partner = _iso3(g, u), _iso3(g, v)
        value = data.get("value")
        rows.append(
            {
                "reporter": reporter,
                "reporter_name": _name(g, reporter),
                "partner": partner,
                "partner_name": _name(g, partner),
                "flow": data.get("flow"),
                "value": float(value) if value is not None else None,
                "currency": data.get("currency"),
                "period": data.get("period"),
                "mentions": int(data.get("mentions") or 1),
                "doc_ids": list(data.get("doc_ids") or []),
                "sentence": _sentence(data),
            }
        )
    return _frame(rows, VALUE_COLUMNS)


def countries_df(graph: Any) -> pd.DataFrame:
    """One row per country: mentions, number of export and import flows (negated ones not counted),
    distinct trade partners and the commodities it exports."""
    g = as_multidigraph(graph)
    rows = []
    for node, data in g.nodes(data=True):
        if data.get("type") != "country":
            continue
        out_flows = [(v, d) for _, v, d in g.out_edges(node, data=True) if _is_flow(d)]
        in_flows = [(u, d) for u, _, d in g.in_edges(node, data=True) if _is_flow(d)]
        partners = {other for other, _ in out_flows + in_flows if other != node}
        rows.append(
            {
                "iso3": _iso3(g, node),
                "name": data.get("label", node),
                "mentions": int(data.get("mentions") or 0),
                "exports": len(out_flows),
                "imports": len(in_flows),
                "partners": len(partners),
                "commodities_exported": sorted(
                    {d.get("commodity") for _, d in out_flows if d.get("commodity")}
                ),
                "doc_ids": list(data.get("doc_ids") or []),
            }
        )
    frame = _frame(rows, COUNTRY_COLUMNS)
    return frame.sort_values(["exports", "imports", "mentions"], ascending=False, ignore_index=True)


def _is_flow(data: dict[str, Any]) -> bool:
    return data.get("type") == "trade_flow" and not data.get("negated")
