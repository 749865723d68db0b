"""Swap a freshly built folder into place: a failed or interrupted build never leaves half a site.

The site is written into a hidden sibling folder and synced to disk; only when every file is there
is the old site renamed aside and the new one renamed into place, and the old one removed. If a
build is killed between those two renames, the next build puts the previous site back first. A
lock file keeps two builds of the same site from running at once.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path


class PublishError(OSError):
    """The site could not be written; the message says where and why."""


def _siblings(folder: Path, kind: str) -> list[Path]:
    return sorted(folder.parent.glob(f".{folder.name}.{kind}-*"))


def recover(folder: Path) -> None:
    """Undo an interrupted swap and remove the leftovers of killed builds (call under the lock)."""
    olds = sorted(_siblings(folder, "old"), key=lambda p: p.stat().st_mtime)
    if not folder.exists() and olds:
        os.rename(olds[-1], folder)  # the newest previous site
        olds = olds[:-1]
    for leftover in [*olds, *_siblings(folder, "building")]:
        shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One build of a site at a time (two cron jobs must not remove each other's work)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, builds must not overlap
        yield
        return
    with open(folder.parent / f".{folder.name}.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise PublishError(f"another build of {folder} is running; wait for it to finish") from None
        yield


def _write(target: Path, data: bytes) -> None:
    with open(target, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())  # on disk before the site is swapped in


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform can fsync a folder
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def publish(
    folder: Path, files: Iterable[tuple[str, bytes]], progress: Callable[[], None] = lambda: None
) -> int:
    """Write the files into a new folder and swap it in for ``folder``; the number of files."""
    folder = folder.resolve()
    if folder.exists() and not folder.is_dir():
        raise PublishError(f"{folder} exists and is not a folder; choose another DIR")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PublishError(f"cannot create the site next to {folder}: {exc.strerror or exc}") from None
    with _locked(folder):
        return _publish(folder, files, progress)


def _publish(folder: Path, files: Iterable[tuple[str, bytes]], progress: Callable[[], None]) -> int:
    try:
        recover(folder)
        building = folder.parent / f".{folder.name}.building-{os.getpid()}"
        building.mkdir()
    except OSError as exc:
        raise PublishError(f"cannot create the site next to {folder}: {exc.strerror or exc}") from None
    count = 0
    try:
        for relative, data in files:
            target = (building / relative).resolve()
            if building not in target.parents:  # a path from a file name must stay inside the site
                raise PublishError(f"refusing to write outside the site: {relative}")
            target.parent.mkdir(parents=True, exist_ok=True)
            _write(target, data)
            count += 1
            progress()
        for sub in [building, *(p for p in building.rglob("*") if p.is_dir())]:
            _sync_folder(sub)
        old = folder.parent / f".{folder.name}.old-{os.getpid()}"
        if folder.exists():
            os.rename(folder, old)
        os.rename(building, folder)
        _sync_folder(folder.parent)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(building, ignore_errors=True)
        if isinstance(exc, PublishError):
            raise
        raise PublishError(f"cannot write the site into {folder}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return count
