"""Issue 14, item 6: served feeds' DTSTAMP comes from the catalogue's content, as the CLI's does.

A reinstall or a copy changes the files' times, not their content: calendar apps must not see
every event as changed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from calendar_gen.catalogue.stamps import feed_stamp
from calendar_gen.paths import default_catalogue
from calendar_gen.web.server import create_app


def served_dtstamps(path: Path) -> set[str]:
    app = create_app([path], today=lambda: dt.date(2025, 3, 1))
    with TestClient(app) as client:
        body = client.get("/feed.ics?from=2025&to=2025").text
    return set(re.findall(r"^DTSTAMP:(\S+)", body, flags=re.M))


def test_same_content_different_file_times_give_the_same_dtstamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first, second = tmp_path / "a" / "c.yaml", tmp_path / "b" / "c.yaml"
    for copy, when in ((first, 1_000_000_000), (second, 1_700_000_000)):
        copy.parent.mkdir()
        shutil.copyfile(default_catalogue(), copy)
        os.utime(copy, (when, when))
    stamps = served_dtstamps(first)
    assert len(stamps) == 1
    assert stamps == served_dtstamps(second)
    expected = feed_stamp([first], {}).strftime("%Y%m%dT%H%M%SZ")
    assert stamps == {expected}  # the same stamp `calendar-gen feed` and `build` write
