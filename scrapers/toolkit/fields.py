"""Labelled fields: "Speaker:", "Title:", "Abstract:", "Host:", "Where:", "When:", ...

A label is one of a few synonyms, followed by a colon (the value on the same line) or
standing alone on its line (a <dt>, a bold caption: the value on the lines after it).
"""

from __future__ import annotations

import re

LABELS: dict[str, tuple[str, ...]] = {
    "speaker": ("speaker", "speakers", "speaker(s)", "presenter", "presenters", "presenter(s)",
                "sprecher", "referent", "referentin", "vortragender", "spreker", "orateur",
                "oratrice", "conférencier", "intervenant", "ponente", "conferenciante",
                "lecturer", "guest speaker", "presented by", "delivered by", "who",
                "palestrante", "palestrantes", "relatore", "relatrice", "relatori", "oratore",
                "ospite", "conferencista", "expositor", "föreläsare", "talare", "wer",
                "講師", "講演者", "発表者", "演者", "报告人", "主讲人", "讲者"),
    "title": ("title", "talk title", "talk", "topic", "lecture title", "subject", "presentation",
              "titel", "thema", "onderwerp", "titre", "título", "titulo", "sujet",
              "seminar title", "colloquium title", "paper", "titolo", "tema", "rubrik",
              "テーマ", "演題", "題目", "タイトル", "题目", "报告题目"),
    "abstract": ("abstract", "summary", "description", "talk abstract", "zusammenfassung",
                 "résumé", "resumen", "samenvatting", "resumo", "sommario", "riassunto",
                 "sammanfattning", "概要", "要旨", "摘要"),
    "bio": ("bio", "biography", "speaker bio", "about the speaker", "short bio"),
    "host": ("host", "hosts", "host(s)", "hosted by", "faculty host", "organizer", "organiser",
             "facilitated by", "facilitator"),
    "location": ("where", "location", "room", "place", "venue", "in", "ort", "raum", "lieu", "wo",
                 "où", "dónde", "dove", "waar", "var",
                 "lecture hall", "lecture room", "seminar room", "lecture theatre", "hall",
                 "salle", "locatie", "plaats", "lugar", "sala", "local", "luogo", "aula",
                 "sede", "plats", "lokal", "会場", "場所", "地点", "报告地点"),
    "when": ("when", "date", "date and time", "date/time", "date & time", "time", "day", "datum",
             "zeit", "termin", "heure", "tijd", "fecha", "hora", "data", "horário", "horario",
             "quando", "orario", "ora", "datum och tid", "tid", "wann", "quand", "cuándo", "wanneer", "日時", "日程", "时间", "报告时间",
             "special time", "new time", "start time",
             # one line for both: read by when_where() below
             "time & location", "time and location", "time/location", "time & place",
             "time and place", "time/place", "time & venue", "time and venue", "when & where",
             "at",  # "at: 15:00 City U.room C320"
             "when and where", "when/where", "date & location", "date and location",
             "date & place", "date and place", "date & venue", "date, time & location",
             "date, time and location", "date/time/location", "date, time & place",
             "date, time and place", "date, time & venue", "date, time and venue"),
    "affiliation": ("affiliation", "institution", "university"),
    "series": ("series", "seminar series"),
    # what a talk's block says about attending, not about the talk: read past, never a title
    "meta": ("audience", "note", "notes", "contact", "refreshments", "registration", "register",
             "rsvp", "sponsor", "sponsors", "sponsored by", "co-sponsored by", "zoom",
             "zoom link", "meeting id", "passcode", "password", "livestream", "webinar",
             "language", "format", "admission", "cost", "tickets", "parking", "keywords",
             "tags", "category", "categories", "event type", "chair", "moderator",
             "discussant", "link", "video", "slides", "recording", "poster", "flyer",
             "join zoom meeting", "meeting link", "webinar link",
             "定員", "費用", "申込", "申し込み", "対象", "主催", "共催", "問い合わせ", "参加費"),
}
_BY_LABEL = {lab: f for f, labs in LABELS.items() for lab in labs}
_ALT = "|".join(re.escape(k) for k in sorted(_BY_LABEL, key=len, reverse=True))
# "Speaker—Professor X": a dash after a label works as its colon; a Japanese label takes a
# slash too ("日時/1月25日", "講師／石川日出志氏").
_WITH_COLON = re.compile(rf"^\s*(?:[-*•]\s*)?({_ALT})\s*(?:[:：]|[—–](?=\s*\w)|(?<=[\u3040-\u9fff])\s*[/／]|"
                         rf"(?<=[\u30a0-\u30ff])\s+(?=[「『\"“]))\s*(.*)$", re.I | re.S)
_ALONE = re.compile(rf"^\s*({_ALT})\s*[:：]?\s*$", re.I)
_INLINE = re.compile(rf"(?<![\w])({_ALT})\s*:\s*", re.I)
# "in" and "who"/"day" are labels only with a colon and at the start of a line.
_WEAK = {"in", "who", "day", "talk", "place", "description", "university", "summary", "note",
         "presentation", "paper", "thema", "sujet", "ort", "raum", "lieu", "salle", "sala",
         "lugar", "zeit", "hora", "termin", "plaats", "hall", "data", "wer", "wo", "var", "dove",
         "où", "wann", "quand", "wanneer", "waar", "local", "aula", "sede", "ora",
         "tid", "plats", "lokal", "tema", "ospite", "talare",
         "notes", "format", "language", "link", "video", "slides", "poster", "cost", "zoom",
         "chair", "category", "tags"}


# "SpeakerRaúl Pérez, University of LaVerne": a caption glued to its value by a rendering
# that dropped the cell border; only the unambiguous labels, and only before a capital.
_GLUED = re.compile(r"^\s*(Speaker|Presenter|Title|Abstract|Host|Venue|Location)(?=[A-ZÀ-Þ][a-zà-ÿ])(.+)$")


def label_of(line: str) -> tuple[str, str] | None:
    """(field, value) when ``line`` starts with a label; value "" when it is on later lines."""
    g = _GLUED.match(line)
    if g:
        return _BY_LABEL[g[1].lower()], g[2].strip()
    m = _WITH_COLON.match(line)
    if m:
        return _BY_LABEL[m[1].lower()], m[2].strip()
    m = _ALONE.match(line)
    if m and m[1].lower() not in _WEAK:
        return _BY_LABEL[m[1].lower()], ""
    return None


# (and a bare "at:" label: "at: 15:00 City U.room C320")
_WHEN_WHERE = re.compile(r"(?i)^\s*(?:[-*•]\s*)?(?:(?:date,?\s*)?(?:time|when|date)\s*(?:&|and|/)\s*"
                         r"(?:location|place|venue|where)|at)\s*[:：]\s*(.*)$", re.S)


def when_where(line: str) -> str | None:
    """The value of a "Time & Location: 3:10pm, Room 1147" line, which says both."""
    m = _WHEN_WHERE.match(line)
    # ("... City U.room C320 abstract:": an empty label closing the line is the next field's)
    return re.sub(r"\s+\w+\s*:\s*$", "", m[1].strip()) if m else None


def split_inline(text: str) -> list[tuple[str | None, str]]:
    """A cell holding several labelled fields ("Title: X Abstract: Y") -> [(field, value)];
    text before the first label comes with field None."""
    out: list[tuple[str | None, str]] = []
    marks = [m for m in _INLINE.finditer(text) if m[1].lower() not in _WEAK]
    pos, field = 0, None
    for m in marks:
        before = text[pos:m.start()].strip()
        if before or field is not None:
            out.append((field, before))
        field, pos = _BY_LABEL[m[1].lower()], m.end()
    rest = text[pos:].strip()
    if rest or field is not None:
        out.append((field, rest))
    return out


def speaker_labels(text: str) -> list[int]:
    """Where each "Speaker:" ("Ponente:", "Referent:") label inside ``text`` starts."""
    return [m.start() for m in _INLINE.finditer(text)
            if m[1].lower() not in _WEAK and _BY_LABEL[m[1].lower()] == "speaker"]
