"""Talks announced in running prose: news items and one-talk announcements.

"The speaker, Dr. Dagan Bakun Mazor, Civil Engineering Department, SCE, will deliver his
lecture: "Earthquake warning system"", "Richard Lockhart, a professor of statistics at Simon
Fraser University, will touch on ... Entitled "Statistics: ..." his lecture ... will begin at
7 p.m. in room 104", "Bradley Efron, the ... Professor ... at Stanford University, is this
year's Pfizer Colloquium speaker. The colloquium will be held on Nov. 3 at 3 p.m. in ...".

A talk needs a person named beside a speaking verb ("will present", "will deliver", "is this
year's ... speaker", "The speaker, X,") and a date or a title near it; its date, time and
place come first from a sentence saying when the talk is held.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from seminars.scrapers.toolkit import people
from seminars.scrapers.toolkit.defaults import place_in
from seminars.scrapers.toolkit.when import find_date, find_times, resolve

_NAME = (r"(?:[A-Z][\w'’-]+|[A-Z]\.(?:\s?[A-Z]\.)*)(?:\s+(?:[A-Z][\w'’-]+|[A-Z]\.|van|von|de|der|da|di|du|le|la)){1,3}"
         r"(?:,?\s+(?:Jr|Sr)\.?(?![\w]))?")  # "Joseph S. Nye, Jr."
_HON = r"(?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\.?\s+|h\.\s?c\.\s+)*"  # ("Prof. Dr. Dr. h.c. Manfred Lindner")
_VERB = (r"will\s+(?:be\s+visiting|visit|present|give|deliver|speak|talk|discuss|lecture|touch|highlight|address|read|"
         r"share|describe|explore|examine|introduce|be\s+(?:speaking|presenting|giving|"
         r"delivering|the\s+(?:featured\s+|keynote\s+|guest\s+)?speaker))|presents|delivers|visits|"
         r"(?:is|will\s+be)\s+(?:this\s+year'?s|the\s+(?:featured\s+|keynote\s+|guest\s+)?|our\s+)[^.]{0,60}?"
         r"(?i:speaker|lecturer)"
         # "Join Dr. Peter Suedfeld, a Holocaust survivor ..., as he discusses his family's ..."
         r"|as\s+(?:he|she|they)\s+(?:discuss|present|explore|share|talk|describe|examine)(?:es|s)?"
         # "Prof. Dr. Hans-Walter Rix wird über „T“ sprechen", "spricht über", "referiert zum Thema"
         r"|wird\s+(?:über|zum\s+Thema)|(?:spricht|referiert|berichtet)\s+(?:über|zum\s+Thema)")
# "NAME[, appositive,] VERB" and "NAME of ORG VERB"
# ("the College at Brockport, State University of New York": a comma may join two parts)
_ORG_RUN = r"(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of|for|and|at|the|[A-Z][\w&'’.-]*)|,\s+[A-Z][\w&'’.-]*){0,9}"
_CANDIDATE = re.compile(rf"(?<![\w.])({_HON})({_NAME})")
# after the name: "[, appositive,] VERB" or "of ORG VERB" (the appositive is bounded: no
# backtracking over a whole paragraph)
_AFTER = re.compile(rf"(?:\s*,\s*([^;]{{0,200}}?)\s*,?|\s+(?:of|from)\s+({_ORG_RUN}),?)?\s+(?:{_VERB})\b")
_SPEAKER_IS = re.compile(rf"\b(?:the\s+)?(?:speaker|lecturer|presenter)\s*(?:is|will\s+be|,|:)\s*"
                         rf"({_HON})({_NAME})", re.I)
_APPOS_TO_VERB = re.compile(r"^\s*,\s*([^;]{3,120}?)\s*,?\s+will\b")
# a quoted title: “English”, "plain", „German“, «French», each mark closed by its own pair
_QUOTE = re.compile(r"“([^“”\"]{4,200})”|\"([^\"“”]{4,200})\"|„([^„“”\"]{4,200})[“”\"]|«\s?([^«»]{4,200}?)\s?»")
_ON_TITLE = re.compile(r"\b(?:lecture|talk|seminar|presentation|colloquium)\s+(?:on|entitled|titled|"
                       r"called)\s*:?\s+([A-Z][^.!?]{6,200})")
_HELD = re.compile(r"(?i)\b(held|take\s+place|takes\s+place|begin|begins|start|starts|scheduled|"
                   r"will\s+be\s+on|will\s+be\s+(?:made|given|delivered))\b")
_ABBREV = {"dr", "mr", "mrs", "ms", "prof", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
           "sep", "sept", "oct", "nov", "dec", "no", "vs", "jr", "sr", "dept", "univ", "p.m", "a.m"}


@dataclass
class ProseTalk:
    name: str
    affiliation: str | None
    title: str | None
    day: date | None
    times: tuple
    location: str | None


def sentences(text: str) -> list[str]:
    """Sentences, not cut after "Dr.", "Nov.", "p.m.", an initial ("Max H. Stein") or a day
    number ("21. Oktober")."""
    out, start = [], 0
    for m in re.finditer(r"[.!?]\s+(?=[A-Z\"“(])", text):
        word = re.search(r"([\w.]+)$", text[max(start, m.start() - 24):m.start()])
        w = (word[1] if word else "").lower()
        if w in _ABBREV or (len(w) == 1 and w.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", w):
            continue
        if re.fullmatch(r"\d{1,2}", w) and find_date(text[m.start() - len(w):m.end() + 12]) is not None:
            continue  # "am Montag, 21. Oktober, um 16 Uhr": a day number, not a sentence's end
        out.append(text[start:m.start() + 1].strip())
        start = m.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def announces(text: str) -> bool:
    """Whether ``text`` is a sentence announcing a talk ("Professor X will give a gentle
    introduction to ..."), not a title."""
    return _speaker_in(text) is not None


def speaker_named(text: str) -> tuple[str, str | None] | None:
    """(name, affiliation) of the person a sentence announces ("This week we are pleased to
    welcome our very own Bob Montgomerie."), None when it announces no one."""
    hit = _speaker_in(text) if len(text.split()) >= 6 else None
    return (hit[0], hit[1]) if hit else None


# a news release's dateline ("ALBANY, N.Y. (April 2, 2008) -- "): when it was written, not
# when the talk is
_DATELINE = re.compile(r"^\s*[A-Z][A-Z.,'’ -]{2,40}?\s*(?:\([^()]{4,30}\)\s*)?(?:--|[—–])\s*")


def read_prose(paragraphs: list[str], year_hint) -> list[ProseTalk]:
    sents = [c for p in paragraphs for s in sentences(_DATELINE.sub("", p)) if len(s) <= 1500
             for c in _clauses(s)]
    found: list[ProseTalk] = []
    for i, s in enumerate(sents):
        hit = _speaker_in(s)
        if hit is None:
            continue
        name, aff, after, before = hit
        if any(t.name == name for t in found):
            continue
        window = sents[i:i + 10]
        # the next sentence announcing another speaker's talk starts that talk's window
        nxt = next((k for k in range(1, len(window)) if (h := _speaker_in(window[k])) and h[0] != name),
                   len(window))
        window = window[:nxt]
        title = _quote_before(before) or _title_in(after, window)
        # (a sentence before that announces another talk has that talk's date, not this one's)
        earlier = [x for x in sents[max(0, i - 2):i] if _speaker_in(x) is None]
        day, times, place = _when_where(window, earlier, year_hint)
        if day is None and title is None and find_date(s) is None:
            continue  # (a date printed without a year still marks the sentence as a talk's)
        found.append(ProseTalk(name, aff, title, day, times, place))
    if any(t.day is None for t in found):
        _event_day(found, sents, year_hint)
    for s in sents:
        # "The other speakers ... are: Professor X (Classics) The Greek Island of Cos (7
        # September); Professor Y (Biology) Coastal marine ecology (21 September)": a list
        for m in _LISTED.finditer(s):
            name = people.strip_honorifics(m[2])
            listed_day = find_date(m[5])
            if people.is_name(m[2]) and listed_day is not None and not any(t.name == name for t in found):
                found.append(ProseTalk(name, people.clean_affiliation(m[3]), m[4].strip(" .,;:"),
                                       resolve(listed_day, listed_day.year or year_hint), (None, None), None))
    return found


# (the honorific is required: it says where the name starts inside the running list)
_LISTED = re.compile(rf"(?<![\w.])((?:Dr|Prof|Professor)\.?\s+)({_NAME})\s*\(([^()]{{2,60}})\)\s+"
                     r"([^;()]{6,200}?)\s*\(([^()]{3,40})\)")


_EVENT_HELD = re.compile(r"(?i)\b(?:be\s+held|take\s+place|is\s+held|findet|startet|beginnt|tendrá\s+lugar|"
                         r"se\s+celebrará|aura\s+lieu|se\s+tiendra|si\s+terrà|começa)\b")


def _event_day(found: list[ProseTalk], sents: list[str], year_hint) -> None:
    """"The lecture series will be held from 8:30 a.m. to noon on Thursday, April 11 in the
    Freeman Auditorium" above "X will give the lecture “T” at 8:40 a.m.": the day and the
    place of every talk that names neither."""
    for sent in sents:
        hit = find_date(sent)
        if hit is None or not _EVENT_HELD.search(sent):
            continue
        day = resolve(hit, year_hint)
        place = place_in(re.sub(r"\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?", "", sent[hit.end:]))
        for t in found:
            if t.day is None:
                t.day, t.location = day, t.location or place
        return


_TALK_BY = re.compile(rf"(?i:(?:\b(?:a\s+|the\s+|una\s+|une\s+)?(?:talk|lecture|seminar|presentation|colloquium|keynote|"
                      rf"conferencia|charla|ponencia|conf[ée]rence|expos[ée]|palestra|vortrag)"
                      rf"\s+(?:\w+\s+){{0,3}}?(?:(?:„[^„“”\"]{{4,200}}[“”\"]|“[^“”]{{4,200}}”|\"[^\"]{{4,200}}\")\s+)?|\bit\s+will\s+be\s+(?:delivered|given|presented)\s+)"
                      rf"(?:by|por|par|von|features|featuring)\s+"
                      # "“Title” presented by Dr. X", "“Título”, a ser proferida por X"
                      rf"|\b(?:presented|given|delivered|proferid[ao]|ministrad[ao]|impartid[ao]|dictad[ao]|"
                      rf"pr[ée]sent[ée]e?|donn[ée]e?)\s+(?:by|por|par)\s+)({_HON})({_NAME})"
                      rf"(?:\s+(?:of|from)\s+({_ORG_RUN})|,\s+(?:de\s+la|del|de|of\s+the)\s+({_ORG_RUN})"
                      r"|\s*\(([^()]{2,60})\))?")


# "This week we are pleased to welcome our very own Bob Montgomerie."
_WELCOME = re.compile(rf"(?i:\b(?:pleased|delighted|happy|honou?red|proud|excited)\s+to\s+(?:welcome|host|"
                      rf"introduce|present)\s+(?:back\s+)?(?:our\s+(?:very\s+own\s+|own\s+)?|"
                      rf"(?:as\s+)?(?:this\s+week'?s\s+|our\s+)?(?:speaker|guest)\s*,?\s*)?)({_HON})({_NAME})"
                      rf"(?:\s+(?:of|from)\s+({_ORG_RUN}))?")


# "Dr. Simon Friederich (Uni Göttingen) „Physik und Philosophie ...“": a person with the
# organisation in brackets and a quoted title after, in any language
_BRACKETED = re.compile(rf"(?<![\w.])({_HON})({_NAME})\s*\(([^()]{{2,80}})\)")


# "Professor Karl O. Stetter von der Universität Regensburg über „T“": an honorific, the name,
# where the person is from, and (further on) a quoted title
_HON_FROM = re.compile(rf"(?<![\w.])((?:Dr|Prof|Professor|Professorin|Dra|Profa)\.?\s+(?:Dr\.?\s+)?)({_NAME})"
                       rf"\s+(?:von\s+der|vom|von|of\s+the|from\s+the|from|of|de\s+la|del|da|do|de)\s+"
                       rf"({_ORG_RUN})")


def _clauses(s: str) -> list[str]:
    """A sentence announcing two talks ("Am 13. Januar fragt X (Org) „T1“ und Y (Org) schließt
    ... am 3. Februar mit ... „T2“ ab") cut where the second person's clause begins."""
    people_at = sorted({m.start() for rx in (_BRACKETED, _HON_FROM) for m in rx.finditer(s)
                        if people.is_name(m[2])})
    if len(people_at) < 2 or not _QUOTE.search(s):
        return [s]
    quoted = [q.span() for q in _QUOTE.finditer(s)]
    seps = [j for j in re.finditer(r"\s+(?:und|and|et|y|e|;)\s+", s)
            if not any(a < j.start() < b for a, b in quoted)]  # ("„Physik und Philosophie“": a title's)
    cuts = sorted({max(j.start() for j in near) for p in people_at[1:]
                   if (near := [j for j in seps if j.end() <= p <= j.end() + 30])})
    out, prev = [], 0
    for c in cuts:
        out.append(s[prev:c].strip())
        prev = c
    out.append(s[prev:].strip())
    return [c for c in out if c]


def _speaker_in(s: str) -> tuple[str, str | None, str, str] | None:
    """(name, affiliation, the text after the name, the text before it) of the person the
    sentence says gives a talk."""
    # "a talk by Barbara Liskov of MIT", "una conferencia dictada por X, de la Org"; the first
    # that names a person ("“T1,” presented by Chen; “T2,” presented by Dr. David J. Carey")
    by = next((m for m in _TALK_BY.finditer(s) if people.is_name(m[2])), None)
    if by:
        return people.strip_honorifics(by[2]), _org_end(by[3] or by[4]) or people.clean_affiliation(by[5]), \
            s[by.end():], s[:by.start(1) if re.search(r"[„“\"]", by[0]) else by.start()]
    w = _WELCOME.search(s)
    if w and people.is_name(w[2]):
        return people.strip_honorifics(w[2]), _org_end(w[3]), s[w.end():], s[:w.start()]
    m = _SPEAKER_IS.search(s)
    if m and people.is_name(m[2]):
        appos = _APPOS_TO_VERB.match(s[m.end():])  # "The speaker, Dr. X, Dept, SCE, will ..."
        return people.strip_honorifics(m[2]), _affiliation(appos[1] if appos else None), s[m.end():], \
            s[:m.start()]
    for c in _CANDIDATE.finditer(s):
        if not people.is_name(c[2]):
            continue
        m = _AFTER.match(s, c.end())
        if m:
            aff = _affiliation(m[1]) if m[1] else _org_end(m[2])
            return people.strip_honorifics(c[2]), aff, s[m.end():], s[:c.start()]
    for b in _BRACKETED.finditer(s):
        if people.is_name(b[2]) and _QUOTE.search(s, b.end()):
            # ("Dr. Mechthild Enderle (Institut Laue-Langevin in Grenoble/Frankreich)": the
            # organisation without the town it is in)
            org = re.split(r"\s+im\s+|\s+(?:in|at|à|en)\s+(?=[A-ZÄÖÜ])", b[3])[0].strip()
            return people.strip_honorifics(b[2]), people.clean_affiliation(org), s[b.end():], s[:b.start()]
    for h in _HON_FROM.finditer(s):
        if people.is_name(h[2]) and _QUOTE.search(s, h.end()):
            return people.strip_honorifics(h[2]), _org_end(h[3]), s[h.end():], s[:h.start()]
    return None


# "“Role of Genetic Variation,” presented by", "“Desafios …”, a ser proferida por"
_QUOTE_BEFORE = re.compile(r"(?:“([^“”\"]{4,200}?)[,.]?”|\"([^\"“”]{4,200}?)[,.]?\"|„([^„“”\"]{4,200}?)[,.]?[“”\"])\s*,?\s*"
                           r"(?:(?:a\s+ser|to\s+be|will\s+be)\s+)?(?:(?:\w+\s+)?(?:by|por|par|von)\s+)?$")


def _quote_before(before: str) -> str | None:
    """The quoted title just before "presented by NAME"."""
    m = _QUOTE_BEFORE.search(before)
    got = next((g for g in m.groups() if g is not None), None) if m else None
    return got.strip(" ._*") if got and len(got.split()) >= 2 else None


def _org_end(org: str | None) -> str | None:
    """"MIT and": an organisation run stops before a trailing joining word."""
    if not org:
        return None
    org = re.sub(r"^the\s+", "", org.strip())  # "from the College at Brockport": the article is the sentence's
    return re.sub(r"(?:\s+(?:and|of|for|at|the))+$", "", org) or None


def _affiliation(appos: str | None) -> str | None:
    """"a professor of statistics at Simon Fraser University" -> "Simon Fraser University";
    "Civil Engineering Department, SCE" stays."""
    if not appos:
        return None
    for word in ("at", "of"):  # "Professor of Humanities at Stanford University": "at" first
        at = re.search(rf"\b{word}\s+((?:the\s+)?(?:[A-Z][\w.&'’-]*\s*)+(?:(?:of|for|and)\s+"
                       r"(?:[A-Z][\w.&'’-]*\s*)+)*)$", appos)
        # (or after a job: "professor of microbiology ... at Cal Poly San Luis Obispo")
        if at and (people.is_org(at[1]) or (word == "at" and _JOB_LEAD.match(appos))):
            return at[1].strip()
    if people.is_job(appos) or re.match(r"(?i)(?:a|an|the)\s", appos):
        return None
    return people.clean_affiliation(appos)


_JOB_LEAD = re.compile(r"(?i)(?:\w+\s+){0,2}(?:professor|director|chair|lecturer|scientist|researcher|fellow|dean)\b")
_CUED_QUOTE = re.compile(r"(?i)\b(?:entitled|titled|called|lecture|talk|presentation|"
                         r"seminar|colloquium|keynote|address|denominad[ao]|titulad[ao]|intitul[ée]e?)"
                         r"(?:\s+(?:is|was|will\s+be)(?:\s+(?:entitled|titled|called))?)?"  # ("Vail's talk is "T."")
                         r"\s*[:,]?\s*(?:[\"“]([^\"“”]{4,200})[\"”]"
                         r"|[‘']([^‘’']{4,200})[’'])")  # ("His talk, 'Showing the Unseen' will explore")


# "Kirch's lecture, Driving Change in Academic Medicine, will be held ...", "Hatem's lecture is
# entitled Teaching as a Performing Art.": a title in running text without quotes
_BARE_TITLE = re.compile(r"(?:['’]s\s+(?:lecture|talk|presentation|address|seminar),\s+([A-Z][^,;]{6,150}),\s+(?:will|is)\b"
                         r"|\b(?:lecture|talk|presentation|address|seminar)\s+(?:is|was|will\s+be)\s+(?:entitled|titled|called)"
                         r"\s+([A-Z][^.;\"“”]{6,150})(?:\.|$))")


def _title_in(after: str, window: list[str]) -> str | None:
    """A quote introduced as the title ("Entitled “...”", "his lecture: "..."") first; then
    "a lecture on Capitalised Words"; then a quote in the speaker's own sentence (a quote
    elsewhere may be something the speaker said)."""
    for rx in (_CUED_QUOTE, _ON_TITLE):
        for text in [after, *window]:
            m = rx.search(text)
            got = m and next(g for g in m.groups() if g is not None)
            if got and len(got.split()) >= 2:
                return got.strip(" ._*")
    q = _QUOTE.search(after)
    got = next(g for g in q.groups() if g is not None) if q else None
    if got and len(got.split()) >= 2:
        return got.strip(" ._*")
    for text in [after, *window]:
        bare = _BARE_TITLE.search(text)
        if bare:
            return (bare[1] or bare[2]).strip(" ._*")
    return None


def _when_where(window: list[str], before: list[str], year_hint):
    """The date, times and place of the talk: a "held/begins/takes place" sentence first."""
    # (a "held on 17 August" sentence just before the speaker's own comes before later ones
    # that list other talks' dates)
    ordered = window[:1] + [s for s in window if _HELD.search(s)] + [s for s in before if _HELD.search(s)] \
        + window + before
    day = None
    times: tuple = (None, None)
    place = None
    for s in ordered:
        hit = find_date(s)
        if hit is not None and day is None:
            day = resolve(hit, hit.year or year_hint)
        tt = find_times(s)
        if tt[0] is not None and times[0] is None:
            times = tt
            place = place or place_in(s)
        if day is not None and times[0] is not None:
            break
    if place is None:
        place = next((p for s in ordered if _HELD.search(s) for p in [_held_in(s)] if p), None)
    return day, times, place


def _held_in(s: str) -> str | None:
    """"held on Nov. 3 at 3 p.m. in the Thomas J. Dodd Research Center": a named place."""
    named = place_in(s)
    if named:
        return named
    m = re.search(r"\bin\s+(?:the\s+)?([A-Z][\w.&'’-]*(?:\s+(?:of|[A-Z][\w.&'’-]*|\d+\w*)){0,8})", s)
    return m[1].rstrip(".") if m else None
