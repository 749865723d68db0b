"""The calendar-gen command as users run it: formats, options, files, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from calendar_gen import __version__
from calendar_gen.cli.app import app

Writer = Callable[..., Path]
runner = CliRunner()
TODAY = ["--today", "2026-11-22"]


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def test_month_text_is_the_guidance_paragraph() -> None:
    code, out, _ = run("month", "2024-03", *TODAY)
    assert code == 0
    assert out.startswith("Tuyên truyền các ngày kỷ niệm trong tháng 3/2024, gồm: ")
    assert (
        "65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024) và "
        "35 năm Ngày Biên phòng toàn dân (03/3/1989 – 03/3/2024); Ngày Quốc tế Phụ nữ (8/3); "
    ) in out
    assert out.endswith(".\n")


def test_month_defaults_to_the_current_month() -> None:
    code, out, _ = run("month", "--today", "2024-03-15")
    assert code == 0 and "tháng 3/2024" in out


def test_date_styles() -> None:
    _, plain, _ = run("month", "2024-03", "--date-style", "plain", *TODAY)
    _, padded, _ = run("month", "2024-03", "--date-style", "padded", *TODAY)
    assert "(3/3/1959 – 3/3/2024)" in plain
    assert "(03/03/1959 – 03/03/2024)" in padded and "(08/03)" in padded


def test_json_contract() -> None:
    code, out, _ = run("month", "2025-04", "-f", "json", *TODAY)
    assert code == 0
    records = {r["id"]: r for r in json.loads(out)}
    liberation = records["ngay-giai-phong-mien-nam"]
    assert liberation["date"] == "2025-04-30"
    assert liberation["founded"] == "1975-04-30"
    assert liberation["count"] == 50 and liberation["count_shown"] is True
    assert liberation["round_class"] == "tron" and liberation["calendar"] == "solar"
    assert liberation["scope"] == "national"
    assert liberation["text"].startswith("50 năm ")
    gio_to = records["gio-to-hung-vuong"]
    assert gio_to["count"] is None and gio_to["count_shown"] is False
    assert gio_to["round_class"] == "le5"  # 2025: class of the year (Nghị định 145/2013, Điều 3)
    assert gio_to["founded"] == "--03-10" and gio_to["founded_lunar"] is True
    assert gio_to["lunar_date"] == "2025-03-10" and gio_to["date"] == "2025-04-07"


def test_json_count_is_present_when_hidden() -> None:
    _, out, _ = run("month", "2024-03", "-f", "json", *TODAY)
    women = next(r for r in json.loads(out) if r["id"] == "ngay-quoc-te-phu-nu")
    assert women["count_shown"] is False and isinstance(women["count"], int)


def test_csv_table_markdown() -> None:
    _, out, _ = run("month", "2024-03", "-f", "csv", *TODAY)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert any(r["id"] == "bo-doi-bien-phong" and r["count"] == "65" for r in rows)
    _, table, _ = run("month", "2024-03", "-f", "table", *TODAY)
    assert table.splitlines()[0].split() == ["Ngày", "Âm", "lịch", "Phân", "loại", "Nội", "dung"]
    assert "03/3/2024  23/1" in table
    _, md, _ = run("month", "2024-03", "-f", "markdown", *TODAY)
    assert md.startswith("| Ngày | Âm lịch | Phân loại | Nội dung |")


def test_filters_scope_tag_kind_round() -> None:
    _, out, _ = run("year", "2025", "-f", "json", "--round", *TODAY)
    assert {r["round_class"] for r in json.loads(out)} == {"tron", "le5"}
    _, out, _ = run("month", "2024-03", "-f", "json", "--kind", "armed-forces", *TODAY)
    assert {r["kind"] for r in json.loads(out)} == {"armed-forces"}
    _, out, _ = run("month", "2024-03", "-f", "json", "-p", "kon-tum", "--scope", "province", *TODAY)
    assert [r["id"] for r in json.loads(out)] == ["kon-tum-giai-phong"]
    _, out, _ = run("month", "2024-03", "-f", "json", "--tag", "bien-phong", *TODAY)
    assert {r["id"] for r in json.loads(out)} == {"bo-doi-bien-phong", "ngay-bien-phong-toan-dan"}


def test_year_list_puts_round_anniversaries_first() -> None:
    code, out, _ = run("year", "2025", "--by-month", *TODAY)
    assert code == 0
    head, _, months = out.partition("\nTháng 1:")
    assert "Năm tròn và năm lẻ 5" in head
    assert (
        "95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2025) [năm lẻ 5, sự kiện trọng đại]"
        in head
    )
    assert "Tháng 12:" in months


def test_month_only_entries_show_their_month_not_the_1st() -> None:
    _, table, _ = run("month", "2023-12", "-f", "table", *TODAY)
    assert "Tháng 12/2023" in table.splitlines()[2]
    _, out, _ = run("upcoming", "--today", "2023-12-15", "--days", "5")
    assert "- Tháng 12/2023 (trong tháng): 65 năm ra đời tác phẩm “Đạo đức cách mạng”" in out
    _, year_list, _ = run("year", "2025", "--by-month", *TODAY)
    assert "- Cả năm: 1985 năm Khởi nghĩa Hai Bà Trưng (40 – 2025)" in year_list
    _, csv_text, _ = run("year", "2023", "-f", "csv", *TODAY)
    assert "dao-duc-cach-mang" in csv_text or "Đạo đức cách mạng" in csv_text


def test_tet_has_no_class_but_gio_to_takes_the_years() -> None:
    _, out, _ = run("year", "2025", "--round", "-f", "json", *TODAY)
    ids = {r["id"]: r["round_class"] for r in json.loads(out)}
    assert "tet-nguyen-dan" not in ids and ids["gio-to-hung-vuong"] == "le5"


def test_upcoming_counts_days_remaining() -> None:
    code, out, _ = run("upcoming", "--days", "10", "--today", "2024-02-28")
    assert code == 0
    assert "(còn 4 ngày): 65 năm Ngày truyền thống Bộ đội Biên phòng" in out
    _, out, _ = run("upcoming", "--days", "10", "--today", "2024-03-03", "-f", "json")
    assert json.loads(out)[0]["days_until"] == 0


def test_user_catalogue_overrides_and_no_default(write_yaml: Writer) -> None:
    mine = write_yaml(
        """
        anniversaries:
          - id: truong-thpt
            name: Ngày thành lập Trường THPT Kon Tum
            date: 2/3/1975
            scope: sector:giao-duc
          - id: bo-doi-bien-phong
            enabled: false
        """
    )
    _, out, _ = run("month", "2024-03", "-c", str(mine), *TODAY)
    assert "49 năm Ngày thành lập Trường THPT Kon Tum (02/3/1975 – 02/3/2024)" in out
    assert "Bộ đội Biên phòng (03/3" not in out
    _, out, _ = run("month", "2024-03", "--no-default", "-c", str(mine), *TODAY)
    assert out.count("năm ") == 1


def test_output_file_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "thang3.json"
    target.write_text("old", encoding="utf-8")
    code, out, err = run("month", "2024-03", "-f", "json", "-o", str(target), *TODAY)
    assert code == 0 and out == "" and "wrote" in err
    assert json.loads(target.read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir()] == ["thang3.json"]


def test_failed_run_leaves_existing_output_untouched(tmp_path: Path, write_yaml: Writer) -> None:
    target = tmp_path / "out.txt"
    target.write_text("kept", encoding="utf-8")
    broken = write_yaml("anniversaries:\n  - {id: a, name: A, date: 31/02/1959}\n")
    code, _, _ = run("month", "2024-03", "-c", str(broken), "-o", str(target), *TODAY)
    assert code == 1 and target.read_text(encoding="utf-8") == "kept"


def test_output_to_a_pipe_writes_into_it_and_keeps_it(tmp_path: Path) -> None:
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, err = run("month", "2024-03", "-o", str(fifo), *TODAY)
    reader.join(timeout=10)
    assert code == 0, err
    assert received and received[0].decode("utf-8").startswith("Tuyên truyền các ngày kỷ niệm")
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # written to, not renamed over


def test_unwritable_output_is_a_message(tmp_path: Path) -> None:
    code, _, err = run("month", "2024-03", "-o", str(tmp_path / "missing" / "x.txt"), *TODAY)
    assert code == 1 and "cannot write" in err and "folder exists" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["month", "2024-13"], "months run from 01 to 12"),
        (["month", "march"], "use YYYY-MM"),
        (["month", "--today", "yesterday"], "use YYYY-MM-DD"),
        (["month", "--date-style", "iso"], "nd30"),
        (["month", "-f", "odt"], "docx"),
        (["upcoming", "-f", "html"], "json"),
        (["month", "--scope", "tinh"], "is not a scope"),
        (["month", "--kind", "party"], "is not a kind"),
        (["month", "--province", "atlantis"], "no province 'atlantis'"),
        (["month", "--no-default"], "nothing to read"),
        (["year", "0"], "YYYY"),
        (["upcoming", "--days", "0"], "--days"),
        (["month", "--templates", "/nonexistent/folder"], "--templates"),
        (["month", "--tag", "quoc-phon"], "did you mean 'quoc-phong'"),
        (["feed", "--domain", ""], "is not a domain name"),
        (["feed", "--from", "9999", "--to", "9999"], "--from"),
        (["feed", "--from", "9998", "--to", "9999"], "--to"),
        (["month", "-c", "/nonexistent/catalogue.yaml"], "file not found"),
    ],
)
def test_bad_options_exit_with_a_message(args: list[str], message: str) -> None:
    code, _, err = run(*args)
    assert code == (1 if message == "file not found" else 2)
    assert message in err and "Traceback" not in err


@pytest.mark.parametrize(
    "args", [["month", "0001-01"], ["month", "9999-12"], ["year", "0001"], ["year", "9999"]]
)
def test_extreme_years_work(args: list[str]) -> None:
    code, _, err = run(*args, "-f", "json", *TODAY)
    assert code == 0, err


def test_catalogue_problems_exit_1_and_list_every_problem(write_yaml: Writer) -> None:
    path = write_yaml(
        "anniversaries:\n  - {id: a, name: A, dat: 1/1/1990}\n  - {id: b, name: B, date: 30/02/1990}\n"
    )
    code, out, err = run("month", "2024-03", "-c", str(path), *TODAY)
    assert code == 1 and out == ""
    assert "3 problems in the catalogue" in err
    assert f"{path}:3:" in err and "did you mean 'date'" in err


def test_validate(write_yaml: Writer) -> None:
    code, out, _ = run("validate")  # validation does not read the clock: no --today
    assert code == 0 and "anniversaries.yaml:" in out and "OK" in out
    good = write_yaml("anniversaries:\n  - {id: a, name: A, date: 1/1/1990}\n", "good.yaml")
    bad = write_yaml("anniversaries:\n  - {id: a, name: A, date: 31/2/1990}\n", "bad.yaml")
    code, out, err = run("validate", str(good), str(bad))
    assert code == 1 and "good.yaml: 1 entry, OK" in out and "day 31 does not exist" in err


def test_broken_user_template_is_reported(tmp_path: Path) -> None:
    (tmp_path / "month.txt.j2").write_text("{% for x in %}", encoding="utf-8")
    code, _, err = run("month", "2024-03", "--templates", str(tmp_path), *TODAY)
    assert code == 1 and "month.txt.j2, line 1" in err


def test_user_template_replaces_the_wording(tmp_path: Path) -> None:
    (tmp_path / "month.txt.j2").write_text(
        "{% for day in days %}{% for m in day %}* {{ m.name }}: {{ m.count }}\n{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    _, out, _ = run("month", "2024-03", "--templates", str(tmp_path), "--tag", "bien-phong", *TODAY)
    assert out == "* Ngày truyền thống Bộ đội Biên phòng: 65\n* Ngày Biên phòng toàn dân: 35\n"


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == f"calendar-gen {__version__}"


def test_python_m_and_no_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    ok = subprocess.run(
        [sys.executable, "-m", "calendar_gen", "month", "2024-03", *TODAY],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert ok.returncode == 0 and "65 năm" in ok.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"anniversaries:\n  - {id: a, name: \xff, date: 1990}\n")
    failed = subprocess.run(
        [sys.executable, "-m", "calendar_gen", "validate", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert failed.returncode == 1 and "is not UTF-8" in failed.stderr and "Traceback" not in failed.stderr
