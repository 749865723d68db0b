"""``check``: proofread a draft (text, Markdown or .docx) for wrong counts, dates and names."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from calendar_gen.cli.common import catalogue_paths, load_catalogue
from calendar_gen.cli.options import CatalogueOpt, NoDefaultOpt, ProvinceOpt
from calendar_gen.i18n import N_, _

if TYPE_CHECKING:
    from collections.abc import Sequence

    from calendar_gen.check.document import Options, Report
    from calendar_gen.check.wordfile import Paragraphs
    from calendar_gen.model import Anniversary

MAX_INPUT = 50 * 1024 * 1024  # a draft bigger than this is not a draft


class CheckFormat(StrEnum):
    """Output formats of ``check``."""

    TEXT = "text"
    JSON = "json"


FileArg = Annotated[
    str,
    typer.Argument(
        metavar="FILE",
        help=N_("The draft: .txt, .md, .docx or .odt; '-' reads standard input."),
        show_default=False,
    ),
]
YearOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--year",
        help=N_("The year the document is about; counts without dates are checked against it."),
        min=1,
        max=9999,
        show_default=False,
    ),
]
CheckFormatOpt = Annotated[
    CheckFormat, typer.Option("--format", "-f", help=N_("Output format."), show_envvar=False)
]
CheckStyleOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--date-style",
        metavar="nd30",
        help=N_("Also warn about dates not written in the Nghị định 30/2020 style (nd30)."),
        show_default=False,
    ),
]
AnnotateOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--annotate",
        metavar="OUT.docx",
        help=N_("Write a copy of a .docx draft with a Word comment on every finding."),
        show_default=False,
    ),
]
FixOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--fix",
        metavar="OUT",
        help=N_("Write a corrected copy of the draft (errors and the asked-for style fixes)."),
        show_default=False,
    ),
]


def check(
    file: FileArg,
    catalogue: CatalogueOpt = None,
    no_default: NoDefaultOpt = False,
    province: ProvinceOpt = None,
    year: YearOpt = None,
    fmt: CheckFormatOpt = CheckFormat.TEXT,
    date_style: CheckStyleOpt = None,
    annotate: AnnotateOpt = None,
    fix: FixOpt = None,
) -> None:
    """Proofread a draft: every wrong count, date and name, with line, column and the correction."""
    from calendar_gen.check.document import Options

    if date_style not in (None, "nd30"):
        raise typer.BadParameter(
            _("'{value}' is not a date style to check; use nd30").format(value=date_style),
            param_hint="--date-style",
        )
    data = _read(file)
    kind = _kind(data, file)
    if annotate is not None and kind != "docx":
        raise typer.BadParameter(_("--annotate needs a .docx draft"), param_hint="--annotate")
    if fix is not None and kind == "odt":
        raise typer.BadParameter(
            _("--fix writes .docx or text drafts; save the .odt as .docx in LibreOffice first"),
            param_hint="--fix",
        )
    _refuse_same_outputs(file, annotate, fix)
    _refuse_wrong_extensions(kind, annotate, fix)
    entries = load_catalogue(catalogue_paths(catalogue, no_default, province)).entries
    options = Options(year=year, nd30=date_style == "nd30")
    if kind == "docx":
        report, _paragraphs = _check_word(data, entries, options)
        _write_word_outputs(report, data, annotate, fix)
    elif kind == "odt":
        report = _check_odt(data, entries, options)
    else:
        report = _check_plain(data, entries, options)
        if fix is not None:
            from calendar_gen.check.report import fixed_text
            from calendar_gen.cli.output import emit_bytes

            bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""  # kept, as editors do
            emit_bytes(bom + fixed_text(report).encode("utf-8"), fix, "--fix")
    _print(report, fmt, "<stdin>" if file == "-" else file)
    if report.count("error"):
        raise typer.Exit(1)


def _kind(data: bytes, file: str) -> str:
    """The kind of draft (docx, odt or text); an old binary .doc is refused with how to save it."""
    name = file.lower()
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") or (
        name.endswith(".doc") and not data.startswith(b"PK")
    ):
        raise typer.BadParameter(
            _(
                "{path} is an old Word 97-2003 document (.doc), which the proofreader cannot read; "
                "open it in Word (File › Save As › Word Document .docx) or in LibreOffice "
                "(File › Save As › Word 2007-365 .docx) and check the .docx"
            ).format(path=file),
            param_hint="FILE",
        )
    if data.startswith(b"PK\x03\x04"):
        odt = data[30:38] == b"mimetype" and b"opendocument.text" in data[38:100]
        return "odt" if odt or name.endswith(".odt") else "docx"
    return "docx" if name.endswith(".docx") else ("odt" if name.endswith(".odt") else "text")


def _refuse_same_outputs(file: str, annotate: Path | None, fix: Path | None) -> None:
    """Neither copy may replace the draft (through links too), nor may both go to one file."""
    from calendar_gen.cli.inputs import DRAFT, remember
    from calendar_gen.fileio import same_file

    if file != "-":
        remember(file, DRAFT)
    for option, path in (("--annotate", annotate), ("--fix", fix)):
        if path is not None and file != "-" and (same_file(path, Path(file)) or _same_name(path, Path(file))):
            raise typer.BadParameter(_("write to another file than the draft"), param_hint=option)
    if annotate is not None and fix is not None and (same_file(annotate, fix) or _same_name(annotate, fix)):
        raise typer.BadParameter(
            _("--annotate and --fix name the same file; give each its own file"), param_hint="--fix"
        )


_WORD_SUFFIXES = (".docx", ".docm", ".doc", ".odt", ".pdf", ".rtf", ".xlsx")


def _refuse_wrong_extensions(kind: str, annotate: Path | None, fix: Path | None) -> None:
    """The copies are of the draft's kind: Word for a .docx, text for text (issue 23, item 15).

    A Word package written as ``fixed.txt``, or text as ``fixed.docx``, opens as garbage or not at all.
    """
    if annotate is not None and annotate.suffix.lower() != ".docx":
        raise typer.BadParameter(
            _("{path}: the annotated copy is a Word document; name it .docx").format(path=annotate),
            param_hint="--annotate",
        )
    if fix is None:
        return
    if kind == "docx" and fix.suffix.lower() != ".docx":
        raise typer.BadParameter(
            _("{path}: the corrected copy of a .docx draft is a Word document; name it .docx").format(
                path=fix
            ),
            param_hint="--fix",
        )
    if kind == "text" and fix.suffix.lower() in _WORD_SUFFIXES:
        raise typer.BadParameter(
            _(
                "{path}: the corrected copy of a text draft is text; name it .txt or .md "
                "(or check a .docx draft to get a .docx copy)"
            ).format(path=fix),
            param_hint="--fix",
        )


def _same_name(first: Path, second: Path) -> bool:
    """Two names of one path, whether or not it exists yet (``a/../x.docx`` and ``x.docx``)."""
    try:
        return first.resolve() == second.resolve()
    except (OSError, RuntimeError):
        return False


def _read(file: str) -> bytes:
    """The draft's bytes; a missing or unreadable file is a usage error."""
    try:
        if file == "-":
            data = sys.stdin.buffer.read(MAX_INPUT + 1)
        else:
            with open(file, "rb") as handle:
                data = handle.read(MAX_INPUT + 1)
    except OSError as exc:
        from calendar_gen.fileio import os_reason

        raise typer.BadParameter(
            _("cannot read {path}: {reason}").format(path=file, reason=os_reason(exc)), param_hint="FILE"
        ) from None
    if len(data) > MAX_INPUT:
        raise typer.BadParameter(
            _("{path} is bigger than {limit} MB; a draft is smaller").format(
                path=file, limit=MAX_INPUT // (1024 * 1024)
            ),
            param_hint="FILE",
        )
    return data


def _check_plain(data: bytes, entries: Sequence[Anniversary], options: Options) -> Report:
    from calendar_gen.check.document import check_text
    from calendar_gen.check.source import decode_text

    try:
        text = decode_text(data)
    except ValueError:
        raise typer.BadParameter(
            _("the draft is neither UTF-8 text nor a .docx file; save it as .docx or as UTF-8 text"),
            param_hint="FILE",
        ) from None
    from calendar_gen.check.wordfile import MAX_CHARACTERS

    if len(text) > MAX_CHARACTERS:
        raise typer.BadParameter(
            _("the draft has {count} characters; the proofreader reads at most {limit}").format(
                count=len(text), limit=MAX_CHARACTERS
            ),
            param_hint="FILE",
        )
    return check_text(text, entries, options)


def _check_word(data: bytes, entries: Sequence[Anniversary], options: Options) -> tuple[Report, Paragraphs]:
    from calendar_gen.check.document import check_blocks
    from calendar_gen.check.wordfile import WordError, read

    try:
        paragraphs = read(data)
    except WordError as exc:
        raise typer.BadParameter(str(exc), param_hint="FILE") from None
    return check_blocks(paragraphs.blocks, entries, options), paragraphs


def _check_odt(data: bytes, entries: Sequence[Anniversary], options: Options) -> Report:
    from calendar_gen.check.document import check_blocks
    from calendar_gen.check.odtfile import read_odt
    from calendar_gen.check.package import PackageError

    try:
        blocks = read_odt(data)
    except PackageError as exc:
        raise typer.BadParameter(str(exc), param_hint="FILE") from None
    return check_blocks(blocks, entries, options)


def _write_word_outputs(report: Report, data: bytes, annotate: Path | None, fix: Path | None) -> None:
    """The annotated and the corrected copies, each from a fresh copy of the draft."""
    from calendar_gen.check.report import comment_spans, fix_edits
    from calendar_gen.check.wordedit import annotate as add_comments
    from calendar_gen.check.wordedit import fix as fix_runs
    from calendar_gen.check.wordfile import read
    from calendar_gen.cli.output import emit_bytes

    if annotate is not None:
        emit_bytes(add_comments(read(data), comment_spans(report)), annotate, "--annotate")
    if fix is not None:
        fixed = fix_runs(read(data), fix_edits(report))
        emit_bytes(data if fixed is None else fixed, fix, "--fix")  # nothing to fix: the draft as it is


def _print(report: Report, fmt: CheckFormat, name: str) -> None:
    from calendar_gen.check.report import to_json, to_lines

    text = to_json(report) if fmt is CheckFormat.JSON else to_lines(report, name)
    sys.stdout.write(text)
    sys.stdout.flush()
