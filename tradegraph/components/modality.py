"""ConText-style modality and negation: trigger phrases from rules/modality.jsonl, each with a direction and
a scope that ends at the sentence end, a terminator word or max_scope tokens.

Categories: "potential", "planned", "negated", "not_a_flow" (prices, tariffs: the trade word states no
flow), "terminate" (ends the scope of the triggers before it) and "pseudo": a longer phrase that contains a
trigger but does not mean it ("not only", "will not prevent"); being the longer match, it takes the
trigger's place and has no scope. A rule with `only_after: "country"` fires only right after a country's
name: the headline infinitive "Pakistan to export wheat to Iran" states a plan, "sold wheat to export" does
not.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import BaseModel
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from tradegraph.components.base import DocTokens, SpanRow, set_span_group, span_rows
from tradegraph.rules import load_jsonl, load_words

Category = Literal["potential", "planned", "negated", "not_a_flow", "terminate", "pseudo"]
NO_SCOPE: frozenset[str] = frozenset({"terminate", "pseudo"})


class ModalityRule(BaseModel):
    literal: str
    category: Category
    direction: Literal["forward", "backward", "both"] = "forward"
    max_scope: int = 25
    only_after: Literal["country"] | None = None


@Language.factory("tg_modality", assigns=["doc.spans"], requires=["doc.sents", "doc.spans"])
def make_modality(nlp: Language, name: str) -> ModalityMarker:
    return ModalityMarker(nlp)


class ModalityMarker:
    """Writes doc.spans["modality"]: one span per trigger's scope, label = category, kb_id = trigger text.
    Reads doc.spans["countries"] for the rules that fire only after a country's name."""

    def __init__(self, nlp: Language) -> None:
        self.rules = {rule.literal.lower(): rule for rule in load_jsonl("modality.jsonl", ModalityRule)}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for literal in self.rules:
            self.matcher.add(literal, [nlp.make_doc(literal)])

    def __call__(self, doc: Doc) -> Doc:
        # The matches as rows, not Spans (filter_spans reads their start and end only).
        strings = doc.vocab.strings
        matches = [SpanRow(s, e, strings[m], "") for m, s, e in self.matcher(doc)]
        tokens = DocTokens(doc)
        # Terminators are found on their own: "and may" ends the scope before it and leaves "may" to
        # open its own ("wants to stop importing Russian coal and may get coal from Australia").
        terminators = {t.start for t in matches if self.rules[t.label_].category == "terminate"}
        triggers = filter_spans([t for t in matches if self.rules[t.label_].category != "terminate"])
        country_ends = {span.end for span in span_rows(doc, "countries")}
        triggers = [
            t for t in triggers if self.rules[t.label_].only_after != "country" or t.start in country_ends
        ]
        scopes = []
        for trigger in triggers:
            rule = self.rules[trigger.label_]
            if rule.category in NO_SCOPE:
                continue
            # Span.sent: back from the trigger's first token, on from its end
            sentence_start = tokens.sentence(trigger.start, trigger.end)[0]
            sentence_end = tokens.sentence(trigger.end - 1, trigger.end)[1]
            start, end = trigger.start, trigger.end
            if rule.direction in ("forward", "both"):
                end = trigger.end
                while end < sentence_end and end - trigger.end < rule.max_scope and end not in terminators:
                    end += 1
            if rule.direction in ("backward", "both"):
                start = trigger.start
                while (
                    start > sentence_start
                    and trigger.start - start < rule.max_scope
                    and start - 1 not in terminators
                ):
                    start -= 1
            scopes.append((start, end, rule.category, tokens.span_text(trigger.start, trigger.end).lower()))
        set_span_group(doc, "modality", scopes)
        return doc


def governs_a_verb(literal: str) -> bool:
    """A trigger that a verb in its bare form follows: a modal ("will", "could", rules/words/modal_verbs.txt)
    or one that ends in "to" ("plans to", "ready to")."""
    return literal in _modal_verbs() or literal == "to" or literal.endswith(" to")


@cache
def _modal_verbs() -> frozenset[str]:
    return frozenset(load_words("words/modal_verbs.txt"))


def modality_at(doc: Doc, index: int, finite: bool = False) -> tuple[str, bool, bool]:
    """(modality, negated, not_a_flow) for the token at `index`: the weakest modality whose scope covers it.
    A `finite` verb ("supplies", "sells") has a subject of its own and is no bare verb: the modals that
    govern a verb do not reach it ("will allow Turkmenistan to raise the volume of gas it supplies to
    China": the supply is actual). A stop that is only planned or possible ("is set to halt exports of
    diesel to Nigeria", "may suspend imports") is no stop yet: the flow it would stop goes on (actual)."""
    covering = [
        scope
        for scope in span_rows(doc, "modality")
        if scope.start <= index < scope.end
        and not (finite and scope.label_ in ("potential", "planned") and governs_a_verb(scope.kb_id_))
    ]
    modals = [scope for scope in covering if scope.label_ in ("potential", "planned")]
    stops = [scope for scope in covering if scope.label_ == "negated"]
    # the modal verbs ("may", "is set to") whose scope holds a stop's trigger modify the stop, not the flow;
    # a condition ("if partners suspend exports") does not say the flow goes on
    at = {id(stop): _trigger_start(doc, stop) for stop in stops}
    governing = [m for m in modals if governs_a_verb(m.kb_id_)]
    spent = {id(m) for m in governing for stop in stops if m.start < at[id(stop)] < m.end}
    negated = any(not any(m.start < at[id(stop)] < m.end for m in governing) for stop in stops)
    not_a_flow = any(scope.label_ == "not_a_flow" for scope in covering)
    modality = "actual"
    for scope in modals:
        if id(scope) in spent:
            continue
        if scope.label_ == "potential" or modality == "actual":
            modality = scope.label_
    return modality, negated, not_a_flow


def _trigger_start(doc: Doc, scope: SpanRow) -> int:
    """Where the trigger of a scope is (its text is the scope's kb_id): the scope's start for a forward one."""
    n = len(scope.kb_id_.split())
    for i in range(scope.start, scope.end):
        if doc[i : i + n].text.lower() == scope.kb_id_:
            return i
    return scope.start
