"""Issue 19, item 2: every real form, right (no error, no warning) and wrong (line, column, fix).

Each row is (draft, --year, province catalogue, expected). For the right forms the expectation is
what the proofreader recognised: (entry, N, founding date, target date) of each mention. For the
wrong forms it is each error and warning: (severity, code, line, column, corrected mention).
"""

from __future__ import annotations

import pytest

from calendar_gen.catalogue.load import load
from calendar_gen.check.document import Options, Report, check_text
from calendar_gen.check.findings import Severity
from calendar_gen.paths import default_catalogue, province_catalogues
from tests.conftest import run_cli

CATALOGUES = {
    None: load([default_catalogue()]).entries,
    "quang-ngai": load([default_catalogue(), province_catalogues()["quang-ngai"]]).entries,
}


def report_of(text: str, year: int | None, province: str | None) -> Report:
    return check_text(text, CATALOGUES[province], Options(year=year))


RIGHT = [
    (
        "Giỗ Tổ Hùng Vương (mùng 10 tháng 3 âm lịch (ngày 25/4/2018 dương lịch)).",
        None,
        None,
        [("gio-to-hung-vuong", None, None, "--03-10")],
    ),
    (
        "Giỗ Tổ Hùng Vương mùng 10 tháng 3 âm lịch - ngày 18/4/2024 dương lịch.",
        None,
        None,
        [("gio-to-hung-vuong", None, None, "--03-10")],
    ),
    (
        "Giỗ Tổ Hùng Vương (mùng 10 tháng 3 âm lịch, tức ngày 18/4/2024).",
        None,
        None,
        [("gio-to-hung-vuong", None, None, "--03-10")],
    ),
    (
        "Kỷ niệm 94 năm Ngày thành lập Đoàn Thanh niên Cộng sản Hồ Chí Minh (26/3/2025).",
        None,
        None,
        [("doan-tncs-ho-chi-minh", 94, None, "2025-03-26")],
    ),
    (
        "Kỷ niệm 80 năm Ngày thành lập Quân đội nhân dân Việt Nam (tháng 12/2024).",
        None,
        None,
        [("quan-doi-nhan-dan", 80, None, "2024-12")],
    ),
    (
        "Kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03 tháng Hai năm 1930 – 03 tháng Hai năm 2025).",
        None,
        None,
        [("thanh-lap-dang", 95, "1930-02-03", "2025-02-03")],
    ),
    (
        "Kỷ niệm 65 năm Ngày truyền thống Bộ đội Biên phòng (3 tháng Ba năm 1959 – 3 tháng Ba năm 2024).",
        None,
        None,
        [("bo-doi-bien-phong", 65, "1959-03-03", "2024-03-03")],
    ),
    (
        "Tết Nguyên đán Giáp Thìn (mùng 1 tháng Giêng năm Giáp Thìn).",
        None,
        None,
        [("tet-nguyen-dan", None, None, "--01-01")],
    ),
    (
        "Kỷ niệm 134 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 (năm Canh Dần) – 19/5/2024).",
        None,
        None,
        [("ngay-sinh-chu-tich-ho-chi-minh", 134, "1890-05-19", "2024-05-19")],
    ),
    (
        "Kỷ niệm 134 năm Ngày sinh Chủ tịch Hồ Chí Minh ((19/5/1890 – 19/5/2024)).",
        None,
        None,
        [("ngay-sinh-chu-tich-ho-chi-minh", 134, "1890-05-19", "2024-05-19")],
    ),
    (
        "Ngày Giải phóng miền Nam, thống nhất đất nước (30/4).",
        None,
        None,
        [("ngay-giai-phong-mien-nam", None, None, "--04-30")],
    ),
    (
        "Kỷ niệm 65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024); 94 năm Ngày thành lập Đảng "
        "Cộng sản Việt Nam (03/02/1930 – 03/02/2024).\n"
        "49 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4).",
        None,
        None,
        [
            ("bo-doi-bien-phong", 65, "1959-03-03", "2024-03-03"),
            ("thanh-lap-dang", 94, "1930-02-03", "2024-02-03"),
            ("ngay-giai-phong-mien-nam", 49, None, "--04-30"),
        ],
    ),
    (
        "KẾ HOẠCH tuyên truyền năm 2024\nKỷ niệm 65 năm Ngày truyền thống Bộ đội Biên phòng (03/3).",
        None,
        None,
        [("bo-doi-bien-phong", 65, None, "--03-03")],
    ),
    (
        "Kỷ niệm 65 năm Ngày truyền thống Bộ đội Biên phòng (03/3).",
        2024,
        None,
        [("bo-doi-bien-phong", 65, None, "--03-03")],
    ),
    (
        "Kỷ niệm 79 năm Ngày thành lập thành phố Hà Nội (1945 - 2024).",
        None,
        None,
        [(None, 79, "1945", "2024")],
    ),
    (
        "Kỷ niệm 79 năm Ngày truyền thống LLVT tỉnh Kon Tum (25/8/1945 – 25/8/2024).",
        None,
        "quang-ngai",
        [("kon-tum-truyen-thong-llvt", 79, "1945-08-25", "2024-08-25")],
    ),
    (
        "Kỷ niệm 20 năm Ngày hội toàn dân bảo vệ ANTQ (19/8/2005 – 19/8/2025).",
        None,
        None,
        [("ngay-hoi-toan-dan-bao-ve-an-ninh-to-quoc", 20, "2005-08-19", "2025-08-19")],
    ),
    (
        "Kỷ niệm 35 năm Ngày thành lập Hội CCB Việt Nam (06/12/1989 – 06/12/2024).",
        None,
        None,
        [("hoi-cuu-chien-binh", 35, "1989-12-06", "2024-12-06")],
    ),
    (
        "Kỷ niệm 70 năm Ngày ký Hiệp định Giơ - ne - vơ (21/7/1954 – 21/7/2024).",
        None,
        None,
        [("hiep-dinh-geneve", 70, "1954-07-21", "2024-07-21")],
    ),
    (
        "Kỷ niệm 134 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/2024) và 55 năm ngày mất của Người "
        "(02/9/1969 – 02/9/2024).",
        None,
        None,
        [
            ("ngay-sinh-chu-tich-ho-chi-minh", 134, "1890-05-19", "2024-05-19"),
            ("ngay-mat-chu-tich-ho-chi-minh", 55, "1969-09-02", "2024-09-02"),
        ],
    ),
    (
        "KẾ HOẠCH tuyên truyền năm 2024\n"
        "Nguồn: Kỷ niệm 70 năm Ngày truyền thống Bộ đội Biên phòng 3-3-2025, Báo Biên phòng.\n"
        "Kỷ niệm 65 năm Ngày truyền thống Bộ đội Biên phòng (03/3).",
        None,
        None,
        [("bo-doi-bien-phong", 65, None, "--03-03")],
    ),
    (
        "KẾ HOẠCH tuyên truyền năm 2024\n"
        "65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024)[1].\n"
        "Nguồn\n"
        "[1] https://www.bienphong.com.vn/ (Kỷ niệm 70 năm Ngày truyền thống Bộ đội Biên phòng 3-3-2025)",
        None,
        None,
        [("bo-doi-bien-phong", 65, "1959-03-03", "2024-03-03")],
    ),
    (
        "Kỷ niệm 70 năm Ngày Giải phóng Thủ đô (10/10/1954 – 10/10/2024) và Ngày Hòa bình, Liệt sỹ (27/7).",
        None,
        None,
        [
            ("giai-phong-thu-do", 70, "1954-10-10", "2024-10-10"),
            ("ngay-thuong-binh-liet-si", None, None, "--07-27"),
        ],
    ),
]

WRONG = [
    (
        "Giỗ Tổ Hùng Vương (mùng 10 tháng 3 âm lịch (ngày 26/4/2018 dương lịch)).",
        None,
        None,
        [
            (
                "error",
                "lunar-solar-date",
                1,
                1,
                "Giỗ Tổ Hùng Vương (mùng 10 tháng 3 âm lịch (ngày 25/4/2018 dương lịch))",
            )
        ],
    ),
    (
        "Giỗ Tổ Hùng Vương mùng 10 tháng 3 âm lịch - ngày 19/4/2024 dương lịch.",
        None,
        None,
        [
            (
                "error",
                "lunar-solar-date",
                1,
                1,
                "Giỗ Tổ Hùng Vương mùng 10 tháng 3 âm lịch - ngày 18/4/2024 dương lịch",
            )
        ],
    ),
    (
        "Kỷ niệm 93 năm Ngày thành lập Đoàn Thanh niên Cộng sản Hồ Chí Minh (26/3/2025).",
        None,
        None,
        [
            (
                "error",
                "count-mismatch",
                1,
                9,
                "94 năm Ngày thành lập Đoàn Thanh niên Cộng sản Hồ Chí Minh (26/3/2025)",
            )
        ],
    ),
    (
        "Kỷ niệm 81 năm Ngày thành lập Quân đội nhân dân Việt Nam (tháng 12/2024).",
        None,
        None,
        [
            (
                "error",
                "count-mismatch",
                1,
                9,
                "80 năm Ngày thành lập Quân đội nhân dân Việt Nam (tháng 12/2024)",
            )
        ],
    ),
    (
        "Kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (03 tháng Hai năm 1930 – 03 tháng Hai năm 2025).",
        None,
        None,
        [
            (
                "error",
                "count-mismatch",
                1,
                9,
                "95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03 tháng Hai năm 1930 – 03 tháng Hai năm 2025)",
            )
        ],
    ),
    (
        "Kỷ niệm 65 năm Ngày truyền thống Bộ đội Biên phòng (3 tháng Tư năm 1959 – 3 tháng Ba năm 2024).",
        None,
        None,
        [
            (
                "error",
                "date-mismatch",
                1,
                9,
                "65 năm Ngày truyền thống Bộ đội Biên phòng (3 tháng Ba năm 1959 – 3 tháng Ba năm 2024)",
            )
        ],
    ),
    (
        "Kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 (năm Canh Dần) – 19/5/2024).",
        None,
        None,
        [
            (
                "error",
                "count-mismatch",
                1,
                9,
                "134 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 (năm Canh Dần) – 19/5/2024)",
            )
        ],
    ),
    (
        "Kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh ((19/5/1890 – 19/5/2024)).",
        None,
        None,
        [
            (
                "error",
                "count-mismatch",
                1,
                9,
                "134 năm Ngày sinh Chủ tịch Hồ Chí Minh ((19/5/1890 – 19/5/2024)",
            )
        ],
    ),
    (
        "Kỷ niệm 65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024); 94 năm Ngày thành lập Đảng "
        "Cộng sản Việt Nam (03/02/1930 – 03/02/2024).\n"
        "51 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4).",
        None,
        None,
        [("warning", "count-mismatch", 2, 1, "49 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4)")],
    ),
    (
        "KẾ HOẠCH tuyên truyền năm 2024\nKỷ niệm 66 năm Ngày truyền thống Bộ đội Biên phòng (03/3).",
        None,
        None,
        [("warning", "count-mismatch", 2, 9, "65 năm Ngày truyền thống Bộ đội Biên phòng (03/3)")],
    ),
    (
        "Kỷ niệm 65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024); 94 năm Ngày thành lập Đảng "
        "Cộng sản Việt Nam (03/02/1930 – 03/02/2024); 49 năm Ngày giải phóng miền Nam, thống nhất đất nước "
        "(30/4/1975 – 30/4/2024).",
        2025,
        None,
        [("error", "target-year", 1, 70, None)],
    ),
    (
        "KẾ HOẠCH tuyên truyền năm 2025\n"
        "Kỷ niệm 65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024); 94 năm Ngày thành lập Đảng "
        "Cộng sản Việt Nam (03/02/1930 – 03/02/2024).",
        None,
        None,
        [("warning", "target-year", 2, 70, None)],
    ),
    (
        "Kỷ niệm 65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024); 94 năm Ngày thành lập Đảng "
        "Cộng sản Việt Nam (03/02/1930 – 03/02/2024); 70 năm Chiến thắng Điện Biên Phủ (07/5/1954 – 07/5/2023).",
        None,
        None,
        [("error", "count-mismatch", 1, 149, "70 năm Chiến thắng Điện Biên Phủ (07/5/1954 – 07/5/2024)")],
    ),
    ("Kỷ niệm 111 năm Ngày thành lập thành phố Kon Tum (09/02/1913 – 09/02/2024).", None, "quang-ngai", []),
    (
        "Kỷ niệm 80 năm Ngày truyền thống LLVT tỉnh Kon Tum (25/8/1945 – 25/8/2024).",
        None,
        "quang-ngai",
        [
            (
                "error",
                "count-mismatch",
                1,
                9,
                "79 năm Ngày truyền thống LLVT tỉnh Kon Tum (25/8/1945 – 25/8/2024)",
            )
        ],
    ),
    (
        "Kỷ niệm 21 năm Ngày hội toàn dân bảo vệ ANTQ (19/8/2005 – 19/8/2025).",
        None,
        None,
        [("error", "count-mismatch", 1, 9, "20 năm Ngày hội toàn dân bảo vệ ANTQ (19/8/2005 – 19/8/2025)")],
    ),
    (
        "Kỷ niệm 36 năm Ngày thành lập Hội CCB Việt Nam (06/12/1989 – 06/12/2024).",
        None,
        None,
        [
            (
                "error",
                "count-mismatch",
                1,
                9,
                "35 năm Ngày thành lập Hội CCB Việt Nam (06/12/1989 – 06/12/2024)",
            )
        ],
    ),
    (
        "Kỷ niệm 71 năm Ngày ký Hiệp định Giơ - ne - vơ (21/7/1954 – 21/7/2024).",
        None,
        None,
        [("error", "count-mismatch", 1, 9, "70 năm Ngày ký Hiệp định Giơ - ne - vơ (21/7/1954 – 21/7/2024)")],
    ),
    (
        "Kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/2025) và 56 năm ngày mất của Người "
        "(02/9/1969 – 02/9/2024).",
        None,
        None,
        [("error", "count-mismatch", 1, 75, "55 năm ngày mất của Người (02/9/1969 – 02/9/2024)")],
    ),
    (
        "Kỷ niệm 49 năm Ngày Giải phòng miền Nam, thống nhất đất nước (30/4/1975 – 30/4/2024).",
        None,
        None,
        [
            (
                "warning",
                "misspelt-name",
                1,
                9,
                "49 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4/1975 – 30/4/2024)",
            )
        ],
    ),
    (
        "Kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024), năm tròn.",
        None,
        None,
        [
            (
                "warning",
                "class-label",
                1,
                9,
                "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024), năm khác",
            )
        ],
    ),
    (
        "KẾ HOẠCH tuyên truyền năm 2024\n"
        "Nguồn: Kỷ niệm 70 năm Ngày truyền thống Bộ đội Biên phòng 3-3-2025, Báo Biên phòng.\n"
        "Kỷ niệm 66 năm Ngày truyền thống Bộ đội Biên phòng (03/3).",
        None,
        None,
        [("warning", "count-mismatch", 3, 9, "65 năm Ngày truyền thống Bộ đội Biên phòng (03/3)")],
    ),
]


@pytest.mark.parametrize(("text", "year", "province", "mentions"), RIGHT)
def test_real_forms_are_recognised_without_false_alarms(
    text: str, year: int | None, province: str | None, mentions: list[tuple[object, ...]]
) -> None:
    report = report_of(text, year, province)
    assert [(m.entry, m.count, m.founded, m.target) for m in report.mentions] == mentions
    assert [f.message for f in report.findings if f.severity is not Severity.INFO] == []


@pytest.mark.parametrize(("text", "year", "province", "findings"), WRONG)
def test_wrong_forms_are_found_with_line_column_and_fix(
    text: str, year: int | None, province: str | None, findings: list[tuple[object, ...]]
) -> None:
    report = report_of(text, year, province)
    found = [
        (f.severity.value, f.code.value, *report.blocks[f.block].position(f.start), f.suggestion)
        for f in report.findings
        if f.severity is not Severity.INFO
    ]
    assert found == findings


def test_a_citys_day_is_never_its_provinces() -> None:
    report = report_of(
        "Kỷ niệm 111 năm Ngày thành lập thành phố Kon Tum (09/02/1913 – 09/02/2024).", None, "quang-ngai"
    )
    assert [m.entry for m in report.mentions] == [None]
    assert [(f.severity.value, f.code.value) for f in report.findings] == [("info", "unknown-event")]
    province = report_of(
        "Kỷ niệm 111 năm Ngày thành lập tỉnh Kon Tum (09/02/1913 – 09/02/2024).", None, "quang-ngai"
    )
    assert [m.entry for m in province.mentions] == ["kon-tum-thanh-lap-tinh"]


def test_year_disagreement_is_said_once_through_the_command(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    draft = tmp_path / "ke-hoach.txt"
    draft.write_text(WRONG_YEAR, encoding="utf-8")
    result = run_cli("check", str(draft), "--year", "2025")
    assert result.returncode == 1
    assert result.stdout.count("error") == 2  # the one finding and the summary line
    assert (
        f"{draft}:1:70: error: --year is 2025, but 3 mentions of the document count to 2024" in result.stdout
    )


WRONG_YEAR = (
    "Kỷ niệm 65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024); 94 năm Ngày thành lập "
    "Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024); 49 năm Ngày giải phóng miền Nam, thống nhất đất "
    "nước (30/4/1975 – 30/4/2024).\n"
)


def test_fix_on_its_own_output_changes_nothing(tmp_path: object) -> None:
    """``--fix`` of a text draft, then ``--fix`` of that: the second changes nothing (issue 19)."""
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    draft = tmp_path / "du-thao.txt"
    rows = [text for text, year, province, found in WRONG if year is None and province is None and found]
    draft.write_text("\n\n".join(rows) + "\n", encoding="utf-8")
    first, second = tmp_path / "da-sua.txt", tmp_path / "lai.txt"
    assert run_cli("check", str(draft), "--fix", str(first)).returncode == 1
    assert first.read_text(encoding="utf-8") != draft.read_text(encoding="utf-8")
    result = run_cli("check", str(first), "--fix", str(second))
    assert result.returncode == 0, result.stdout  # every error fixed; warnings it does not fix stay
    assert second.read_bytes() == first.read_bytes()
