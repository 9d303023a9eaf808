"""SQLite store: fetches, records, talk history, bio versions, alerts, exports."""
