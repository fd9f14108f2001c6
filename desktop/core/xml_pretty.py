"""XML bodies laid out with indentation. Pure (no Qt).

expat never fetches external entities, and the libexpat Python 3.11 ships refuses
exponential entity expansion ("billion laughs"), so a hostile document fails to parse and is
shown as the text it is.
"""

from __future__ import annotations

from xml.dom import minidom
from xml.parsers.expat import ExpatError


def looks_xml(content_type: str, text: str) -> bool:
    kind = content_type.lower()
    return "xml" in kind or text.lstrip()[:5] == "<?xml"


def pretty_xml(text: str) -> tuple[str | None, str]:
    """(laid out text, '') or (None, why it could not be parsed)."""
    try:
        document = minidom.parseString(text.encode("utf-8"))
    except (ExpatError, ValueError) as exc:
        return None, str(exc)
    except RecursionError:
        return None, "nested too deeply"
    try:
        pretty = document.toprettyxml(indent="  ")
    except RecursionError:
        return None, "nested too deeply"
    # minidom keeps the whitespace between elements as text nodes and indents them too.
    lines = [line for line in pretty.splitlines() if line.strip()]
    return "\n".join(lines), ""
