"""Pictures of the trade graph with matplotlib: `plot_trade_network` draws either the map (countries at
their capitals on a world outline, one curved arrow per direction of trade, tradegraph.plot_map) or, for one
country, exporter → commodity → importer bands (tradegraph.plot_sankey). This module selects the flows
(tradegraph.picture_data), makes the figure and writes the file; the two drawing modules only draw.

matplotlib is an optional extra (`pip install tradegraph[analysis]`); the figure is drawn without pyplot,
so no display or global backend is touched (it works headless and inside notebooks alike).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradegraph.atomic import atomic_open
from tradegraph.picture_data import country_links, select_flows, top_goods

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["COLOUR_CHOICES", "KINDS", "WIDTH_CHOICES", "plot_trade_network"]

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
KINDS = ("map", "sankey")
COLOUR_CHOICES = ("section", "modality")
WIDTH_CHOICES = ("flows", "value")


def picture_format(path: str | os.PathLike[str]) -> str:
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot tell the picture format of {path}: use .png, .svg or .pdf")
    return fmt


def _check_choice(name: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r}; use one of {', '.join(choices)}")


def plot_trade_network(
    graph: Any,
    path: str | os.PathLike[str] | None = None,
    *,
    kind: str = "map",
    country: str | None = None,
    commodity: str | None = None,
    top: int | None = None,
    since: str | None = None,
    until: str | None = None,
    modality: str | list[str] | None = None,
    colour_by: str = "section",
    width_by: str = "flows",
    title: str | None = None,
) -> Figure:
    """Draw the trade graph (a TradeGraph); write it to `path` (PNG, SVG or PDF by extension) when given.

    kind="map": countries at their capitals, one curved arrow per direction (exporter → importer), width by
    the number of flows (width_by="value": by stated US-dollar values), colour by HS section of most of the
    goods (colour_by="modality": actual / planned / potential); the strongest arrows name their goods. When
    only two countries trade, both directions list all their goods. kind="sankey" needs `country`: its
    exporters, the goods and its importers as bands. `top` keeps the N directions with most flows (map) or
    the N goods with most flows (sankey). Returns the matplotlib Figure.
    """
    _check_choice("kind", kind, KINDS)
    _check_choice("colour", colour_by, COLOUR_CHOICES)
    _check_choice("width", width_by, WIDTH_CHOICES)
    if top is not None and top < 1:
        raise ValueError("top must be at least 1")
    fmt = picture_format(path) if path is not None else None
    if kind == "sankey" and not country:
        raise ValueError("a sankey picture is drawn for one country: give a country")
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:  # an optional extra: say how to get it
        raise ImportError("plots need matplotlib: pip install 'tradegraph[analysis]'") from exc

    flows = select_flows(
        graph, country=country, commodity=commodity, since=since, until=until, modality=modality
    )
    scope = _scope(graph, country=country, commodity=commodity, since=since, until=until, modality=modality)
    figure = Figure(dpi=110)
    FigureCanvasAgg(figure)
    with warnings.catch_warnings():
        # Names in scripts the default font lacks (CJK) still draw, as boxes; one warning per glyph is noise.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font", category=UserWarning)
        if kind == "sankey":
            from tradegraph.plot_sankey import draw_sankey

            flows = top_goods(flows, top)
            draw_sankey(figure, flows, graph.resolve_country(country), colour_by=colour_by)
        else:
            from tradegraph.plot_map import draw_map

            links = country_links(flows, top)
            flows = [flow for link in links for flow in link.flows]
            draw_map(figure, links, colour_by=colour_by, width_by=width_by)
        heading = title if title is not None else _title(kind, flows, scope)
        if heading:
            figure.suptitle(heading, fontsize=15, y=0.995, va="top")
        if path is not None:
            with atomic_open(path, "wb") as stream:
                figure.savefig(stream, format=fmt, bbox_inches="tight", pad_inches=0.15)
    return figure


def _scope(graph: Any, **chosen: Any) -> str:
    parts = []
    if chosen["country"]:
        iso3 = graph.resolve_country(chosen["country"])
        parts.append(graph.country_name(iso3) or iso3)
    if chosen["commodity"]:
        parts.append(chosen["commodity"])
    if chosen["modality"]:
        modality = chosen["modality"]
        parts.append(modality if isinstance(modality, str) else "/".join(modality))
    if chosen["since"] or chosen["until"]:
        parts.append(f"{chosen['since'] or '…'} to {chosen['until'] or '…'}")
    return " · ".join(parts)


def _title(kind: str, flows: list, scope: str) -> str:
    documents = {doc for flow in flows for doc in flow.doc_ids}
    countries = {code for flow in flows for code in (flow.exporter, flow.importer)}
    what = "What goes where" if kind == "sankey" else "Who trades what with whom"
    counts = ", ".join(
        f"{n} {word}{'s' * (n != 1)}"
        for n, word in ((len(flows), "flow"), (len(countries), "country"), (len(documents), "article"))
    ).replace("countrys", "countries")
    return f"{what}{' — ' + scope if scope else ''}  ({counts})"
