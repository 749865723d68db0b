"""The officer's page (issue 20) in Debian's Chromium at 390 and 1280 px, against a real ``serve``.

Kon Tum (former) in March 2024: untick one item, tick another, fill the office's profile, download
the Word file and read its items and header; the paragraph is the CLI's for the same include and
exclude; the profile form refuses what the YAML profile refuses, with the same messages; the
subscribe link's feed holds the national and the provincial days once each. The screenshots of the
user's guide (docs/images/) are taken here so they never go stale.
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import run_cli
from .test_server import Server
from .test_sheets import CHROMIUM, FLAGS

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
UNTICK, TICK = "ngay-quoc-te-phu-nu", "sinh-pham-van-dong"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("workspace")
    os.environ.setdefault("CALENDAR_GEN_CACHE_DIR", str(folder / "cache"))
    instance = Server(["--province", "kon-tum"], folder / "server.log")
    yield instance
    instance.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "apt-get install -y chromium (see .ci/run)"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


def open_page(browser: object, server: Server, width: int) -> object:
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"http://127.0.0.1:{server.port}/")
    return page


def choose_kon_tum_march(page: object) -> None:
    page.select_option("#unit", "province:kon-tum")  # type: ignore[attr-defined]
    page.fill("#month", "2024-03")  # type: ignore[attr-defined]
    page.dispatch_event("#month", "change")  # type: ignore[attr-defined]
    expect(page.locator("#list-caption")).to_contain_text("tháng 3/2024 – Kon Tum")  # type: ignore[attr-defined]


PROFILE = {
    "#p-parent": "TỈNH ỦY KON TUM",
    "#p-issuer": "BAN TUYÊN GIÁO VÀ DÂN VẬN",
    "#p-number": "Số: {month}-HD/BTGDVTU",
    "#p-place": "Kon Tum",
    "#p-on-behalf": "TRƯỞNG BAN",
    "#p-role": "PHÓ TRƯỞNG BAN",
    "#p-name": "Nguyễn Văn An",
    "#p-recipients": "- Các huyện ủy, thành ủy,\n- Lưu Văn phòng.",
}


@pytest.mark.parametrize("width", [390, 1280])
def test_choose_edit_profile_download(browser: object, server: Server, width: int, tmp_path: Path) -> None:
    from docx import Document

    page = open_page(browser, server, width)
    choose_kon_tum_march(page)
    listed = page.locator("#listed-items input")  # type: ignore[attr-defined]
    assert page.locator(f"#listed-items input[value={UNTICK}]").is_checked()  # type: ignore[attr-defined]
    assert "ngày kỷ niệm hằng năm" in page.locator("#listed-items").inner_text()  # type: ignore[attr-defined]
    assert not page.locator(f"#other-items input[value={TICK}]").is_checked()  # type: ignore[attr-defined]
    assert listed.count() >= 4
    if width == 1280:
        IMAGES.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(IMAGES / "buoc-1-chon.png"))  # type: ignore[attr-defined]
    page.locator(f"input[value={UNTICK}]").click()  # type: ignore[attr-defined]
    expect(page.locator("#paragraph")).not_to_have_value(re.compile("Quốc tế Phụ nữ"))  # type: ignore[attr-defined]
    page.locator(f"input[value={TICK}]").focus()  # type: ignore[attr-defined]
    page.keyboard.press("Space")  # type: ignore[attr-defined]
    expect(page.locator("#paragraph")).to_have_value(re.compile("Phạm Văn Đồng"))  # type: ignore[attr-defined]
    cli = run_cli("month", "2024-03", "-p", "kon-tum", "--include", TICK, "--exclude", UNTICK)
    assert cli.returncode == 0, cli.stderr
    assert page.input_value("#paragraph") == cli.stdout.strip()  # type: ignore[attr-defined]
    for selector, value in PROFILE.items():
        page.fill(selector, value)  # type: ignore[attr-defined]
    page.check("#p-party")  # type: ignore[attr-defined]
    page.select_option("#p-authority", "kt")  # type: ignore[attr-defined]
    page.click("#profile-check")  # type: ignore[attr-defined]
    expect(page.locator("#profile-status")).to_contain_text("hợp lệ")  # type: ignore[attr-defined]
    if width == 1280:
        page.locator("#profile").screenshot(path=str(IMAGES / "buoc-3-ho-so.png"))  # type: ignore[attr-defined]
        page.locator("#list").screenshot(path=str(IMAGES / "buoc-2-danh-sach.png"))  # type: ignore[attr-defined]
    with page.expect_download() as info:  # type: ignore[attr-defined]
        page.click("#download-docx")  # type: ignore[attr-defined]
    download = info.value
    assert download.suggested_filename == "thang-03-2024.docx"
    saved = tmp_path / "thang-03-2024.docx"
    download.save_as(saved)
    document = Document(str(saved))
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    text = "\n".join(p.text for p in document.paragraphs) + "\n" + cells
    assert "Phạm Văn Đồng" in text and "Quốc tế Phụ nữ" not in text
    assert "Giải phóng tỉnh Kon Tum" in text and "Biên phòng toàn dân" in text
    for header in ("ĐẢNG CỘNG SẢN VIỆT NAM", "BAN TUYÊN GIÁO VÀ DÂN VẬN", "TỈNH ỦY KON TUM", "3-HD/BTGDVTU"):
        assert header in text, header
    assert "K/T TRƯỞNG BAN" in text and "Nguyễn Văn An" in text and "Lưu Văn phòng" in text
    if width == 1280:  # a draft with a wrong count: the finding and its correction are shown
        page.fill("#draft-text", "Kỷ niệm 50 năm Ngày Giải phóng miền Nam (30/4/1975 - 30/4/2024).")  # type: ignore[attr-defined]
        page.click("#check-run")  # type: ignore[attr-defined]
        expect(page.locator("#findings")).to_contain_text("49 năm Ngày Giải phóng miền Nam")  # type: ignore[attr-defined]
        mark = page.locator("#draft-view mark.error")  # type: ignore[attr-defined]
        assert mark.inner_text() == "50 năm Ngày Giải phóng miền Nam (30/4/1975 - 30/4/2024)"
        page.locator("#check").screenshot(path=str(IMAGES / "buoc-4-kiem-tra.png"))  # type: ignore[attr-defined]
    # Remembered in this browser: the unit and the profile, never on the server.
    page.reload()  # type: ignore[attr-defined]
    expect(page.locator("#list-caption")).to_contain_text("Kon Tum")  # type: ignore[attr-defined]
    assert page.input_value("#unit") == "province:kon-tum"  # type: ignore[attr-defined]
    assert page.input_value("#p-name") == "Nguyễn Văn An"  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


BAD = [
    # K/T without for whom, a State-only authority in a Party profile, a control character.
    ({"#p-issuer": "BAN TUYÊN GIÁO", "#p-name": "A"}, "kt", True),
    ({"#p-issuer": "BAN TUYÊN GIÁO", "#p-name": "A"}, "tl", True),
    ({"#p-issuer": "BAN\u200fTUYÊN GIÁO", "#p-number": "Số {nam}"}, "", False),
]


@pytest.mark.parametrize(("values", "authority", "party"), BAD)
def test_profile_form_refuses_what_yaml_refuses(
    browser: object, server: Server, tmp_path: Path, values: dict[str, str], authority: str, party: bool
) -> None:
    import yaml

    page = open_page(browser, server, 390)
    for selector, value in values.items():
        page.fill(selector, value)  # type: ignore[attr-defined]
    page.check("#p-party" if party else "#p-state")  # type: ignore[attr-defined]
    page.select_option("#p-authority", authority)  # type: ignore[attr-defined]
    page.click("#profile-check")  # type: ignore[attr-defined]
    expect(page.locator("#profile-problems")).to_be_visible()  # type: ignore[attr-defined]
    shown = page.locator("#profile-problems").inner_text().splitlines()  # type: ignore[attr-defined]
    page.click("#download-docx")  # refused on the page, in a sentence, instead of an error page
    expect(page.locator("#problem")).to_contain_text("chưa hợp lệ")  # type: ignore[attr-defined]
    assert page.url == f"http://127.0.0.1:{server.port}/"  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]
    profile: dict[str, object] = {"issuer": values["#p-issuer"], "party": party}
    if "#p-number" in values:
        profile["number"] = values["#p-number"]
    signer = {k: v for k, v in (("authority", authority), ("name", values.get("#p-name", ""))) if v}
    if signer:
        profile["signer"] = signer
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    cli = run_cli("month", "2024-03", "-p", "kon-tum", "--profile", str(path), "-f", "html", "--lang", "vi")
    assert cli.returncode == 2
    folded = re.sub(r"[\s│╭╮╰╯─]+", " ", cli.stderr)
    assert shown
    for line in shown:
        assert " ".join(line.split()) in folded, (line, cli.stderr)


def test_subscribe_feed_holds_national_and_unit_once(browser: object, server: Server) -> None:
    page = open_page(browser, server, 1280)
    choose_kon_tum_march(page)
    url = page.input_value("#sub-url")  # type: ignore[attr-defined]
    google = page.get_attribute("#sub-google", "href")  # type: ignore[attr-defined]
    expect(page.locator("#sub-qr")).to_have_attribute("src", "qr.svg?scope=province:kon-tum")  # type: ignore[attr-defined]
    page.click("#sub-more")  # type: ignore[attr-defined]
    expect(page.locator("#scope")).to_have_value("province:kon-tum")  # type: ignore[attr-defined]
    assert page.url.endswith("/dang-ky-lich?scope=province:kon-tum")  # type: ignore[attr-defined]
    page.click("#workspace-link")  # type: ignore[attr-defined]
    expect(page.locator("#list-caption")).to_contain_text("Kon Tum")  # type: ignore[attr-defined]
    assert page.url == f"http://127.0.0.1:{server.port}/"  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]
    assert url.endswith("/feed.ics?scope=province:kon-tum") and google and "calendar.google.com" in google
    with urllib.request.urlopen(url, timeout=30) as response:
        feed = response.read().decode("utf-8").replace("\r\n ", "")
    uids = re.findall(r"^UID:(.+)$", feed, re.M)
    assert len(uids) == len(set(uids))
    summaries = re.findall(r"^SUMMARY:(.+)$", feed, re.M)
    kon_tum = [s for s in summaries if "Giải phóng tỉnh Kon Tum" in s]
    national = [s for s in summaries if "Quốc khánh" in s]
    assert kon_tum and national
    years = len(set(re.findall(r"^DTSTART;VALUE=DATE:(\d{4})", feed, re.M)))
    assert len(kon_tum) == years and len(national) == years


def test_the_page_prints_the_ticked_list_and_the_paragraph_only(
    browser: object, server: Server, tmp_path: Path
) -> None:
    """Printed (Chromium's PDF, print media): the ticked items and the paragraph, no form or button."""
    import subprocess

    page = open_page(browser, server, 1280)
    choose_kon_tum_march(page)
    page.locator(f"input[value={UNTICK}]").click()  # type: ignore[attr-defined]
    expect(page.locator("#paragraph")).not_to_have_value(re.compile("Quốc tế Phụ nữ"))  # type: ignore[attr-defined]
    paragraph = page.input_value("#paragraph")  # type: ignore[attr-defined]
    kept = page.locator("#listed-items input:checked").count()  # type: ignore[attr-defined]
    pdf = tmp_path / "in.pdf"
    page.pdf(path=str(pdf), format="A4")  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]
    printed = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    words = " ".join(printed.stdout.split())
    assert " ".join(paragraph.split()) in words
    assert kept >= 3 and "Giải phóng tỉnh Kon Tum" in words and "Biên phòng toàn dân" in words
    assert "Quốc tế Phụ nữ" not in words  # unticked: neither in the list nor in the paragraph
    assert "Phạm Văn Đồng" not in words  # the rest of the month, unticked, is left out
    for label in (
        "Tải Word",
        "Sao chép đoạn văn",
        "Kiểm tra",
        "Thêm vào Google Lịch",
        "Thông tin cơ quan ban hành",
        "Chọn đơn vị",
        "Tùy chọn khác",
    ):
        assert label not in words, label


def test_the_page_is_the_root_and_its_first_address_redirects(server: Server) -> None:
    status, headers, body = server.get("/")
    assert status == 200 and 'id="unit"' in body.decode("utf-8") and 'id="sub-more"' in body.decode("utf-8")
    status, headers, _ = server.get("/soan?unit=province:kon-tum")
    assert status == 308 and headers["location"] == "./?unit=province:kon-tum"
    status, headers, _ = server.get("/soan")
    assert status == 308 and headers["location"] == "./"
    status, _headers, body = server.get("/dang-ky-lich?scope=province:kon-tum")
    assert (
        status == 200
        and 'id="workspace-link"' in body.decode("utf-8")
        and 'href="./"' in body.decode("utf-8")
    )
    year = server.get("/year/2024?scope=national,province:kon-tum")[2].decode("utf-8")
    assert 'href="../dang-ky-lich?scope=national,province:kon-tum"' in year


def test_selection_json_errors_are_vietnamese_sentences(server: Server) -> None:
    status, _headers, body = server.get("/api/selection?unit=province:kon-tum&period=2024-13")
    assert status == 400 and "không phải tháng hay năm" in body.decode("utf-8")
    status, _headers, body = server.get("/api/selection?unit=province:kon-tum&period=2024-03&for=quan-doi")
    reasons = {item["id"]: item["why"] for item in json.loads(body)["items"] if item["listed"]}
    assert status == 200 and reasons["khong-quan-nhan-dan"] == "theo đối tượng: Quân đội"
    ticked = "edited=1&ticked=kon-tum-giai-phong,bo-doi-bien-phong"
    status, headers, body = server.get(
        f"/api/document?unit=province:kon-tum&period=2024-03&format=xlsx&{ticked}"
    )
    assert status == 200 and body.startswith(b"PK") and "thang-03-2024.xlsx" in headers["content-disposition"]
    deep = "profile=" + "[" * 100000
    request = urllib.request.Request(f"http://127.0.0.1:{server.port}/api/profile", data=deep.encode())
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 400 and "JSON" in refused.value.read().decode("utf-8")
    status, _headers, body = server.get("/huong-dan-su-dung")
    assert status == 200 and "Cán bộ soạn văn bản" in body.decode("utf-8")
    status, _headers, body = server.get("/api/selection?unit=province:x&period=2024-03")
    assert status == 400 and "không có đơn vị" in body.decode("utf-8")
    status, _headers, body = server.get("/api/selection?period=2024-03&ticked=khong-co&edited=1")
    assert status == 400 and "khong-co" in body.decode("utf-8")


def test_shipped_nginx_site_caches_feeds_and_passes_the_page(server: Server, tmp_path: Path) -> None:
    """deploy/nginx-calendar-gen.conf in a real nginx on loopback: feeds cached, POSTs passed through."""
    import getpass
    import shutil
    import socket
    import subprocess
    import time

    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "apt-get install -y nginx (scripts/system-packages.txt)"
    root = Path(__file__).resolve().parent.parent
    site = (root / "deploy" / "nginx-calendar-gen.conf").read_text(encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    site = site.replace("/var/cache/nginx/calendar-gen", str(tmp_path / "cache"))
    site = site.replace("127.0.0.1:8000", f"127.0.0.1:{server.port}").replace(
        "listen 80;", f"listen 127.0.0.1:{port};"
    )
    assert f"127.0.0.1:{server.port}" in site and f"listen 127.0.0.1:{port};" in site
    (tmp_path / "site.conf").write_text(site, encoding="utf-8")
    temps = " ".join(
        f"{kind}_temp_path {tmp_path / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"user {getpass.getuser()};\n"  # workers as this user (nginx ignores it unless run as root)
        f"pid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\nevents {{}}\n"
        f"http {{ access_log off; {temps} include {tmp_path / 'site.conf'}; }}\n",
        encoding="utf-8",
    )
    command = [
        nginx,
        "-e",
        str(tmp_path / "error.log"),
        "-p",
        str(tmp_path),
        "-c",
        str(tmp_path / "nginx.conf"),
    ]
    tested = subprocess.run([*command, "-t"], capture_output=True, text=True, check=False)
    assert tested.returncode == 0, tested.stderr
    process = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=5).close()
                break
            except OSError:
                time.sleep(0.05)
        statuses = []
        for _ in range(2):
            with urllib.request.urlopen(base + "/feed.ics?scope=province:kon-tum", timeout=30) as response:
                statuses.append(response.headers["X-Cache-Status"])
                assert b"BEGIN:VCALENDAR" in response.read()
        assert statuses == ["MISS", "HIT"]
        body = b"unit=province:kon-tum&period=2024-03"
        with urllib.request.urlopen(
            urllib.request.Request(base + "/api/selection", data=body), timeout=30
        ) as response:
            assert "X-Cache-Status" not in response.headers
            assert "Giải phóng tỉnh Kon Tum" in response.read().decode("utf-8")
        with urllib.request.urlopen(base + "/", timeout=30) as response:
            assert 'id="unit"' in response.read().decode("utf-8")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_year_plan_and_exported_profile_are_the_clis(server: Server, tmp_path: Path) -> None:
    """The year's plan is `calendar-gen year`'s; the exported YAML profile is one --profile reads."""
    import json

    status, _headers, body = server.get("/api/selection?unit=province:kon-tum&period=2024")
    data = json.loads(body)
    assert status == 200 and any(item["section"] == "le-lon" for item in data["items"])
    cli = run_cli("year", "2024", "-p", "kon-tum")
    assert cli.returncode == 0, cli.stderr
    assert data["paragraph"].splitlines()[1:] == cli.stdout.strip().splitlines()[1:]
    profile = {
        "issuer": ["TỈNH ỦY KON TUM", "BAN TUYÊN GIÁO VÀ DÂN VẬN"],
        "party": True,
        "number": "Số: {month}-HD/BTGDVTU",
        "signer": {"authority": "tm", "on_behalf": "BAN THƯỜNG VỤ", "name": "Nguyễn Văn An", "role": ""},
        "recipients": ["- Lưu.", ""],
    }
    form = urllib.parse.urlencode({"profile": json.dumps(profile)}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{server.port}/api/profile", data=form)
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.loads(response.read())
    assert answer["problems"] == [] and "BAN THƯỜNG VỤ" in answer["yaml"]
    path = tmp_path / "profile.yaml"
    path.write_text(answer["yaml"], encoding="utf-8")
    out = tmp_path / "thang-3.docx"
    cli = run_cli("month", "2024-03", "-p", "kon-tum", "--profile", str(path), "-o", str(out))
    assert cli.returncode == 0 and out.stat().st_size > 0, cli.stderr


def test_open_and_export_a_yaml_profile(browser: object, server: Server, tmp_path: Path) -> None:
    """A saved YAML profile opens in the form (keys the form does not show kept) and exports again."""
    import yaml

    source = tmp_path / "ho-so.yaml"
    source.write_text(
        "issuer: Tỉnh ủy Kon Tum|Ban Tuyên giáo và Dân vận\nparty: true\nplace: Kon Tum\n"
        "intro: [Thực hiện Hướng dẫn của Ban Tuyên giáo Trung ương]\n"
        "signer: {authority: T/M, on_behalf: BAN THƯỜNG VỤ, name: Nguyễn Văn An}\n",
        encoding="utf-8",
    )
    page = open_page(browser, server, 390)
    page.set_input_files("#p-open", str(source))  # type: ignore[attr-defined]
    expect(page.locator("#profile-status")).to_contain_text("Đã mở tệp hồ sơ")  # type: ignore[attr-defined]
    assert page.input_value("#p-parent") == "Tỉnh ủy Kon Tum"  # type: ignore[attr-defined]
    assert page.input_value("#p-issuer") == "Ban Tuyên giáo và Dân vận"  # type: ignore[attr-defined]
    assert page.input_value("#p-authority") == "tm" and page.is_checked("#p-party")  # type: ignore[attr-defined]
    with page.expect_download() as info:  # type: ignore[attr-defined]
        page.click("#profile-export")  # type: ignore[attr-defined]
    saved = tmp_path / "export.yaml"
    info.value.save_as(saved)
    page.context.close()  # type: ignore[attr-defined]
    exported = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert exported["intro"] == ["Thực hiện Hướng dẫn của Ban Tuyên giáo Trung ương"]
    assert exported["issuer"] == ["Tỉnh ủy Kon Tum", "Ban Tuyên giáo và Dân vận"]
    assert exported["signer"] == {"authority": "tm", "on_behalf": "BAN THƯỜNG VỤ", "name": "Nguyễn Văn An"}
    broken = tmp_path / "broken.yaml"
    broken.write_text("issuer: [a\n", encoding="utf-8")
    page = open_page(browser, server, 390)
    page.set_input_files("#p-open", str(broken))  # type: ignore[attr-defined]
    expect(page.locator("#profile-problems")).to_contain_text("profile.yaml")  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


DRAFT = [
    "HƯỚNG DẪN tuyên truyền các ngày kỷ niệm tháng 3 năm 2024",
    "Kỷ niệm 60 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024) và 35 năm Ngày Biên"
    " phòng toàn dân (03/3/1989 – 03/3/2024).",
    "Các cơ quan, đơn vị tổ chức tuyên truyền bằng nhiều hình thức phù hợp.",
]


def word_text(path: Path) -> list[str]:
    """Each paragraph's text with its tracked changes accepted (inserted runs in, deleted ones out)."""
    from docx import Document

    return ["".join(p._p.xpath(".//w:t/text()")) for p in Document(str(path)).paragraphs]


def tracked(path: Path) -> tuple[list[str], list[str]]:
    """The deleted and the inserted texts of a Word file's tracked changes."""
    from docx import Document

    body = Document(str(path)).element.body
    return body.xpath(".//w:del//w:delText/text()"), body.xpath(".//w:ins//w:t/text()")


@pytest.mark.parametrize("width", [390, 1280])
def test_upload_a_draft_and_download_its_corrected_and_annotated_copies(
    browser: object, server: Server, tmp_path: Path, width: int
) -> None:
    """A .docx with a wrong count: marked over its paragraphs; the corrected copy fixes only the count."""
    import zipfile

    from docx import Document

    draft = tmp_path / "du-thao.docx"
    document = Document()
    for text in DRAFT:
        document.add_paragraph(text)
    document.save(str(draft))
    page = open_page(browser, server, width)
    page.set_input_files("#draft-file", str(draft))  # type: ignore[attr-defined]
    page.click("#check-run")  # type: ignore[attr-defined]
    expect(page.locator("#check-status")).to_contain_text("1 điểm cần xem")  # type: ignore[attr-defined]
    expect(page.locator("#findings")).to_contain_text("Đoạn 2: 60 năm không khớp")  # type: ignore[attr-defined]
    expect(page.locator("#findings")).to_contain_text("65 năm Ngày truyền thống Bộ đội Biên phòng")  # type: ignore[attr-defined]
    view = page.locator("#draft-view")  # type: ignore[attr-defined]
    expect(view).to_be_visible()
    assert view.locator("p").all_inner_texts() == DRAFT  # the file's paragraphs, as written
    mark = view.locator("mark.error")
    assert mark.count() == 1
    assert mark.inner_text() == "60 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024)"
    with page.expect_download() as info:  # type: ignore[attr-defined]
        page.click("#check-corrected")  # type: ignore[attr-defined]
    assert info.value.suggested_filename == "da-sua.docx"
    corrected = tmp_path / "da-sua.docx"
    info.value.save_as(corrected)
    assert word_text(corrected) == [DRAFT[0], DRAFT[1].replace("60 năm", "65 năm"), DRAFT[2]]
    assert tracked(corrected) == (["60"], ["65"])  # a tracked change the officer can accept or reject
    with page.expect_download() as info:  # type: ignore[attr-defined]
        page.click("#check-annotated")  # type: ignore[attr-defined]
    assert info.value.suggested_filename == "gop-y.docx"
    annotated = tmp_path / "gop-y.docx"
    info.value.save_as(annotated)
    assert word_text(annotated) == DRAFT  # the text as written, the finding as a comment
    with zipfile.ZipFile(annotated) as word:
        comments = word.read("word/comments.xml").decode("utf-8")
    assert "65 năm" in comments and "2024 − 1959 = 65 năm" in comments
    # The copy with comments needs a file: for pasted text the page says so instead of an error page.
    page.set_input_files("#draft-file", [])  # type: ignore[attr-defined]
    page.fill("#draft-text", DRAFT[1])  # type: ignore[attr-defined]
    page.click("#check-annotated")  # type: ignore[attr-defined]
    expect(page.locator("#check-status")).to_contain_text("cần một tệp Word")  # type: ignore[attr-defined]
    assert page.url == f"http://127.0.0.1:{server.port}/"  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]


def test_the_page_works_offline_once_loaded(browser: object, tmp_path: Path) -> None:
    """Loaded once: with the network off and the server stopped, the page and its last list still show.

    A server of its own, stopped for the second half, so that nothing can come from it: what
    shows is the service worker's cache (the page, workspace.js) and the last list kept in
    localStorage (the list is a POST, which no cache holds); each action that needs the server says so.
    """
    own = Server(["--province", "kon-tum"], tmp_path / "server.log")
    try:
        status, headers, body = own.get("/sw.js")
        assert status == 200 and headers["content-type"].startswith("text/javascript")
        assert headers["cache-control"] == "no-cache" and headers["x-content-type-options"] == "nosniff"
        assert "content-security-policy" in headers and b'addEventListener("fetch"' in body
        context = browser.new_context(viewport={"width": 390, "height": 900})  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{own.port}/")
        choose_kon_tum_march(page)
        listed = page.locator("#listed-items").inner_text()
        paragraph = page.input_value("#paragraph")
        assert "Giải phóng tỉnh Kon Tum" in listed and paragraph
        page.wait_for_function("navigator.serviceWorker.ready.then(() => true)", timeout=10_000)
        if not page.evaluate("navigator.serviceWorker.controller !== null"):
            page.reload()  # the first load is not controlled until the worker claims it
        page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=10_000)
        page.wait_for_function(
            "caches.open('calendar-gen-page-1').then(c => c.keys()).then(k => k.length >= 2)", timeout=10_000
        )
    finally:
        own.stop()
    context.set_offline(True)
    page.reload()
    expect(page.locator("#problem")).to_contain_text("danh sách tải lần trước")
    expect(page.locator("#problem")).to_contain_text("cần kết nối mạng")
    expect(page.locator("#list-caption")).to_contain_text("tháng 3/2024 – Kon Tum")
    assert page.locator("#listed-items").inner_text() == listed
    assert page.input_value("#paragraph") == paragraph
    page.click("#profile-check")
    expect(page.locator("#problem")).to_contain_text("cần mạng")
    page.locator("#problem").evaluate("box => { box.textContent = ''; }")
    page.click("#download-docx")
    expect(page.locator("#problem")).to_contain_text("cần mạng")
    page.fill("#draft-text", DRAFT[1])
    page.click("#check-run")
    expect(page.locator("#check-status")).to_contain_text("cần mạng")
    page.locator("#check-status").evaluate("box => { box.textContent = ''; }")
    page.click("#check-corrected")
    expect(page.locator("#check-status")).to_contain_text("cần mạng")
    assert page.url.endswith("/")  # still the page, not a browser error page
    context.close()
