"""A small trade graph written for the question tests (every sentence made up here), held three ways: in
memory, in a saved graph file and in a store, so each question is asked of both back ends.

What it holds, per document:
- mx-us:     Mexico sells cars and avocados to the United States.
- br-cn:     Brazil ships soybeans to China ($20.5 billion, through Santos; Paranagua named apart) and iron
             ore twice.
- br-de:     Brazil sells coffee to Germany through Rio Grande (no soybeans there).
- ken-slip:  Egypt's president stated, wrongly, as Kenya's (extraction slips happen); first, so the
             official's node country is Kenya.
- ken-egy:   Kenya's president, deputy president and former president; Egypt's president, who met
             Kenya's; Kenya sells tea to Egypt.
- egy-isr:   Egypt's president again, and its petroleum minister.
- kaz-irn:   Kazakhstan sells wheat (500,000 tonnes) and barley to Iran, Iran pistachios to Kazakhstan;
             their turnover is $300 million.
- coal:      Indonesia sells coal to India, China and Japan; Australia to Japan.
- sau:       Saudi Arabia sells crude oil to China and India.
"""

from __future__ import annotations

from pathlib import Path

from tradegraph.graph import TradeGraph
from tradegraph.models import (
    Commodity,
    Document,
    Evidence,
    Extraction,
    Location,
    Meeting,
    Official,
    Quantity,
    TradeFlow,
    TradeValue,
)
from tradegraph.store import Store

HS = {
    "cars": "8703",
    "avocados": "0804",
    "soybeans": "1201",
    "iron ore": "2601",
    "coffee": "0901",
    "tea": "0902",
    "wheat": "1001",
    "barley": "1003",
    "pistachios": "0802",
    "coal": "2701",
    "crude oil": "2709",
}


class _Doc:
    """Collects one document's sentences and facts; evidence offsets index the joined text."""

    def __init__(self, doc_id: str, date: str) -> None:
        self.doc_id, self.date = doc_id, date
        self.text = ""
        self.facts: dict[str, list] = {
            "officials": [],
            "locations": [],
            "trade_flows": [],
            "trade_values": [],
            "meetings": [],
        }

    def say(self, sentence: str, span: str | None = None) -> Evidence:
        start = len(self.text) + (sentence.index(span) if span else 0)
        self.text += sentence + " "
        end = start + len(span or sentence)
        return Evidence(
            doc_id=self.doc_id, sentence=sentence, start=start, end=end, text=self.text[start:end]
        )

    def flow(self, exporter, importer, goods, sentence, modality="actual", quantity=None, usd=None):
        evidence = self.say(sentence, goods)
        value = (
            TradeValue(
                reporter=exporter,
                partner=importer,
                flow="exports",
                value=usd,
                currency="USD",
                evidence=evidence,
            )
            if usd
            else None
        )
        self.facts["trade_flows"].append(
            TradeFlow(
                exporter=exporter,
                importer=importer,
                commodity=Commodity(name=goods, hs_code=HS[goods]),
                modality=modality,
                quantity=quantity,
                value=value,
                evidence=evidence,
            )
        )
        return evidence

    def official(self, name, title, role_class, country, sentence, former=False):
        self.facts["officials"].append(
            Official(
                name=name,
                title=title,
                role_class=role_class,
                country=country,
                former=former,
                evidence=self.say(sentence, name),
            )
        )

    def place(self, name, kind, country, sentence=None, evidence=None):
        evidence = evidence or self.say(sentence, name)
        self.facts["locations"].append(Location(name=name, kind=kind, country=country, evidence=evidence))

    def extraction(self) -> Extraction:
        return Extraction(doc_id=self.doc_id, date=self.date, **self.facts)

    def document(self) -> Document:
        return Document(doc_id=self.doc_id, text=self.text.strip(), date=self.date)


def documents() -> list[_Doc]:
    docs = []

    mx = _Doc("mx-us", "2021-03-02")
    mx.flow("MEX", "USA", "cars", "Mexico sold more cars to the United States this spring.")
    mx.flow("MEX", "USA", "avocados", "Growers in Michoacan send avocados north to American buyers.")
    docs.append(mx)

    br = _Doc("br-cn", "2021-05-10")
    santos = br.flow(
        "BRA",
        "CHN",
        "soybeans",
        "Brazil shipped soybeans worth $20.5 billion to China through Santos.",
        usd=20.5e9,
    )
    br.place("Santos", "port", "BRA", evidence=santos)
    br.flow("BRA", "CHN", "iron ore", "Vale loads iron ore for Chinese mills.")
    br.flow("BRA", "CHN", "iron ore", "More iron ore left for China in May.")
    br.place("Paranagua", "port", "BRA", "Trucks queued for days outside Paranagua.")
    docs.append(br)

    de = _Doc("br-de", "2020-09-01")
    de.flow("BRA", "DEU", "coffee", "German roasters buy coffee from Brazilian farms.")
    de.place("Rio Grande", "port", "BRA", "The coffee leaves from Rio Grande.")
    docs.append(de)

    slip = _Doc("ken-slip", "2022-01-05")
    slip.official(
        "Abdel Fattah El-Sisi", "President", "head_of_state", "KEN", "Abdel Fattah El-Sisi spoke in Nairobi."
    )
    docs.append(slip)

    ke = _Doc("ken-egy", "2022-02-14")
    ke.official(
        "William Ruto", "President", "head_of_state", "KEN", "Kenyan President William Ruto opened the fair."
    )
    ke.official(
        "Rigathi Gachagua",
        "Deputy President",
        "official",
        "KEN",
        "Deputy President Rigathi Gachagua toured the stands.",
    )
    ke.official(
        "Uhuru Kenyatta",
        "former President",
        "head_of_state",
        "KEN",
        "Former President Uhuru Kenyatta sent greetings.",
        former=True,
    )
    ke.official(
        "Abdel Fattah El-Sisi",
        "Egyptian President",
        "head_of_state",
        "EGY",
        "Egyptian President Abdel Fattah El-Sisi arrived.",
    )
    met = ke.say("William Ruto met Abdel Fattah El-Sisi at State House.")
    ke.facts["meetings"].append(
        Meeting(participants=["William Ruto", "Abdel Fattah El-Sisi"], countries=["KEN", "EGY"], evidence=met)
    )
    ke.flow("KEN", "EGY", "tea", "Kenya sells tea to Egypt.")
    docs.append(ke)

    eg = _Doc("egy-isr", "2022-03-01")
    eg.official(
        "Abdel Fattah El-Sisi",
        "President",
        "head_of_state",
        "EGY",
        "Abdel Fattah El-Sisi received the delegation in Cairo.",
    )
    eg.official(
        "Tarek El Molla",
        "Minister of Petroleum",
        "minister",
        "EGY",
        "Petroleum Minister Tarek El Molla signed the deal.",
    )
    docs.append(eg)

    kz = _Doc("kaz-irn", "2020-02-11")
    kz.flow(
        "KAZ",
        "IRN",
        "wheat",
        "Kazakhstan supplied wheat to Iran, some 500,000 tonnes.",
        quantity=Quantity(value=500000, unit="tonne", text="500,000 tonnes"),
    )
    kz.flow("KAZ", "IRN", "barley", "Kazakhstan also sells barley to Iran.")
    kz.flow("IRN", "KAZ", "pistachios", "Iran sends pistachios to Kazakhstan.")
    turnover = kz.say("Trade between the two reached $300 million.", "$300 million")
    kz.facts["trade_values"].append(
        TradeValue(
            reporter="KAZ",
            partner="IRN",
            flow="turnover",
            value=3e8,
            currency="USD",
            text="$300 million",
            evidence=turnover,
        )
    )
    docs.append(kz)

    coal = _Doc("coal", "2021-11-20")
    coal.flow("IDN", "IND", "coal", "Indonesia sells coal to India.")
    coal.flow("IDN", "CHN", "coal", "Indonesian coal also goes to China.")
    coal.flow("IDN", "JPN", "coal", "Japan buys coal from Indonesia.")
    coal.flow("AUS", "JPN", "coal", "Japan buys coal from Australia too.")
    docs.append(coal)

    sau = _Doc("sau", "2021-07-07")
    sau.flow("SAU", "CHN", "crude oil", "Saudi Arabia ships crude oil to China.")
    sau.flow("SAU", "IND", "crude oil", "India buys crude oil from Saudi Arabia.")
    docs.append(sau)
    return docs


def graphs(directory: Path) -> dict[str, TradeGraph]:
    """The question graph in memory, in a graph file and in a store (the two back ends of the CLI)."""
    docs = documents()
    memory = TradeGraph.from_extractions(doc.extraction() for doc in docs)
    with Store(directory / "questions.db") as store:
        store.add_many((doc.document(), doc.extraction()) for doc in docs)
    return {
        "file": TradeGraph.load(memory.save(directory / "questions.json")),
        "store": TradeGraph.open(directory / "questions.db"),
    }
