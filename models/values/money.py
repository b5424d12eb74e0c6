"""Amounts of money (元): exact decimals, never floats.

Stored as canonical text ("1200", "1200.5" is stored "1200.50"), read back as ``Decimal``, and
written as the official forms write them: whole yuan plainly ("1200"), amounts with jiao and fen
to two places with thousands separators ("1,200.50").
"""
from __future__ import annotations

import decimal
import unicodedata

CENT = decimal.Decimal("0.01")
LIMIT = decimal.Decimal("1e12")  # a trillion yuan: anything above is a typing slip


def parse_money(raw) -> decimal.Decimal:
    """An amount from input ("1200", "1,200.5", "１２００", 1200.0); ValueError when it is not a
    non-negative amount with at most two decimal places."""
    text = unicodedata.normalize("NFKC", str(raw)).strip().replace(",", "").replace("元", "").strip()
    try:
        value = decimal.Decimal(text)
    except decimal.InvalidOperation:
        raise ValueError(raw) from None
    if not value.is_finite() or value < 0 or value >= LIMIT or value != value.quantize(CENT):
        raise ValueError(raw)
    return value.quantize(CENT)


def money_stored(value: decimal.Decimal) -> str:
    """The canonical text kept in the archive: no trailing ".00" for whole yuan."""
    value = value.quantize(CENT)
    return str(value.to_integral_value()) if value == value.to_integral_value() else str(value)


def money_text(value, *, unit: bool = False) -> str:
    """"1200", "1,200.50"; with ``unit`` "1200 元". Anything that is not an amount is shown as is."""
    try:
        amount = parse_money(value)
    except ValueError:
        return str(value)
    whole = amount == amount.to_integral_value()
    text = f"{amount.to_integral_value()}" if whole else f"{amount:,.2f}"
    return f"{text} 元" if unit else text
