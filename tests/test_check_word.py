"""Every story of a Word draft is read, and ``--fix`` writes tracked changes Word and LibreOffice keep.

Issue 19, item 3: a header, a footer, a text box, a footnote and a table each hold a wrong count;
``--annotate`` comments each over exactly the wrong phrase; ``--fix`` writes ``w:del``/``w:ins``
by "calendar-gen", opened by python-docx and converted by LibreOffice with the changes present;
``--fix`` on its own output changes nothing; ``.odt`` is read; ``.doc`` is refused.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx

from tests.conftest import run_cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HEADER = "95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024)"
FOOTER = "80 năm Ngày thành lập Quân đội nhân dân Việt Nam (22/12/1944 – 22/12/2023)"
BOX = "66 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024)"
NOTE = "135 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/2024)"
CELL = "50 năm Ngày giải phóng miền Nam, thống nhất đất nước (30/4/1975 – 30/4/2024)"
LABEL = "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024), năm tròn"

_TEXT_BOX = (
    '<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" style="width:300pt;height:60pt">'
    "<v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox>"
    "</v:shape></w:pict></w:r>"
)
_FOOTNOTES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {NS}>'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
    '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


def stories_draft() -> bytes:
    """A body paragraph with a text box and a footnote reference, a table, a header and a footer."""
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = HEADER
    section.footer.paragraphs[0].text = FOOTER
    body = document.add_paragraph("Tuyên truyền kỷ niệm các ngày lễ năm 2024.")
    body.add_run("¹")._r.append(docx.oxml.parse_xml(f'<w:footnoteReference {NS} w:id="1"/>'))
    body._p.append(docx.oxml.parse_xml(_TEXT_BOX.format(text=BOX).replace("<w:r>", f"<w:r {NS}>", 1)))
    document.add_paragraph(LABEL)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "30/4"
    table.cell(0, 1).text = CELL
    buffer = io.BytesIO()
    document.save(buffer)
    parts = {}
    with zipfile.ZipFile(buffer) as package:
        for name in package.namelist():
            parts[name] = package.read(name)
    parts["word/footnotes.xml"] = _FOOTNOTES.format(text=NOTE).encode("utf-8")
    kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/word/footnotes.xml" ContentType="{kind}"/></Types>'.encode()
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdFn1" Type="{rel}" Target="footnotes.xml"/></Relationships>'.encode(),
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def changes(path: Path) -> list[tuple[str, str, str]]:
    """(part, 'ins' or 'del', text) of every tracked change, in part and document order."""
    found = []
    with zipfile.ZipFile(path) as package:
        for name in sorted(n for n in package.namelist() if n.startswith("word/") and n.endswith(".xml")):
            root = docx.oxml.parse_xml(package.read(name))
            for mark in root.iter(f"{W}ins", f"{W}del"):
                assert mark.get(f"{W}author") == "calendar-gen"
                text = "".join(t.text or "" for t in mark.iter(f"{W}t", f"{W}delText"))
                found.append((name, mark.tag.removeprefix(W), text))
    return found


def test_every_story_is_checked_commented_and_fixed_as_tracked_changes(tmp_path: Path) -> None:
    draft = tmp_path / "du-thao.docx"
    draft.write_bytes(stories_draft())
    result = run_cli("check", str(draft))
    assert result.returncode == 1, result.stderr
    assert "5 errors" in result.stdout and "1 warning" in result.stdout, result.stdout
    annotated, fixed = tmp_path / "gop-y.docx", tmp_path / "da-sua.docx"
    result = run_cli("check", str(draft), "--annotate", str(annotated), "--fix", str(fixed))
    assert result.returncode == 1, result.stderr
    comments = docx.Document(str(annotated)).comments
    assert len(list(comments)) == 6
    body = zipfile.ZipFile(annotated).read("word/document.xml").decode("utf-8")
    # The comment covers exactly the wrong phrase: the count "66", not the whole run.
    start = body.index("commentRangeStart", body.index("txbxContent"))
    assert ">66</w:t>" in body[start : body.index("commentRangeEnd", start)]
    assert changes(fixed) == [
        ("word/document.xml", "del", "66"),
        ("word/document.xml", "ins", "65"),
        ("word/document.xml", "del", "năm tròn"),
        ("word/document.xml", "ins", "năm khác"),
        ("word/document.xml", "del", "50"),
        ("word/document.xml", "ins", "49"),
        # 80 năm from 1944 is the document's year 2024: the target year is the typo.
        ("word/footer1.xml", "del", "2023"),
        ("word/footer1.xml", "ins", "2024"),
        ("word/footnotes.xml", "del", "135"),
        ("word/footnotes.xml", "ins", "134"),
        ("word/header1.xml", "del", "95"),
        ("word/header1.xml", "ins", "94"),
    ]
    reopened = docx.Document(str(fixed))  # python-docx opens the tracked-changes copy
    assert reopened.sections[0].header.paragraphs[0].runs
    assert run_cli("check", str(fixed)).returncode == 0
    # --fix on its own output changes nothing.
    again = tmp_path / "lai.docx"
    assert run_cli("check", str(fixed), "--fix", str(again)).returncode == 0
    assert again.read_bytes() == fixed.read_bytes()
    soffice = shutil.which("soffice")
    assert soffice is not None, "LibreOffice is missing: apt-get install -y libreoffice-writer-nogui"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "odt",
         "--outdir", str(tmp_path), str(fixed)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    content = zipfile.ZipFile(tmp_path / "da-sua.odt").read("content.xml").decode("utf-8")
    styles = zipfile.ZipFile(tmp_path / "da-sua.odt").read("styles.xml").decode("utf-8")
    assert content.count("<text:changed-region") >= 8 and "calendar-gen" in content
    assert "<text:insertion>" in content and "<text:deletion>" in content
    assert "text:changed-region" in styles or "94" in styles  # the header's change
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(fixed)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = subprocess.run(["pdftotext", str(tmp_path / "da-sua.pdf"), "-"], capture_output=True, text=True)
    assert "65" in pdf.stdout and "66" in pdf.stdout  # both sides of a change are shown


def test_odt_is_read_and_doc_is_refused(tmp_path: Path) -> None:
    draft = tmp_path / "du-thao.docx"
    draft.write_bytes(stories_draft())
    soffice = shutil.which("soffice")
    assert soffice is not None
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "odt",
         "--outdir", str(tmp_path), str(draft)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    result = run_cli("check", str(tmp_path / "du-thao.odt"), "-f", "json")
    assert result.returncode == 1, result.stderr
    assert '"count-mismatch"' in result.stdout and "Bộ đội Biên phòng" in result.stdout
    old = tmp_path / "cu.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    result = run_cli("check", str(old))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Word 97-2003" in result.stderr and "Save As" in result.stderr and ".docx" in result.stderr
