"""The longer explanations of the Subscriptions window, in Portuguese first (translatable)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "SubscriptionsWindow"


def rules_text(provider: str) -> str:
    """What the user must know before creating a webhook at this provider."""

    def tr(text: str) -> str:
        return QCoreApplication.translate(CONTEXT, text)

    text = tr(
        "O endereço precisa ser HTTPS e acessível pela internet (servidor do modo equipe, proxy "
        "reverso ou túnel: veja o README). O segredo do webhook vai direto para o chaveiro e o "
        "caminho vira um endpoint, sem copiar e colar."
    )
    if provider == "juno":
        text += " " + tr(
            "Regra da Juno: dois webhooks da mesma conta digital não podem assinar o mesmo evento; "
            "pause o outro ou tire o evento dele antes. A URL não muda depois de criada: "
            "exclua e crie outro."
        )
    if provider == "stripe":
        text += " " + tr("A Stripe só mostra o segredo na criação.")
    if provider == "asaas":
        text += " " + tr("A Asaas exige o e-mail de [providers.asaas] para avisos de fila parada.")
    return text
