"""Places read from evidence: each class of language in several shapes, with near-misses that give nothing.

Every sentence here is written for these tests; none is taken from an article.
"""

from __future__ import annotations

import pytest

from tradegraph import gazetteers
from tradegraph.extract import extract_text


def places(text: str) -> set[tuple[str, str, str | None]]:
    return {(loc.name, loc.kind, loc.country) for loc in extract_text(text, doc_id="case").locations}


def kinds(text: str) -> set[tuple[str, str | None]]:
    return {(kind, country) for _name, kind, country in places(text)}


# -- common words, continents, companies and people are not places -----------------------------------------
NOT_PLACES = [
    "Home > World > Business",  # a breadcrumb: "Home" is also a port in Alaska
    "Home prices rose in the spring.",
    "The airport authority said the new terminal opens soon.",
    "Flights leave the International Airport every hour.",
    "Exports to Asia and Africa rose by 4 percent.",
    "Prices in Asia hit a record.",  # a continent after "in" is still a continent
    "The Middle East and North Africa region buys more wheat.",
    "Shares of GRAND LIMITED and DOLE SUMMIT rose.",  # companies in capitals
    "Paris Hilton and Victoria Beckham opened a store.",
    "George Washington crossed the river.",
    "Brazil's envoy Mr. Santos and Dr Lima spoke for the ministry.",  # surnames after honorifics
    "The Temple standoff ended without a deal.",  # a town name as a modifier, no country named
    "Split decisions on tariffs were announced.",
    "The Mobile unit grew fastest.",
]


@pytest.mark.parametrize("text", NOT_PLACES, ids=[t[:40] for t in NOT_PLACES])
def test_not_places(text: str) -> None:
    assert places(text) == set()


def test_a_town_of_a_country_the_article_never_names_needs_a_place_context() -> None:
    assert places("The Scarborough talks failed, and Vietnam and Malaysia left.") == set()
    assert ("Scarborough", "city", "GBR") in places("British exporters met in Scarborough.")


def test_a_capital_stands_as_a_city_when_its_country_is_named() -> None:
    assert ("Washington", "city", "USA") in places(
        "Mexico sold more steel to the United States despite tariffs from Washington."
    )
    assert ("Ankara", "city", "TUR") in places("Turkey and Iraq agreed, and Ankara will buy Iraqi oil.")


# -- names in capitals count only in datelines and capital lines ---------------------------------------------
DATELINES = [
    ("QUITO — Ecuador will ship bananas to Russia.", ("Quito", "city", "ECU")),
    ("DHAKA, May 2 (Reuters) - Bangladesh bought Indian rice.", ("Dhaka", "city", "BGD")),
    ("ACCRA – Ghana sells cocoa to the Netherlands.", ("Accra", "city", "GHA")),
    ("Update\nMONTEVIDEO, Uruguay - Uruguay sold beef to China.", ("Montevideo", "city", "URY")),
]


@pytest.mark.parametrize(("text", "expected"), DATELINES, ids=[t[0][:30] for t in DATELINES])
def test_datelines_in_capitals(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in places(text)


def test_a_headline_in_capitals_names_its_places() -> None:
    assert ("Mombasa", "port", "KEN") in places(
        "TEA EXPORTS THROUGH MOMBASA PORT RISE\n\nKenya sold more tea."
    )


# -- regions: any spelling, either word order, either apostrophe, and without a type word ---------------------
REGIONS = [
    ("Avocado growers in Murang'a county sell to Uganda, Kenya said.", ("Murang'a", "region", "KEN")),
    ("Avocado growers in Murang’a County sell to Uganda, Kenya said.", ("Murang’a", "region", "KEN")),
    ("Russia's Republic of Tatarstan sells trucks to Iran.", ("Tatarstan", "region", "RUS")),
    ("Jordan's Ma’an governorate exports phosphate to India.", ("Ma’an", "region", "JOR")),
    ("Tomatoes from Azarbayjan-e Sharqi reach Armenia, Iran said.", ("Azarbayjan-e Sharqi", "region", "IRN")),
    ("Iran's East Azerbaijan province sells tomatoes to Armenia.", ("East Azerbaijan", "region", "IRN")),
    ("Iraq's Basrah governorate imports Iranian gas.", ("Basrah", "region", "IRQ")),
    ("Turkey sells flour to Iraq's Al Anbar province.", ("Al Anbar", "region", "IRQ")),
    (
        "Nickel from Southeast Sulawesi goes to China, Indonesia said.",
        ("Southeast Sulawesi", "region", "IDN"),
    ),
    ("Indonesia's Jawa Timur province exports sugar to Malaysia.", ("Jawa Timur", "region", "IDN")),
    ("Peru's Cuzco region sells quinoa to Spain.", ("Cuzco", "region", "PER")),
    ("Exporters in Alexandria governorate ship oranges, Egypt said.", ("Alexandria", "region", "EGY")),
]


@pytest.mark.parametrize(("text", "expected"), REGIONS, ids=[t[0][:40] for t in REGIONS])
def test_region_spellings(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in places(text)


REGIONS_WITHOUT_TYPE_WORD = [
    ("Manitoba ships canola to Japan, Canada said.", ("Manitoba", "region", "CAN")),
    ("Brazil sells more beef since Mato Grosso raised output.", ("Mato Grosso", "region", "BRA")),
    (
        "Cotton grown in Karakalpakstan is sold to Russia, Uzbekistan said.",
        ("Karakalpakstan", "region", "UZB"),
    ),
    ("Sabah exports palm oil to India, Malaysia said.", ("Sabah", "region", "MYS")),
]


@pytest.mark.parametrize(
    ("text", "expected"), REGIONS_WITHOUT_TYPE_WORD, ids=[t[0][:40] for t in REGIONS_WITHOUT_TYPE_WORD]
)
def test_a_region_of_a_named_country_needs_no_type_word(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in places(text)


def test_a_region_of_a_country_the_article_does_not_name_needs_a_region_word() -> None:
    assert places("Manitoba ships canola to Japan.") == set()
    assert ("Manitoba", "region", "CAN") in places("The Manitoba province ships canola to Japan.")


def test_a_region_that_is_a_common_word_needs_a_region_word() -> None:
    # "Central" is a region of Ghana, Uganda and others
    assert places("Central banks in Ghana raised rates.") == set()
    assert ("Central", "region", "GHA") in places("Cocoa from the Central region of Ghana is sold abroad.")


def test_a_city_in_a_list_with_regions_is_a_region() -> None:
    found = places("Wheat from Kostanay and North Kazakhstan is sold to Afghanistan, Kazakhstan said.")
    assert ("Kostanay", "region", "KAZ") in found
    found = places("Pork from Manitoba and Quebec goes to Japan, Canada said.")
    assert ("Quebec", "region", "CAN") in found


# -- ports: the port word, its modifiers, port verbs and routes; a port is listed once ------------------------
PORTS = [
    ("The Batumi International Sea Port received Chinese containers.", ("Batumi", "port", "GEO")),
    ("Ships wait at the Constanta Commercial Port for Moldovan grain.", ("Constanta", "port", "ROU")),
    ("Brazilian sugar was loaded at Paranagua for Algeria.", ("Paranagua", "port", "BRA")),
    ("The tanker docked in Fujairah with Indian diesel.", ("Fujairah", "port", "ARE")),
    ("Afghan fruit is shipped to India via Chittagong.", ("Chittagong", "port", "BGD")),
    ("Egypt imports wheat through Alexandria and Damietta ports.", ("Damietta", "port", "EGY")),
    ("The Tianjin-Qingdao port link carries Korean cars.", ("Qingdao", "port", "CHN")),
]


@pytest.mark.parametrize(("text", "expected"), PORTS, ids=[t[0][:40] for t in PORTS])
def test_ports_in_context(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in places(text)


def test_a_port_is_listed_once_not_also_as_its_city() -> None:
    text = (
        "The Batumi Sea Port handled Armenian cargo.\n\n"
        "A new hotel opened in the city of Batumi, and Batumi city plans a tram."
    )
    assert places(text) == {("Batumi", "port", "GEO")}


def test_a_city_the_gazetteer_knows_only_as_a_city_is_a_port_in_a_port_context() -> None:
    found = places("Russian fertiliser left the Turkish port of Bandirma for Brazil.")
    assert ("Bandirma", "port", "TUR") in found


def test_a_place_known_only_as_a_port_is_a_city_in_a_city_context() -> None:
    # Garabogaz is only in the port table (a town of under 15,000 people)
    found = places("Fertiliser made in Turkmenistan's Garabogaz city goes to Turkey.")
    assert found == {("Garabogaz", "city", "TKM")}


def test_a_port_without_context_counts_only_in_an_article_naming_its_country() -> None:
    assert ("Laem Chabang", "port", "THA") in places(
        "Laem Chabang handled more Japanese cars, Thailand said."
    )
    assert places("Laem Chabang handled more cars.") == set()
    assert places("Mersin was quiet.") == set()  # a Turkish port and city, Turkey not named


# -- shared names: the country the text puts the place in, else the article's countries ---------------------
def test_shared_names_choose_the_article_country() -> None:
    assert ("Hyderabad", "city", "PAK") in places("Traders in Hyderabad sold mangoes, Pakistan said.")
    assert ("Hyderabad", "city", "IND") in places("Traders in Hyderabad sold mangoes, India said.")
    assert ("Punjab", "region", "IND") in places("India's Punjab grows rice for Iran.")
    assert ("Punjab", "region", "PAK") in places("Rice from Punjab goes to Kenya, Pakistan said.")


def test_the_country_the_text_puts_a_place_in() -> None:
    assert ("Osh", "city", "KGZ") in places("Goods flow from Kashgar to Osh in Kyrgyzstan.")
    assert ("Kashgar", "city", "CHN") in places("Goods flow from Kashgar to Osh in Kyrgyzstan.")
    assert ("Victoria", "city", "SYC") in places("Tuna is canned in Victoria, Seychelles.")
    assert ("Santa Cruz", "region", "BOL") in places("Soy from Bolivia's Santa Cruz goes to Peru.")


def test_a_region_of_a_named_country_beats_a_city_of_an_unnamed_one() -> None:
    # Ontario is also a city in California
    assert ("Ontario", "region", "CAN") in places("Farmers in Ontario sell pork to Japan, Canada said.")
    assert ("Ontario", "city", "USA") in places("Warehouses in Ontario, California, store Asian goods.")


# -- cities: other spellings from GeoNames, and the article's own spelling as the name --------------------
def test_other_transliterations_of_a_city_in_a_place_context() -> None:
    assert ("Termez", "city", "UZB") in places("Afghan traders met in Termez on Monday, Uzbekistan said.")
    assert ("Hai Phong", "city", "VNM") in places("Containers for Vietnam pile up near Hai Phong.")


def test_a_rare_spelling_needs_a_place_context() -> None:
    assert places("Termez exporters sold cotton.") == set()


def test_the_name_is_the_articles_spelling_once_per_place() -> None:
    text = "Razavi Khorasan exports saffron, Iran said.\n\nKhorasan Razavi province also sells pistachios."
    assert places(text) == {("Razavi Khorasan", "region", "IRN")}
    assert places("Khorasan Razavi province exports saffron to Iraq.") == {
        ("Khorasan Razavi", "region", "IRN")
    }


def test_a_dateline_in_capitals_is_named_in_the_gazetteers_case() -> None:
    assert ("Dhaka", "city", "BGD") in places("DHAKA, May 2 - Bangladesh bought rice.")


# -- the gazetteers carry the ambiguity the rules read ------------------------------------------------------
def test_gazetteer_ambiguity_flags() -> None:
    ports = {(row.text, row.iso3): row.ambiguous for row in gazetteers.ports()}
    regions = {(row.text, row.iso3): row.ambiguous for row in gazetteers.regions()}
    cities = {(row.text, row.iso3): row.ambiguous for row in gazetteers.cities()}
    assert ports[("Home", "USA")] and not ports[("Constanta", "ROU")]
    assert regions[("Central", "GHA")] and not regions[("Punjab", "PAK")]
    assert cities[("Airport", "USA")] and not cities[("Hyderabad", "PAK")]
    assert cities[("Termez", "UZB")] and not cities[("Hai Phong", "VNM")]  # spelling variant vs spacing
