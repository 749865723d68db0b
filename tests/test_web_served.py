"""``serve`` without -p: every province as a choice, one-click links, documents, shared links, phones."""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_server import Server
from .test_sheets import CHROMIUM, FLAGS


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    instance = Server([], tmp_path_factory.mktemp("served") / "server.log")
    yield instance
    instance.stop()


def test_all_overlays_are_served_and_grouped(server: Server) -> None:
    page = server.get("/dang-ky-lich")[2].decode("utf-8")
    assert page.count("<optgroup ") == 34
    assert page.index('<option value="national" selected>Toàn quốc</option>') < page.index("<optgroup ")
    assert '<option value="province:quang-ngai">Cả tỉnh Quảng Ngãi</option>' in page
    assert '<option value="province:kon-tum">Kon Tum (tỉnh cũ)</option>' in page
    records = json.loads(
        server.get("/api/occurrences?from=2024-03-01&to=2024-03-31&scope=province:kon-tum")[2]
    )
    assert [r["text"] for r in records] == ["49 năm Ngày Giải phóng tỉnh Kon Tum (16/3/1975 – 16/3/2024)"]


def test_province_choice_narrows_serve(tmp_path: Path) -> None:
    """-p keeps only the chosen former province of an overlay."""
    narrow = Server(["-p", "Kon Tum"], tmp_path / "server.log")
    try:
        page = narrow.get("/dang-ky-lich")[2].decode("utf-8")
        assert page.count("<optgroup ") == 1 and '<optgroup label="Quảng Ngãi">' in page
        quang_ngai = json.loads(
            narrow.get("/api/occurrences?from=2024-01-01&to=2024-12-31&scope=province")[2]
        )
        assert quang_ngai and all("Kon Tum" in r["text"] or r["id"].startswith("kon-tum") for r in quang_ngai)
    finally:
        narrow.stop()


def test_one_click_links_and_span(server: Server) -> None:
    page = server.get("/dang-ky-lich?scope=province:kon-tum&round=1")[2].decode("utf-8")
    feed = f"http://127.0.0.1:{server.port}/feed.ics?scope=province:kon-tum&round=1"
    webcal = feed.replace("http://", "webcal://")
    google = "https://calendar.google.com/calendar/r?cid=" + urllib.parse.quote(webcal, safe="")
    assert f'href="{google}"' in page
    outlook = "https://outlook.live.com/calendar/0/addfromweb?" + urllib.parse.urlencode(
        {"url": feed, "name": "Các ngày kỷ niệm – Kon Tum (tỉnh cũ) (năm tròn, năm lẻ 5)"},
        quote_via=urllib.parse.quote,
    )
    assert f'href="{outlook.replace("&", "&amp;")}"' in page
    assert f'href="{webcal.replace("&", "&amp;")}"' in page
    assert "từ năm 2025 đến năm 2028" in page and "tối đa 10 năm" in page


def test_feeds_and_api_allow_any_origin(server: Server) -> None:
    for path in ("/feed.ics?scope=national", "/api/occurrences?from=2024-03-01&to=2024-03-31"):
        status, headers, _ = server.get(path)
        assert status == 200 and headers["access-control-allow-origin"] == "*", path
    assert "access-control-allow-origin" not in server.get("/dang-ky-lich")[1]


@pytest.mark.parametrize(
    "extra",
    [
        "fbclid=IwAR0abcDEF",
        "utm_source=zalo&utm_medium=zalo&utm_campaign=zalo&zarsrc=30",
        "gclid=Cj0KCQ&_ga=2.123&mc_cid=1&mc_eid=2&igshid=x",
    ],
)
def test_shared_links_give_the_same_bytes(server: Server, extra: str) -> None:
    for path in (
        "/feed.ics?scope=province:kon-tum",
        "/dang-ky-lich?scope=national",
        "/month/2024-03.txt?scope=national",
    ):
        clean = server.get(path)
        shared = server.get(f"{path}&{extra}")
        assert shared[0] == 200 and shared[2] == clean[2], path
    assert server.get("/feed.ics?scope=national&scpe=national&fbclid=1")[0] == 400


def test_documents_of_a_province(server: Server) -> None:
    scope = "?scope=national,province:kon-tum"
    status, headers, text = server.get(f"/month/2024-03.txt{scope}")
    assert status == 200 and headers["content-type"] == "text/plain; charset=utf-8"
    paragraph = text.decode("utf-8")
    assert "Giải phóng tỉnh Kon Tum" in paragraph and "Đoàn" in paragraph
    assert "Kon Tum" not in server.get("/month/2024-03.txt?scope=national")[2].decode("utf-8")
    status, headers, docx = server.get(f"/month/2024-03.docx{scope}")
    assert status == 200 and docx.startswith(b"PK")
    assert headers["content-disposition"] == 'attachment; filename="thang-03-2024.docx"'
    status, headers, pdf = server.get(f"/year/2024.pdf{scope}")
    assert status == 200 and pdf.startswith(b"%PDF-") and headers["content-type"] == "application/pdf"
    assert server.get(f"/year/2024.docx{scope}")[2].startswith(b"PK")
    year = server.get(f"/year/2024{scope}")[2].decode("utf-8")
    assert 'href="../dang-ky-lich?scope=national,province:kon-tum"' in year  # back to the subscribe page
    page = server.get("/dang-ky-lich?scope=province:kon-tum")[2].decode("utf-8")
    assert 'href="month/2026-11.docx?scope=national,province:kon-tum"' in page
    assert 'href="year/2026.pdf?scope=national,province:kon-tum"' in page
    assert 'id="paragraph"' in page and 'id="copy-paragraph"' in page


def test_tags_in_vietnamese_order(server: Server) -> None:
    from calendar_gen.web.scopes import collation_key

    page = server.get("/dang-ky-lich")[2].decode("utf-8")
    block = page[page.index('<select name="tag"') : page.index("</select>", page.index('<select name="tag"'))]
    names = re.findall(r'<option value="[^"]+"[^>]*>([^<]+)</option>', block)
    assert len(names) > 10 and names == sorted(names, key=collation_key)


def test_page_fits_a_phone_and_documents_follow_the_choice(server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    base = f"http://127.0.0.1:{server.port}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(base + "dang-ky-lich")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.select_option("#scope", "province:kon-tum")
        expect(page.locator("#month-docx")).to_have_attribute(
            "href", "month/2026-11.docx?scope=national,province:kon-tum", timeout=10_000
        )
        page.select_option("#doc-month", "03")
        page.fill("#doc-year", "2024")
        page.dispatch_event("#doc-year", "change")
        expect(page.locator("#month-pdf")).to_have_attribute(
            "href", "month/2024-03.pdf?scope=national,province:kon-tum", timeout=10_000
        )
        expect(page.locator("#paragraph")).to_have_value(
            re.compile("Giải phóng tỉnh Kon Tum"), timeout=10_000
        )
        google = page.get_attribute("#google", "href") or ""
        assert urllib.parse.parse_qs(urllib.parse.urlsplit(google).query)["cid"] == [
            f"webcal://127.0.0.1:{server.port}/feed.ics?scope=province%3Akon-tum"
        ]
        outlook = urllib.parse.parse_qs(
            urllib.parse.urlsplit(page.get_attribute("#outlook", "href") or "").query
        )
        assert outlook["name"] == ["Các ngày kỷ niệm – Kon Tum (tỉnh cũ)"]
        page.click("#copy-paragraph")
        expect(page.locator("#paragraph-copied")).not_to_be_empty(timeout=10_000)
        assert "Kon Tum" in page.evaluate("navigator.clipboard.readText()")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)
        assert not errors, errors
        browser.close()


def test_public_url_gives_source_and_event_pages(tmp_path: Path) -> None:
    import icalendar

    public = Server(["--public-url", "https://lich.example.gov.vn/"], tmp_path / "server.log")
    try:
        _, _, body = public.get("/feed.ics?scope=province:kon-tum&fbclid=x")
        _, _, plain = public.get("/feed.ics?scope=province:kon-tum", {"Host": "evil.example"})
    finally:
        public.stop()
    assert body == plain and b"evil.example" not in body
    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar["SOURCE"]) == "https://lich.example.gov.vn/feed.ics?scope=province:kon-tum"
    event = next(e for e in calendar.walk("VEVENT") if "Giải phóng tỉnh Kon Tum" in str(e["SUMMARY"]))
    year = event.decoded("DTSTART").year
    assert str(event["URL"]) == (
        f"https://lich.example.gov.vn/month/{year:04d}-03?scope=national,province:kon-tum"
    )


def test_paragraph_is_the_cli_month(server: Server) -> None:
    """The web paragraph is ``calendar-gen month`` for the same scope (Kết luận 88-KL/TW applied)."""
    import subprocess
    import sys

    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "calendar_gen",
            "month",
            "2026-11",
            "--scope",
            "national",
            "--today",
            "2026-11-22",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert server.get("/month/2026-11.txt?scope=national")[2].decode("utf-8") == cli
