"""Brazilian taxpayer numbers: CPF (people, 11 digits) and CNPJ (companies, 14 digits).

Both end in two check digits computed with mod 11 over weighted digits (Receita Federal's
rule), so a made-up number almost never passes. `simulate` builds numbers that do pass, and
the check functions let tests (and anyone reading a payload) tell a real-looking one from noise.
Only the numeric CNPJ is handled; the alphanumeric CNPJ announced for 2026 is not needed here.
"""

from __future__ import annotations

import random

_CPF_WEIGHTS_1 = tuple(range(10, 1, -1))  # 10..2 over the first nine digits
_CPF_WEIGHTS_2 = tuple(range(11, 1, -1))  # 11..2 over the first ten
_CNPJ_WEIGHTS_1 = (5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)
_CNPJ_WEIGHTS_2 = (6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2)


def _check_digit(digits: list[int], weights: tuple[int, ...]) -> int:
    rest = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    return 0 if rest < 2 else 11 - rest


def only_digits(text: str) -> str:
    """'123.456.789-09' -> '12345678909' (the usual punctuation dropped)."""
    return "".join(ch for ch in text if ch.isdigit())


def is_valid_cpf(text: str) -> bool:
    """True when `text` (punctuated or not) is a CPF whose check digits are right."""
    number = only_digits(text)
    # A run of one digit (111.111.111-11) passes the arithmetic but is never issued.
    if len(number) != 11 or len(set(number)) == 1:
        return False
    digits = [int(ch) for ch in number]
    first = _check_digit(digits[:9], _CPF_WEIGHTS_1)
    second = _check_digit([*digits[:9], first], _CPF_WEIGHTS_2)
    return digits[9:] == [first, second]


def is_valid_cnpj(text: str) -> bool:
    """True when `text` (punctuated or not) is a numeric CNPJ whose check digits are right."""
    number = only_digits(text)
    if len(number) != 14 or len(set(number)) == 1:
        return False
    digits = [int(ch) for ch in number]
    first = _check_digit(digits[:12], _CNPJ_WEIGHTS_1)
    second = _check_digit([*digits[:12], first], _CNPJ_WEIGHTS_2)
    return digits[12:] == [first, second]


def make_cpf(rng: random.Random) -> str:
    """A random CPF with valid check digits, digits only (as payment APIs send it)."""
    while True:
        base = [rng.randrange(10) for _ in range(9)]
        if len(set(base)) > 1:
            break
    first = _check_digit(base, _CPF_WEIGHTS_1)
    second = _check_digit([*base, first], _CPF_WEIGHTS_2)
    return "".join(map(str, [*base, first, second]))


def make_cnpj(rng: random.Random) -> str:
    """A random CNPJ of a head office (branch 0001) with valid check digits, digits only."""
    base = [rng.randrange(10) for _ in range(8)] + [0, 0, 0, 1]
    first = _check_digit(base, _CNPJ_WEIGHTS_1)
    second = _check_digit([*base, first], _CNPJ_WEIGHTS_2)
    return "".join(map(str, [*base, first, second]))


def format_cpf(number: str) -> str:
    """'12345678909' -> '123.456.789-09'."""
    d = only_digits(number)
    return f"{d[:3]}.{d[3:6]}.{d[6:9]}-{d[9:]}"


def format_cnpj(number: str) -> str:
    """'11222333000181' -> '11.222.333/0001-81'."""
    d = only_digits(number)
    return f"{d[:2]}.{d[2:5]}.{d[5:8]}/{d[8:12]}-{d[12:]}"
