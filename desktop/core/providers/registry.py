"""Provider name -> implementation, and the order in which guesses are tried.

Adding a provider: write its module (see base.Provider) and add one line to `_ALL`.
"""

from __future__ import annotations

from desktop.core.model import CapturedRequest
from desktop.core.providers import (
    asaas,
    github,
    juno,
    juno_v1,
    mercadopago,
    pagarme,
    pagbank,
    standard_webhooks,
    stripe,
)
from desktop.core.providers.base import Provider

# Order matters only for ties in `guess`: senders recognised by a distinctive header first,
# those recognised by a body shape last.
_ALL: tuple[Provider, ...] = (
    github.PROVIDER,
    stripe.PROVIDER,
    standard_webhooks.PROVIDER,
    mercadopago.PROVIDER,
    asaas.PROVIDER,
    pagbank.PROVIDER,
    pagarme.PROVIDER,
    juno.PROVIDER,
    juno_v1.PROVIDER,
)

PROVIDERS: dict[str, Provider] = {provider.name: provider for provider in _ALL}


def get(name: str | None) -> Provider | None:
    return PROVIDERS.get(name) if name else None


def scores(request: CapturedRequest) -> dict[str, int]:
    """Every provider's recognition score; a recogniser that fails counts as 0."""
    result: dict[str, int] = {}
    for provider in _ALL:
        try:
            result[provider.name] = int(provider.recognise(request))
        except Exception:  # a recogniser bug must never stop a request being captured
            result[provider.name] = 0
    return result


def guess(request: CapturedRequest) -> str | None:
    """The best-scoring provider, or None when nobody recognises the request."""
    best_name, best_score = None, 0
    for name, score in scores(request).items():  # dicts keep `_ALL` order: first wins a tie
        if score > best_score:
            best_name, best_score = name, score
    return best_name
