"""Local days as real provincial documents write them, reproduced with exact counts and dates.

Each file in tests/data/provinces/ quotes a provincial document verbatim (its address on the first
line, the month on the second). Every "N năm <name> (<founded> – <that year's date>)" mention in it
must be an occurrence of the unit's overlay in that month, with the same count, founding date and
name (or an alias of the entry), so the tool would have written the same mention.
"""

from __future__ import annotations

import calendar as gregorian
import datetime as dt
import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from calendar_gen.catalogue.load import load
from calendar_gen.engine.occurrences import occurrences
from calendar_gen.paths import province_catalogues

FILES = sorted((Path(__file__).parent / "data" / "provinces").glob("*.txt"))
MENTION = re.compile(
    r"(?P<count>\d+) năm (?P<name>[^()]+?) \((?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\s*[-–]\s*"
    r"(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4})\)"
)


def plain(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().replace("–", "-")
    text = re.sub(r"\s+", " ", text).strip(" .,;")
    return text.removeprefix("ngày ").removeprefix("kỷ niệm ")


def test_there_is_a_golden_document_per_region() -> None:
    units = {path.name.rsplit("-", 2)[0] for path in FILES}
    north, centre, south = {"ha-noi", "son-la", "hung-yen"}, {"quang-ngai", "quang-tri"}, {"can-tho"}
    assert units & north and units & centre and units & south


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_local_mentions_are_reproduced(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# source: http")
    year, month = map(int, lines[1].removeprefix("# month: ").split("-"))
    unit = path.name.rsplit("-", 2)[0]
    catalogue = load([province_catalogues()[unit]])
    last = gregorian.monthrange(year, month)[1]
    found = occurrences(catalogue.entries, dt.date(year, month, 1), dt.date(year, month, last))
    mentions = list(MENTION.finditer("\n".join(lines[2:])))
    assert mentions, path.name
    for mention in mentions:
        founded = (int(mention["y"]), int(mention["m"]), int(mention["d"]))
        matches = [
            occ
            for occ in found
            if occ.count == int(mention["count"])
            and (occ.anniversary.founded.year, occ.anniversary.founded.month, occ.anniversary.founded.day)
            == founded
            and occ.date == dt.date(int(mention["y2"]), int(mention["m2"]), int(mention["d2"]))
        ]
        assert matches, f"{path.name}: no occurrence for {mention[0]!r}"
        names = {plain(n) for occ in matches for n in (occ.anniversary.name, *occ.anniversary.aliases)}
        written = plain(mention["name"])
        # The same name, the document's longer form ("Ngày giải phóng Cần Thơ, giải phóng miền Nam ..."),
        # its short form in context ("tái lập tỉnh"), or the document's own typo ("Đảng Cộng Việt Nam").
        assert any(
            written.startswith(n) or n.startswith(written) or SequenceMatcher(None, written, n).ratio() > 0.97
            for n in names
        ), (written, names)
