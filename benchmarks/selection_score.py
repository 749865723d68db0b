"""Score the default monthly selection against real guidance lists (issue 18's quality bar).

For every document of ``tests/data/evidence/monthly/`` this runs the selection that ``calendar-gen
month YYYY-MM -p PROVINCE [--for AUDIENCE]`` prints and compares it with the ids the document lists:
precision (printed items the document lists; whole lists only) and recall (document items printed).

Leave one province out: an entry's ``listed:`` override counts for a document only when its
``listed_because`` cites evidence from another province (or a national document), so no rule is
scored on the documents it was fit to.

    .venv/bin/python benchmarks/selection_score.py            # table and medians
    .venv/bin/python benchmarks/selection_score.py --json     # per document, for tooling
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import statistics
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calendar_gen.catalogue.provinces import restrict  # noqa: E402
from calendar_gen.catalogue.types import Catalogue  # noqa: E402
from calendar_gen.cli.common import catalogue_paths, load_catalogue  # noqa: E402
from calendar_gen.cli.provincechoice import resolve_choices  # noqa: E402
from calendar_gen.engine.listing import choose, listed_only  # noqa: E402
from calendar_gen.engine.occurrences import occurrences  # noqa: E402

EVIDENCE = Path(os.environ.get("EVIDENCE_DIR", ROOT / "tests" / "data" / "evidence" / "monthly"))
# The audience (--for) of each kind of issuer; Party and State bodies take the default selection.
AUDIENCE = {
    "doan": "doan",
    "truong-hoc": "truong-hoc",
    "cong-doan": "cong-doan",
    "y-te": "y-te",
    "quan-doi": "quan-doi",
    "cong-an": "cong-an",
    "bao-chi": "bao-chi",
}
CITED = re.compile(r"(\d{4}(?:-\d{2})?-[a-z][a-z0-9-]*?)(?:\.yaml)?(?=[\s,;)]|$)")


@dataclasses.dataclass
class Score:
    """One document's result."""

    name: str
    province: str | None
    issuer_kind: str
    whole: bool
    printed: int
    listed: int
    hits: int
    missing: list[str]
    extra: list[str]

    @property
    def precision(self) -> float | None:
        return self.hits / self.printed if self.whole and self.printed else None

    @property
    def recall(self) -> float | None:
        return self.hits / self.listed if self.listed else None


def override_sources() -> dict[str, set[str]]:
    """For each entry with ``listed:``, the evidence documents its ``listed_because`` cites."""
    cited: dict[str, set[str]] = {}
    for path in [ROOT / "data" / "anniversaries.yaml", *sorted((ROOT / "data" / "provinces").glob("*.yaml"))]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data.get("anniversaries") or []:
            if "listed" in entry:
                # "evidence: A, B (notes)": the documents before the parenthesis justify the rule.
                cited[entry["id"]] = set(CITED.findall(str(entry.get("listed_because", "")).split("(")[0]))
    return cited


def province_of(document: str) -> str | None:
    """The province of an evidence document (monthly or yearly), from its file."""
    for folder in (EVIDENCE, EVIDENCE.parent / "yearly"):
        path = folder / f"{document}.yaml"
        if path.exists():
            return yaml.safe_load(path.read_text(encoding="utf-8")).get("province")
    return None


def without_own(loaded: Catalogue, province: str | None, cited: dict[str, set[str]]) -> Catalogue:
    """The catalogue with the overrides that only this province's documents justify switched off."""
    entries = []
    for entry in loaded.entries:
        sources = cited.get(entry.id)
        if entry.listed is not None and sources is not None and province is not None:
            others = {doc for doc in sources if province_of(doc) != province}
            if not others:
                entry = entry.replace(listed=None)
        entries.append(entry)
    return loaded.replace(entries=tuple(entries))


def score(path: Path, cited: dict[str, set[str]]) -> Score | None:
    """Run the selection for one document (a month, or a year's plan) and compare."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "year" in doc and "month" not in doc:
        return score_year(path, doc, cited)
    year, month = map(int, str(doc["month"]).split("-"))
    province = doc.get("province")
    choices = resolve_choices([province]) if province else []
    loaded = load_catalogue(catalogue_paths(None, False, [province] if province else None))
    if province:
        loaded = restrict(loaded, choices)
        if (year, month) < (2025, 7):  # before the merger the province was on its own
            kept = tuple(e for e in loaded.entries if e.former in (None, province))
            loaded = loaded.replace(entries=kept)
    loaded = without_own(loaded, province, cited)
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    found = occurrences(loaded.entries, dt.date(year, month, 1), dt.date(year, month, last))
    audience = AUDIENCE.get(str(doc.get("issuer_kind")))
    chosen = choose(found, loaded.rules, (audience,) if audience else ())
    printed = {o.anniversary.id for o in listed_only(chosen)}
    wanted = {str(item["id"]) for item in doc.get("items") or [] if item.get("id")}
    known = {o.anniversary.id for o in found}
    listed = wanted & known  # items of other months or without an entry cannot be printed
    return Score(
        path.stem,
        province,
        str(doc.get("issuer_kind")),
        bool(doc.get("whole")),
        len(printed),
        len(listed),
        len(printed & listed),
        sorted(listed - printed),
        sorted(printed - listed),
    )


def loaded_for(province: str | None, year: int, month: int, cited: dict[str, set[str]]) -> Catalogue:
    """The catalogue as ``-p province`` loads it at that date, with the province's own overrides off."""
    loaded = load_catalogue(catalogue_paths(None, False, [province] if province else None))
    if province:
        loaded = restrict(loaded, resolve_choices([province]))
        if (year, month) < (2025, 7):  # before the merger the province was on its own
            kept = tuple(e for e in loaded.entries if e.former in (None, province))
            loaded = loaded.replace(entries=kept)
    return without_own(loaded, province, cited)


def score_year(path: Path, doc: dict[str, object], cited: dict[str, set[str]]) -> Score:
    """The yearly plan (``calendar-gen year YYYY [-p]``) against a yearly guidance list."""
    year = int(str(doc["year"]))
    province = doc.get("province")
    loaded = loaded_for(str(province) if province else None, year, 1, cited)
    found = occurrences(loaded.entries, dt.date(year, 1, 1), dt.date(year, 12, 31), yearly=True)
    printed = {o.anniversary.id for o in listed_only(choose(found, loaded.rules, yearly=True))}
    sections = doc.get("sections") or []
    wanted = {
        str(item["id"])
        for section in sections  # type: ignore[attr-defined]
        for item in section.get("items") or []
        if item.get("id")
    }
    listed = wanted & {o.anniversary.id for o in found}
    return Score(
        path.stem,
        str(province) if province else None,
        "year:" + str(doc.get("issuer_kind")),
        bool(doc.get("whole")),
        len(printed),
        len(listed),
        len(printed & listed),
        sorted(listed - printed),
        sorted(printed - listed)[:8],
    )


def main() -> None:
    """Print the table and the medians (or JSON with --json)."""
    cited = override_sources()
    paths = [*sorted(EVIDENCE.glob("*.yaml")), *sorted((EVIDENCE.parent / "yearly").glob("*.yaml"))]
    scores = [s for p in paths if (s := score(p, cited)) is not None]
    if "--json" in sys.argv:
        rows = [dataclasses.asdict(s) | {"precision": s.precision, "recall": s.recall} for s in scores]
        print(json.dumps(rows, ensure_ascii=False))
        return
    print(f"{'document':48} {'kind':10} {'whole':5} {'P':>5} {'R':>5}  missing / extra")
    for s in scores:
        p = f"{s.precision:.2f}" if s.precision is not None else "  -"
        r = f"{s.recall:.2f}" if s.recall is not None else "  -"
        print(
            f"{s.name[:48]:48} {s.issuer_kind:10} {'yes' if s.whole else 'no':5} {p:>5} {r:>5}  "
            f"-{','.join(s.missing)} +{','.join(s.extra)}"
        )
    party = [s for s in scores if s.issuer_kind == "party"]
    monthly = [s for s in scores if not s.issuer_kind.startswith("year:")]
    yearly = [s for s in scores if s.issuer_kind.startswith("year:")]
    groups = (("monthly Party lists", party), ("all monthly lists", monthly), ("yearly plans", yearly))
    for label, group in groups:
        precisions = [s.precision for s in group if s.precision is not None]
        recalls = [s.recall for s in group if s.recall is not None]
        if precisions or recalls:
            print(
                f"{label}: {len(group)} documents; median precision "
                f"{statistics.median(precisions) if precisions else float('nan'):.2f} "
                f"({len(precisions)} whole lists), median recall "
                f"{statistics.median(recalls) if recalls else float('nan'):.2f} ({len(recalls)} lists)"
            )


if __name__ == "__main__":
    main()
