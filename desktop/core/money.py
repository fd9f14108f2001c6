"""Money amounts: minor units from providers, and display formats.

Amounts are Decimals everywhere; floats never touch money. Providers that send integers in
the currency's smallest unit (Stripe, Pagar.me, PagBank) are converted with
`from_minor_units`, which knows the currencies that have no cents.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# ISO 4217 currencies without a minor unit (also Stripe's "zero-decimal" list): 1000 JPY is
# sent as 1000, not 100000.
_ZERO_DECIMAL = frozenset(
    "BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF".split()  # noqa: SIM905
)
# Currencies with three decimals (Stripe sends them in thousandths).
_THREE_DECIMAL = frozenset(["BHD", "JOD", "KWD", "OMR", "TND"])


def minor_unit_exponent(currency: str | None) -> int:
    """How many decimals the currency has: 2 unless it is one of the known exceptions."""
    code = (currency or "").upper()
    if code in _ZERO_DECIMAL:
        return 0
    if code in _THREE_DECIMAL:
        return 3
    return 2


def from_minor_units(value: int | Decimal, currency: str | None) -> Decimal:
    """14990 (cents) in BRL -> Decimal('149.90'); 1000 in JPY -> Decimal('1000')."""
    # scaleb keeps the digits: Decimal(14990).scaleb(-2) is Decimal('149.90'), cents included.
    return Decimal(value).scaleb(-minor_unit_exponent(currency))


def _as_decimal(amount: Decimal | str | int | float) -> Decimal | None:
    # Rows read back from storage may carry the amount as text ('149.90'); accept it.
    try:
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def _grouped(amount: Decimal, decimals: int) -> str:
    """'1,234.56' (English grouping); callers swap separators for pt-BR."""
    step = Decimal(1).scaleb(-decimals)
    try:
        rounded = amount.quantize(step, rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than the decimal context holds
        return str(amount)
    return f"{rounded:,.{decimals}f}"


def format_brl(amount: Decimal) -> str:
    """Brazilian real in pt-BR style: Decimal('1234.56') -> 'R$ 1.234,56'; negatives '-R$ 10,00'."""
    value = _as_decimal(amount)
    if value is None:
        return str(amount)
    text = _grouped(abs(value), 2).translate(str.maketrans(",.", ".,"))
    return f"{'-' if value < 0 else ''}R$ {text}"


def format_plain(amount: Decimal, currency: str | None) -> str:
    """Other currencies, locale-neutral: 'USD 1,234.56', 'JPY 1,235'; no currency -> '1,234.56'."""
    value = _as_decimal(amount)
    if value is None:
        return str(amount)
    text = _grouped(value, minor_unit_exponent(currency))
    return f"{currency.upper()} {text}" if currency else text


def format_amount(amount: Decimal | str | int | float | None, currency: str | None) -> str:
    """The display form used by the tables and the inspector ('' when there is no amount)."""
    if amount is None:
        return ""
    value = _as_decimal(amount)
    if value is None:
        return str(amount)
    if (currency or "").upper() == "BRL":
        return format_brl(value)
    return format_plain(value, currency)
