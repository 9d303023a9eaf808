"""Extraction toolkit shared by parsers of pages that have no fixed markup.

`lines` flattens HTML, markdown or plain text into blocks; `people` tells names from
organisations and job titles; `fields` reads labelled fields; `when` finds dates and times
in running text; `tables` maps headed columns to record fields.

For pages read by the shape of their lines (CNLS): `plain` (lxml plain lines and a paragraph
cursor), `shapes` (name, institution, time and status lines, speaker blocks). For block
streams (ORNL): `markdown` (front matter, rendering), `cards` (linked names, photo cards),
`samepage` (one event listed twice on a page). Both: `bios` (bio labels and attachers).
"""
