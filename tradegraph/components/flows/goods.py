"""Step 3, goods: the written list a goods slot points at, split into items, each cleaned to a commodity.

A list is read forward from the slot ("exports wheat, flour and barley to ..."), backward when the slot
stands before the trade word ("iron ore, LNG and wheat are shipped", "palm oil exports"), or as bullet lines
after a colon. It is split at commas, "and", "or", "as well as", keeping shared heads ("fresh and dried
fruits"); "such as" examples replace their hypernym.

An item is goods when it is a noun phrase whose head is a goods word: a head of the HS commodity gazetteer
or of rules/words/goods_nouns.txt (see tradegraph.components.commodities.goods_heads). Cleaning trims what is
not part of the commodity's name: determiners and hedges, quantities and money (read from the values
component's spans, doc._.quantities and doc.spans["money"], which also give the item its Quantity), units
("tonnes of", "kilowatt-hours of"), trade nouns ("export of grain"), a country or demonym in front (it names
the goods' origin: "Kenyan tea"), and participles and adverbs after the head ("eggplants grown",
"citrus annually"). What is left without a goods head is dropped ("along", "ready", "making", "return").
"""

from __future__ import annotations

from typing import NamedTuple

from tradegraph import gazetteers
from tradegraph.components.base import POSSESSIVE
from tradegraph.components.commodities import goods_heads
from tradegraph.components.flows.context import DocContext
from tradegraph.components.flows.lexicon import Lexicon
from tradegraph.components.flows.lists import SEMICOLON, joins_items
from tradegraph.components.flows.triggers import Trigger
from tradegraph.models import Quantity
from tradegraph.normalize import hs_for_commodity, normalize_commodity, singularize

__all__ = ["Goods", "GoodsReader"]

MAX_ITEM_WORDS = 7
STRONG_SLOT_WORDS = 3  # an unknown head is goods in a strong slot only in a short phrase


class Goods(NamedTuple):
    """One commodity of a list: where it is written, its name, the origin a demonym on it names, its amount."""

    start: int
    end: int
    name: str
    origin: str | None
    quantity: Quantity | None


class GoodsReader:
    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.heads = goods_heads()
        self.phrase_starts = frozenset(
            p.split()[0] for p in lexicon.list_joiners | lexicon.example_joiners | lexicon.list_end_phrases
        )
        self.known_goods = frozenset(normalize_commodity(row.term) for row in gazetteers.commodities())
        self.joiners = lexicon.list_joiners | lexicon.example_joiners

    # -- entry point -------------------------------------------------------------------------------------
    def read(
        self,
        ctx: DocContext,
        tokens: list[int],
        trigger: Trigger,
        window: tuple[int, int],
        before: bool = False,
    ) -> list[Goods]:
        """The goods of the list starting at `tokens` (ending there when `before`) for `trigger`, within the
        slot's window (a list before the trade word stops at it)."""
        first, last = tokens[0], tokens[-1]
        referred = None if before else self.referred(ctx, first)
        if referred is not None:
            return [referred]
        if before:
            # Words right before a trade noun modify it ("significant tea imports"); a list further back is
            # the subject of a verb of its own ("A and B are X's main exports", "A will enter the Y market").
            strict = trigger.form in ("noun", "agent") and last + 1 >= trigger.start
            items = self.before(ctx, last + 1, window[0], strict)
        else:
            end = trigger.start if first < trigger.start else window[1]
            if end == window[1] and ctx.at(end) in self.lex.group_separators:
                end = trigger.sentence[1]  # a semicolon ends the clause, but may join groups of the list
            items = self.lines(ctx, first) if ctx.text[first] == ":" else []
            if not items:
                items = self.after(ctx, first, end)
        # Each part of a list written with semicolons shares its own head: "engineering, electrical and food
        # products; buses, trucks and cars".
        heads = [head for part in self._semicolon_parts(ctx, items) for head in self._shared_heads(ctx, part)]
        # What an amount measures is goods ("500,000 tablets of X"), unless the amount stands before a
        # list, where it belongs to the whole ("166,859 tons of virgin and extra virgin olive oil").
        measured = len(items) == 1
        found = [self.clean(ctx, s, e, head, measured) for (s, e), head in zip(items, heads, strict=True)]
        found = self._shared_by_origins(ctx, items, found)
        goods = self._shared_material(ctx, [item for item in found if item is not None])
        if goods and goods[0].origin and found[0] is not None:
            # "Kazakh grain and flour": the demonym in front names the origin of the whole list
            goods = [item if item.origin else item._replace(origin=goods[0].origin) for item in goods]
        return goods

    def referred(self, ctx: DocContext, i: int) -> Goods | None:
        """Goods named by a pointer back at those named just before (rules/words/goods_anaphora.txt before
        a word of vague_goods.txt, a demonym between naming their origin): "Blueberries amounted to $77
        million and the United States was the largest buyer of this Peruvian product" -> blueberries from
        Peru. The goods are the last commodity named before i, in its sentence or the one before."""
        lex = self.lex
        # the pointer, past an amount in front: "30,000 tonnes of these goods", "the same commodity"
        past = self._past_amount(ctx, i, len(ctx))
        k = next((t for t in range(i, past + 2) if ctx.at(t) in lex.goods_anaphora), None)
        if k is None or any(t in ctx.party_at for t in range(i, k)):
            return None
        k += 1
        origin = None
        party = ctx.party_at.get(k)
        if party is not None and party.is_demonym:
            origin, k = party.iso3, party.end
        if ctx.at(k) not in lex.vague_goods or k + 1 in ctx.goods_tokens:
            return None
        sentence = ctx.sentence_start[i]
        earliest = ctx.sentence_start[sentence - 1] if sentence > 0 else 0
        named = [t in ctx.goods_tokens or self._goods_word(ctx.lower[t]) for t in range(earliest, i)]
        end = next((t + 1 for t in range(i - 1, earliest - 1, -1) if named[t - earliest]), None)
        if end is None:
            return None
        start = end - 1
        while start > earliest and named[start - 1 - earliest]:
            start -= 1
        goods = self.clean(ctx, start, end)
        if goods is None:
            return None
        return goods._replace(origin=origin or goods.origin, quantity=None)

    def _semicolon_parts(self, ctx: DocContext, items: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        """The items grouped by the semicolons between them."""
        parts: list[list[tuple[int, int]]] = []
        previous_end = None
        for item in items:
            if previous_end is None or SEMICOLON in ctx.text[previous_end : item[0]]:
                parts.append([])
            parts[-1].append(item)
            previous_end = item[1]
        return parts

    def _shared_heads(self, ctx: DocContext, items: list[tuple[int, int]]) -> list[str | None]:
        """'engineering, electrical, chemical and food products', 'fresh, frozen and dried fish': adjectives
        listed before the last item share its head (a goods noun of their own keeps it only when the head is
        a general word for goods: 'cotton, wool and silk products' but not 'cotton, tea and dried fruit')."""
        heads: list[str | None] = [None] * len(items)
        if len(items) < 2:
            return heads
        # "iron and steel rods, ...", "cotton and wool yarns": a material right before a form of a material of
        # the same HS section shares the form (not after another bare material: "copper, zinc and steel pipes"
        # lists metals).
        forms = self.lex.material_forms
        for k in range(len(items) - 1):
            (start, end), (next_start, next_end) = items[k], items[k + 1]
            form = ctx.lower[next_end - 1]
            if end - start != 1 or next_end - next_start < 2 or form not in forms:
                continue  # most lists: no bare word before a material's form
            section = _section(ctx.lower[start])
            if (
                section is not None
                and section == _section(ctx.lower[next_end - 2])
                and (
                    k == 0
                    or items[k - 1][1] - items[k - 1][0] != 1
                    or _section(ctx.lower[items[k - 1][0]]) != section
                )
            ):
                heads[k] = form
        if items[-1][1] - items[-1][0] < 2:
            return heads
        head = ctx.lower[items[-1][1] - 1]
        general = head in self.lex.vague_goods
        for k, (start, end) in enumerate(items[:-1]):
            word = ctx.lower[start]
            if (
                end - start == 1
                and word in self.lex.shared_head_modifiers
                and (general or not self._goods_word(word))
            ):
                heads[k] = head
        return heads

    def _shared_by_origins(
        self, ctx: DocContext, items: list[tuple[int, int]], found: list[Goods | None]
    ) -> list[Goods | None]:
        """'Russian and Ukrainian wheat': an item that is a demonym alone names the goods of the item after
        it, from its own origin."""
        out = list(found)
        for k in range(len(items) - 2, -1, -1):
            start, end = items[k]
            party = ctx.party_at.get(start)
            later = out[k + 1]
            if (
                out[k] is None
                and later is not None
                and party is not None
                and party.is_demonym
                and party.end == end
            ):
                out[k] = later._replace(origin=party.iso3)
        return out

    def _shared_material(self, ctx: DocContext, goods: list[Goods]) -> list[Goods]:
        """'copper ore and concentrates', 'steel pipes, tubes and bars': a bare form of a material listed
        right after a form named with its material takes that material ('copper concentrates')."""
        forms = self.lex.material_forms
        for k in range(1, len(goods)):
            previous, item = goods[k - 1], goods[k]
            *material, form = previous.name.split()
            between = range(previous.end, item.start)
            if (
                material
                and form in forms
                and item.name in forms
                and item.end - item.start == 1
                and all(ctx.lower[t] in self.lex.list_separators for t in between)
            ):
                goods[k] = item._replace(name=f"{' '.join(material)} {item.name}")
        return goods

    # -- reading a written list ----------------------------------------------------------------------------
    def after(self, ctx: DocContext, i: int, end: int) -> list[tuple[int, int]]:
        """The list starting at i: 'A, B and C to Iran', 'include A and B', 'mainly A'."""
        lex = self.lex
        i = self._skip_recipient(ctx, self._skip_parties(ctx, i, end), end)
        introduced = False
        while i < end and (
            ctx.lower[i] in lex.list_introducers
            or ctx.lower[i] in lex.list_adverbs
            or (introduced and ctx.lower[i] in lex.list_prepositions)  # "consist mainly of"
        ):
            introduced = introduced or ctx.lower[i] in lex.list_introducers
            i += 1
        j = self._past_amount(ctx, i, end)  # "over 2 million tonnes of", "about 60 percent of its"
        # "ranging from petroleum products to iron and steel": the first "to" joins the range's items.
        ranged = ctx.at(i - 1) == "from" and ctx.at(i - 2) in lex.range_words
        while j < end:
            lower = ctx.lower[j]
            if ranged and lower == "to" and j > i:
                return self.split(ctx, i, j) + self.after(ctx, j + 1, end)
            if ctx.text[j] == SEMICOLON and joins_items(ctx, j):
                j += 1  # "478,514 tonnes of dragon fruit; 223,455 tonnes of watermelon; ...": one list
                continue
            if ctx.text[j] in lex.list_end_marks or (
                j in ctx.party_at and lower != "and" and j > i and ctx.lower[j - 1] in lex.item_boundaries
            ):
                break
            phrase_start = lower in self.phrase_starts  # else no phrase of the lexicon starts here
            if phrase_start and self._phrase_at(ctx, j, lex.list_end_phrases):
                break  # "rice to Afghanistan in exchange for coal": what follows goes the other way
            if j > i and self._time_phrase(ctx, j):
                break  # "exported wheat last year", "40 million tonnes of coal a year to Japan"
            if lower == "per" and ctx.at(j + 1) in lex.time_units:
                j += 2  # "barrels per day of crude oil": part of the quantity
                continue
            joiner = phrase_start and self._joiner(ctx, j)
            if joiner:
                j += joiner  # "such as", "as well as" join list items
                continue
            # "semi-finished products made of iron ($18.9m), bottles ...": a participle with its phrase
            # after an item's head is part of that item.
            post_modifier = (
                j > i
                and lex.is_participle(lower)
                and j not in ctx.goods_tokens
                and not self._goods_word(lower)  # "sunflower seeds and rapeseed to Iran"
                and (ctx.at(j + 1) in lex.item_boundaries or ctx.at(j + 1) in lex.list_prepositions)
            )
            if (
                lower in lex.item_stopwords
                and lower not in lex.list_introducers
                and lower not in lex.item_possessives
                and not post_modifier
                and not self._in_hyphenated_word(ctx, j)  # "ready-made garments", "made-up textile articles"
            ):
                if j > i and lex.is_participle(lower) and ctx.at(j + 1) in lex.item_boundaries | {"of"}:
                    # "products made of steel ($18.9 million), and bottles": a reduced relative ends this
                    # item only; the list goes on after the next comma.
                    comma = next((c for c in range(j, end) if ctx.lower[c] == ","), None)
                    if comma is not None and self._list_continues(ctx, comma, end):
                        return self.split(ctx, i, j) + self.after(ctx, comma + 1, end)
                break
            if j > i and lower in lex.copulas:
                break  # "importers of Kenyan tea are Pakistan and Egypt": the list ended
            if j > i and lex.is_participle(lower) and ctx.at(j + 1) in lex.object_determiners:
                break  # "corn and sunflower oil entered the port": a verb and its object follow
            party = ctx.party_at.get(j)
            if party is not None and party.possessive and party.end < end and j > i:
                break  # "... and China's largest supplier": a new noun phrase, not an item
            if lower in lex.amount_connectors and ctx.at(j + 1) == "of" and (j - 1) in ctx.quantity_at:
                j += 2  # "$400 million worth of cherries": the amount's goods follow
                continue
            if post_modifier or (
                lower in lex.item_boundaries
                and not self._boundary_inside_name(ctx, j)
                and not self._in_hyphenated_word(ctx, j)
            ):
                # "petroleum products extracted from bituminous materials, ethylene polymers, ...": the
                # phrase ends this item only; the list goes on after the next comma.
                comma = next(
                    (c for c in range(j, end) if ctx.text[c] == "," or ctx.lower[c] in lex.content_verbs),
                    None,
                )
                if comma is not None and ctx.text[comma] != "," and self._is_amount(ctx, j + 1):
                    # "were worth $3.9 billion and focused on cars, steel ...": the goods follow the verb
                    return self.split(ctx, i, j) + self.after(ctx, comma, end)
                amount_end = None if post_modifier else self._item_amount_end(ctx, j, end)
                if amount_end is not None and self._list_continues(ctx, amount_end, end):
                    # "cars to the value of 5.3 billion euros (+18%), toys worth $3 billion and furniture": an
                    # amount after an item belongs to it; the list goes on after the amount.
                    return self.split(ctx, i, j) + self.after(ctx, amount_end + 1, end)
                named_end = None if post_modifier else self._name_before_amount(ctx, j, end)
                if named_end is not None and self._list_continues(ctx, named_end + 1, end):
                    # "carbines with single smooth-bore barrels (N51.97 billion), motorcycles and cycles (...)":
                    # in a list of goods with their amounts in brackets, the words up to an item's amount
                    # are its name; the list goes on after it.
                    return self.split(ctx, i, j) + self.after(ctx, named_end + 1, end)
                inside_item = post_modifier or ctx.lower[j - 1].endswith("ed") or self._is_amount(ctx, j + 1)
                if (
                    not inside_item
                    or comma is None
                    or not self._list_continues(ctx, comma, end)
                    or (j + 1) in ctx.party_at
                ):
                    break
                return self.split(ctx, i, j) + self.after(ctx, comma + 1, end)
            if j > i and self._starts_trade_word(ctx, j):
                items = self.split(ctx, i, j)
                # "providing a steady market": words right before a trade noun modify it, they are not goods.
                is_agent = any(row.form == "agent" for row in lex.readings(lower))
                if is_agent and items and items[-1][1] == j and ctx.lower[j - 1] not in lex.list_separators:
                    items = items[:-1]
                return items
            j += 1
        return self.split(ctx, i, j)

    def before(self, ctx: DocContext, i: int, start: int, strict: bool) -> list[tuple[int, int]]:
        """The list ending at i: 'iron ore, LNG and wheat are brought', 'tea and rice exports'. `strict`
        (before a trade noun) keeps only items ending in a commodity word."""
        lex = self.lex
        trade_words = ctx.table.marks.get("trade_word")
        j = i
        while j > start and (
            ctx.lower[j - 1] in lex.be_forms
            or ctx.lower[j - 1].endswith("ly")
            or ctx.lower[j - 1] in lex.passive_fillers
            or ctx.lower[j - 1] in lex.list_adverbs
            or ctx.lower[j - 1] in lex.modal_verbs  # "dairy products can be exported"
        ):
            j -= 1
        k = j
        while k > start:
            t = k - 1
            lower = ctx.lower[t]
            if ctx.text[t] == ")" and strict:
                opening = next((o for o in range(t - 1, start - 1, -1) if ctx.text[o] in ("(", ")")), None)
                if opening is not None and ctx.text[opening] == "(" and opening > start:
                    k = opening  # "mineral (copper and zinc) exports": the examples are read by split
                    continue
            if ctx.text[t] in POSSESSIVE or ctx.text[t] in lex.list_end_marks or ctx.text[t] in ("(", ")"):
                break
            if lower == "of" and t > start and ctx.lower[t - 1] in lex.category_nouns:
                k -= 1  # "products of light industry": inside an item
                continue
            joiner = next(
                (n for n in (3, 2) if " ".join(ctx.lower[k - n : k]) in self.joiners),
                0,
            )
            if joiner and k - joiner > start:
                k -= joiner  # "building materials as well as products ...": the list goes on before it
                continue
            if lower in lex.noun_markers:
                break  # "the", "its", "of": the noun phrase of the goods begins after it
            party = ctx.party_at.get(t)
            if party is not None and party.is_demonym and not strict:
                k = party.start  # "Uzbek textile products are exported": the goods' origin
                continue
            if party is not None and lower != "and":
                if party.start > start and ctx.lower[party.start - 1] == "from" and not strict:
                    k = party.start - 1  # "cotton from Uzbekistan is sold to ...": skip the origin
                    continue
                break
            if (
                strict
                and lex.is_participle(lower)
                and lower not in lex.shared_head_modifiers
                and t not in ctx.goods_tokens
            ):
                break  # "halted palm oil exports": a verb, not part of the goods
            if lower in lex.item_boundaries and self._is_amount(ctx, k):
                k -= 1  # "wheat worth $200 million was exported": cleaning cuts the amount off later
                continue
            if lower in lex.item_stopwords or (lower in lex.item_boundaries and t not in ctx.goods_tokens):
                break
            if trade_words and trade_words[t].endswith(" verb"):
                break  # "traders bought Ukrainian corn for shipment to Spain": the verb's object starts after it
            if strict and not (
                t in ctx.goods_tokens
                or lower in lex.list_separators
                or lower in lex.shared_head_modifiers
                or self._goods_word(lower)
                or ctx.text[t] == "-"
            ):
                break  # "resume electricity exports", "significant tea imports": the words qualify the trade
            k -= 1
        items = self.split(ctx, k, j)
        if strict:
            # Only goods named by commodity words: "tea and basmati rice exports", not "non-oil exports".
            items = [_without_aside(ctx, s, e) for s, e in items]
            items = [(s, e) for s, e in items if (e - 1) in ctx.goods_tokens and not self._negated(ctx, s)]
        elif k > start:
            # The walk stopped at what follows an item's head ("petroleum coke from the plant in Y are
            # sent"): the subject may be a list whose items each carry such a phrase.
            items = max(items, self._subject_items(ctx, start, j), key=len)
        return items

    def _subject_items(self, ctx: DocContext, start: int, end: int) -> list[tuple[int, int]]:
        """A passive's subject written as a list of items that each carry a phrase after the head ('Urea
        produced in X, polyethylene and polypropylene from the plant in Y, petroleum coke from Z are sent
        to ...'): the items of [start, end) that name goods, read back from the verb while they do (cleaning
        cuts each at its first boundary). A piece that names only places or countries (the end of a
        phrase: 'from plants in Y and Z') is passed over."""
        items: list[tuple[int, int]] = []
        for s, e in reversed(self.split(ctx, start, end)):
            if self.clean(ctx, s, e, measurable=False) is not None:
                items.append((s, e))
            elif not all(t in ctx.party_at or ctx.lower[t] in self.lex.party_glue for t in range(s, e)):
                break
        return items[::-1]

    def lines(self, ctx: DocContext, colon: int) -> list[tuple[int, int]]:
        """Bullet lines after a colon, one item per line (cut at the first comma or bracket)."""
        lex = self.lex
        n = len(ctx)
        items: list[tuple[int, int]] = []
        i = colon + 1
        while i < n:
            while i < n and (ctx.flag("IS_SPACE", i) or ctx.text[i] in lex.bullets):
                i += 1
            if i >= n:
                break
            line_start = i
            while i < n and (i == line_start or not ctx.breaks_line(i - 1)):
                i += 1
            bulleted = any(
                ctx.text[b] in lex.bullets for b in range(max(colon + 1, line_start - 3), line_start)
            )
            if not bulleted and items:
                break
            cut = next((t for t in range(line_start, i) if ctx.text[t] in lex.line_item_ends), i)
            if cut > line_start:
                items.append((line_start, cut))
            if not any(ctx.text[b] in lex.bullets for b in range(i, min(n, i + 3))):
                break
        return items

    def split(self, ctx: DocContext, start: int, end: int) -> list[tuple[int, int]]:
        """Split a written list into items at separators, keeping shared heads ("fresh and dried fruits")."""
        lex = self.lex
        if end <= start:
            return []
        pieces: list[tuple[int, int]] = []
        depth = 0
        piece_start = i = start
        while i < end:
            text = ctx.lower[i]
            if text == "(":
                depth += 1
            elif text == ")":
                depth = max(0, depth - 1)
            elif depth == 0 and (text in lex.list_separators or text == SEMICOLON):
                pieces.append((piece_start, i))
                piece_start = i + 1
            elif depth == 0 and self._phrase_at(ctx, i, lex.list_joiners):
                length = self._phrase_at(ctx, i, lex.list_joiners)
                pieces.append((piece_start, i))
                i += length
                piece_start = i
                continue
            elif depth == 0 and self._phrase_at(ctx, i, lex.example_joiners):
                # "agricultural produce such as coffee": the examples, not the hypernym; the items listed
                # before the hypernym stay ("steel rods, farm produce such as apples, and carpets").
                i += self._phrase_at(ctx, i, lex.example_joiners)
                piece_start = i
                continue
            i += 1
        pieces.append((piece_start, end))
        pieces = [
            part for piece in pieces if piece[1] > piece[0] for part in self._bracketed_examples(ctx, piece)
        ]
        merged: list[tuple[int, int]] = []
        etc = next((k for k, (a, _) in enumerate(pieces) if ctx.lower[a] in ("etc", "etc.")), None)
        for k, piece in enumerate(pieces):
            # "fresh and dried fruits, cement" is one item and cement; but in "electrical, chemical and
            # textile products" the last "and" ends a list whose head is shared out (_shared_heads).
            final_conjunction = k == len(pieces) - 1 and k >= 2
            if merged and (
                (not final_conjunction and self._shares_head(ctx, merged[-1], piece))
                or self._inside_modifier(ctx, merged[-1], piece, etc is not None and k <= etc)
            ):
                merged[-1] = (merged[-1][0], piece[1])
            else:
                merged.append(piece)
        return merged

    def _inside_modifier(
        self, ctx: DocContext, left: tuple[int, int], right: tuple[int, int], before_etc: bool
    ) -> bool:
        """Whether the piece on the right goes on the modifier after the head of the item on the left, as
        the long names of customs statistics write them: "products of iron or non-alloy steel",
        "machinery for working rubber or plastics", "machines for cleaning, sorting or grading seed",
        "equipment for the generation and distribution of electricity", "machine-tools for working wood,
        cork, bone, etc" (`before_etc`: the list ends in "etc" after the right piece)."""
        lex = self.lex
        prep = next(
            (t for t in range(left[0] + 1, left[1] - 1) if ctx.lower[t] in lex.head_prepositions), None
        )
        if prep is None or right[0] == 0:
            return False
        joiner, first, last = ctx.lower[right[0] - 1], ctx.lower[right[0]], ctx.lower[left[1] - 1]
        abstract = tuple(lex.abstract_suffixes)
        gerund = ctx.lower[prep] == "for" and ctx.lower[prep + 1].endswith("ing")
        return (
            joiner == "or"
            or (last.endswith(abstract) and first.endswith((*abstract, "ing")))
            or (gerund and (before_etc or (first.endswith("ing") and not self._goods_word(first))))
        )

    def _bracketed_examples(self, ctx: DocContext, piece: tuple[int, int]) -> list[tuple[int, int]]:
        """'minerals (copper and zinc)': a list of goods in brackets after an item names its examples, which
        replace it as "such as" does. A single word in brackets is a gloss ('bangus (milk fish)') and an
        amount an aside ('furniture ($200 million)'): the item stays."""
        start, end = piece
        if ctx.text[end - 1] != ")":
            return [piece]
        opening = next((t for t in range(end - 2, start, -1) if ctx.text[t] == "("), None)
        if opening is None or any(ctx.text[t] in ("(", ")") for t in range(opening + 1, end - 1)):
            return [piece]
        inner = range(opening + 1, end - 1)
        if any(self._is_amount(ctx, t) for t in inner) or not any(t in ctx.goods_tokens for t in inner):
            return [piece]
        examples = self.split(ctx, opening + 1, end - 1)
        return examples if len(examples) >= 2 else [piece]

    # -- cleaning an item ----------------------------------------------------------------------------------
    def clean(
        self, ctx: DocContext, start: int, end: int, head: str | None = None, measurable: bool = True
    ) -> Goods | None:
        """Trim an item to the commodity's name (with a shared `head` added); None when it is not goods.
        With `measurable`, what an amount in front measures counts as goods whatever its name."""
        lex = self.lex
        measured = False
        item_start = start
        if "(" in ctx.text[start:end]:
            end = ctx.text.index("(", start, end)  # "(+35%)", "(oil and gas)", "($17.3 million)"
        dashes = lex.amount_dashes
        dash = next(
            (t for t in range(start + 1, end) if ctx.text[t] in dashes and self._amount_dash(ctx, t)), None
        )
        if dash is not None:
            end = dash  # table-like line items: "copper ore – $1.6 billion (31.7%), natural gas – ..."
        origin: str | None = None
        quantity: Quantity | None = None
        changed = True
        while changed and start < end:
            changed = False
            lower = ctx.lower[start]
            amount = ctx.quantity_at.get(start)
            if (
                ctx.at(start + 1) == "of"
                and start + 1 < end
                and (
                    lower in lex.quantity_units
                    or lower in lex.vague_goods
                    or lower in lex.item_lead_words
                    or lex.readings(lower)
                )
            ):
                start += 2  # "shiploads of", "most of", "export of grain", "supplies of gas"
                changed = True
            elif amount is not None:
                start = amount[1]
                quantity = amount[2] or quantity
                start = self._after_amount(ctx, start, end)
                measured = measurable and ctx.at(start - 1) == "of"
                changed = True
            elif (
                lower in lex.item_lead_words
                or lower in lex.quantity_hedges
                or lex.is_ranking(lower)
                or (lex.readings(lower) and lex.is_participle(lower))  # "imported cars", "exported cherries"
                or ctx.flag("IS_PUNCT", start)
                or ctx.flag("IS_SPACE", start)
                or (lower == "of" and start + 1 < end and self._is_number(ctx, start + 1))
            ):
                start += 1
                changed = True
            elif self._is_number(ctx, start) or lower in lex.percent_words:
                start += 1  # a count the values component read no unit for: "two tankers", "36 per cent"
                while start < end and (self._is_number(ctx, start) or ctx.lower[start] in lex.percent_words):
                    start += 1
                start = self._after_amount(ctx, start, end)
                changed = True
            elif start in ctx.party_at:
                party = ctx.party_at[start]
                origin = origin or party.iso3
                start = party.end + (1 if party.possessive else 0)
                changed = True
        # Boundaries inside: "grain at more than $55 million", "goods worth 33.7bn riyals"; an amount after
        # the name ends it too, as in table-like lists: "natural gas – $1.3 billion (26.6%), barley $56.7m".
        cut = next(
            (
                t
                for t in range(start + 1, end)
                if (
                    ctx.lower[t] in lex.item_boundaries
                    and not self._boundary_inside_name(ctx, t)
                    and not self._in_hyphenated_word(ctx, t)
                )
                or t in ctx.quantity_at
                or self._time_phrase(ctx, t)
            ),
            None,
        )
        if cut is not None:
            origin = origin or self._origin_after(ctx, cut, end)
            end = cut
        keep = []
        for i in range(start, end):
            party = ctx.party_at.get(i)
            if party is not None and party.possessive:
                return None  # "China's largest supplier" is a noun phrase about China, not goods
            if party is not None:
                origin = origin or party.iso3  # "orthodox Indian teas"
                continue
            keep.append(i)
        while end > start and (
            ctx.lower[end - 1] in lex.item_lead_words
            or ctx.lower[end - 1] in lex.function_words
            or ctx.flag("IS_PUNCT", end - 1)
            or ctx.lower[end - 1] in lex.trailing_junk
            or (end - 1 > start and any(row.form == "noun" for row in lex.readings(ctx.lower[end - 1])))
        ):  # ... and "milk powder exports were sent": the goods of a trade noun
            end -= 1
        space = ctx.table.cells["IS_SPACE"]
        keep = [i for i in keep if i < end and not space[i]]
        keep = self._trim_tail(ctx, keep)
        if not keep:
            return None
        text = (
            " ".join(ctx.lower[i] for i in keep)
            .replace(" - ", "-")
            .replace(" -", "-")
            .replace("- ", "-")
            .replace(" ,", ",")
        )
        if head is not None:
            text = f"{text} {head}"
        strong = head is None and self._in_strong_slot(ctx, item_start, keep)
        if not self._is_goods(ctx, keep, text, measured, head is not None, strong):
            return None
        return Goods(keep[0], keep[-1] + 1, text, origin, quantity)

    def _origin_after(self, ctx: DocContext, t: int, end: int) -> str | None:
        """The country a phrase after the head names as the goods' origin: "oil from Iraq", "urea produced
        in Turkmenistan's Garabogaz city" (not "wheat in Kazakhstan": stocks there, not its origin)."""
        lex = self.lex
        word = ctx.lower[t]
        if word not in lex.origin_prepositions and not (
            word in lex.origin_participle_prepositions and lex.is_participle(ctx.at(t - 1))
        ):
            return None
        i = t + 1
        while i < end and ctx.lower[i] in lex.party_glue:
            i += 1
        party = ctx.party_at.get(i) if i < end else None
        return party.iso3 if party is not None and not party.is_group else None

    def _trim_tail(self, ctx: DocContext, keep: list[int]) -> list[int]:
        """Drop participles and adverbs after the head: "eggplants grown", "citrus annually"."""
        lex = self.lex
        while len(keep) > 1:
            word = ctx.lower[keep[-1]]
            if keep[-1] in ctx.goods_tokens or singularize(word) in self.heads:
                break
            if not (word.endswith("ly") or lex.is_participle(word) or word in lex.trailing_junk):
                break
            keep = keep[:-1]
        return keep

    def _is_goods(
        self,
        ctx: DocContext,
        tokens: list[int],
        text: str,
        measured: bool = False,
        shared_head: bool = False,
        strong: bool = False,
    ) -> bool:
        """A commodity: a noun phrase whose head is a goods word, or what an amount measures, or (in a
        strong goods slot) a phrase whose head is a plain noun no word list knows as anything else."""
        lex = self.lex
        words = text.split()
        if not words or len([w for w in words if w not in lex.function_words]) > MAX_ITEM_WORDS:
            return False
        joined = "".join(words)
        if not any(map(str.isalpha, joined)) or any(map(str.isdigit, joined)):
            return False
        # (set tests over the words: called for every item of every list)
        if not lex.item_stopwords.isdisjoint(words) or lex.function_words.issuperset(words):
            return False  # "..., of which 1.2 million tonnes went to China"
        if not lex.organization_words.isdisjoint(words) or any(ctx.text[t] in POSSESSIVE for t in tokens):
            return False
        # The head is the last word, or the last word before "for"/"of" ("components for machines").
        heads = [words[-1]] + [
            words[k - 1] for k, w in enumerate(words) if w in lex.head_prepositions and k > 0
        ]
        if not lex.non_goods_heads.isdisjoint(heads) or not lex.non_goods_words.isdisjoint(words):
            return False
        # A shared head distributed over adjectives ("electrical products") comes from a list of goods.
        specific = shared_head or not ctx.goods_tokens.isdisjoint(tokens)
        if words[-1] in lex.vague_goods or lex.vague_goods.issuperset(words):
            # "dairy products", "tobacco products" are specific; "non-oil goods", "other items" are not.
            return text not in lex.vague_goods and specific
        first = tokens[0]
        if (
            ctx.flag("IS_TITLE", first)
            and not ctx.table.columns["IS_SENT_START"][first]
            and all(ctx.flag("IS_TITLE", t) or not ctx.flag("IS_ALPHA", t) for t in tokens)
            and not specific
        ):
            return False  # a capitalised name: a person, a company
        # A commodity is a noun phrase whose head is a goods word (or what an amount measures).
        if measured or tokens[-1] in ctx.goods_tokens or any(self._goods_word(h) for h in heads):
            return True
        return strong and len(words) <= STRONG_SLOT_WORDS and self._plausible_head(words[-1])

    def _in_strong_slot(self, ctx: DocContext, item_start: int, keep: list[int]) -> bool:
        """The item is the whole object of a trade word and a country follows it: "exports of X to Y",
        "imported X from Y", "shipped 2,000 tonnes of X to Y". There an unknown noun names the goods."""
        after = keep[-1] + 1
        if ctx.at(after) not in self.lex.route_to_party:
            return False
        party = after + 1 + (ctx.at(after + 1) == "the")
        if party not in ctx.party_at or ctx.party_at[party].possessive:
            return False
        before = item_start - 1
        marked = ctx.table.marks.get("trade_word")
        if not marked or before < 1:
            return False
        if ctx.at(before) == "of":
            return marked[before - 1].endswith(("noun", "agent"))
        return marked[before].endswith(("verb", "passive"))

    def _plausible_head(self, word: str) -> bool:
        """A lower-case plural noun that may name goods: not a word of any list that says what else it is
        (non-goods heads, vague goods, units, time words, function words, trade words, ...), no adverb,
        gerund or participle, no abstract noun ('inflation', 'instability'). Plural, because a count noun
        in the plural names things; a singular unknown word in the slot is as often a mass of something
        abstract ('imported inflation', 'exported talent')."""
        lex = self.lex
        last = word.rpartition("-")[2]  # 'e-bikes'
        if not (word.replace("-", "").isalpha() and word.islower() and len(last) >= 4) or last.endswith(
            ("ly", "ing", "ed")
        ):
            return False
        singular = singularize(word)
        if singular == word or singular.endswith(tuple(lex.abstract_suffixes)):
            return False
        return not any(
            w in words
            for w in (word, singular)
            for words in (
                lex.non_goods_heads,
                lex.non_goods_words,
                lex.vague_goods,
                lex.item_stopwords,
                lex.function_words,
                lex.item_lead_words,
                lex.quantity_units,
                lex.quantity_hedges,
                lex.time_units,
                lex.number_words,
                lex.trailing_junk,
                lex.rankings,
                lex.worldwide_words,
                lex.country_nouns,
                lex.demonym_heads,
            )
        ) and not lex.readings(word)

    def _goods_word(self, word: str) -> bool:
        return singularize(word) in self.heads or singularize(word.rpartition("-")[2]) in self.heads

    # -- small readings -------------------------------------------------------------------------------------
    def _after_amount(self, ctx: DocContext, i: int, end: int) -> int:
        """Past what follows an amount before its goods: "per day", "worth", "of"."""
        lex = self.lex
        while i < end:
            if ctx.lower[i] == "per" and ctx.at(i + 1) in lex.time_units:
                i += 2
            elif self._in_hyphenated_word(ctx, i + 2) and "".join(ctx.lower[i : i + 3]) in lex.quantity_units:
                i += 3  # "kilowatt-hours" is three tokens
            elif (
                ctx.lower[i] in lex.amount_connectors
                or ctx.lower[i] in lex.quantity_units
                or ctx.lower[i] in lex.percent_words
            ):
                i += 1
            elif ctx.lower[i] == "of":
                return i + 1
            else:
                return i
        return i

    def _time_phrase(self, ctx: DocContext, i: int) -> bool:
        """A time phrase begins at i: "last year", "this season", "every winter", "the past two months"."""
        lex = self.lex
        if ctx.lower[i] not in lex.time_determiners:
            return False
        after = i + 1
        if self._is_number(ctx, after) or ctx.at(after) in lex.number_words:
            after += 1  # "the last two years"
        return ctx.at(after) in lex.time_nouns

    def _is_number(self, ctx: DocContext, i: int) -> bool:
        return ctx.flag("LIKE_NUM", i) or ctx.at(i) in self.lex.number_words

    def _joiner(self, ctx: DocContext, j: int) -> int:
        return self._phrase_at(ctx, j, self.lex.list_joiners) or self._phrase_at(
            ctx, j, self.lex.example_joiners
        )

    def _phrase_at(self, ctx: DocContext, i: int, phrases: frozenset[str]) -> int:
        """The number of tokens of the phrase of `phrases` starting at i (0 if none)."""
        if ctx.lower[i] not in self.phrase_starts:
            return 0
        for length in (3, 2):
            if " ".join(ctx.lower[i : i + length]) in phrases:
                return length
        return 0

    def _skip_parties(self, ctx: DocContext, i: int, end: int) -> int:
        """Past 'to Uzbekistan', 'from India' between a verb and its goods."""
        while i < end and ctx.lower[i] in ("to", "from", "into", "for"):
            j = i + 1
            while j < end and (ctx.lower[j] in self.lex.party_glue or j in ctx.party_at):
                j += 1
            if not any(k in ctx.party_at for k in range(i + 1, j)):
                break
            while j < end and ctx.lower[j] in self.lex.demonym_heads:
                j += 1
            i = j
        return i

    def _skip_recipient(self, ctx: DocContext, i: int, end: int) -> int:
        """Past the countries a giving verb names as its first object before an amount: "sold Iran and
        Afghanistan about 500,000 tonnes of flour" (not a possessive or a demonym: "Egypt's mills",
        "Kazakh wheat")."""
        j = i
        while j < end and (j in ctx.party_at or (j > i and ctx.lower[j] in self.lex.party_glue)):
            party = ctx.party_at.get(j)
            if party is not None and (party.possessive or party.kind != "country"):
                return i
            j += 1
        if (
            j > i
            and j < end
            and (j in ctx.quantity_at or ctx.lower[j] in self.lex.quantity_hedges or self._is_number(ctx, j))
        ):
            return j
        return i

    def _past_amount(self, ctx: DocContext, i: int, end: int) -> int:
        """Past an amount that opens a list item ("over 2 million tonnes of", "about 60 percent of its",
        "88 per cent more"); i itself when no number is there. Cleaning trims it off the item later."""
        lex = self.lex
        j, counted = i, False
        while j < end:
            lower = ctx.lower[j]
            if j in ctx.quantity_at:
                j, counted = ctx.quantity_at[j][1], True
            elif lower == "per" and ctx.at(j + 1) in lex.time_units:
                j += 2  # "barrels per day of"
            elif self._is_number(ctx, j) and not ctx.flag("IS_ALPHA", j) or lower in lex.number_words:
                j, counted = j + 1, True
            elif (
                lower in lex.quantity_hedges
                or lower in lex.percent_words
                or lower in lex.quantity_units
                or lower in lex.item_lead_words  # "a further 50,000 tonnes of", "a record 10,000 tons of"
                or (counted and (lower == "of" or lower in lex.item_possessives))
            ):
                j += 1
            else:
                break
        return j if counted else i

    def _amount_dash(self, ctx: DocContext, t: int) -> bool:
        """A dash between an item and its amount ("copper ore – $1.6 billion"), not a hyphen in a word."""
        return (
            ctx.text[t] in self.lex.amount_dashes
            and t not in ctx.quantity_at
            and not self._in_hyphenated_word(ctx, t + 1)
            and self._is_amount(ctx, t + 1)
        )

    def _in_hyphenated_word(self, ctx: DocContext, j: int) -> bool:
        """Token j is a part of a hyphenated word written without spaces ("made" in "ready-made" and
        "made-up", "to" in "ready-to-eat")."""
        doc = ctx.doc
        after = (
            j >= 2 and ctx.text[j - 1] == "-" and not doc[j - 2].whitespace_ and not doc[j - 1].whitespace_
        )
        before = (
            j + 2 < len(ctx)
            and ctx.text[j + 1] == "-"
            and not doc[j].whitespace_
            and not doc[j + 1].whitespace_
        )
        return after or before

    def _is_amount(self, ctx: DocContext, i: int) -> bool:
        """A number, money or hedged amount starts at i ("at more than $55 million", "worth 96 million",
        "to the value of 5.3 billion euros")."""
        while i < len(ctx) and ctx.lower[i] in self.lex.quantity_hedges:
            i += 1
        if ctx.at(i) in self.lex.item_lead_words and ctx.at(i + 1) in self.lex.value_nouns:
            i += 1
        if ctx.at(i) in self.lex.value_nouns and ctx.at(i + 1) == "of":
            i += 2  # "to the value of", "in the amount of"
        return i < len(ctx) and (
            i in ctx.quantity_at
            or ctx.flag("LIKE_NUM", i)
            or ctx.flag("IS_CURRENCY", i)
            or any(ch.isdigit() for ch in ctx.text[i])
        )

    def _name_before_amount(self, ctx: DocContext, j: int, end: int) -> int | None:
        """Where the bracketed amount of an item ends, when lower-case words run from the item boundary at j
        to it and a list separator follows it ("with single smooth-bore barrels (valued at N52 billion),"):
        the index of the closing bracket; None otherwise."""
        k = j + 1
        while k < min(end, j + 1 + MAX_ITEM_WORDS) and ctx.text[k] != "(":
            if not (ctx.text[k] == "-" or (ctx.flag("IS_ALPHA", k) and ctx.flag("IS_LOWER", k))):
                return None
            k += 1
        if k >= end or ctx.text[k] != "(" or k == j + 1:
            return None
        close = next((c for c in range(k + 1, end) if ctx.text[c] == ")"), None)
        if close is None or not any(self._is_amount(ctx, t) for t in range(k + 1, close)):
            return None
        return close if ctx.at(close + 1) in self.lex.list_separators else None

    def _item_amount_end(self, ctx: DocContext, j: int, end: int) -> int | None:
        """Where an amount that the item boundary at j introduces ends, when a list separator follows it
        ("worth $3 billion, ...", "at 48% and ...", "to the value of 5.3 billion euros (+18.3%), ..."):
        the index of that separator; None if no amount follows j or no separator follows the amount."""
        lex = self.lex
        k = j + 1
        phrase = next((n for n in (3, 2) if " ".join(ctx.lower[k : k + n]) in lex.amount_phrases), 0)
        k += phrase
        while k < end and ctx.lower[k] in lex.quantity_hedges:
            k += 1
        if k >= end or not self._is_amount(ctx, k):
            return None
        span = ctx.quantity_at.get(k)
        k = span[1] if span is not None and span[1] > k else k + 1
        while k < end and (
            self._is_number(ctx, k) or ctx.lower[k] in lex.quantity_units or ctx.lower[k] in lex.percent_words
        ):
            k += 1
        if k < end and ctx.text[k] == "(":
            close = next((c for c in range(k, end) if ctx.text[c] == ")"), None)
            if close is None:
                return None
            k = close + 1
        if k < end and ctx.lower[k] in lex.list_separators:
            return k
        return None

    def _list_continues(self, ctx: DocContext, comma: int, end: int) -> bool:
        """After a comma, is there another item of the same list (not a new clause, date or place)?"""
        nxt = comma + 1
        if nxt >= end:
            return False
        word = ctx.lower[nxt]
        if word in self.lex.item_stopwords or word in self.lex.item_boundaries:
            return False
        return ctx.flag("IS_LOWER", nxt) or nxt in ctx.goods_tokens

    def _boundary_inside_name(self, ctx: DocContext, j: int) -> bool:
        """'components for machines': 'for' followed by a plain noun stays inside the item."""
        if ctx.lower[j] == "per" and ctx.at(j + 1) in self.lex.time_units:
            return True  # "barrels per day of crude oil"
        if ctx.lower[j] != "for" or j + 1 >= len(ctx):
            return False
        if ctx.lower[j + 1] == "the" and ctx.at(j + 2).endswith(tuple(self.lex.abstract_suffixes)):
            return True  # "equipment for the generation and distribution of electricity": a process
        return (
            ctx.flag("IS_ALPHA", j + 1)
            and ctx.flag("IS_LOWER", j + 1)
            and ctx.lower[j + 1] not in self.lex.item_lead_words
        )

    def _starts_trade_word(self, ctx: DocContext, j: int) -> bool:
        """A trade word (as marked: "re-exports" is three tokens) or a word of the trade lexicon starts at j."""
        marked = ctx.table.marks.get("trade_word")
        starts = bool(marked) and bool(marked[j]) and not (j > 0 and marked[j - 1])
        return (starts or bool(self.lex.readings(ctx.lower[j]))) and ctx.flag("IS_LOWER", j)

    def _negated(self, ctx: DocContext, i: int) -> bool:
        """'non-oil exports': the goods named are the ones left out."""
        return ctx.at(i - 1) in ("non", "non-") or (ctx.at(i - 1) == "-" and ctx.at(i - 2) == "non")

    def _shares_head(self, ctx: DocContext, left: tuple[int, int], right: tuple[int, int]) -> bool:
        """'fresh' + 'dried fruits' -> 'fresh and dried fruits'."""
        if left[1] - left[0] != 1 or right[1] - right[0] < 2:
            return False
        word = ctx.lower[left[0]]
        if word not in self.lex.shared_head_modifiers or ctx.lower[left[1]] not in ("and", "or"):
            return False
        if left[0] not in ctx.goods_tokens:
            return True  # "fresh and dried fruits", "precious or semi-precious metals"
        # A word that is goods on its own shares the head only where the pair is itself a name of goods:
        # "mineral and chemical fertilizers" (mineral fertilizers), not "cotton and dried fruit".
        return normalize_commodity(f"{word} {ctx.lower[right[1] - 1]}") in self.known_goods


def _section(word: str) -> str | None:
    """The HS section of a one-word commodity ("iron", "steel": XV), None for a word that names none."""
    return hs_for_commodity(word)[1]


def _without_aside(ctx: DocContext, start: int, end: int) -> tuple[int, int]:
    """The item without a bracketed aside at its end: "soybean (2 million tonnes)" -> "soybean"."""
    if ctx.text[end - 1] != ")":
        return start, end
    opening = next((t for t in range(end - 2, start, -1) if ctx.text[t] == "("), None)
    return (start, opening) if opening is not None else (start, end)
