"""Page-level defaults: the time and place a page states once for all its talks.

"Talks are held on Thursdays at 12:40 PM in Room N304 unless otherwise indicated",
"Fridays 3:15 - 4:15pm" over "Peter Hall Building, Room 162", "Location: 111 Smith Hall".
Sentences about refreshments or receptions are not about the talk.
"""

from __future__ import annotations

import re
from datetime import time

from seminars.scrapers.toolkit.fields import label_of
from seminars.scrapers.toolkit.lines import Block
from seminars.scrapers.toolkit.when import find_date, find_times


def sentences(text: str) -> list[str]:
    from seminars.scrapers.toolkit.prose import sentences as split

    return split(text) if len(text) < 5000 else [text]

ROOMISH = re.compile(r"(?i)\b(room|rm\.?|hall|building|bldg|auditorium|lab|library|theat(er|re)"
                     r"|house|campus|zoom|online|teams|lecture\s+theatre|raum|h(?:ö|oe)rsaal|saal|"
                     r"geb(?:ä|ae)ude|studio|lounge|atrium|pavilion|salle|sala|aula|amphi\w*|"
                     r"auditorio|auditório|anfiteatro|cinema|chapel|museum)\b"
                     r"|\((?-i:[A-Z]{2,6})\s?\d{1,5}[A-Za-z]?\)"  # "(ASB 10900)": a room code
                     r"|\d{1,4}\s?(?:호|号室|号|室)(?!\w)")  # "과학관 201호", "3号館 201室": a room number
_SKIP_DEFAULT = re.compile(r"(?i)\b(refreshments?|pizza|beverages|snacks|coffee|tea|lunch|"
                           r"dinner|social|reception|cookies)\b")
# An aside giving one talk its own place, and the joint-event note beside it.
OWN_SLOT = re.compile(r"(?i)\(\s*(?:to\s+be\s+|will\s+be\s+)?held\s+in\s+([^()]+)\)")
# "(NOTE: on a Monday, in Mansfield Cooper G19)": one talk's own day or room
NOTE_ASIDE = re.compile(r"(?i)\s*\(\s*note\s*:\s*([^()]{3,120})\)")
# "at 4pm (talks start at 4.15)": the talk's own start within the slot
_TALK_STARTS = re.compile(r"(?i)\(\s*(?:the\s+)?(?:talks?|lectures?|seminars?|colloqui\w*)\s+(?:start|begin)s?"
                          r"\s+(?:at\s+)?([^()]{1,20})\)")
ASIDE = re.compile(r"(?i),?\s*\(\s*(?:joint(?:ly)?\s+with|co-?sponsored\s+by|in\s+"
                   r"collaboration\s+with)\b[^()]*\)")
_DEFAULT_CUE = re.compile(r"(?i)\b(mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|"
                          r"sundays|(?:mon|tues|wednes|thurs|fri)day'?s|talks?|colloqui\w*|seminars?|"
                          r"lectures?|meet|held|start|begin|take\s+place|unless|join\s+us"
                          # the same cues in French, German, Spanish, Italian, Portuguese
                          r"|se\s+tien(?:t|nent)|a\s+lieu|ont\s+lieu|(?:lun|mar|mercre|jeu|vendre)dis?|"
                          r"s[ée]minaires?|expos[ée]s|conf[ée]rences|kolloqui(?:um|en)|vortr[äa]ge?|"
                          r"finde[nt]|(?:mon|diens|mittwoch|donners|frei)tags|semin[áa]rios?|seminari|"
                          r"conferencias|se\s+celebra|tendr[áa]n?\s+lugar|si\s+(?:tiene|terr[àa])|"
                          r"colloqui|palestras)\b")
_ENDS = re.compile(r"(?i)\bend(?:s|ing)?\s+(?:at\s+|around\s+|by\s+|about\s+)?(\d{1,2}(?:[:.]\d{2})?\s*"
                   r"[ap]\.?\s?m\.?)")



_VIA = re.compile(r"(?i)\b(?:online\s+)?(?:via|on|through|using|over)\s+(Zoom|(?:MS\s+|Microsoft\s+)?Teams|Webex|"
                  r"Google\s+Meet|Skype|YouTube)\b")
_HEDGE = re.compile(r"(?i)\b(often|sometimes|also|occasionally|alternately|either)\b")
# Sentences come from prose.sentences (which keeps "Sept. 1" and "Dr. X" whole); within one,
# a clause ends at ";" or before ", and/with/while/followed" (or a bare "followed by").
# ("Refreshments are served first and talks will begin at 3:15 pm": the food, then the slot)
_CLAUSE = re.compile(r";\s*|,\s+(?=(?:and|with|while|followed)\b)|\s+(?=followed\s+by\b)|\s+and\s+(?=(?:the\s+)?(?:talks?|lectures?|"
                     r"seminars?|colloqui\w*)\s+(?:will\s+)?(?:begin|start)s?\b)")


_BARE_PLACE = re.compile(r"^(?:Place|Location|Venue|Where)\s+([A-Z\d][^.]{1,60})$")


_FOOD_TAIL = re.compile(r"(?i)[\s.;,]*\b(?:light\s+)?refreshments?\s+(?:will\s+be\s+)?(?:served|provided|"
                        r"available)\b.*$")
# "Life Science 175 - 3:30 pm": a room with a number, then the clock
_ROOM_THEN_CLOCK = re.compile(r"^\s*((?:[A-Z][\w.'’&-]*\s+){1,5}[A-Z]?\d{2,5}[A-Za-z]?)\s*[-–—,]\s*\d{1,2}(?:[:.]\d\d)?"
                              r"\s*(?i:[ap]\.?m)")


def page_defaults(lines: list[Block]):
    """(start, end, location) stated for every talk: later statements win (a caption right
    above the schedule is more specific than the introduction)."""
    start = end = loc = None
    prev_time = hedged = False
    for b in lines:
        if OWN_SLOT.search(b.text):
            continue  # "(to be held in Lathrop 207)": one event's exception, not the rule
        lab = label_of(b.text)
        if lab and lab[0] == "location" and lab[1]:
            loc = clean_loc(lab[1].split("·")[0])
            continue
        bare = _BARE_PLACE.match(b.text)
        if bare:  # "Place KBG501, KBC": a definition list that lost its colon
            loc = clean_loc(bare[1])
            continue
        got_time = False
        for clause in (c for sent in sentences(b.text) for c in _CLAUSE.split(sent)):
            # "Life Science 175 - 3:30 pm (unless otherwise indicated) Refreshments served":
            # the slot, then a word on the food
            clause = _FOOD_TAIL.sub("", clause) or clause
            if _SKIP_DEFAULT.search(clause):
                continue
            hit = find_date(clause)
            if hit is not None and hit.year is not None:
                continue  # "4:13 p.m., Sept. 1, 2015 – ... has announced": one day, no rule
            if _HEDGE.search(clause) and place_in(clause) and find_times(clause)[0] is None:
                hedged = True  # "Talks are often held in X ... also in Y": no one place
                continue
            t1, t2 = find_times(_TALK_STARTS.sub("", clause))
            own_start = _TALK_STARTS.search(clause)
            if t1 is not None and own_start:
                t1 = _later_clock(t1, own_start[1])
            ends = _ENDS.search(clause) if t1 is not None and t2 is None else None
            if ends:  # "All lectures start at 4:15 PM and end around 5:15 PM"
                t2 = find_times(ends[1])[0]
            short = len(clause.split()) <= 8
            if t1 is not None and start is not None and _HEDGE.search(clause):
                continue  # "Some speakers will also give a colloquium at 4:30 pm": not the rule stated before
            if t1 is not None and (_DEFAULT_CUE.search(clause) or short):
                start, end, got_time = t1, t2, True
                room_first = _ROOM_THEN_CLOCK.match(clause)
                place = place_in(clause) or (clean_loc(room_first[1]) if room_first else None)
                if place:
                    loc = place
            elif _DEFAULT_CUE.search(clause) and (via := _VIA.search(clause)):
                loc = via[1]  # "delivered online via Teams"
            elif _DEFAULT_CUE.search(clause) and place_in(clause):
                loc = place_in(clause)  # "All talks will take place in House 14, room 0.09"
            elif prev_time and short and ROOMISH.search(clause) and re.search(r"\d", clause):
                loc = clean_loc(clause)
        prev_time = got_time
    return start, end, (None if hedged else loc)


# "All seminars are on Parramatta South campus, ...": "on" after a verb of being held
_IN_AT = re.compile(r"(?i)(?:\b(?:are|is|be|held|place|meets?)\s+on|\bin|\bat|\bim|\ben|\bdans|\bnella|(?<=\s)@)\s+")
# weekdays and months in full or cut short ("on Mondays", "on March 3"), not "Mayer Hall"
_NOT_PLACE = re.compile(r"(?i)person\b|(?:winter|sommer|summer|spring|fall|autumn)?\s*(?:semester|semster|term)\b|(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?|jan(?:uary)?|"
                        r"feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
                        r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|\d{1,2}(?:[:.]\d\d|\s*[ap]\.?m|\s*[-–]\s*\d{1,2}(?:[:.]\d\d)?\s*[ap]\.?m)")
_PLACE_START = re.compile(r"(?:the\s+)?(?:[A-Z\d]|(?i:(?:seminar|lecture|meeting|conference|reading)\s+room|room|rm\b|hall|building|raum|h(?:ö|oe)rsaal|salle|"
                          r"sala|aula|amphi))")


def place_in(clause: str) -> str | None:
    # the first "in/at X" whose X reads as a place ("at noon on Monday in room B660": the
    # second); "in length", "in person" are none
    clause = clause[:2000]
    # ("Series in Materials Science ... held ... in the Freeman Auditorium": the second)
    marks = list(_IN_AT.finditer(clause))[:12]
    for k, m in enumerate(marks):
        cand = clause[m.end():]
        upto = clause[m.end():marks[k + 1].start()] if k + 1 < len(marks) else cand
        if _NOT_PLACE.match(cand) or not _PLACE_START.match(cand):
            continue
        cand = re.split(r"(?i)\s+(?:on|from|during|at|unless|every|starting)\b|,\s*(?:unless|which|where|"
                        r"that|located|near)\b|\.\s+(?=(?-i:[A-Z]))|,\s*\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\b|[-–])", cand)[0]
        # "salle S3-122, deux fois par trimestre": a lower-case clause after the place says
        # how often, not where ("Room 5, second floor" keeps its floor)
        cand = re.sub(r",\s*(?![^,]*(?:\d|floor|level|wing|étage|piso|stock))[a-zà-ÿ][a-zà-ÿ\s'’-]*\W*$",
                      "", cand)
        on = m[0].rstrip().lower().endswith(" on")  # "the focus is on Physics in 3D": needs a room word
        if (ROOMISH.search(cand) or (re.search(r"\d", cand) and not on)) and len(cand.split()) <= 14:
            return clean_loc(cand)
        if ROOMISH.search(upto):
            # "held in the Chevron Science Center on the Pitt campus, in room 150": a named
            # building, then its room further on
            named = re.fullmatch(r"(?:the\s+)?((?:[A-Z][\w'’&-]*\s*){2,6})", cand.strip())
            room = re.search(r"(?i),?\s+in\s+((?:room|rm\.?)\s*[\w.-]*\d[\w.-]*)",
                             clause[m.end():m.end() + 120]) if named else None
            if named and room:
                return clean_loc(f"{named[1].strip()}, {room[1].rstrip('.')}")
            break  # a place was meant here but does not read cleanly: no later guess
    tail = re.split(r"(?i)\d\s*(?:[ap]\.?m\.?|noon)?\s*,\s*", clause)
    if len(tail) > 1 and len(tail[-1].split()) <= 12 and (re.search(r"\d", tail[-1]) or ROOMISH.search(tail[-1])):
        return clean_loc(tail[-1])
    return None


def place_after_time(value: str) -> str | None:
    """The place in "3:10pm (refreshments at 3pm), Mathematical Science Building, room 1147.
    Light refreshment served": the comma-separated parts after the date and time."""
    first = sentences(value)[0] if value else ""
    first = re.sub(r"\([^()]*\)", "", first)
    parts = [p.strip() for p in re.split(r"\s*[,;|·]\s*|\s+[-–—]\s+", first)]
    lead = re.match(r"(?i)\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s+(?=[A-Z])", parts[0]) if parts else None
    if lead and find_times(parts[0][lead.end():])[0] is None:
        parts[0] = parts[0][lead.end():]  # "15:00 City U.room C320": the clock, then the room
    while parts and (find_times(parts[0])[0] is not None or find_date(parts[0]) is not None
                     or re.fullmatch(r"(?i)\W*(?:mon|tue|wed|thu|fri|sat|sun)\w*\W*|\d{4}", parts[0])):
        parts.pop(0)
    rest = ", ".join(p for p in parts if p)
    if rest and (ROOMISH.search(rest) or re.search(r"\d", rest)):
        return clean_loc(rest)
    return place_in(value)


def _later_clock(slot, text: str):
    """The start said in "(talks start at 4.15)" inside a 4pm slot: 16:15, not 4:15."""
    t = find_times(text)[0]
    if t is None:
        m = re.fullmatch(r"\s*(\d{1,2})[:.](\d\d)\s*", text)
        if not m or int(m[1]) > 23 or int(m[2]) > 59:
            return slot
        t = time(int(m[1]), int(m[2]))
    if t < slot and t.hour < 12 <= slot.hour:
        t = t.replace(hour=t.hour + 12)
    return t if slot <= t and (t.hour - slot.hour) * 60 + t.minute - slot.minute <= 90 else slot


_CLOCK_RANGE = re.compile(r"(?i),?\s*\b\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?\s*[-–]\s*\d{1,2}(?:[:.]\d\d)?\s*"
                          r"[ap]\.?m\.?(?=\W|$)")


def clean_loc(s: str) -> str | None:
    s = re.sub(r"(?i)\s*\((?:note|please\s+note|see)\b[^()]*\)[\s.,;]*$", "", s.strip())  # "(note change of venue)"
    s = _CLOCK_RANGE.sub("", s)  # "Faculty of Law, 12pm-1pm (Room 150)": the slot is not the place
    s = re.sub(r"\s+statt\b.*$", "", s)  # "... finden im Audimax der Halle 17 statt": the verb's tail
    # "17:00 과학관 201호 Upcoming": the slot before the place, a status badge after it
    s = re.sub(r"^(?:\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\.\d{2}\s*[ap]\.?m\.?)\s+(?=\S)", "", s, flags=re.I)
    # (not "0.05 (Department of Informatics)": a room numbered like a clock)
    s = re.sub(r"\s+(?:Upcoming|Past|Completed)$", "", s)
    s = re.sub(r"(?i)^(?:the|(?:à|a)\s+la|au|en\s+la|en\s+el|im|in\s+der)\s+", "", s)
    # "ZSR Auditorium. Open to the public": what follows the place is about attending
    s = re.split(r"\.\s+(?=(?:Open|Free|All|Everyone|Refreshments|Reception|Light|Lunch|Coffee|"
                 r"Please|Registration|Admission)\b)", s)[0]
    words = s.split()
    for n, w in enumerate(words[:-1]):  # "MSPB 140 This talk is ...": a new sentence
        if re.search(r"\d", w) and words[n + 1][:1].isupper() and n + 2 < len(words) \
                and words[n + 2][:1].islower():
            s = " ".join(words[:n + 1])
            break
    s = s.strip(" .,;:-–—·\"'")
    return s or None
