"""Money amounts: minor units from providers, and display formats.

Amounts are Decimals everywhere; floats never touch money. Providers that send integers in
the currency's smallest unit (Stripe, Pagar.me, PagBank) are converted with
`from_minor_units`, which knows the currencies that have no cents.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# Bounds on an amount a payload may claim (the hostile-input rule: every derived value is
# bounded). A quadrillion in any currency is far beyond any real payment, and 28 digits is the
# default decimal context's precision, so sums of bounded amounts stay exact and can never
# raise decimal.Overflow ('1e999999999' is finite, and used to stop the totals).
MAX_INTEGER_DIGITS = 15
MAX_DECIMALS = 12
MAX_DIGITS = 28
MAX_AMOUNT_TEXT = 64  # longer text is not parsed at all (a 100,000-digit string costs time)
OUT_OF_RANGE_NOTE = "not a usable amount"

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


def bounded_amount(value: Decimal | str | int | None) -> Decimal | None:
    """`value` as a Decimal when it is a plausible amount, else None.

    Plausible: finite, under 10**15 in size, at most 12 decimals and 28 digits in all. A zero
    with an absurd exponent ('0E-999999') is just zero.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        if len(text) > MAX_AMOUNT_TEXT:
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            return None
    elif isinstance(value, int):
        # Counted on the int itself: a 100,000-digit int is never converted.
        if abs(value) >= 10**MAX_INTEGER_DIGITS:
            return None
        value = Decimal(value)
    if not value.is_finite():
        return None
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # only NaN and infinities have a str exponent
        return None
    if value.is_zero():
        return value if -MAX_DECIMALS <= exponent <= 0 else Decimal(0)
    if exponent < -MAX_DECIMALS or len(digits) > MAX_DIGITS:
        return None
    return value if value.adjusted() < MAX_INTEGER_DIGITS else None


def _as_decimal(amount: Decimal | str | int | float) -> Decimal | None:
    # Rows read back from storage may carry the amount as text ('149.90'); accept it. Floats
    # never reach here from payloads (parse_json reads them as Decimal), but accept them too.
    if isinstance(amount, float):
        amount = str(amount)
    return bounded_amount(amount)


def _grouped(amount: Decimal, decimals: int) -> str:
    """'1,234.56' (English grouping); callers swap separators for pt-BR. Only bounded amounts
    get here, so quantize cannot overflow the decimal context."""
    rounded = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}"


def unusable_amount_text(amount: object, limit: int = 24) -> str:
    """How a stored value that is not a usable amount is shown: the start of its text (never
    the whole of a 100,000-digit string) and a note saying why it is not a number here."""
    text = str(amount) if not isinstance(amount, int) or abs(amount) < 10**limit else "<huge integer>"
    shown = text[:limit] + ("…" if len(text) > limit else "")
    return f"{shown} ({OUT_OF_RANGE_NOTE})"


def format_brl(amount: Decimal) -> str:
    """Brazilian real in pt-BR style: Decimal('1234.56') -> 'R$ 1.234,56'; negatives '-R$ 10,00'."""
    value = _as_decimal(amount)
    if value is None:
        return unusable_amount_text(amount)
    text = _grouped(abs(value), 2).translate(str.maketrans(",.", ".,"))
    return f"{'-' if value < 0 else ''}R$ {text}"


def format_plain(amount: Decimal, currency: str | None) -> str:
    """Other currencies, locale-neutral: 'USD 1,234.56', 'JPY 1,235'; no currency -> '1,234.56'."""
    value = _as_decimal(amount)
    if value is None:
        return unusable_amount_text(amount)
    text = _grouped(value, minor_unit_exponent(currency))
    return f"{currency.upper()} {text}" if currency else text


def format_amount(amount: Decimal | str | int | float | None, currency: str | None) -> str:
    """The display form used by the tables and the inspector ('' when there is no amount)."""
    if amount is None:
        return ""
    value = _as_decimal(amount)
    if value is None:
        return unusable_amount_text(amount)
    if (currency or "").upper() == "BRL":
        return format_brl(value)
    return format_plain(value, currency)
