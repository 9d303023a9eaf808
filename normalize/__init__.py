"""Dates, names, bios and text clean-up, and the fuzzy merge."""
