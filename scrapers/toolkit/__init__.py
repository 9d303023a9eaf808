"""Extraction toolkit shared by parsers of pages that have no fixed markup.

`lines` flattens HTML, markdown or plain text into blocks; `people` tells names from
organisations and job titles; `fields` reads labelled fields; `when` finds dates and times
in running text; `tables` maps headed columns to record fields.
"""
