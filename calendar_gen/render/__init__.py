"""Renderers: occurrences in, text or bytes out. No I/O, no clock."""
