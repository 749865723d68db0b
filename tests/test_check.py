"""The proofreader on text: every recognised form and every check, with line and column; the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from calendar_gen.catalogue.load import load
from calendar_gen.check.document import Options, Report, check_text
from calendar_gen.cli.app import app
from calendar_gen.paths import default_catalogue

ENTRIES = load([default_catalogue()]).entries
runner = CliRunner()


def report_of(text: str, year: int | None = None, nd30: bool = False) -> Report:
    return check_text(text, ENTRIES, Options(year=year, nd30=nd30))


# Every form the issue names: (text, entry, count, founded, target).
FORMS = [
    (
        "65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024)",
        "bo-doi-bien-phong",
        65,
        "1959-03-03",
        "2024-03-03",
    ),
    (
        "35 năm Ngày Biên phòng toàn dân (03-3-1989 - 03/3/2024)",
        "ngay-bien-phong-toan-dan",
        35,
        "1989-03-03",
        "2024-03-03",
    ),
    (
        "79 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944-22/12/2023)",
        "quan-doi-nhan-dan",
        79,
        "1944-12-22",
        "2023-12-22",
    ),
    (
        "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (3.2.1930 – 3.2.2024)",
        "thanh-lap-dang",
        94,
        "1930-02-03",
        "2024-02-03",
    ),
    (
        "94 năm Ngày thành lập Đảng Cộng sản Việt Nam 3-2-1930 – 3-2-2024",
        "thanh-lap-dang",
        94,
        "1930-02-03",
        "2024-02-03",
    ),
    (
        "94 năm ngày thành lập Hội LHPN Việt Nam (20 tháng 10 năm 1930 – 20 tháng 10 năm 2024)",
        "hoi-lien-hiep-phu-nu",
        94,
        "1930-10-20",
        "2024-10-20",
    ),
    (
        "51 năm Chiến thắng “Hà Nội – Điện Biên Phủ trên không” (12/1972-12/2023)",
        "ha-noi-dien-bien-phu-tren-khong",
        51,
        "1972-12",
        "2023-12",
    ),
    (
        "Kỷ niệm 50 năm thực hiện Di chúc của Chủ tịch Hồ Chí Minh (1969 – 2019)",
        "thuc-hien-di-chuc-ho-chi-minh",
        50,
        "1969",
        "2019",
    ),
    ("Giỗ Tổ Hùng Vương (mùng 10 tháng 3 âm lịch)", "gio-to-hung-vuong", None, None, "--03-10"),
    ("Giỗ Tổ Hùng Vương (10/3 âm lịch, tức ngày 18/4/2024)", "gio-to-hung-vuong", None, None, "--03-10"),
    (
        "235 năm Chiến thắng Ngọc Hồi – Đống Đa (05/01/1789 – 05/01/2024 âm lịch, tức ngày 14/02/2024)",
        "chien-thang-ngoc-hoi-dong-da",
        235,
        "1789-01-05",
        "2024-01-05",
    ),
    (
        "65 NĂM NGÀY TRUYỀN THỐNG BỘ ĐỘI BIÊN PHÒNG (03/3/1959 – 03/3/2024)",
        "bo-doi-bien-phong",
        65,
        "1959-03-03",
        "2024-03-03",
    ),
    (
        "65 năm Ngày truyền thống BĐBP (03/3/1959 – 03/3/2024)",
        "bo-doi-bien-phong",
        65,
        "1959-03-03",
        "2024-03-03",
    ),
    (
        "79 năm Ngày thành lập QĐND Việt Nam (22/12/1944 – 22/12/2023)",
        "quan-doi-nhan-dan",
        79,
        "1944-12-22",
        "2023-12-22",
    ),
    (
        "78 năm Ngày truyền thống CAND (19/8/1945 – 19/8/2023)",
        "cong-an-nhan-dan",
        78,
        "1945-08-19",
        "2023-08-19",
    ),
    (
        "93 năm Ngày thành lập Đoàn TNCS HCM (26/3/1931 – 26/3/2024)",
        "doan-tncs-ho-chi-minh",
        93,
        "1931-03-26",
        "2024-03-26",
    ),
    (
        "63 năm Ngày thành lập Quân GPMN Việt Nam (15/02/1961 – 15/02/2024)",
        "quan-giai-phong-mien-nam",
        63,
        "1961-02-15",
        "2024-02-15",
    ),
    (
        "77 năm Ngày Thương binh – Liệt sỹ (27/7/1947 – 27/7/2024)",
        "ngay-thuong-binh-liet-si",
        77,
        "1947-07-27",
        "2024-07-27",
    ),
    (
        "77 năm Ngày Thương binh – Liệt sĩ (27/7/1947 – 27/7/2024)",
        "ngay-thuong-binh-liet-si",
        77,
        "1947-07-27",
        "2024-07-27",
    ),
    ("Ngày Quốc tế Phụ nữ (8/3)", "ngay-quoc-te-phu-nu", None, None, "--03-08"),
    (
        "722 năm Ngày giỗ Hưng Đạo Đại vương Trần Quốc Tuấn (20/8/1300 - 20/8/2022 âm lịch)",
        "gio-tran-hung-dao",
        722,
        "1300-08-20",
        "2022-08-20",
    ),
]


@pytest.mark.parametrize(("text", "entry", "count", "founded", "target"), FORMS)
def test_recognised_forms(
    text: str, entry: str, count: int | None, founded: str | None, target: str | None
) -> None:
    report = report_of(text)
    assert [(m.entry, m.count, m.founded, m.target) for m in report.mentions] == [
        (entry, count, founded, target)
    ]
    assert [f for f in report.findings if f.severity != "info"] == []


def test_nfd_text_and_a_line_break_inside_a_mention() -> None:
    import unicodedata

    text = "Tuyên truyền:\n" + unicodedata.normalize(
        "NFD", "92 năm Ngày thành lập Đảng Cộng sản\nViệt Nam (03/02/1930 – 03/02/2022)"
    )
    report = report_of(text)
    assert [(m.entry, m.count) for m in report.mentions] == [("thanh-lap-dang", 92)]
    assert report.findings == ()
    finding = report_of(text.replace("92", "91")).findings[0]
    assert report.blocks[0].position(finding.start) == (2, 1)


# (text, severity, code, suggestion): one finding each, at the mention.
CHECKS = [
    (
        "91 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2022)",
        "error",
        "count-mismatch",
        "92 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2022)",
    ),
    (
        "77 năm Ngày Quốc khánh (02/9/1945 – 02/9/202)",
        "error",
        "malformed-date",
        "77 năm Ngày Quốc khánh (02/9/1945 – 02/9/2022)",
    ),
    (
        "79 năm Ngày thành lập QĐND Việt Nam (22/12/2024 – 22/12/2023)",
        "error",
        "founded-after-target",
        "79 năm Ngày thành lập QĐND Việt Nam (22/12/1944 – 22/12/2023)",
    ),
    (
        "70 năm Chiến thắng Điện Biên Phủ (07/5/1954 – 17/5/2024)",
        "error",
        "date-mismatch",
        "70 năm Chiến thắng Điện Biên Phủ (07/5/1954 – 07/5/2024)",
    ),
    (
        "70 năm Chiến thắng Điện Biên Phủ (17/5/1954 – 07/5/2024)",
        "error",
        "date-mismatch",
        "70 năm Chiến thắng Điện Biên Phủ (07/5/1954 – 07/5/2024)",
    ),
    (
        "70 năm Ngày Giải phóng Thủ đô (10/10//1954 – 10/10/2024)",
        "error",
        "malformed-date",
        "70 năm Ngày Giải phóng Thủ đô (10/10/1954 – 10/10/2024)",
    ),
    (
        "49 năm Ngày Giải phóng miền Nam (31/4/1975 – 30/4/2024)",
        "error",
        "impossible-date",
        "49 năm Ngày Giải phóng miền Nam (30/4/1975 – 30/4/2024)",
    ),
    (
        "94 năm Ngày thành lập Đảng (3/2/1931 – 3/2/2025)",
        "error",
        "catalogue-date",
        "95 năm Ngày thành lập Đảng (3/2/1930 – 3/2/2025)",
    ),
    (
        "37 năm Ngày Chiến thắng phát xít (9/5/1946 – 9/5/1983)",
        "warning",
        "catalogue-date",
        "38 năm Ngày Chiến thắng phát xít (9/5/1945 – 9/5/1983)",
    ),
    (
        "Giỗ Tổ Hùng Vương (10/3 âm lịch, tức ngày 17/4/2024)",
        "error",
        "lunar-solar-date",
        "Giỗ Tổ Hùng Vương (10/3 âm lịch, tức ngày 18/4/2024)",
    ),
    (
        "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024) [năm tròn]",
        "warning",
        "class-label",
        "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024) [năm khác",
    ),
    ("12 năm Ngày hội làng Đông Xá (05/3/2012 – 05/3/2024)", "info", "unknown-event", None),
]


@pytest.mark.parametrize(("text", "severity", "code", "suggestion"), CHECKS)
def test_checks(text: str, severity: str, code: str, suggestion: str | None) -> None:
    report = report_of("Tuyên truyền: " + text)
    assert [(f.severity.value, f.code.value, f.suggestion) for f in report.findings] == [
        (severity, code, suggestion)
    ]
    assert report.blocks[0].position(report.findings[0].start) == (1, 15)


def test_target_year_against_year_option() -> None:
    text = "76 năm Ngày Thương binh – Liệt sĩ (27/7/1947 – 27/7/2023)"
    assert report_of(text).findings == ()
    finding = report_of(text, year=2024).findings[0]
    assert (finding.code, finding.suggestion) == (
        "target-year",
        "77 năm Ngày Thương binh – Liệt sĩ (27/7/1947 – 27/7/2024)",
    )
    wrong = report_of("75 năm Ngày Thương binh – Liệt sĩ (27/7/1947 – 27/7/2021)", year=2022).findings
    assert [(f.code.value, f.suggestion) for f in wrong] == [
        ("count-mismatch", "75 năm Ngày Thương binh – Liệt sĩ (27/7/1947 – 27/7/2022)")
    ]


def test_counts_without_dates_need_the_year() -> None:
    text = "Hướng tới 71 năm Chiến thắng Điện Biên Phủ; sau 10 năm thực hiện Nghị quyết số 33"
    assert [f.code for f in report_of(text).findings] == []
    findings = report_of(text, year=2024).findings
    assert [(f.severity.value, f.code.value, f.suggestion) for f in findings] == [
        ("error", "count-mismatch", "70 năm Chiến thắng Điện Biên Phủ")
    ]
    assert [m.entry for m in report_of(text, year=2024).mentions] == ["chien-thang-dien-bien-phu"]


def test_name_of_one_entry_with_the_date_of_another_is_not_an_error() -> None:
    report = report_of("94 năm Ngày Phụ nữ Việt Nam (20/10/1930 – 20/10/2024)")
    assert report.findings == () and report.mentions[0].entry == "hoi-lien-hiep-phu-nu"


def test_other_dates_are_accepted() -> None:
    assert report_of("37 năm Ngày Dân số thế giới (11/7/1987 – 11/7/2024)").findings == ()


def test_nd30_style_only_when_asked() -> None:
    text = "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/2024)"
    assert report_of(text).findings == ()
    finding = report_of(text, nd30=True).findings[0]
    assert (finding.severity, finding.code) == ("warning", "date-style")
    assert finding.suggestion == "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024)"


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def test_cli_text_and_exit_codes(tmp_path: Path) -> None:
    draft = tmp_path / "du-thao.md"
    draft.write_text(
        "# Tháng 2\n\n- 91 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2022)\n",
        encoding="utf-8",
    )
    code, out, _ = run("check", str(draft))
    assert code == 1
    assert out.startswith(f"{draft}:3:3: error: 91 năm does not match the dates")
    assert "suggestion: 92 năm Ngày thành lập" in out and out.endswith(
        "1 mention, 1 error, 0 warnings, 0 notes\n"
    )
    code, out, _ = run("check", "-", stdin="Ngày Quốc tế Phụ nữ (8/3)\n")
    assert code == 0 and "1 mention, 0 errors" in out


def test_cli_json(tmp_path: Path) -> None:
    code, out, _ = run(
        "check",
        "-",
        "-f",
        "json",
        stdin="x 91 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2022)",
    )
    data = json.loads(out)
    assert code == 1
    mention = data["mentions"][0]
    assert {k: mention[k] for k in ("line", "column", "count", "founded", "target", "entry")} == {
        "line": 1,
        "column": 3,
        "count": 91,
        "founded": "1930-02-03",
        "target": "2022-02-03",
        "entry": "thanh-lap-dang",
    }
    finding = data["findings"][0]
    assert {k: finding[k] for k in ("line", "column", "severity", "code")} == {
        "line": 1,
        "column": 3,
        "severity": "error",
        "code": "count-mismatch",
    }
    assert finding["suggestion"].startswith("92 năm") and finding["message"]


def test_cli_fix_writes_a_corrected_copy(tmp_path: Path) -> None:
    draft = tmp_path / "a.txt"
    draft.write_text(
        "A\r\n91 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2022); 8/3\r\n",
        encoding="utf-8",
    )
    code, _, err = run("check", str(draft), "--fix", str(tmp_path / "b.txt"))
    assert code == 1 and "wrote" in err
    fixed = (tmp_path / "b.txt").read_bytes().decode("utf-8")
    assert fixed == "A\r\n92 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2022); 8/3\r\n"
    assert run("check", str(tmp_path / "b.txt"))[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "/nonexistent/du-thao.txt"], "cannot read /nonexistent/du-thao.txt"),
        (["check", "-", "--year", "20245"], "--year"),
        (["check", "-", "--year", "abc"], "--year"),
        (["check", "-", "--date-style", "plain"], "nd30"),
        (["check", "-", "--annotate", "x.docx"], "--annotate needs a .docx draft"),
    ],
)
def test_cli_usage_errors_exit_2(args: list[str], message: str) -> None:
    code, _, err = run(*args, stdin="8/3")
    assert code == 2 and message in err and "Traceback" not in err


def test_cli_binary_and_fake_docx_exit_2(tmp_path: Path) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    code, _, err = run("check", str(binary))
    assert code == 2 and "neither UTF-8 text nor a .docx" in err
    fake = tmp_path / "x.docx"
    fake.write_text("không phải Word", encoding="utf-8")
    code, _, err = run("check", str(fake))
    assert code == 2 and "not a Word (.docx) document" in err
