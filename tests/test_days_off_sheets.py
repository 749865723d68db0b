"""Public days off on the printed sheets (``--days-off``), as the official notices announced them.

Red days with their names on the month grid; the year's list of days off in the yearly sheet.
"""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from calendar_gen.cli.app import app

runner = CliRunner()


def grid(month: str) -> tuple[set[int], set[int]]:
    """The days of the month shown red (days off) and shown as Saturdays worked."""
    result = runner.invoke(app, ["month", month, "--days-off", "-f", "html", "--today", "2026-11-29"])
    assert result.exit_code == 0, result.output
    cells = re.findall(r'<td class="day([^"]*)"[^>]*><span class="solar">(\d+)</span>', result.output)
    red = {int(day) for classes, day in cells if " day-off" in classes}
    worked = {int(day) for classes, day in cells if " worked" in classes}
    return red, worked


@pytest.mark.parametrize(
    ("month", "red", "worked"),
    [
        # Thông báo 5015/TB-LĐTBXH (2023), Công văn 2450/VPCP-KGVX (2024): Giỗ Tổ 18/4; 27/4–1/5 with
        # 29/4 off in exchange for Saturday 4/5; Quốc khánh 31/8–3/9.
        ("2024-03", set(), set()),
        ("2024-04", {18, 29, 30}, set()),
        ("2024-05", {1}, {4}),
        ("2024-09", {2, 3}, set()),
        # 2025: Giỗ Tổ Monday 7/4; 30/4–4/5 with 2/5 off for Saturday 26/4; Quốc khánh 30/8–2/9.
        ("2025-03", set(), set()),
        ("2025-04", {7, 30}, {26}),
        ("2025-09", {1, 2}, set()),
        # 2026: Giỗ Tổ Sunday 26/4 with Monday 27/4 off in lieu; 30/4–3/5; Quốc khánh 29/8–2/9 with
        # 31/8 off for Saturday 22/8.
        ("2026-03", set(), set()),
        ("2026-04", {26, 27, 30}, set()),
        ("2026-08", {31}, {22}),
        ("2026-09", {1, 2}, set()),
    ],
)
def test_month_grid_shows_the_announced_days_off(month: str, red: set[int], worked: set[int]) -> None:
    # Working days off: the Saturdays and Sundays inside a break are off anyway and stay as they are.
    assert grid(month) == (red, worked)


def test_names_are_shown_in_the_cells() -> None:
    result = runner.invoke(app, ["month", "2025-04", "--days-off", "-f", "html", "--today", "2026-11-29"])
    assert '<span class="off">Giỗ Tổ Hùng Vương</span>' in result.output
    assert '<span class="off">Làm bù</span>' in result.output


def test_without_the_option_no_day_is_red() -> None:
    result = runner.invoke(app, ["month", "2025-04", "-f", "html", "--today", "2026-11-29"])
    assert "day-off" not in result.output.split("</style>", 1)[1]


def test_yearly_sheet_lists_the_days_off() -> None:
    result = runner.invoke(app, ["year", "2025", "--days-off", "-f", "html", "--today", "2026-11-29"])
    assert result.exit_code == 0, result.output
    assert "Ngày nghỉ lễ, Tết năm 2025" in result.output
    assert re.search(r"Thứ Hai, 07/4/2025: Giỗ Tổ Hùng Vương", result.output)
    assert re.search(r'class="worked">Thứ Bảy, 26/4/2025: Làm bù', result.output)
