"""The feeds read by real calendar clients: libical (ICalGLib), ical.js, khal and calcurse.

Each client is a Debian or npm package (scripts/system-packages.txt, tests/js/package.json); a
missing one fails the test naming the package, it never skips. KCalendarCore has no Python or
command-line binding in Debian 12 that a test can drive: its defect (a comma splits a category)
is checked as a rule over every category label instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from calendar_gen.catalogue.types import KIND_LABELS
from calendar_gen.cli.app import app
from calendar_gen.paths import tag_labels
from calendar_gen.render.ics import DAY_OFF_CATEGORIES, ROUND_CATEGORIES

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "tests" / "js"
runner = CliRunner()

LIBICAL = """
import json, sys
import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib
root = ICalGLib.Component.new_from_string(open(sys.argv[1], encoding="utf-8").read())
ok = ICalGLib.restriction_check(root)
errors, stack = [], [root]
while stack:
    comp = stack.pop()
    prop = comp.get_first_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    while prop is not None:
        errors.append(prop.get_xlicerror())
        prop = comp.get_next_property(ICalGLib.PropertyKind.XLICERROR_PROPERTY)
    sub = comp.get_first_component(ICalGLib.ComponentKind.ANY_COMPONENT)
    while sub is not None:
        stack.append(sub)
        sub = comp.get_next_component(ICalGLib.ComponentKind.ANY_COMPONENT)
print(json.dumps({"ok": bool(ok), "errors": errors[:10]}))
"""


def need(command: str, package: str) -> str:
    """The path of a client, or a failure naming the Debian package to install."""
    found = shutil.which(command)
    if found is None:
        pytest.fail(f"{command} not found: apt-get install {package} (scripts/system-packages.txt)")
    return found


def run(*args: str, timeout: int = 120) -> str:
    env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}  # the suite's en_US may not exist
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def feed(tmp_path: Path, name: str, *args: str) -> Path:
    target = tmp_path / f"{name}.ics"
    result = runner.invoke(app, ["feed", "--today", "2024-03-01", *args, "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    return target


FEEDS = {
    "default": (),
    "round": ("--round",),
    "leaders": ("--kind", "leader", "--kind", "organisation"),
    "tags": ("--tag", "an-ninh-trat-tu", "--tag", "pccc"),
    "province": ("--province", "kon-tum", "--no-default"),
    "alarm": ("--alarm", "1", "--source-url", "https://lich.example.gov.vn/feed.ics?x=1,2"),
    "days-off": ("--days-off", "--from", "2024", "--to", "2026", "--base-url", "https://lich.example.gov.vn"),
}


@pytest.fixture(scope="module")
def feeds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    folder = tmp_path_factory.mktemp("feeds")
    yield {name: feed(folder, name, *args) for name, args in FEEDS.items()}


@pytest.mark.parametrize("name", sorted(FEEDS))
def test_libical_restriction_check_is_clean(feeds: dict[str, Path], name: str) -> None:
    if run("/usr/bin/python3", "-c", "import gi; print(1)").strip() != "1":
        pytest.fail("python3-gi missing: apt-get install python3-gi")
    done = subprocess.run(
        ["/usr/bin/python3", "-c", LIBICAL, str(feeds[name])], capture_output=True, text=True, check=False
    )
    if "ICalGLib" in done.stderr and done.returncode != 0:
        pytest.fail("ICalGLib 3.0 missing: apt-get install gir1.2-ical-3.0\n" + done.stderr[-500:])
    assert json.loads(done.stdout) == {"ok": True, "errors": []}


def ical_js(path: Path) -> dict[str, object]:
    need("node", "nodejs")
    if not (JS / "node_modules" / "ical.js").is_dir():
        pytest.fail("ical.js not installed: (cd tests/js && npm ci), npm comes with nodejs")
    result: dict[str, object] = json.loads(run("node", str(JS / "read.mjs"), str(path)))
    return result


@pytest.mark.parametrize("name", sorted(FEEDS))
def test_ical_js_reads_names_and_descriptions_unescaped(feeds: dict[str, Path], name: str) -> None:
    read = ical_js(feeds[name])
    calendar = read["calendar"]
    assert isinstance(calendar, dict)
    for key in ("name", "x-wr-calname", "x-wr-caldesc", "description"):
        assert calendar[key] and not re.search(r"\\[,;\\n]", calendar[key]), (key, calendar[key])
    assert calendar["x-wr-calname"] == calendar["name"] and calendar["method"] is None
    assert calendar["x-wr-caldesc"] == calendar["description"]
    events = read["events"]
    assert isinstance(events, list) and events
    assert all("\\" not in e["summary"] for e in events)
    assert all("," not in c for e in events for c in e["categories"])


def test_ical_js_reads_what_we_wrote(feeds: dict[str, Path]) -> None:
    read = ical_js(feeds["alarm"])
    assert read["calendar"]["source"] == "https://lich.example.gov.vn/feed.ics?x=1,2"  # type: ignore[index]
    days = ical_js(feeds["days-off"])
    assert (days["calendar"]["color"], days["calendar"]["x-apple-calendar-color"]) == ("crimson", "#DC143C")  # type: ignore[index]
    by_date = {e["start"]: e for e in days["events"]}  # type: ignore[attr-defined]
    assert by_date["2024-05-04"]["summary"] == "Làm bù (thứ Bảy đi làm)"
    assert by_date["2024-05-04"]["categories"] == ["Ngày làm việc"]
    assert by_date["2026-01-02"]["summary"] == "Nghỉ hoán đổi"
    assert by_date["2024-04-30"]["url"] == "https://lich.example.gov.vn/month/2024-04.html"


def test_ical_js_reads_every_event_of_a_ten_year_feed(tmp_path: Path) -> None:
    """The whole feed is read; its speed is a benchmark (benchmarks/icaljs_parse.py), not a test."""
    path = feed(tmp_path, "ten", "--from", "2020", "--to", "2029", "--all")
    read = ical_js(path)
    events = read["events"]
    assert isinstance(events, list) and len(events) > 2000
    assert len(events) == path.read_text(encoding="utf-8").count("BEGIN:VEVENT")


def test_no_category_or_name_label_holds_a_comma() -> None:
    labels = [*KIND_LABELS.values(), *ROUND_CATEGORIES.values(), *DAY_OFF_CATEGORIES.values(), "Âm lịch"]
    assert not [label for label in labels if re.search(r"[,;\\]", label)]
    assert not [label for label in tag_labels().values() if re.search(r"[,;\\]", label)]


def month_json(tmp_path: Path) -> list[tuple[str, str]]:
    # Feeds and month apply the same selection (engine/listing.py): the items month marks listed.
    result = runner.invoke(app, ["month", "2024-03", "--format", "json", "--today", "2024-03-01"])
    assert result.exit_code == 0, result.stderr
    return sorted((row["date"], row["text"]) for row in json.loads(result.stdout) if row["listed"])


@pytest.fixture(scope="module")
def default_2024(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # The default feed of 2024 (khal writes one file per event: a full default feed takes 30 s)
    return feed(tmp_path_factory.mktemp("clients"), "default-2024", "--from", "2024", "--to", "2024")


def test_khal_lists_march_2024_as_the_month_command(tmp_path: Path, default_2024: Path) -> None:
    khal = need("khal", "khal")
    (tmp_path / "cal").mkdir()
    config = tmp_path / "config"
    config.write_text(
        f"[calendars]\n[[lich]]\npath = {tmp_path / 'cal'}\n[locale]\n"
        "dateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
        "longdatetimeformat = %Y-%m-%d %H:%M\ntimeformat = %H:%M\n"
        "local_timezone = Asia/Ho_Chi_Minh\ndefault_timezone = Asia/Ho_Chi_Minh\n",
        encoding="utf-8",
    )
    run(khal, "-c", str(config), "import", "--batch", "-a", "lich", str(default_2024))
    listed = run(
        khal, "-c", str(config), "list", "2024-03-01", "2024-03-31",
        "--format", "{start-date}|{title}", "--day-format", "",
    )  # fmt: skip
    rows = sorted(tuple(line.split("|", 1)) for line in listed.splitlines() if line.strip())
    assert rows == month_json(tmp_path)


def test_calcurse_lists_march_2024_as_the_month_command(tmp_path: Path, default_2024: Path) -> None:
    calcurse = need("calcurse", "calcurse")
    home = tmp_path / "calcurse"
    home.mkdir()
    run(calcurse, "-D", str(home), "-i", str(default_2024))
    listed = run(
        calcurse, "-D", str(home), "--input-datefmt", "4", "--output-datefmt", "%Y-%m-%d", "-Q",
        "--from", "2024-03-01", "--to", "2024-03-31", "--format-event", "%m\n", "--format-apt", "%m\n",
    )  # fmt: skip
    rows, day = [], ""
    for line in listed.splitlines():
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}:", line):
            day = line[:-1]
        elif line.strip():
            rows.append((day, line))
    assert sorted(rows) == month_json(tmp_path)


def test_days_off_feed_equals_the_official_notices(feeds: dict[str, Path]) -> None:
    from tests.test_daysoff import OFFICIAL

    events = ical_js(feeds["days-off"])["events"]
    assert isinstance(events, list)
    import datetime as dt

    for year, (weekdays, working, _breaks) in OFFICIAL.items():
        in_year = [e for e in events if e["start"].startswith(f"{year}-")]
        worked = [e["start"] for e in in_year if e["categories"] == ["Ngày làm việc"]]
        off = sorted(
            e["start"]
            for e in in_year
            if e["start"] not in worked and dt.date.fromisoformat(e["start"]).weekday() < 5
        )
        assert (off, worked) == (weekdays, working), year
        assert all(e["summary"].endswith("đi làm)") for e in in_year if e["start"] in worked)
