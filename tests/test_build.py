"""``calendar-gen build``: a static site that any server gives out byte for byte like ``serve``."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from .test_ics import check_lines, read_back
from .test_server import Server, free_port

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "SOURCE_DATE_EPOCH": "1767225600"}


def build(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "calendar_gen", "build", str(folder), "--today", "2026-11-22", *args],
        capture_output=True,
        text=True,
        env=ENV,
        timeout=300,
        check=False,
    )


def leftovers(folder: Path) -> list[Path]:
    """Hidden folders of unfinished builds and the lock file: a finished build removes them all."""
    return list(folder.glob(".site.*"))


def manifest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_site_has_feeds_pages_and_index(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = build(site, "--province", "kon-tum", "--base-url", "https://lich.example.gov.vn/")
    assert result.returncode == 0, result.stderr
    files = manifest(site)
    for name in [
        "feed.ics",
        "feeds/toan-quoc.ics",
        "feeds/nam-tron.ics",
        "feeds/tinh-quang-ngai.ics",  # the unit (with -p kon-tum: Kon Tum's days only)
        "feeds/tinh-kon-tum.ics",  # the former province, scope province:kon-tum
        "qr/tinh-kon-tum.svg",
        "index.html",
        "dang-ky-lich.html",
        "huong-dan-su-dung.html",
        "app.js",
        "workspace.js",
        "sw.js",
        "selection/2025-01.json",
        "selection/2028.json",
        "month/2025-01.html",
        "month/2025-01.docx",
        "month/2025-01.txt",
        "month/2028-12.html",
        "year/2025.html",
        "year/2025.docx",
        "year/2028.html",
    ]:
        assert name in files, name
    assert len([f for f in files if f.startswith("month/") and f.endswith(".html")]) == 48
    assert not [f for f in files if f.endswith(".pdf")]  # PDFs only with --pdf
    for feed in [f for f in files if f.endswith(".ics")]:
        data = (site / feed).read_bytes()
        check_lines(data)
        read_back(data)
    # The full subscribe page (index.html before the officer's page): every feed, every document.
    subscribe = (site / "dang-ky-lich.html").read_text(encoding="utf-8")
    assert "webcal://lich.example.gov.vn/feeds/nam-tron.ics" in subscribe
    assert "https://lich.example.gov.vn/feeds/tinh-kon-tum.ics" in subscribe
    assert '<optgroup label="Quảng Ngãi">' in subscribe and ">Kon Tum (tỉnh cũ)</option>" in subscribe
    google = "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Flich.example.gov.vn%2Ffeeds%2Ftinh-kon-tum.ics"
    assert google in subscribe
    assert (
        "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Flich.example.gov.vn%2F" in subscribe
    )
    assert 'href="month/2026-03.docx"' in subscribe and 'href="month/2026-03.txt"' in subscribe
    assert "từ năm 2025 đến năm 2028" in subscribe  # the span the feeds cover
    assert 'href="index.html" id="workspace-link"' in subscribe
    # index.html: the officer's page of the site's units, its lists written at build time.
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<optgroup label="Quảng Ngãi">' in index and ">Kon Tum (tỉnh cũ)</option>" in index
    assert (
        'id="needs-serve"' in index
        and "calendar-gen serve" in index
        and 'href="huong-dan-su-dung.html"' in index
    )
    for server_only in ('id="profile"', 'id="check"', 'id="download-form"', 'id="audience"', "api/"):
        assert server_only not in index, server_only
    assert 'href="month/2026-12.docx"' in index  # the default month: next month, as on serve's page
    march = json.loads((site / "selection/2026-03.json").read_bytes())["units"]["province:kon-tum"]
    assert march["subscribe"]["google"] == google and march["subscribe"]["qr"] == "qr/tinh-kon-tum.svg"
    assert (site / march["subscribe"]["qr"]).is_file() and march["subscribe"]["more"] == "dang-ky-lich.html"
    assert "Giải phóng tỉnh Kon Tum" in march["paragraph"]
    year = (site / "year/2026.html").read_text(encoding="utf-8")
    assert 'href="../index.html"' in year  # back to the site's first page
    import icalendar

    calendar = icalendar.Calendar.from_ical((site / "feeds/tinh-kon-tum.ics").read_bytes())
    assert str(calendar["SOURCE"]) == "https://lich.example.gov.vn/feeds/tinh-kon-tum.ics"
    event = next(e for e in calendar.walk("VEVENT") if "Giải phóng tỉnh Kon Tum" in str(e["SUMMARY"]))
    month = f"month/{event.decoded('DTSTART').year:04d}-03.html"
    assert str(event["URL"]) == "https://lich.example.gov.vn/" + month and month in files
    march = (site / "month/2026-03.txt").read_text(encoding="utf-8")
    assert "Giải phóng tỉnh Kon Tum" in march  # -p kon-tum: the documents hold its days
    assert leftovers(tmp_path) == []


def test_static_site_serves_the_same_bytes_as_serve(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(site, "--province", "kon-tum").returncode == 0
    port = free_port()
    static = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port), "--directory", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = Server(["--province", "kon-tum"], tmp_path / "serve.log")
    try:
        for static_path, served_path in [
            ("feed.ics", "/feed.ics"),
            ("feeds/toan-quoc.ics", "/feed.ics?scope=national"),
            ("feeds/nam-tron.ics", "/feed.ics?round=1"),
            ("feeds/tinh-kon-tum.ics", "/feed.ics?scope=province:kon-tum"),
            ("feeds/tinh-quang-ngai.ics", "/feed.ics?scope=province:quang-ngai"),
            ("month/2026-03.txt", "/month/2026-03.txt"),
            ("month/2026-03.docx", "/month/2026-03.docx"),
            ("year/2026.docx", "/year/2026.docx"),
        ]:
            for _ in range(50):
                try:
                    with urllib.request.urlopen(
                        f"http://127.0.0.1:{port}/{static_path}", timeout=10
                    ) as response:
                        static_bytes = response.read()
                    break
                except OSError:
                    time.sleep(0.1)
            status, _, served = server.get(served_path)
            assert status == 200
            assert static_bytes == served, static_path
        # The built lists are serve's /api/selection answers (the same function), but the links.
        for unit in ("national", "province:kon-tum", "province:quang-ngai"):
            for period in ("2026-03", "2026"):
                built = json.loads((site / f"selection/{period}.json").read_bytes())["units"][unit]
                status, _, served = server.get(f"/api/selection?unit={unit}&period={period}")
                assert status == 200
                answer = json.loads(served)
                assert (site / built.pop("subscribe")["url"]).is_file()  # the site's own feed file
                del answer["subscribe"]  # serve's links point to its own /feed.ics
                assert built == answer, (unit, period)
    finally:
        static.terminate()
        server.stop()


def test_site_of_every_province(tmp_path: Path) -> None:
    """Without -p: a feed per unit and per former province; documents national; PDFs with --pdf."""
    from calendar_gen.catalogue.provinces import load_registry
    from calendar_gen.paths import province_registry

    site = tmp_path / "site"
    started = time.monotonic()
    result = build(site, "--from", "2026", "--to", "2026", "--pdf")
    assert result.returncode == 0, result.stderr
    files = manifest(site)
    units = load_registry(province_registry()).units
    for unit in units:
        assert f"feeds/tinh-{unit.slug}.ics" in files, unit.slug
    assert "feeds/tinh-kon-tum.ics" in files and "feeds/tinh-bac-kan.ics" in files
    subscribe = (site / "dang-ky-lich.html").read_text(encoding="utf-8")
    assert subscribe.count("<optgroup ") == len(units) == 34
    assert subscribe.index(">Toàn quốc</option>") < subscribe.index("<optgroup ")
    # The officer's page lists what the documents cover: without -p, the national days only.
    index = (site / "index.html").read_text(encoding="utf-8")
    assert (
        "<optgroup " not in index
        and ">Toàn quốc (chỉ các ngày toàn quốc)</option>" in index
        and 'href="month/2026-12.pdf"' in index
    )
    assert list(json.loads((site / "selection/2026-03.json").read_bytes())["units"]) == ["national"]
    march = (site / "month/2026-03.txt").read_text(encoding="utf-8")
    assert "Giải phóng tỉnh Kon Tum" not in march and "Đoàn" in march  # national documents
    for name in ("month/2026-03.pdf", "year/2026.pdf"):
        assert (site / name).read_bytes().startswith(b"%PDF-"), name
    assert time.monotonic() - started < 240


@contextlib.contextmanager
def static_server(site: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """Python's http.server over a built site on 127.0.0.1, answering before the block starts."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port), "--directory", str(site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                    break
            except OSError:
                time.sleep(0.1)
        yield process, port
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_built_page_fits_a_phone(tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    from .test_sheets import CHROMIUM, FLAGS

    site = tmp_path / "site"
    result = build(site, "--from", "2026", "--to", "2026", "--base-url", "https://lich.example.gov.vn/")
    assert result.returncode == 0, result.stderr
    with static_server(site) as (_static, port), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"http://127.0.0.1:{port}/dang-ky-lich.html")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.select_option("#feed-choice", "f-tinh-kon-tum")
        expect(page.locator("#f-tinh-kon-tum")).to_be_visible()
        expect(page.locator("#f-toan-quoc")).to_be_hidden()
        # The QR code shown is a real image once it has loaded (waits up to 10 s, no fixed sleep).
        page.wait_for_function(
            "() => { const img = document.querySelector('#f-tinh-kon-tum img');"
            " return img !== null && img.complete && img.naturalWidth > 0; }",
            timeout=10_000,
        )
        page.select_option("#paragraph-month", "month/2026-03.txt")
        expect(page.locator("#paragraph")).to_have_value(
            (site / "month/2026-03.txt").read_text(encoding="utf-8").strip(), timeout=10_000
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        browser.close()


def test_killed_build_leaves_the_previous_site_intact(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(site, "--from", "2026", "--to", "2026").returncode == 0
    before = manifest(site)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "calendar_gen",
            "build",
            str(site),
            "--from",
            "2000",
            "--to",
            "2049",
            "--today",
            "2026-11-22",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        building = list(tmp_path.glob(".site.building-*"))
        if building and len(list(building[0].rglob("*.html"))) >= 3:
            break
        time.sleep(0.05)
    else:
        raise AssertionError("the build never got going")
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert manifest(site) == before
    assert list(tmp_path.glob(".site.building-*"))  # the half-written site is aside, not in place
    again = build(site, "--from", "2027", "--to", "2027")
    assert again.returncode == 0, again.stderr
    assert "year/2027.html" in manifest(site) and "year/2026.html" not in manifest(site)
    assert leftovers(tmp_path) == []


def test_interrupted_swap_is_recovered(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(site, "--from", "2026", "--to", "2026").returncode == 0
    before = manifest(site)
    os.rename(site, tmp_path / ".site.old-12345")  # killed between the two renames
    from calendar_gen.web.publish import recover

    recover(site)
    assert manifest(site) == before


def test_two_builds_of_one_site_do_not_overlap(tmp_path: Path) -> None:
    import fcntl

    site = tmp_path / "site"
    with open(tmp_path / ".site.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        result = build(site, "--from", "2026", "--to", "2026")
    assert result.returncode == 1 and "another build" in result.stderr and not site.exists()


def test_build_errors_are_messages(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = build(blocker)
    assert result.returncode == 1 and "is not a folder" in result.stderr and "Traceback" not in result.stderr
    result = build(tmp_path / "s", "--from", "1900", "--to", "2000")
    assert result.returncode == 2 and "more than 50 years" in result.stderr
    result = build(tmp_path / "s", "--base-url", "lich.gov.vn")
    assert result.returncode == 2 and "--base-url" in result.stderr


def test_built_index_is_the_officers_page_without_a_server(tmp_path: Path) -> None:
    """The built index.html over a loopback static server: the list, the subscribe links, no server control."""
    from playwright.sync_api import expect, sync_playwright

    from .test_sheets import CHROMIUM, FLAGS

    site = tmp_path / "site"
    result = build(
        site,
        "--province",
        "kon-tum",
        "--from",
        "2026",
        "--to",
        "2026",
        "--base-url",
        "https://lich.example.gov.vn/",
    )
    assert result.returncode == 0, result.stderr
    march = json.loads((site / "selection/2026-03.json").read_bytes())["units"]["province:kon-tum"]
    with static_server(site) as (static, port), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        errors: list[str] = []  # script errors, and failed requests, of each width's page
        failed: list[str] = []
        for width in (390, 1280):
            errors.clear()
            failed.clear()
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("requestfailed", lambda request: failed.append(request.url))
            page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
            page.goto(f"http://127.0.0.1:{port}/")
            # The default month (next month, as on serve's page), from the page's own data.
            expect(page.locator("#list-caption")).to_contain_text("tháng 12/2026 – Toàn quốc")
            assert page.locator("#listed-items input").count() > 0
            assert (
                page.locator("#listed-items input:disabled").count()
                == page.locator("#listed-items input").count()
            )
            page.select_option("#unit", "province:kon-tum")
            page.fill("#month", "2026-03")
            page.dispatch_event("#month", "change")
            expect(page.locator("#list-caption")).to_contain_text("tháng 3/2026 – Kon Tum")
            expect(page.locator("#paragraph")).to_have_value(march["paragraph"])
            listed = [i["id"] for i in march["items"] if i["listed"]]
            assert (
                page.locator("#listed-items input").evaluate_all("boxes => boxes.map(b => b.value)") == listed
            )
            assert page.get_attribute("#doc-docx", "href") == "month/2026-03.docx"
            assert page.get_attribute("#doc-html", "href") == "month/2026-03.html"
            assert page.get_attribute("#sub-google", "href") == march["subscribe"]["google"]
            assert page.get_attribute("#sub-outlook", "href") == march["subscribe"]["outlook"]
            assert (
                page.get_attribute("#sub-apple", "href")
                == "webcal://lich.example.gov.vn/feeds/tinh-kon-tum.ics"
            )
            assert page.input_value("#sub-url") == "https://lich.example.gov.vn/feeds/tinh-kon-tum.ics"
            page.wait_for_function(
                "() => { const img = document.getElementById('sub-qr');"
                " return img.complete && img.naturalWidth > 0 && img.src.endsWith('qr/tinh-kon-tum.svg'); }",
                timeout=10_000,
            )
            page.check("#kind-year")
            expect(page.locator("#list-caption")).to_contain_text("năm 2026 – Kon Tum")
            assert page.get_attribute("#doc-docx", "href") == "year/2026.docx"
            page.fill("#year", "2031")  # outside the site: said, not a broken list
            page.dispatch_event("#year", "change")
            expect(page.locator("#problem")).to_contain_text("từ tháng 1/2026 đến tháng 12/2026")
            # No control that needs the server; one sentence says so and links the guide.
            for server_only in ("#profile", "#check", "#download-form", "#audience", "#profile-check"):
                assert page.locator(server_only).count() == 0, server_only
            expect(page.locator("#needs-serve")).to_contain_text("calendar-gen serve")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            for link in ("#doc-docx", "#doc-html", "#sub-more", "#needs-serve a"):
                href = page.get_attribute(link, "href")
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/{href}", timeout=10) as response:
                    assert response.status == 200, href
            assert not errors, errors
            assert [u for u in failed if "2031" not in u] == [], failed
            page.close()
        # Loaded once (and March viewed), the built page opens with the web server gone too.
        context = browser.new_context(viewport={"width": 390, "height": 900})
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/")
        page.wait_for_function("navigator.serviceWorker.ready.then(() => true)", timeout=10_000)
        page.reload()
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=10_000)
        page.select_option("#unit", "province:kon-tum")
        page.fill("#month", "2026-03")
        page.dispatch_event("#month", "change")
        expect(page.locator("#list-caption")).to_contain_text("tháng 3/2026 – Kon Tum")
        static.terminate()
        static.wait(timeout=10)
        context.set_offline(True)
        page.reload()
        expect(page.locator("#list-caption")).to_contain_text("tháng 12/2026 – Kon Tum")  # the unit kept
        page.fill("#month", "2026-03")
        page.dispatch_event("#month", "change")  # March's list, from the worker's cache
        expect(page.locator("#paragraph")).to_have_value(march["paragraph"])
        expect(page.locator("#needs-serve")).to_be_visible()
        context.close()
        browser.close()
