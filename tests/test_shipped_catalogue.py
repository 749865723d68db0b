"""The shipped catalogue and province overlays: valid, sourced, sorted, and right for 2025."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from calendar_gen.catalogue.load import load, load_file
from calendar_gen.catalogue.types import KINDS
from calendar_gen.engine import lunar
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.model import Calendar, RoundClass
from calendar_gen.paths import default_catalogue, province_catalogues
from calendar_gen.render.formatting import mention

FILES = [default_catalogue(), *province_catalogues().values()]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_validates_with_sorted_unique_ids_and_sources(path: Path) -> None:
    loaded = load_file(path)
    ids = [e.id for e in loaded.entries]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    for entry in loaded.entries:
        assert entry.source and len(entry.source) > 10, entry.id
        assert entry.kind in KINDS, entry.id


def test_national_catalogue_size_and_coverage() -> None:
    entries = load_file(default_catalogue()).entries
    assert len(entries) >= 200
    kinds = {e.kind for e in entries}
    assert kinds >= {"holiday", "event", "armed-forces", "organisation", "sector", "leader", "international"}
    assert all(e.scope == "national" for e in entries)


def test_overlays_do_not_collide_with_national_ids() -> None:
    national = {e.id for e in load_file(default_catalogue()).entries}
    for path in province_catalogues().values():
        overlay = load_file(path).entries
        assert overlay and not national & {e.id for e in overlay}
        slug = path.stem
        assert all(e.scope == f"province:{slug}" for e in overlay)
        assert re.search(r"2025|34 tỉnh|34 provinces", path.read_text(encoding="utf-8"))
    every = [e.id for path in FILES for e in load_file(path).entries]
    assert len(every) == len(set(every))


def test_no_founding_date_after_today() -> None:
    """Validation ignores the clock, so this is checked here: the shipped data records the past."""
    for path in FILES:
        for entry in load_file(path).entries:
            year = entry.founded.year
            assert year is None or (year, entry.founded.month or 1) <= (dt.date.today().year, 12), entry.id


@pytest.mark.parametrize("today", ["1950-03-01", "9990-01-01"])
def test_shipped_catalogues_load_whatever_today_is(today: str) -> None:
    """Issue 9: the clock chooses what to show; it never makes a catalogue invalid."""
    from typer.testing import CliRunner

    from calendar_gen.cli.app import app

    units = [path.stem for path in province_catalogues().values()]
    args = ["month", "--today", today, "-f", "json"] + [x for unit in units for x in ("-p", unit)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert CliRunner().invoke(app, ["upcoming", "--today", today, "--days", "366"]).exit_code == 0


def test_lunar_entries_convert_in_every_year_1901_2099() -> None:
    lunar_entries = [
        e for e in load_file(default_catalogue()).entries if e.founded.calendar is Calendar.LUNAR
    ]
    assert {e.id for e in lunar_entries} >= {"tet-nguyen-dan", "gio-to-hung-vuong"}
    for entry in lunar_entries:
        assert entry.founded.month is not None and entry.founded.day is not None
        for year in range(1901, 2100):
            date, observed = lunar.observe(year, entry.founded.month, entry.founded.day, entry.founded.leap)
            assert lunar.from_solar(date) == observed


def test_2025_major_round_anniversaries() -> None:
    entries = load([default_catalogue()]).entries
    found = occurrences(entries, dt.date(2025, 1, 1), dt.date(2025, 12, 31), yearly=True)
    texts = {mention(o): o for o in found}
    for text, round_class in [
        ("95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2025)", RoundClass.LE5),
        ("50 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4/1975 – 30/4/2025)", RoundClass.TRON),
        ("135 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/2025)", RoundClass.LE5),
        ("80 năm Cách mạng Tháng Tám (19/8/1945 – 19/8/2025)", RoundClass.TRON),
        (
            "80 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 – 02/9/2025)",
            RoundClass.TRON,
        ),
    ]:
        assert text in texts, text
        assert texts[text].round_class is round_class
        assert texts[text].anniversary.is_major(2025)
    police = [o for o in found if o.anniversary.id == "cong-an-nhan-dan"]
    assert [(o.count, o.round_class) for o in police] == [(80, RoundClass.TRON)]


def test_every_tag_has_a_vietnamese_label() -> None:
    import unicodedata

    from calendar_gen.paths import tag_labels

    labels = tag_labels()
    used = {t for path in FILES for e in load_file(path).entries for t in e.tags}
    assert used <= set(labels), sorted(used - set(labels))
    for label in labels.values():
        assert label.strip() and unicodedata.normalize("NFC", label) == label


def test_every_listed_override_cites_evidence_that_exists() -> None:
    """``listed:`` in the shipped data names the evidence documents it rests on (issue 18, item 2)."""
    import re

    import yaml

    from calendar_gen.paths import default_catalogue, province_catalogues

    evidence = Path(__file__).parent / "data" / "evidence"
    known = {p.stem for p in evidence.glob("*/*.yaml")}
    for path in [default_catalogue(), *province_catalogues().values()]:
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["anniversaries"]:
            if "listed" not in entry:
                continue
            because = str(entry.get("listed_because", ""))
            assert because.startswith("evidence: "), entry["id"]
            cited = re.findall(r"\d{4}(?:-\d{2})?-[a-z][a-z0-9-]*", because.split("(")[0])
            assert cited and set(cited) <= known, (entry["id"], set(cited) - known)
