"""The common form of schema.org data read from JSON-LD, microdata or RDFa: a node is
`{"@type": [local names], "@id": str | None, prop: [values]}`, each value a string or a node.
Keys and types lose their "schema:" / "https://schema.org/" prefixes, so every producer's
spelling reads alike."""

from __future__ import annotations

from seminars.normalize.text import clean_text

MAX_DEPTH = 40  # nodes nested deeper are not events anyone publishes


def local_name(name: str) -> str:
    """'https://schema.org/startDate', 'schema:startDate' -> 'startDate'."""
    for sep in ("/", "#", ":"):
        i = name.rfind(sep)
        if i >= 0:
            name = name[i + 1:]
    return name.strip()


def first(node, key: str):
    if not isinstance(node, dict):
        return None
    vals = node.get(key)
    return vals[0] if vals else None


def node_text(value) -> str | None:
    """A value as text: a string, or a node's name (or its literal, or its IRI)."""
    if isinstance(value, dict):
        name = first(value, "name")
        if name is None and (value.get("givenName") or value.get("familyName")):
            name = " ".join(filter(None, (node_text(first(value, "givenName")),
                                          node_text(first(value, "familyName")))))
        return node_text(name) if name is not None else None
    return clean_text(value) if isinstance(value, str) else None


