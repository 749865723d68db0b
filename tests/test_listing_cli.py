"""The selection on the command line: --for, --include, --exclude, --explain, profiles, JSON."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli

MONTH = ("month", "2024-03", "-p", "kon-tum")


def test_json_holds_every_item_with_listed_and_why() -> None:
    items = json.loads(run_cli(*MONTH, "-f", "json").stdout)
    listed = {i["id"]: i["why"] for i in items if i["listed"]}
    assert listed["kon-tum-giai-phong"] == "ngày của tỉnh"
    assert listed["bo-doi-bien-phong"] == "năm lẻ 5"
    left = {i["id"]: i["why"] for i in items if not i["listed"]}
    assert left["ngay-nuoc-the-gioi"] == "ngày quốc tế: thường không đưa vào"
    assert left["sinh-chu-huy-man"].startswith("Kết luận 88-KL/TW")
    text = run_cli(*MONTH).stdout
    assert "Ngày Nước thế giới" not in text and "Giải phóng tỉnh Kon Tum" in text
    assert "Ngày Nước thế giới" in run_cli(*MONTH, "--all").stdout


def test_include_exclude_and_explain() -> None:
    text = run_cli(*MONTH, "--include", "ngay-nuoc-the-gioi", "--exclude", "kon-tum-giai-phong").stdout
    assert "Ngày Nước thế giới (22/3)" in text and "Kon Tum" not in text
    explained = run_cli(*MONTH, "--explain", "--include", "ngay-nuoc-the-gioi").stdout
    assert "Ngày Nước thế giới (22/3) [thêm theo yêu cầu] (ngay-nuoc-the-gioi)" in explained
    listed, _, left = explained.partition("Left out")
    assert "[ngày của tỉnh] (kon-tum-giai-phong)" in listed
    assert "[năm khác (57 năm): chỉ đưa vào năm tròn, năm lẻ 5] (dac-cong)" in left


def test_audience_adds_its_days() -> None:
    plain = run_cli("month", "2024-11").stdout
    school = run_cli("month", "2024-11", "--for", "truong-hoc").stdout
    assert "Ngày Nhà giáo Việt Nam" in school
    assert len(school) >= len(plain)


def test_typos_get_a_did_you_mean_and_exit_2() -> None:
    result = run_cli(*MONTH, "--for", "truonghoc")
    assert result.returncode == 2 and "'truong-hoc'" in result.stderr and "Traceback" not in result.stderr
    result = run_cli(*MONTH, "--include", "kon-tum-giai-phng")
    assert result.returncode == 2 and "'kon-tum-giai-phong'" in result.stderr
    vietnamese = run_cli("--lang", "vi", *MONTH, "--for", "doanthanhnien")
    assert vietnamese.returncode == 2 and "không phải là đối tượng" in vietnamese.stderr


def test_a_profile_includes_and_excludes(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(
        "issuer: Ban Tuyên giáo\ninclude: [ngay-nuoc-the-gioi]\nexclude: [kon-tum-giai-phong]\n",
        encoding="utf-8",
    )
    result = run_cli(*MONTH, "--profile", str(profile), "--explain")
    assert result.returncode == 0, result.stderr
    listed, _, left = result.stdout.partition("Left out")
    assert "(ngay-nuoc-the-gioi)" in listed and "[bỏ theo yêu cầu] (kon-tum-giai-phong)" in left


def test_feeds_follow_the_selection() -> None:
    selected = run_cli("feed", "--from", "2024", "--to", "2024", "-p", "kon-tum").stdout
    everything = run_cli("feed", "--from", "2024", "--to", "2024", "-p", "kon-tum", "--all").stdout
    assert "Ngày Nước thế giới" not in selected and "Ngày Nước thế giới" in everything
    assert "Giải phóng tỉnh Kon Tum" in selected
    assert selected.count("BEGIN:VEVENT") < everything.count("BEGIN:VEVENT")
