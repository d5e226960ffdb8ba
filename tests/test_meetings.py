"""Meetings between officials and the start of diplomatic relations, read from sentences written here."""

from __future__ import annotations

from tradegraph.extract import extract_text


def meetings(text: str) -> list[tuple[set[str], str | None, str | None]]:
    extraction = extract_text(text, "test")
    return [(set(m.participants), m.location, m.date) for m in extraction.meetings]


def test_met_with_place_and_date() -> None:
    text = (
        "Georgian Foreign Minister Ilia Darchiashvili met Armenian Foreign Minister Ararat Mirzoyan "
        "in Tbilisi on 14 March 2023."
    )
    extraction = extract_text(text, "t")
    [meeting] = extraction.meetings
    assert set(meeting.participants) == {"Ilia Darchiashvili", "Ararat Mirzoyan"}
    assert set(meeting.countries) == {"GEO", "ARM"}
    assert (meeting.location, meeting.date) == ("Tbilisi", "2023-03-14")


def test_surnames_resolve_to_full_names() -> None:
    text = (
        "Mongolian President Ukhnaagiin Khurelsukh and Russian Foreign Minister Sergey Lavrov "
        "discussed trade. "
        "Khurelsukh and Lavrov met on the sidelines of a forum."
    )
    assert ({"Ukhnaagiin Khurelsukh", "Sergey Lavrov"}, None, None) in meetings(text)


def test_in_a_meeting_with_and_a_later_reference_gives_the_place() -> None:
    text = (
        "In November, Uzbek President Shavkat Mirziyoyev, in a meeting with Turkish Foreign Minister Mevlut "
        "Cavusoglu, called for more trade. During the meeting in Uzbekistan's Samarkand, Mirziyoyev praised "
        "the ties."
    )
    [(people, location, date)] = meetings(text)
    assert people == {"Shavkat Mirziyoyev", "Mevlut Cavusoglu"}
    assert location == "Samarkand"
    assert date is None  # a month alone is not a date


def test_held_talks_with_a_title_reference() -> None:
    text = (
        "Iranian Foreign Minister Javad Karimi arrived in Baku. Before meeting with President Ilham Aliyev, "
        "the Iranian foreign minister held talks with his Azerbaijani counterpart, Jeyhun Bayramov."
    )
    found = [people for people, _, _ in meetings(text)]
    assert {"Javad Karimi", "Ilham Aliyev"} in found
    assert {"Javad Karimi", "Jeyhun Bayramov"} in found


def test_no_meeting_with_a_single_official_or_a_visited_place() -> None:
    text = (
        "Ambassador of India to Iran Rahul Sharma visited Chabahar port on Monday. "
        "Iranian Minister of Roads Farzad Bazrpash said the cargo had arrived."
    )
    assert meetings(text) == []


def test_diplomatic_relations_with_full_date() -> None:
    extraction = extract_text(
        "Diplomatic relations between Georgia and Lithuania were established on 25 August 1992.", "t"
    )
    [relation] = extraction.relations
    assert set(relation.countries) == {"GEO", "LTU"}
    assert relation.established == "1992-08-25"


def test_diplomatic_relations_year_only() -> None:
    extraction = extract_text("Vietnam and Chile established diplomatic relations in 1971.", "t")
    [relation] = extraction.relations
    assert (set(relation.countries), relation.established) == ({"VNM", "CHL"}, "1971")


def test_relations_need_a_start() -> None:
    assert extract_text("Diplomatic relations between Peru and Chile are good.", "t").relations == []
