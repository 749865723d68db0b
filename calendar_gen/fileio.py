"""Write output atomically: a temporary file beside the target, then a rename.

A failed or interrupted run never leaves a half-written file, and an existing file is replaced
only by a complete one. What users expect of ``cp`` and editors holds: a new file gets the mode
the umask allows, a replaced file keeps its mode, a read-only file is refused, and a symbolic link
is written through (the file it points to is replaced; the link stays a link).

While a temporary file is written it is locked (``flock``); a temporary file of our own naming that
nobody holds is what a killed run (``kill -9``) left behind, and the next write to that folder
removes it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from calendar_gen.i18n import N_, _

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: stale files are then left alone
    fcntl = None  # type: ignore[assignment]

# mkstemp's names: the prefix, eight characters of its alphabet, the suffix (".NAME.k3x_9aqz.tmp").
_TEMP_MIDDLE = re.compile(r"[a-z0-9_]{8}")
_STALE_AFTER = 2.0  # seconds: a file younger than this may belong to a run that has not locked it yet


# What an operating-system error means, as a sentence in the user's language: strerror is the C
# library's English ("No such file or directory") and has no place inside a Vietnamese message.
_REASONS = {
    errno.ENOENT: N_("there is no such file or folder"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.EACCES: N_("permission denied (check the file's and its folder's permissions)"),
    errno.EPERM: N_("permission denied (check the file's and its folder's permissions)"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
    errno.ELOOP: N_("the path goes through a symbolic link that is refused or loops"),
    errno.ENAMETOOLONG: N_("the file name or path is too long"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is used up"),
    errno.EROFS: N_("the disk is mounted read-only"),
    errno.EEXIST: N_("a file of that name already exists"),
    errno.EBUSY: N_("the file is in use by another program"),
    errno.EIO: N_("the disk reported a read or write error"),
}


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, translated (every caller uses this, not strerror)."""
    if isinstance(exc, ReadOnlyError):
        return _("it is read-only (make it writable with chmod u+w)")
    if isinstance(exc, DanglingLinkError):
        return _("it is a symbolic link to a file that does not exist")
    reason = _REASONS.get(exc.errno or 0)
    if reason is not None:
        return _(reason)
    code = errno.errorcode.get(exc.errno or 0)
    return _("operating-system error {code}").format(code=code) if code else _("operating-system error")


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


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file, through links, ``..`` and hard links (device and inode)."""
    try:
        one, other = os.stat(first), os.stat(second)
    except (OSError, ValueError):
        return False
    return (one.st_dev, one.st_ino) == (other.st_dev, other.st_ino)


def _is_ours(entry: os.DirEntry[str], name: str) -> bool:
    """``.NAME.XXXXXXXX.tmp`` as :func:`write_atomic` names its temporary files, a regular file."""
    prefix, suffix = f".{name}.", ".tmp"
    if not (entry.name.startswith(prefix) and entry.name.endswith(suffix)):
        return False
    if not _TEMP_MIDDLE.fullmatch(entry.name[len(prefix) : -len(suffix)]):
        return False
    try:
        return entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def clean_stale_temps(folder: Path, name: str) -> list[Path]:
    """Remove the temporary files of ``name`` that killed runs left in ``folder``; return them.

    A file is stale when it has our naming, is a regular file, is older than a moment and nobody
    holds its lock (a running writer does; the kernel drops the lock of a killed one).
    """
    removed: list[Path] = []
    if fcntl is None:  # pragma: no cover - Windows
        return removed
    try:
        entries = [e for e in os.scandir(folder) if _is_ours(e, name)]
    except OSError:
        return removed
    for entry in entries:
        try:
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            if time.time() - os.fstat(fd).st_mtime < _STALE_AFTER:
                continue
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises while a writer holds it
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
        finally:
            os.close(fd)
    return removed


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
    clean_stale_temps(folder, path.name)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        if fcntl is not None:  # held until the file is renamed or removed: it is not stale
            fcntl.flock(fd, fcntl.LOCK_EX)
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
