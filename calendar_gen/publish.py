"""Swap a freshly built folder into place: a failed or interrupted build never leaves half a site.

The site is written into a hidden sibling folder; only when every file is there is the old site
renamed aside and the new one renamed into place, and the old one removed. If a build is killed
between those two renames, the next build puts the previous site back first.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path


class PublishError(OSError):
    """The site could not be written; the message says where and why."""


def _siblings(folder: Path, kind: str) -> list[Path]:
    return sorted(folder.parent.glob(f".{folder.name}.{kind}-*"))


def recover(folder: Path) -> None:
    """Undo an interrupted swap and remove the leftovers of killed builds."""
    olds = _siblings(folder, "old")
    if not folder.exists() and olds:
        os.rename(olds[-1], folder)
        olds = olds[:-1]
    for leftover in [*olds, *_siblings(folder, "building")]:
        shutil.rmtree(leftover, ignore_errors=True)


def publish(
    folder: Path, files: Iterable[tuple[str, bytes]], progress: Callable[[], None] = lambda: None
) -> int:
    """Write the files into a new folder and swap it in for ``folder``; the number of files."""
    folder = folder.resolve()
    if folder.exists() and not folder.is_dir():
        raise PublishError(f"{folder} exists and is not a folder; choose another DIR")
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
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
            target.write_bytes(data)
            count += 1
            progress()
        old = folder.parent / f".{folder.name}.old-{os.getpid()}"
        if folder.exists():
            os.rename(folder, old)
        os.rename(building, folder)
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
