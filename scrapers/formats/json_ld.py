"""JSON-LD blocks -> schema.org nodes (see schema_node), with lxml's script text and json,
not extruct (which would not tell where a broken block is)."""

from __future__ import annotations

import json
import re

from seminars.scrapers.formats.schema_node import MAX_DEPTH, local_name

_WRAPPERS = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")


def _unwrap(raw: str) -> str:
    # Old CMS templates wrap script bodies in <!-- --> or //<![CDATA[ ]]> for ancient browsers.
    return _WRAPPERS.sub("", raw.strip()).strip().rstrip(";")


def read_json_ld(blocks: list[tuple[str, int]]) -> tuple[list[dict], list[str]]:
    """(nodes, messages for blocks that are not JSON) of (block text, its first line) pairs."""
    docs = []
    broken: list[str] = []
    for n, (raw, line) in enumerate(blocks, 1):
        body = _unwrap(raw)
        if not body:
            continue
        line += raw.count("\n", 0, raw.find(body))  # where the JSON itself starts
        try:
            docs.append(json.loads(body, strict=False))  # raw newlines in strings are common
        except json.JSONDecodeError as e:
            where = f"line {line + e.lineno - 1} of the page" if line else f"line {e.lineno}"
            broken.append(f"JSON-LD block {n} is not JSON: {e.msg} at {where}, "
                          f"column {e.colno}")
        except RecursionError:
            broken.append(f"JSON-LD block {n} is nested too deeply to read")
    return _LdReader(docs).nodes(), broken


class _LdReader:
    """JSON-LD documents -> nodes, with {"@id": ...} references to nodes elsewhere resolved
    (Yoast-style @graph pages name the performer once and point at it)."""

    def __init__(self, docs: list):
        self.docs = docs
        self.by_id: dict[str, dict] = {}
        self.done: dict[str, dict] = {}
        for doc in docs:
            self._index(doc, 0)

    def _index(self, obj, depth: int) -> None:
        if depth > MAX_DEPTH:
            return
        if isinstance(obj, list):
            for v in obj:
                self._index(v, depth + 1)
        elif isinstance(obj, dict):
            ident = obj.get("@id")
            if isinstance(ident, str) and len(obj) > 1:
                self.by_id.setdefault(ident, obj)
            for v in obj.values():
                if isinstance(v, (dict, list)):
                    self._index(v, depth + 1)

    def nodes(self) -> list[dict]:
        out: list[dict] = []
        for doc in self.docs:
            for v in doc if isinstance(doc, list) else [doc]:
                if isinstance(v, dict):
                    graph = v.get("@graph")
                    items = graph if isinstance(graph, list) else [graph] if graph else [v]
                    out += [n for n in (self._node(i, 0) for i in items) if isinstance(n, dict)]
        return out

    def _node(self, obj, depth: int):
        if depth > MAX_DEPTH:
            return None
        if isinstance(obj, (str, int, float)) and not isinstance(obj, bool):
            return str(obj)
        if not isinstance(obj, dict):
            return None
        if "@value" in obj:
            return self._node(obj["@value"], depth + 1)
        ident = obj.get("@id")
        if isinstance(ident, str):
            if ident in self.done:
                return self.done[ident]
            if len(obj) == 1:
                target = self.by_id.get(ident)
                if target is None:
                    return ident  # a reference to something not on the page: its IRI
                obj = target
        node: dict = {"@type": [], "@id": ident if isinstance(ident, str) else None}
        if isinstance(ident, str):
            self.done[ident] = node  # before the values: a cycle ends at this node
        types = obj.get("@type") or []
        node["@type"] = [local_name(t) for t in (types if isinstance(types, list) else [types])
                         if isinstance(t, str)]
        for key, raw in obj.items():
            if key.startswith("@"):
                continue
            vals = []
            for v in _flat_values(raw):
                n = self._node(v, depth + 1)
                if n is not None:
                    vals.append(n)
            if vals:
                node.setdefault(local_name(key), []).extend(vals)
        return node


def _flat_values(raw) -> list:
    """A JSON-LD value as a flat list: arrays, nested arrays and @list/@set objects."""
    out: list = []
    stack = [raw]
    while stack:
        v = stack.pop()
        if isinstance(v, dict) and len(v) == 1 and ("@list" in v or "@set" in v):
            v = v.get("@list", v.get("@set"))
        if isinstance(v, list):
            stack += reversed(v)
        else:
            out.append(v)
    return out
