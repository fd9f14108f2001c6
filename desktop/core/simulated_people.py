"""Believable Brazilian payers for simulated sales: names, CPF/CNPJ, e-mail, address.

A finance user trying the app judges it by what the table shows; "Maria da Silva" eleven times
with an invalid CPF looks like a toy. Names mix common first names and surnames, about one
payer in five is a company (CNPJ), and every document passes its check digits.
"""

from __future__ import annotations

import random
import unicodedata
from decimal import Decimal
from typing import Any

from desktop.core.brazil_ids import make_cnpj, make_cpf

FIRST_NAMES = (
    "Ana", "Beatriz", "Camila", "Fernanda", "Gabriela", "Juliana", "Larissa", "Mariana", "Patrícia",
    "Rafaela", "Letícia", "Aline", "Bruno", "Carlos", "Diego", "Eduardo", "Felipe", "Gustavo",
    "João", "Lucas", "Marcos", "Paulo", "Rafael", "Thiago", "Vinícius", "Antônio", "Francisca",
)  # fmt: skip
SURNAMES = (
    "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima",
    "Gomes", "Costa", "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes",
    "Vieira", "Barbosa", "Rocha", "Dias", "Nascimento", "Andrade", "Moreira", "Nunes", "Araújo",
)  # fmt: skip
# Last surnames as they are written, particle included where Brazilians use one ("dos" only
# with a plural, like Santos): a random "da"/"dos" before any surname reads wrong.
LAST_NAMES = (
    "da Silva", "dos Santos", "de Oliveira", "de Souza", "Rodrigues", "Ferreira", "Alves", "Pereira",
    "Lima", "Gomes", "da Costa", "Ribeiro", "Martins", "de Carvalho", "de Almeida", "Lopes", "Soares",
    "Fernandes", "Vieira", "Barbosa", "da Rocha", "Dias", "do Nascimento", "de Andrade", "Moreira",
    "Nunes", "de Araújo", "dos Reis", "de Jesus",
)  # fmt: skip
COMPANY_KINDS = ("Padaria", "Mercearia", "Oficina", "Papelaria", "Farmácia", "Ateliê", "Comércio")
COMPANY_SUFFIXES = ("Ltda", "ME", "EIRELI", "S.A.")
CITIES = (
    ("São Paulo", "SP", "01310"), ("Rio de Janeiro", "RJ", "20040"), ("Belo Horizonte", "MG", "30130"),
    ("Curitiba", "PR", "80010"), ("Porto Alegre", "RS", "90010"), ("Recife", "PE", "50030"),
    ("Salvador", "BA", "40020"), ("Fortaleza", "CE", "60060"), ("Goiânia", "GO", "74003"),
)  # fmt: skip
STREETS = ("Rua das Flores", "Avenida Brasil", "Rua XV de Novembro", "Rua da Consolação", "Avenida Paulista")


def _ascii(text: str) -> str:
    """'João Araújo' -> 'joao.araujo' for a plausible e-mail address."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return ".".join(plain.lower().split())


def person_name(rng: random.Random) -> str:
    first = rng.choice(FIRST_NAMES)
    last = rng.choice(LAST_NAMES)
    if rng.random() < 0.5:
        return f"{first} {last}"
    middle = rng.choice([name for name in SURNAMES if not last.endswith(name)])
    return f"{first} {middle} {last}"


def company_name(rng: random.Random) -> str:
    return f"{rng.choice(COMPANY_KINDS)} {rng.choice(SURNAMES)} {rng.choice(COMPANY_SUFFIXES)}"


def payer(rng: random.Random) -> dict[str, Any]:
    """A Juno-shaped payer: name, document (CPF or CNPJ, digits only), e-mail, address."""
    company = rng.random() < 0.2
    name = company_name(rng) if company else person_name(rng)
    city, state, zip_prefix = rng.choice(CITIES)
    domain = rng.choice(("gmail.com", "outlook.com", "uol.com.br", "yahoo.com.br"))
    return {
        "name": name,
        "document": make_cnpj(rng) if company else make_cpf(rng),
        "email": f"{_ascii(name.split(' ')[0])}.{rng.randint(1, 999)}@{domain}",
        "address": {
            "street": rng.choice(STREETS),
            "number": str(rng.randint(1, 2999)),
            "city": city,
            "state": state,
            "postCode": f"{zip_prefix}{rng.randint(0, 999):03d}",
        },
    }


def amount(rng: random.Random) -> Decimal:
    """A sale amount in BRL with two decimals: mostly tens to hundreds, now and then thousands."""
    cents = rng.randint(1_990, 49_990) if rng.random() < 0.85 else rng.randint(50_000, 1_500_000)
    return Decimal(cents).scaleb(-2)
