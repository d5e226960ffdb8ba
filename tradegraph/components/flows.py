"""Trade flows: who sends which goods to whom, read from trade words (rules/flow_triggers.tsv) and the slots
around them.

For each trade word the clause around it is searched for:
- the places the goods leave and reach: "from X", "to Y", "into Y", "for Y", "in Y" after selling verbs,
  "X-Y route", "went to Y1, Y2 and Y3";
- the actor: the subject ("Kazakhstan supplies", "China, India and Japan received", carried over to
  "..., while importing"), a possessive ("Brazil's exports"), a country word before the trade noun ("U.S.
  imports", "Indonesian coal exports");
- the goods: the list after a verb or "of", the list before a trade noun or a passive verb ("iron ore, LNG
  and wheat are brought from ..."), the list after "include"/"are", a bullet list after a colon; "such as"
  examples replace their hypernym; a demonym on the goods names their origin ("Kenyan tea").
Directions follow the trade word: an export word's actor is the exporter, an import word's the importer; an
agent noun's possessive is the other side ("Kenya's tea importer", "China's largest supplier").
A side that the sentence leaves open is taken from the sentence's other flows, then the article's
bilateral context (its two main countries), then the flow stated just before; a side that is a group
(EU, Central Asia) drops the flow.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from tradegraph import gazetteers
from tradegraph.components.base import POSSESSIVE, bilateral_pair, doc_text, evidence, token_lowers
from tradegraph.components.modality import modality_at
from tradegraph.models import MODALITY_STRENGTH, Commodity, Quantity, TradeFlow
from tradegraph.normalize import hs_for_commodity, normalize_commodity
from tradegraph.rules import load_words

BULLETS = frozenset({"•", "-", "–", "—", "*", "·", "▪", "‣"})
CLAUSE_BREAKS = frozenset({";", "while", "whereas", "but", "although", "though", "where", "which", "who"})
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten dozen hundred hundreds thousand thousands million "
    "millions billion billions trillion half quarter".split()
)
FUNCTION_WORDS = frozenset(
    {"of", "in", "to", "for", "on", "at", "by", "with", "from", "and", "or", "as", "than"}
)
CONTENT_VERBS = frozenset(
    {"consisted", "consist", "consists", "comprised", "comprise", "comprises", "included"}
)
GERUND_PREPOSITIONS = frozenset(
    {"of", "in", "for", "on", "by", "about", "after", "before", "from", "without", "at", "into"}
)
PER_UNITS = frozenset({"day", "year", "month", "week", "annum", "quarter", "hour"})
CONTEXT_WINDOW = 3  # sentences a flow's parties are carried forward for a sentence that names neither


@dataclass
class Party:
    iso3: str
    token: int
    is_group: bool = False
    is_place: bool = False  # a port, region or city standing for its country


@dataclass
class Frame:
    """One trade word and what its clause says about it."""

    trigger: Span
    direction: str
    form: str
    clause: tuple[int, int]
    passive: bool = False
    actors: list[Party] = field(default_factory=list)
    origins: list[Party] = field(default_factory=list)
    destinations: list[Party] = field(default_factory=list)
    counterpart: list[Party] = field(default_factory=list)  # possessive of an agent noun
    # (item, the origin a demonym on it names, its quantity)
    goods: list[tuple[Span, str | None, Quantity | None]] = field(default_factory=list)
    # goods after "in exchange for": they travel the other way
    exchange: list[tuple[Span, str | None, Quantity | None]] = field(default_factory=list)


@Language.factory("tg_flows")
def make_flows(nlp: Language, name: str) -> FlowExtractor:
    return FlowExtractor(nlp)


class FlowExtractor:
    """Writes doc._.trade_flows (list[TradeFlow]) and doc.spans["trade_triggers"]."""

    def __init__(self, nlp: Language) -> None:
        self.triggers: dict[str, list[gazetteers.TriggerRow]] = {}
        for row in gazetteers.trade_words():
            self.triggers.setdefault(row.text.lower(), []).append(row)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.matcher.add("TRADE", [nlp.make_doc(text) for text in self.triggers])
        words = {
            name: load_words(f"words/{name}.txt")
            for name in (
                "trigger_blockers",
                "trigger_compounds",
                "vague_goods",
                "item_stopwords",
                "item_lead_words",
                "quantity_hedges",
                "item_boundaries",
                "shared_head_modifiers",
                "be_forms",
                "list_introducers",
                "demonym_heads",
                "non_goods_heads",
                "non_goods_words",
                "category_nouns",
                "verb_markers",
                "example_markers",
                "worldwide_words",
            )
        }
        self.words = words
        self.units = load_words("words/quantity_units.txt")
        self.known_goods = frozenset(normalize_commodity(row.term) for row in gazetteers.commodities())
        self.org_keywords = load_words("words/organization_keywords.txt") - {"exchange", "service"}

    # ------------------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        self.doc = doc
        self.lower = token_lowers(doc)  # read many times per token: made once
        self.demonym_tokens = {
            i for s in doc.spans.get("countries", []) if s.kb_id_ == "demonym" for i in range(s.start, s.end)
        }
        self.country_at = _index_parties(doc)
        self.commodity_tokens = {i for s in doc.spans.get("commodities", []) for i in range(s.start, s.end)}
        self.pair = bilateral_pair(doc.spans.get("countries", []))
        self.sentence_subjects: dict[int, list[Party]] = {}
        frames = [frame for frame in (self._frame(span) for span in self._trigger_spans(doc)) if frame]
        doc.spans["trade_triggers"] = [f.trigger for f in frames]
        doc._.trade_flows = self._flows(frames)
        return doc

    # -- triggers ---------------------------------------------------------------------------------------
    def _trigger_spans(self, doc: Doc) -> list[Span]:
        spans = []
        for _, start, end in self.matcher(doc):
            token = doc[start]
            if token.is_title and not token.is_sent_start and not _after_bullet(doc, start):
                continue  # part of a name: "Caspian Shipping Company", "Export Development Bank"
            following = self.lower[end] if end < len(doc) else ""
            if following in self.words["trigger_blockers"]:
                continue
            spans.append(Span(doc, start, end, label=token.lower_))
        return spans

    def _row(self, span: Span) -> gazetteers.TriggerRow | None:
        """Choose verb, noun or agent reading of an ambiguous word from its neighbours."""
        rows = self.triggers[span.label_]
        doc = span.doc
        if len(rows) == 1 and rows[0].form != "verb":
            return rows[0]
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        before_word = before.lower_ if before is not None else ""
        before_country = self.country_at.get(before.i) if before is not None else None
        # "the possibility of supplying wheat", "interested in importing grain": a gerund is a verb.
        gerund_after_preposition = span.label_.endswith("ing") and before_word in GERUND_PREPOSITIONS
        verby = before is not None and (
            gerund_after_preposition
            or before_word in self.words["verb_markers"]
            or before_word.endswith("ly")
            or (
                before_country is not None
                and not self._is_demonym(before.i)
                and not (after is not None and after.lower_ == "of")
            )
        )
        # A determiner, possessive, preposition or adjective before it makes the word a noun.
        strongly_nouny = not verby and (
            before is None
            or span.start == span.sent.start  # news has no imperatives: "Imports from China reached ..."
            or before_word in {"the", "a", "an", "its", "their", "our", "his", "her", "of", "for", "on", "in"}
            or before.text in POSSESSIVE
            or self._is_demonym(before.i)
            or (after is not None and after.lower_ == "of")
        )
        if strongly_nouny and not any(row.form != "verb" for row in rows):
            return None  # "an Indian ship", "scores of ships": the noun, not the verb
        nouny = strongly_nouny or (
            not verby
            and (
                before.i in self.commodity_tokens
                or (after is not None and after.lower_ in self.words["trigger_compounds"])
                or (before.is_lower and before.is_alpha and before_word not in self.words["be_forms"])
            )
        )
        wanted = "noun" if nouny else "verb"
        return next((row for row in rows if row.form == wanted), rows[0])

    def _is_demonym(self, i: int) -> bool:
        return i in self.demonym_tokens

    # -- frames -----------------------------------------------------------------------------------------
    def _frame(self, span: Span) -> Frame | None:
        row = self._row(span)
        if row is None:
            return None
        doc = span.doc
        trigger_end = span.end
        if (
            row.form == "noun"
            and trigger_end < len(doc)
            and self.lower[trigger_end] in self.words["trigger_compounds"]
        ):
            trigger_end += 1  # "export products", "import goods"
        trigger = Span(doc, span.start, trigger_end, label=span.label_)
        if row.form == "agent" and self._inside_prepositional_phrase(trigger):
            return None  # "to the Chinese market": where goods go, not a statement about a buyer
        frame = Frame(trigger=trigger, direction=row.direction, form=row.form, clause=self._clause(trigger))
        frame.passive = row.form == "verb" and self._is_passive(trigger)
        self._prepositional_parties(frame)
        self._actor(frame)
        self._goods(frame)
        return frame

    def _inside_prepositional_phrase(self, trigger: Span) -> bool:
        i = trigger.start - 1
        while i >= trigger.sent.start and (
            self.lower[i] in {"the", "a", "an", "its", "their"}
            or i in self.country_at
            or _is_superlative(self.lower[i])
            or self.lower[i] in {"export", "import", "sales", "key", "new", "growing", "big", "large"}
        ):
            i -= 1
        return i >= trigger.sent.start and self.lower[i] in {"to", "into", "on", "in", "onto", "for", "from"}

    def _clause(self, trigger: Span) -> tuple[int, int]:
        sentence = trigger.sent
        start = trigger.start
        while start > sentence.start and self.lower[start - 1] not in CLAUSE_BREAKS:
            start -= 1
        end = trigger.end
        while end < sentence.end and self.lower[end] not in CLAUSE_BREAKS:
            end += 1
        return start, end

    def _is_passive(self, trigger: Span) -> bool:
        doc = self.doc
        if not self.lower[trigger.start].endswith(("ed", "sold", "sent", "bought", "brought")):
            return False
        i = trigger.start - 1
        while i >= 0 and (
            self.lower[i].endswith("ly") or self.lower[i] in {"also", "already", "then", "being", "been"}
        ):
            i -= 1
        if i >= 0 and self.lower[i] in self.words["be_forms"]:
            return True
        # Reduced relative: "the goods exported from Tajikistan", not "Tajikistan exported".
        after = self.lower[trigger.end] if trigger.end < len(doc) else ""
        return (
            i >= 0
            and after in {"from", "to", "into", "by"}
            and i not in self.country_at
            and doc[i].is_alpha
            and not doc[i].is_title
        )

    # -- parties ----------------------------------------------------------------------------------------
    def _parties_after(self, i: int, end: int) -> tuple[list[Party], int]:
        """The countries (or groups, or places standing for their country) of a phrase starting at i."""
        doc = self.doc
        parties: list[Party] = []
        while i < end:
            lower = self.lower[i]
            if lower in {"the", "a", "an", "state", "of", ",", "and", "&", "or"} or lower in {
                "port",
                "ports",
            }:
                i += 1
                continue
            party = self.country_at.get(i)
            if party is None:
                break
            after_party = _party_end(doc, i, self.country_at)
            if party.is_group and self._at(after_party) in {"country", "nation", "state", "economy"}:
                # "to the Asian country": one country of the group, named elsewhere (bilateral context)
                return parties, i
            parties.append(party)
            i = after_party
            # "the Turkish market", "the Iranian side"
            if i < end and self.lower[i] in self.words["demonym_heads"]:
                i += 1
        return parties, i

    def _named_examples(self, i: int, end: int) -> list[Party]:
        """Countries listed after 'including' / 'such as' within a few words of i."""
        for j in range(i, min(end, i + 8)):
            if self.lower[j] == "including" or (self.lower[j] == "such" and self._at(j + 1) == "as"):
                found, _ = self._parties_after(j + (2 if self.lower[j] == "such" else 1), end)
                return found
            if self.lower[j] in {".", ";"}:
                break
        return []

    def _prepositional_parties(self, frame: Frame) -> None:
        doc = self.doc
        start, end = frame.clause
        selling = frame.trigger.label_.startswith(("sell", "sold", "sale", "market"))
        for i in range(start, end):
            lower = self.lower[i]
            if lower in {"from"}:
                found, _ = self._parties_after(i + 1, end)
                frame.origins.extend(found)
            elif lower in {"to", "into"} or (
                lower == "for"
                and i + 1 < end
                and (i + 1) in self.country_at
                and not (frame.form == "agent" and i == frame.trigger.end)
            ):
                found, after = self._parties_after(i + 1, end)
                if found and doc[after - 1].text in POSSESSIVE:
                    continue  # "contributed to Kenya's tea sector": not where goods go
                if found and not (i > 0 and self.lower[i - 1] in {"ambassador", "envoy", "visit", "trip"}):
                    frame.destinations.extend(found)
            elif lower == "in" and selling and i > frame.trigger.start:
                found, _ = self._parties_after(i + 1, end)
                frame.destinations.extend(found)
            elif lower == "by" and frame.passive and i == frame.trigger.end:
                # "products exported by Belarus", "wheat imported by Egypt": the passive's agent
                found, _ = self._parties_after(i + 1, end)
                (frame.origins if frame.direction == "export" else frame.destinations).extend(found)
            if lower in {"to", "into"} and not self.country_at.get(i + 1):
                # "to more than 50 countries, including Russia, China and Turkey"
                frame.destinations.extend(self._named_examples(i + 1, end))
        # Named countries outrank ports and cities on the way ("from India to Afghanistan ... to Chabahar port").
        frame.origins = _prefer_countries(frame.origins)
        frame.destinations = _prefer_countries(frame.destinations)
        frame.origins = _unique(frame.origins)
        frame.destinations = [
            p for p in _unique(frame.destinations) if p.iso3 not in {o.iso3 for o in frame.origins}
        ]

    def _actor(self, frame: Frame) -> None:
        doc = self.doc
        trigger = frame.trigger
        start, _ = frame.clause
        in_pp = self._pp_tokens(frame)
        # Possessive or country word right before the trade noun (skipping commodity words and modifiers).
        i = trigger.start - 1
        while i >= start and (
            i in self.commodity_tokens
            or (
                doc[i].is_lower
                and doc[i].is_alpha
                and self.lower[i] not in self.words["item_stopwords"] | {"of", "to", "from", "the", "a", "an"}
            )
            or doc[i].text in {",", "and"}
            and i - 1 in self.commodity_tokens
        ):
            i -= 1
        possessive = i >= start and doc[i].text in POSSESSIVE
        if possessive:
            i -= 1
        party = self.country_at.get(i)
        if (
            party is not None
            and (possessive or frame.form == "noun" or i not in in_pp)
            and frame.form != "verb"
        ):
            goods_between = any(j in self.commodity_tokens for j in range(i + 1, trigger.start))
            if frame.form == "agent" and possessive:
                frame.counterpart.append(party)
            elif frame.direction == "import" and goods_between and not possessive:
                frame.origins.append(party)  # "Afghan coal imports": imports of Afghan coal
            elif not (frame.form == "agent" and not possessive):
                frame.actors.append(party)
                return
        if frame.passive:
            return
        if frame.form == "noun" and (frame.actors or not self._object_of_verb(trigger)):
            return
        # Subject: countries at the start of the clause, outside prepositional phrases.
        subject: list[Party] = []
        for j in range(start, trigger.start):
            party = self.country_at.get(j)
            if party is None or j in in_pp or (subject and j == subject[-1].token):
                continue
            if j > start and doc[j - 1].text in POSSESSIVE:
                continue
            if j + 1 < len(doc) and doc[j + 1].text in POSSESSIVE and frame.form != "agent":
                continue  # "Kazakhstan's ambassador", not the subject
            if subject and not _coordinated(doc, subject[-1].token, j, self.country_at):
                if frame.form == "agent":
                    break
                subject = []
            subject.append(party)
        if not subject:
            # "with Kazakhstan exporting grain": a country right before the verb is its subject even in a PP.
            j = trigger.start - 1
            while j >= start and (
                self.lower[j].endswith("ly") or self.lower[j] in self.words["verb_markers"] - {"and", "or"}
            ):
                j -= 1
            if frame.form == "verb" and j >= start and j in self.country_at and not self._is_demonym(j):
                party = self.country_at[j]
                if not (j + 1 < len(doc) and doc[j + 1].text in POSSESSIVE):
                    frame.actors.append(party)
                    self.sentence_subjects[trigger.sent.start] = [party]
                    return
        if not subject and start > trigger.sent.start and frame.form == "verb":
            # "..., while importing A from Y": the subject of the sentence's earlier clause carries over.
            subject = self.sentence_subjects.get(trigger.sent.start, [])
        frame.actors.extend(_unique(subject))
        if subject and frame.form == "verb":
            self.sentence_subjects[trigger.sent.start] = subject

    def _object_of_verb(self, trigger: Span) -> bool:
        """'Beijing has banned imports of ...', 'Japan resumed its imports of ...': the trade noun is the
        object of the clause's verb, whose subject is then the actor."""
        i = trigger.start - 1
        while i >= trigger.sent.start and self.lower[i] in {"the", "its", "their", "all", "some", "further"}:
            i -= 1
        if i < trigger.sent.start:
            return False
        word = self.lower[i]
        return (
            i not in self.commodity_tokens
            and i not in self.country_at
            and self.doc[i].is_alpha
            and self.doc[i].is_lower
            and word not in self.words["item_boundaries"]
            and word not in {"of", "and", "or", "a", "an"}
            and word not in self.words["be_forms"]
        )

    def _pp_tokens(self, frame: Frame) -> set[int]:
        """Tokens inside 'from X', 'to Y', 'of X', 'in X', 'with X', 'between X and Y' phrases."""
        start, end = frame.clause
        inside: set[int] = set()
        for i in range(start, end):
            if self.lower[i] in {
                "from",
                "to",
                "into",
                "of",
                "in",
                "with",
                "between",
                "for",
                "at",
                "on",
                "by",
                "than",
                "via",
                "through",
                "across",
                "over",
            }:
                j = i + 1
                while j < end and (
                    self.lower[j] in {"the", "a", "an", "state", ",", "and", "&"} or j in self.country_at
                ):
                    inside.add(j)
                    j += 1
        return inside

    # -- goods ------------------------------------------------------------------------------------------
    def _goods(self, frame: Frame) -> None:
        trigger = frame.trigger
        start, end = frame.clause
        items: list[Span] = []
        if frame.passive:
            items = [
                item for item in self._items_before(trigger.start, start) if self._clean(item) is not None
            ]
            # "the main goods imported from Uzbekistan were fruits and textiles"
            items = items or self._introduced_list(self._skip_agent(trigger.end, end), end)
        elif frame.form == "noun":
            after = trigger.end
            owners, past = self._parties_after(after + 1, end) if self._at(after) == "of" else ([], after)
            owner_ends_phrase = self._at(past) in self.words["list_introducers"] | {
                "to",
                "from",
                "into",
                "in",
                "for",
            }
            if owners and owner_ends_phrase and not any(self._is_demonym(p.token) for p in owners):
                # "the main export items of Kazakhstan to Uzbekistan are ...": the country is the actor
                frame.actors = frame.actors or owners
                items = self._introduced_list(past, end)
            else:
                for candidates in (
                    lambda: self._items_after(after + 1, end) if self._at(after) == "of" else [],
                    lambda: self._items_before(trigger.start, start, gazetteer_only=True),
                    lambda: self._introduced_list(trigger.end, end),
                ):
                    items = [item for item in candidates() if self._clean(item) is not None]
                    if items:
                        break
        else:
            after = trigger.end
            recipients, past = self._parties_after(after, end) if frame.form == "verb" else ([], after)
            if recipients and past < end and self.lower[past] == "with":
                # "Saudi Arabia supplied China with crude oil", "provides Europe with gas"
                frame.destinations = [p for p in recipients if not p.is_group] or frame.destinations
                after = past + 1
            if frame.form == "agent" and after < end and self.lower[after] in {"of", "for"}:
                items = self._items_after(after + 1, end)
            elif frame.form == "agent":
                items = self._items_before(trigger.start, start, gazetteer_only=True)
            else:
                items = self._items_after(after, end)
        goods = [g for g in (self._clean(item) for item in items) if g is not None]
        fallbacks = (
            lambda: self._colon_list(trigger, end),
            lambda: self._category_list(trigger) if frame.form == "noun" else [],
            lambda: self._example_list(trigger) if frame.form != "agent" else [],
        )
        for fallback in fallbacks:
            if goods:
                break
            goods = [g for g in (self._clean(item) for item in fallback()) if g is not None]
        frame.goods = goods
        exchange = self._exchange_start(trigger.end, end)
        if goods and exchange is not None:
            frame.exchange = [
                g for g in (self._clean(item) for item in self._items_after(exchange, end)) if g
            ]

    def _exchange_start(self, i: int, end: int) -> int | None:
        """Where the goods after 'in exchange for' start, if the clause has them."""
        for j in range(i, end - 3):
            if self.lower[j] == "in" and self.lower[j + 1] == "exchange" and self.lower[j + 2] == "for":
                return j + 3
        return None

    def _skip_parties(self, i: int, end: int) -> int:
        """Skip 'to Uzbekistan', 'from India' and similar phrases between a verb and its goods."""
        while i < end and self.lower[i] in {"to", "from", "into", "for"}:
            _, j = self._parties_after(i + 1, end)
            if j == i + 1:
                break
            i = j
        return i

    def _items_after(self, i: int, end: int) -> list[Span]:
        doc = self.doc
        i = self._skip_parties(i, end)
        introduced = False
        while i < end and (
            self.lower[i] in self.words["list_introducers"]
            or self.lower[i] in {"mainly", "mostly", "primarily", "chiefly", "annually", "also", "both", ":"}
            or (introduced and self.lower[i] in {"for", "of"})  # "was for milk powder", "consist mainly of"
        ):
            introduced = introduced or self.lower[i] in self.words["list_introducers"]
            i += 1
        j = i
        while j < end:
            token = doc[j]
            lower = token.lower_
            if token.text in {".", ":", ";", "!", "?", '"', "“", "”"} or (
                j in self.country_at
                and lower not in {"and"}
                and j > i
                and self.lower[j - 1] in self.words["item_boundaries"]
            ):
                break
            if lower in {"in"} and j + 1 < end and self.lower[j + 1] == "exchange":
                break
            if lower == "per" and j + 1 < end and self.lower[j + 1] in PER_UNITS:
                j += 2  # "barrels per day of crude oil": part of the quantity
                continue
            if lower in {"such", "well"} and j + 1 < end and self.lower[j + 1] == "as":
                j += 2  # "such as", "as well as" join list items
                continue
            if lower == "as" and j + 2 < end and self.lower[j + 1] == "well" and self.lower[j + 2] == "as":
                j += 3
                continue
            if (
                lower in self.words["item_stopwords"]
                and lower not in self.words["list_introducers"]
                and lower not in {"its"}  # "most of its wheat"; "our machinery" needs to know who "we" are
            ):
                break
            if (
                j in self.country_at
                and _party_end(doc, j, self.country_at) - 1 < end
                and doc[_party_end(doc, j, self.country_at) - 1].text in POSSESSIVE
            ):
                break  # "... and China's largest supplier": a new noun phrase, not an item
            if lower in self.words["item_boundaries"] and not self._boundary_is_inside_name(j):
                # "petroleum products extracted from bituminous materials, ethylene polymers, ...": the
                # phrase ends this item only; the list goes on after the next comma.
                comma = next((c for c in range(j, end) if doc[c].text in {",", "and"}), None)
                inside_item = self.lower[j - 1].endswith("ed") or self._is_amount(j + 1)
                if (
                    not inside_item
                    or comma is None
                    or not self._list_continues(comma, end)
                    or j + 1 < end
                    and (j + 1) in self.country_at
                ):
                    break
                items_so_far = self._split(i, j)
                rest = self._items_after(comma + 1, end)
                return items_so_far + rest
            if j > i and self._starts_trigger(j):
                items = self._split(i, j)
                # "providing a steady market": words right before a trade noun modify it, they are not goods.
                is_agent = any(row.form == "agent" for row in self.triggers[self.lower[j]])
                if is_agent and items and items[-1].end == j and doc[j - 1].text not in {",", "and"}:
                    items = items[:-1]
                return items
            j += 1
        return self._split(i, j)

    def _is_amount(self, i: int) -> bool:
        """A number, money or hedged amount starts at i ("at more than $55 million", "worth 96 million")."""
        doc = self.doc
        while i < len(doc) and self.lower[i] in self.words["quantity_hedges"]:
            i += 1
        return i < len(doc) and (
            doc[i].like_num or doc[i].is_currency or any(ch.isdigit() for ch in doc[i].text)
        )

    def _list_continues(self, comma: int, end: int) -> bool:
        """After a comma, is there another item of the same list (not a new clause, date or place)?"""
        doc = self.doc
        nxt = comma + 1
        if nxt >= end:
            return False
        token = doc[nxt]
        if token.lower_ in self.words["item_stopwords"] or token.lower_ in self.words["item_boundaries"]:
            return False
        return token.is_lower or nxt in self.commodity_tokens

    def _boundary_is_inside_name(self, j: int) -> bool:
        """'components for machines': 'for' followed by a plain noun stays inside the item."""
        if self.lower[j] == "per" and j + 1 < len(self.lower) and self.lower[j + 1] in PER_UNITS:
            return True  # "barrels per day of crude oil"
        doc = self.doc
        if self.lower[j] != "for" or j + 1 >= len(doc):
            return False
        following = doc[j + 1]
        return (
            following.is_alpha
            and following.is_lower
            and following.lower_ not in self.words["item_lead_words"]
        )

    def _starts_trigger(self, j: int) -> bool:
        return self.lower[j] in self.triggers and self.doc[j].is_lower

    def _items_before(self, i: int, start: int, gazetteer_only: bool = False) -> list[Span]:
        """Goods written before a passive verb or a trade noun: 'iron ore, LNG and wheat are brought'."""
        doc = self.doc
        j = i
        while j > start and (
            self.lower[j - 1] in self.words["be_forms"]
            or self.lower[j - 1].endswith("ly")
            or self.lower[j - 1] in {"also", "already", "being", "been", "annually"}
        ):
            j -= 1
        k = j
        while k > start:
            token = doc[k - 1]
            lower = token.lower_
            if (
                token.text in POSSESSIVE
                or token.text in {".", ":", ";", "(", ")"}
                or lower in {"of", "the", "a", "an", "its", "their"}
            ):
                break
            if (k - 1) in self.country_at and self._is_demonym(k - 1) and not gazetteer_only:
                k = self.country_at[k - 1].token  # "Uzbek textile products are exported": the goods' origin
                continue
            if (k - 1) in self.country_at and lower not in {"and"}:
                party_start = self.country_at[k - 1].token
                if party_start > start and self.lower[party_start - 1] == "from" and not gazetteer_only:
                    k = party_start - 1  # "cotton from Uzbekistan is sold to ...": skip the origin
                    continue
                break
            if (
                gazetteer_only
                and lower.endswith("ed")
                and lower not in self.words["shared_head_modifiers"]
                and (k - 1) not in self.commodity_tokens
            ):
                break  # "halted palm oil exports": a verb, not part of the goods
            if lower in self.words["item_boundaries"] and self._is_amount(k):
                k -= 1  # "wheat worth $200 million was exported": _clean cuts the amount off later
                continue
            if lower in self.words["item_stopwords"] or (
                lower in self.words["item_boundaries"] and k - 1 not in self.commodity_tokens
            ):
                break
            if gazetteer_only and not (
                (k - 1) in self.commodity_tokens or token.text in {",", "and", "or"} or token.is_lower
            ):
                break
            k -= 1
        items = self._split(k, j)
        if gazetteer_only:
            # Only goods named by commodity words: "tea and basmati rice exports", not "non-oil exports".
            items = [
                s for s in items if s[-1].i in self.commodity_tokens and not self._negated_prefix(s.start)
            ]
        else:
            while items and self._clean(items[0]) is None:
                items = items[1:]
        return items

    def _skip_agent(self, i: int, end: int) -> int:
        """Past 'by Belarus', 'from X to Y' after a passive verb."""
        while i < end and self.lower[i] in {"by", "to", "from", "into"}:
            _, j = self._parties_after(i + 1, end)
            if j == i + 1:
                break
            i = j
        return i

    def _negated_prefix(self, i: int) -> bool:
        """'non-oil exports': the goods named are the ones left out."""
        return self._at(i - 1) in {"non", "non-"} or (self._at(i - 1) == "-" and self._at(i - 2) == "non")

    def _at(self, i: int) -> str:
        return self.lower[i] if 0 <= i < len(self.lower) else ""

    def _introduced_list(self, i: int, end: int) -> list[Span]:
        """'X's exports to Y include A, B and C' / 'The main export products from X to Y are A, B'."""
        i = self._skip_parties(i, end)
        if i < end and self.lower[i] in self.words["list_introducers"]:
            return self._items_after(i, end)
        # "Imports from China reached $10.9 billion and consisted mainly of machinery, ...": a content verb
        # later in the clause.
        later = next((j for j in range(i, min(end, i + 12)) if self.lower[j] in CONTENT_VERBS), None)
        return self._items_after(later, end) if later is not None else []

    def _category_list(self, trigger: Span) -> list[Span]:
        """'aluminium, organic chemicals and fertilisers among the main categories of exports'."""
        i = trigger.start - 1
        if i < 0 or self.lower[i] != "of":
            return []
        i -= 1
        if i < 0 or self.lower[i] not in self.words["category_nouns"]:
            return []
        while i > trigger.sent.start and (
            self.lower[i - 1] in self.words["item_lead_words"] or _is_superlative(self.lower[i - 1])
        ):
            i -= 1
        if i - 1 < trigger.sent.start or self.lower[i - 1] not in {
            "among",
            "are",
            "were",
            "include",
            "included",
        }:
            return []
        return self._items_before(i - 1, trigger.sent.start)

    def _example_list(self, trigger: Span) -> list[Span]:
        """'... leading commodities such as tomatoes, cucumbers and peppers, pushing down imports': examples
        named in the trade noun's sentence."""
        sentence = trigger.sent
        for i in range(sentence.start, sentence.end - 1):
            after_comma = i > sentence.start and self.lower[i - 1] == ","
            if (
                self.lower[i] == "such"
                and self.lower[i + 1] == "as"
                or self.lower[i] == "including"
                or (after_comma and self.lower[i] in self.words["example_markers"])
            ):
                first = i + (2 if self.lower[i] == "such" else 1)
                end = trigger.start if first < trigger.start else sentence.end
                items = [
                    s for s in self._items_after(first, end) if any(t.i in self.commodity_tokens for t in s)
                ]
                if items:
                    return items
        return []

    def _colon_list(self, trigger: Span, end: int) -> list[Span]:
        """A clause ending in ':' followed by bullet lines, one item per line."""
        doc = self.doc
        sentence = trigger.sent
        colon = next((i for i in range(trigger.end, sentence.end) if doc[i].text == ":"), None)
        if colon is None:
            return []
        items: list[Span] = []
        i = colon + 1
        while i < len(doc):
            while i < len(doc) and (doc[i].is_space or doc[i].text in BULLETS):
                i += 1
            if i >= len(doc):
                break
            line_start = i
            while (
                i < len(doc) and "\n" not in doc[i].text and "\n" not in doc[i - 1].whitespace_
                if i > line_start
                else i < len(doc)
            ):
                i += 1
            line = doc[line_start:i]
            if not any(t.text in BULLETS for t in doc[max(colon + 1, line_start - 3) : line_start]) and items:
                break
            cut = next((t.i for t in line if t.text in {"(", ",", ";", ":"}), line.end)
            if cut > line_start:
                items.append(doc[line_start:cut])
            if not any(t.text in BULLETS for t in doc[i : i + 3]):
                break
        return items

    def _split(self, start: int, end: int) -> list[Span]:
        """Split a written list into items at commas, 'and', 'or', 'as well as', keeping shared heads."""
        doc = self.doc
        if end <= start:
            return []
        pieces: list[tuple[int, int]] = []
        depth = 0
        piece_start = start
        i = start
        while i < end:
            text = self.lower[i]
            if text == "(":
                depth += 1
            elif text == ")":
                depth = max(0, depth - 1)
            elif depth == 0 and text in {",", "and", "or", "&", "/"}:
                pieces.append((piece_start, i))
                piece_start = i + 1
            elif depth == 0 and text == "as" and doc[i + 1 : i + 3].text.lower() == "well as":
                pieces.append((piece_start, i))
                i += 3
                piece_start = i
                continue
            elif depth == 0 and text == "such" and i + 1 < end and self.lower[i + 1] == "as":
                pieces = []  # "agricultural produce such as coffee": the examples, not the hypernym
                i += 2
                piece_start = i
                continue
            i += 1
        pieces.append((piece_start, end))
        merged: list[tuple[int, int]] = []
        for piece in pieces:
            if piece[1] <= piece[0]:
                continue
            if merged and self._shares_head(merged[-1], piece):
                merged[-1] = (merged[-1][0], piece[1])
            else:
                merged.append(piece)
        return [Span(doc, s, e) for s, e in merged]

    def _shares_head(self, left: tuple[int, int], right: tuple[int, int]) -> bool:
        """'fresh' + 'dried fruits' -> 'fresh and dried fruits'."""
        if left[1] - left[0] != 1 or right[1] - right[0] < 2:
            return False
        word = self.lower[left[0]]
        if word not in self.words["shared_head_modifiers"] or self.lower[left[1]] not in {"and", "or"}:
            return False
        if left[0] not in self.commodity_tokens:
            return True  # "fresh and dried fruits", "precious or semi-precious metals"
        # A word that is goods on its own shares the head only where the pair is itself a name of goods:
        # "mineral and chemical fertilizers" (mineral fertilizers), not "cotton and dried fruit".
        return normalize_commodity(f"{word} {self.lower[right[1] - 1]}") in self.known_goods

    # -- item cleaning ------------------------------------------------------------------------------------
    def _clean(self, item: Span) -> tuple[Span, str | None, Quantity | None] | None:
        """Strip hedges, quantities, determiners and demonyms; None when nothing commodity-like remains."""
        doc = self.doc
        start, end = item.start, item.end
        # Parenthetical remarks: "(+35%)", "(oil and gas)", "($17.3 million)".
        if "(" in [t.text for t in item]:
            end = next(t.i for t in item if t.text == "(")
        # "grain at more than $55 million", "goods worth 33.7bn riyals", "wheat out of a total gift".
        cut = next(
            (
                t.i
                for t in doc[start + 1 : end]
                if t.lower_ in self.words["item_boundaries"] and not self._boundary_is_inside_name(t.i)
            ),
            None,
        )
        if cut is not None:
            end = cut
        origin: str | None = None
        quantity: Quantity | None = None
        changed = True
        while changed and start < end:
            changed = False
            token = doc[start]
            lower = token.lower_
            if (
                lower in self.words["item_lead_words"]
                or lower in self.words["quantity_hedges"]
                or token.is_punct
                or token.is_space
                or _is_superlative(lower)
                or (
                    lower == "of"
                    and start > item.start
                    and self.lower[start - 1] in self.words["item_lead_words"]
                )
                or (
                    lower == "of"
                    and start + 1 < end
                    and (doc[start + 1].like_num or self.lower[start + 1] in NUMBER_WORDS)
                )
            ):
                start += 1
                changed = True
            elif (
                token.like_num
                or lower in NUMBER_WORDS
                or token.text.startswith(("$", "US$"))
                or token.text in {"%", "per", "cent"}
            ):
                q_start = start
                start += 1
                while start < end and (
                    doc[start].like_num
                    or self.lower[start] in NUMBER_WORDS
                    or self.lower[start] in self.units
                    or doc[start].text in {"%", ",", "-"}
                    or self.lower[start] in {"per", "cent", "percent"}
                    or (self.lower[start - 1] == "per" and self.lower[start] in PER_UNITS)
                ):
                    start += 1
                if start < end and self.lower[start] == "of":
                    start += 1
                quantity = _quantity(doc[q_start:start]) or quantity
                changed = True
            elif lower in self.units and start + 1 < end and self.lower[start + 1] == "of":
                start += 2  # "shiploads of", "tonnes of"
                changed = True
            elif start in self.country_at and self.lower[start] not in {"and"}:
                party = self.country_at[start]
                origin = origin or party.iso3
                start = _party_end(doc, start, self.country_at)
                changed = True
        # Demonyms or country names inside: "orthodox Indian teas".
        keep = []
        for i in range(start, end):
            party = self.country_at.get(i)
            if party is not None and i + 1 < end and doc[i + 1].text in POSSESSIVE:
                return None  # "China's largest supplier" is a noun phrase about China, not goods
            if party is not None:
                origin = origin or party.iso3
                continue
            keep.append(i)
        while end > start and (
            self.lower[end - 1] in self.words["item_lead_words"]
            or doc[end - 1].is_punct
            or self.lower[end - 1].endswith("ed")
            and end - 1 > start
            or self.lower[end - 1] in {"etc"}
        ):
            end -= 1
        keep = [i for i in keep if i < end and not doc[i].is_space]
        if not keep:
            return None
        span = Span(doc, keep[0], keep[-1] + 1)
        text = " ".join(self.lower[i] for i in keep).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
        if not self._valid(span, text):
            return None
        return Span(doc, span.start, span.end, label=text), origin, quantity

    def _valid(self, item: Span, text: str | None = None) -> bool:
        words = (text or item.text.lower()).split()
        if not words or len(words) > 7:
            return False
        if any(w in self.words["item_stopwords"] for w in words):
            return False
        if not any(ch.isalpha() for ch in "".join(words)) or any(ch.isdigit() for ch in "".join(words)):
            return False
        if all(w in FUNCTION_WORDS for w in words):
            return False  # "..., of which 1.2 million tonnes went to China"
        if any(w in self.org_keywords for w in words) or any(t.text in POSSESSIVE for t in item):
            return False
        # The head noun is the last word, or the last word before "for"/"of" ("platform for investors").
        heads = {words[-1]} | {words[k - 1] for k, w in enumerate(words) if w in {"for", "of"} and k > 0}
        if heads & self.words["non_goods_heads"] or any(w in self.words["non_goods_words"] for w in words):
            return False
        if words[-1] in self.words["vague_goods"] or all(w in self.words["vague_goods"] for w in words):
            return " ".join(words) not in self.words["vague_goods"] and self._specific(item)
        first = item.doc[item.start]
        if (
            first.is_title
            and not first.is_sent_start
            and all(t.is_title for t in item)
            and not any(t.i in self.commodity_tokens for t in item)
        ):
            return False  # a capitalised name: a person, a company
        return True

    def _specific(self, item: Span) -> bool:
        """'dairy products', 'tobacco products' are specific; 'non-oil goods', 'other items' are not."""
        return any(t.i in self.commodity_tokens for t in item)

    # -- flows ------------------------------------------------------------------------------------------
    def _flows(self, frames: list[Frame]) -> list[TradeFlow]:
        doc = self.doc
        flows: dict[tuple[str, str, str], TradeFlow] = {}
        recent: list[tuple[int, str, str]] = []  # (sentence index, exporter, importer)
        # Sentences are counted without the blank lines between paragraphs.
        sentence_index = _renumber(doc)
        by_sentence: dict[int, list[Frame]] = {}
        for frame in frames:
            by_sentence.setdefault(frame.trigger.sent.start, []).append(frame)
        for frame in frames:
            modality, negated, not_a_flow = modality_at(doc, frame.trigger.start)
            if not_a_flow:
                continue
            number = sentence_index[frame.trigger.sent.start]
            if not frame.goods:
                # "Kazakh exports to China amounted to $13.2 billion. The main commodities were: ..."
                exporters, importers = self._explicit_sides(frame, None)
                if (
                    len(exporters) == 1
                    and len(importers) == 1
                    and not (exporters[0].is_group or importers[0].is_group)
                ):
                    recent.append((number, exporters[0].iso3, importers[0].iso3))
                continue
            goods = [(g, False) for g in frame.goods] + [(g, True) for g in frame.exchange]
            for (item, origin, quantity), in_exchange in goods:
                sides = self._sides(frame, None if in_exchange else origin, by_sentence, recent, number)
                for exporter, importer in sides:
                    if in_exchange:
                        # "X will export A to Y in exchange for B": B goes from Y to X
                        exporter, importer = importer, exporter
                    if exporter == importer:
                        continue
                    name = item.label_
                    hs_code, hs_section = hs_for_commodity(name)
                    first = min(item.start_char, frame.trigger.start_char)
                    last = max(item.end_char, frame.trigger.end_char)
                    span = doc.char_span(first, last, alignment_mode="expand")
                    flow = TradeFlow(
                        exporter=exporter,
                        importer=importer,
                        commodity=Commodity(name=name, hs_code=hs_code, hs_section=hs_section),
                        modality=modality,
                        negated=negated,
                        quantity=quantity,
                        evidence=evidence(span),
                    )
                    key = (exporter, importer, name)
                    old = flows.get(key)
                    if old is None or _stronger(flow, old):
                        flows[key] = flow
                    recent.append((number, exporter, importer))
        return list(flows.values())

    def _sides(
        self, frame: Frame, origin: str | None, by_sentence, recent, number: int
    ) -> list[tuple[str, str]]:
        exporters, importers = self._explicit_sides(frame, origin)
        if any(p.is_group for p in exporters + importers):
            exporters = [p for p in exporters if not p.is_group]
            importers = [p for p in importers if not p.is_group]
            if not exporters or not importers:
                return []
        export_codes = [p.iso3 for p in exporters]
        import_codes = [p.iso3 for p in importers]
        if not export_codes or not import_codes:
            # The sentence's other trade words: "..., 84 per cent of which was crude oil exports".
            for other in by_sentence.get(frame.trigger.sent.start, []):
                if other is frame or other.direction != frame.direction:
                    continue
                if modality_at(self.doc, other.trigger.start)[2]:
                    continue  # "costs to ship ... to the US": a freight quote lends no parties
                other_exp, other_imp = self._explicit_sides(other, None)
                if not export_codes and other_exp and not any(p.is_group for p in other_exp):
                    export_codes = [p.iso3 for p in other_exp]
                if not import_codes and other_imp and not any(p.is_group for p in other_imp):
                    import_codes = [p.iso3 for p in other_imp]
        if export_codes and not import_codes:
            import_codes = self._partner(export_codes)
        elif import_codes and not export_codes:
            export_codes = self._partner(import_codes)
        elif not export_codes and not import_codes:
            earlier = [r for r in recent if number - r[0] <= CONTEXT_WINDOW]
            start, end = frame.clause
            worldwide = any(word in self.words["worldwide_words"] for word in self.lower[start:end])
            # "global wheat exports fell" is about no one pair; "we are ready to supply more electricity"
            # has a subject the rules cannot name: only a trade noun takes the parties stated just before.
            if earlier and not worldwide and frame.form == "noun":
                export_codes, import_codes = [earlier[-1][1]], [earlier[-1][2]]
        return [(e, i) for e in export_codes for i in import_codes]

    def _explicit_sides(self, frame: Frame, origin: str | None) -> tuple[list[Party], list[Party]]:
        demonym_origin = [Party(origin, -1)] if origin else []
        if frame.form == "agent":
            if frame.direction == "export":
                return frame.actors or frame.origins, frame.destinations or frame.counterpart
            return frame.origins or frame.counterpart or demonym_origin, frame.actors or frame.destinations
        if frame.direction == "export" or frame.passive:
            exporters = frame.origins or frame.actors or demonym_origin
            return exporters, frame.destinations
        importers = frame.actors or frame.destinations
        return frame.origins or demonym_origin, importers

    def _partner(self, known: list[str]) -> list[str]:
        """The other country of the article's bilateral context."""
        if self.pair is None or len(known) != 1 or known[0] not in self.pair:
            return []
        return [c for c in self.pair if c != known[0]]


# -- helpers ------------------------------------------------------------------------------------------------
def _index_parties(doc: Doc) -> dict[int, Party]:
    """Token index -> the country a token stands for: countries, groups, and places for their country."""
    index: dict[int, Party] = {}
    for span in doc.spans.get("places", []):
        for i in range(span.start, span.end):
            index[i] = Party(span.kb_id_, span.start, is_place=True)
    for span in doc.spans.get("groups", []):
        for i in range(span.start, span.end):
            index[i] = Party(span.label_, span.start, is_group=True)
    for span in doc.spans.get("countries", []):
        for i in range(span.start, span.end):
            index[i] = Party(span.label_, span.start)
    return index


def _party_end(doc: Doc, i: int, index: dict[int, Party]) -> int:
    start = index[i].token
    j = i
    while j < len(doc) and j in index and index[j].token == start:
        j += 1
    if j < len(doc) and doc[j].text in POSSESSIVE:
        j += 1
    return j


def _coordinated(doc: Doc, previous: int, current: int, index: dict[int, Party]) -> bool:
    """True when only commas and 'and' stand between two country mentions."""
    between = [t for t in doc[previous:current] if t.i not in index]
    return all(t.text in {",", "and", "&"} or t.text in POSSESSIVE for t in between)


def _renumber(doc: Doc) -> dict[int, int]:
    """Sentence start -> its number among the non-blank sentences."""
    numbers: dict[int, int] = {}
    count = 0
    text = doc_text(doc)
    for sentence in doc.sents:
        numbers[sentence.start] = count
        if text[sentence.start_char : sentence.end_char].strip():
            count += 1
    return numbers


def _prefer_countries(parties: list[Party]) -> list[Party]:
    named = [p for p in parties if not p.is_place]
    return named or parties


def _unique(parties: list[Party]) -> list[Party]:
    seen: set[str] = set()
    out = []
    for party in parties:
        if party.iso3 not in seen:
            seen.add(party.iso3)
            out.append(party)
    return out


def _is_superlative(word: str) -> bool:
    """'largest', 'second-largest', 'biggest': rankings, not part of a commodity's name."""
    return word.endswith(("largest", "biggest", "greatest", "highest", "leading")) or word in {
        "top",
        "main",
        "major",
    }


def _after_bullet(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].text in BULLETS


def _stronger(new: TradeFlow, old: TradeFlow) -> bool:
    if old.negated != new.negated:
        return old.negated
    return MODALITY_STRENGTH[new.modality] > MODALITY_STRENGTH[old.modality]


def _quantity(span: Span) -> Quantity | None:
    numbers = [t for t in span if t.like_num]
    units = [t for t in span if not t.like_num and t.is_alpha and t.lower_ not in NUMBER_WORDS]
    if not numbers:
        return None
    try:
        value = float(numbers[0].text.replace(",", ""))
    except ValueError:
        return None
    scale = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
    for token in span:
        value *= scale.get(token.lower_, 1)
    unit = units[-1].lower_ if units else "units"
    return Quantity(value=value, unit=unit, text=span.text)
