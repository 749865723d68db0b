"""Dates and counts: the lunar calendar, occurrences of anniversaries in a period, selection."""
