"""One-click subscribe links for a feed address: Google Calendar, Outlook on the web, Apple (webcal)."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

GOOGLE = "https://calendar.google.com/calendar/r?cid="
OUTLOOK = "https://outlook.live.com/calendar/0/addfromweb?"


@dataclass(frozen=True)
class SubscribeLinks:
    """The ways to subscribe to one feed address."""

    url: str  # the http(s) address itself (copy, download, "Từ URL" in any app)
    webcal: str  # Apple Calendar, iPhone, Thunderbird and most desktop apps open webcal://
    google: str
    outlook: str


def subscribe_links(url: str, name: str) -> SubscribeLinks:
    """The links for an absolute feed address ``url`` named ``name`` (Outlook shows the name)."""
    webcal = "webcal://" + url.split("://", 1)[1] if "://" in url else url
    return SubscribeLinks(
        url=url,
        webcal=webcal,
        google=GOOGLE + urllib.parse.quote(webcal, safe=""),
        outlook=OUTLOOK + urllib.parse.urlencode({"url": url, "name": name}, quote_via=urllib.parse.quote),
    )


def calendar_name(scope: str = "", tag: str = "", round_only: bool = False) -> str:
    """The calendar's name for Outlook, from what was chosen (the page's script writes the same)."""
    name = " – ".join(part for part in ("Các ngày kỷ niệm", scope, tag) if part)
    return name + (" (năm tròn, năm lẻ 5)" if round_only else "")
