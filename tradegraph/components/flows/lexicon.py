"""The word data the trade-flow steps read, loaded once from rules/: trade words and word lists.

Nothing here is decided in Python: each field is a file under rules/ (rules/words/<name>.txt for the word
lists), loaded by the typed loaders of tradegraph.rules, which name the file and line of a bad row and
reject an empty list. A newcomer adds a trade verb to rules/flow_triggers.tsv (read by
tradegraph.gazetteers.trade_words) and a word to one of the lists below without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache, cached_property

from tradegraph.gazetteers import TriggerRow, trade_words
from tradegraph.rules import load_words

__all__ = ["Lexicon", "TriggerRow", "lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """Every word list of the trade-flow component; field name = file name under rules/words/."""

    triggers: dict[str, tuple[TriggerRow, ...]]  # trade word (lower case, as written) -> its readings
    # -- trade words: which reading, and what blocks one
    trigger_blockers: frozenset[str]
    trigger_compounds: frozenset[str]
    verb_markers: frozenset[str]
    attributive_modifiers: frozenset[str]
    noun_markers: frozenset[str]
    gerund_prepositions: frozenset[str]
    be_forms: frozenset[str]
    modal_verbs: frozenset[str]
    passive_fillers: frozenset[str]
    irregular_participles: frozenset[str]
    reduced_relative_prepositions: frozenset[str]
    clause_breaks: frozenset[str]
    verb_phrase_joiners: frozenset[str]
    bullets: frozenset[str]
    # -- parties
    party_glue: frozenset[str]
    party_prepositions: frozenset[str]
    demonym_heads: frozenset[str]
    country_nouns: frozenset[str]
    port_words: frozenset[str]
    region_words: frozenset[str]
    city_words: frozenset[str]
    worldwide_words: frozenset[str]
    origin_verbs: frozenset[str]
    total_words: frozenset[str]
    additive_words: frozenset[str]
    speech_verbs: frozenset[str]
    perfect_auxiliaries: frozenset[str]
    # -- goods lists
    list_introducers: frozenset[str]
    range_words: frozenset[str]
    share_words: frozenset[str]
    share_articles: frozenset[str]
    destination_prepositions: frozenset[str]
    multiplier_words: frozenset[str]
    amount_signs: frozenset[str]
    goods_list_subjects: frozenset[str]
    copulas: frozenset[str]
    object_determiners: frozenset[str]
    list_adverbs: frozenset[str]
    list_separators: frozenset[str]
    group_separators: frozenset[str]
    list_joiners: frozenset[str]
    example_joiners: frozenset[str]
    list_end_marks: frozenset[str]
    list_end_phrases: frozenset[str]
    line_item_ends: frozenset[str]
    list_prepositions: frozenset[str]
    item_possessives: frozenset[str]
    content_verbs: frozenset[str]
    item_boundaries: frozenset[str]
    item_stopwords: frozenset[str]
    example_markers: frozenset[str]
    category_nouns: frozenset[str]
    shared_head_modifiers: frozenset[str]
    material_forms: frozenset[str]
    origin_prepositions: frozenset[str]
    origin_participle_prepositions: frozenset[str]
    # -- what a goods item is made of
    item_lead_words: frozenset[str]
    quantity_hedges: frozenset[str]
    quantity_units: frozenset[str]
    amount_connectors: frozenset[str]
    value_nouns: frozenset[str]
    amount_dashes: frozenset[str]
    amount_phrases: frozenset[str]
    amount_nouns: frozenset[str]
    number_words: frozenset[str]
    percent_words: frozenset[str]
    time_units: frozenset[str]
    time_determiners: frozenset[str]
    time_nouns: frozenset[str]
    rankings: frozenset[str]
    trailing_junk: frozenset[str]
    speech_verbs: frozenset[str]
    function_words: frozenset[str]
    head_prepositions: frozenset[str]
    route_to_party: frozenset[str]
    abstract_suffixes: frozenset[str]
    vague_goods: frozenset[str]
    goods_nouns: frozenset[str]
    non_goods_heads: frozenset[str]
    non_goods_words: frozenset[str]
    organization_keywords: frozenset[str]
    plain_organization_words: frozenset[str]
    relative_pronouns: frozenset[str]
    goods_anaphora: frozenset[str]

    @cached_property
    def trade_word_forms(self) -> dict[str, frozenset[str]]:
        """Trade word -> its forms in rules/flow_triggers.tsv (verb, noun, agent)."""
        return {word: frozenset(row.form for row in rows) for word, rows in self.triggers.items()}

    @cached_property
    def place_words(self) -> frozenset[str]:
        """Words that name a kind of place before "of": "the port of", "the province of", "the city of"."""
        return self.port_words | self.region_words | self.city_words

    @cached_property
    def organization_words(self) -> frozenset[str]:
        """The words that name an organisation ("board", "council"), less the plain words among the keywords."""
        return self.organization_keywords - self.plain_organization_words

    def is_organization_word(self, word: str) -> bool:
        return word in self.organization_words

    def readings(self, word: str) -> tuple[TriggerRow, ...]:
        return self.triggers.get(word, ())

    def is_ranking(self, word: str) -> bool:
        """'largest', 'second-largest', 'top': a ranking, not part of a commodity's name."""
        return word in self.rankings or word.rpartition("-")[2] in self.rankings

    def is_participle(self, word: str) -> bool:
        return word.endswith("ed") or word in self.irregular_participles


@cache
def lexicon() -> Lexicon:
    """The lexicon, loaded once per process."""
    triggers: dict[str, list[TriggerRow]] = {}
    for row in trade_words():
        triggers.setdefault(row.text.lower(), []).append(row)
    lists = {
        field.name: load_words(f"words/{field.name}.txt")
        for field in fields(Lexicon)
        if field.name != "triggers"
    }
    return Lexicon(triggers={word: tuple(rows) for word, rows in triggers.items()}, **lists)
