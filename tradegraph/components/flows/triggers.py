"""Step 1, trade words: where the text states a trade flow, and how the word is read there.

A trade word (rules/flow_triggers.tsv, matched as written: "re-exports" is one word) is read as a verb
("Kazakhstan exports wheat"), a passive participle ("wheat is exported"), a noun ("exports of wheat",
"Kazakh exports") or an agent noun ("the largest buyer of wheat") from its neighbours. Each trade word also
gets its clause: the stretch of its sentence up to the next clause break (rules/words/clause_breaks.txt),
and between two trade verbs ("X exports A to Y and imports B from Z": each verb has its own clause). A
semicolon between items of one list does not end it (lists.py).
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer

from tradegraph.components.base import POSSESSIVE
from tradegraph.components.flows.context import DocContext
from tradegraph.components.flows.lexicon import Lexicon, TriggerRow
from tradegraph.components.flows.lists import joins_items

__all__ = ["Trigger", "TriggerFinder"]

VERB_FORMS = ("verb", "passive")


class Trigger(NamedTuple):
    """One trade word as read in its sentence."""

    start: int
    end: int
    word: str  # as written, lower case: "exports", "re-exports"
    direction: str  # export | import
    form: str  # verb | passive | noun | agent
    clause: tuple[int, int]
    sentence: tuple[int, int]
    # The sentence after the trade word's (empty at the end of the text): where a list of the goods it
    # left vague may follow ("It imported goods from the U.K. Items included machinery and cars").
    next_sentence: tuple[int, int] = (0, 0)

    @property
    def cls(self) -> str:
        """The trade-word class the constructions name: "export verb", "import agent", ..."""
        return f"{self.direction} {self.form}"


class TriggerFinder:
    def __init__(self, lexicon: Lexicon, tokenizer: Tokenizer) -> None:
        self.lexicon = lexicon
        # Matched on the lower-case form; each trade word is its own match key, so the key is the word as
        # written however the tokenizer splits it ("re-exports" -> re, -, exports).
        self.matcher = PhraseMatcher(tokenizer.vocab, attr="LOWER")
        for word in lexicon.triggers:
            self.matcher.add(word, [tokenizer(word)])

    def __call__(self, ctx: DocContext) -> list[Trigger]:
        lex = self.lexicon
        columns = ctx.table.columns
        is_title, sent_start = columns["IS_TITLE"], columns["IS_SENT_START"]
        found: list[Trigger] = []
        strings = ctx.doc.vocab.strings
        for key, start, end in _longest(self.matcher(ctx.doc)):
            word = strings[key]
            if is_title[start] and not sent_start[start] and ctx.text[start - 1] not in lex.bullets:
                continue  # part of a name: "Caspian Shipping Company", "Export Development Bank"
            if ctx.at(end) in lex.trigger_blockers:
                continue  # "export ban", "import duties"
            row = self._reading(ctx, start, end, word)
            if row is None:
                continue
            form = row.form
            if form == "noun" and ctx.at(end) in lex.trigger_compounds:
                end += 1  # "export products", "import goods"
            elif form == "verb" and self._is_attributive(ctx, start, end, word):
                form, end = "noun", end + 1  # "the main imported goods": a noun phrase like "import goods"
            elif form == "verb" and self._is_passive(ctx, start, end, word):
                form = "passive"
            sentence = (ctx.sentence_start[start], ctx.sentence_end[start])
            clause = self._clause(ctx, start, end, sentence)
            following = (
                sentence[1],
                ctx.sentence_end[sentence[1]] if sentence[1] < len(ctx) else sentence[1],
            )
            found.append(Trigger(start, end, word, row.direction, form, clause, sentence, following))
        return _one_verb_per_clause(found, ctx, self.lexicon.list_separators)

    def _reading(self, ctx: DocContext, start: int, end: int, word: str) -> TriggerRow | None:
        """The verb, noun or agent reading of the word, from its neighbours; None for a verb-only word
        that stands as a noun ("an Indian ship", "scores of ships")."""
        lex = self.lexicon
        rows = lex.readings(word)
        if len(rows) == 1 and rows[0].form != "verb":
            return rows[0]
        before = _before_brackets(ctx, start)
        before_word, after_word = ctx.at(before), ctx.at(end)
        party_before = ctx.party_at.get(before)
        # "the possibility of supplying wheat", "interested in importing grain": a gerund is a verb.
        gerund = word.endswith("ing") and before_word in lex.gerund_prepositions
        verby = before >= 0 and (
            gerund
            or before_word in lex.verb_markers
            or before_word.endswith("ly")
            or (
                party_before is not None
                and not party_before.is_demonym
                and not party_before.possessive  # "its imports": a possessive pronoun owns a noun
                and after_word != "of"
            )
            # "the country supplies gas to ...": goods right after it are its object
            or (
                end in ctx.goods_tokens
                and before_word not in lex.noun_markers
                and ctx.text[before] not in POSSESSIVE
            )
        )
        # A determiner, possessive, preposition or demonym before it makes the word a noun; so does
        # the start of a sentence (news has no imperatives: "Imports from China reached ...").
        strongly_nouny = not verby and (
            before < 0
            or start == ctx.sentence_start[start]
            or before_word in lex.noun_markers
            or ctx.text[before] in POSSESSIVE
            or (party_before is not None and party_before.is_demonym)
            or after_word == "of"
            # "two ships", "300 shipments" (not "500,000 tonnes exported to", a participle)
            or (
                (ctx.flag("LIKE_NUM", before) or before_word in lex.number_words)
                and not lex.is_participle(word)
            )
        )
        if strongly_nouny and all(row.form == "verb" for row in rows):
            if word.endswith("ing") and after_word == "of" and rows[0].partner is None:
                # "commenced shipping of fertilizers to Iran", "the selling of wheat": a gerund as a noun
                return rows[0].model_copy(update={"form": "noun"})
            return None
        nouny = strongly_nouny or (
            not verby
            and (
                before in ctx.goods_tokens
                or after_word in lex.trigger_compounds
                or (
                    ctx.flag("IS_LOWER", before)
                    and ctx.flag("IS_ALPHA", before)
                    and before_word not in lex.be_forms
                )
            )
        )
        wanted = "noun" if nouny else "verb"
        return next((row for row in rows if row.form == wanted), rows[0])

    def _is_attributive(self, ctx: DocContext, start: int, end: int, word: str) -> bool:
        """A participle before a word for goods inside a noun phrase: "the most important imported goods",
        "China's main exported products", "of total imported goods" — not the verb of "Kenya exported
        goods" or "the company imported goods". Back over the modifiers of such a phrase (rankings and
        rules/words/attributive_modifiers.txt) to where it begins."""
        lex = self.lexicon
        if not lex.is_participle(word) or ctx.at(end) not in lex.trigger_compounds:
            return False
        first = ctx.sentence_start[start]
        i = start - 1
        while i >= first and (lex.is_ranking(ctx.lower[i]) or ctx.lower[i] in lex.attributive_modifiers):
            i -= 1
        if i < first:
            return True  # "Imported goods from China rose": news has no imperatives
        party = ctx.party_at.get(i)
        return (
            ctx.lower[i] in lex.noun_markers
            or ctx.text[i] in POSSESSIVE
            or (party is not None and party.possessive and party.end == i + 1)
        )

    def _is_passive(self, ctx: DocContext, start: int, end: int, word: str) -> bool:
        lex = self.lexicon
        if not lex.is_participle(word):
            return False
        i = start - 1
        while i >= 0 and (ctx.lower[i].endswith("ly") or ctx.lower[i] in lex.passive_fillers):
            i -= 1
        if i >= 0 and ctx.lower[i] in lex.be_forms:
            return True
        # A reduced relative clause: "the goods exported from Tajikistan", not "Tajikistan exported".
        return (
            i >= 0
            and ctx.at(end) in lex.reduced_relative_prepositions
            and i not in ctx.party_at
            and ctx.flag("IS_ALPHA", i)
            and not ctx.flag("IS_TITLE", i)
        )

    def _clause(self, ctx: DocContext, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
        """From the trade word back and forward to a clause break or to where a verb phrase of its own
        begins ("and could", "or will"); a semicolon between items of one list is no break."""
        lex = self.lexicon
        breaks, joiners, modals = lex.clause_breaks, lex.verb_phrase_joiners, lex.modal_verbs
        lower = ctx.lower
        n = len(lower)
        first, last = start, end
        while first > sentence[0]:
            word = lower[first - 1]
            if word in breaks or (word in joiners and lower[first] in modals):
                break
            first -= 1
        while last < sentence[1]:
            word = lower[last]
            if (word in breaks and not joins_items(ctx, last)) or (
                word in joiners and last + 1 < n and lower[last + 1] in modals
            ):
                break
            last += 1
        return first, last


def _before_brackets(ctx: DocContext, start: int) -> int:
    """The token before `start`, over a bracketed aside right before it ("mineral (copper and zinc) exports":
    "mineral")."""
    before = start - 1
    if before < 0 or ctx.text[before] != ")":
        return before
    first = ctx.sentence_start[start]
    opening = next((t for t in range(before - 1, first - 1, -1) if ctx.text[t] in ("(", ")")), None)
    if opening is None or ctx.text[opening] != "(" or opening == first:
        return before
    return opening - 1


def _longest(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Matches that no longer match overlaps ("re-exports", not its "exports"), left to right."""
    out: list[tuple[int, int, int]] = []
    for key, start, end in sorted(matches, key=lambda m: (m[1], -(m[2] - m[1]))):
        if out and start < out[-1][2]:
            continue
        out.append((key, start, end))
    return out


def _one_verb_per_clause(
    triggers: list[Trigger], ctx: DocContext, separators: frozenset[str]
) -> list[Trigger]:
    """A trade verb's clause ends where the next trade verb of the clause begins, and that verb's clause
    begins there: "Tajikistan exports cotton to Turkey and imports garments from Turkey"."""
    lower, in_party_list = ctx.lower, ctx.table.marks["party_phrase"]
    out = list(triggers)
    groups: dict[tuple[int, int], list[int]] = {}
    for k, trigger in enumerate(triggers):
        if trigger.form in VERB_FORMS:
            groups.setdefault(trigger.clause, []).append(k)
    for (start, end), members in groups.items():
        # Each verb's clause starts after the last list separator before it ("..., and importing"), not one
        # inside a list of countries ("from Turkey and Russia is provided"); the verb before ends there.
        bounds = [(start, end)] * len(members)
        for n in range(1, len(members)):
            previous, current = triggers[members[n - 1]], triggers[members[n]]
            separator = next(
                (
                    i
                    for i in range(current.start - 1, previous.end - 1, -1)
                    if lower[i] in separators and not in_party_list[i]
                ),
                None,
            )
            first, stop = (
                (separator + 1, separator) if separator is not None else (current.start, current.start)
            )
            bounds[n - 1] = (bounds[n - 1][0], stop)
            bounds[n] = (first, end)
        for k, clause in zip(members, bounds, strict=True):
            if clause != (start, end):
                out[k] = triggers[k]._replace(clause=clause)
    return out
