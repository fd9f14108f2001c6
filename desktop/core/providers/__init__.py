"""Provider recognition, description and signature checks: the public API.

    derive(request, provider, secret, now) -> Derived
    sign(provider, request, secret, now) -> headers with the signature recomputed
    guess_provider(request) -> provider name or None

Pure Python: no Qt, no SQLite, no network.
"""

from __future__ import annotations

from desktop.core.bounds import bounded
from desktop.core.model import CapturedRequest, Derived, Headers, Verdict
from desktop.core.providers import registry
from desktop.core.providers.base import Check, Provider, ambiguous

__all__ = ["PROVIDERS", "Check", "Provider", "derive", "expected_signature", "guess_provider", "sign"]

PROVIDERS = registry.PROVIDERS


def guess_provider(request: CapturedRequest) -> str | None:
    """Which provider sent this, judged from headers and the start of the body."""
    return registry.guess(request)


def derive(request: CapturedRequest, provider: str | None, secret: str | None, now: float) -> Derived:
    """Everything the app concludes about a request. Never raises, whatever the bytes.

    `provider` is the endpoint's configured provider, or None to guess. `secret` None (or '')
    means no secret is configured: the verdict is then UNVERIFIED, except that an absent
    signature header is MISSING and an unsigned provider is UNSIGNED. `now` (Unix seconds)
    is when the check happens, for timestamp tolerances.
    """
    name = provider if provider is not None else guess_provider(request)
    impl = registry.get(name)
    if impl is None:
        reason = f"unknown provider {provider!r}" if provider else "sender not recognised"
        return Derived(signature=Verdict.UNVERIFIED, signature_reason=f"{reason}: signature not checked")
    try:
        fields = impl.describe(request)
    except Exception:  # a payload shape nobody foresaw: keep the request, lose the summary
        fields = Derived()
    # Two copies of a signature header: whichever one a check read, the verdict would depend
    # on header order (a valid copy first and a forged one second). Decided before the secret.
    check = ambiguous(request, impl.signature_headers) if impl.signed else None
    if check is None:
        try:
            # A blank secret (an env var set to '' or ' ') is no secret: UNVERIFIED, never
            # a check with a key any forger could guess.
            check = impl.verify(request, secret if secret and secret.strip() else None, now)
        except Exception as exc:  # same: a verifier bug must not lose the request
            check = Check(Verdict.INVALID, f"could not check the signature: {type(exc).__name__}: {exc}")
    return bounded(
        fields.with_(
            provider=impl.name,
            signature=check.verdict,
            signature_reason=check.reason,
            signature_detail=dict(check.detail),
        )
    )


def expected_signature(provider: str | None, request: CapturedRequest, secret: str) -> str:
    """The signature header(s) the sender should have sent for these bytes, as 'Name: value'.

    For a developer who asks in the window: computed on demand, shown, and never stored or
    logged (kept, it would be a signing oracle for whoever reads the database). Raises
    ValueError when the provider has nothing to compute (unsigned, static token, no timestamp).
    """
    impl = registry.get(provider)
    if impl is None:
        raise ValueError(f"unknown provider {provider!r}")
    if not secret:
        raise ValueError("no secret configured for this endpoint")
    return impl.expected(request, secret)


def sign(provider: str, request: CapturedRequest, secret: str, now: float) -> Headers:
    """`request.headers` with the provider's signature header(s) recomputed for `request.body`.

    Used to re-sign an edited body before re-sending. Unsigned providers get the headers back
    unchanged. Raises ValueError for an unknown provider or a body/secret that cannot be signed.
    """
    impl = registry.get(provider)
    if impl is None:
        raise ValueError(f"unknown provider {provider!r}")
    return impl.sign(request, secret, now)
