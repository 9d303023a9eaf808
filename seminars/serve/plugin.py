"""Datasette hooks: the talk page, links to it, and the .ics feed of any talk view."""

from __future__ import annotations

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import ArrayFacet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from seminars.serve.metadata import DB
from seminars.store.dataset import MergedTalk, Occurrence, OccurrenceFields, speaker_of


def talk_url(datasette, talk_id: str) -> str:
    return datasette.urls.path(f"/talk/{talk_id}")


@hookimpl
def render_cell(row, value, column, database, datasette):
    if database != DB or value is None:
        return None
    keys = row.keys() if hasattr(row, "keys") else []
    if column == "talk_id" or (column == "title" and "talk_id" in keys):
        tid = value if column == "talk_id" else row["talk_id"]
        return Markup(f'<a href="{escape(talk_url(datasette, tid))}">{escape(value)}</a>')
    return None


# ------------------------------------------------------------------------- list facets


class ListFacet(ArrayFacet):
    """A facet over a JSON array column whose arrays never repeat a value (store/views.py
    writes them as sorted sets), selected with ``{"list": column}`` or ``?_facet_list=``.

    Datasette's array facet dedupes (value, whole row) pairs with DISTINCT over every column
    of every matching row, abstracts included: 170 ms a facet at 35k talks. With no repeats
    to remove, one json_each pass and a GROUP BY give the same counts in about 25 ms.
    Selecting a value still filters with ``column__arraycontains=value``.
    """

    type = "list"

    async def suggest(self):
        return []

    async def facet_results(self):
        results, timed_out = [], []
        facet_size = self.get_facet_size()
        pairs = self.get_querystring_pairs()
        for source_and_config in self.get_configs():
            config = source_and_config["config"]
            column = config.get("column") or config["simple"]
            col = escape_sqlite(column)
            sql = (f"select j.value as value, count(*) as count from ({self.sql}) as inner_rows,"
                   f" json_each(inner_rows.{col}) j where json_valid(inner_rows.{col})"
                   f" group by j.value order by count(*) desc, j.value limit {facet_size + 1}")
            try:
                rows = (await self.ds.execute(
                    self.database, sql, self.params, truncate=False,
                    custom_time_limit=self.ds.setting("facet_time_limit_ms"))).rows
            except QueryInterrupted:
                timed_out.append(column)
                continue
            values = []
            for row in rows[:facet_size]:
                value = str(row["value"])
                arg = {f"{column}__arraycontains": value}
                selected = (f"{column}__arraycontains", value) in pairs
                toggle = (path_with_removed_args if selected else path_with_added_args)(
                    self.request, arg)
                values.append({"value": value, "label": value, "count": row["count"],
                               "toggle_url": self.ds.absolute_url(self.request, toggle),
                               "selected": selected})
            results.append({
                "name": column, "type": self.type, "results": values,
                "hideable": source_and_config["source"] != "metadata",
                "toggle_url": self.ds.urls.path(
                    path_with_removed_args(self.request, {"_facet_list": column})),
                "truncated": len(rows) > facet_size,
            })
        return results, timed_out


@hookimpl
def register_facet_classes():
    return [ListFacet]


# ------------------------------------------------------------------------- the .ics feed


def _can_render_ics(columns, database):
    return database == DB and "talk_id" in columns


# A table view's page holds 50 rows; a feed holds the whole filtered view, up to this many.
FEED_MAX_ROWS = 5000
_LIMIT = re.compile(r"\slimit\s+\d+\s*$", re.I)


async def _render_ics(datasette, request, rows, columns, database, table, query_name, data):
    query = data.get("query") or {}
    if table and _LIMIT.search(query.get("sql") or "") and not request.args.get("_next"):
        sql = _LIMIT.sub(f" limit {FEED_MAX_ROWS}", query["sql"])
        rows = (await datasette.get_database(DB).execute(sql, query.get("params") or {})).rows
    talk_ids = list(dict.fromkeys(r["talk_id"] for r in rows if r["talk_id"]))
    only = {r["occurrence_id"] for r in rows} if "occurrence_id" in columns else None
    talks = await load_feed_talks(datasette.get_database(DB), talk_ids, only)
    from seminars.store.ics import calendar_bytes

    name = f"Seminars: {query_name or table or 'talks'}"
    if request.query_string:
        name += f" ({request.query_string[:80]})"
    # SOURCE is where a calendar app refreshes the feed from: this very URL.
    url = request.url
    return Response(calendar_bytes(talks, name=name, url=url), status=200,
                    content_type="text/calendar; charset=utf-8",
                    headers={"content-disposition": 'inline; filename="talks.ics"'})


async def load_feed_talks(db, talk_ids: list[str], only: set[str] | None) -> list[MergedTalk]:
    """MergedTalks rebuilt from the public database, in the view's order."""
    talks: dict[str, MergedTalk] = {t: MergedTalk(t) for t in talk_ids}
    for i in range(0, len(talk_ids), 500):
        chunk = talk_ids[i:i + 500]
        res = await db.execute(
            f"select occurrence_id, talk_id, doc from feed_occurrences where talk_id in"
            f" ({','.join('?' * len(chunk))}) order by rowid", chunk)
        for oid, tid, doc in res.rows:
            if only is not None and oid not in only:
                continue
            d = json.loads(doc)
            talks[tid].occurrences.append(Occurrence(
                occurrence_id=oid, talk_id=tid, fields=OccurrenceFields.from_dict(d["fields"]),
                speakers=[speaker_of(s) for s in d["speakers"]],
                source_urls=d["source_urls"], records=0, listed=True, sequence=d["sequence"]))
    return [t for t in talks.values() if t.occurrences]


@hookimpl
def register_output_renderer(datasette):
    return {"extension": "ics", "render": _render_ics, "can_render": _can_render_ics}


# ------------------------------------------------------------------------- the talk page


def when(fields: dict) -> str:
    """"Thu 22 Jan 2026, 10:00–11:00 EST" in the venue's zone; the date alone when untimed."""
    zone = fields.get("timezone")
    try:
        tz = ZoneInfo(zone) if zone else None
    except (ValueError, KeyError):
        tz = None
    try:
        start = datetime.fromisoformat(fields["start"]) if fields.get("start") else None
        end = datetime.fromisoformat(fields["end"]) if fields.get("end") else None
    except ValueError:
        start = end = None
    if start is None:
        d = fields.get("date")
        if not d:
            return "date TBD"
        try:
            return datetime.fromisoformat(d).strftime("%a %d %b %Y")
        except ValueError:
            return d
    if tz is not None and start.tzinfo is not None:
        start = start.astimezone(tz)
        end = end.astimezone(tz) if end and end.tzinfo else end
    out = start.strftime("%a %d %b %Y, %H:%M")
    if end:
        out += "–" + end.strftime("%H:%M")
    return out + (f" {start.tzname()}" if start.tzname() else "")


async def talk_page(datasette, request):
    talk_id = request.url_vars["talk_id"]
    db = datasette.get_database(DB)
    res = await db.execute("select * from talks where talk_id = ?", [talk_id])
    talk = res.first()
    if talk is None:
        raise NotFound(f"No talk with id {talk_id}; the ids are in the talks table")
    occs = []
    for r in (await db.execute(
            "select o.*, f.doc from occurrences o join feed_occurrences f using (occurrence_id)"
            " where o.talk_id = ? order by o.date, o.start", [talk_id])).rows:
        fields = json.loads(r["doc"])["fields"]
        occs.append({**dict(r), "when": when(fields)})
    speakers = []
    for s in (await db.execute(
            "select * from talk_speakers where talk_id = ? order by position", [talk_id])).rows:
        bios = (await db.execute(
            "select * from bio_versions where speaker_id = ? order by first_seen",
            [s["speaker_id"]])).rows
        speakers.append({"speaker": dict(s), "bios": [dict(b) for b in bios]})
    return Response.html(await datasette.render_template("talk.html", {
        "talk": dict(talk), "occurrences": occs, "speakers": speakers,
        "reasons": merge_reasons(datasette, talk_id), "db": DB,
        "ics_url": datasette.urls.path(f"/{DB}/occurrences.ics?talk_id={talk_id}"),
    }, request=request))


def merge_reasons(datasette, talk_id: str) -> list[str]:
    """What `seminars explain` prints, from the store opened read-only."""
    from seminars.serve import open_store_readonly
    from seminars.store.query import explain_lines
    from seminars.store.views import public_text

    try:
        con = open_store_readonly(datasette._seminars_store)
    except Exception as e:  # the page still shows the talk; say why the reasons are missing
        return [f"(merge reasons unavailable: {e})"]
    try:
        return [public_text(line) for line in explain_lines(con, talk_id)]
    finally:
        con.close()


@hookimpl
def register_routes():
    return [(r"^/talk/(?P<talk_id>[A-Za-z0-9_-]+)$", talk_page)]
