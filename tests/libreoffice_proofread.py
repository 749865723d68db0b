"""Run by Debian's /usr/bin/python3 (python3-uno): LibreOffice's own LanguageTool checker on a file.

    python3 tests/libreoffice_proofread.py BASE_URL DOCUMENT PROFILE_DIR

Writes a user profile whose registrymodifications.xcu points LibreOffice's LanguageTool
(/org.openoffice.Office.Linguistic/GrammarChecking/LanguageTool) at BASE_URL and enables it,
starts soffice headless on it, opens DOCUMENT and asks LibreOffice's proofreading iterator to
check its first paragraph (what Writer does when a paragraph is shown or the context menu is
opened): the iterator chooses the grammar checker configured for the paragraph's language. Prints
JSON: the paragraph, its locale, the proofreader used and each error (UTF-16 start and length,
comments, suggestions, line colour).
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Linguistic/GrammarChecking/LanguageTool">
 <prop oor:name="BaseURL" oor:op="fuse"><value>{base}</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/GrammarChecking/LanguageTool">
 <prop oor:name="IsEnabled" oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""


def prop(name: str, value: object) -> PropertyValue:
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def connect(pipe: str) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + 30
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def main() -> None:
    base, document, profile = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(PROFILE.format(base=base), encoding="utf-8")
    pipe = f"calendar-gen-lt-{os.getpid()}"
    office = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
         f"-env:UserInstallation={profile.as_uri()}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        context = connect(pipe)
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        doc = desktop.loadComponentFromURL(document.resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))
        paragraphs = doc.getFlatParagraphIterator(2, True)  # TextMarkupType.PROOFREADING
        paragraph = paragraphs.getFirstPara()
        text = paragraph.getText()
        locale = paragraph.getLanguageOfText(0, len(text))
        iterator = manager.createInstanceWithContext("com.sun.star.linguistic2.ProofreadingIterator", context)
        result = iterator.checkSentenceAtPosition(doc, paragraph, text, locale, 0, len(text), 0)
        colours = [{p.Name: p.Value for p in error.aProperties}.get("LineColor") for error in result.aErrors]
        print(
            json.dumps(
                {
                    "text": text,
                    "locale": f"{locale.Language}-{locale.Country}",
                    "proofreader": result.xProofreader.getImplementationName()
                    if result.xProofreader
                    else None,
                    "errors": [
                        {
                            "start": error.nErrorStart,
                            "length": error.nErrorLength,
                            "type": error.nErrorType,
                            "short": error.aShortComment,
                            "full": error.aFullComment,
                            "suggestions": list(error.aSuggestions),
                            "colour": colour,
                        }
                        for error, colour in zip(result.aErrors, colours, strict=True)
                    ],
                },
                ensure_ascii=False,
            )
        )
        doc.close(True)
        desktop.terminate()
    finally:
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            office.kill()  # soffice.bin is its child: end the group we started, not only the script
            office.wait()


if __name__ == "__main__":
    main()
