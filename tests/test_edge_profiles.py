"""Issue 23, items 10, 11 and 14: profiles and Word templates get the catalogue's guards.

Through the real command: each hostile file is refused with a message naming the file, exit 2,
within a bounded time and memory, and no input changes.
"""

from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

CATALOGUE = """\
anniversaries:
  - id: truong-thpt
    name: Ngày thành lập Trường THPT Kon Tum
    date: 3/3/1959
    scope: sector:giao-duc
"""
MAX_SECONDS = 20  # a refusal is immediate; this bound only stops a hang
MAX_ADDRESS_SPACE = 1_500_000_000  # bytes; the command needs ~0.4 GB, the attacks took 1 to 3 GB


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MAX_ADDRESS_SPACE, MAX_ADDRESS_SPACE))


def _bounded(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command, with its memory capped (beyond it Python fails with exit 1) and its time measured."""
    env = {
        **os.environ,
        "LANG": "en_US.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "SOURCE_DATE_EPOCH": "1767225600",
    }
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "calendar_gen", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
        preexec_fn=_limit_memory,
    )
    assert time.monotonic() - start < MAX_SECONDS
    assert "MemoryError" not in result.stderr and "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "scope.yaml").write_text(CATALOGUE, encoding="utf-8")
    return tmp_path


def _sheet(folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    args = ("month", "2024-03", "-c", "scope.yaml", "--today", "2024-03-01", *extra)
    before = (folder / "scope.yaml").read_bytes()
    result = _bounded(*args, cwd=folder)
    assert (folder / "scope.yaml").read_bytes() == before
    return result


def _profile(folder: Path, text: str) -> subprocess.CompletedProcess[str]:
    (folder / "profile.yaml").write_text(text, encoding="utf-8")
    before = (folder / "profile.yaml").read_bytes()
    result = _sheet(folder, "--profile", "profile.yaml", "-f", "html", "-o", "out.html")
    assert (folder / "profile.yaml").read_bytes() == before
    assert result.returncode == 2, result.stderr
    assert not (folder / "out.html").exists()
    return result


def test_a_fifo_profile_is_refused_without_waiting(folder: Path) -> None:
    os.mkfifo(folder / "fifo.yaml")
    result = _sheet(folder, "--profile", "fifo.yaml", "-f", "html", "-o", "out.html")
    assert result.returncode == 2 and "fifo.yaml: is not a regular file" in result.stderr


def test_dev_zero_as_profile_is_refused(folder: Path) -> None:
    result = _sheet(folder, "--profile", "/dev/zero", "-f", "html", "-o", "out.html")
    assert result.returncode == 2 and "/dev/zero: is not a regular file" in result.stderr


def test_a_huge_profile_is_refused_by_size(folder: Path) -> None:
    (folder / "big.yaml").write_bytes(b"# " + b"x" * 2_000_000 + b"\n")
    args = ["month", "2024-03", "-c", "scope.yaml", "--profile", "big.yaml", "-f", "html", "-o", "out.html"]
    result = subprocess.run(
        [sys.executable, "-m", "calendar_gen", *args],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=60,
        check=False,
        env={**os.environ, "CALENDAR_GEN_MAX_CATALOGUE_BYTES": "1000000"},
    )
    assert result.returncode == 2 and "big.yaml: is larger than 1000000 bytes" in result.stderr
    assert not (folder / "out.html").exists()


def test_profile_aliases_cannot_expand_to_gigabytes(folder: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    result = _profile(folder, "\n".join(lines) + "\nissuer: *a8\n")
    assert "profile.yaml: its YAML aliases (*name) repeat more than" in result.stderr


def test_profile_yaml_error_names_the_file_and_the_opening_quote(folder: Path) -> None:
    result = _profile(folder, 'place: Kon Tum\nissuer: "SỞ GIÁO DỤC\n')
    assert "profile.yaml:2:9:" in result.stderr


@pytest.mark.parametrize(
    ("pattern", "shown"),
    [
        ("{period.__class__.__mro__}", "'{period.__class__.__mro__}' is not a field"),
        ("{year:>300000000}", "'{year:>300000000}' is not a field"),
        ("{nam}", "'{nam}' is not a field"),
        ("Số {year", "a single '{' is not a field"),
    ],
)
def test_profile_patterns_allow_only_the_three_fields(folder: Path, pattern: str, shown: str) -> None:
    result = _profile(folder, f'number: "{pattern}"\n')
    assert "profile.yaml: 'number': " + shown in result.stderr
    assert "{year}, {month}, {period}" in result.stderr
    assert "mro" not in result.stderr.replace(pattern, "") and "Traceback" not in result.stderr


def test_profile_patterns_still_fill_the_fields(folder: Path) -> None:
    (folder / "profile.yaml").write_text(
        'number: "{year}/HD-SGD {{mẫu}}"\nsummary: "Tuyên truyền các ngày kỷ niệm {period}"\n',
        encoding="utf-8",
    )
    result = _sheet(folder, "--profile", "profile.yaml", "-f", "html", "-o", "out.html")
    assert result.returncode == 0, result.stderr
    page = (folder / "out.html").read_text(encoding="utf-8")
    assert "2024/HD-SGD {mẫu}" in page and "Tuyên truyền các ngày kỷ niệm tháng 3/2024" in page


@pytest.mark.parametrize("char", ["\\e", "\\0", "\\u202e"])
def test_control_and_bidi_characters_in_profile_values_are_refused(folder: Path, char: str) -> None:
    result = _profile(folder, f'signer:\n  name: "Nguyễn{char}Văn A"\n')
    assert "profile.yaml:2:" in result.stderr and "remove it" in result.stderr


def test_every_profile_problem_is_reported_at_once(folder: Path) -> None:
    result = _profile(
        folder,
        "colour: red\nparty: maybe\nsummary: '{nam}'\nsigner:\n  authority: kt\n  name: Nguyễn Văn A\n",
    )
    for shown in (
        "unknown key 'colour'",
        "'party' must be true or false",
        "'summary': '{nam}' is not a field",
        "'signer.authority: kt' signs on behalf of someone: add 'signer.on_behalf'",
    ):
        assert "profile.yaml: " + shown in result.stderr, result.stderr


@pytest.mark.parametrize("authority", ["kt", "tm"])
def test_kt_and_tm_require_on_behalf(folder: Path, authority: str) -> None:
    result = _profile(folder, f"signer:\n  authority: {authority}\n  name: Nguyễn Văn A\n")
    assert "add 'signer.on_behalf'" in result.stderr


def test_header_fields_of_a_profile_have_a_length_cap(folder: Path) -> None:
    result = _profile(folder, "issuer: " + "A" * 3000 + "\n")
    assert "'issuer' is 3000 characters long; at most 300" in result.stderr


def test_profile_without_a_sheet_format_is_refused(folder: Path) -> None:
    (folder / "profile.yaml").write_text("place: Kon Tum\n", encoding="utf-8")
    result = _sheet(folder, "--profile", "profile.yaml")
    assert result.returncode == 2
    assert "--profile makes a printable sheet: add -f html|pdf|docx or -o FILE.docx" in result.stderr


def _zip(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", method) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return raw.getvalue()


def _template(folder: Path, data: bytes | None) -> subprocess.CompletedProcess[str]:
    if data is not None:
        (folder / "sheet.docx").write_bytes(data)
    result = _sheet(folder, "--docx-template", "sheet.docx", "-o", "out.docx")
    assert result.returncode == 2, result.stderr
    assert not (folder / "out.docx").exists()
    return result


def test_a_non_zip_template_is_refused(folder: Path) -> None:
    result = _template(folder, b"not a zip at all")
    assert "sheet.docx: is not a Word document (.docx); open it in Word and save it" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_odt_template_is_named_as_such(folder: Path) -> None:
    result = _template(
        folder, _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""})
    )
    assert "is an OpenDocument file (.odt)" in result.stderr and "word/document.xml" not in result.stderr


def test_a_fifo_template_is_refused_without_waiting(folder: Path) -> None:
    os.mkfifo(folder / "sheet.docx")
    result = _template(folder, None)
    assert "is not a regular file" in result.stderr


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2])
def test_a_zip_bomb_template_is_refused(folder: Path, method: int) -> None:
    bomb = _zip({"word/document.xml": b"<w/>", "word/media/a.xml": b"\0" * 150_000_000}, method)
    assert len(bomb) < 1_000_000
    result = _template(folder, bomb)
    message = "unpacks to more than 100 MB" if method == zipfile.ZIP_DEFLATED else "uses a compression"
    assert message in result.stderr
