"""Swap a freshly built folder into place: a failed or interrupted build never leaves half a site.

The site is written into a hidden sibling folder and synced to disk; only when every file is there
is the old site renamed aside and the new one renamed into place, and the old one removed. If a
build is killed between those two renames, the next build puts the previous site back first.

Only a site calendar-gen built itself is ever replaced: every site carries a marker file
(``.calendar-gen-site``) listing the files it wrote, and a folder that lacks it, or holds anything
it does not list, is refused, never removed. Sibling names are compared literally (a folder
called ``a*`` is no pattern). A lock file beside the site, removed when the build ends, keeps two
builds of the same site from running at once.

Rebuilds are incremental: a file whose content hash equals that of the same file in the site being
replaced is not written again but hard-linked from it into the new folder, so its mtime (and a web
server's or rsync's view of it) stays as it was; only changed files are written.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, NamedTuple

from calendar_gen.i18n import _

MARKER = ".calendar-gen-site"
MARKER_HEADER = "calendar-gen site: the files below were written by calendar-gen build\n"
BUILDING_STAMP = ".calendar-gen-building"  # inside a folder being built; removed before the swap
STAMP_TEXT = "calendar-gen build: this folder is a site being built\n"


class PublishError(OSError):
    """The site could not be written; the message says where and why."""


class Published(NamedTuple):
    """How many files a build wrote, and how many it kept unchanged from the previous site."""

    written: int
    kept: int


def _siblings(folder: Path, kind: str) -> list[Path]:
    """``.{name}.{kind}-{pid}`` beside ``folder``, matched literally (the name is no pattern)."""
    prefix = f".{folder.name}.{kind}-"
    try:
        names = os.listdir(folder.parent)
    except OSError:
        return []
    return sorted(
        folder.parent / name
        for name in names
        if name.startswith(prefix) and name[len(prefix) :].isascii() and name[len(prefix) :].isdigit()
    )


def recover(folder: Path) -> None:
    """Undo an interrupted swap and remove the leftovers of killed builds (call under the lock)."""
    # Only folders this program made are restored or removed (issue 23, item 15): a previous site
    # carries its marker, a half-built one the stamp written when it was created. Another folder
    # of the same name is someone's, and stays as it is.
    olds = [p for p in _siblings(folder, "old") if _is_site(p)]
    olds.sort(key=lambda p: p.stat().st_mtime)
    if not os.path.lexists(folder) and olds:
        os.rename(olds[-1], folder)  # the newest previous site
        olds = olds[:-1]
    ours = olds + [p for p in _siblings(folder, "building") if _stamped(p)]
    for leftover in ours:
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _is_site(folder: Path) -> bool:
    """Whether ``folder`` is a real folder holding a site calendar-gen built."""
    if folder.is_symlink() or not folder.is_dir():
        return False
    return written_by_us(folder) is not None or _legacy_site(folder) is not None


def _stamped(building: Path) -> bool:
    """Whether ``building`` is a folder a build created (its stamp, a regular file, is inside)."""
    stamp = building / BUILDING_STAMP
    try:
        return not building.is_symlink() and not stamp.is_symlink() and stamp.read_text("utf-8") == STAMP_TEXT
    except (OSError, UnicodeDecodeError):
        return False


def written_by_us(folder: Path) -> set[str] | None:
    """The relative paths the marker of ``folder`` lists, or None when it has no valid marker."""
    marker = folder / MARKER
    if marker.is_symlink() or not marker.is_file():
        return None
    try:
        text = marker.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not text.startswith(MARKER_HEADER):
        return None
    return {line for line in text[len(MARKER_HEADER) :].splitlines() if line}


def _contents(folder: Path) -> set[str]:
    """Every file, folder and link below ``folder``, relative to it (links are not followed)."""
    found: set[str] = set()
    for root, dirs, names in os.walk(folder):
        base = Path(root).relative_to(folder)
        found.update(str(base / name) for name in [*dirs, *names])
    return found


# Sites built before the marker existed hold only these files (and sites built since, whose marker
# was lost): recognised so that upgrading does not break a cron job, and only when every path
# matches and the three core files are there.
LEGACY_PATH = re.compile(
    r"feed\.ics|index\.html|app\.js|feeds|feeds/[a-z0-9-]+\.ics|qr|qr/[a-z0-9-]+\.svg"
    r"|workspace\.js|sw\.js|dang-ky-lich\.html|huong-dan-su-dung\.html|selection|selection/[0-9]{4}(?:-[0-9]{2})?\.json"
    r"|month|month/[0-9]{4}-[0-9]{2}\.(?:html|docx|pdf|txt)|year|year/[0-9]{1,4}\.(?:html|docx|pdf)"
)
LEGACY_CORE = {"feed.ics", "index.html", "feeds/toan-quoc.ics"}


def _legacy_site(folder: Path) -> set[str] | None:
    """The files of a site built before markers existed, or None when ``folder`` is not one."""
    present = _contents(folder)
    if present >= LEGACY_CORE and all(LEGACY_PATH.fullmatch(p) for p in present):
        return present
    return None


def check_replaceable(folder: Path) -> None:
    """Refuse to replace anything but an empty folder or a site this program wrote, untouched since."""
    if not os.path.lexists(folder):
        return
    if folder.is_symlink() or not folder.is_dir():
        raise PublishError(_("{folder} exists and is not a folder; choose another DIR").format(folder=folder))
    with os.scandir(folder) as entries:
        if next(entries, None) is None:
            return  # an empty folder: nothing to lose
    listed = written_by_us(folder) or _legacy_site(folder)
    if listed is None:
        raise PublishError(
            _(
                "{folder} is not empty and was not built by calendar-gen (it has no {marker}); "
                "nothing was changed: choose a new or empty DIR"
            ).format(folder=folder, marker=MARKER)
        )
    folders = {str(parent) for p in listed for parent in Path(p).parents if str(parent) != "."}
    foreign = sorted(_contents(folder) - listed - folders - {MARKER})
    if foreign:
        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        raise PublishError(
            _(
                "{folder} holds files calendar-gen did not write ({files}); nothing was changed: "
                "move them out of the site or choose another DIR"
            ).format(folder=folder, files=shown)
        )


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One build of a site at a time (two cron jobs must not remove each other's work).

    The lock file sits beside the site and is removed when the build ends; a build that finds the
    file replaced under it (removed by the build that just ended) takes the new one instead.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, builds must not overlap
        yield
        return
    lock = folder.parent / f".{folder.name}.lock"
    for _attempt in range(10):
        handle = _open_lock(lock)
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise PublishError(
                    _("another build of {folder} is running; wait for it to finish").format(folder=folder)
                ) from None
            try:
                same = os.stat(lock).st_ino == os.fstat(handle.fileno()).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                continue  # removed by the build that held it: lock the file that is there now
            try:
                yield
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(lock)  # under the lock, so no other build holds this file
            return
        finally:
            handle.close()
    raise PublishError(_("another build of {folder} is running; wait for it to finish").format(folder=folder))


def _open_lock(lock: Path) -> IO[str]:
    """The lock file, never through a symbolic link planted in its place (issue 23, item 15).

    ``O_NOFOLLOW`` refuses a link (which would make the build create or append to the file it
    points to); a lock that is not a regular file is refused too.
    """
    flags = (
        os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    )
    refused = _("{lock} is not a lock file calendar-gen made (a symbolic link or a special file); remove it")
    try:
        fd = os.open(lock, flags, 0o644)
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(lock):
            raise PublishError(refused.format(lock=lock)) from None
        from calendar_gen.fileio import os_reason

        raise PublishError(
            _("cannot create the lock file {lock}: {reason}").format(lock=lock, reason=os_reason(exc))
        ) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise PublishError(refused.format(lock=lock))
    return os.fdopen(fd, "a")


def _write(target: Path, data: bytes) -> None:
    with open(target, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())  # on disk before the site is swapped in


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def _kept(previous: Path | None, relative: str, data: bytes, target: Path) -> bool:
    """Link the previous site's copy of ``relative`` to ``target`` when its content hash is the same.

    Only files of a site this program wrote are reused (``previous`` is None otherwise), and
    only regular files, never links. A file system without hard links gets the file written.
    """
    if previous is None:
        return False
    old = previous / relative
    try:
        if old.is_symlink() or not old.is_file() or old.stat().st_size != len(data):
            return False
        if _digest(old.read_bytes()) != _digest(data):
            return False
        os.link(old, target)
    except OSError:
        return False
    return True


def _previous(folder: Path) -> Path | None:
    """The site being replaced, when it is one calendar-gen wrote (checked by check_replaceable)."""
    if folder.is_symlink() or not folder.is_dir():
        return None
    return folder if (written_by_us(folder) or _legacy_site(folder)) else None


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can fsync a folder
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def site_folder(folder: Path) -> Path:
    """The absolute site folder, checked: call before building to fail early (publish checks again)."""
    folder = Path(os.path.abspath(folder))  # '.' and '..' by name; a symlinked site is refused
    if folder.parent == folder or not folder.name:
        raise PublishError(
            _("{folder} is the root of the file system; choose a folder for the site").format(folder=folder)
        )
    folder = folder.parent.resolve() / folder.name
    check_replaceable(folder)
    return folder


def publish(
    folder: Path, files: Iterable[tuple[str, bytes]], progress: Callable[[], None] = lambda: None
) -> Published:
    """Write the files into a new folder and swap it in for ``folder``; how many were written, kept."""
    folder = site_folder(folder)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from calendar_gen.fileio import os_reason

        raise PublishError(
            _("cannot create the site next to {folder}: {reason}").format(
                folder=folder, reason=os_reason(exc)
            )
        ) from None
    with _locked(folder):
        check_replaceable(folder)  # again, under the lock
        return _publish(folder, files, progress)


def _publish(folder: Path, files: Iterable[tuple[str, bytes]], progress: Callable[[], None]) -> Published:
    try:
        recover(folder)
        check_replaceable(folder)  # a recovered previous site too
        building = folder.parent / f".{folder.name}.building-{os.getpid()}"
        building.mkdir()
        (building / BUILDING_STAMP).write_text(STAMP_TEXT, encoding="utf-8")
    except OSError as exc:
        from calendar_gen.fileio import os_reason

        if isinstance(exc, PublishError):
            raise
        raise PublishError(
            _("cannot create the site next to {folder}: {reason}").format(
                folder=folder, reason=os_reason(exc)
            )
        ) from None
    written: list[str] = []
    kept = 0
    try:
        previous = _previous(folder)
        for relative, data in files:
            target = (building / relative).resolve()
            if building not in target.parents:  # a path from a file name must stay inside the site
                raise PublishError(_("refusing to write outside the site: {path}").format(path=relative))
            target.parent.mkdir(parents=True, exist_ok=True)
            name = str(target.relative_to(building))
            if _kept(previous, name, data, target):
                kept += 1
            else:
                _write(target, data)
            written.append(name)
            progress()
        marker = (MARKER_HEADER + "".join(f"{p}\n" for p in sorted(written))).encode()
        if not _kept(previous, MARKER, marker, building / MARKER):
            _write(building / MARKER, marker)
        for sub in [building, *(p for p in building.rglob("*") if p.is_dir())]:
            _sync_folder(sub)
        os.unlink(building / BUILDING_STAMP)  # the site must hold only what its marker lists
        old = folder.parent / f".{folder.name}.old-{os.getpid()}"
        if os.path.lexists(folder):
            os.rename(folder, old)
        os.rename(building, folder)
        _sync_folder(folder.parent)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        from calendar_gen.fileio import os_reason

        shutil.rmtree(building, ignore_errors=True)
        if isinstance(exc, PublishError):
            raise
        raise PublishError(
            _("cannot write the site into {folder}: {reason}").format(folder=folder, reason=os_reason(exc))
        ) from None
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return Published(len(written) - kept, kept)
