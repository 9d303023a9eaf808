"""What the served database says about itself: labels, descriptions, facets, canned queries."""

from __future__ import annotations

DB = "seminars"

_TALK_COLUMNS = {
    "talk_id": "Stable id of the merged talk (same as talks.csv); opens the talk's page",
    "title": "Title (empty while the page says TBD)",
    "speakers": "Speakers, '; '-joined",
    "affiliations": "Each speaker's affiliation, in the same order",
    "n_occurrences": "How many times the talk is given (each institution, each date)",
    "first_date": "Earliest date, in the venue's zone",
    "last_date": "Latest date, in the venue's zone",
    "dates": "Every date, '; '-joined",
    "institutions": "Institutions hosting it, '; '-joined",
    "abstract": "Abstract, plain text",
    "source_urls": "Every page that listed it",
    "institution": "Institutions as a list (for the facet)",
    "series": "Seminar series as a list (for the facet)",
    "year": "Years as a list (for the facet)",
    "status": "scheduled / cancelled / postponed, one per occurrence kind (for the facet)",
    "next_date": "Next date on or after the last refresh, if any",
}

_OCC_COLUMNS = {
    "occurrence_id": "Stable id of this event (the iCalendar UID)",
    "talk_id": "The merged talk it belongs to",
    "date": "Local date at the venue",
    "start": "Start, ISO 8601 with the venue's UTC offset",
    "end": "End, ISO 8601 with the venue's UTC offset",
    "timezone": "The venue's IANA zone",
    "location": "Room, building or 'MS Teams', as printed",
    "status": "scheduled, cancelled or postponed",
    "source_urls": "Every page that listed this event",
}

METADATA: dict = {
    "title": "Seminars",
    "description_html": (
        "Talks crawled from institutional seminar pages and merged: the same talk given at "
        "several places is one <b>talk</b> with several <b>occurrences</b>. Search the talks, "
        "filter with the facets, and download any view as CSV, JSON or an iCalendar feed "
        "(<code>.ics</code>) your calendar can subscribe to."
    ),
    "databases": {
        DB: {
            "description": "The merged dataset, refreshed after every crawl, import or merge.",
            "tables": {
                "talks": {
                    "label_column": "title",
                    "description": "One row per merged talk (as talks.csv). Upcoming talks first.",
                    "columns": _TALK_COLUMNS,
                    "fts_table": "talks_fts",
                    "fts_pk": "rowid",
                    "facets": [{"list": "institution"}, {"list": "series"}, {"list": "year"},
                               {"list": "status"}],
                    "size": 50,
                },
                "occurrences": {
                    "label_column": "title",
                    "description": "One row per event (as occurrences.csv). Upcoming first.",
                    "columns": _OCC_COLUMNS,
                    "facets": ["institution", "series", "year", "status"],
                    "size": 50,
                },
                "speakers": {
                    "label_column": "name",
                    "description": "Speakers across all sites; their bio history is in bio_versions.",
                    "columns": {"latest_bio": "The bio most recently seen",
                                "n_bio_versions": "Distinct bios seen over time"},
                    "sort": "name",
                },
                "bio_versions": {
                    "description": "Every distinct bio of a speaker: when and where it was first and last seen.",
                    "columns": {"first_source": "Page where this bio first appeared",
                                "last_source": "Page where it was last seen",
                                "sources": "Every page that showed it"},
                    "facets": ["speaker"],
                },
                "alerts": {
                    "description": "Bio changes, cancellations, moves and postponements. Newest first.",
                    "sort_desc": "created_at",
                    "facets": ["type"],
                },
                "sources": {
                    "description": "The configured pages: last fetch, state and current error.",
                    "facets": ["state", "site"],
                },
                "meta": {"hidden": True},
                "talks_fts": {"hidden": True},
                "talk_speakers": {"hidden": True},
                "feed_occurrences": {"hidden": True},
            },
            "queries": {
                "upcoming": {
                    "title": "Upcoming talks (next 30 days)",
                    "sql": (
                        "select date, start, timezone, title, speakers, institution, location,"
                        " series, status, talk_id, occurrence_id from occurrences"
                        " where date >= date('now') and date <= date('now', '+30 days')"
                        " order by date, start"
                    ),
                },
                "multi_institution": {
                    "title": "Talks given at more than one institution",
                    "sql": (
                        "select talk_id, title, speakers, institutions, dates, n_occurrences"
                        " from talks where json_array_length(institution) > 1"
                        " order by last_date desc"
                    ),
                },
                "speaker_talks": {
                    "title": "A speaker's talks",
                    "description": "Part of a name; accents and umlaut spellings are ignored.",
                    "sql": (
                        "select talk_id, title, speakers, affiliations, dates, institutions"
                        " from talks where rowid in (select rowid from talks_fts where talks_fts"
                        " match '{speakers spellings} : ' || escape_fts(:speaker))"
                        " order by first_date desc"
                    ),
                },
                "bio_changes": {
                    "title": "Bio changes in the last N days",
                    "sql": (
                        "select observed_at, speaker, source_url, diff, old_bio, new_bio"
                        " from alerts where type = 'bio_changed' and replace(observed_at, 'T', ' ')"
                        " >= datetime('now', '-' || cast(:days as integer) || ' days')"
                        " order by observed_at desc"
                    ),
                },
            },
        }
    },
}
