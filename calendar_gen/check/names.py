"""Names compared the way a reader does: without accents, case, punctuation or abbreviations.

"Ngày thành lập QĐND Việt Nam", "NGÀY THÀNH LẬP QUÂN ĐỘI NHÂN DÂN VIỆT NAM" and "Ngày thành lập
Quân đội nhân dân Việt Nam" give the same tokens. "Liệt sỹ" and "Liệt sĩ" (and the other i/y
spellings of one syllable) are one word. Words that documents add or drop freely ("ngày",
"kỷ niệm", "của") are left out of the comparison.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Abbreviations in guidance documents (DOMAIN.md, "Errors published documents contain"), unaccented.
ABBREVIATIONS = {
    "qdnd": "quan doi nhan dan",
    "cand": "cong an nhan dan",
    "tncs": "thanh nien cong san",
    "hcm": "ho chi minh",
    "bdbp": "bo doi bien phong",
    "lhpn": "lien hiep phu nu",
    "gpmn": "giai phong mien nam",
    "chxhcn": "cong hoa xa hoi chu nghia",
    "xhcn": "xa hoi chu nghia",
    "vn": "viet nam",
    "mttq": "mat tran to quoc",
    "ccb": "cuu chien binh",
    "llvt": "luc luong vu trang",
    "csnd": "canh sat nhan dan",
    "cscd": "canh sat co dong",
    "pccc": "phong chay chua chay",
    "tntp": "thieu nien tien phong",
    "tnxp": "thanh nien xung phong",
    "hssv": "hoc sinh sinh vien",
    "antq": "an ninh to quoc",
    "dbp": "dien bien phu",
    "lhtn": "lien hiep thanh nien",
    "khcn": "khoa hoc cong nghe",
    "tw": "trung uong",
    "tp": "thanh pho",
}
# Words documents add or leave out without changing which day is meant.
_NOISE = frozenset({"ngay", "cua", "cac", "le"})
_NOISE_PAIRS = (("ki", "niem"),)
_CONSONANTS = frozenset("bcdghklmnpqrstvx")
# A local day ("Ngày thành lập Đảng bộ tỉnh ...") is not the national day whose words it shares.
LOCAL_WORDS = re.compile(r"\b(?:tỉnh|huyện|thị\s+xã|thành\s+phố|đảng\s+bộ|quận|thị\s+trấn)\b", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case without accents: 'Liệt sỹ' -> 'liet sy'."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d").replace("Đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _spelling(token: str) -> str:
    """One spelling for syllables written with i or y: 'sy' -> 'si', 'ky' -> 'ki'."""
    if len(token) == 2 and token[1] == "y" and token[0] in _CONSONANTS:
        return token[0] + "i"
    if token == "quy":
        return "qui"
    return token


@lru_cache(maxsize=16384)
def words(text: str) -> tuple[str, ...]:
    """The folded words of a name, abbreviations spelt out, in order."""
    result: list[str] = []
    for raw in re.split(r"[^0-9a-z]+", fold(text)):
        if not raw:
            continue
        expansion = ABBREVIATIONS.get(raw)
        result.extend(expansion.split() if expansion else [_spelling(raw)])
    return tuple(result)


@lru_cache(maxsize=16384)
def tokens(text: str) -> frozenset[str]:
    """The words of a name that identify it (noise words left out)."""
    sequence = list(words(text))
    for first, second in _NOISE_PAIRS:
        for index in range(len(sequence) - 1, 0, -1):
            if sequence[index - 1] == first and sequence[index] == second:
                del sequence[index - 1 : index + 1]
    return frozenset(w for w in sequence if w not in _NOISE)


def similarity(mention: frozenset[str], entry: frozenset[str]) -> float:
    """0..1: Dice overlap, raised when the mention contains every word of the entry's name."""
    return overlap(len(mention & entry), len(mention), len(entry))


def overlap(shared: int, mention: int, entry: int) -> float:
    """:func:`similarity` from the number of shared words and the sizes of both word sets."""
    if not mention or not entry:
        return 0.0
    dice = 2 * shared / (mention + entry)
    if shared == entry and entry >= 2:
        return max(dice, 0.85 + 0.15 * dice)
    return dice


# Units below a province (Nghị quyết 202/2025/QH15 keeps communes and wards; older documents name
# districts and towns): their day is never their province's (issue 19, item 2).
_UNIT = re.compile(
    r"\b(?P<unit>tỉnh|thành\s+phố|huyện|quận|thị\s+xã|thị\s+trấn|xã|phường|đặc\s+khu)\b", re.IGNORECASE
)


def units(name: str) -> frozenset[str]:
    """The kinds of administrative unit a name speaks of: {'tỉnh'}, {'huyện'}, {'thành phố'}."""
    return frozenset(" ".join(m.group("unit").lower().split()) for m in _UNIT.finditer(name))


def is_local(name: str) -> bool:
    """Whether a name speaks of a province, district or Party committee."""
    return LOCAL_WORDS.search(name) is not None
