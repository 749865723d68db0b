"""Generated .docx and .odt structures through ``check``, ``--annotate`` and ``--fix``: never a crash.

Issue 23 ("the hypothesis suites grow to the new surfaces"): the fixed hostile packages of
test_edge_*.py cover known attacks; here the structure itself is generated: any nesting of the
WordprocessingML and ODF elements the readers walk (runs, tracked changes, fields, content
controls, text boxes, tables, markup compatibility, unknown namespaces), attributes with odd
values, text with mentions and hostile characters, missing or mangled package parts, truncated
zips. Every command ends with exit 0 (nothing found), 1 (findings) or 2 (a message), never an
exception; a corrected copy that was written is a package the proofreader reads again. Bounded
for CI like test_hostile_fuzz.py (derandomised, 30 examples per test).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from hypothesis import given, settings
from hypothesis import strategies as st

from .test_hostile_fuzz import HOSTILE_CHARS, SETTINGS, invoke

FUZZ = settings(SETTINGS, max_examples=30)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)

# Text as officers write it, right and wrong, and characters that break naive readers.
WORDS = st.sampled_from(
    [
        "65 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 – 03/3/2024)",
        "64 năm Ngày truyền thống Bộ đội Biên phòng (03/3/1959 - 03/3/2024)",
        "94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 – 03/02/2024)",
        "Kỷ niệm 49 năm Ngày Giải phóng miền Nam, thống nhất đất nước (30/4/1975 - 30/4/2024)",
        "mùng 10 tháng 3 âm lịch (ngày 18/4/2024 dương lịch)",
        "năm Canh Tý",
        "(26/3)",
        "tháng Ba",
        " ",
        "",
        "&",
        "<",
        "]]>",
        *HOSTILE_CHARS,
    ]
)
TEXT = st.lists(WORDS, max_size=4).map("".join)

WORD_TAGS = [
    "w:p", "w:r", "w:t", "w:tab", "w:br", "w:cr", "w:ins", "w:del", "w:delText", "w:moveFrom",
    "w:hyperlink", "w:smartTag", "w:sdt", "w:sdtContent", "w:customXml", "w:tbl", "w:tr", "w:tc",
    "w:txbxContent", "w:fldSimple", "w:instrText", "w:fldChar", "w:commentRangeStart",
    "w:bookmarkStart", "w:pPr", "w:rPr", "w:footnoteReference", "w:proofErr", "w:noBreakHyphen",
    "w:sym", "mc:AlternateContent", "mc:Choice", "mc:Fallback", "x:unknown",
]  # fmt: skip
ODT_TAGS = [
    "text:p", "text:h", "text:span", "text:s", "text:tab", "text:line-break", "text:a", "text:note",
    "text:note-body", "text:list", "text:list-item", "text:tracked-changes", "text:changed-region",
    "text:deletion", "table:table", "table:table-row", "table:table-cell", "draw:frame",
    "draw:text-box", "office:annotation", "text:soft-page-break", "x:unknown",
]  # fmt: skip
ATTRIBUTES = st.dictionaries(
    st.sampled_from(["w:id", "w:author", "xml:space", "w:val", "text:c", "w:fldCharType", "mc:Requires"]),
    st.sampled_from(["0", "-1", "1e9", "99999999999999999999", "", "preserve", "begin", "end", "w", "x"]),
    max_size=2,
)


def elements(tags: list[str]) -> st.SearchStrategy[str]:
    """Any nesting of the given elements, with text and tails, as XML text."""
    leaf = st.builds(
        lambda tag, attrs, text: _element(tag, attrs, escape(text)), st.sampled_from(tags), ATTRIBUTES, TEXT
    )
    return st.recursive(
        leaf,
        lambda inner: st.builds(
            lambda tag, attrs, children, tail: _element(tag, attrs, "".join(children)) + escape(tail),
            st.sampled_from(tags),
            ATTRIBUTES,
            st.lists(inner, max_size=4),
            TEXT,
        ),
        max_leaves=25,
    )


def _element(tag: str, attrs: dict[str, str], inside: str) -> str:
    attributes = "".join(f" {name}={quoteattr(value)}" for name, value in attrs.items())
    return f"<{tag}{attributes}>{inside}</{tag}>"


def word_xml(body: str, root: str) -> str:
    """A part with the namespaces every tag above uses, the generated body inside ``root``."""
    namespaces = (
        f'xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:x="urn:x" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    if root == "w:document":
        return f'<?xml version="1.0" encoding="UTF-8"?><w:document {namespaces}><w:body>{body}</w:body></w:document>'
    return f'<?xml version="1.0" encoding="UTF-8"?><{root} {namespaces}>{body}</{root}>'


# The ways a package goes wrong besides its XML: parts missing or mangled, a DTD, a cut.
DAMAGE = st.sampled_from(
    ["none", "none", "none", "no-types", "types-garbage", "doctype", "truncate", "not-xml"]
)


def package(parts: dict[str, str], damage: str, cut: int) -> bytes:
    """The zip of the parts, damaged as drawn."""
    if damage == "no-types":
        parts.pop("[Content_Types].xml", None)
    elif damage == "types-garbage":
        parts["[Content_Types].xml"] = "<Types>"
    elif damage == "doctype":
        main = "word/document.xml" if "word/document.xml" in parts else "content.xml"
        entities = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        parts[main] = parts[main].replace("?>", "?>" + entities, 1).replace("</", "&b;</", 1)
    elif damage == "not-xml":
        main = "word/document.xml" if "word/document.xml" in parts else "content.xml"
        parts[main] = parts[main][: len(parts[main]) // 2]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode("utf-8", "surrogatepass"))
    data = buffer.getvalue()
    return data[: max(4, len(data) * cut // 100)] if damage == "truncate" else data


def run_check(name: str, data: bytes, *, annotate: bool) -> None:
    """check, --annotate (Word only) and --fix on the file; a written copy is read back."""
    with tempfile.TemporaryDirectory() as folder:
        draft = Path(folder) / name
        draft.write_bytes(data)
        suffix = draft.suffix
        invoke(["check", str(draft), "--year", "2024"])
        invoke(["check", str(draft), "-f", "json", "--year", "2024"])
        if annotate:
            invoke(["check", str(draft), "--year", "2024", "--annotate", f"{folder}/noted{suffix}"])
        fixed = Path(folder) / f"fixed{suffix}"
        invoke(["check", str(draft), "--year", "2024", "--fix", str(fixed)])
        if fixed.exists():
            invoke(["check", str(fixed), "--year", "2024"])


@FUZZ
@given(
    elements(WORD_TAGS),
    st.sampled_from(["w:document", "w:document", "w:document", "w:hdr", "x:unknown"]),
    st.one_of(st.none(), elements(WORD_TAGS)),
    DAMAGE,
    st.integers(1, 99),
)
def test_generated_word_documents_never_crash(
    body: str, root: str, header: str | None, damage: str, cut: int
) -> None:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "word/document.xml": word_xml(body, root),
    }
    if header is not None:  # parts the reader walks besides the body
        parts["word/header1.xml"] = word_xml(header, "w:hdr")
        parts["word/footnotes.xml"] = word_xml(header, "w:footnotes")
    run_check("draft.docx", package(parts, damage, cut), annotate=True)


ODT_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    f'xmlns:w="{W_NS}" xmlns:mc="{MC_NS}" xmlns:x="urn:x"'
)


@FUZZ
@given(
    elements(ODT_TAGS),
    st.sampled_from(["application/vnd.oasis.opendocument.text", "application/zip", ""]),
    DAMAGE,
    st.integers(1, 99),
)
def test_generated_odt_documents_never_crash(body: str, mimetype: str, damage: str, cut: int) -> None:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NAMESPACES}>'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    parts = {"mimetype": mimetype, "content.xml": content}
    run_check("draft.odt", package(parts, damage, cut), annotate=False)
