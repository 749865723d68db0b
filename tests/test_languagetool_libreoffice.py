"""LibreOffice's own LanguageTool checker (7.4 and later) against ``serve`` on 127.0.0.1.

A Writer document in Vietnamese (vi-VN) is opened headless through UNO with a user profile whose
LanguageTool BaseURL is the test server's ``/v2``; LibreOffice's proofreading iterator must
choose the LanguageTool checker for the paragraph (it lists the locales of ``/v2/languages``),
and the wrong count must come back as a grammar error over "65", with "66" as the suggestion.
Measured on LibreOffice 7.4.7 (Debian 12): it asks for ``language=vi-VN`` and posts the text
unencoded, which the server reads (``web/languagetool``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from .test_server import Server

PYTHON = "/usr/bin/python3"  # Debian's, with python3-uno (scripts/system-packages.txt)
HELPER = Path(__file__).with_name("libreoffice_proofread.py")
PARAGRAPH = (
    "Tuyên truyền 😀 các ngày kỷ niệm trong tháng 3: 65 năm Ngày truyền thống Bộ đội Biên phòng "
    "(03/3/1959 – 03/3/2025) & Ngày Quốc tế Phụ nữ (8/3)."
)
FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles><style:default-style style:family="paragraph">
  <style:text-properties fo:language="vi" fo:country="VN"/></style:default-style></office:styles>
 <office:body><office:text><text:p>{text}</text:p></office:text></office:body>
</office:document>
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    instance = Server([], tmp_path_factory.mktemp("lt-lo") / "server.log")
    yield instance
    instance.stop()


def test_libreoffice_underlines_the_wrong_count(server: Server, tmp_path: Path) -> None:
    assert shutil.which("soffice"), "LibreOffice is missing: apt-get install -y libreoffice-writer-nogui"
    found = subprocess.run([PYTHON, "-c", "import uno"], capture_output=True, check=False)
    assert found.returncode == 0, "python3-uno is missing: apt-get install -y python3-uno"
    document = tmp_path / "du-thao.fodt"
    document.write_text(FODT.format(text=escape(PARAGRAPH)), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    run = subprocess.run(
        [PYTHON, str(HELPER), f"http://127.0.0.1:{server.port}/v2", str(document), str(tmp_path / "profile")],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["text"] == PARAGRAPH
    assert result["locale"] == "vi-VN"
    assert result["proofreader"] == "org.openoffice.lingu.LanguageToolGrammarChecker"
    [error] = result["errors"]
    units = PARAGRAPH.encode("utf-16-le")  # LibreOffice's positions are UTF-16, like LanguageTool's
    wrong = units[2 * error["start"] : 2 * (error["start"] + error["length"])].decode("utf-16-le")
    assert wrong == "65"
    assert error["type"] == 2  # TextMarkupType.PROOFREADING: a grammar error, not a spelling one
    assert error["suggestions"] == ["66"]
    assert error["colour"] == 0xD16820  # LibreOffice's orange for category SEMANTICS (red is TYPOS)
    assert "2025 − 1959 = 66 năm" in error["short"] + error["full"]
