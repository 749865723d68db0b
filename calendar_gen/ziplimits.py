"""Whether a zip package (a Word template) can be opened safely: bounded parts, methods, sizes.

A zip declares its sizes; a bomb lies about them. Each part is inflated in bounded chunks, counting
what comes out, and reading stops at the limit (issue 23, item 10). Word writes only stored and
deflated parts; other methods (bzip2, lzma) are refused before anything is inflated.
"""

from __future__ import annotations

import io
import zipfile

from calendar_gen.i18n import _

MAX_PARTS = 2000
MAX_UNPACKED = 100_000_000  # bytes; the packaged template unpacks to ~40 KB, a large styled one to a few MB
CHUNK = 1 << 16


class PackageError(Exception):
    """A package that is refused; the message says why and what to do."""


def check_package(data: bytes, required: str = "word/document.xml") -> None:
    """Raise PackageError unless ``data`` is a zip whose parts unpack within the limits."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise PackageError(
            _("is not a Word document (.docx); open it in Word and save it as a .docx file")
        ) from None
    with package:
        entries = package.infolist()
        names = {entry.filename for entry in entries}
        if "content.xml" in names and required not in names:
            raise PackageError(
                _(
                    "is an OpenDocument file (.odt), not a Word document; in LibreOffice choose "
                    "File › Save As… › Word 2007–365 (.docx)"
                )
            )
        if required not in names:
            raise PackageError(
                _("is not a Word document (.docx) though it is a zip file; save it from Word as .docx")
            )
        if len(entries) > MAX_PARTS:
            raise PackageError(
                _("has {count} parts, more than the {limit} a Word document holds; refused").format(
                    count=len(entries), limit=MAX_PARTS
                )
            )
        _inflate_all(package, entries)


def _inflate_all(package: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> None:
    total = 0
    for entry in entries:
        if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageError(
                _("uses a compression Word never writes (part {part}); save it again from Word").format(
                    part=entry.filename
                )
            )
        try:
            with package.open(entry) as part:
                while chunk := part.read(CHUNK):
                    total += len(chunk)
                    if total > MAX_UNPACKED:
                        raise PackageError(
                            _(
                                "unpacks to more than {limit} MB (a zip bomb or a damaged file); "
                                "refused: save it again from Word"
                            ).format(limit=MAX_UNPACKED // 1_000_000)
                        )
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise PackageError(
                _("is damaged (part {part}: {reason}); save it again from Word").format(
                    part=entry.filename, reason=type(exc).__name__
                )
            ) from None
