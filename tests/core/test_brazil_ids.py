"""CPF and CNPJ check digits: known numbers, and the numbers `simulate` makes."""

from __future__ import annotations

import random

import pytest

from desktop.core.brazil_ids import (
    format_cnpj,
    format_cpf,
    is_valid_cnpj,
    is_valid_cpf,
    make_cnpj,
    make_cpf,
)

# Numbers published as examples by Receita Federal's own validators and widely used in test suites.
KNOWN_VALID_CPFS = ["529.982.247-25", "111.444.777-35", "12345678909", "935.411.347-80"]
KNOWN_VALID_CNPJS = ["11.222.333/0001-81", "11444777000161", "04.252.011/0001-10"]


@pytest.mark.parametrize("cpf", KNOWN_VALID_CPFS)
def test_known_cpfs_pass(cpf: str) -> None:
    assert is_valid_cpf(cpf)


@pytest.mark.parametrize(
    "cpf",
    [
        "529.982.247-24",  # last check digit off by one
        "529.982.247-35",  # first check digit wrong
        "111.111.111-11",  # one digit repeated: passes the arithmetic, never issued
        "1234567890",  # too short
        "123456789012",  # too long
        "",
    ],
)
def test_wrong_cpfs_fail(cpf: str) -> None:
    assert not is_valid_cpf(cpf)


@pytest.mark.parametrize("cnpj", KNOWN_VALID_CNPJS)
def test_known_cnpjs_pass(cnpj: str) -> None:
    assert is_valid_cnpj(cnpj)


@pytest.mark.parametrize(
    "cnpj",
    ["11.222.333/0001-82", "11.222.333/0001-91", "00.000.000/0000-00", "1122233300018", ""],
)
def test_wrong_cnpjs_fail(cnpj: str) -> None:
    assert not is_valid_cnpj(cnpj)


def test_every_made_cpf_and_cnpj_passes_its_check_digits() -> None:
    rng = random.Random(13)
    cpfs = [make_cpf(rng) for _ in range(2000)]
    cnpjs = [make_cnpj(rng) for _ in range(2000)]
    assert all(is_valid_cpf(c) and len(c) == 11 for c in cpfs)
    assert all(is_valid_cnpj(c) and len(c) == 14 for c in cnpjs)
    assert len(set(cpfs)) > 1990  # random, not one number repeated


def test_formatting_puts_the_usual_punctuation() -> None:
    assert format_cpf("52998224725") == "529.982.247-25"
    assert format_cnpj("11222333000181") == "11.222.333/0001-81"
