"""Options that shape a document: the profile (``--profile``) and the Word template.

Read with the catalogue's guards; every problem is an option error (exit 2) naming the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from calendar_gen.cli.formats import SheetFormat
from calendar_gen.cli.output import SHEETS
from calendar_gen.i18n import _

if TYPE_CHECKING:
    from calendar_gen.render.html import SheetInfo


def sheet_options_only(fmt: SheetFormat, profile: Path | None, docx_template: Path | None) -> None:
    """``--profile`` and ``--docx-template`` shape a sheet: refused, not ignored, with another format.

    A profile that chooses items (``include:``, ``exclude:``) is used by every format, since it
    changes what the paragraph and the lists hold too; only its header fields need a sheet.
    """
    for option, value in (("--profile", profile), ("--docx-template", docx_template)):
        if value is None or (fmt in SHEETS and (option == "--profile" or fmt is SheetFormat.DOCX)):
            continue
        if option == "--profile" and _chooses(value):
            continue
        needs = "-f html|pdf|docx" if option == "--profile" else "-f docx"
        raise typer.BadParameter(
            _("{option} makes a printable sheet: add {needs} or -o FILE.docx").format(
                option=option, needs=needs
            ),
            param_hint=option,
        )


def _chooses(profile: Path) -> bool:
    """Whether the profile adds or drops items."""
    office = read_profile(profile)
    return bool(office.include or office.exclude)


def document_info(
    info: SheetInfo, profile: Path | None, docx_template: Path | None, year: int, month: int | None
) -> SheetInfo:
    """The sheet's facts with the document profile (``--profile``) and the Word template added.

    Header fields given on the command line win over the profile's.
    """
    import dataclasses

    from calendar_gen.render.html import Header

    if docx_template is not None:
        check_word_template(docx_template)
    if profile is None:
        return dataclasses.replace(info, docx_template=docx_template)
    loaded = read_profile(profile)
    header = info.header
    header = Header(
        issuer=header.issuer or loaded.issuer,
        place=header.place or loaded.place,
        issued=header.issued or info.generated,
        party=header.party or loaded.party,
        number=header.number or loaded.number_for(year, month),
    )
    return dataclasses.replace(info, header=header, profile=loaded, docx_template=docx_template)


def check_word_template(path: Path) -> None:
    """The catalogue's file guards and the zip limits for ``--docx-template`` (exit 2 when refused)."""
    from calendar_gen.catalogue.files import read_bytes
    from calendar_gen.problems import CatalogueError
    from calendar_gen.ziplimits import PackageError, check_package

    try:
        check_package(read_bytes(path))
    except CatalogueError as exc:
        raise typer.BadParameter(
            "; ".join(str(p) for p in exc.problems), param_hint="--docx-template"
        ) from None
    except PackageError as exc:
        raise typer.BadParameter(f"{path}: {exc}", param_hint="--docx-template") from None


def read_profile(path: Path) -> Any:
    """Read and check a document profile with the catalogue's guards; every problem, naming the file.

    Exit 2, as for any wrong option value (issue 23, items 10 and 11).
    """
    from calendar_gen.catalogue.guards import load_plain
    from calendar_gen.problems import CatalogueError
    from calendar_gen.render.profile import ProfileError
    from calendar_gen.render.profilecheck import checked

    try:
        return checked(load_plain(path))
    except CatalogueError as exc:
        lines = [str(problem) for problem in exc.problems]
    except ProfileError as exc:
        lines = [f"{path}: {line}" for line in str(exc).splitlines()]
    raise typer.BadParameter("\n".join(lines), param_hint="--profile")
