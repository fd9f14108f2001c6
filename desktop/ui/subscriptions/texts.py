"""The longer explanations of the Subscriptions window (English sources, translated)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "SubscriptionsWindow"


def rules_text(provider: str) -> str:
    """What the user must know before creating a webhook at this provider."""

    text = QCoreApplication.translate(
        "SubscriptionsWindow",
        "The address must be HTTPS and reachable from the internet (a team-mode server, a reverse "
        "proxy or a tunnel: see the README). The webhook's secret goes straight to the keyring and "
        "the path becomes an endpoint, with no copy and paste.",
    )
    if provider == "juno":
        text += " " + QCoreApplication.translate(
            "SubscriptionsWindow",
            "Juno's rule: two webhooks of the same digital account cannot subscribe to the same "
            "event; pause the other or remove the event from it first. The URL cannot change once "
            "created: delete it and create another.",
        )
    if provider == "stripe":
        text += " " + QCoreApplication.translate(
            "SubscriptionsWindow", "Stripe shows the secret only when the webhook is created."
        )
    if provider == "asaas":
        text += " " + QCoreApplication.translate(
            "SubscriptionsWindow", "Asaas requires the e-mail of [providers.asaas] for stopped-queue notices."
        )
    return text
