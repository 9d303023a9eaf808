"""robots.txt conformance: RFC 9309 answers, as a table.

Most rows are ported from Google's open-source robots.txt parser tests
(github.com/google/robotstxt, robots_test.cc: rules and expected answers, with Google's test
names), a few from RFC 9309 itself, and the rest pin the points of issue 13: our product
token out of a full user-agent string, longest match, Allow on a tie, `*` and `$`,
percent-encoded and plain octets. Where Google's test expects something RFC 9309 does not,
the row follows the RFC and says so.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from seminars.scrapers.robots import (
    ROBOTS_MAX_BYTES,
    CachedRobots,
    RobotsRules,
    policy_from_response,
    product_token,
    trim_partial_line,
    worth_caching,
)

OURS = "seminars/0.1 (+https://github.com/seminars-tool/seminars)"

ISSUE = """User-agent: *
Disallow: /

User-agent: seminars
Disallow: /External/
Allow: /External/showtalksummary.php?selection=3
"""

GROUPS = (
    "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\n"
    "disallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\n"
    "allow: /z/\ndisallow: /\n"
)
FOO = "user-agent: FooBot\n"
FOO_DENY = "user-agent: FooBot\ndisallow: /\n"

# (name, robots.txt, user agent, URL, allowed)
CASES = [
    # -- issue 13 --------------------------------------------------------------------------------
    ("issue: our group's Allow beats its longer-prefixed Disallow", ISSUE, OURS,
     "http://h/External/showtalksummary.php?selection=3", True),
    ("issue: the rest of /External/ stays closed", ISSUE, OURS,
     "http://h/External/showtalksummary.php?selection=4", False),
    ("issue: our group replaces '*', so / is open to us", ISSUE, OURS, "http://h/index.html", True),
    ("issue: '*' still closes the site to others", ISSUE, "otherbot/2.0",
     "http://h/External/showtalksummary.php?selection=3", False),
    ("issue: `$` anchors a `*` pattern", "User-agent: *\nDisallow: /*selection=1$\n", OURS,
     "http://h/External/showtalksummary.php?selection=1", False),
    ("issue: `$` lets a longer value through", "User-agent: *\nDisallow: /*selection=1$\n", OURS,
     "http://h/External/showtalksummary.php?selection=10", True),
    # -- product token (RFC 9309 2.2.1) -------------------------------------------------------
    ("token: group names our token, case-insensitively", "User-agent: SeMiNaRs\nDisallow: /\n",
     OURS, "http://h/a", False),
    ("token: a word later in our UA string is not our name", "User-agent: github\nDisallow: /\n",
     OURS, "http://h/a", True),
    ("token: a prefix of our token is not our name", "User-agent: semin\nDisallow: /\n",
     OURS, "http://h/a", True),
    ("token: a longer token is not our name", "User-agent: seminars-bot\nDisallow: /\n",
     OURS, "http://h/a", True),
    ("token: a version after our token still names us (Google's reading)",
     "User-agent: seminars/1.0\nDisallow: /\n", OURS, "http://h/a", False),
    ("token: our group wins over '*' wherever it stands",
     "User-agent: seminars\nAllow: /\n\nUser-agent: *\nDisallow: /\n", OURS, "http://h/a", True),
    ("token: two groups of ours are one",
     "User-agent: seminars\nDisallow: /a\n\nUser-agent: other\nDisallow: /\n\n"
     "User-agent: seminars\nDisallow: /b\n", OURS, "http://h/b/1", False),
    ("token: a group naming several agents, ours among them",
     "User-agent: other\nUser-agent: seminars\nDisallow: /x\n", OURS, "http://h/x", False),
    # -- Google robots_test.cc ---------------------------------------------------------------------
    ("ID_LineSyntax_Line correct", FOO_DENY, "FooBot", "http://foo.bar/x/y", False),
    ("ID_LineSyntax_Line incorrect", "foo: FooBot\nbar: /\n", "FooBot", "http://foo.bar/x/y", True),
    ("ID_LineSyntax_Line colon missing", "user-agent FooBot\ndisallow /\n", "FooBot",
     "http://foo.bar/x/y", False),
    ("ID_LineSyntax_Groups FooBot x", GROUPS, "FooBot", "http://foo.bar/x/b", True),
    ("ID_LineSyntax_Groups FooBot z", GROUPS, "FooBot", "http://foo.bar/z/d", True),
    ("ID_LineSyntax_Groups FooBot y", GROUPS, "FooBot", "http://foo.bar/y/c", False),
    ("ID_LineSyntax_Groups BarBot y", GROUPS, "BarBot", "http://foo.bar/y/c", True),
    ("ID_LineSyntax_Groups BarBot w", GROUPS, "BarBot", "http://foo.bar/w/a", True),
    ("ID_LineSyntax_Groups BarBot z", GROUPS, "BarBot", "http://foo.bar/z/d", False),
    ("ID_LineSyntax_Groups BazBot z", GROUPS, "BazBot", "http://foo.bar/z/d", True),
    ("ID_LineSyntax_Groups rule outside groups (Foo)", GROUPS, "FooBot",
     "http://foo.bar/foo/bar/", False),
    ("ID_LineSyntax_Groups rule outside groups (Bar)", GROUPS, "BarBot",
     "http://foo.bar/foo/bar/", False),
    ("ID_LineSyntax_Groups rule outside groups (Baz)", GROUPS, "BazBot",
     "http://foo.bar/foo/bar/", False),
    ("ID_REPLineNamesCaseInsensitive upper", "USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n",
     "FooBot", "http://foo.bar/x/y", True),
    ("ID_REPLineNamesCaseInsensitive camel", "uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n",
     "FooBot", "http://foo.bar/a/b", False),
    ("ID_UserAgentValueCaseInsensitive", "User-Agent: FoO bAr\nAllow: /x/\nDisallow: /\n",
     "foo", "http://foo.bar/x/y", True),
    ("ID_UserAgentValueCaseInsensitive deny", "User-Agent: FOO BAR\nAllow: /x/\nDisallow: /\n",
     "Foo", "http://foo.bar/a/b", False),
    ("GoogleOnly_AcceptUserAgentUpToFirstSpace",
     "User-Agent: *\nDisallow: /\nUser-Agent: Foo Bar\nAllow: /x/\nDisallow: /\n", "Foo",
     "http://foo.bar/x/y", True),
    ("ID_GlobalGroups_Secondary empty", "", "FooBot", "http://foo.bar/x/y", True),
    ("ID_GlobalGroups_Secondary specific wins",
     "user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n", "FooBot",
     "http://foo.bar/x/y", False),
    ("ID_GlobalGroups_Secondary global for others",
     "user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n", "BarBot",
     "http://foo.bar/x/y", True),
    ("ID_GlobalGroups_Secondary no group matches",
     "user-agent: FooBot\nallow: /\nuser-agent: BarBot\ndisallow: /\nuser-agent: BazBot\n"
     "disallow: /\n", "QuxBot", "http://foo.bar/x/y", True),
    ("ID_AllowDisallow_Value_CaseSensitive lower", FOO + "disallow: /x/\n", "FooBot",
     "http://foo.bar/x/y", False),
    ("ID_AllowDisallow_Value_CaseSensitive upper", FOO + "disallow: /X/\n", "FooBot",
     "http://foo.bar/x/y", True),
    ("ID_LongestMatch longer disallow", FOO + "disallow: /x/page.html\nallow: /x/\n", "FooBot",
     "http://foo.bar/x/page.html", False),
    ("ID_LongestMatch longer allow", FOO + "allow: /x/page.html\ndisallow: /x/\n", "FooBot",
     "http://foo.bar/x/page.html", True),
    ("ID_LongestMatch shorter disallow", FOO + "allow: /x/page.html\ndisallow: /x/\n", "FooBot",
     "http://foo.bar/x/", False),
    ("ID_LongestMatch empty tie", FOO + "disallow: \nallow: \n", "FooBot",
     "http://foo.bar/x/page.html", True),
    ("ID_LongestMatch tie allows", FOO + "disallow: /\nallow: /\n", "FooBot",
     "http://foo.bar/x/page.html", True),
    ("ID_LongestMatch /x vs /x/ a", FOO + "disallow: /x\nallow: /x/\n", "FooBot",
     "http://foo.bar/x", False),
    ("ID_LongestMatch /x vs /x/ b", FOO + "disallow: /x\nallow: /x/\n", "FooBot",
     "http://foo.bar/x/", True),
    ("ID_LongestMatch equal rules allow", FOO + "disallow: /x/page.html\nallow: /x/page.html\n",
     "FooBot", "http://foo.bar/x/page.html", True),
    ("ID_LongestMatch wildcard longer", FOO + "allow: /page\ndisallow: /*.html\n", "FooBot",
     "http://foo.bar/page.html", False),
    ("ID_LongestMatch wildcard no match", FOO + "allow: /page\ndisallow: /*.html\n", "FooBot",
     "http://foo.bar/page", True),
    ("ID_LongestMatch allow longer than wildcard", FOO + "allow: /x/page.\ndisallow: /*.html\n",
     "FooBot", "http://foo.bar/x/page.html", True),
    ("ID_LongestMatch wildcard elsewhere", FOO + "allow: /x/page.\ndisallow: /*.html\n",
     "FooBot", "http://foo.bar/x/y.html", False),
    ("ID_LongestMatch specific group allows implicitly",
     "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n", "FooBot",
     "http://foo.bar/x/page", True),
    ("ID_LongestMatch specific group disallows",
     "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n", "FooBot",
     "http://foo.bar/y/page", False),
    ("ID_Encoding query stays unencoded",
     FOO_DENY + "Allow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\n", "FooBot",
     "http://foo.bar/foo/bar?qux=taz&baz=http://foo.bar?tar&par", True),
    ("ID_Encoding plain rule, encoded URL", FOO_DENY + "Allow: /foo/bar/ツ\n", "FooBot",
     "http://foo.bar/foo/bar/%E3%83%84", True),
    ("RFC 9309 2.2.2: plain rule, plain URL match (Google's test: not allowed)",
     FOO_DENY + "Allow: /foo/bar/ツ\n", "FooBot", "http://foo.bar/foo/bar/ツ", True),
    ("ID_Encoding encoded rule, encoded URL", FOO_DENY + "Allow: /foo/bar/%E3%83%84\n", "FooBot",
     "http://foo.bar/foo/bar/%E3%83%84", True),
    ("RFC 9309 2.2.2: encoded rule, plain URL match (Google's test: not allowed)",
     FOO_DENY + "Allow: /foo/bar/%E3%83%84\n", "FooBot", "http://foo.bar/foo/bar/ツ", True),
    ("RFC 9309 2.2.2: lower-case escapes are the same octets",
     FOO_DENY + "Allow: /foo/bar/%e3%83%84\n", "FooBot", "http://foo.bar/foo/bar/%E3%83%84", True),
    ("ID_Encoding encoded unreserved, encoded URL", FOO_DENY + "Allow: /foo/bar/%62%61%7A\n",
     "FooBot", "http://foo.bar/foo/bar/%62%61%7A", True),
    ("RFC 9309 2.2.2: encoded unreserved is decoded (Google's test: not allowed)",
     FOO_DENY + "Allow: /foo/bar/%62%61%7A\n", "FooBot", "http://foo.bar/foo/bar/baz", True),
    ("RFC 9309 2.2.2: an escaped reserved '?' is not a '?'", FOO + "Disallow: /a%3Fb\n",
     "FooBot", "http://foo.bar/a?b", True),
    ("RFC 9309 2.2.2: an escaped reserved '?' matches itself", FOO + "Disallow: /a%3fb\n",
     "FooBot", "http://foo.bar/a%3Fb", False),
    ("RFC 9309 2.2.2: a plain '?' is not an escaped one", FOO + "Disallow: /a?b\n",
     "FooBot", "http://foo.bar/a%3Fb", True),
    ("RFC 9309 2.2.2: an escaped '/' is not a '/'", FOO + "Disallow: /a%2Fb\n",
     "FooBot", "http://foo.bar/a/b", True),
    ("RFC 9309 2.2.3: an escaped '*' is a literal asterisk", FOO + "Disallow: /a%2Ab\n",
     "FooBot", "http://foo.bar/axyzb", True),
    ("ID_SpecialCharacters * 1", FOO + "Disallow: /foo/bar/quz\nAllow: /foo/*/qux\n", "FooBot",
     "http://foo.bar/foo/bar/quz", False),
    ("ID_SpecialCharacters * 2", FOO + "Disallow: /foo/bar/quz\nAllow: /foo/*/qux\n", "FooBot",
     "http://foo.bar/foo/quz", True),
    ("ID_SpecialCharacters * 3", FOO + "Disallow: /foo/bar/quz\nAllow: /foo/*/qux\n", "FooBot",
     "http://foo.bar/foo//quz", True),
    ("ID_SpecialCharacters * 4", FOO + "Disallow: /foo/bar/quz\nAllow: /foo/*/qux\n", "FooBot",
     "http://foo.bar/foo/bax/quz", True),
    ("ID_SpecialCharacters $ 1", FOO + "Disallow: /foo/bar$\nAllow: /foo/bar/qux\n", "FooBot",
     "http://foo.bar/foo/bar", False),
    ("ID_SpecialCharacters $ 2", FOO + "Disallow: /foo/bar$\nAllow: /foo/bar/qux\n", "FooBot",
     "http://foo.bar/foo/bar/qux", True),
    ("ID_SpecialCharacters $ 3", FOO + "Disallow: /foo/bar$\nAllow: /foo/bar/qux\n", "FooBot",
     "http://foo.bar/foo/bar/", True),
    ("ID_SpecialCharacters $ 4", FOO + "Disallow: /foo/bar$\nAllow: /foo/bar/qux\n", "FooBot",
     "http://foo.bar/foo/bar/baz", True),
    ("ID_SpecialCharacters # 1", FOO + "# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n",
     "FooBot", "http://foo.bar/foo/bar", True),
    ("ID_SpecialCharacters # 2", FOO + "# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n",
     "FooBot", "http://foo.bar/foo/quz", False),
    ("GoogleOnly_IndexHTMLisDirectory /", "User-Agent: *\nAllow: /allowed-slash/index.html\n"
     "Disallow: /\n", "foobot", "http://foo.com/allowed-slash/", True),
    ("GoogleOnly_IndexHTMLisDirectory index.htm", "User-Agent: *\n"
     "Allow: /allowed-slash/index.html\nDisallow: /\n", "foobot",
     "http://foo.com/allowed-slash/index.htm", False),
    ("GoogleOnly_IndexHTMLisDirectory other", "User-Agent: *\nAllow: /allowed-slash/index.html\n"
     "Disallow: /\n", "foobot", "http://foo.com/anyother-url", False),
    ("GoogleOnly_DocumentationChecks /fish", FOO_DENY + "allow: /fish\n", "FooBot",
     "http://foo.bar/fish.html?id=anything", True),
    ("GoogleOnly_DocumentationChecks /fish case", FOO_DENY + "allow: /fish\n", "FooBot",
     "http://foo.bar/Fish.asp", False),
    ("GoogleOnly_DocumentationChecks /fish catfish", FOO_DENY + "allow: /fish\n", "FooBot",
     "http://foo.bar/catfish", False),
    ("GoogleOnly_DocumentationChecks /fish query", FOO_DENY + "allow: /fish\n", "FooBot",
     "http://foo.bar/?id=fish", False),
    ("GoogleOnly_DocumentationChecks /fish*", FOO_DENY + "allow: /fish*\n", "FooBot",
     "http://foo.bar/fishheads/yummy.html", True),
    ("GoogleOnly_DocumentationChecks /fish/ vs /fish", FOO_DENY + "allow: /fish/\n", "FooBot",
     "http://foo.bar/fish", False),
    ("GoogleOnly_DocumentationChecks /fish/?salmon", FOO_DENY + "allow: /fish/\n", "FooBot",
     "http://foo.bar/fish/?salmon", True),
    ("GoogleOnly_DocumentationChecks /*.php", FOO_DENY + "allow: /*.php\n", "FooBot",
     "http://foo.bar/index?f=filename.php/", True),
    ("GoogleOnly_DocumentationChecks /*.php ?php", FOO_DENY + "allow: /*.php\n", "FooBot",
     "http://foo.bar/index?php", False),
    ("GoogleOnly_DocumentationChecks /*.php case", FOO_DENY + "allow: /*.php\n", "FooBot",
     "http://foo.bar/windows.PHP", False),
    ("GoogleOnly_DocumentationChecks /*.php$", FOO_DENY + "allow: /*.php$\n", "FooBot",
     "http://foo.bar/folder/filename.php", True),
    ("GoogleOnly_DocumentationChecks /*.php$ params", FOO_DENY + "allow: /*.php$\n", "FooBot",
     "http://foo.bar/filename.php?parameters", False),
    ("GoogleOnly_DocumentationChecks /*.php$ php5", FOO_DENY + "allow: /*.php$\n", "FooBot",
     "http://foo.bar/filename.php5", False),
    ("GoogleOnly_DocumentationChecks /fish*.php", FOO_DENY + "allow: /fish*.php\n", "FooBot",
     "http://foo.bar/fishheads/catfish.php?parameters", True),
    ("GoogleOnly_DocumentationChecks /fish*.php case", FOO_DENY + "allow: /fish*.php\n",
     "FooBot", "http://foo.bar/Fish.PHP", False),
    ("GoogleOnly_DocumentationChecks precedence /p", FOO + "allow: /p\ndisallow: /\n", "FooBot",
     "http://example.com/page", True),
    ("GoogleOnly_DocumentationChecks precedence tie", FOO + "allow: /folder\ndisallow: /folder\n",
     "FooBot", "http://example.com/folder/page", True),
    ("GoogleOnly_DocumentationChecks precedence *.htm", FOO + "allow: /page\ndisallow: /*.htm\n",
     "FooBot", "http://example.com/page.htm", False),
    ("GoogleOnly_DocumentationChecks precedence /$", FOO + "allow: /$\ndisallow: /\n", "FooBot",
     "http://example.com/", True),
    ("GoogleOnly_DocumentationChecks precedence /$ page", FOO + "allow: /$\ndisallow: /\n",
     "FooBot", "http://example.com/page.html", False),
    ("ID_LinesNumbersAreCountedCorrectly CR line ends",
     "User-Agent: foo\rAllow: /some/path\rUser-Agent: bar\r\r\rDisallow: /\r", "bar",
     "http://foo.bar/x", False),
    ("ID_LinesNumbersAreCountedCorrectly CRLF line ends",
     "User-Agent: foo\r\nAllow: /some/path\r\nUser-Agent: bar\r\n\r\n\r\nDisallow: /\r\n", "foo",
     "http://foo.bar/some/path", True),
    # -- RFC 9309 2.2.2: robots.txt itself is always allowed ------------------------------------
    ("RFC 9309 2.2.2: /robots.txt is implicitly allowed", FOO_DENY, "FooBot",
     "http://foo.bar/robots.txt", True),
]


@pytest.mark.parametrize(("robots", "agent", "url", "allowed"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_conformance(robots: str, agent: str, url: str, allowed: bool) -> None:
    assert RobotsRules(robots, agent).allows(url) is allowed


def test_product_token_is_the_leading_name() -> None:
    assert product_token(OURS) == "seminars"
    assert product_token("Mozilla/5.0 (compatible; FooBot/1.0)") == "mozilla"
    assert product_token("  Foo_Bar-baz/2") == "foo_bar-baz"
    assert product_token("/1.0") == ""


def test_empty_token_obeys_only_the_star_group() -> None:
    robots = "User-agent: *\nDisallow: /a\n\nUser-agent: x\nDisallow: /\n"
    rules = RobotsRules(robots, "/weird agent")
    assert not rules.allows("http://h/a") and rules.allows("http://h/b")


def test_crawl_delay_of_our_group_only() -> None:
    robots = "User-agent: *\nCrawl-delay: 9\n\nUser-agent: seminars\nCrawl-delay: 2.5\nDisallow:\n"
    assert RobotsRules(robots, OURS).crawl_delay() == 2.5
    assert RobotsRules(robots, "other/1").crawl_delay() == 9.0
    assert RobotsRules("User-agent: seminars\nDisallow: /x\n", OURS).crawl_delay() is None


# -- the HTTP answer -> policy (RFC 9309 2.3.1) ------------------------------------------------


@pytest.mark.parametrize(("status", "error", "url_allowed", "noted"), [
    (200, None, False, False),  # the body's rules apply
    (404, None, True, False),  # 4xx: no rules
    (401, None, True, False),  # RFC 9309 2.3.1.3: any 4xx, even 401/403
    (500, None, False, True),  # 5xx: complete disallow
    (503, None, False, True),
    (None, "connection refused", False, True),  # unreachable: complete disallow
    (None, "timed out after 30s", False, True),
    (302, None, True, True),  # redirect left unfollowed: unavailable, allow
])
def test_policy_from_response(status, error, url_allowed, noted) -> None:
    policy = policy_from_response(status, b"User-agent: *\nDisallow: /x\n", error, OURS)
    assert policy.allows("http://h/x/1") is url_allowed
    assert (policy.note is not None) is noted
    if error:
        assert policy.refusal == error and error in policy.note
    if status and status >= 500:
        assert f"HTTP {status}" in policy.refusal


def test_only_the_sites_own_answers_are_cached() -> None:
    assert worth_caching(200) and worth_caching(404)
    assert not worth_caching(500) and not worth_caching(None) and not worth_caching(304)


def test_a_body_cut_at_the_cap_loses_its_partial_line() -> None:
    head = b"User-agent: *\nDisallow: /private/area\n"
    cut = (head + b"#" * ROBOTS_MAX_BYTES)[: ROBOTS_MAX_BYTES - 9] + b"\nAllow: /"
    assert len(cut) == ROBOTS_MAX_BYTES
    assert trim_partial_line(cut).endswith(b"\n") and not trim_partial_line(cut).endswith(b"/")
    assert trim_partial_line(head) == head  # a whole file is left alone


def test_cached_copy_age() -> None:
    then = datetime(2026, 1, 1, tzinfo=UTC)
    entry = CachedRobots(200, b"", None, None, then.isoformat())
    assert entry.age(then + timedelta(hours=25)) == 25 * 3600
    assert CachedRobots(200, b"", None, None, "garbage").age() == float("inf")
    fresh = entry.revalidated("2026-01-02T00:00:00+00:00", None, "Tue, 01 Jan 2026 00:00:00 GMT")
    assert fresh.body == entry.body and fresh.last_modified.startswith("Tue")
