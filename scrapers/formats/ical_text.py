"""Who speaks on what, read from a calendar event's SUMMARY and DESCRIPTION text.

SUMMARY patterns real calendars use: "Name: Title", "Name (Affil): Title", "Title — Name
(Affiliation)", "Seminar: Name, Affiliation", "Series: Name (Affil)", "Title by Name".
DESCRIPTION lines labelled Speaker, Title, Abstract, Bio, Host, Affiliation, Series,
Location; unlabelled text (meeting links aside) is the abstract when none is labelled.
A side is a speaker only when it looks like a person's name: 2-5 capitalised words, none of
them a word titles are made of.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from seminars.normalize.names import clean_name, split_names
from seminars.normalize.text import clean_text, is_tbd
from seminars.record import Speaker
from seminars.scrapers.toolkit.defaults import ROOMISH
from seminars.scrapers.toolkit.people import clean_affiliation

_TYPE_WORDS = (r"seminars?|(?:mini-?)?courses?|colloqui(?:um|a)|lectures?|talks?|webinars?|lunch|series|symposium|"
               r"workshop|forum|journal club|tea|defen[cs]e|meeting|lecture series|keynote|"
               r"keynote address|plenary(?: talk)?|invited talk")
# Events of a programme that are nobody's talk: breaks, meals, admin and practice sessions.
_NON_TALK = re.compile(
    r"(?i)^\W*(?:[\w-]+\s+){0,2}(?:break|coffee|tea break|lunch|dinner|breakfast|reception|"
    r"registration|check-in|social|party|picnic|poster session|problem sessions?|office hours|"
    r"exercise session|tutorial session|organi[sz]ational meeting|business meeting|"
    r"opening(?: remarks)?|closing(?: remarks)?|welcome(?: remarks)?|no (?:seminar|colloquium|"
    r"talk|meeting)s?|holiday|cancelled)\b(?:\s+[\dIVX][\w.]*)?\W*(?::.*)?$")
# "Colloquium:", "Math Colloquium -", "ICL Seminar |": a series prefix (talk_type)
_PREFIX = re.compile(rf"^\s*((?:[\w&'’.()-]+\s+){{0,5}}?(?:{_TYPE_WORDS})(?:\s+[\dIVX][\w.]{{0,5}})?)"
                     r"\s*(?::|\||\s[-–—]\s)\s*(.+)$",
                     re.I | re.S)
_GENERIC_TITLE = re.compile(rf"^\s*(?:[\w-]+\s+)?(?:{_TYPE_WORDS})\s*$"
                            r"|^\W*(?:week|session|seminar|lecture|talk|meeting)\s*(?:no\.?|number|#)?\s*\d+\W*$", re.I)
_DASH = re.compile(r"\s+[-–—]+\s+|\s*[|]\s*")
_BY = re.compile(r"^(.+?),?\s+by\s+(.+)$", re.I | re.S)
_PARTICLES = frozenset("de van von der den da di du la le del della dos das bin ibn al el y ter".split())
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*|[A-Z]\.(?:-?[A-Z]\.)*)$")
# Capitalised words that make titles, not names ("Quantum Field Theory: ...").
_TITLE_WORD = re.compile(
    r"^(?:the|a|an|of|on|in|for|and|with|to|from|via|at|by|towards?|why|how|what|when|where|who|not|"
    r"is|are|do|does|can|should|theory|theories|learning|"
    r"quantum|models?|modeling|modelling|systems?|data|networks?|analysis|methods?|introduction|"
    r"physics|mathematics|chemistry|biology|science|sciences|algorithms?|dynamics|equations?|"
    r"machine|deep|neural|computing|computation|computational|optimization|statistics|"
    r"statistical|probability|geometry|algebra|topology|applications?|problems?|approach|"
    r"structures?|functions?|spaces?|fields?|graphs?|groups?|matter|energy|materials?|design|"
    r"recent|new|advances|progress|update|overview|challenges|future|workshop|seminar|"
    r"colloquium|lecture|talk|session|meeting|day|week|welcome|orientation|break|holiday|"
    r"reception|party|lab|tba|tbd|tbc|none|unknown|cancelled|canceled|postponed|social|"
    r"talks|sessions|lectures|seminars|meetings|breaks|keynotes?|participants?|organi[sz]ers?|"
    r"students?|committee|team|staff|everyone|all|panel|discussion|closing|opening|remarks)$",
    re.I,
)
_LABEL = re.compile(
    r"^\s*(speakers?|speaker\(s\)|presenters?|lecturers?|title|(?:talk\s+)?abstract|summary|bio(?:graphy)?|"
    r"speaker'?s? bio|hosts?|hosted by|affiliations?|institution|series|location|room|where|"
    r"venue|place|source|details|link|url|web|more info(?:rmation)?|zoom(?: link)?|"
    r"meeting(?: id| link)?|passcode|password|join(?: zoom meeting)?)\s*:\s*(.*)$",
    re.I,
)
_MEETING = re.compile(r"https?://|zoom|meeting (?:id|link)|passcode|password|webex|teams\.microsoft|"
                      r"join (?:the )?(?:meeting|webinar|zoom)|dial[- ]in", re.I)
# An organisation, not a second person: "Ion Stoica, UC Berkeley"
_ORG = re.compile(r"\b(?:(?i:univ\w*|institut\w*|college|school|laborator\w*|labs?|cent(?:er|re)|academy|"
                  r"department|dept|inc|corp\w*|company|research|hospital|foundation|observatory|"
                  r"polytechnic)|[A-Z]{2,}[a-z]?)\b")
_NOBODY = frozenset(("unknown", "none", "nobody", "n/a", "na", "-"))


@dataclass
class Fields:
    title: str | None = None
    speakers: list[Speaker] = field(default_factory=list)
    abstract: str | None = None
    host: str | None = None
    talk_type: str | None = None
    series: str | None = None
    location: str | None = None


@lru_cache(maxsize=20_000)  # a feed names the same people over and over
def looks_like_name(s: str | None) -> bool:
    """A person's name: 2-5 capitalised words (particles and initials allowed), no digits, no
    word that titles are made of."""
    name = clean_name(s)
    if not name or len(name) > 60 or re.search(r"[\d:;!?@/&+=]", name):
        return False
    words = name.replace("’", "'").split()
    core = [w for w in words if w.lower() not in _PARTICLES]
    if not 2 <= len(core) <= 5:
        return False
    return all(_NAME_WORD.match(w) and not _TITLE_WORD.match(w.strip(".,")) for w in core)


@lru_cache(maxsize=20_000)
def person(s: str | None) -> tuple[str, str | None] | None:
    """'Name (Affil)', 'Name, Affil' or 'Name' -> (name, affiliation); None when no person."""
    s = (s or "").strip().strip(",;")
    # "Zhuoran Yang *22", "Ann Lee '08": a class year is not part of the name
    s = re.sub(r"\s+[*'’]\d{2}\b", "", s)
    if not s:
        return None
    m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", s)
    if m and looks_like_name(m[1]):
        return clean_name(m[1]) or m[1], clean_affiliation(m[2]) or m[2].strip()
    if "," in s:
        head, _, tail = s.partition(",")
        if looks_like_name(head) and tail.strip() and (_ORG.search(tail) or not looks_like_name(tail)):
            # "John Morrison, Professor of Philosophy, Barnard College": the job is no place
            return clean_name(head) or head, clean_affiliation(tail) or tail.strip()
    if looks_like_name(s):
        return clean_name(s) or s, None
    return None


def _last_top_comma(s: str) -> int:
    """The last comma outside brackets ("TBD, Name (University of Colorado, Boulder)"), or -1."""
    depth, at = 0, -1
    for i, ch in enumerate(s):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if ch == "," and depth == 0:
            at = i
    return at


def people_in(s: str | None) -> list[tuple[str, str | None]]:
    """'A, B (Affil)', 'A & B', 'A and B' -> every name (a trailing bracket is theirs in
    common); else person(s) as a list."""
    s = (s or "").strip().strip(",;")
    m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", s)
    core, shared = (m[1], m[2]) if m else (s, None)
    parts = [p for p in re.split(r"\s*(?:,|;|&|\band\b)\s*", core) if p.strip()]
    if len(parts) >= 2 and all(looks_like_name(p) and not _ORG.search(p) for p in parts):
        aff = clean_affiliation(shared) or shared.strip() if shared else None
        return [(clean_name(p) or p, aff) for p in parts]
    who = person(s)
    return [who] if who else []


def parse_summary(summary: str | None) -> tuple[str | None, list[tuple[str, str | None]], str | None]:
    """(title, [(name, affiliation)], talk_type) from an event's SUMMARY."""
    s = clean_text(summary) or ""
    talk_type = None
    m = _PREFIX.match(s)
    if m and not looks_like_name(m[1]):
        talk_type, s = m[1].strip(), m[2].strip()
    if not s:
        return None, [], talk_type
    who = person(s)
    if who:  # "Seminar: Name, Affiliation" / "Series: Name (Affil)"
        return None, [who], talk_type
    quoted = re.match(r"^(.+?\))\s*[\"“](.+?)[\"”]\s*$", s)
    who = person(quoted[1]) if quoted else None
    if quoted and who:  # 'Laurent Pauwels (Sydney) "Forecast combination in discrete choice models"'
        return quoted[2].strip(), [who], talk_type
    head, colon, tail = s.partition(":")
    if colon and tail.strip():
        who = person(head)
        if who:  # "Name: Title", "Name (Affil): Title"
            return tail.strip(), [who], talk_type
        if talk_type is None and len(head.split()) <= 4:
            # "Some Series: Name (Affil)[: Title]": a prefix with no talk-type word in it
            title, people, _ = parse_summary(tail)
            if people:
                return title, people, head.strip()
    parts = _DASH.split(s)
    if len(parts) >= 2:
        last, first = people_in(parts[-1]), people_in(parts[0])
        if last and first and len(parts[-1].split()) > len(parts[0].split()) \
                and not (last[0][1] and not first[0][1]):
            # both sides could be names: the shorter one is ("Name – Short Title"), unless
            # only the longer one says where its person works ("Teaching HPC - Ann Lee (Clemson)")
            last = []
        if last:  # "Title — Name (Affiliation)", "Title - A, B (Affiliation)"
            return " - ".join(parts[:-1]).strip(), last, talk_type
        rest = " - ".join(parts[1:]).strip()
        if first and len(first) == 1 and not first[0][1] and _ORG.search(rest) and len(rest.split()) <= 8 \
                and not re.search(r"[:?]", rest):
            # "Prof Peter Robinson - London School of Economics": where the speaker is from
            return None, [(first[0][0], clean_affiliation(rest) or rest)], talk_type
        if first:  # "Name – Title"
            return rest, first, talk_type
    cut = _last_top_comma(s)
    if cut > 0:
        head, tail = s[:cut], s[cut + 1:]
        who = person(tail) if "(" in tail else None
        if who and head.strip() and not person(head):
            # "An Astonishing Quantum Universe\, Jainendra Jain (Penn State University)",
            # "TBD, Francesca Ferlaino (University of Innsbruck)"
            return head.strip(), [who], talk_type
    m = _BY.match(s)
    if m and people_in(m[2]):
        # "Week no 2 given by Márton Karsai": what precedes "given by" is no title's end
        title = re.sub(r"(?i)\s+(?:given|presented|delivered|led)$", "", m[1].strip(" ,"))
        return title, people_in(m[2]), talk_type
    return s, [], talk_type


# A CMS that exports its HTML body as text loses the breaks between fields:
# "...error correcting codesAbstract: ...", "Title: tbd&nbsp;Abstract: tbd"
_GLUED_LABEL = re.compile(r"(?<=\S)[ \t]*(?=(?:Talk |Speaker'?s )?(?:Abstract|Speaker|Title|Bio|Biography|"
                          r"Host|Hosted by|Location|Venue)\s*:)")


def _tidy(description: str) -> str:
    s = html.unescape(description).replace("\xa0", " ").replace("\r\n", "\n")
    if "<" in s:
        s = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>|</li\s*>", "\n", s)
        s = re.sub(r"<[a-zA-Z/][^<>]{0,300}>", "", s)
    return _GLUED_LABEL.sub("\n", s)


def _labelled(description: str | None) -> tuple[dict[str, str], list[str]]:
    """({label: text}, unlabelled lines) of a DESCRIPTION."""
    found: dict[str, list[str]] = {}
    rest: list[str] = []
    current = None
    for line in _tidy(description or "").split("\n"):
        # "ABSTRACT" alone on its line, no colon: the label of the paragraph below
        m = _LABEL.match(line) or re.match(r"^\s*(ABSTRACT|Abstract|BIO|Bio|BIOGRAPHY|Biography)\s*()$", line)
        if m:
            label = _canonical(m[1])
            current = label if label in ("abstract", "bio") else None
            if label in ("ignore",):
                continue
            found.setdefault(label, [])
            if m[2].strip():
                found[label].append(m[2].strip())
            if label not in ("abstract", "bio") and not m[2].strip():
                current = label  # "Speaker:" on its own line, the value below
            continue
        if current and line.strip():
            found[current].append(line.strip())
            if current not in ("abstract", "bio"):
                current = None
        elif line.strip():
            rest.append(line.strip())
    return {k: "\n".join(v) for k, v in found.items() if v}, rest


def _canonical(label: str) -> str:
    s = label.lower()
    if s.startswith(("speaker'", "speakers bio")) or s.startswith("bio"):
        return "bio"
    if s.startswith(("speaker", "presenter", "lecturer")):
        return "speaker"
    if s in ("abstract", "summary") or s.endswith(" abstract"):
        return "abstract"
    if s.startswith("host"):
        return "host"
    if s.startswith("affiliation") or s == "institution":
        return "affiliation"
    if s in ("location", "room", "where", "venue", "place"):
        return "location"
    if s in ("title", "series"):
        return s
    return "ignore"


def talk_fields(summary: str | None, description: str | None, *,
                summary_is_series: bool = False) -> Fields | None:
    """The talk an event describes; None when the feed says nobody speaks ("Speaker: Unknown").
    ``summary_is_series``: the feed gives this SUMMARY to many events ("NAM Friday Talks"),
    so it names the series, and the talk is in the DESCRIPTION."""
    title: str | None
    people: list[tuple[str, str | None]]
    talk_type: str | None
    if summary_is_series:
        title, people, talk_type = None, [], None
    else:
        title, people, talk_type = parse_summary(summary)
    if not people and _NON_TALK.match(clean_text(summary) or ""):
        return None  # "Coffee Break", "Problem Session 1.a: Kammoun", "Organizational meeting"
    labels, rest = _labelled(description)
    if summary_is_series and not labels.get("series"):
        labels["series"] = clean_text(summary) or ""
    speakers = [Speaker(n, a) for n, a in people]
    if not speakers and "speaker" not in labels and rest and "," in rest[0] \
            and len(rest[0].split()) <= 16:
        first = people_in(rest[0])
        if first and first[0][1]:
            # "Kim Stachenfeld, Senior Research Scientist, Google DeepMind" opening the
            # description: the speaker line of a CMS template
            speakers = [Speaker(n, a) for n, a in first]
            rest = rest[1:]
    if "speaker" in labels:
        value = clean_text(labels["speaker"]) or ""
        if value.lower() in _NOBODY or (value.isupper() and " " not in value and len(value) > 1):
            return None
        named = []
        for part in split_names(value) if not person(value) else [value]:
            who = person(part)
            named.append(Speaker(*who) if who else Speaker(part))
        by_summary = {sp.name.split()[-1].casefold(): sp for sp in speakers}
        for i, sp in enumerate(named):
            twin = by_summary.get(sp.name.split()[-1].casefold()) if sp.name.split() else None
            if twin and not sp.affiliation:
                named[i] = replace(sp, affiliation=twin.affiliation)
        speakers = named
    if "affiliation" in labels and speakers and not speakers[0].affiliation:
        speakers[0] = replace(speakers[0], affiliation=clean_text(labels["affiliation"]))
    if "bio" in labels and len(speakers) == 1:
        speakers[0] = replace(speakers[0], bio=labels["bio"])
    if talk_type and not speakers and title and re.fullmatch(r"[A-Z][\w'’-]+", title):
        # "Lecture 1.a: Blitvic" over "Blitvic, Positivity Everywhere": a surname, then the
        # title in the description
        for i, line in enumerate(rest):
            m = re.match(rf"{re.escape(title)}\s*[,:–—-]\s*(\S.*)$", line)
            if m:
                speakers, title = [Speaker(title)], m[1].strip()
                del rest[i]
                break
    if labels.get("title"):
        title = labels["title"].strip().strip("\"“”").strip()
    elif title is None and speakers and labels.get("abstract") and rest and len(rest[0].split()) <= 20 \
            and not rest[0].rstrip().endswith(".") and not any(sp.name in rest[0] for sp in speakers) \
            and _tidy(description or "").strip().startswith(rest[0][:30]):
        # "Irrelevant Instrumental Variables" / "ABSTRACT" / ...: the description opens with the
        # title the SUMMARY ("EBS Seminar - Name") did not give
        title, rest = rest[0], rest[1:]
    if title and (_GENERIC_TITLE.match(title) or is_tbd(title)):
        title = None  # "Lab seminar", "Colloquium": a slot, not a title
    abstract = labels.get("abstract")
    if abstract is not None and re.match(r"(?i)^\W*(?:tba|tbd|tbc|to be announced)(?:\b|(?=[A-Z]))", abstract):
        abstract = None  # "Abstract: tbdA light lunch will be served": no abstract yet
    location = clean_text(labels.get("location"))
    if abstract is None and "abstract" not in labels:
        prose = [ln for ln in rest if not _MEETING.search(ln)]
        if len(prose) == 1 and len(prose[0].split()) <= 6 and ROOMISH.search(prose[0]) and not location:
            location, prose = clean_text(prose[0]), []  # DESCRIPTION:room 5.078
        abstract = "\n".join(prose) or None
    return Fields(
        title=title,
        speakers=speakers,
        abstract=abstract,
        host=labels.get("host"),
        talk_type=talk_type,
        series=clean_text(labels.get("series")),
        location=location,
    )
