"""What a rendered Word file needs beyond its template: sizes, page numbers, package parts.

Sizes by kind (Party or State), page numbers, the extended properties and the thumbnail, fixed ZIP
timestamps.

The packaged template (``scripts/make_docx_template.py``) has one paragraph style per element,
"cg-nation", "cg-issuer" ...; :func:`apply_layout` sets them from ``render/layout.py`` for a Party
or a State body, the same table the sheet CSS reads.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any
from xml.sax.saxutils import escape

from calendar_gen.render.layout import styles

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
THUMBNAIL = "docProps/thumbnail.jpeg"


def apply_layout(document: Any, party: bool) -> None:
    """Each element style and Normal (the body) as ``layout.styles(party)`` says."""
    from docx.shared import Pt

    names = {style.name for style in document.styles}
    for name, spec in styles(party).items():
        if f"cg-{name}" not in names:
            continue
        font = document.styles[f"cg-{name}"].font
        font.size = Pt(spec.pt)
        font.bold, font.italic, font.underline = spec.bold, spec.italic, spec.underline
    document.styles["Normal"].font.size = Pt(styles(party)["body"].pt)


def _has_page_field(part: Any) -> bool:
    return any("PAGE" in (text.text or "") for text in part._element.iter(f"{W}instrText"))


def _clear(part: Any) -> None:
    """Empty a header or footer; ECMA-376 wants one paragraph in it, so an empty one stays."""
    element = part._element
    for child in list(element):
        element.remove(child)
    part.add_paragraph()


def page_numbers(document: Any, complete: bool) -> None:
    """A document: the number top centre, none on page 1 (Nghị định 30/2020, Phụ lục I, mục I.7).

    A sheet: "Trang N/M" at the foot of every page. An officer's older template with the number
    in the footer only has it moved to the header for a document.
    """
    for section in document.sections:
        if not complete:
            _clear(section.header)
            continue
        if not _has_page_field(section.header):
            header = section.header._element
            for child in list(header):
                header.remove(child)
            for child in list(section.footer._element):
                header.append(child)
            for run in header.iter(f"{W}t"):
                if run.text and run.text.strip() in ("Trang", "/"):
                    run.text = ""
        _clear(section.footer)
        section.different_first_page_header_footer = True


def _app_xml(application: str) -> bytes:
    """Extended properties that say what made the file, and nothing stale (pages, words, Word)."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{escape(application)}</Application><DocSecurity>0</DocSecurity>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def fixed_package(data: bytes, application: str) -> bytes:
    """The ZIP again with fixed timestamps (same input, same bytes), true app.xml, no thumbnail.

    python-docx's blank document carries a blank preview (docProps/thumbnail.jpeg): a file browser
    would show an empty page, so it is dropped with its relationship.
    """
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            if entry.filename == THUMBNAIL:
                continue
            content = source.read(entry.filename)
            if entry.filename == "docProps/app.xml":
                content = _app_xml(application)
            elif entry.filename == "_rels/.rels":
                content = re.sub(rb"<Relationship [^>]*Target=\"docProps/thumbnail.jpeg\"/>", b"", content)
            clone = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            clone.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(clone, content)
    return fixed.getvalue()
