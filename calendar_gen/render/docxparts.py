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
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

from calendar_gen.render.layout import styles

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Parts python-docx's blank document carries that say what is not true: a blank preview (a file
# browser shows an empty page) and Word 2010's copy of the styles without ours (validators warn).
DROPPED = ("docProps/thumbnail.jpeg", "word/stylesWithEffects.xml")
# ECMA-376 Part 1, 17.4.70 CT_TcPr: the order of a cell's properties (docxtpl's cellbg puts w:shd
# first; a validator then reports every w:tcW after it).
TC_PR_ORDER = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge",
    "tcPrChange",
)  # fmt: skip
# 17.3.2.28 CT_RPr: a run's properties (docxtpl's RichText writes w:color and w:sz before w:b).
R_PR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
    "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
)  # fmt: skip


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


def schema_order(document: Any) -> None:
    """Every cell's and run's properties in the order ECMA-376 gives them (CT_TcPr, CT_RPr)."""
    for tag, order in (("tcPr", TC_PR_ORDER), ("rPr", R_PR_ORDER)):
        rank = {f"{W}{name}": index for index, name in enumerate(order)}
        for properties in document.element.body.iter(f"{W}{tag}"):
            if properties.getparent().tag != f"{W}r" and tag == "rPr":
                continue  # a paragraph mark's rPr also holds w:ins, w:del ...: left as written
            children = sorted(properties, key=lambda child: rank.get(child.tag, len(rank)))
            for child in children:
                properties.append(child)


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


def _without_dropped(content: bytes) -> bytes:
    """A relationships or content-types part without the entries of the dropped parts."""
    for name in DROPPED:
        target = re.escape(name.rsplit("/", 1)[-1].encode())
        content = re.sub(rb"<(Relationship|Override) [^>]*" + target + rb"\"/>", b"", content)
    return content


def fixed_zip(data: bytes, change: Callable[[str, bytes], bytes | None] | None = None) -> bytes:
    """The ZIP again with fixed timestamps, so the same input gives the same bytes (DOCX, XLSX).

    ``change(name, content)`` may rewrite an entry, or drop it by returning None.
    """
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            content: bytes | None = source.read(entry.filename)
            if change is not None and content is not None:
                content = change(entry.filename, content)
            if content is None:
                continue
            clone = zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0))
            clone.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(clone, content)
    return fixed.getvalue()


def fixed_package(data: bytes, application: str) -> bytes:
    """A Word file with fixed timestamps, a true app.xml, and none of the ``DROPPED`` parts."""

    def change(name: str, content: bytes) -> bytes | None:
        if name in DROPPED:
            return None
        if name == "docProps/app.xml":
            return _app_xml(application)
        if name.endswith(".rels") or name == "[Content_Types].xml":
            return _without_dropped(content)
        return content

    return fixed_zip(data, change)
