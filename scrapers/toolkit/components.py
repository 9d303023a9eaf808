"""Talks written as a site generator's component or shortcode: the facts are attributes,
which no rendering of the page shows as text.

`<Event header="95th Seminar: Dr. Ionat Zurr" date="2024年9月23日 16:30 @Waseda" />` (Vue,
VitePress, MDX), `{{< talk title="..." speaker="..." date="..." >}}` (Hugo), `{% include
talk.html title="..." date="..." %}` (Jekyll): each becomes labelled lines ("Title: ...",
"Date: ...") the field readers know, one paragraph apiece.
"""

from __future__ import annotations

import html
import re

# attribute name -> the label its value gets ("" for a line of its own, a heading's words)
_LABEL = {
    "title": "Title", "talk": "Title", "talk_title": "Title", "topic": "Title",
    "speaker": "Speaker", "speakers": "Speaker", "presenter": "Speaker", "who": "Speaker",
    "header": "", "heading": "", "headline": "", "event": "",
    "date": "Date", "time": "Time", "when": "Date", "datetime": "Date", "day": "Date",
    "location": "Location", "venue": "Location", "place": "Location", "room": "Location",
    "where": "Location",
    "affiliation": "Affiliation", "institution": "Affiliation",
    "abstract": "Abstract", "description": "Abstract", "summary": "Abstract",
    "host": "Host",
}
_WHEN = {"date", "time", "when", "datetime", "day"}
_WHAT = {"title", "talk", "talk_title", "topic", "speaker", "speakers", "presenter", "who",
         "header", "heading", "headline", "event"}

_ATTRS = r"((?:\s+[\w:.-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))+)"
_COMPONENT = re.compile(
    rf"<(?:[A-Z][\w.-]*|[a-z]+-[\w-]+){_ATTRS}\s*/?>"  # <Event ... />, <talk-card ...>
    rf"|\{{\{{[<%]\s*[\w-]+{_ATTRS}\s*[%>]\}}\}}"  # {{< talk ... >}}
    rf"|\{{%\s*include\s+\S+{_ATTRS}\s*%\}}", re.S)  # {% include talk.html ... %}
_ATTR = re.compile(r"([\w:.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


def components_as_lines(text: str, *, as_html: bool) -> str:
    """``text`` with each component that holds a date and a title, speaker or header written
    out as labelled lines (``<p>`` paragraphs in HTML); other tags stay as they are."""
    if "=" not in text or not ("<" in text or "{{" in text or "{%" in text):
        return text

    def lines(m: re.Match[str]) -> str:
        attrs = {a[1].lower(): html.unescape(a[2] if a[2] is not None else a[3] or "").strip()
                 for a in _ATTR.finditer(m[0])}
        if not (_WHEN & attrs.keys() and _WHAT & attrs.keys()):
            return m[0]
        out = [f"{_LABEL[k]}: {v}" if _LABEL[k] else v for k, v in attrs.items() if k in _LABEL and v]
        if as_html:
            return "".join(f"<p>{html.escape(x, quote=False)}</p>" for x in out)
        return "\n\n" + "\n".join(out) + "\n\n"

    return _COMPONENT.sub(lines, text)
