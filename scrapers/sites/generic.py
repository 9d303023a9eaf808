"""Any seminar page with no site parser: tables, stacked lines, labelled blocks, date
headings and one-line entries, read with the extraction toolkit.

The page is flattened into blocks, cut into entries (a table row; the lines from one date
to the next; or, when dates sit inside the entries, the lines around each date), and each
entry's lines are read as fields. Sentences before the first entry give page-level defaults
("held on Mondays at 4:15pm in 428 Pupin Hall"), which fill talks that state no time or
place of their own. An entry with no speaker is not a talk (holidays, "No colloquium",
receptions, empty rows).

Zone: the source's (`ctx.timezone`), else UTC, as a page rarely names its zone and a wrong
local zone would shift every time silently; `seminars add` fills the zone in. Institution:
`ctx.institution`, else the URL's registrable domain ("physics.example.edu" -> "example.edu").
"""

from __future__ import annotations

from seminars.context import ParseContext
from seminars.record import Talk
from seminars.scrapers.registry import register, warn
from seminars.scrapers.toolkit.entries import read_page


def institution_from_url(url: str) -> str:
    """The host's last two labels, three when the second-level label is generic
    ("ox.ac.uk", "uni.edu.au"); an IP address or a file has none (""): it names no one."""
    import ipaddress
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    try:
        ipaddress.ip_address(host.strip("[]"))
        return ""
    except ValueError:
        pass
    parts = [p for p in host.split(".") if p]
    if len(parts) >= 3 and parts[-2] in ("ac", "edu", "co", "gov", "org", "com", "net"):
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


@register("generic", description="any seminar page (tables, lists, labelled blocks), no site parser",
          timezone="UTC", fallback=True)
def parse(text: str, ctx: ParseContext) -> list[Talk]:
    tz = ctx.zone("UTC")
    institution = ctx.institution or institution_from_url(ctx.url)
    talks = read_page(text, url=ctx.url, tz=tz, institution=institution)
    if talks and ctx.timezone is None and any(t.start for t in talks):
        warn("no time zone given: the printed times were read as UTC (set the source's timezone,"
             " or parse --timezone)")
    return talks
