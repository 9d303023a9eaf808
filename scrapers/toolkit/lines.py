"""One flattener: an HTML, markdown or plain-text page -> a flat list of blocks.

A block is a heading, a line (its text, links and leading emphasis), a table row (cells,
whether it is a header row) or a rule. Parsers read blocks, so a markdown page and the HTML
its generator renders come out alike. HTML goes through `scrapers.blocks.stream`, which
walks the tree with an explicit stack (pages nest tags thousands deep).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html import escape as html_escape

from seminars.normalize.text import clean_text, collapse
from seminars.scrapers.blocks import Heading, Line, Rule, Table, cell_lines, soup_of, stream
from seminars.scrapers.toolkit.components import components_as_lines
from seminars.scrapers.toolkit.markdown import front_matter, render_markdown, strip_attribute_lists


@dataclass
class Block:
    kind: str  # "heading" | "line" | "row" | "rule"
    text: str = ""
    level: int = 0  # headings: 1-6
    cells: list[str] = field(default_factory=list)  # rows: one text per cell, lines joined by "\n"
    header: bool = False  # rows: a header row (th cells, or above a markdown |---| line)
    links: list[tuple[str, str]] = field(default_factory=list)  # (text, href)
    emph: str = ""  # a line wholly emphasised ("bold" / "italic"), or its leading bold run
    struck: bool = False
    num: int = 0  # lines: the number of a numbered list item ("  2. Title"), 0 for none


_HTML_SNIFF = re.compile(r"<(?:!doctype|html|body|div|p|table|h[1-6]|br|span|ul|li)\b", re.I)
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\(([^)\s]*)[^)\n]*\)")
_MD_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
# "18. April 2018" is a date, not item 18 of a numbered list
# (a lone "l" is a Wingdings bullet that a text rendering spelt out: 'l "Guns, Germs and Steel" by ...')
_BULLET = re.compile(r"^\s*(?:[-*+•·▪◦]|(?-i:l)(?=\s+[\"“A-Z])|\d{1,2}[.)](?!\s*(?:jan|feb|mar|apr|may|jun|jul|"
                     r"aug|sep|oct|nov|dec|jän|mär|okt|dez)[a-zä]*\b))\s+", re.I)
_WHOLE_EMPH = re.compile(r"^\s*(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1\s*[:.]?\s*$")
_LEAD_BOLD = re.compile(r"^\s*\*\*(.+?)\*\*")


def is_html(text: str) -> bool:
    return bool(_HTML_SNIFF.search(text[:4096]))


_MD_SIGNS = re.compile(r"\A\ufeff?---\s*\n|^#{1,6}\s+\S|^\s*[*+-]\s+\S|\]\([^)\s]+\)", re.M)
_STRAY_A = re.compile(r"(?<=[a-z0-9:;,.)\]>])Â(?=[\s\xa0])")
_DOCUMENT = re.compile(r"<(?:!doctype|html|head|body)\b", re.I)


# a calendar page's buttons and menus, whole lines of them ("I'm Interested", "Share Physics
# Colloquium", "Add to calendar", "Skip to Main Content"): no talk's words
# ("Share Physics Colloquium" is the share button of the event named; a title that starts
# with "Share" is not dropped)
_CHROME = re.compile(r"(?i)\W*(?:i'?m\s+interested|interested|share(?:\s+(?:this|on|via)\b.{0,40}|\s+.{0,50}?"
                     r"\b(?:colloquium|seminar|lecture|talk|event|webinar))?|add\s+to\s+(?:my\s+)?calendar|"
                     r"please\s+(?:select|enter|choose)\b.{0,60}|view\s+map|close\s+menu|open\s+menu|menu|search(?:\s+search)?|log\s?in|sign\s?up|"
                     r"skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|print(?:\s+this\s+page)?|"
                     r"clear\s+message|about\s+this\s+event|(?:save\s+to\s+(?:ical|outlook|google(?:\s+calendar)?)\s*)+|tweet|"
                     r"email\s+this)\W*")


_FOLDED_LABEL = re.compile(r"(?i)^\W*(abstract|bio(?:graphy)?|summary)\s*\(\s*(?:click|tap)\b[^)]*\)\s*:?\s*")
_LINK_WORD = re.compile(r"(?i)(?:video|slides|pdf|recording|poster|youtube)")


_BADGE_MONTH = re.compile(r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
_BADGE_DAY = re.compile(r"\d{1,2}")
_BADGE_WEEKDAY = re.compile(r"(?i)(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?")


def _join_badges(blocks: list[Block]) -> list[Block]:
    """"Mar" / "24" / "Tue" on lines of their own (an event list's date badge): one line,
    "Mar 24 Tue", so the date reads as one."""
    out: list[Block] = []
    k = 0
    while k < len(blocks):
        b = blocks[k]
        nxt = blocks[k + 1] if k + 1 < len(blocks) else None
        if b.kind == "line" and nxt is not None and nxt.kind == "line" and (
                (_BADGE_MONTH.fullmatch(b.text.strip()) and _BADGE_DAY.fullmatch(nxt.text.strip()))
                or (_BADGE_DAY.fullmatch(b.text.strip()) and _BADGE_MONTH.fullmatch(nxt.text.strip()))):
            parts = [b.text.strip(), nxt.text.strip()]
            k += 2
            if k < len(blocks) and blocks[k].kind == "line" and _BADGE_WEEKDAY.fullmatch(blocks[k].text.strip()):
                parts.append(blocks[k].text.strip())
                k += 1
            out.append(Block("line", " ".join(parts)))
            continue
        out.append(b)
        k += 1
    return out


def flatten(text: str) -> list[Block]:
    """The page as blocks, whatever it was written in."""
    out = []
    for b in _join_badges(_flatten(text)):
        if b.kind == "line" and _CHROME.fullmatch(b.text):
            continue
        folded = _FOLDED_LABEL.match(b.text) if b.kind == "line" else None
        if folded:  # "Abstract(Click to expand)": a folded section's label
            b = Block("line", f"{folded[1].capitalize()}: {b.text[folded.end():]}".strip(), links=b.links)
        last = b.links[-1][0].strip() if b.kind == "line" and b.links else ""
        if last and _LINK_WORD.fullmatch(last) and b.text.endswith(last) and len(b.text) > len(last) + 3:
            # "Perfect Matchings in hypergraphs <a>video</a>": the link beside the title
            b = replace(b, text=b.text[:-len(last)].rstrip(" |,-–—·"))
        out.append(b)
    return out


def _flatten(text: str) -> list[Block]:
    # "ofÂ Poly", "):Â Title": a no-break space stored as UTF-8 read as latin-1 ("Â" before
    # it); a real "Â" starts a word or sits among capitals
    text = _STRAY_A.sub("", text) if "Â" in text else text
    text = strip_attribute_lists(text)  # ("{: .note }" in a Jekyll page however it is read)
    text = components_as_lines(text, as_html=is_html(text))
    if is_html(text):
        if not _DOCUMENT.search(text[:4096]) and len(_MD_SIGNS.findall(text[:20000])) >= 3:
            # a Jekyll page's markdown with HTML pieces in it ("<div><p><strong>November
            # 30th</strong>" between "* Name: Title" bullets): rendered as its generator
            # renders it, not read as HTML with the markdown left in its text
            meta, body = front_matter(text)
            return flatten_html(f"<main>{_talk_meta(meta)}{render_markdown(body)}</main>")
        return flatten_html(text)
    return flatten_text(text)


_TAB_TERM = re.compile(r"(?i)^\W*(?:(?:spring|summer|fall|autumn|winter)\s+)?(?:19|20)\d\d(?:\s*[-–/]\s*(?:19|20)?\d\d)?"
                       r"(?:\s+(?:spring|summer|fall|autumn|winter|semester|term))?\W*$")


def _label_tab_panels(soup) -> None:
    """Tabs named "Spring 2026" / "Fall 2025" (buttons or links, which are not page text)
    over panels that print "March 24" without a year: the tab's name becomes a heading at the
    top of its panel, as a reader sees it above the open panel."""
    for tab in soup.find_all(["button", "a", "li"], limit=400):
        text = collapse(tab.get_text(" "))
        if not text or len(text) > 30 or not _TAB_TERM.match(text):
            continue
        target = None
        for attr in ("aria-controls", "data-target", "data-bs-target", "href", "onclick"):
            value = tab.get(attr)
            if not isinstance(value, str) or (attr == "href" and not value.startswith("#")):
                continue  # (a link to another page's "#top" names no panel here)
            m = re.search(r"#([\w-]+)", value) if attr != "onclick" else re.search(r"['\"]([\w-]+)['\"]", value)
            ident = m[1] if m else (value if attr == "aria-controls" else None)
            if ident:
                target = soup.find(id=ident)
                if target is not None:
                    break
        if target is not None and target is not tab and target not in tab.parents:
            heading = soup.new_tag("h6")
            heading.string = text
            target.insert(0, heading)


def _talk_meta(meta: dict[str, str]) -> str:
    """A one-talk page's front matter ("title: ..." / "date: 2026-05-08", the academicpages
    talks collection) as labelled lines, as the plain-text reading has them."""
    if "date" not in meta or "title" not in meta:
        return ""
    keys = {"title": "Title", "date": "Date", "speaker": "Speaker"}
    return "".join(f"<p>{keys[k]}: {html_escape(v.strip().strip(chr(34) + chr(39)))}</p>"
                   for k, v in meta.items() if k in keys and v.strip())


def _keep_content_buttons(soup) -> None:
    """An accordion's button that holds a talk ("2025-08-25 <br> Arnab Aich, Florida State
    University <br> RMSTSS: ...", its abstract in the panel below) is page text, not a
    control like "Add to calendar"."""
    from seminars.scrapers.toolkit.when import find_date

    for btn in soup.find_all("button", limit=2000):
        text = btn.get_text(" ", strip=True)
        if find_date(text) is not None and len(text.split()) >= 4:
            btn.name = "div"


def flatten_html(html: str) -> list[Block]:
    soup = soup_of(html)
    if "<button" in html or "aria-controls" in html or "data-target" in html:
        _label_tab_panels(soup)
    if "<button" in html:
        _keep_content_buttons(soup)
    out: list[Block] = []
    for item in stream(soup):
        if isinstance(item, Heading):
            out.append(Block("heading", item.text, level=item.level))
        elif isinstance(item, Rule):
            out.append(Block("rule"))
        elif isinstance(item, Table):
            out.extend(_table_rows(item))
        elif isinstance(item, Line):
            emph = "bold" if item.bold and not item.rest else ""
            out.append(Block("line", item.text, links=item.links, emph=emph, struck=item.struck))
    return out


def _table_rows(table: Table) -> list[Block]:
    rows = []
    # cells spanning rows below their own ("<td rowspan=2>Tue 15 Apr<br>14:30</td>" over two
    # talks): column -> (rows still to fill, text, links)
    spanning: dict[int, tuple[int, str, list[tuple[str, str]]]] = {}
    for cells in table.rows():
        texts = []
        links: list[tuple[str, str]] = []
        queue = list(cells)
        col = 0
        while queue or any(c >= col for c in spanning):
            if col in spanning:
                left, text, cell_links = spanning[col]
                texts.append(text)
                links += cell_links
                if left > 1:
                    spanning[col] = (left - 1, text, cell_links)
                else:
                    del spanning[col]
                col += 1
                continue
            if not queue:
                col += 1
                continue
            cell = queue.pop(0)
            # Lines of a cell are its <br>/<p> breaks, not the newlines of the HTML source.
            text = "\n".join(ln.text for ln in cell_lines(cell))
            # bs4 types any attribute as maybe multi-valued; an href is one string
            cell_links = [(collapse(a.get_text(" ")), href) for a in cell.find_all("a", href=True)
                          if isinstance(href := a["href"], str)]
            texts.append(text)
            links += cell_links
            span = cell.get("rowspan")
            n = int(span) if isinstance(span, str) and span.strip().isdigit() else 1
            if 1 < n <= 50:
                spanning[col] = (n - 1, text, cell_links)
            col += 1
        if not any(texts):
            continue
        header = all(c.name == "th" for c in cells)
        rows.append(Block("row", " | ".join(t for t in texts if t), cells=texts, header=header,
                          links=links))
    return rows


def flatten_text(text: str) -> list[Block]:
    """Markdown or plain text: '#' headings, pipe tables, '---' rules, one block per line."""
    out: list[Block] = []
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":  # front matter: its keys read as labelled lines
        lines = lines[1:]
        if "---" in (ln.strip() for ln in lines):
            end = [ln.strip() for ln in lines].index("---")
            lines = lines[:end] + lines[end + 1:]
    for raw in _spanning_rows(_unjoin(lines)):
        if isinstance(raw, Block):
            out.append(raw)
            continue
        if not raw.strip():
            continue
        if _MD_SEP.match(raw) and "-" in raw:
            if out and out[-1].kind == "row":
                out[-1].header = True
            continue
        if re.match(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", raw):
            out.append(Block("rule"))
            continue
        m = _HEADING.match(raw)
        if m:
            text = _inline(m[2])[0]
            if text:
                out.append(Block("heading", text, level=len(m[1])))
            continue
        if raw.count("|") >= 2 or (raw.count("|") == 1 and raw.rstrip().endswith("|")):
            cells_raw = raw.strip()
            cells_raw = cells_raw[1:] if cells_raw.startswith("|") else cells_raw
            cells_raw = cells_raw[:-1] if cells_raw.endswith("|") else cells_raw
            parts = [_inline(c) for c in cells_raw.split("|")]
            cells = [p[0] for p in parts]
            links = [lk for p in parts for lk in p[1]]
            if any(cells):
                out.append(Block("row", " | ".join(c for c in cells if c), cells=cells, links=links))
            continue
        bullet = _BULLET.match(raw)
        body = raw[bullet.end():] if bullet else raw
        num = re.match(r"\s*(\d{1,2})", bullet[0]) if bullet else None
        emph = ""
        m = _WHOLE_EMPH.match(body)
        if m:
            emph = "bold" if len(m[1]) == 2 else "italic"
        elif _LEAD_BOLD.match(body):
            emph = ""
        text, links = _inline(body)
        if text:
            out.append(Block("line", text, links=links, emph=emph, struck="~~" in body,
                             num=int(num[1]) if num else 0))
    # "Thursday 18 October 2012 | 5pm-7pm | Venue: Moot Court Room": a line set off with bars,
    # alone between lines, is no table
    for k, b in enumerate(out):
        if b.kind == "row" and not b.header and (k == 0 or out[k - 1].kind != "row") \
                and (k + 1 == len(out) or out[k + 1].kind != "row"):
            out[k] = Block("line", " | ".join(c for c in b.cells if c), links=b.links)
    return out


_JOINED_ITEM = re.compile(r"\s[-•·]\s+(?=\S)")


_GLUED_ROW = re.compile(r"^\s*((?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2})"
                        r"(?=[A-Z][a-z])")
# a cell boundary the rendering lost: a lower-case letter (or "Univ.") then a capitalised word
# or an initial ("BelmontU. North"); "McKay", "DeWitt", "PhD" are not boundaries
_CAMEL = re.compile(r"(?:(?<=[a-z)])|(?<=[a-z]{2}\.))(?<!\bMc)(?<!\bMac)(?<!\bDe)(?<!\bLa)(?<!\bDi)"
                    r"(?=[A-Z](?:[a-z]|\.\s))|\s{2,}")


_GLUED_ITEM = re.compile(r"(?<=[^\d\s|])(?=\d{1,2}(?:er|st|nd|rd|th)?\.?\s+[^\W\d]{3,12}\.?\s*\|)")
_GLUED_DATE = re.compile(r"(?<=[a-zäöüßéèàíóú])(?=\d{1,2}\.?\s*[A-Za-zäöüéû]{3,})")


def _unjoin(lines: list[str]) -> list[str]:
    """A list whose items a text rendering ran together ("... Title. - 31 May 1996:") is cut
    back into lines where a dash or bullet is followed by a date."""
    from seminars.scrapers.toolkit.when import find_date

    out: list[str] = []
    for raw in lines:
        items = [m.start() for m in _GLUED_ITEM.finditer(raw)
                 if (hit := find_date(raw[m.start():m.start() + 30])) is not None and hit.start == 0] \
            if "|" in raw and len(raw) < 50_000 else []
        if len(items) >= 3:
            # "Le programme :18 septembre | À la recherche de l'ordre25 septembre | Ordre-désordre
            # ...": a "date | title" list run into one line, each date glued to the title before
            out.extend(raw[a:b] for a, b in zip([0, *items], [*items, len(raw)], strict=True))
            continue
        if len(raw) > 2000 or "|" in raw:
            out.append(raw)
            continue
        glued = _GLUED_ROW.match(raw)
        if glued:
            # "January 24Bartek CzechTsinghua Univ.Distance is Information": a table row whose
            # cells the rendering ran together; cut where a word ends and a capital begins
            raw = glued[1] + " | " + _CAMEL.sub(" | ", raw[glued.end(1):])
            out.append(raw)
            continue
        # (where a piece ends, where the next begins): a dash or bullet between them is dropped
        cuts = [(m.start(), m.start() + 1) for m in _JOINED_ITEM.finditer(raw)
                if (hit := find_date(raw[m.end():m.end() + 40])) is not None and hit.start == 0]
        # "... 20355 Hamburg5. Januar 2010": a date glued to the end of the line before it
        cuts += [(m.start(), m.start()) for m in _GLUED_DATE.finditer(raw)
                 if (hit := find_date(raw[m.start():m.start() + 40])) is not None and hit.start == 0
                 and hit.year is not None]
        cuts += [(k, k) for k in _run_together(raw)]
        prev = 0
        for end, nxt in sorted(set(cuts)):
            out.append(raw[prev:end])
            prev = nxt
        out.append(raw[prev:])
    return _rejoin_wrapped(_rejoin_quoted(out))


def _run_together(raw: str) -> list[int]:
    """Where to cut a programme a text rendering ran into one line ("Martes 11 de marzo 19:00
    h. Conferencia: “T1” Ponente: Dr. X ... Martes 18 de marzo ... Ponente: Dr. Y ..."): before
    each weekday-led date and each speaker label, when the line is long and labels two or
    more speakers (a paragraph of prose labels none)."""
    from seminars.scrapers.toolkit.fields import speaker_labels
    from seminars.scrapers.toolkit.when import weekday_dates

    if len(raw.split()) < 60:
        return []
    labels = speaker_labels(raw)
    if len(labels) < 2:
        return []
    # (and before a slot's clock: "... Investigador del MNCN 19:00 h. Conferencia: “T3”")
    clocks = [m.start() for m in re.finditer(r"(?<![\w:.])\d{1,2}[:.]\d\d\s*(?:h\b\.?|[ap]\.?m\.?)", raw)]
    return [k for k in weekday_dates(raw) + labels + clocks if k > 0]


def _rejoin_wrapped(lines: list[str]) -> list[str]:
    """A sentence hard-wrapped just before its date ("It will take place in Founders Hall 207,"
    / "November 2, 2012 at 4:30 pm.") is one line again: the date goes on the sentence, it
    does not open an entry of its own."""
    from seminars.scrapers.toolkit.when import find_date

    out: list[str] = []
    for ln in lines:
        prev = out[-1].rstrip() if out else ""
        if prev.endswith((",", " on")) and len(prev.split()) >= 8 and not _BULLET.match(prev) \
                and not _HEADING.match(prev) and ln.strip() and not _BULLET.match(ln) \
                and (hit := find_date(ln.strip()[:40])) is not None and hit.start == 0:
            out[-1] = f"{prev} {ln.strip()}"
            continue
        out.append(ln)
    return out


def _spanning_rows(lines: list[str]) -> list:
    """A pipe table whose cells a text rendering spread over several lines ("Date |" /
    "Speaker |" / "|---|---|" / "| March 11th |" / "Dr. Ann Lee" / "Bishop's University" /
    "|" / "|"): each row is gathered until it has its columns' pipes, and comes back as a row
    Block whose cells keep their lines."""
    out: list = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        k = ln.count("|") - 1
        heads = out[-k:] if k >= 2 and _MD_SEP.match(ln) and "-" in ln and len(out) >= k else []
        if not heads or not all(isinstance(h, str) and h.rstrip().endswith("|") and h.count("|") == 1
                                for h in heads):
            out.append(ln)
            i += 1
            continue
        del out[-k:]
        out.append(Block("row", " | ".join(h.rstrip(" |").strip() for h in heads),
                         cells=[h.rstrip(" |").strip() for h in heads], header=True))
        i += 1
        while i < len(lines) and lines[i].lstrip().startswith("|"):
            buf: list[str] = []
            pipes = 0
            while i < len(lines) and pipes < k + 1 and len(buf) < 40:
                buf.append(lines[i])
                pipes += lines[i].count("|")
                i += 1
            cells = "\n".join(buf).split("|")[1:k + 1]
            texts = ["\n".join(t for part in c.split("\n") if (t := _inline(part)[0])) for c in cells]
            if any(texts):
                out.append(Block("row", " | ".join(t.replace("\n", " ") for t in texts if t),
                                 cells=texts))
    return out


_OPENS = {"‘": "’", "“": "”", '"': '"'}


def _rejoin_quoted(lines: list[str]) -> list[str]:
    """A quoted title wrapped over two lines ("‘Alternatives to Petroleum –" / "Fuels from
    Biomass’") is one line again."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        s = ln.strip()
        close = _OPENS.get(s[:1])
        if close and len(s) < 200 and close not in s[1:] and i + 1 < len(lines):
            nxt = lines[i + 1].strip()
            if nxt.rstrip(" .,;").endswith(close) and close not in nxt[:-1] and len(nxt) < 200:
                out.append(f"{s} {nxt}")
                i += 2
                continue
        out.append(ln)
        i += 1
    return out


def _inline(s: str) -> tuple[str, list[tuple[str, str]]]:
    """Markdown inline text -> (plain text, links); stray emphasis markers dropped."""
    # an image's alt text ("![Image of Physics Colloquium](...)") is not on the page
    s = _MD_IMAGE.sub(" ", s) if "![" in s else s
    links = [(clean_text(m[1]) or "", m[2]) for m in _MD_LINK.finditer(s)] if "](" in s else []
    # "****CANCELLED****March 11": a status set off by asterisks, glued to the words around it
    s = re.sub(r"(?i)\*{2,}\s*(cancell?ed|postponed)\s*\*{2,}", r" \1 ", s)
    text = clean_text(s) or ""
    text = re.sub(r"(?:^|(?<=\s))[*_]{1,2}|[*_]{1,2}(?=\s|$)", "", text).strip()
    return collapse(text), links
