"""Hostile drafts through the real ``check`` command: bounded memory and time, a clear refusal.

Issue 23, items 1-3. Each case runs ``calendar-gen check`` in its own process under a small
wrapper that reports the command's peak RSS; the bound stated in each test is several times what
a real 30-page draft takes, and far below what the unbounded code took (3.1 GB, 2 GB, 50 s).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest

PEAK_MB = 400  # python, the catalogue, python-docx and lxml take about 120 MB
_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "sys.stderr.write(f'\\nPEAK-KB {peak}\\n')\n"
    "sys.exit(code)\n"
)


def measured(*args: str, timeout: float = 120) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, peak RSS in MB, seconds) of ``calendar-gen ARGS``."""
    env = {**os.environ, "LANG": "en_US.UTF-8", "PYTHONIOENCODING": "utf-8"}
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "calendar_gen", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )
    seconds = time.monotonic() - start
    found = re.search(r"PEAK-KB (\d+)", result.stderr)
    assert found, result.stderr
    return result.returncode, result.stdout, result.stderr, int(found.group(1)) / 1024, seconds


def base_parts() -> dict[str, bytes]:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as package:
        return {name: package.read(name) for name in package.namelist()}


def package(parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return buffer.getvalue()


def with_body(body: str) -> bytes:
    parts = base_parts()
    xml = parts["word/document.xml"].decode("utf-8")
    start, end = xml.index("<w:body>") + len("<w:body>"), xml.index("<w:sectPr")
    parts["word/document.xml"] = (xml[:start] + body + xml[end:]).encode("utf-8")
    return package(parts)


def lying_sizes(data: bytes) -> bytes:
    """The package with every part's declared size set to its packed size (a false 1:1 ratio)."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            local = info.header_offset
            out[local + 22 : local + 26] = info.compress_size.to_bytes(4, "little")
        central = data.rindex(b"PK\x05\x06")
        offset = int.from_bytes(data[central + 16 : central + 20], "little")
        while data[offset : offset + 4] == b"PK\x01\x02":
            packed = data[offset + 20 : offset + 24]
            out[offset + 24 : offset + 28] = packed
            names = sum(int.from_bytes(data[offset + k : offset + k + 2], "little") for k in (28, 30, 32))
            offset += 46 + names
    return bytes(out)


def bomb_parts(size: int) -> dict[str, bytes]:
    parts = base_parts()
    parts["word/media/filler.bin"] = b"\0" * size
    return parts


MENTION = "65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024)"


def paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("deflate-bomb", lambda: package(bomb_parts(300 << 20)), "inflates more than 200 times"),
        ("false-sizes", lambda: lying_sizes(package(bomb_parts(300 << 20))), "damaged"),
        ("bzip2", lambda: package(bomb_parts(1 << 20), zipfile.ZIP_BZIP2), "never use"),
        ("lzma", lambda: package(bomb_parts(1 << 20), zipfile.ZIP_LZMA), "never use"),
        (
            "many-parts",
            lambda: package({**base_parts(), **{f"word/x{i}.xml": b"" for i in range(5001)}}),
            "parts; a document has at most 5000",
        ),
        (
            "too-much-in-all",
            lambda: package({**base_parts(), **{f"word/media/{i}.bin": b"\0" * (1 << 20) for i in range(110)}}),
            "unpacks to more than 100 MB",
        ),
        (
            "a-million-paragraphs",
            lambda: with_body("".join(paragraph(f"Đoạn {i:07d} {i * 7919 % 1000003}") for i in range(1_000_000))),
            "paragraphs; the proofreader reads at most 100000",
        ),
    ],
)  # fmt: skip
def test_hostile_packages_are_refused_in_bounded_memory_and_time(
    name: str, make: object, message: str, tmp_path: Path
) -> None:
    assert callable(make)
    draft = tmp_path / f"{name}.docx"
    draft.write_bytes(make())
    before = draft.read_bytes()
    code, out, err, peak, seconds = measured("check", str(draft))
    assert code == 2, (out, err)
    assert message in err and "Traceback" not in err, err
    assert peak < PEAK_MB, f"{name}: {peak:.0f} MB"
    assert seconds < 60, f"{name}: {seconds:.1f} s"
    assert draft.read_bytes() == before


def test_a_huge_grid_span_and_a_long_vertical_merge_cost_nothing(tmp_path: Path) -> None:
    """w:gridSpan 2,147,483,647 and 3,000 vertically merged rows: read as the cells they are."""
    span = (
        '<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>'
        f'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2147483647"/></w:tcPr>{paragraph(MENTION.replace("65", "66"))}'
        "</w:tc></w:tr></w:tbl>"
    )
    restart = ' w:val="restart"'
    rows = "".join(
        f"<w:tr><w:tc><w:tcPr><w:vMerge{restart if i == 0 else ''}/></w:tcPr>"
        f"{paragraph('Tháng 3' if i == 0 else '')}</w:tc><w:tc>{paragraph(MENTION)}</w:tc></w:tr>"
        for i in range(3000)
    )
    merged = f'<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>{rows}</w:tbl>'
    draft = tmp_path / "tables.docx"
    draft.write_bytes(with_body(span + paragraph("") + merged + paragraph("")))
    code, out, err, peak, seconds = measured("check", str(draft), "-f", "json")
    assert code == 1 and "Traceback" not in err
    assert '"mentions": 3001' in out and '"error": 1' in out
    assert peak < PEAK_MB and seconds < 60, (peak, seconds)


def test_twenty_thousand_mentions_and_ten_thousand_findings_are_linear(tmp_path: Path) -> None:
    """20,000 mentions took 50 s and 10,000 findings' comments 133 s; both now take seconds."""
    text = tmp_path / "dai.txt"
    text.write_text("\n".join(["Kỷ niệm " + MENTION + ";"] * 20_000), encoding="utf-8")
    code, out, err, peak, seconds = measured("check", str(text))
    assert code == 0 and "20000 mentions, 0 errors" in out, err
    assert seconds < 30 and peak < PEAK_MB, (seconds, peak)
    wrong = MENTION.replace("65 năm", "66 năm") + ";"
    draft = tmp_path / "sai.docx"
    draft.write_bytes(with_body("".join(paragraph(" ".join([wrong] * 100)) for _ in range(100))))
    annotated, fixed = tmp_path / "gop-y.docx", tmp_path / "da-sua.docx"
    code, out, err, peak, seconds = measured(
        "check", str(draft), "--annotate", str(annotated), "--fix", str(fixed)
    )
    assert code == 1 and "10000 errors" in out, err
    assert seconds < 60 and peak < 2 * PEAK_MB, (seconds, peak)
    assert zipfile.ZipFile(annotated).read("word/comments.xml").count(b"<w:comment ") == 10_000
    code, out, err, _peak, _seconds = measured("check", str(fixed))
    assert code == 0 and "0 errors" in out, err
