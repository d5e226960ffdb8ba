"""Officials: a title of office joined to a name, with role class, country served, posting and former.

Each case is a text and the officials it names, as (surname, role_class, country, posted_to, former). The
sentences and names are invented for these tests, each class of language in several shapes: the title shapes
of real news, every step of the rule for the state served (title, organisation, apposition, home country, one
holder per office), name forms, and near-misses that name no official (journalists, bylines, private
executives, chamber and association heads, bodies of several states).
"""

from __future__ import annotations

import pytest

from tradegraph.extract import extract_text


def officials(text: str) -> set[tuple[str, str, str | None, str | None, bool]]:
    extraction = extract_text(text, doc_id="case")
    return {
        (o.name.split()[-1], o.role_class, o.country, o.posted_to, o.former) for o in extraction.officials
    }


# -- title before the name, possessive or demonym country ----------------------------------------------------
TITLE_BEFORE_CASES = [
    (
        "Chilean Foreign Minister Rosa Alvarado arrived in Lima.",
        {("Alvarado", "minister", "CHL", None, False)},
    ),
    (
        "Peru's President Carlos Mendoza opened the fair.",
        {("Mendoza", "head_of_state", "PER", None, False)},
    ),
    (
        "Norwegian Prime Minister Ingrid Solberg visited the shipyard.",
        {("Solberg", "head_of_government", "NOR", None, False)},
    ),
    (
        "Uzbekistan's Deputy Minister of Trade Alisher Nazarov signed the protocol.",
        {("Nazarov", "deputy_minister", "UZB", None, False)},
    ),
    (
        "Mongolia's Minister of Mining Batbold Ganzorig said coal exports would grow.",
        {("Ganzorig", "minister", "MNG", None, False)},
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), TITLE_BEFORE_CASES, ids=[c[0][:40] for c in TITLE_BEFORE_CASES]
)
def test_title_before_the_name(text: str, expected: set) -> None:
    assert officials(text) == expected


# -- title after the name ------------------------------------------------------------------------------------
TITLE_AFTER_CASES = [
    (
        "Tomas Berg, Norway's Minister of Fisheries, met exporters in Bergen.",
        {("Berg", "minister", "NOR", None, False)},
    ),
    (
        "Leyla Hasanova, Deputy Minister of Economy of Azerbaijan, spoke at the forum.",
        {("Hasanova", "deputy_minister", "AZE", None, False)},
    ),
    (
        "Marco Bellini, the Italian ambassador to Kenya, praised the coffee growers.",
        {("Bellini", "ambassador", "ITA", "KEN", False)},
    ),
]


@pytest.mark.parametrize(("text", "expected"), TITLE_AFTER_CASES, ids=[c[0][:40] for c in TITLE_AFTER_CASES])
def test_title_after_the_name(text: str, expected: set) -> None:
    assert officials(text) == expected


# -- ambassadors, counterparts, former, governors ------------------------------------------------------------
ROLE_CASES = [
    (
        "Georgia's Ambassador to Poland Levan Beridze visited the port.",
        {("Beridze", "ambassador", "GEO", "POL", False)},
    ),
    (
        "Vietnamese Trade Minister Nguyen Van Hai met his Thai counterpart, Somchai Prasert, in Bangkok.",
        {("Hai", "minister", "VNM", None, False), ("Prasert", "minister", "THA", None, False)},
    ),
    (
        "Latvian Foreign Minister Inga Ozola visited Vilnius. There she met her Lithuanian counterpart, "
        "Jonas Kairys.",
        {("Ozola", "minister", "LVA", None, False), ("Kairys", "minister", "LTU", None, False)},
    ),
    (
        "Bulgaria's ex-president Petar Stoyanov attended the ceremony.",
        {("Stoyanov", "head_of_state", "BGR", None, True)},
    ),
    (
        "Former Agriculture Minister of Croatia Ana Kovac now chairs the board.",
        {("Kovac", "minister", "HRV", None, True)},
    ),
    (
        "The governor of Karaganda region, Yerlan Dosanov, met Chinese investors.",
        {("Dosanov", "governor", "KAZ", None, False)},
    ),
    (
        "Golestan Governor Reza Karimi welcomed the Turkmen delegation.",
        {("Karimi", "governor", "IRN", None, False)},
    ),
]


@pytest.mark.parametrize(("text", "expected"), ROLE_CASES, ids=[c[0][:40] for c in ROLE_CASES])
def test_roles_postings_and_former(text: str, expected: set) -> None:
    assert officials(text) == expected


# -- the title shapes of real news, each in several variations ------------------------------------------------
# (surname, role_class, country, posted_to, former); sentences and names invented for these tests.
TITLE_SHAPE_CASES = [
    # an organisation before the title before the name
    (
        "Export Promotion Department director-general Kofi Mensah said Ghana sold more cocoa to Malaysia.",
        {("Mensah", "official", "GHA", None, False)},
    ),
    (
        "Norway's Fisheries Directorate spokesperson Ingrid Dahl said salmon exports to Vietnam rose.",
        {("Dahl", "official", "NOR", None, False)},
    ),
    (
        "RIGA, Latvia - Sweden buys timber from Latvia, Customs Service spokesman Tomas Ozols told reporters.",
        {("Ozols", "official", "LVA", None, False)},
    ),
    # managing director of a national company
    (
        "Ibrahim Musa, managing director of the National Ghanaian Petroleum Company, said crude exports rose.",
        {("Musa", "official", "GHA", None, False)},
    ),
    (
        "The managing director of the Ethiopian Electric Power Corporation, Abebe Tadesse, said sales rose.",
        {("Tadesse", "official", "ETH", None, False)},
    ),
    (
        "Norway exports gas to Poland, said Nora Lie, managing director of the Norwegian State Gas Company.",
        {("Lie", "official", "NOR", None, False)},
    ),
    # acting general director of a city's sea port
    (
        "Luis Ortega, Acting General Director of Guayaquil Commercial Sea Port, said banana shipments rose.",
        {("Ortega", "official", "ECU", None, False)},
    ),
    (
        "Acting Director of the Port of Tema Kwame Asante said cocoa exports rose.",
        {("Asante", "official", "GHA", None, False)},
    ),
    # head of the press service of a state service
    (
        "Ion Rusu, head of the press service of the State Customs Service of Moldova, told reporters that "
        "wine exports grew.",
        {("Rusu", "official", "MDA", None, False)},
    ),
    (
        "Romania exports wheat to Egypt, said Bogdan Popescu, head of the press service of the State "
        "Phytosanitary Service.",
        {("Popescu", "official", "ROU", None, False)},
    ),
    # the seat of a presidency's spokesperson
    (
        "Zambia exports copper to China. State House spokesperson Grace Mwale said Zambia would sell more.",
        {("Mwale", "official", "ZMB", None, False)},
    ),
    (
        "State House spokesman Emmanuel Kiwanuka said Tanzania would buy sugar. Tanzania signed the deal.",
        {("Kiwanuka", "official", "TZA", None, False)},
    ),
    # trade counsellors and secretaries of a trade office or embassy
    (
        "Maria Costa, trade counselor of the Portuguese Embassy in Morocco, said cork exports rose.",
        {("Costa", "official", "PRT", "MAR", False)},
    ),
    (
        "According to Lars Holm, third secretary of the Swedish Trade Office in Poland, timber sales grew.",
        {("Holm", "official", "SWE", "POL", False)},
    ),
    (
        "Second Secretary of the Embassy of Senegal in Gambia Moussa Diop said groundnut trade grew.",
        {("Diop", "official", "SEN", "GMB", False)},
    ),
    # a provincial committee's chairman and vice chairman
    (
        "Vice Chairman of the provincial People's Committee Pham Van Long said Dong Nai sells cashews abroad.",
        {("Long", "official", "VNM", None, False)},
    ),
    (
        "Speaking at the forum, Chairman of the provincial People's Committee Tran Thi Hoa said Quang Ninh "
        "sells coal to Laos.",
        {("Hoa", "governor", "VNM", None, False)},
    ),
    # the cabinet's (deputy) chairman
    (
        "Deputy Chairman of the Cabinet of Ministers of Mongolia Batbayar Dorj said coal exports rose.",
        {("Dorj", "minister", "MNG", None, False)},
    ),
    (
        "Ion Popa, Deputy Chairman of Moldova's Council of Ministers, said wine exports grew.",
        {("Popa", "minister", "MDA", None, False)},
    ),
    (
        "Chairman of the Cabinet of Ministers of Mongolia Luvsan Erdene met investors.",
        {("Erdene", "head_of_government", "MNG", None, False)},
    ),
    # a portfolio before "Secretary", or "Secretary of" a portfolio
    (
        "Agriculture Secretary Juan Dela Torre said Colombia would export more bananas to Spain.",
        {("Torre", "minister", "COL", None, False)},
    ),
    ("Colombian Trade Secretary Ana Ruiz said exports rose.", {("Ruiz", "minister", "COL", None, False)}),
    (
        "Secretary of Commerce of Ecuador Pedro Alvarez visited Lima.",
        {("Alvarez", "minister", "ECU", None, False)},
    ),
    # portfolio lists before the head, the state after it
    (
        "Sipho Dlamini, Energy and Water Affairs Minister of Eswatini reported that power imports rose.",
        {("Dlamini", "minister", "SWZ", None, False)},
    ),
    (
        "Mining and Energy Minister of Bolivia Carlos Quispe said lithium exports would grow.",
        {("Quispe", "minister", "BOL", None, False)},
    ),
    (
        "Nepal's Minister for Industry, Commerce and Supplies Ramesh Rijal said Nepal imports oil.",
        {("Rijal", "minister", "NPL", None, False)},
    ),
    # the head of a region
    ("Amina Juma, head of Tanga, said sisal exports rose.", {("Juma", "governor", "TZA", None, False)}),
    (
        "The head of Oromia, Shimelis Abdisa, said coffee exports rose.",
        {("Abdisa", "governor", "ETH", None, False)},
    ),
    # heads of state institutions and of state-owned companies
    (
        "Ghana Cocoa Board chief executive Joseph Boahen said cocoa exports rose.",
        {("Boahen", "official", "GHA", None, False)},
    ),
    (
        "The Chief Executive Officer of the Ghana Export Promotion Authority, Afua Asare, said exports rose.",
        {("Asare", "official", "GHA", None, False)},
    ),
    (
        "The ministry's spokesperson, Tom Lee, said Singapore imports rice.",
        {("Lee", "official", "SGP", None, False)},
    ),
    # abbreviated titles, a state's leader, the staff of a named official
    (
        "NAIROBI, Kenya - Trade CS Rebecca Mwangi said Kenya would export more avocados to China.",
        {("Mwangi", "minister", "KEN", None, False)},
    ),
    (
        "The Iranian FM Reza Tehrani met his Omani counterpart Salim al-Harthy in Muscat.",
        {("Tehrani", "minister", "IRN", None, False), ("al-Harthy", "minister", "OMN", None, False)},
    ),
    (
        "Uzbek leader Anvar Tursunov met Turkmen President Batyr Ovezov in Tashkent.",
        {("Tursunov", "head_of_state", "UZB", None, False), ("Ovezov", "head_of_state", "TKM", None, False)},
    ),
    ("Opposition leader Maria Kovacs said Hungary imports gas.", set()),
    (
        "Russian President Ivan Sokolov's spokesman Oleg Markov said Russia would sell gas to Serbia.",
        {("Sokolov", "head_of_state", "RUS", None, False), ("Markov", "official", "RUS", None, False)},
    ),
    (
        "Iran's Trade Promotion Organization (TPO) head Ali Sadeghi said non-oil exports rose.",
        {("Sadeghi", "official", "IRN", None, False)},
    ),
    (
        "Farid Rahimi, the acting minister of industry, mine and trade, said Iran exports steel to Oman.",
        {("Rahimi", "minister", "IRN", None, False)},
    ),
    # the staff of a state office; full diplomatic titles
    (
        "Ana Popova, adviser to the President, said Bulgaria exports roses to Japan.",
        {("Popova", "official", "BGR", None, False)},
    ),
    (
        "The spokesman for the Prime Minister, Milan Novak, said Slovakia imports gas.",
        {("Novak", "official", "SVK", None, False)},
    ),
    ("Milan Novak, adviser to the president of the company, said Slovakia imports gas.", set()),
    (
        "Assistant to the President of Moldova Nina Cebotari met investors.",
        {("Cebotari", "official", "MDA", None, False)},
    ),
    (
        "Chile sells copper to Japan, said Mario Vidal, the country's mining minister. Chile grew.",
        {("Vidal", "minister", "CHL", None, False)},
    ),
    (
        "Ambassador Extraordinary and Plenipotentiary of Mongolia to Japan Bold Ganbaatar met traders.",
        {("Ganbaatar", "ambassador", "MNG", "JPN", False)},
    ),
    (
        "Trade Commissioner of Canada in Chile John Baird said Canada exports potash.",
        {("Baird", "official", "CAN", "CHL", False)},
    ),
    (
        "The Head of State Mohamed Bazoum said Niger exports uranium.",
        {("Bazoum", "head_of_state", "NER", None, False)},
    ),
    # legislatures by their own names; organisation words before the name
    (
        "Speaker of the Mazhilis Yerlan Kosmagambetov said Kazakhstan exports oil.",
        {("Kosmagambetov", "official", "KAZ", None, False)},
    ),
    (
        "Speaker of the Sejm Szymon Nowak said Poland imports gas from Norway. Poland grew.",
        {("Nowak", "official", "POL", None, False)},
    ),
    (
        "The Head of the Department of Foreign Economic Activity Aliya Nurova said Mongolia exports coal.",
        {("Nurova", "official", "MNG", None, False)},
    ),
    # several persons under one title
    (
        "Presidents Ruslan Ibraimov and Emomali Saidov discussed trade between Kyrgyzstan and Tajikistan.",
        {("Ibraimov", "head_of_state", "KGZ", None, False), ("Saidov", "head_of_state", "TJK", None, False)},
    ),
    (
        "The Latvian and Estonian Foreign Ministers, Inga Ozola and Kaja Tamm, met in Riga.",
        {("Ozola", "minister", "LVA", None, False), ("Tamm", "minister", "EST", None, False)},
    ),
    (
        "The Presidents of Mongolia and Japan, Ukhnaa Bat and Fumio Sato, met.",
        {("Bat", "head_of_state", "MNG", None, False), ("Sato", "head_of_state", "JPN", None, False)},
    ),
    # a title in brackets or between dashes after the name
    (
        "Askar Omarov (Minister of Digital Development of Mongolia) said exports rose.",
        {("Omarov", "minister", "MNG", None, False)},
    ),
    (
        "Askar Omarov – Minister of Digital Development of Mongolia – said exports rose.",
        {("Omarov", "minister", "MNG", None, False)},
    ),
    # heads of a region's government
    (
        "Chairman of the Regional Government of Galicia Alfonso Rueda visited Portugal. Spain exports wine.",
        {("Rueda", "governor", "ESP", None, False)},
    ),
    (
        "Premier of Ontario Doug Ford visited Mexico. Canada exports cars to Mexico.",
        {("Ford", "governor", "CAN", None, False)},
    ),
    (
        "West Australian Premier Roger Cook said iron ore exports to Japan rose.",
        {("Cook", "governor", "AUS", None, False)},
    ),
]


@pytest.mark.parametrize(("text", "expected"), TITLE_SHAPE_CASES, ids=[c[0][:50] for c in TITLE_SHAPE_CASES])
def test_title_shapes(text: str, expected: set) -> None:
    assert officials(text) == expected


# -- the state an official serves, decided in order -----------------------------------------------------------
STATE_CASES = [
    # 1. the title's own country word, demonym or state abbreviation, over anything else in the sentence
    (
        "China buys fish from Peru, Ecuador's President Lucia Moreno said in Quito.",
        {("Moreno", "head_of_state", "ECU", None, False)},
    ),
    (
        "RA Minister of Economy Narek Sargsyan said exports to Iran rose.",
        {("Sargsyan", "minister", "ARM", None, False)},
    ),
    (
        "RM Minister of Agriculture Vasile Bumacov said Moldova sells wine to Poland.",
        {("Bumacov", "minister", "MDA", None, False)},
    ),
    (
        "Poland buys apples, said Nguyen Thi Lan, trade counselor of the Vietnam Trade Office in Poland.",
        {("Lan", "official", "VNM", "POL", False)},
    ),
    # 2. the organisation's country: a ministry, a state company, an embassy, a province
    (
        "Malaysia buys cocoa from Ghana, said Kwame Boateng, director of the Ghanaian Ministry of Trade.",
        {("Boateng", "official", "GHA", None, False)},
    ),
    (
        "India buys crude from Angola, said the chairman of the Angolan National Oil Company, Paulo Dias.",
        {("Dias", "official", "AGO", None, False)},
    ),
    (
        "Mozambique imports rice from Thailand. Embassy of Mozambique spokesman Jose Macuacua confirmed it.",
        {("Macuacua", "official", "MOZ", None, False)},
    ),
    (
        "Kenya exports tea to Egypt. Mombasa County Governor Hassan Joho said the port would grow.",
        {("Joho", "governor", "KEN", None, False)},
    ),
    # ... also named elsewhere in the article with its place
    (
        "Uganda sells maize to Kenya and Uganda sells sugar. Uganda buys oil. The talks were held at State House "
        "Nairobi. State House spokesperson Jane Wanjiru said the leaders agreed.",
        {("Wanjiru", "official", "KEN", None, False)},
    ),
    (
        "Laos buys rice from Vietnam. Laos sells power. Laos grew. The Foreign Trade Department of Vietnam "
        "opened an office. Foreign Trade Department director Tran Van Nam said sales grew.",
        {("Nam", "official", "VNM", None, False)},
    ),
    # 3. an apposition or possessive around the name
    (
        "Ghana's Kwame Owusu, the trade minister, said cocoa exports to China rose. China buys cocoa. China.",
        {("Owusu", "minister", "GHA", None, False)},
    ),
    (
        "Peru sells copper to China and China buys zinc. Alberto Rojas of Peru, the mining minister, spoke.",
        {("Rojas", "minister", "PER", None, False)},
    ),
    # 4. the article's home country: a dateline, else the state named most
    (
        "ACCRA, Ghana - Trade Minister Kojo Mensah said exports to Nigeria and Togo rose. Nigeria buys cocoa. "
        "Togo buys cement. Nigeria and Togo trade.",
        {("Mensah", "minister", "GHA", None, False)},
    ),
    (
        "OSLO (Reuters) - Fisheries Minister Bjorn Skjaeran said exports to Sweden rose. Sweden buys salmon. "
        "Sweden and Denmark trade.",
        {("Skjaeran", "minister", "NOR", None, False)},
    ),
    (
        "Bolivia exports gas to Brazil. Bolivia sells lithium. Brazil buys gas. Bolivia grew. Bolivia gained. "
        "President Luis Arce said Brazil is a partner.",
        {("Arce", "head_of_state", "BOL", None, False)},
    ),
    # two titles of one person name the state once
    (
        "Croatian Deputy Prime Minister, Minister of Economy Davor Horvat met Slovenian traders in Ljubljana. "
        "Slovenia buys gas. Slovenia sells cars. Slovenia grew.",
        {("Horvat", "minister", "HRV", None, False)},
    ),
    (
        "Malian Deputy Prime Minister - Minister of Trade Moussa Keita said Senegal buys cotton. Senegal grew. "
        "Senegal sells fish.",
        {("Keita", "minister", "MLI", None, False)},
    ),
    # a counterpart serves another state than the person whose counterpart he is
    (
        "Trade Minister Ana Costa met her Angolan counterpart Jose Dias. Angola buys wine. Angola sells oil. "
        "Angola and Portugal agreed.",
        {("Costa", "minister", "PRT", None, False), ("Dias", "minister", "AGO", None, False)},
    ),
    # a state has one president and one head of government at a time
    (
        "President Hakainde Hichilema and President Lazarus Chakwera discussed trade between Zambia and Malawi. "
        "Zambia exports maize to Malawi. Zambia sells cement to Malawi.",
        {
            ("Hichilema", "head_of_state", "ZMB", None, False),
            ("Chakwera", "head_of_state", "MWI", None, False),
        },
    ),
    (
        "Sri Lankan Prime Minister Dinesh Gunawardena and Prime Minister Sheikh Hasina discussed trade "
        "between Sri Lanka and Bangladesh.",
        {
            ("Gunawardena", "head_of_government", "LKA", None, False),
            ("Hasina", "head_of_government", "BGD", None, False),
        },
    ),
    (
        "Foreign Minister Wang Yi met Mongolian Foreign Minister Battsetseg Batmunkh. Mongolia exports coal to "
        "China. Mongolia sells copper to China.",
        {("Yi", "minister", "CHN", None, False), ("Batmunkh", "minister", "MNG", None, False)},
    ),
]


@pytest.mark.parametrize(("text", "expected"), STATE_CASES, ids=[c[0][:50] for c in STATE_CASES])
def test_the_state_served(text: str, expected: set) -> None:
    assert officials(text) == expected


# -- names ---------------------------------------------------------------------------------------------------
NAME_CASES = [
    ("Omani Minister of Commerce Qais bin Mohammed al-Yousef visited Doha.", "Qais bin Mohammed al-Yousef"),
    ("Dutch Agriculture Minister Carola van der Berg met exporters.", "Carola van der Berg"),
    ("Egypt's Prime Minister Mostafa el-Madbouly visited Tunisia.", "Mostafa el-Madbouly"),
    ("Portuguese Ambassador to Angola Maria de Sousa visited Luanda.", "Maria de Sousa"),
    ("Tanzanian President Samia Suluhu Hassan visited Malawi.", "Samia Suluhu Hassan"),
    ("Israeli Energy Minister Dr. Moshe Levi met buyers.", "Moshe Levi"),
    ("Vietnam sells rice, Ghana's trade minister Kofi\nAddo said in the hard-wrapped text.", "Kofi Addo"),
    ("The visit of president Mateo Rocha鈥檚 delegation to Chile went well.", "Mateo Rocha"),
    ("Chinese Vice Premier Liu He met traders in Hanoi.", "Liu He"),
    ("Chinese Vice Premier He Lifeng met traders in Hanoi.", "He Lifeng"),
    ("Korean Trade Minister Park Sung-taek visited Jakarta.", "Park Sung-taek"),
    ("British Prime Minister Theresa May visited Oman.", "Theresa May"),
    ("Iran's Foreign Minister Reza Amir-Tehrani visited Baku.", "Reza Amir-Tehrani"),
]


@pytest.mark.parametrize(("text", "name"), NAME_CASES, ids=[c[1] for c in NAME_CASES])
def test_names(text: str, name: str) -> None:
    assert [o.name for o in extract_text(text, doc_id="case").officials] == [name]


def test_a_given_name_alone_is_the_person_named_in_full() -> None:
    text = (
        "Thai Foreign Trade Department director-general Somchai Boonmee said rice exports rose. "
        "Director-general Somchai added that Thailand sells rice to Iraq."
    )
    found = extract_text(text, doc_id="case").officials
    assert [(o.name, o.country) for o in found] == [("Somchai Boonmee", "THA")]


def test_later_mentions_are_merged_into_the_first() -> None:
    text = (
        "Thai Commerce Minister Jurin Laksanawisit visited Laos. Minister Jurin said exports rose. "
        "Commerce Minister Laksanawisit added that Laos buys Thai sugar. Mr Laksanawisit left."
    )
    found = extract_text(text, doc_id="case").officials
    assert [(o.name, o.role_class, o.country) for o in found] == [("Jurin Laksanawisit", "minister", "THA")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Ghana exported two million tonnes of cocoa, the managing director of the national cocoa company "
            'said on Monday. "We expect more," Joseph Aidoo was quoted as saying.',
            {("Aidoo", "official", "GHA", None, False)},
        ),
        (
            "Peru's exports to Chile rose by a tenth, according to Peru's former commercial attache to Chile.\n\n"
            "Copper and fish led the exports.\n\n"
            '"Chile is our third market," Luis Paredes was also quoted as saying by a news agency.',
            {("Paredes", "official", "PER", "CHL", True)},
        ),
    ],
)
def test_a_nameless_title_is_held_by_the_person_quoted_next(text: str, expected: set) -> None:
    assert officials(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # someone with a description of his own
        'Exports rose, the ministry spokesman said. "It is good news," said Jane Doe, an economist at a bank.',
        # another titled person comes first
        "Exports rose, the director of the Agriculture Department said. The minister of trade Abena Osei said "
        "imports fell. Kofi Annan said nothing.",
        # a person described by a word of his own
        'Ghana exported cocoa, the managing director of the national cocoa company said. "We are happy," '
        "farmer Kofi Annan said.",
        # a bare title: someone already named
        'Ghana exported cocoa, the minister said. "We are happy," Kofi Annan said.',
        # heads of state and ministers are named where they first appear
        'Ghana exports cocoa, the Ghanaian president said. "We are happy," Kofi Annan said.',
    ],
)
def test_a_nameless_title_is_not_given_to_just_anyone(text: str) -> None:
    surnames = {surname for surname, *_ in officials(text)}
    assert not surnames & {"Doe", "Annan"}


# -- who is not an official ----------------------------------------------------------------------------------
NOT_OFFICIAL_CASES = [
    (
        " date 2021-05-04 By Maria Lopez\n\nThe Chilean Minister of Agriculture Jorge Rivas visited Lima.",
        {("Rivas", "minister", "CHL", None, False)},
    ),
    (
        "The company's chairman Henrik Lund said Norway exports salmon to Vietnam.",
        set(),
    ),
    (
        "Businessman Kemal Aydin, the owner of a Turkish textile firm, buys cotton from Uzbekistan.",
        set(),
    ),
    ("Reporter Jane Doe said Ghana exports cocoa.", set()),
    ("Correspondent Ahmed Ali reports from Muscat that Oman exports dates.", set()),
    (
        " date 2022-03-01 By Kofi Asante\n\nGhana exports cocoa to Malaysia, trade minister Kofi Asante said.",
        set(),
    ),
    ("The chief executive of Nordic Salmon AS, Erik Dahl, said exports rose.", set()),
    ("The chairman of Tata Group, Natarajan Chandrasekaran, said India exports steel.", set()),
    ("Dangote Group President Aliko Dangote said Nigeria exports cement.", set()),
    ("Apple chief executive Tim Cook visited Vietnam.", set()),
    ("Toyota President Akio Toyoda said Japan exports cars.", set()),
    ("FIFA President Gianni Infantino visited Qatar.", set()),
    ("Head of research at Standard Bank, Jane Smith, said South Sudan exports oil.", set()),
    ("President of the Ghana Chamber of Commerce Kwesi Ofori said exports rose.", set()),
    ("Kwesi Ofori, president of the Ghana Chamber of Commerce and Industry, said exports rose.", set()),
    ("The head of the Ghana Cocoa Farmers Association, Kofi Ansah, said exports rose.", set()),
    ("President of the Pakistan Business Council Ehsan Malik said exports rose.", set()),
    ("WTO Director-General Ngozi Okonjo-Iweala said trade slowed.", set()),
    ("The head of the World Bank office in Tajikistan Ozan Sevimli said growth slowed.", set()),
    ("EU Trade Commissioner Valdis Dombrovskis said the bloc would import more.", set()),
    ("The director of the film, Ana Lima, visited Brazil.", set()),
    ("A keynote speaker, John Smith, said trade rose.", set()),
]


@pytest.mark.parametrize(
    ("text", "expected"), NOT_OFFICIAL_CASES, ids=[c[0][:40] for c in NOT_OFFICIAL_CASES]
)
def test_bylines_journalists_businesspeople_and_chambers_are_not_officials(text: str, expected: set) -> None:
    assert officials(text) == expected


def test_a_person_named_twice_is_one_official() -> None:
    text = (
        "Kyrgyz Economy Minister Daniyar Amangeldiev visited Minsk. "
        "Amangeldiev said Kyrgyzstan will buy tractors from Belarus. "
        "Later, Daniyar Amangeldiev met Belarusian officials."
    )
    extraction = extract_text(text, doc_id="case")
    assert [(o.name, o.role_class, o.country) for o in extraction.officials] == [
        ("Daniyar Amangeldiev", "minister", "KGZ")
    ]


def test_official_keeps_full_name_and_title() -> None:
    (official,) = extract_text(
        "Chilean Foreign Minister Rosa Alvarado arrived in Lima.", doc_id="case"
    ).officials
    assert official.name == "Rosa Alvarado"
    assert "Minister" in official.title


def test_official_evidence_points_into_its_sentence() -> None:
    text = "Prices rose.\n\nGeorgia's Ambassador to Poland Levan Beridze visited the port."
    (official,) = extract_text(text, doc_id="case").officials
    evidence = official.evidence
    assert evidence.sentence == "Georgia's Ambassador to Poland Levan Beridze visited the port."
    assert text[evidence.start : evidence.end] in evidence.sentence
    assert "Beridze" in text[evidence.start : evidence.end]
