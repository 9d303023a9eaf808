"""The parse context: a source's zone, institution and series reach the parser (issue 9, item 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from seminars.config import parse_config
from seminars.context import ParseContext
from seminars.errors import ConfigError
from seminars.scrapers.registry import get_site, parse_page
from tests.cli import seminars

ROOT = Path(__file__).resolve().parents[1]
COLLOQUIUM = ROOT / "fixtures" / "cnls" / "colloquium.html"
URL = "https://cnls.lanl.gov/External/showtalksummary.php?selection=1"


def test_site_defaults_apply_without_a_context_override():
    talk = parse_page(COLLOQUIUM.read_bytes(), URL, "cnls").talks[0]
    assert (talk.institution, talk.timezone, talk.start) == ("LANL", "America/Denver", "2014-02-12T15:30:00-07:00")
    assert get_site("cnls").institution == "LANL" and get_site("ornl").institution == "ORNL"


def test_context_zone_is_read_by_the_parser_and_labels_override():
    ctx = ParseContext(url=URL, timezone="Europe/London", institution="Los Alamos", series="CNLS Colloquia")
    talk = parse_page(COLLOQUIUM.read_bytes(), site="cnls", ctx=ctx).talks[0]
    # the printed 3:30 PM is read in London (GMT in February), not shifted from Denver
    assert talk.start == "2014-02-12T15:30:00+00:00" and talk.timezone == "Europe/London"
    assert (talk.institution, talk.series, talk.source_url) == ("Los Alamos", "CNLS Colloquia", URL)


def test_config_source_keys_make_the_context():
    cfg = parse_config(
        '[[source]]\nname = "a"\nurl = "https://example.org/feed.ics"\nsite = "cnls"\n'
        'timezone = "America/Chicago"\ninstitution = "UChicago"\nseries = "Physics Colloquium"\n'
        'window = "-30d..+90d"\n')
    src = cfg.sources[0]
    ctx = src.context(content_type="text/calendar")
    assert (ctx.url, ctx.timezone, ctx.institution, ctx.series, ctx.content_type) == (
        "https://example.org/feed.ics", "America/Chicago", "UChicago", "Physics Colloquium", "text/calendar")
    assert ctx.options == {"window": "-30d..+90d"}
    child = src.child("a https://example.org/x", "https://example.org/x")
    assert (child.parent, child.institution, child.options) == ("a", "UChicago", {"window": "-30d..+90d"})
    with pytest.raises(ConfigError, match="'institution' must be a non-empty string"):
        parse_config('[[source]]\nurl = "https://e.org/"\ninstitution = 3\n')


def test_parse_command_takes_zone_institution_series():
    r = seminars("parse", str(COLLOQUIUM), "--site", "cnls", "--timezone", "America/New_York",
                 "--institution", "LANL-CNLS", "--series", "Colloquium")
    assert r.returncode == 0, r.stderr
    [talk] = json.loads(r.stdout)
    assert (talk["start"], talk["institution"], talk["series"]) == (
        "2014-02-12T15:30:00-05:00", "LANL-CNLS", "Colloquium")
    bad = seminars("parse", str(COLLOQUIUM), "--timezone", "Mars/Base")
    assert bad.returncode == 2 and "unknown time zone 'Mars/Base'" in bad.stderr


def test_crawl_applies_source_institution_and_series(tmp_path):
    db = tmp_path / "s.db"
    cfg = tmp_path / "sources.toml"
    cfg.write_text(f'[[source]]\nname = "c"\npath = "{COLLOQUIUM}"\nsite = "cnls"\n'
                   'institution = "Los Alamos"\nseries = "CNLS Colloquium"\n')
    assert seminars("crawl", "--config", str(cfg), db=db).returncode == 0
    r = seminars("query", "--institution", "Los Alamos", "--format", "json", db=db)
    rows = json.loads(r.stdout)
    assert [(x["institution"], x["series"]) for x in rows] == [("Los Alamos", "CNLS Colloquium")]


def test_reparse_with_the_config_keeps_the_sources_context(tmp_path):
    db = tmp_path / "s.db"
    cfg = tmp_path / "sources.toml"
    cfg.write_text(f'[[source]]\nname = "c"\npath = "{COLLOQUIUM}"\nsite = "cnls"\n'
                   'timezone = "America/New_York"\ninstitution = "Los Alamos"\n')
    assert seminars("crawl", "--config", str(cfg), db=db).returncode == 0
    r = seminars("reparse", "--config", str(cfg), db=db)
    assert r.returncode == 0 and "0 changed" in r.stdout, (r.stdout, r.stderr)
    rows = json.loads(seminars("query", "--format", "json", db=db).stdout)
    assert [(x["institution"], x["start"]) for x in rows] == [("Los Alamos", "2014-02-12T15:30:00-05:00")]
    # without the config the site's own defaults apply again: a change, said as such
    r = seminars("reparse", db=db)
    assert r.returncode == 0 and "1 changed" in r.stdout, r.stdout
