"""What real guidance documents list: counts over the evidence in ``tests/data/evidence/``.

Reads every monthly and yearly evidence file, checks that it has exactly the agreed keys and that
every ``id`` names an entry of the shipped catalogues (national and province overlays), then prints
compact tables: documents, whole lists, provinces, issuer kinds, years; the catalogue ``kind`` of
each listed item against the count the document writes (N ending in 0, N ending in 5, other N, no
count); how often international days are listed; which sector days each issuer kind lists.
The count class is read from the item's own text (what the document wrote), not recomputed.

    python benchmarks/evidence_stats.py [EVIDENCE_DIR]

Exits 1 (with the file and the problem) when a file breaks the format or names an unknown id.
"""

from __future__ import annotations

import collections
import json
import re
import statistics
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from calendar_gen.catalogue.load import load
from calendar_gen.paths import default_catalogue, province_catalogues

ROOT = Path(__file__).resolve().parents[1]
MONTHLY_KEYS = {"url", "issuer", "issuer_kind", "province", "month", "whole", "list_text", "items"}
YEARLY_KEYS = {"url", "issuer", "issuer_kind", "province", "year", "whole", "sections"}
OPTIONAL_KEYS = {"source"}  # only for documents without a URL (the shared examples)
ISSUER_KINDS = {
    "party", "state", "doan", "truong-hoc", "cong-doan", "y-te", "quan-doi", "cong-an", "hoi", "bao-chi",
}  # fmt: skip
KINDS = (
    "holiday", "event", "armed-forces", "organisation", "sector", "leader", "figure",
    "international", "local",
)  # fmt: skip
CLASSES = ("N…0", "N…5", "N other", "no count")
# "65 năm Ngày …", "Kỷ niệm 93 năm …", "giỗ lần thứ 722 …": the count the document writes (DOMAIN.md).
COUNT = re.compile(r"^\W*(?:kỷ niệm\s+|kỉ niệm\s+)?(?:giỗ\s+lần\s+thứ\s+)?(\d{1,4})\s+năm\b", re.IGNORECASE)


@dataclass(frozen=True)
class Item:
    """One mention of a document, with what the catalogue says of its id."""

    doc: str
    text: str
    id: str | None
    kind: str | None
    issuer_kind: str


@dataclass(frozen=True)
class Doc:
    """One evidence file."""

    path: Path
    data: dict[str, Any]
    items: tuple[Item, ...]

    @property
    def yearly(self) -> bool:
        """Whether the file is a yearly plan (it has sections)."""
        return "sections" in self.data


def count_class(text: str) -> str:
    """The class of the count written at the start of a mention (Nghị định 145/2013, Điều 3)."""
    found = COUNT.match(text)
    if not found:
        return "no count"
    n = int(found.group(1))
    return "N…0" if n % 10 == 0 else "N…5" if n % 5 == 0 else "N other"


def catalogue_kinds() -> dict[str, str]:
    """Every loaded id with its kind (province entries without one are ``local``)."""
    paths = [default_catalogue(), *province_catalogues().values()]
    kinds: dict[str, str] = {}
    for path in paths:
        for entry in load([path]).entries:
            kinds[entry.id] = entry.kind or ("local" if entry.scope != "national" else "event")
    return kinds


def province_slugs() -> set[str]:
    """The 34 units and the former provinces merged into them (data/provinces.yaml)."""
    registry = yaml.safe_load((ROOT / "data" / "provinces.yaml").read_text(encoding="utf-8"))
    slugs = set()
    for unit in registry["units"]:
        slugs.add(unit["slug"])
        slugs.update(former["slug"] for former in unit.get("former") or [])
    return slugs


def raw_items(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The item mappings of a monthly list or of every section of a yearly plan."""
    if "sections" in data:
        for section in data["sections"] or []:
            yield from section.get("items") or []
    else:
        yield from data.get("items") or []


def problems_of(path: Path, data: Any, kinds: dict[str, str], slugs: set[str]) -> list[str]:
    """What breaks the evidence format in one file (empty when it is fine)."""
    if not isinstance(data, dict):
        return [f"{path}: not a mapping"]
    wanted = YEARLY_KEYS if "sections" in data else MONTHLY_KEYS
    found = set(data)
    out = [f"{path}: missing key {k}" for k in sorted(wanted - found)]
    out += [f"{path}: unknown key {k}" for k in sorted(found - wanted - OPTIONAL_KEYS)]
    if data.get("url") is None and "source" not in data:
        out.append(f"{path}: url is null and no source says where the text is")
    if data.get("province") is not None and data.get("province") not in slugs:
        out.append(f"{path}: province {data.get('province')!r} is not a unit or former province slug")
    if data.get("issuer_kind") not in ISSUER_KINDS:
        out.append(f"{path}: issuer_kind {data.get('issuer_kind')!r} is not one of {sorted(ISSUER_KINDS)}")
    for item in raw_items(data):
        ident = item.get("id")
        if ident is None and not item.get("note"):
            out.append(f"{path}: item {item.get('text')!r} has no id and no note saying why")
        elif ident is not None and ident not in kinds:
            out.append(f"{path}: item {item.get('text')!r} names unknown id {ident!r}")
    return out


def read_docs(folder: Path, kinds: dict[str, str]) -> tuple[list[Doc], list[str]]:
    """Every evidence file under ``folder``, and the problems found in them."""
    docs: list[Doc] = []
    problems: list[str] = []
    slugs = province_slugs()
    for path in sorted(folder.glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found = problems_of(path, data, kinds, slugs)
        problems += found
        if found:
            continue
        items = tuple(
            Item(path.stem, str(i["text"]), i.get("id"), kinds.get(i.get("id") or ""), data["issuer_kind"])
            for i in raw_items(data)
        )
        docs.append(Doc(path, data, items))
    return docs, problems


def table(title: str, header: Iterable[str], rows: Iterable[Iterable[object]]) -> None:
    """Print one aligned plain-text table."""
    lines = [list(map(str, header)), *[list(map(str, r)) for r in rows]]
    widths = [max(len(line[c]) for line in lines) for c in range(len(lines[0]))]
    print(f"\n{title}")
    for n, line in enumerate(lines):
        print("  " + "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))


def overview(docs: list[Doc]) -> None:
    """Documents, whole lists, provinces, issuer kinds and years, monthly and yearly apart."""
    rows = []
    groups = (("monthly", [d for d in docs if not d.yearly]), ("yearly", [d for d in docs if d.yearly]))
    for label, group in groups:
        years = sorted({str(d.data.get("month") or d.data.get("year"))[:4] for d in group})
        provinces = {d.data["province"] for d in group if d.data["province"]}
        issuers = collections.Counter(d.data["issuer_kind"] for d in group)
        rows.append(
            (
                label,
                len(group),
                sum(bool(d.data["whole"]) for d in group),
                len(provinces),
                ", ".join(f"{k} {v}" for k, v in sorted(issuers.items())),
                f"{years[0]}–{years[-1]}" if years else "-",
                sum(len(d.items) for d in group),
            )
        )
    table("Documents", ("", "docs", "whole", "provinces", "issuer kinds", "years", "items"), rows)


def list_sizes(docs: list[Doc]) -> None:
    """How many catalogue days a whole monthly list names (items with an id)."""
    sizes = sorted(sum(1 for i in d.items if i.id) for d in docs if not d.yearly and d.data["whole"])
    if sizes:
        median = statistics.median(sizes)
        print(
            f"\nWhole monthly lists: {len(sizes)}; days named per list "
            f"min {sizes[0]}, median {median:g}, max {sizes[-1]}"
        )


def kinds_by_count(docs: list[Doc]) -> None:
    """Listed items of the monthly lists by catalogue kind and by the count class they are written with."""
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    unmapped = 0
    for doc in docs:
        if doc.yearly:
            continue
        for item in doc.items:
            if item.id is None:
                unmapped += 1
                continue
            counts[item.kind or "?"][count_class(item.text)] += 1
    rows = [(k, *(counts[k][c] for c in CLASSES), sum(counts[k].values())) for k in KINDS if counts[k]]
    table("Monthly items by kind and written count", ("kind", *CLASSES, "total"), rows)
    print(f"  items without an id (campaign months, forward mentions, blanket phrases): {unmapped}")


def international(docs: list[Doc]) -> None:
    """How many monthly lists name an international day, and which ones."""
    monthly = [d for d in docs if not d.yearly]
    with_intl = [d for d in monthly if any(i.kind == "international" for i in d.items)]
    named = collections.Counter(i.id for d in monthly for i in d.items if i.kind == "international")
    mapped = sum(1 for d in monthly for i in d.items if i.id)
    print(
        f"\nInternational days: listed by {len(with_intl)} of {len(monthly)} monthly lists; "
        f"{sum(named.values())} of {mapped} mapped items"
    )
    for ident, n in named.most_common():
        print(f"  {n:3}  {ident}")


def sectors(docs: list[Doc]) -> None:
    """Which sector (and organisation) days each issuer kind lists, monthly and yearly together."""
    by_issuer: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for doc in docs:
        for item in doc.items:
            if item.kind in {"sector", "organisation"} and item.id:
                by_issuer[item.issuer_kind][item.id] += 1
    rows = [(k, ", ".join(f"{i} {n}" for i, n in c.most_common())) for k, c in sorted(by_issuer.items())]
    table("Sector and organisation days by issuer kind", ("issuer", "ids (times listed)"), rows)


def candidates(month: str, province: str | None) -> set[str]:
    """Ids that ``calendar-gen month MONTH [-p PROVINCE] --all`` prints: every candidate of the month."""
    command = [sys.executable, "-m", "calendar_gen", "month", month, "--all", "-f", "json"]
    if province:
        command += ["-p", province]
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    return {row["id"] for row in json.loads(result.stdout)}


def baseline(docs: list[Doc]) -> None:
    """Each whole monthly list against today's ``--all`` output for its month and province."""
    rows = []
    for doc in docs:
        if doc.yearly or not doc.data["whole"]:
            continue
        listed = {i.id for i in doc.items if i.id}
        printed = candidates(doc.data["month"], doc.data["province"])
        hit = listed & printed
        rows.append(
            (
                doc.path.stem,
                len(listed),
                len(printed),
                f"{len(hit) / len(printed):.2f}" if printed else "-",
                f"{len(hit) / len(listed):.2f}" if listed else "-",
                ", ".join(sorted(listed - printed)) or "-",
            )
        )
    header = ("whole monthly list", "listed", "--all", "precision", "recall", "listed but not printed")
    table("Today's --all output against whole monthly lists", header, rows)


def main(argv: list[str]) -> int:
    """Validate the evidence, then print the tables."""
    folder = Path(argv[1]) if len(argv) > 1 else ROOT / "tests" / "data" / "evidence"
    docs, problems = read_docs(folder, catalogue_kinds())
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    overview(docs)
    list_sizes(docs)
    kinds_by_count(docs)
    international(docs)
    sectors(docs)
    baseline(docs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
