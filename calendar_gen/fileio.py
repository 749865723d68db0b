"""Write output atomically: a temporary file beside the target, then a rename.

A failed or interrupted run never leaves a half-written file, and an existing file is replaced
only by a complete one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step; raise OSError with the reason on failure.

    A target that exists and is not a regular file (a pipe, /dev/stdout, a device) is written
    to directly: renaming over it would replace the device node, not write to it.
    """
    if path.exists() and not path.is_file():
        if path.is_dir():
            raise IsADirectoryError(21, "is a folder", str(path))
        with open(path, "wb") as handle:
            handle.write(data)
        return
    folder = path.parent if str(path.parent) else Path(".")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):  # keep the mode of the file being replaced
            os.chmod(temp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
