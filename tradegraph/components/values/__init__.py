"""Money, quantities, and the stated values of trade between two countries.

Two components, one contract on the Doc:

- `tg_values` (money.py, before tg_flows) writes doc.spans["money"] (label = ISO 4217 code) with doc._.money
  (list[Money]: span, value, currency, written form, the amount a bracketed conversion converts, the upper
  end of a range), and doc.spans["quantities"] (label = unit) with doc._.quantities
  (list[tuple[Span, Quantity]]); it requires doc._.home (a currency form some countries read otherwise).
- `tg_trade_values` (reader.py, after tg_flows; requires doc._.home) writes doc._.trade_values
  (list[TradeValue]) and sets TradeFlow.value where an amount prices one commodity's flow.

parties.py reads who is on each side of a value, periods.py the period an amount is stated for.
"""

from tradegraph.components.values.money import Money, make_values
from tradegraph.components.values.periods import read_period
from tradegraph.components.values.reader import make_trade_values

__all__ = ["Money", "make_trade_values", "make_values", "read_period"]
