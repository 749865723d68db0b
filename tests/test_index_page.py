"""The subscribe page in Debian's Chromium: filters drive the link, the QR code and the preview."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .test_server import Server
from .test_sheets import CHROMIUM, FLAGS


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    instance = Server(["--province", "kon-tum"], tmp_path_factory.mktemp("index") / "server.log")
    yield instance
    instance.stop()


def test_filters_update_link_qr_and_preview_and_copy_works(server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    base = f"http://127.0.0.1:{server.port}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        # Playwright's wait_for_function evaluates strings, which the page's CSP forbids;
        # test_script_runs_under_the_pages_csp checks the page with its CSP in force.
        context = browser.new_context(viewport={"width": 900, "height": 1100}, bypass_csp=True)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(base + "dang-ky-lich")
        assert page.input_value("#feed-url") == base + "feed.ics"
        assert page.get_attribute("#webcal", "href") == f"webcal://127.0.0.1:{server.port}/feed.ics"
        before = page.locator("#preview li").all_inner_texts()
        assert len(before) > 5  # November 2026 (the server's --today)
        qr_before = page.inner_html("#qr")

        page.select_option("#scope", "national")
        page.check("#round")
        page.select_option("#alarm", "1")
        page.wait_for_function(
            f"document.querySelectorAll('#preview li').length < {len(before)}", timeout=10_000
        )
        url = page.input_value("#feed-url")
        assert url == base + "feed.ics?scope=national&alarm=1&round=1"
        assert page.get_attribute("#webcal", "href") == url.replace("http://", "webcal://")
        page.wait_for_function("document.querySelector('#qr svg') !== null")
        page.wait_for_function(f"document.querySelector('#qr').innerHTML !== {qr_before!r}")
        after = page.locator("#preview li").all_inner_texts()
        assert after and all(item in before for item in after)
        assert page.locator("#preview li.round").count() == len(after)
        assert page.url.endswith("?scope=national&alarm=1&round=1")

        page.click("#copy")
        page.wait_for_function("document.getElementById('copied').textContent.length > 0")
        assert page.evaluate("navigator.clipboard.readText()") == url

        status, _, feed = server.get(url.removeprefix(base.rstrip("/")))
        assert status == 200 and b"BEGIN:VALARM" in feed
        page.screenshot(path=str(tmp_path / "index.png"))
        assert (tmp_path / "index.png").stat().st_size > 30_000
        assert not errors, errors
        browser.close()


def test_page_works_without_javascript(server: Server) -> None:
    status, _, body = server.get("/dang-ky-lich?scope=national&round=1")
    page = body.decode("utf-8")
    assert status == 200
    assert f"http://127.0.0.1:{server.port}/feed.ics?scope=national&amp;round=1" in page
    assert '<option value="national" selected>' in page and 'id="round" value="1" checked' in page


def test_script_runs_under_the_pages_csp(server: Server) -> None:
    from playwright.sync_api import expect, sync_playwright

    base = f"http://127.0.0.1:{server.port}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        violations: list[str] = []
        page.on(
            "console",
            lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None,
        )
        page.goto(base + "dang-ky-lich")
        page.check("#round")
        expect(page.locator("#feed-url")).to_have_value(
            base + "feed.ics?scope=national&round=1", timeout=10_000
        )
        expect(page.locator("#preview li.round").first).to_be_visible(timeout=10_000)
        assert not violations, violations
        browser.close()
