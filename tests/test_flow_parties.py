"""Parties named indirectly (issue 9, class 2): the words that refer to a country without naming it
(tradegraph/components/flows/references.py), places standing for their country, and sides carried from
the flows just before. Sentences written for these tests, in several shapes each, with near-misses that
must give nothing.

Flows are (exporter, importer, commodity, modality, negated); commodities compared as the scorer does.
"""

from __future__ import annotations

import pytest
from test_flow_constructions import PL, PO, A, expect, flows_and_frames

from tradegraph.components.flows.context import Party
from tradegraph.components.flows.parties import settle
from tradegraph.components.flows.references import (
    Mention,
    ReferenceRow,
    find_references,
    load_reference_words,
    reference_words,
)
from tradegraph.pipeline import get_pipeline
from tradegraph.rules import RuleFileError


def read(text: str) -> tuple[set, dict[str, tuple[str, ...]]]:
    """The flows of a text, and each reference's words -> the countries it may refer to (nearest first;
    the two countries of a pair)."""
    found, _ = flows_and_frames(text)
    nlp = get_pipeline()
    doc = nlp(text)
    ctx, _ = nlp.get_pipe("tg_flows").read(doc)
    references = {
        doc[p.start : p.end].text: p.members or (p.iso3, *p.alternatives)
        for p in ctx.parties
        if p.is_reference
    }
    return found, references


def check(text: str, words: str, refers_to: tuple[str, ...], flows: set) -> None:
    """The words refer to `refers_to` (nearest first) and the text states `flows`."""
    found, references = read(text)
    assert references.get(words, ())[: len(refers_to)] == refers_to, references
    assert found == flows, f"\n  missing: {flows - found}\n  spurious: {found - flows}"


# -- descriptions: "the kingdom", "the Asian nation", "the neighbouring country" ------------------------------
# (text, the reference's words, the countries it refers to nearest first, the flows)
DESCRIPTIONS = [
    # a trait of the head: a kingdom, not the republics around it
    (
        "Saudi Arabia, Qatar and South Korea met in Seoul. South Korea's imports of crude from the kingdom"
        " rose by 5 percent.",
        "kingdom",
        ("SAU",),
        expect(("SAU", "KOR", "crude")),
    ),
    (
        "Morocco, Chile and India signed a memorandum. India bought more phosphate from the kingdom last year.",
        "kingdom",
        ("MAR",),
        expect(("MAR", "IND", "phosphate")),
    ),
    # a country group as modifier: its members only
    (
        "Brazil, Japan and Chile held talks. The Asian nation will buy more chicken from Brazil.",
        "Asian nation",
        ("JPN",),
        expect(("BRA", "JPN", "chicken", PL)),
    ),
    (
        "Peru, Brazil and China signed deals. China imported more beef from the South American country.",
        "South American country",
        ("BRA", "PER"),
        expect(("BRA", "CHN", "beef")),
    ),
    (
        "Uganda's coffee farmers had a good year. Coffee was shipped to Germany from the East African nation.",
        "East African nation",
        ("UGA",),
        expect(("UGA", "DEU", "coffee")),
    ),
    (
        "Qatar, Russia and Germany signed a deal. Germany will import LNG from the Gulf state.",
        "the Gulf state",
        ("QAT",),
        expect(("QAT", "DEU", "lng", PL)),
    ),
    # traits as modifiers
    (
        "India, Nepal and Sri Lanka held talks. India exported rice to the island nation.",
        "island nation",
        ("LKA",),
        expect(("IND", "LKA", "rice")),
    ),
    (
        "Kazakhstan is the largest economy of the region. The landlocked country exports wheat to Iran.",
        "landlocked country",
        ("KAZ",),
        expect(("KAZ", "IRN", "wheat")),
    ),
    (
        "Kuwait pumps crude. Japan bought crude oil from the oil-rich state.",
        "oil-rich state",
        ("JPN", "KWT"),
        expect(("KWT", "JPN", "crude oil")),
    ),
    # the nearest country is the other side: the one before it is meant
    (
        "Iran's trade with Afghanistan grew. Rods and cement were exported from Iran to the neighbouring"
        " country.",
        "neighbouring country",
        ("IRN", "AFG"),
        expect(("IRN", "AFG", "rods"), ("IRN", "AFG", "cement")),
    ),
    (
        "Argentina and Brazil grow soybeans, and China buys most of its soybeans from the latter.",
        "latter",
        ("CHN", "BRA", "ARG"),
        expect(("BRA", "CHN", "soybeans")),
    ),
    # a plain "the country"; a chain of references
    (
        "Kenya has a large tea crop. The country exports tea to Pakistan and Egypt.",
        "country",
        ("KEN",),
        expect(("KEN", "PAK", "tea"), ("KEN", "EGY", "tea")),
    ),
    (
        "Saudi Arabia's oil output rose. The kingdom supplied more crude to India, and the country also sold"
        " diesel to Kenya.",
        "country",
        ("IND", "SAU"),  # India is nearer; Saudi Arabia exported just before
        expect(("SAU", "IND", "crude"), ("SAU", "KEN", "diesel")),
    ),
]


@pytest.mark.parametrize(("text", "words", "refers_to", "flows"), DESCRIPTIONS, ids=lambda v: str(v)[:40])
def test_a_description_refers_to_the_nearest_country_it_fits(text, words, refers_to, flows) -> None:
    check(text, words, refers_to, flows)


def test_a_reference_takes_the_side_its_country_had_in_the_flows_before() -> None:
    # Turkey is named last, but Iran is the exporter of the flows before: "the country also supplied".
    text = (
        "Iran has exported gas to Turkey since 2001. Gas exports to Turkey stood at 8 billion cubic metres"
        " in 2016. The country has also supplied gas to Iraq since June."
    )
    found, references = read(text)
    assert references["country"][:2] == ("TUR", "IRN")
    assert found == expect(("IRN", "TUR", "gas"), ("IRN", "IRQ", "gas"))


def test_one_reference_is_one_country_for_every_trade_word_it_is_a_side_of() -> None:
    # "the country supplies ... and imports": the carried subject stays Iran, whatever the flows before say
    text = (
        "Iran has exported gas to Armenia since 2009. The country supplies gas to Armenia and imports"
        " electricity in exchange."
    )
    found, _ = read(text)
    assert ("ARM", "IRN", "electricity", A, False) in found
    assert not {f for f in found if f[:2] == ("IRN", "ARM") and f[2] == "electricity"}


# Words that look like a description and are none, or a description that has nothing to refer to.
NOT_A_REFERENCE = [
    ("The country exports tea to Iran.", set()),  # nothing named before it
    ("Brazil signed a deal with Peru. The Asian nation will buy soybeans.", set()),  # no Asian country
    ("South Korea and China trade. South Korea's imports from the kingdom rose.", set()),  # no kingdom
    ("Iran said the country of origin of the goods must be stated.", set()),
    ("The State Department said the Islamic State sells oil.", set()),  # names, not descriptions
    (
        "Kazakhstan grows wheat. Rain fell. Prices rose. Talks ended. The country exports flour.",
        set(),
    ),  # too far back
]


@pytest.mark.parametrize(("text", "flows"), NOT_A_REFERENCE, ids=lambda v: str(v)[:40])
def test_words_that_refer_to_no_country_give_nothing(text, flows) -> None:
    found, references = read(text)
    assert all(not codes for words, codes in references.items() if words != "it"), references
    assert found == flows


def test_a_description_after_a_country_name_or_a_group_is_no_reference() -> None:
    # "the state of Qatar" is the name's own glue; "European countries" stays a group: no flow
    found, references = read("Egypt bought wheat from the state of Qatar.")
    assert references == {} and found == expect(("QAT", "EGY", "wheat"))
    found, references = read("Azerbaijan will export fresh persimmons to European countries.")
    assert found == set()


# -- two countries: "the two countries", "both sides" ----------------------------------------------------------
PAIRS = [
    (
        "Russia and Belarus are close allies. Both countries import bananas from Ecuador.",
        "Both countries",
        ("RUS", "BLR"),
        expect(("ECU", "RUS", "bananas"), ("ECU", "BLR", "bananas")),
    ),
    (
        "South Africa exported citrus to Japan and China. Grapefruit was shipped this year to the two Asian"
        " countries.",
        "the two Asian countries",
        ("CHN", "JPN"),
        expect(
            ("ZAF", "JPN", "citrus"),
            ("ZAF", "CHN", "citrus"),
            ("ZAF", "JPN", "grapefruit"),
            ("ZAF", "CHN", "grapefruit"),
        ),
    ),
    (
        "Chile and Peru signed a trade pact. Argentina will sell more beef to both sides.",
        "both sides",
        ("CHL", "PER"),
        expect(("ARG", "CHL", "beef", PL), ("ARG", "PER", "beef", PL)),
    ),
]


@pytest.mark.parametrize(("text", "words", "members", "flows"), PAIRS, ids=lambda v: str(v)[:40])
def test_two_countries_are_the_articles_pair_or_the_two_that_fit(text, words, members, flows) -> None:
    found, references = read(text)
    assert set(references[words]) == set(members)
    assert found == flows


@pytest.mark.parametrize(
    "text",
    [
        "Kazakhstan and Uzbekistan agreed to boost trade between the two countries.",
        "Talks between both sides on gas supplies ended without a deal.",
        "Kenya exports tea. Both countries want more trade.",  # one country: no pair
    ],
)
def test_two_countries_without_goods_or_a_pair_give_no_flow(text) -> None:
    found, _ = read(text)
    assert found == set()


# -- the speaker's country: "his country", "we", "our exports" -----------------------------------------------
SPEAKERS = [
    (
        'Belarusian Deputy Prime Minister Igor Petrov visited Tashkent. "We ship our tractors to Uzbekistan'
        ' and we will sell more trucks," he said.',
        "We",
        ("BLR",),
        expect(("BLR", "UZB", "tractors"), ("BLR", "UZB", "trucks", PL)),
    ),
    (
        '"Our exports of wine to China doubled," Georgian Agriculture Minister Levan Kobakhidze said on Monday.',
        "Our",
        ("GEO",),
        expect(("GEO", "CHN", "wine")),
    ),
    (
        "Kazakhstan's ambassador to Iran, Askar Bekov, said his country would supply more wheat to Iran.",
        "his country",
        ("KAZ",),
        expect(("KAZ", "IRN", "wheat", PO)),
    ),
]


@pytest.mark.parametrize(("text", "words", "refers_to", "flows"), SPEAKERS, ids=lambda v: str(v)[:40])
def test_the_first_person_is_the_country_of_the_official_who_speaks(text, words, refers_to, flows) -> None:
    check(text, words, refers_to, flows)


def test_the_first_person_of_a_speaker_who_is_no_official_is_no_country() -> None:
    found, references = read('"We ship tractors to Uzbekistan," a company spokesman said.')
    assert "We" not in references and found == set()


# -- pronouns: "it" as the subject of a trade verb, "its" before a trade word ----------------------------------
PRONOUNS = [
    (
        "Japan imports LNG from Qatar. It also buys condensate from Australia.",
        "It",
        ("QAT", "JPN"),  # Qatar is nearer; Japan imported just before
        expect(("QAT", "JPN", "lng"), ("AUS", "JPN", "condensate")),
    ),
    (
        "South Korea is the world's fifth-biggest oil importer. Saudi Arabia is its top crude supplier.",
        "its",
        ("SAU", "KOR"),
        expect(("SAU", "KOR", "crude")),
    ),
    (
        "Japan imports about 15 percent of its pineapples. Competition from the Philippines is tough, as most"
        " of its pineapple imports come from the archipelagic country.",
        "archipelagic country",
        ("PHL", "JPN"),
        expect(("PHL", "JPN", "pineapple")),
    ),
]


@pytest.mark.parametrize(("text", "words", "refers_to", "flows"), PRONOUNS, ids=lambda v: str(v)[:40])
def test_a_pronoun_is_the_party_named_just_before(text, words, refers_to, flows) -> None:
    check(text, words, refers_to, flows)


@pytest.mark.parametrize(
    ("text", "flows"),
    [
        # "its" is the EU, a group: no flow, and not Norway's
        ("Norway sells gas to the EU. Its imports of coal from Colombia fell.", set()),
        ("The company said its exports to China rose.", set()),  # no country before it
        # "it" is China, not the demonym of "Philippine bananas"
        (
            "China is a big market for Philippine bananas. In 2011 it imported more bananas from Ecuador.",
            expect(("PHL", "CHN", "bananas"), ("ECU", "CHN", "bananas")),
        ),
    ],
    ids=lambda v: str(v)[:40],
)
def test_a_pronoun_is_no_group_member_nor_an_adjective(text, flows) -> None:
    found, _ = read(text)
    assert found == flows


# -- places standing for their country -------------------------------------------------------------------------
PLACES = [
    (
        "Kazakhstan and China trade a lot. Kazakhstan's exports to Xinjiang include copper and zinc.",
        expect(("KAZ", "CHN", "copper"), ("KAZ", "CHN", "zinc")),
    ),
    (
        "Brazil grows soybeans. Soybeans were shipped from Santos to Rotterdam and Hamburg.",
        expect(("BRA", "NLD", "soybeans"), ("BRA", "DEU", "soybeans")),
    ),
    ("The Black Sea port of Novorossiysk shipped wheat to Egypt.", expect(("RUS", "EGY", "wheat"))),
    ("The port of Santos exported soybeans to China.", expect(("BRA", "CHN", "soybeans"))),
    (
        "Laos and China signed a deal. The Chinese province of Yunnan buys rubber from Laos.",
        expect(("LAO", "CHN", "rubber")),
    ),
    (
        "Kazakhstan and China trade. Kazakhstan sells copper to the Chinese province of Xinjiang.",
        expect(("KAZ", "CHN", "copper")),
    ),
]


@pytest.mark.parametrize(("text", "flows"), PLACES, ids=lambda v: str(v)[:40])
def test_a_place_stands_for_its_country(text, flows) -> None:
    found, _ = read(text)
    assert found == flows


# -- sides carried from the flows just before -----------------------------------------------------------------
CARRIED = [
    # Turkey is the article's most named country; the flow just before says Egypt buys from Russia
    (
        "Turkey and Egypt signed a deal in Ankara, Turkey said. Turkey will invest in Egypt. Egypt imports"
        " wheat from Russia. It also buys sunflower oil.",
        expect(("RUS", "EGY", "wheat"), ("RUS", "EGY", "sunflower oil")),
    ),
    # bilateral exchange: the partner of the known side, in the other direction
    (
        "India's exports of rice to Bhutan grew. Bhutan in turn exported electricity and cement.",
        expect(("IND", "BTN", "rice"), ("BTN", "IND", "electricity"), ("BTN", "IND", "cement")),
    ),
    (
        "Kazakhstan ships wheat to Iran and, in return, imports fruit.",
        expect(("KAZ", "IRN", "wheat"), ("IRN", "KAZ", "fruit")),
    ),
]


@pytest.mark.parametrize(("text", "flows"), CARRIED, ids=lambda v: str(v)[:40])
def test_a_side_left_open_is_the_partner_of_the_flows_just_before(text, flows) -> None:
    found, _ = read(text)
    assert found == flows


def test_no_side_is_carried_to_a_country_that_was_no_side_before() -> None:
    # Turkey imports wheat from someone: Russia sold to Egypt, not to Turkey
    found, _ = read(
        "Russia and Egypt signed a deal. Russia exports wheat to Egypt. Turkey also imports wheat."
    )
    assert found == expect(("RUS", "EGY", "wheat"))


# -- the pure pieces --------------------------------------------------------------------------------------------
def reference(code: str, *alternatives: str, start: int = 0) -> Party:
    return Party(code, start, start + 1, "country", False, "", start, alternatives, (), "description")


def named(code: str, start: int = 10) -> Party:
    return Party(code, start, start + 1, "country", False, "", start)


def test_settle_moves_a_reference_off_the_other_side_and_keeps_it_for_the_next_trade_word() -> None:
    exporters, importers = settle((named("IRN"),), (reference("IRN", "AFG"),))
    assert [p.iso3 for p in exporters] == ["IRN"] and [p.iso3 for p in importers] == ["AFG"]
    # the same side as before wins over the nearest; once fixed, the reference keeps its country
    fixed: dict[int, str] = {}
    exporters, _ = settle(
        (reference("TUR", "IRN"),), (named("IRQ"),), (frozenset({"IRN"}), frozenset()), fixed
    )
    assert [p.iso3 for p in exporters] == ["IRN"] and fixed == {0: "IRN"}
    _, importers = settle((), (reference("TUR", "IRN"),), (frozenset(), frozenset({"TUR"})), fixed)
    assert [p.iso3 for p in importers] == ["IRN"]
    # a reference with nothing left is no side
    assert settle((named("IRN"),), (reference("IRN"),)) == ((named("IRN"),), ())


def test_find_references_reads_words_and_mentions_alone() -> None:
    words = "kenya and egypt trade . the country sells tea".split()
    text = ["Kenya", *words[1:]]
    sentence = [0, 0, 0, 0, 0, 1, 1, 1, 1]
    mentions = [Mention(0, 1, "KEN", "country"), Mention(2, 3, "EGY", "country")]
    found = find_references(words, text, sentence, mentions, [], [], None, {}, frozenset())
    assert [(r.start, r.end, r.candidates, r.role) for r in found] == [(6, 7, ("EGY", "KEN"), "description")]


def test_reference_words_are_data_and_a_bad_row_names_file_and_line(tmp_path, monkeypatch) -> None:
    words = reference_words()
    assert words.nouns["kingdom"] == "kingdom" and "SAU" in words.traits["kingdom"]
    assert ("the", "two") in words.pair_determiners and "-rich" in words.modifiers
    (tmp_path / "country_references.tsv").write_text(
        "text\trole\ttrait\nthe\tdeterminer\nplace\tadverb\n", encoding="utf-8"
    )
    monkeypatch.setenv("TRADEGRAPH_RULES", str(tmp_path))
    with pytest.raises(RuleFileError, match=r"country_references.tsv:3"):
        load_reference_words()
    (tmp_path / "country_references.tsv").write_text(
        "text\trole\ttrait\ncountry\tnoun\tvolcanic\n", encoding="utf-8"
    )
    with pytest.raises(RuleFileError, match="volcanic"):
        load_reference_words()
    assert ReferenceRow(text="nation", role="noun").trait is None
