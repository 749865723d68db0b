"""Option types shared by the commands: each option is declared once, with its help text.

Help texts are English message ids marked with ``N_``; they are translated when help is shown
(``calendar_gen.cli.translate``), so importing this module reads no locale.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from calendar_gen.cli.callbacks import clean_text, header_text, remember_option
from calendar_gen.cli.formats import SheetFormat, TextFormat
from calendar_gen.i18n import N_
from calendar_gen.render.formatting import DateStyle

# Options shared by the commands (Annotated aliases keep each signature short and the help uniform).
CatalogueOpt = Annotated[
    Optional[list[Path]],  # noqa: UP045 - typer reads this annotation at run time
    typer.Option(
        "--catalogue",
        "-c",
        help=N_("Extra catalogue YAML file; repeatable. Later files override entries with the same id."),
        show_default=False,
    ),
]
NoDefaultOpt = Annotated[
    bool, typer.Option("--no-default", help=N_("Leave out the shipped national catalogue."))
]
ProvinceOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--province",
        "-p",
        help=N_(
            'Add a province\'s days: a unit (quang-ngai, "TP Hồ Chí Minh") or a former province (kon-tum).'
        ),
        show_default=False,
    ),
]
ScopeOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--scope",
        "-s",
        help=N_("Keep entries of this scope: national, province, province:<slug>, sector, sector:<slug>."),
        show_default=False,
    ),
]
TagOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--tag", "-t", help=N_("Keep entries with this tag; repeatable (any of them)."), show_default=False
    ),
]
KindOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--kind",
        "-k",
        help=N_("Keep entries of this kind (holiday, event, sector, ...)."),
        show_default=False,
    ),
]
RoundOpt = Annotated[
    bool,
    typer.Option("--round", "-r", help=N_("Keep only năm tròn and năm lẻ 5 (Nghị định 145/2013, Điều 3).")),
]
TodayOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--today", help=N_("Take this date (YYYY-MM-DD) as today instead of the clock."), show_default=False
    ),
]
FormatOpt = Annotated[
    Optional[TextFormat],  # noqa: UP045
    typer.Option(
        "--format",
        "-f",
        help=N_("Output format; default: from the -o file's extension, else text."),
        show_default=False,
        show_envvar=False,
    ),
]
SheetFormatOpt = Annotated[
    Optional[SheetFormat],  # noqa: UP045
    typer.Option(
        "--format",
        "-f",
        help=N_(
            "Output format; html, pdf and docx are printable sheets, xlsx an Excel table; "
            "default: from the -o file's extension, else text."
        ),
        show_default=False,
        show_envvar=False,
    ),
]
IssuerOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--issuer",
        callback=header_text,
        help=N_("Sheets: issuing body; superior body first, split by '|': 'Tỉnh ủy Kon Tum|Ban Tuyên giáo'."),
        show_default=False,
    ),
]
PlaceOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--place",
        help=N_("Sheets: place in the header date line, e.g. 'Kon Tum'."),
        show_default=False,
        callback=header_text,
    ),
]
IssuedOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--issued",
        help=N_("Sheets: document date (YYYY-MM-DD); default today when a header is asked for."),
        show_default=False,
    ),
]
NumberOpt = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--number",
        callback=header_text,
        help=N_("Sheets: document number for the header, e.g. '125-HD/BTGDVTU'."),
        show_default=False,
    ),
]
SourcesOpt = Annotated[
    str | None,
    typer.Option(
        "--sources",
        help=N_(
            "Sheets: source notes in full, short (first reference of each), or none; "
            "default short on a sheet, none in a document (--profile)."
        ),
        show_envvar=False,
    ),
]
PartyOpt = Annotated[
    bool,
    typer.Option(
        "--party", help=N_("Sheets: Party header (ĐẢNG CỘNG SẢN VIỆT NAM) instead of the state motto.")
    ),
]
OutputOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        help=N_("Write to this file (atomically) instead of standard output."),
        show_default=False,
    ),
]
StyleOpt = Annotated[
    DateStyle,
    typer.Option(
        "--date-style",
        help=N_("nd30: 03/3/1959 (Nghị định 30/2020); plain: 3/3/1959; padded: 03/03/1959."),
        show_envvar=False,
    ),
]
TemplatesOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--templates",
        help=N_("Folder of your own templates, used before the packaged ones."),
        show_default=False,
        exists=True,
        file_okay=False,
        show_envvar=False,
        callback=remember_option,  # an output may not replace it (issue 23)
    ),
]


FromOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--from",
        help=N_("First year; default: last year."),
        min=1,
        max=9998,
        show_default=False,
        show_envvar=False,
    ),
]
ToOpt = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option(
        "--to",
        help=N_("Last year; default: two years ahead."),
        min=1,
        max=9998,
        show_default=False,
        show_envvar=False,
    ),
]


HostOpt = Annotated[
    str, typer.Option("--host", help=N_("Address to listen on (127.0.0.1: this machine only)."))
]
PortOpt = Annotated[
    int, typer.Option("--port", help=N_("Port to listen on."), min=1, max=65535, show_envvar=False)
]
DomainOpt = Annotated[
    str,
    typer.Option(
        "--domain",
        help=N_("Domain part of every event UID; keep it fixed once published."),
        callback=clean_text,
    ),
]


DaysOffOpt = Annotated[
    bool,
    typer.Option(
        "--days-off",
        help=N_("Sheets: mark the public days off (Tết, Giỗ Tổ, 30/4–1/5, Quốc khánh, swaps) in red."),
    ),
]
AllOpt = Annotated[
    bool,
    typer.Option(
        "--all",
        help=N_(
            "List every anniversary of the period, not only what guidance lists (by default: the "
            "ngày lễ lớn, năm tròn and năm lẻ 5, the province's days and Kết luận 88-KL/TW; --explain)."
        ),
    ),
]
ForOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--for",
        metavar="AUDIENCE",
        help=N_(
            "Also list what this issuer lists every year: doan, truong-hoc, cong-doan, quan-doi, "
            "cong-an, y-te, phu-nu, cuu-chien-binh, bao-chi; repeatable."
        ),
        show_default=False,
    ),
]
IncludeOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--include",
        metavar="ID",
        help=N_("Also list this entry (its id, as month -f json shows it); repeatable."),
        show_default=False,
    ),
]
ExcludeOpt = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--exclude",
        metavar="ID",
        help=N_("Leave this entry out (its id); repeatable."),
        show_default=False,
    ),
]
ByMonthOpt = Annotated[
    bool,
    typer.Option("--by-month", help=N_("The yearly list month by month instead of the plan's sections.")),
]
ExplainOpt = Annotated[
    bool,
    typer.Option("--explain", help=N_("Show what is listed and what is left out, each with the reason.")),
]
ProfileOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--profile",
        help=N_(
            "Sheets: document profile (YAML) for a complete document: issuing body, type, "
            "recipients and signature block (README.md, Document profile)."
        ),
        show_default=False,
        exists=True,
        dir_okay=False,
        show_envvar=False,
        callback=remember_option,  # an output may not replace it (issue 23)
    ),
]
DocxTemplateOpt = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--docx-template",
        help=N_("DOCX: your own copy of the Word template (templates/sheet.docx), restyled in Word."),
        show_default=False,
        exists=True,
        dir_okay=False,
        show_envvar=False,
        callback=remember_option,  # an output may not replace it (issue 23)
    ),
]
