"""Office packages (.docx, .odt) unpacked safely: bounded work whatever the zip declares.

A zip's directory can lie about sizes, so nothing here trusts it: every part is inflated in
bounded chunks and counted as it comes out, and the unpacking stops at the first limit passed
(issue 23, item 1). Word and LibreOffice write only stored and deflated parts; any other method
(bzip2, lzma) is refused before a byte of it is inflated. The refusal names the real reason: too
many parts, a part that inflates too far for its packed size, or too much in all.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from calendar_gen.i18n import _

MAX_UNPACKED = 100 * 1024 * 1024  # all parts read, together, inflated
MAX_RATIO = 200  # inflated / packed size of one part, once it is past 1 MB
RATIO_FLOOR = 1024 * 1024
MAX_PARTS = 5000
CHUNK = 64 * 1024
ZIP_MAGIC = b"PK\x03\x04"
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


class PackageError(ValueError):
    """A file that is not the office package it claims to be, or one too big to unpack."""


def _directory(data: bytes, kind: str) -> list[zipfile.ZipInfo]:
    if not data.startswith(ZIP_MAGIC):
        raise PackageError(
            _("not a {kind} document; open it in Word or LibreOffice and save it as .docx").format(kind=kind)
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise _damaged(kind, exc) from None


def _damaged(kind: str, exc: Exception) -> PackageError:
    return PackageError(
        _(
            "not a {kind} document, or a damaged one ({reason}); "
            "open it in Word or LibreOffice and save it again"
        ).format(kind=kind, reason=exc)
    )


def check_directory(data: bytes, kind: str) -> list[zipfile.ZipInfo]:
    """The package's parts, refused when they are too many or packed in a method Word never uses."""
    infos = _directory(data, kind)
    if len(infos) > MAX_PARTS:
        raise PackageError(
            _("the {kind} file has {count} parts; a document has at most {limit}").format(
                kind=kind, count=len(infos), limit=MAX_PARTS
            )
        )
    for info in infos:
        if info.compress_type not in _METHODS:
            raise PackageError(
                _(
                    "the {kind} file packs '{part}' in a way Word and LibreOffice never use; "
                    "open it in Word or LibreOffice and save it again"
                ).format(kind=kind, part=info.filename)
            )
        if info.flag_bits & 0x1:
            raise PackageError(
                _("the {kind} file is encrypted; save it without a password").format(kind=kind)
            )
    return infos


def unpack(data: bytes, kind: str, wanted: Iterable[str] | None = None) -> dict[str, bytes]:
    """Inflate the parts (all, or the ``wanted`` ones that exist) in chunks, within the limits."""
    infos = check_directory(data, kind)
    names = None if wanted is None else set(wanted)
    parts: dict[str, bytes] = {}
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for info in infos:
                if info.is_dir() or (names is not None and info.filename not in names):
                    continue
                chunks: list[bytes] = []
                size = 0
                with package.open(info) as stream:
                    while chunk := stream.read(CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        _within_limits(kind, info, size, total)
                        chunks.append(chunk)
                parts[info.filename] = b"".join(chunks)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        if isinstance(exc, PackageError):
            raise
        raise _damaged(kind, exc) from None
    return parts


def _within_limits(kind: str, info: zipfile.ZipInfo, size: int, total: int) -> None:
    """Stop at the first limit passed, saying which (a zip bomb inflates far past its packed size)."""
    if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
        raise PackageError(
            _(
                "the {kind} file is a zip bomb: '{part}' inflates more than {ratio} times its packed "
                "size; the file is refused"
            ).format(kind=kind, part=info.filename, ratio=MAX_RATIO)
        )
    if total > MAX_UNPACKED:
        raise PackageError(
            _("the {kind} file unpacks to more than {limit} MB; a document is smaller").format(
                kind=kind, limit=MAX_UNPACKED // (1024 * 1024)
            )
        )
