"""Screenshots for the README, taken in Debian's Chromium (apt-get install chromium).

python docs/make_screenshots.py            # every screenshot
python docs/make_screenshots.py --index    # the subscribe page only (trang-dang-ky*.png)
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from calendar_gen.catalogue.load import load  # noqa: E402
from calendar_gen.engine.occurrences import occurrences  # noqa: E402
from calendar_gen.engine.selection import kl88  # noqa: E402
from calendar_gen.paths import default_catalogue, province_catalogues  # noqa: E402
from calendar_gen.render.html import Header, SheetInfo, month_html  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> None:
    """Render March 2024 for Kon Tum and save the first screen of it."""
    from playwright.sync_api import sync_playwright

    today = dt.date(2024, 2, 27)
    catalogue = load([default_catalogue(), province_catalogues()["quang-ngai"]])
    kon_tum = [e for e in catalogue.entries if e.scope == "national" or e.former == "kon-tum"]
    # As the CLI lists them: leaders' births only in the years Kết luận 88-KL/TW names.
    found = kl88(occurrences(kon_tum, dt.date(2024, 3, 1), dt.date(2024, 3, 31)))
    header = Header("Ban Tuyên giáo và Dân vận Tỉnh ủy Kon Tum", "Kon Tum", today, party=True)
    info = SheetInfo(tuple(f.title or f.path for f in catalogue.files), today, header)
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "sheet.html"
        page_file.write_text(month_html(found, 2024, 3, info), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 900, "height": 1270})
            page.goto(page_file.as_uri())
            page.screenshot(path=str(HERE / "thang-3-2024.png"))
            browser.close()
    print(HERE / "thang-3-2024.png")
    index_screenshot()


def index_screenshot() -> None:
    """The subscribe page of ``calendar-gen serve`` (all overlays), on a desktop and on a 390 px phone."""
    import socket
    import subprocess
    import time
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "calendar_gen", "serve", "--port", str(port), "--today", "2026-11-22"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 900, "height": 1100})
            page.goto(f"http://127.0.0.1:{port}/dang-ky-lich?scope=national&round=1&alarm=1")
            page.screenshot(path=str(HERE / "trang-dang-ky.png"))
            phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
            phone.goto(f"http://127.0.0.1:{port}/dang-ky-lich?scope=province:kon-tum")
            phone.screenshot(path=str(HERE / "trang-dang-ky-390.png"), full_page=True)
            browser.close()
    finally:
        server.terminate()
    print(HERE / "trang-dang-ky.png", HERE / "trang-dang-ky-390.png")


if __name__ == "__main__":
    if sys.argv[1:] == ["--index"]:  # the subscribe page only
        index_screenshot()
    else:
        main()
