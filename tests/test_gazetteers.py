"""The generated gazetteers in rules/: complete, consistent and reachable through the look-ups."""

from __future__ import annotations

import pytest

from tradegraph import gazetteers
from tradegraph.normalize import (
    city_lookup,
    country_iso3,
    fold,
    group_members,
    hs_for_commodity,
    port_lookup,
    region_lookup,
)

# Uninhabited territories have no demonym; Congolese and Dominican go to the larger namesake (COD, DOM).
WITHOUT_DEMONYM = {"ATA", "ATF", "BVT", "HMD", "SGS", "SJM", "UMI", "DMA"}

# The 100 commodity words most common in trade news, with the code each must get.
COMMON_COMMODITIES = {
    "wheat": "1001", "barley": "1003", "maize": "1005", "corn": "1005", "rice": "1006",
    "basmati rice": "100630", "grain": "10", "flour": "1101", "sunflower seeds": "1206",
    "rapeseed": "1205", "soybeans": "1201", "sunflower oil": "1512", "palm oil": "1511",
    "vegetable oil": "15", "sugar": "17", "pistachios": "0802", "dates": "0804", "apples": "0808",
    "tea": "0902", "coffee": "0901", "cocoa": "18", "cotton": "52", "raw wool": "5101",
    "rolled iron": "72", "steel": "72", "iron ore": "2601", "cement": "2523", "lng": "271111",
    "natural gas": "2711", "crude oil": "2709", "oil": "27", "petroleum products": "2710",
    "coal": "2701", "aluminium": "76", "aluminum": "76", "copper": "74", "zinc": "79", "lead": "78",
    "nickel": "75", "gold": "7108", "silver": "7106", "uranium": "2612", "fertilizers": "31",
    "fertilisers": "31", "urea": "3102", "potash": "3104", "plastics": "39", "polyethylene": "3901",
    "rubber": "40", "tyres": "4011", "tableware": "6911", "machinery": "84",
    "electrical equipment": "85", "tractors": "8701", "trucks": "8704", "cars": "8703",
    "vehicles": "87", "auto parts": "8708", "buses": "8702", "railway wagons": "8606",
    "locomotives": "8601", "aircraft": "88", "ships": "89", "meat": "02", "beef": "0201",
    "poultry meat": "0207", "lamb": "0204", "fish": "03", "dairy products": "04",
    "milk powder": "0402", "butter": "0405", "cheese": "0406", "eggs": "0407", "honey": "0409",
    "fruits": "08", "vegetables": "07", "tomatoes": "0702", "potatoes": "0701", "onions": "0703",
    "citrus": "0805", "grapes": "0806", "electricity": "271600", "wood": "44", "timber": "44",
    "paper": "48", "pharmaceuticals": "30", "medicines": "30", "chemicals": "28",
    "fabrics": "5407", "clothing": "61", "footwear": "64", "furniture": "94",
    "mobile phones": "851713", "computers": "8471", "solar panels": "854143",
    "semiconductors": "8541", "weapons": "93", "tobacco": "24", "cigarettes": "2402",
    "salt": "2501", "sulphur": "2503", "glass": "70", "ceramic tiles": "6907", "cattle": "0102",
    "livestock": "01", "diesel": "271019", "gasoline": "271012", "lpg": "2711",
    "animal feed": "2309", "pipes": "7304", "cables": "8544",
}  # fmt: skip


def test_every_iso_country_is_listed_once():
    codes = [row.iso3 for row in gazetteers.countries()]
    assert len(codes) == 249 == len(set(codes))
    assert all(row.name and len(row.iso2) == 2 for row in gazetteers.countries())


def test_every_alias_resolves_to_its_country():
    wrong = [(row.text, row.iso3, country_iso3(row.text)) for row in gazetteers.country_aliases()]
    assert [case for case in wrong if case[1] != case[2]] == []


def test_every_country_name_resolves_to_its_country():
    assert [row.name for row in gazetteers.countries() if country_iso3(row.name) != row.iso3] == []


def test_every_inhabited_country_has_a_demonym():
    with_demonym = {row.iso3 for row in gazetteers.country_aliases() if row.kind == "demonym"}
    assert {row.iso3 for row in gazetteers.countries()} - with_demonym == WITHOUT_DEMONYM


@pytest.mark.parametrize(
    ("text", "iso3", "kind"),
    [
        ("Kazakhstani", "KAZ", "demonym"),
        ("Uzbeks", "UZB", "demonym"),
        ("Chinese", "CHN", "demonym"),
        ("Emirati", "ARE", "demonym"),
        ("Dutch", "NLD", "demonym"),
        ("Filipino", "PHL", "demonym"),
        ("Philippine", "PHL", "demonym"),
        ("Burma", "MMR", "former"),
        ("Swaziland", "SWZ", "former"),
        ("Cabo Verde", "CPV", "name"),
        ("East Timor", "TLS", "name"),
        ("Republic of Kazakhstan", "KAZ", "official"),
        ("Astana", "KAZ", "capital"),
        ("Kyiv", "UKR", "capital"),
        ("Kiev", "UKR", "capital"),
        ("Tehran", "IRN", "capital"),
        ("Washington", "USA", "capital"),
        ("Cote d'Ivoire", "CIV", "name"),
    ],
)
def test_alias_table_holds_news_forms(text, iso3, kind):
    rows = [row for row in gazetteers.country_aliases() if row.text == text]
    assert [(row.iso3, row.kind) for row in rows] == [(iso3, kind)]


def test_groups_are_never_countries():
    aliases = {fold(row.text) for row in gazetteers.country_aliases()}
    for row in gazetteers.country_groups():
        assert fold(row.text) not in aliases, row.text
        assert group_members(row.text) == list(row.members)
    assert {"EU", "EAEU", "ASEAN", "GCC", "CENTRAL_ASIA", "OPEC", "BRICS"} <= {
        row.group_id for row in gazetteers.country_groups()
    }


@pytest.mark.parametrize(("term", "code"), sorted(COMMON_COMMODITIES.items()))
def test_common_commodity_codes(term, code):
    assert hs_for_commodity(term)[0] == code


def test_commodity_table_is_large_and_sectioned():
    rows = gazetteers.commodities()
    assert len({row.term for row in rows}) >= 300
    numerals = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"}
    numerals |= {"XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI"}
    assert {row.hs_section for row in rows} <= numerals
    assert all(len(row.hs_code) in (2, 4, 6) and row.hs_code.isdigit() for row in rows)


def test_every_commodity_term_finds_its_own_code():
    wrong = [(row.term, row.hs_code, hs_for_commodity(row.term)[0]) for row in gazetteers.commodities()]
    assert [case for case in wrong if case[1] != case[2]] == []


def test_every_region_form_finds_its_region():
    wrong = [
        (row.text, row.code)
        for row in gazetteers.regions()
        if (found := region_lookup(row.text, row.iso3)) is None or found.name != row.name
        if not _shared_within_country(gazetteers.region_index(), row)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mangystau", "KZ-47"),
        ("Mangistau", "KZ-47"),
        ("Mangghystau", "KZ-47"),
        ("Qazvin", "IR-26"),
        ("Ghazvin", "IR-26"),
        ("Golestan", "IR-27"),
        ("Sughd", "TJ-SU"),
        ("Sogd", "TJ-SU"),
        ("Khatlon", "TJ-KT"),
        ("Surxondaryo", "UZ-SU"),
        ("Surkhandarya", "UZ-SU"),
        ("Sistan and Baluchestan", "IR-11"),
        ("Western Australia", "AU-WA"),
        ("Ulytau", "KZ-62"),
    ],
)
def test_region_spellings(text, code):
    assert region_lookup(text).code == code


def test_every_port_form_finds_its_port():
    wrong = [
        (row.text, row.locode)
        for row in gazetteers.ports()
        if (found := port_lookup(row.text, row.iso3)) is None or found.name != row.name
        if not _shared_within_country(gazetteers.port_index(), row)
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "name", "iso3"),
    [
        ("Aktau", "Aktau", "KAZ"),
        ("Kuryk", "Kuryk", "KAZ"),
        ("Baku", "Baku", "AZE"),
        ("Alat", "Alat", "AZE"),
        ("Turkmenbashi", "Turkmenbashi", "TKM"),
        ("Anzali", "Bandar Anzali", "IRN"),
        ("Bandar Anzali", "Bandar Anzali", "IRN"),
        ("Astrakhan", "Astrakhan", "RUS"),
        ("Makhachkala", "Makhachkala", "RUS"),
        ("Chabahar", "Chabahar", "IRN"),
        ("Bandar Abbas", "Bandar Abbas", "IRN"),
        ("Kandla", "Kandla", "IND"),
        ("Khorgos Gateway", "Khorgos Gateway", "KAZ"),
    ],
)
def test_curated_ports(text, name, iso3):
    port = port_lookup(text)
    assert (port.name, port.iso3) == (name, iso3)


def test_cities_flag_ambiguous_names():
    assert city_lookup("Reading").ambiguous
    assert city_lookup("Nice").ambiguous
    assert city_lookup("Mobile").ambiguous
    assert not city_lookup("Tehran").ambiguous
    assert not city_lookup("Almaty").ambiguous
    assert city_lookup("Nur-Sultan").name == "Astana"
    assert min(row.population for row in gazetteers.cities()) >= 15000


def _shared_within_country(index: dict, row) -> bool:
    """Two places of one country written alike (a province and its namesake city-region)."""
    names = {other.name for other in index[fold(row.text)] if other.iso3 == row.iso3}
    return len(names) > 1
