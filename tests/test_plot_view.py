"""Pictures and pages: the trade network drawn with matplotlib, the interactive HTML page in a headless
browser, DataFrames, and the export/plot/view commands."""

from __future__ import annotations

import json
import re
import shutil
import sys
import types
from pathlib import Path

import networkx as nx
import pytest
import typer
from nasty_graph import NASTY, nasty_extractions, nasty_graph
from typer.testing import CliRunner

from tradegraph.cli_outputs import export_command, plot_command, view_command
from tradegraph.graph import TradeGraph
from tradegraph.view import graph_page, write_html

pd = pytest.importorskip("pandas")
pytest.importorskip("matplotlib")

from tradegraph import frames  # noqa: E402  (needs pandas)
from tradegraph.plot import country_flows, plot_trade_network  # noqa: E402

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


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


# --- the plot -----------------------------------------------------------------------------------------


def test_country_flows_count_each_direction_without_denials():
    flows = country_flows(nasty_graph())
    assert flows.edges["country:KAZ", "country:IRN"]["flows"] == 3
    assert flows.edges["country:IRN", "country:KAZ"]["commodities"] == ["cement"]
    assert set(flows) == {"country:KAZ", "country:IRN", "country:CIV"}


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plot_writes_png_and_svg(tmp_path, suffix):
    path = tmp_path / f"trade{suffix}"
    plot_trade_network(nasty_graph(), path)
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:2000]
    if suffix == ".svg":
        assert "Kazakhstan" in data.decode("utf-8")


def test_plot_of_a_graph_without_flows_says_so(tmp_path):
    figure = plot_trade_network(nx.MultiDiGraph(), tmp_path / "empty.png")
    assert any("No trade flows" in text.get_text() for text in figure.axes[0].texts)


def test_plot_refuses_an_unknown_picture_format(tmp_path):
    with pytest.raises(ValueError, match="use .png, .svg or .pdf"):
        plot_trade_network(nasty_graph(), tmp_path / "trade.gif")


# --- the HTML page ------------------------------------------------------------------------------------


def test_page_is_self_contained_and_names_cannot_break_out():
    page = graph_page(nasty_graph())
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)  # no CDN, nothing fetched
    assert page.count("<script") == 2 and page.count("</script>") == 2  # a name's </script> stays data
    payload = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    data = json.loads(payload.group(1))
    labels = {node["label"] for node in data["nodes"]}
    assert (
        f"{NASTY.replace(chr(0), '').replace(chr(7), '').replace(chr(27), '')} <script>alert(1)</script>"
        in labels
    )
    assert set(data["colours"]) >= {"country", "official", "commodity"}


def _browser():
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
        "--window-size=1200,800",
    ):
        options.add_argument(flag)
    return webdriver, Service(str(CHROMEDRIVER)), options


def test_page_renders_nodes_in_headless_chromium_without_console_errors(tmp_path):
    webdriver, service, options = _browser()
    profile = tmp_path / "profile"
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    graph = nasty_graph()
    page = write_html(graph, tmp_path / "graph.html")
    driver = webdriver.Chrome(service=service, options=options)
    try:
        driver.get(page.resolve().as_uri())
        svg = driver.find_element("id", "graph")
        assert svg.get_attribute("data-rendered-nodes") == str(graph.number_of_nodes())
        assert len(driver.find_elements("css selector", "g.node circle")) == graph.number_of_nodes()
        assert len(driver.find_elements("css selector", "line.edge")) == graph.number_of_edges()
        assert driver.find_element("id", "node-count").text == str(graph.number_of_nodes())
        assert len(driver.find_elements("css selector", "#legend .legend-item")) == 7
        nasty = driver.find_elements("css selector", 'g.node[data-type="official"]')[-1]
        driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", nasty)
        details = driver.find_element("id", "details").text
        assert "<script>alert(1)</script>" in details and "Evidence" in details
        severe = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        assert severe == []
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


# --- the commands -------------------------------------------------------------------------------------


@pytest.fixture
def app(monkeypatch):
    """The three commands on their own app, reading the nasty graph through a stand-in load_graph."""
    seen = {}

    def load_graph(graph, db, inputs, problems=None):
        seen["args"] = (graph, db, inputs)
        if inputs and inputs[0].name == "missing.txt":
            raise FileNotFoundError(2, "No such file or directory", str(inputs[0]))
        return TradeGraph.from_extractions(nasty_extractions())

    monkeypatch.setitem(sys.modules, "tradegraph.cli_common", types.SimpleNamespace(load_graph=load_graph))
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
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.output
    assert "Traceback" not in result.output
