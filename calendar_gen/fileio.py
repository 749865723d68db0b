"""Write output atomically: a temporary file beside the target, then a rename.

A failed or interrupted run never leaves a half-written file, and an existing file is replaced
only by a complete one. What users expect of ``cp`` and editors holds: a new file gets the mode
the umask allows, a replaced file keeps its mode, a read-only file is refused, and a symbolic link
is written through (the file it points to is replaced; the link stays a link).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path


class ReadOnlyError(PermissionError):
    """The target exists and is read-only: refused, as editors do, rather than replaced."""


class DanglingLinkError(FileNotFoundError):
    """The target is a symbolic link to a file that does not exist: refused, not created."""


def _umask() -> int:
    """The process umask (reading it means setting it: set it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _through_links(path: Path) -> Path:
    """The file a symbolic link (or a chain of them) points to; a dangling link is refused."""
    if not path.is_symlink():
        return path
    target = Path(os.path.realpath(path))
    if not target.exists():
        raise DanglingLinkError(errno.ENOENT, f"symbolic link to the missing {target}", str(path))
    return target


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; raise OSError with the reason on failure.

    A target that exists and is not a regular file (a pipe, /dev/stdout, a device) is written
    to directly: renaming over it would replace the device node, not write to it.
    """
    path = _through_links(path)
    if path.exists() and not path.is_file():
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        with open(path, "wb") as handle:
            handle.write(data)
        return
    try:
        info: os.stat_result | None = path.stat()
    except FileNotFoundError:
        info = None
    if info is not None and (not info.st_mode & 0o222 or not os.access(path, os.W_OK)):
        # Root may write anything; the mode bits still say the owner wants it left alone.
        raise ReadOnlyError(errno.EACCES, "is read-only (make it writable with chmod u+w)", str(path))
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    folder = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
