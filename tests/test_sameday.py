"""One event, one item (issue 18, item 7): ``same_as`` and the refusal of near-duplicates, through the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_cli

NATIONAL = """
    title: Toàn quốc
    anniversaries:
      - id: xo-viet-nghe-tinh
        name: Xô viết Nghệ Tĩnh
        date: "12/9/1930"
        kind: event
        source: test
"""
PROVINCE = """
    title: Nghệ An
    anniversaries:
      - id: nghe-an-xo-viet-nghe-tinh
        name: Ngày Xô viết Nghệ Tĩnh
        date: "12/9/1930"
        scope: province:nghe-an
        kind: local
        source: test
"""


def test_the_same_event_twice_is_refused_naming_both_files_and_lines(
    write_yaml: Callable[[str, str], Path],
) -> None:
    national = write_yaml(NATIONAL, "national.yaml")
    province = write_yaml(PROVINCE, "province.yaml")
    result = run_cli("month", "2025-09", "--no-default", "-c", str(national), "-c", str(province))
    assert result.returncode == 1
    assert f"{province}:3:" in result.stderr
    assert f"({national}:3)" in result.stderr
    assert "same_as: xo-viet-nghe-tinh" in result.stderr
    assert "Traceback" not in result.stderr
    checked = run_cli("validate", str(national), str(province))
    assert checked.returncode == 1
    assert "same_as: xo-viet-nghe-tinh" in checked.stderr


def test_same_as_keeps_one_item_with_the_provinces_wording(write_yaml: Callable[[str, str], Path]) -> None:
    national = write_yaml(NATIONAL, "national.yaml")
    province = write_yaml(
        PROVINCE.replace("kind: local", "kind: local\n        same_as: xo-viet-nghe-tinh"), "p.yaml"
    )
    second = write_yaml(
        PROVINCE.replace("nghe-an", "ha-tinh").replace(
            "kind: local", "kind: local\n        same_as: xo-viet-nghe-tinh"
        ),
        "q.yaml",
    )
    args = ["--no-default", "-c", str(national), "-c", str(province), "-c", str(second)]
    result = run_cli("month", "2025-09", *args, "--all", "-f", "json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert [item["id"] for item in items] == ["nghe-an-xo-viet-nghe-tinh"]
    text = run_cli("month", "2025-09", *args).stdout
    assert text.count("Xô viết Nghệ Tĩnh") == 1


def test_the_shipped_overlays_hold_each_event_once() -> None:
    """All 34 overlays with the national catalogue: Xô viết Nghệ Tĩnh once (it was three times)."""
    from calendar_gen.catalogue.load import load
    from calendar_gen.engine.selection import select
    from calendar_gen.paths import default_catalogue, province_catalogues

    chosen = select(load([default_catalogue(), *province_catalogues().values()]).entries)
    assert len([e for e in chosen if "Xô viết Nghệ Tĩnh" in e.name]) == 1
    assert len([e for e in chosen if "Bạch Đằng" in e.name]) == 2  # 938 and 1288
    national = select(load([default_catalogue(), *province_catalogues().values()]).entries, ["national"])
    assert "xo-viet-nghe-tinh" in {e.id for e in national}  # the national view keeps the national entry


def test_numbered_units_founded_on_one_day_are_two_entries(write_yaml: Callable[[str, str], Path]) -> None:
    schools = write_yaml(
        """
    title: Trường
    anniversaries:
      - id: truong-so-1
        name: Ngày thành lập Trường THCS số 1
        date: "5/9/1975"
        scope: province:nghe-an
        source: test
      - id: truong-so-12
        name: Ngày thành lập Trường THCS số 12
        date: "5/9/1975"
        scope: province:nghe-an
        source: test
""",
        "schools.yaml",
    )
    result = run_cli("validate", str(schools))
    assert result.returncode == 0, result.stderr
