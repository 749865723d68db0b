"""Jinja2's own messages about a user template, said in Vietnamese (issue 23, messages).

Through the real command with a ``--templates`` folder holding one broken ``month.txt.j2``: exit 1,
the file and line where Jinja2 gives them, and no English of Jinja2's left in the sentence.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

CASES = [
    ("{{ foo( }}", "dòng 1: gặp '}' ở chỗ cần ')'"),
    ("{% for x in y %}", "dòng 1: mẫu kết thúc khi khối 'for' chưa đóng; hãy thêm 'endfor' hoặc 'else'"),
    ("{{ 1|khong_co }}", "dòng 1: không có bộ lọc (filter) tên 'khong_co'"),
    ("{% lap %}", "dòng 1: 'lap' không phải thẻ của Jinja2"),
    ("{{ khong_co.ten }}", "lỗi mẫu: 'khong_co' không phải biến được truyền vào mẫu"),
    ('{{ "".__class__ }}', "mẫu bị từ chối: không được dùng thuộc tính '__class__' của giá trị kiểu 'str'"),
]


@pytest.mark.parametrize(("template", "said"), CASES, ids=[c[0] for c in CASES])
def test_jinja_messages_are_vietnamese_sentences(tmp_path: Path, template: str, said: str) -> None:
    (tmp_path / "month.txt.j2").write_text(template + "\n", encoding="utf-8")
    result = run_cli("--lang", "vi", "month", "2024-03", "--templates", str(tmp_path))
    assert result.returncode == 1 and said in result.stderr, result.stderr
    for english in ("unexpected", "expected", "Jinja was looking", "is undefined", "unsafe", "No filter"):
        assert english not in result.stderr
    assert "Traceback" not in result.stderr


def test_english_under_english(tmp_path: Path) -> None:
    (tmp_path / "month.txt.j2").write_text("{% for x in y %}\n", encoding="utf-8")
    result = run_cli("month", "2024-03", "--templates", str(tmp_path))  # run_cli speaks English
    assert result.returncode == 1
    assert "the template ends while the block 'for' is still open; add 'endfor' or 'else'" in result.stderr
