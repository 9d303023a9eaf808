"""What a parser knows about the page in hand besides its text: the parse context.

A parser is a pure function of (text, context). The context carries what the source's
config says (or `seminars parse` options): the page's URL, the venue's time zone (printed
local times are read in it; a feed's own zones win over it), the institution and series
(which override the parser's defaults), the HTTP Content-Type, the time the page was seen
(feeds expand recurring events in a window around it), and any other source keys.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ParseContext:
    url: str = ""
    timezone: str | None = None  # None: the site's own default zone
    institution: str | None = None  # None: the site's default
    series: str | None = None
    content_type: str | None = None
    observed_at: str | None = None  # ISO 8601; None: now
    options: Mapping[str, Any] = field(default_factory=dict)  # further source keys (e.g. window)

    def zone(self, default: str) -> str:
        """The zone printed local times are read in: the source's, else the site's."""
        return self.timezone or default
