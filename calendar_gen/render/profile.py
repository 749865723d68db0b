"""A document profile: what turns a sheet into a complete guidance document (``--profile FILE``).

The officer writes it once (README.md, "Document profile"): issuing body, place, number pattern,
document type, summary line, recipients and signer. The elements and their order follow Nghị định
30/2020/NĐ-CP, Phụ lục I (State bodies) and Hướng dẫn 36-HD/VPTW (Party bodies): tên loại and
trích yếu under the header, the body, then "Nơi nhận:" on the left and the signature block on the
right (quyền hạn, chức vụ, họ tên). The CLI reads the YAML; this module checks the mapping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from calendar_gen.i18n import _
from calendar_gen.render.pattern import PatternError, fill

# Quyền hạn of the signer. Nghị định 30/2020, Phụ lục I, mục II khoản 7: "TM.", "KT.", "TL.",
# "TUQ.", "Q."; Hướng dẫn 36-HD/VPTW, điểm 1.7: "T/M" and "K/T" (the Party's other forms were
# not verified, so a Party profile accepts these two and signing in one's own right).
STATE_AUTHORITY = {"tm": "TM.", "kt": "KT.", "tl": "TL.", "tuq": "TUQ.", "q": "Q."}
PARTY_AUTHORITY = {"tm": "T/M", "kt": "K/T"}
KEYS = (
    "issuer",
    "party",
    "place",
    "number",
    "type",
    "summary",
    "intro",
    "closing",
    "recipients",
    "signer",
    "include",
    "exclude",
)
SIGNER_KEYS = ("authority", "on_behalf", "role", "name")
DEFAULT_SUMMARY = "Tuyên truyền các ngày kỷ niệm {period}"


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the key."""


@dataclass(frozen=True)
class Signer:
    """The signature block: quyền hạn (T/M, K/T ...) with the body or head, chức vụ, họ tên."""

    authority: str | None = None  # tm, kt, tl, tuq, q
    on_behalf: str = ""  # "BAN THƯỜNG VỤ" after T/M; "TRƯỞNG BAN" after K/T
    role: str = ""  # "PHÓ TRƯỞNG BAN"
    name: str = ""

    def lines(self, party: bool) -> list[str]:
        """The block's lines above the name, in capitals, as both texts print them."""
        table = PARTY_AUTHORITY if party else STATE_AUTHORITY
        first = [f"{table[self.authority]} {self.on_behalf}".strip().upper()] if self.authority else []
        return [*first, *([self.role.upper()] if self.role else [])]


@dataclass(frozen=True)
class Profile:
    """Everything a complete document adds to a sheet."""

    type: str = "HƯỚNG DẪN"
    summary: str = DEFAULT_SUMMARY
    issuer: str | None = None
    party: bool = False
    place: str | None = None
    number: str | None = None  # a pattern: {year}, {month}
    intro: tuple[str, ...] = ()
    closing: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    signer: Signer = Signer()
    include: tuple[str, ...] = ()  # ids the office always lists (as --include)
    exclude: tuple[str, ...] = ()  # ids the office never lists (as --exclude)

    def summary_for(self, period: str, year: int, month: int | None = None) -> str:
        """The trích yếu line: "Tuyên truyền các ngày kỷ niệm tháng 3/2024"."""
        return _fill(self.summary, "summary", period=period, year=year, month=month or "")

    def number_for(self, year: int, month: int | None = None) -> str | None:
        """The document number with its pattern filled in; None when the profile has none."""
        if self.number is None:
            return None
        filled = _fill(self.number, "number", period="", year=year, month=month or "")
        # Blanks left for the number written by hand stay blanks (HTML would collapse spaces).
        return filled.replace(" ", "\u00a0") if filled.startswith(" ") else filled

    def context(self, period: str, year: int, month: int | None = None) -> dict[str, Any]:
        """What the templates print (HTML and Word alike)."""
        return {
            "type": self.type.upper(),
            "summary": self.summary_for(period, year, month),
            "intro": list(self.intro),
            "closing": list(self.closing),
            "recipients": list(self.recipients),
            "authority_lines": self.signer.lines(self.party),
            "name": self.signer.name,
            "party": self.party,
        }


def _fill(pattern: str, key: str, **values: Any) -> str:
    """Only {year}, {month} and {period} are filled in (calendar_gen.render.pattern)."""
    try:
        return fill(pattern, {name: str(value) for name, value in values.items()})
    except PatternError as exc:
        raise ProfileError(f"'{key}': {exc}") from None


def _text(value: Any, key: str) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ProfileError(_("'{key}' must be text").format(key=key))
    return str(value).strip()


def _texts(value: Any, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),)
    if not isinstance(value, list):
        raise ProfileError(_("'{key}' must be a list of lines").format(key=key))
    return tuple(_text(item, key) for item in value)


def _signer(value: Any, party: bool) -> Signer:
    if value is None:
        return Signer()
    if not isinstance(value, dict):
        raise ProfileError(_("'signer' must be a mapping with authority, on_behalf, role and name"))
    unknown = sorted(set(value) - set(SIGNER_KEYS))
    if unknown:
        raise ProfileError(_("unknown key 'signer.{key}'").format(key=unknown[0]))
    texts = {key: _text(value[key], f"signer.{key}") for key in SIGNER_KEYS if value.get(key) is not None}
    authority = texts.pop("authority", "").lower().replace("/", "").replace(".", "") or None
    allowed = PARTY_AUTHORITY if party else STATE_AUTHORITY
    if authority is not None and authority not in allowed:
        raise ProfileError(
            _("'signer.authority' is one of {choices}").format(choices=", ".join(sorted(allowed)))
        )
    return Signer(authority=authority, **texts)


def from_mapping(data: Any) -> Profile:
    """Check a parsed profile file and build the profile; :class:`ProfileError` names the problem."""
    if not isinstance(data, dict):
        raise ProfileError(_("a profile is a mapping of keys such as type, issuer and signer"))
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ProfileError(_("unknown key '{key}'").format(key=unknown[0]))
    party = data.get("party", False)
    if not isinstance(party, bool):
        raise ProfileError(_("'party' must be true or false"))
    issuer = data.get("issuer")
    if isinstance(issuer, list):
        issuer = "|".join(_text(line, "issuer") for line in issuer)
    optional = {key: _text(data[key], key) for key in ("place",) if data.get(key) is not None}
    if data.get("number") is not None:
        optional["number"] = (
            _text(data["number"], "number")
            if not isinstance(data["number"], str)
            else (data["number"].rstrip())
        )
    return Profile(
        type=_text(data.get("type", "HƯỚNG DẪN"), "type"),
        summary=_text(data.get("summary", DEFAULT_SUMMARY), "summary"),
        issuer=None if issuer is None else _text(issuer, "issuer"),
        party=party,
        intro=_texts(data.get("intro"), "intro"),
        closing=_texts(data.get("closing"), "closing"),
        recipients=_texts(data.get("recipients"), "recipients"),
        signer=_signer(data.get("signer"), party),
        include=_texts(data.get("include"), "include"),
        exclude=_texts(data.get("exclude"), "exclude"),
        **optional,
    )
