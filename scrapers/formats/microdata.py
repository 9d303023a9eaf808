"""Microdata (itemscope/itemprop/itemtype) and RDFa Lite (typeof/property) -> schema.org
nodes (see schema_node), read from an lxml tree: extruct would bring rdflib and pyRDFa."""

from __future__ import annotations

from seminars.scrapers.formats.schema_node import MAX_DEPTH, local_name


def _elements(root):
    for el in root.iter():
        if isinstance(el.tag, str):
            yield el


def microdata(root) -> list[dict]:
    tops = [el for el in _elements(root)
            if el.get("itemscope") is not None and el.get("itemprop") is None]
    return [_scoped_node(el, "itemscope", "itemprop", "itemtype", root) for el in tops]


def rdfa(root) -> list[dict]:
    tops = []
    for el in _elements(root):
        if el.get("typeof") is not None and el.get("property") is None:
            anc = el.getparent()
            while anc is not None and anc.get("typeof") is None:
                anc = anc.getparent()
            if anc is None:
                tops.append(el)
    return [_scoped_node(el, "typeof", "property", "typeof", root) for el in tops]


def _scoped_node(el, scope: str, prop: str, typ: str, root) -> dict:
    """One microdata item (itemscope/itemprop/itemtype) or RDFa resource (typeof/property):
    the properties below it, not crossing into nested items, which become values."""
    node: dict = {"@type": [local_name(t) for t in (el.get(typ) or "").split()],
                  "@id": el.get("itemid") or el.get("resource") or el.get("about")}
    # Candidates in document order (popped from the end); microdata's itemref adds elements
    # kept elsewhere on the page by id, read after the item's own. (No visited set: lxml's
    # element proxies are made anew, so their id() is reused; a tree has no cycles anyway.)
    stack = [(target, 1) for ref in reversed((el.get("itemref") or "").split())
             if scope == "itemscope" and (target := root.get_element_by_id(ref, None)) is not None]
    stack += [(c, 1) for c in reversed(el)]
    while stack:
        child, depth = stack.pop()
        if not isinstance(child.tag, str) or child is el or depth > MAX_DEPTH:
            continue
        names = child.get(prop)
        nested = child.get(scope) is not None
        if names:
            value = (_scoped_node(child, scope, prop, typ, root) if nested
                     else _element_value(child, names))
            for name in names.split():
                node.setdefault(local_name(name), []).append(value)
        if not nested:
            stack += [(c, depth + 1) for c in reversed(child)]
    return node


_URL_ATTR = {"a": "href", "link": "href", "area": "href", "img": "src", "audio": "src",
             "video": "src", "source": "src", "iframe": "src", "embed": "src", "object": "data"}


def _element_value(el, names: str) -> str:
    content = el.get("content")
    if content is not None:
        return content
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag == "time" and el.get("datetime"):
        return el.get("datetime")
    if tag in ("data", "meter") and el.get("value") is not None:
        return el.get("value")
    attr = _URL_ATTR.get(tag)
    link = (el.get(attr) if attr else None) or el.get("resource") or el.get("href")
    if link is None:
        return _text_with_breaks(el)
    # Microdata and RDFa both make a link's URL the value; pages also write
    # <a itemprop="name" href="/event/1">Title</a>, where the text is what is meant.
    if tag in ("link", "img") or any(local_name(n) in _LINK_PROPS for n in names.split()):
        return link
    text = _text_with_breaks(el)
    return text if text.strip() else link


_LINK_PROPS = frozenset({"url", "sameAs", "image", "logo", "eventStatus", "eventAttendanceMode",
                         "item", "@id"})


_BREAKS = {"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}


def _text_with_breaks(el) -> str:
    """An element's text, with a line break where a block or <br> was (descriptions keep
    their labelled lines apart)."""
    parts: list[str] = [el.text or ""]
    stack = [(c, False) for c in reversed(el)]
    while stack:
        node, closing = stack.pop()
        if closing:
            parts.append(node.tail or "")
            continue
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        stack.append((node, True))
        if tag in _BREAKS:
            parts.append("\n")
        if tag and tag not in ("script", "style"):
            parts.append(node.text or "")
            stack += [(c, False) for c in reversed(node)]
    return "".join(parts)


# ---------------------------------------------------------------- nodes -> events
