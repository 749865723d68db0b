"""``web/links`` and the query's tracking parameters: shared links that keep working."""

from __future__ import annotations

import urllib.parse

import pytest

from calendar_gen.web.links import calendar_name, subscribe_links
from calendar_gen.web.query import FEED_PARAMS, normalise


def test_one_click_links_carry_the_feed_address() -> None:
    url = "https://lich.example.gov.vn/feed.ics?scope=province:kon-tum&round=1"
    links = subscribe_links(url, "Các ngày kỷ niệm – Kon Tum (tỉnh cũ)")
    assert links.webcal == "webcal://lich.example.gov.vn/feed.ics?scope=province:kon-tum&round=1"
    google = urllib.parse.urlsplit(links.google)
    assert (google.netloc, google.path) == ("calendar.google.com", "/calendar/r")
    assert urllib.parse.parse_qs(google.query) == {"cid": [links.webcal]}
    outlook = urllib.parse.urlsplit(links.outlook)
    assert (outlook.netloc, outlook.path) == ("outlook.live.com", "/calendar/0/addfromweb")
    assert urllib.parse.parse_qs(outlook.query) == {
        "url": [url],
        "name": ["Các ngày kỷ niệm – Kon Tum (tỉnh cũ)"],
    }


def test_calendar_name() -> None:
    assert calendar_name() == "Các ngày kỷ niệm"
    assert calendar_name("Toàn quốc", "Quốc phòng", True) == (
        "Các ngày kỷ niệm – Toàn quốc – Quốc phòng (năm tròn, năm lẻ 5)"
    )


@pytest.mark.parametrize(
    "extra",
    [
        "fbclid=IwAR2xyz",
        "utm_source=zalo&utm_medium=zalo&utm_campaign=zalo&zarsrc=30",
        "gclid=abc&_ga=2.1&_gl=1*x",
        "mc_cid=1&mc_eid=2&igshid=3&msclkid=4&gidzl=5",
        "UTM_Source=facebook",
    ],
)
def test_tracking_parameters_are_dropped(extra: str) -> None:
    clean = normalise(urllib.parse.parse_qsl("scope=national&round=1"), FEED_PARAMS)
    shared = normalise(urllib.parse.parse_qsl(f"{extra}&scope=national&round=1"), FEED_PARAMS)
    assert shared == clean


def test_misspelt_parameters_are_kept_to_be_refused() -> None:
    items = normalise(urllib.parse.parse_qsl("scpe=national&utm_source=x&rond=1"), FEED_PARAMS)
    assert [key for key, _ in items] == ["rond", "scpe"]
