"""Issue 13: the served year and month pages link back to the subscribe page; printed, they don't."""

from __future__ import annotations

import datetime as dt

from starlette.testclient import TestClient

from calendar_gen.paths import default_catalogue, resource_dir
from calendar_gen.web.server import create_app


def test_year_and_month_pages_link_back_to_the_subscribe_page() -> None:
    app = create_app([default_catalogue()], today=lambda: dt.date(2025, 3, 1))
    with TestClient(app) as client:
        for path in ("/year/2025", "/month/2025-03"):
            page = client.get(path)
            assert page.status_code == 200
            assert '<nav class="home"><a href="' in page.text, path
            assert "Trang đăng ký lịch" in page.text
    css = (resource_dir("templates") / "sheet.css").read_text(encoding="utf-8")
    assert "@media print { nav.home { display: none; } }" in css


def test_cli_sheets_have_no_home_link() -> None:
    from typer.testing import CliRunner

    from calendar_gen.cli.app import app

    result = CliRunner().invoke(app, ["year", "2025", "-f", "html", "--today", "2025-03-01"])
    assert result.exit_code == 0
    assert 'class="home"' not in result.output
