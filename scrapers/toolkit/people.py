"""People and affiliations: is this a person's name, and where does the name end.

Pages print "Name, Affiliation", "Name (Affiliation)", "Name - Affiliation",
"Name: Affiliation", "Dr. Name '08", "Name, Professor, Department of X, University Y",
"A and B, Affiliation". Honorifics, class years and job titles ("Assistant Professor of
Physics", "Director", "PhD student") are neither names nor affiliations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from seminars.normalize.names import clean_name

US_STATES = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
    "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
    "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey",
    "new mexico", "new york", "north carolina", "north dakota", "ohio", "oklahoma", "oregon",
    "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "virginia", "washington", "west virginia", "wisconsin", "wyoming",
}


def is_address(s: str) -> bool:
    """"Oak Ridge, Tennessee", "La Jolla, CA": a town and its state, not a person or an
    organisation."""
    parts = [p.strip() for p in s.strip(" .,").split(",")]
    zipped = re.fullmatch(r"([A-Za-z][A-Za-z ]*?)\s+\d{5}(?:-\d{4})?", parts[-1])
    if len(parts) >= 2 and zipped and re.match(r"\d{1,6}\s+\S", parts[0]) \
            and (zipped[1].lower() in US_STATES or re.fullmatch(r"[A-Z]{2}", zipped[1])):
        return True  # "11200 SW 8th ST, Green Library, Miami, Florida 33199": a street address
    if len(parts) != 2 or not parts[0] or len(parts[0].split()) > 3 or is_org(parts[0]):
        return False
    return parts[1].lower() in US_STATES or bool(re.fullmatch(r"[A-Z]{2}(?:\s+\d{5})?", parts[1]))


_HONORIFIC = re.compile(
    r"^(?:(?:dr|doctor|prof|professor|assoc\.?\s*prof|asst\.?\s*prof|mr|mrs|ms|mx|miss|sir|dame|"
    r"emeritus|emerita|nobel\s+laureate|distinguished|associate|assistant|"
    # military ranks ("COL. CHRISTOPHER REGO (RETD.)")
    r"col|colonel|lt|lieutenant|gen|capt|captain|maj|brig|adm|admiral|cmdr|"
    # offices worn before a name ("Judge David Tatel", "Ambassador X")
    r"judge|justice|rev|reverend|ambassador|senator|"
    # French, Italian, Spanish, Portuguese, German forms ("Me Christine Mainville", "Dott.ssa")
    r"me|mme|dott(?:\.?ssa)?|prof(?:\.?ssa)?|dra|sra?|ing|herr|frau|profa?|profª|"
    # Czech and Slovak degrees written before the name ("Mgr. MgA. Petr Horký", "JUDr.", "doc.")
    r"mgr|mga|judr|mudr|phdr|rndr|paeddr|ingr|bc|doc)\.?\s+)+", re.I)
_CLASS_YEAR = re.compile(r"\s+['’‘]\d{2}\b")
_PARTICLES = {"van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "le", "la",
              "bin", "al", "el", "dos", "das", "ten", "ter", "y", "zu", "st."}
ORG_WORDS = {
    "university", "universität", "universitat", "université", "universidad", "universita",
    "universite", "universitaet", "universidade", "universiteit", "hochschule", "école", "ecole",
    "univ", "uni",
    "politecnico", "technion",
    # Nordic, Dutch, Polish, Czech, Italian, Spanish forms
    "universitet", "universitetet", "högskola", "högskolan", "hogeschool", "uniwersytet",
    "univerzita", "istituto", "laboratoire", "laboratorio", "fakultät", "fakulta", "facultad",
    "faculté", "facoltà", "dipartimento", "departamento", "département", "institutet",
    "università", "college", "institute", "institut", "instituto", "laboratory", "laboratories",
    "lab", "labs", "school", "department", "dept", "center", "centre", "academy", "hospital",
    "clinic", "foundation", "inc", "corp", "corporation", "ltd", "llc", "gmbh", "company",
    "council", "agency", "survey", "observatory", "society", "program", "service", "ministry",
    "museum", "faculty", "division", "group", "consortium", "organization", "organisation",
    "association", "office", "conservancy", "research", "sciences", "technology", "polytechnic",
    "nasa", "google", "microsoft", "ibm", "amazon", "meta", "facebook", "apple", "intel",
    "nvidia", "deepmind", "openai", "cnrs", "inria", "cern", "mit", "caltech", "ucla", "eth",
    "epfl", "kth", "nist", "nih", "nsf", "usgs", "usda", "noaa", "usfws", "suny", "cuny",
    "national", "federal", "state", "city", "town", "county", "co", "co.",
}
JOB_WORDS = {
    "professor", "lecturer", "director", "chair", "chairman", "dean", "manager", "scientist",
    "researcher", "fellow", "postdoc", "postdoctoral", "student", "candidate", "engineer",
    "president", "head", "founder", "co-founder", "co-director", "scholar", "emeritus",
    "emerita", "investigator", "staff", "officer", "provost", "chancellor", "analyst",
    "consultant", "curator", "editor", "ceo", "cto", "cfo", "vp", "principal", "reader",
    "instructor", "teacher", "coordinator", "advisor", "adviser", "specialist", "member",
    "graduate", "undergraduate", "phd", "ph.d.", "senior", "junior", "visiting", "adjunct",
    "retired", "ret'd", "ret’d",
    # the same in other languages ("docent i historia", "universitetslektor", "journalist")
    "docent", "lektor", "universitetslektor", "forskare", "författare", "journalist", "doktorand",
    "hoogleraar", "onderzoeker", "dozent", "wissenschaftler", "wissenschaftlerin", "professorin",
    "professeur", "chercheur", "chercheuse", "directeur", "directrice", "profesor", "profesora",
    "investigador", "investigadora", "catedrático", "catedrática", "docente", "ricercatore",
    "ricercatrice", "professore", "professoressa", "writer", "author", "novelist", "poet",
    "président", "présidente", "vice-président", "vice-présidente", "vice-president",
}
_NOT_NAME = ORG_WORDS | {
    "the", "a", "an", "of", "in", "on", "for", "and", "or", "to", "with", "from", "at", "by",
    "is", "are", "what", "how", "why", "when", "where", "who", "no", "not", "new", "seminar",
    "colloquium", "colloquia", "lecture", "talk", "talks", "series", "meeting", "workshop",
    "session", "break", "holiday", "week", "day", "abstract", "title", "speaker", "host",
    "room", "hall", "building", "auditorium", "campus", "library", "tba", "tbd", "via", "zoom", "online",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "spring", "summer", "fall", "autumn", "winter", "upcoming", "past",
    "theory", "physics", "mathematics", "chemistry", "biology", "science", "sciences",
    "introduction", "reception", "poster", "welcome", "student", "students", "graduate",
    "faculty", "conference", "reserved", "schedule", "information", "note", "course",
    "hub", "studio", "lounge", "atrium", "pavilion", "annex", "theatre", "theater", "presentation",
    "special", "event", "slides", "transcript", "chat", "video", "recording", "info", "more",
    "release", "news", "advertisement", "announcement", "newsletter",
    # a department's subject ("Mechanical Engineering Seminar")
    "engineering", "economics", "history", "philosophy", "statistics", "astronomy", "astrophysics",
    "geology", "neuroscience", "linguistics", "psychology", "sociology", "anthropology", "informatics",
    # a site's own sections ("Email List", "About This Site", "Contact Us", "Blog Archive")
    "email", "e-mail", "about", "website", "site", "contact", "subscribe", "blog", "archive", "home",
    "dear", "colleagues", "regards",  # a letter's greeting and closing
    "join",  # "Join Dr. Peter Suedfeld, ..., as he discusses": an invitation
    # a series or event named in another language ("Colóquio da Física", "Séminaire Bourbaki")
    "colóquio", "coloquio", "colloquio", "kolloquium", "kolloquien", "seminario", "seminário",
    "séminaire", "seminaire", "vortrag", "vorlesung", "ringvorlesung", "conferencia",
    "conférence", "conferenza", "palestra", "lezione", "föreläsning", "seminarium", "lezing",
    "giornata", "journée", "jornada", "programme", "programma", "programa", "programm",
    # weekdays in other languages ("Am Freitag, dem 14. September, ..." opens a sentence)
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi",
    "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes",
    "miércoles", "jueves", "viernes", "sábado", "domingo", "maandag", "dinsdag", "woensdag",
    "donderdag", "vrijdag", "zaterdag", "zondag",
}
NOT_NAME_WORDS = frozenset(_NOT_NAME)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][.]|[A-Z][.][A-Z][.]|[^\W\d_][\w'’.-]*)$")


_GIVEN_TOO = {"dean", "grant", "hall", "rich", "sterling", "will", "mark", "may", "june", "april",
              "august"}


def is_particle(word: str) -> bool:
    """"van", "de", "bin": a lowercase word that may stand inside a person's name."""
    return word in _PARTICLES


def strip_honorifics(s: str) -> str:
    s = _CLASS_YEAR.sub("", s.strip())
    return _HONORIFIC.sub("", s).strip()


def honoured(s: str) -> bool:
    """"Dr. X", "Distinguished Professor X": the text opens with a person's honorific."""
    return bool(s.strip()) and strip_honorifics(s) != s.strip()


def is_name(s: str | None) -> bool:
    """Whether ``s`` reads as one person's name (two to five words, capitalised, none of them
    an organisation, a job or a common title word)."""
    if not s:
        return False
    bare = strip_honorifics(s)
    # "Prof. SIT Tony", "Dr. LIN Lap Ming": a surname in capitals first, after an honorific
    caps_surname = bare != s.strip() and bool(re.match(r"[A-Z]{2,10}\s+[A-Z][a-z]", bare))
    s = bare
    s = re.sub(r"\s*\([^)]*\)\s*$", "", s)  # a nickname or pronouns in brackets
    head, comma, tail = s.partition(",")
    if comma and len(head.split()) > 1 and tail.strip() \
            and not re.fullmatch(r"(?i)\s*(?:jr|sr|ii|iii|iv|phd|ph\.d|md|qc)\.?\s*", tail):
        return False  # "Yves Kemp, Deutsches Elektronen Synchrotron": a name, then something else
    tokens = s.replace(",", " ").split()
    if not 2 <= len(tokens) <= 5 or len(s) > 60:
        return False
    if tokens[-1].lower() in _PARTICLES or any(ch.isdigit() for ch in s):
        return False
    # "Gilbert LEVITT", "Jean-Pierre DE LA RUE": a given name, then the surname in capitals
    # (the French and European habit); the capitals must read as a word, not an acronym
    caps_from = next((k for k, t in enumerate(tokens) if len(t) >= 2 and t.isupper()), None)
    caps_tail = caps_from is not None and caps_from >= 1 and "," not in s \
        and bool(re.fullmatch(r"[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?", tokens[0])) \
        and all(t.isupper() and re.search(r"[AEIOUYÀ-Ý]", t) for t in tokens[caps_from:])
    capital = 0
    for n, tok in enumerate(tokens):
        low = tok.lower().strip(".")
        if low in _PARTICLES or (n == 0 and low in _GIVEN_TOO and len(tokens) >= 2):
            capital += low not in _PARTICLES
            continue  # "Dean Eaton": a given name that is also a job
        if re.fullmatch(r"[A-Z]\.", tok):
            capital += 1  # an initial ("Emiliano A. Valdez"), not the article "a"
            continue
        if low in _NOT_NAME or low in JOB_WORDS or not _NAME_TOKEN.match(tok):
            return False
        if not tok[0].isupper():
            return False
        if len(tok) >= 3 and tok.isupper() and "." not in tok and not (n == 0 and caps_surname) \
                and not (caps_tail and caps_from is not None and n >= caps_from):
            return False  # an acronym ("QCD", "NASA")
        capital += 1
    return capital >= 2


_CJK_ORG = re.compile(r"(?:대학교|대학원|대학|학과|학부|연구소|연구원|과학원|大学|大學|学院|研究所|研究院|研究室|センター|中心)(?:\s|$)")


def is_org(s: str | None) -> bool:
    """Whether ``s`` names an organisation (a word such as University, Institute, Lab)."""
    if not s:
        return False
    words = re.findall(r"[^\W\d_][\w'’.-]*", s.lower())
    # ("한양대학교 수학과", "KAIST 뇌인지과학과", "明治大学": the organisation word is a suffix)
    return any(w.strip(".") in ORG_WORDS for w in words) or bool(_CJK_ORG.search(s))


def is_job(s: str) -> bool:
    """"Professor", "Assistant Professor of Physics", "refuge Manager", "PhD student"."""
    s = s.strip()
    if not s or is_org(s) and not re.match(r"(?i)^(?:\w+\s+){0,3}(professor|director|chair|"
                                            r"dean|head|fellow|student)\s+(of|at|in)\b", s) \
            and not re.fullmatch(r"(?i)(?:\w+\s+){0,3}(?:fellow|scientist|professor|director|"
                                 r"lecturer|researcher)", s):  # "Research Fellow"
        return False
    words = re.findall(r"[\w.'’-]+", s.lower())
    if len(words) > 8:
        # "H.E. Robbins Professor of Statistics and Professor of Psychiatry": a long chair
        # title is still a job when every "of" names a subject, not an organisation
        return bool(re.match(r"(?i)^(?:[\w.'’-]+\s+){0,4}professor\s+(?:of|in)\b", s)) and not is_org(s)
    return bool(words) and any(w in JOB_WORDS for w in words)


@dataclass
class Person:
    name: str
    affiliation: str | None = None


_SEP_NAMES = re.compile(r"\s*(?:,?\s+and\s+|\s*&\s*|;\s*)\s*", re.I)


_GIVEN_IN_BRACKETS = re.compile(r"\b(?:[A-Z]\.\s?)+\(\s*([A-Z][a-z]+)\s*\)\s+(?=[A-Za-z])")


# "石川日出志氏(明治大学教授)", "清原康正氏（文芸評論家）": a name in kanji or kana, an honorific
# suffix, and the affiliation with its job title in brackets
# ("梶尾 真治 氏": family and given name may stand apart)
_CJK_PERSON = re.compile(r"^([\u3040-\u30ff\u4e00-\u9fff]{1,8}?(?:\s[\u3040-\u30ff\u4e00-\u9fff]{1,8}?)?)\s*"
                         r"(氏|先生|様|さん|教授|博士)?\s*(?:[（(]([^（）()]{1,60})[）)])?\s*$")
_CJK_JOB = re.compile(r"(?:名誉)?(?:特任|客員|准|助|副)?(?:教授|講師|研究員|助教|院長|所長|学長|教员|研究员)$")


# "김대욱 · KAIST 뇌인지과학과": a Korean name (two to four syllables), then where
_HANGUL_PERSON = re.compile(r"^([\uac00-\ud7a3]{2,4})\s*(?:[·,|(（]\s*([^()（）]{2,80}?)\s*[)）]?)?\s*$")


def _cjk_person(s: str) -> list[Person]:
    k = _HANGUL_PERSON.match(s.strip())
    if k:
        return [Person(k[1], k[2].strip() if k[2] else None)]
    m = _CJK_PERSON.match(s.strip())
    if not m or not re.search(r"[\u4e00-\u9fff]", m[1]) or len(m[1].replace(" ", "")) < 2:
        return []
    if not m[2] and not m[3] and "の" in m[1]:
        return []  # "講演の様子" (the lecture, a photo's caption): "の" joins words, not names
    if " " in m[1] and not m[2]:
        return []  # two words apart are a name only with its honorific ("梶尾 真治 氏")
    # an affiliation in brackets names a place of work; "文芸評論家" (a literary critic) names a
    # job; several are listed with "、" ("慶應義塾大学教授、京都大学名誉教授")
    places = [a for part in re.split(r"[、,，]", m[3] or "") for a in [_CJK_JOB.sub("", part).strip()]
              if a and re.search(r"大学|学院|研究所|研究院|センター|機構|病院|協会|会社|株式会社|大學|中心|研究室", a)]
    return [Person(m[1], "; ".join(places) or None)]


_CJK_ANY = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")


def _joined_names(s: str) -> list[Person] | None:
    """"Aki Inomata + 松永亮太", "石橋友也＋菅野創", "斎藤帆奈 & TBA", "古澤輝由 + Mio Iizawa/切江志龍":
    names joined by plus signs (or "&" beside Japanese, Chinese or Korean ones), a speaker
    still to be announced left out; None when ``s`` is no such list."""
    if not (re.search(r"[+＋]", s) or ("&" in s and _CJK_ANY.search(s))):
        return None
    parts = [p for p in re.split(r"\s*[+＋&]\s*", s) if p.strip()]
    if len(parts) < 2:
        return None
    got: list[Person] = []
    for part in parts:
        if re.fullmatch(r"(?i)\W*(?:tba|tbd|tbc|n\.?n\.?)\W*", part):
            continue
        # (a foreign name in katakana alone, "ゲオアグトレメル", counts beside the others)
        pieces = [split_person(p) or ([Person(p)] if re.fullmatch(r"[\u30a0-\u30ff・]{3,16}", p) else [])
                  for p in re.split(r"\s*/\s*", part)]
        if not all(len(ps) == 1 for ps in pieces):
            return None
        got += [ps[0] for ps in pieces]
    return got or None


def split_person(s: str, *, loose: bool = False) -> list[Person]:
    """"Name, Affiliation" and its kin -> people (several when "A and B, Affiliation").
    Empty when the text does not start with a name.

    ``loose`` (where the text is known to name a speaker: a "Speaker:" label, a speaker
    column, a one-line entry's head) also reads "Name University of X" with no separator,
    and a labelled name holding an organisation word ("Craig Group")."""
    s = s.strip().strip("•·-–— ").strip()
    s = re.sub(r"(?<=[a-z.])[*†‡]+(?=[\s,(]|$)", "", s)  # "Dr. Deb Cowen*, Toronto": a footnote mark
    s = re.sub(r"(?<=[a-z]{3})\.$", "", s)  # "Dr. Paul Cobb." ending its sentence
    s = re.sub(r"(?i)\s*\((?:retd|ret|retired)\.?\)", "", s)  # "COL. CHRISTOPHER REGO (RETD.)"
    if not s:
        return []
    joined = _joined_names(s)
    if joined is not None:
        return joined
    if re.match(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]", s):
        return _cjk_person(s)
    # "Dr. P.T. (Tim) de Zeeuw": initials with the given name in brackets -> "Tim de Zeeuw"
    s = _GIVEN_IN_BRACKETS.sub(r"\1 ", s)
    if re.search(r"\s(?:and|&)\s", s) and "," in s and "(" not in s:
        listed = [p for p in re.split(r"\s*,\s*(?:and\s+)?|\s+(?:and|&)\s+", s) if p]
        if len(listed) >= 3 and all(is_name(p) for p in listed):
            return [Person(clean_name(strip_honorifics(p)) or p) for p in listed]  # "A, B and C"
    m = _bracketed(s)
    if m and _names(m[0]):  # "Name (Affiliation)", "Name (Institute (HRI), Town)"
        inside = [p for p in re.split(r"\s*(?:,|&|\band\b)\s*", m[1]) if p.strip()]
        if not m[2] and len(inside) >= 2 and re.search(r"&|\band\b", m[1]) \
                and all(is_name(p) and not is_org(p) for p in inside):
            # "John Vandaele (Elien Spillebeen & Stijn Oosterlynck)": the bracket names his
            # partners on stage, not where he works
            return [Person(n) for n in _names(m[0])] + [Person(clean_name(p) or p) for p in inside]
        aff = clean_affiliation(m[1])
        return [Person(n, aff) for n in _names(m[0])]
    suffixed = re.match(r"^([^,()]+?,\s*(?:Jr|Sr|II|III|IV)\b\.?)\s*(?:,\s*(.*))?$", s)
    if suffixed and _names(suffixed[1]):
        # "Joseph S. Nye, Jr., dean of ...": the suffix is the name's, the rest is where he is
        aff = clean_affiliation(suffixed[2]) if suffixed[2] else None
        return [Person(n, aff) for n in _names(suffixed[1])]
    for sep in (r"\s*,\s*", r"\s*:\s+", r"\s+[-–—]\s+", r"\s*\|\s*", r"\s+/\s+"):
        parts = re.split(sep, s, maxsplit=1)
        if len(parts) == 2 and _names(parts[0]):
            aff = clean_affiliation(parts[1])
            return [Person(n, aff) for n in _names(parts[0])]
    names = _names(s)
    if names or not loose:
        return [Person(n) for n in names]
    return _unseparated(s)


_ORG_SHAPE = re.compile(
    r"^(?:(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){0,3}(?:university|college|institute|laboratory|"
    r"lab|school|academy|observatory|hospital|center|centre)\b(?:\s+(?:of|at|for|in)\s+\S.*)?"
    r"|(?:the\s+)?(?:university|institute|college|school|academy|laboratory)\s+(?:of|at|for)"
    r"\s+\S.*)$", re.I)


_TRAIL_PERSON = re.compile(
    r"((?:(?:The\s+)?Hon\.?\s+)?(?:(?:Justice|Professor|Prof\.?|Dr\.?|Me|Mr\.?|Mrs\.?|Ms\.?)\s+)?"
    r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|van|von|de|da|di|du|le|la)){1,3}(?:,\s*(?:QC|KC|PhD))?)"
    r"\s*\(([^()]{2,120})\)")


def trailing_people(s: str) -> tuple[str, list[Person]] | None:
    """"Due Process in the #MeToo Era, Jonathan Kay (Senior Editor, Quillette Magazine) and
    Professor Jennifer Koshan (University of Calgary)": (title, the bracketed people who close
    the line, in order), or None when the line does not end so."""
    found = list(_TRAIL_PERSON.finditer(s))
    if not found or s[found[-1].end():].strip(" .;"):
        return None
    run = [found[-1]]
    for m in reversed(found[:-1]):
        if not re.fullmatch(r"\s*(?:,|;|&|and|,\s*and)\s*", s[m.end():run[0].start()]):
            break
        run.insert(0, m)
    head = s[:run[0].start()]
    if not re.search(r"[,:–—-]\s*$", head) or len(head.split()) < 2:
        return None
    found_people = []
    for m in run:
        name = clean_name(strip_honorifics(re.sub(r"^(?:The\s+)?Hon\.?\s+(?:Justice\s+)?", "", m[1])))
        if not name or not is_name(name):
            return None
        found_people.append(Person(name, clean_affiliation(m[2])))
    return head.rstrip(" ,:–—-"), found_people


def name_then_org(s: str) -> list[Person]:
    """"Mark W. Meisel University of Florida" (a one-line entry's head): [] when not so shaped."""
    found = _unseparated(s.strip().strip("•·-–— ").strip(), plain=False)
    return found


def _unseparated(s: str, plain: bool = True) -> list[Person]:
    """"Mark W. Meisel University of Florida": the shortest name (not ending in an initial)
    after which the rest is shaped as an organisation; else a plain capitalised name."""
    tokens = s.split()
    for k in range(2, min(5, len(tokens))):
        head, rest = " ".join(tokens[:k]), " ".join(tokens[k:])
        if len(rest.split()) <= 10 and _ORG_SHAPE.match(rest) and is_name(head) \
                and not tokens[k - 1].endswith(".") and rest.split()[0][:1].isupper():
            return [Person(clean_name(strip_honorifics(head)) or head, clean_affiliation(rest))]
    if not plain:
        return []
    name = strip_honorifics(s)
    toks = name.split()
    if 2 <= len(toks) <= 4 and all(t[:1].isupper() or t in _PARTICLES for t in toks) \
            and not any(ch.isdigit() for ch in name) and len(name) <= 50 \
            and not any(t.lower().strip(".,") in (_NOT_NAME - ORG_WORDS) | _ORG_HEADS
                        for t in toks):
        return [Person(clean_name(name) or name)]
    return []


def trailing_name(s: str) -> tuple[str, str] | None:
    """"Future Telescopes in Space Roger Angel" -> ("Future Telescopes in Space", "Roger
    Angel"): a two-word name at the end, widened over an initial or a particle before it
    ("W. Burrows", "Wayne Van Citters"); None when the end is no name."""
    words = s.split()
    if len(words) < 3:
        return None
    k = len(words) - 2
    while k > 0 and (words[k].lower() in _PARTICLES
                     or words[k] in ("Van", "Von", "De", "Da", "Di", "Du", "Le", "La", "Del")
                     # a middle initial: "Dr. Emiliano A. Valdez" (not "to be Drawn W. Burrows")
                     or (re.fullmatch(r"[A-Z]\.", words[k])
                         and (k == 1 or bool(_HONORIFIC.fullmatch(words[k - 2] + " "))))):
        k -= 1  # "Wayne Van Citters"
    while k >= 1 and _HONORIFIC.fullmatch(words[k - 1] + " "):
        words = words[:k - 1] + words[k:]  # "... guarantees Dr. Junsen Tang"
        k -= 1
    if k < 1 or not is_name(" ".join(words[k:])):
        return None
    return " ".join(words[:k]), " ".join(words[k:]).rstrip(",")


def leading_name(s: str) -> tuple[str, str] | None:
    """"Joy Morris Colour-permuting automorphisms" -> ("Joy Morris", "Colour-permuting ...")
    (a row under "Date Speaker Title"): two words, widened over an initial or a particle
    ("Ann B. Smith", "Jan van Dam"); None when the start is no name."""
    words = s.split()
    if len(words) < 3:
        return None
    bracketed = re.match(r"^([^(),:;]{3,60}?)\s*\(", s)
    if bracketed and len(bracketed[1].split()) > 2 and is_name(bracketed[1]):
        return None  # "Mohammad Javad Latifi Jebelli (Dartmouth) Title": the bracket ends the name
    k = 2
    while k < min(len(words) - 1, 4) and (re.fullmatch(r"[A-Z]\.", words[k - 1])
                                          or words[k - 1].lower() in _PARTICLES):
        k += 1
    name = " ".join(words[:k])
    if name.endswith((",", ":", ";")) or words[k][:1] in "(,":
        return None  # "Name, Affiliation ...": a separator, so the usual reading applies
    return (name, " ".join(words[k:])) if is_name(name) else None


_TYPES = r"(?:colloquium|seminar|lecture|talk|oberseminar|kolloquium|vortrag|webinar|keynote)"
_TYPE_PREFIX = re.compile(rf"(?i)^((?:[\w'’.-]+\s+){{0,3}}{_TYPES}(?:\s+[\w'’.*-]+){{0,2}})\s*:\s+(.+)$")
# "... unitary groups. Oberseminar C*-Algebren.": the series a title is filed under
_SERIES_TAIL = re.compile(rf"(?i)(?:\.\s+|\s*\(\s*){_TYPES}\b[^.()]*[.)]?\s*$")


def person_and_title(s: str) -> tuple[list[Person], str | None]:
    """A heading naming a talk: "Colloquium: Ehud de Shalit (HUJI) — Difference equations",
    "Piotr P. (Copenhagen): Synthetic spectra. (Oberseminar Topologie)" -> (people, title)."""
    m = _TYPE_PREFIX.match(s.strip())
    rest = m[2] if m else s.strip()
    parts = re.split(r"\s+[-–—]\s+", rest, maxsplit=1)
    ps = split_person(parts[0]) if len(parts) == 2 else []
    if ps and ps[0].affiliation and ":" in ps[0].affiliation and "(" not in parts[0]:
        ps = []  # "Name: Title - Subtitle" is the colon's reading, below
    if ps:
        return ps, _SERIES_TAIL.sub("", parts[1]).strip(" .") or None
    br = _bracketed(rest)
    if br and _names(br[0]):
        title = _SERIES_TAIL.sub("", br[2].lstrip(" :.-–—")).strip(" .") or None
        return [Person(n, clean_affiliation(br[1])) for n in _names(br[0])], title
    ps = split_person(rest)
    return ps, None


_BRACKETED_PERSON = re.compile(r"\s*((?:[A-Z][\w'’.-]*\s+|(?:van|von|de|der|den|da|di|du|le|la)\s+){1,4}[A-Z][\w'’-]+)"
                               r"\s*\(([^()]{1,60})\)")
# between two of them a list's comma, "and" or "with" ("Glen Cowan (RHUL), Enzo Canonero (RHUL), and ...")
_RUN_GLUE = re.compile(r"\s*,\s*(?:and\s+)?(?=[A-Z])|\s+(?:and|&|with)\s+(?=[A-Z])")


def bracketed_run(s: str) -> tuple[list[Person], str]:
    """"Meg Samuelson (U Adelaide) Ben Etherington (WSU) ‘Title’": the people in a run of
    "Name (Affiliation)" at the start (two or more, bare or listed with commas and "and"),
    and the text after them."""
    people, pos = [], 0
    while (m := _BRACKETED_PERSON.match(s, pos)) and is_name(m[1]):
        people.append(Person(clean_name(strip_honorifics(m[1])) or m[1], clean_affiliation(m[2])))
        pos = m.end()
        glue = _RUN_GLUE.match(s, pos)
        if glue and (nxt := _BRACKETED_PERSON.match(s, glue.end())) and is_name(nxt[1]):
            pos = glue.end()
    return (people, s[pos:].strip()) if len(people) >= 2 else ([], s)


def after_bracketed_person(s: str) -> str:
    """The text after "Name (Affiliation)" ("Ann Lee (MIT). Glass" -> "Glass"), else ""."""
    m = _bracketed(s.strip())
    return m[2].strip(" .,;:-–—") if m and _names(m[0]) else ""


def _bracketed(s: str) -> tuple[str, str, str] | None:
    """(before, inside, after) of the first bracket pair, nested brackets kept inside."""
    i = s.find("(")
    if i <= 0:
        return None
    depth = 0
    for j in range(i, len(s)):
        depth += {"(": 1, ")": -1}.get(s[j], 0)
        if depth == 0:
            inside = s[i + 1:j].strip()
            return (s[:i].strip(), inside, s[j + 1:].strip()) if inside else None
    return None


def _names(s: str) -> list[str]:
    parts = [p for p in _SEP_NAMES.split(s.strip()) if p.strip()]
    if not parts or not all(is_name(p) for p in parts):
        return []
    return [clean_name(strip_honorifics(p)) or p for p in parts]


_KIND_WORD = re.compile(r"\s+(?:Colloquium|Lecture|Seminar|Talk|Keynote|Presentation)$")


def name_before_kind(text: str) -> str | None:
    """"Miriam Kolar Colloquium": a speaker's name and the kind of event, nothing else -> the name."""
    m = _KIND_WORD.search(text.strip())
    name = text.strip()[:m.start()] if m else ""
    return name if m and len(text.split()) <= 5 and is_name(name) else None


# "O'Brien Fellow at the McGill Centre": a job, then where it is held (group 1)
JOB_AT = re.compile(r"(?i)^(?:[\w'’.-]+\s+){0,4}?(?:professor|lecturer|director|chair|fellow|scientist|"
                    r"researcher|student|postdoc\w*)\s+(?:at|of|in)\s+(?:the\s+)?(.+)$")
# the same in French, Spanish, German, Italian ("Professeur émérite de l'Université de Toulouse")
_FOREIGN_JOB_AT = re.compile(
    r"(?i)^(?:[\w'’.-]+,?\s+){0,2}?(?:professeure?|ma[iî]tre\s+de\s+conf[ée]rences|chercheu(?:r|se)|directeur|"
    r"directrice|profesora?|investigadora?|catedr[áa]tic[oa]|professorin|professore|ricerca(?:tore|trice))"
    r"(?:\s+(?:[ée]m[ée]rite|emerit[oa]))?\s+(?:à|de|du|en|an|der|di|del)\s+"
    r"(?:la\s+|l['’]\s*|le\s+|der\s+|dem\s+)?(.+)$")


# "à l'Université de Jean Jaurès" under "professeur de Littérature française ...,": the job's
# line ran on to where it is held
_AT_ORG = re.compile(r"(?i)^(?:à|at)\s+(?:la\s+|l['’]\s*|le\s+|the\s+)?(.+)$")


def job_at(s: str) -> re.Match | None:
    """The organisation after a job title, in English or another language (group 1)."""
    return JOB_AT.match(s) or _FOREIGN_JOB_AT.match(s) or _AT_ORG.match(s)


def clean_affiliation(s: str | None) -> str | None:
    """An affiliation without job titles, class years, trailing punctuation or a street
    address ("Philadelphia, PA")."""
    if not s:
        return None
    s = s.strip()
    if s.startswith("(") and s.endswith(")") and s.count("(") == 1:
        s = s[1:-1]  # "(University of Lethbridge)" on a line of its own
    if re.fullmatch(r"(?:(?:[A-Z][\w.]*\s+){1,3}['’‘]\d{2}\s*(?:,\s*|$))+", s):
        return None  # "(BEc Hons ’80, LLB Hons ’86)": an alumnus's degrees, not where he is
    s = _CLASS_YEAR.sub("", s)
    # "Flinders University.    More Information": the link after the entry
    s = re.sub(r"(?i)\.?\s+(?:more\s+info(?:rmation)?|read\s+more|details|register\b.*)\s*$", "", s)
    # "Singapore Management University, presented a seminar titled ...": the sentence goes on
    # (a report's past tense only: "X, professor of Y, will give the lecture ..." is an
    # announcement that the prose reader takes whole)
    s = re.split(r",?\s+(?:presented|gave|delivered|discussed|spoke|talked)\b", s, maxsplit=1)[0]
    if re.search(r"(?i)\b(?:cancell?ed|postponed|rescheduled)\b", s):
        return None  # "Max Katz (CANCELED DUE TO SNOW)": the talk's status, read elsewhere
    # "HUJI (Tzafriri prize lecture)": what kind of talk it is, not where the speaker is from
    s = re.sub(r"(?i)\s*\([^()]*\b(?:lecture|talk|prize|award|seminar|colloquium|keynote)\b[^()]*\)\s*$",
               "", s)
    s = re.sub(r"\s*\b(?:to be confirmed|tbc)\b\s*", " ", s, flags=re.I)
    # "University of St Andrews (from 1st September, the Bayes Chair at Edinburgh)": a move
    s = re.sub(r"(?i)\s*\((?:from|until|as\s+of|formerly|previously|starting)\b[^()]*\)\s*$", "", s)
    s = re.sub(r"(?i),?\s*\b(?:talk\s+)?title\s*(?::\s*)?(?:tba|tbd|to\s+be\s+announced)\b.*$", "", s)
    pieces = [p.strip() for p in re.split(r"\s*,\s*", s) if p.strip()]
    kept = []
    for p in pieces:
        if re.match(r"(?:a|an)\s", p):
            continue  # "a guest speaker through ...": a description, not an organisation
        p2 = re.sub(r"^(?:a|an|the)\s+", "", p, flags=re.I)
        lead = re.match(r"(?i)^(?:(?:assistant|associate|full|visiting|adjunct|research|senior|"
                        r"distinguished)\s+)*(?:professor|lecturer|director|chair|fellow|"
                        r"student|scientist|researcher)\s+(?:of|at|in)\s+(.*)$", p2) or _FOREIGN_JOB_AT.match(p2)
        if lead and is_org(lead[1]):
            kept.append(lead[1])
            continue
        held = re.match(r"(.+?)\s+at\s+(?:the\s+)?([A-Z].*)$", p2)
        if held and is_org(held[2]) and any(w in JOB_WORDS for w in held[1].lower().split()) \
                and not any(w in _ORG_HEADS for w in held[1].lower().split()):
            # (not "X School of Business at the University of Y")
            # "Canada Research Chair and Professor in Human Geography at the Royal Roads University"
            kept.append(held[2])
            continue
        if is_job(p2) or re.fullmatch(r"[A-Z]{2}(?:\s+\d{5})?", p2) \
                or (kept and p2.lower() in US_STATES):
            if len(kept) >= 2 and not is_job(p2) and not is_org(kept[-1]) \
                    and len(kept[-1].split()) <= 3:
                kept.pop()  # "Colorado State University, Fort Collins, CO": the town goes too
            if kept and is_job(p2) and len(p2.split()) == 1:
                # "UWM School of Nursing, Director, Master in X Program": what follows a
                # bare job title is its remit, not another organisation
                break
            continue
        kept.append(p)
    out = ", ".join(kept).strip(" .,;:-–—")
    if out.endswith(")") and "(" not in out:
        out = out[:-1].rstrip()  # "Anu Bradford, Columbia)": the bracket closes nothing here
    return out or None


_ORG_HEADS = {"university", "college", "institute", "laboratory", "center", "centre", "school",
              "department", "academy", "hospital", "observatory", "foundation", "lab",
              "corporation", "agency", "survey", "museum", "council", "society"}


def split_org_prefix(s: str) -> tuple[str | None, str]:
    """"Yale University Center for Bioethics AI Steps Out ..." -> (organisation, the rest):
    the organisation runs to its last head word (University, Center, Laboratory) among the
    first capitalised words, plus one "of/for X"."""
    words = s.split()
    last = -1
    for n, w in enumerate(words[:8]):
        if not (w[:1].isupper() or w.lower() in ("of", "for", "and", "the", "at", "de")):
            break
        if w.lower().strip(",.") in _ORG_HEADS:
            last = n
    if last < 0:
        return None, s
    end = last + 1
    if end + 1 < len(words) and words[end].lower() in ("of", "for", "at") and words[end + 1][:1].isupper():
        end += 2
    return " ".join(words[:end]).strip(" ,"), " ".join(words[end:]).strip(" ,")
