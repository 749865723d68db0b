"""The proofreader on Word drafts: paragraphs and tables, a split run, comments, fixes, zip bombs."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from calendar_gen.catalogue.load import load
from calendar_gen.check.document import Options, check_blocks
from calendar_gen.check.wordfile import WordError, check_zip, read
from calendar_gen.cli.app import app
from calendar_gen.paths import default_catalogue

ENTRIES = load([default_catalogue()]).entries
WRONG = "91 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2022)"


def draft() -> bytes:
    """A paragraph, a split run with a line break, a table cell with an error, a correct cell."""
    document = docx.Document()
    document.add_paragraph("HƯỚNG DẪN tuyên truyền tháng 02/2022")
    document.add_paragraph("Tuyên truyền: " + WRONG + "; Ngày Quốc tế Tiếng mẹ đẻ (21/2).")
    split = document.add_paragraph("Và ")
    split.add_run("67 năm Ngày Thầy ").bold = True
    split.add_run("thuốc Việt").italic = True
    split.add_run().add_break()
    split.add_run("Nam (27/02/1955 – 27/02/2021)")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Ngày"
    table.cell(0, 1).text = "Nội dung"
    table.cell(1, 0).text = "15/02"
    table.cell(
        1, 1
    ).text = "61 năm Ngày thành lập Quân Giải phóng miền Nam Việt Nam (15/02/1961 – 15/02/2022)"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_paragraphs_tables_and_split_runs() -> None:
    paragraphs = read(draft())
    report = check_blocks(paragraphs.blocks, ENTRIES, Options())
    found = [(m.entry, m.count, report.blocks[m.block].number) for m in report.mentions]
    assert found == [
        ("thanh-lap-dang", 91, 2),
        ("ngay-quoc-te-tieng-me-de", None, 2),
        ("thay-thuoc-viet-nam", 67, 3),
        ("quan-giai-phong-mien-nam", 61, 7),
    ]
    errors = [(f.code.value, report.blocks[f.block].position(f.start)) for f in report.findings]
    assert errors == [("count-mismatch", (2, 15)), ("count-mismatch", (3, 4))]
    # Two mentions count to 2022, and 67 năm from 1955 is 2022: the target year is the typo.
    assert report.findings[1].suggestion == "67 năm Ngày Thầy thuốc Việt\nNam (27/02/1955 – 27/02/2022)"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def test_annotated_copy_opens_in_python_docx_and_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "du-thao.docx"
    source.write_bytes(draft())
    annotated = tmp_path / "gop-y.docx"
    code, out, _ = run("check", str(source), "--annotate", str(annotated), "-f", "json")
    assert code == 1 and '"paragraph": 3' in out
    document = docx.Document(str(annotated))
    comments = list(document.comments)
    assert len(comments) == 2
    assert all(c.author == "calendar-gen" for c in comments)
    assert "count-mismatch" in comments[0].text and "92 năm" in comments[0].text
    original = [p.text for p in docx.Document(str(source)).paragraphs]
    assert [p.text for p in document.paragraphs] == original  # the text itself is untouched
    body = zipfile.ZipFile(annotated).read("word/document.xml").decode("utf-8")
    assert body.count("commentRangeStart") == 2 and body.count("commentReference") == 2
    soffice = shutil.which("soffice")
    # scripts/test installs it (scripts/system-packages.txt); a missing tool is a failure, not a skip.
    assert soffice is not None, "LibreOffice is missing: apt-get install -y libreoffice-writer-nogui"
    for target in ("odt", "pdf"):
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", target,
             "--outdir", str(tmp_path), str(annotated)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    content = zipfile.ZipFile(tmp_path / "gop-y.odt").read("content.xml").decode("utf-8")
    assert content.count("<office:annotation>") + content.count("<office:annotation ") == 2
    assert "count-mismatch" in content and "calendar-gen" in content
    assert (tmp_path / "gop-y.pdf").stat().st_size > 1000


def test_fix_writes_tracked_changes_inside_the_runs(tmp_path: Path) -> None:
    source = tmp_path / "du-thao.docx"
    source.write_bytes(draft())
    fixed = tmp_path / "da-sua.docx"
    assert run("check", str(source), "--fix", str(fixed))[0] == 1
    document = docx.Document(str(fixed))
    body = document.element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    changes = [
        (e.tag.removeprefix(w), "".join(t.text for t in e.iter(f"{w}t", f"{w}delText")))
        for e in body.iter(f"{w}ins", f"{w}del")
    ]
    assert changes == [("del", "91"), ("ins", "92"), ("del", "2021"), ("ins", "2022")]
    assert all(e.get(f"{w}author") == "calendar-gen" for e in body.iter(f"{w}ins", f"{w}del"))
    accepted = [b.text for b in read(fixed.read_bytes()).blocks]
    assert "92 năm Ngày thành lập Đảng" in accepted[1]
    assert accepted[2] == "Và 67 năm Ngày Thầy thuốc Việt\nNam (27/02/1955 – 27/02/2022)"
    runs = document.paragraphs[2].runs
    assert runs[1].text == "67 năm Ngày Thầy " and runs[1].bold  # runs keep their formatting
    assert run("check", str(fixed))[0] == 0


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"\0" * (200 * 1024 * 1024))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"plain text", "not a Word (.docx) document; open it in Word or LibreOffice"),
        (b"PK\x03\x04 truncated", "not a Word (.docx) document, or a damaged one"),
        ("zip-without-document", "it has no text of a Word document"),
        ("bomb", "zip bomb"),
    ],
)
def test_bad_packages_are_refused_before_unpacking(data: bytes | str, message: str, tmp_path: Path) -> None:
    if data == "bomb":
        data = zip_bomb()
    elif data == "zip-without-document":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as package:
            package.writestr("hello.txt", "x")
        data = buffer.getvalue()
    assert isinstance(data, bytes)
    with pytest.raises(WordError, match=re.escape(message)):
        check_zip(data)
    path = tmp_path / "bad.docx"
    path.write_bytes(data)
    code, _, err = run("check", str(path))
    assert code == 2 and message in err and "Traceback" not in err
