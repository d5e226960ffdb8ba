"""Where a written list of goods runs on past a semicolon.

News separates the items of a long list with semicolons when the items carry commas or amounts of their own:
"the export of 478,514 tonnes of dragon fruit; 223,455 tonnes of watermelon; and 17,837 tonnes of cashew
nuts to China", "supplies Afghanistan with food products; buses, trucks and cars; building materials". A
semicolon otherwise ends a clause ("exports wheat to Iran; prices rose"). It joins list items when what
follows it, up to the next semicolon or the sentence end, reads as one more item: it begins (after "and" /
"or") with a goods word, a commodity of the gazetteer or an amount, and holds no verb, clause word or trade
word (the words of rules/words/item_stopwords.txt and the trade lexicon).

Both the trade-word step (a trade word's clause runs on over such a semicolon) and the goods step (the list
goes on) ask this module, so they agree on where a list ends.
"""

from __future__ import annotations

from tradegraph.components.commodities import goods_heads
from tradegraph.components.flows.context import DocContext
from tradegraph.normalize import singularize

__all__ = ["joins_items"]

SEMICOLON = ";"
MAX_LEAD = 4  # words of an item before its goods word: "mineral fertilizers", "fresh and dried fruit"


def joins_items(ctx: DocContext, i: int) -> bool:
    """Whether the semicolon at token i separates two items of one list (not two clauses)."""
    if ctx.text[i] != SEMICOLON:
        return False
    lex = ctx.lexicon
    end = ctx.sentence_end[i]
    j = i + 1
    while j < end and (ctx.flag("IS_SPACE", j) or ctx.lower[j] in lex.list_separators):
        j += 1
    if j >= end or not _starts_item(ctx, j):
        return False
    k = j
    while k < end and ctx.text[k] != SEMICOLON:
        word = ctx.lower[k]
        if word in lex.item_stopwords or word in lex.clause_breaks or lex.readings(word):
            return False
        k += 1
    return True


def _starts_item(ctx: DocContext, j: int) -> bool:
    """An amount, or a goods word within the first words: 'buses', 'building materials', '223,455 tonnes'."""
    if j in ctx.quantity_at or ctx.flag("LIKE_NUM", j):
        return True
    lex = ctx.lexicon
    end = min(ctx.sentence_end[j], j + MAX_LEAD)
    k = j
    while k < end and ctx.flag("IS_ALPHA", k) and ctx.lower[k] not in lex.list_separators:
        if k in ctx.goods_tokens or singularize(ctx.lower[k]) in goods_heads():
            return True
        k += 1
    return False
