"""calendar-gen: Vietnamese commemoration calendars with correct "N năm" counts."""

__version__ = "0.1.0"
