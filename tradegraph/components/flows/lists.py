"""Where a written list of goods runs on past a semicolon.

News separates the items of a long list with semicolons when the items carry commas or amounts of their own:
"the export of 478,514 tonnes of dragon fruit; 223,455 tonnes of watermelon; and 17,837 tonnes of cashew
nuts to China", "supplies Afghanistan with food products; buses, trucks and cars; building materials". A
semicolon otherwise ends a clause ("exports wheat to Iran; prices rose"). It joins list items when what
follows it, up to the next semicolon or the sentence end, reads as one more item: it begins (after "and" /
"or") with a goods word, a commodity of the gazetteer or an amount, and holds no verb, clause word or trade
word (the words of rules/words/item_stopwords.txt and the trade lexicon). A list of destinations with their
shares reads the same way: "6 bcm of gas to Turkey; half a billion to Albania; the rest to Bulgaria": an
item that opens, past hedges and articles (rules/words/share_articles.txt), with an amount or a share word
(rules/words/share_words.txt) and names a country after "to", "into" or "for"
(rules/words/destination_prepositions.txt).

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
    if j >= end:
        return False
    k = _segment_end(ctx, j, end)
    share = _past_articles(ctx, j, k)
    if _share_to_destination(ctx, share, k):
        j = share  # "about 40% to Indonesia", "a quarter to India": the hedge belongs to the share
    elif not _starts_item(ctx, j):
        return False
    return not any(
        word in lex.item_stopwords or word in lex.clause_breaks or lex.readings(word)
        for word in ctx.lower[j:k]
    )


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


def _segment_end(ctx: DocContext, j: int, end: int) -> int:
    """The next semicolon from j on, or `end`."""
    return next((k for k in range(j, end) if ctx.text[k] == SEMICOLON), end)


def _past_articles(ctx: DocContext, j: int, end: int) -> int:
    """Past the hedges and articles that open a share: "about", "up to", "a", "the"."""
    lex = ctx.lexicon
    while j < end and (ctx.lower[j] in lex.quantity_hedges or ctx.lower[j] in lex.share_articles):
        j += 1
    return j


def _share_to_destination(ctx: DocContext, j: int, end: int) -> bool:
    """'half a billion to Albania', 'another to Bulgaria', '18 bcm for Italy': an amount or a share word
    first, then a country the goods go to."""
    if j >= end:
        return False
    lex = ctx.lexicon
    word = ctx.lower[j]
    opens = (
        word in lex.number_words or word in lex.share_words or ctx.flag("LIKE_NUM", j) or j in ctx.quantity_at
    )
    return opens and any(
        ctx.party_at[k].prep in lex.destination_prepositions for k in range(j + 1, end) if k in ctx.party_at
    )
