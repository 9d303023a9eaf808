"""Fetching, and one parser per site (scrapers/sites/)."""

from seminars.scrapers.registry import (
    ParseResult,
    Site,
    all_sites,
    detect_site,
    get_site,
    parse_page,
    register,
)

__all__ = ["ParseResult", "Site", "all_sites", "detect_site", "get_site", "parse_page", "register"]
