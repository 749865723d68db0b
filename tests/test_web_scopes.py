"""``web/scopes``: the scope list grouped by provincial unit, in Vietnamese alphabetical order."""

from __future__ import annotations

import pytest

from calendar_gen.catalogue.load import load
from calendar_gen.catalogue.provinces import load_registry
from calendar_gen.paths import default_catalogue, province_catalogues, province_registry
from calendar_gen.web.pages import tag_choices
from calendar_gen.web.scopes import collation_key, scope_choices, scope_label


@pytest.mark.parametrize(
    ("words", "ordered"),
    [
        # The letters: a ă â b c d đ e ê ... o ô ơ ... u ư (code points put Đ after Z, Ă after z).
        (["Đoàn", "Dân", "Ăn", "Anh", "Ân"], ["Anh", "Ăn", "Ân", "Dân", "Đoàn"]),
        (["Ưa", "Uy", "Ơn", "Ôm", "Ong"], ["Ong", "Ôm", "Ơn", "Uy", "Ưa"]),
        (["Ê", "Eo", "Ế"], ["Eo", "Ê", "Ế"]),
        # Tones only break ties, in CLDR's order: ngang, huyền, hỏi, ngã, sắc, nặng.
        (["ạ", "á", "ã", "ả", "à", "a"], ["a", "à", "ả", "ã", "á", "ạ"]),
        (["Má", "Mà", "Mai"], ["Mà", "Má", "Mai"]),
        # Word by word: a space sorts before any letter.
        (["Anh hùng", "An ninh", "Ăn"], ["An ninh", "Anh hùng", "Ăn"]),
        (["Quốc tế", "Quốc phòng", "Quân đội"], ["Quân đội", "Quốc phòng", "Quốc tế"]),
        (
            ["Thanh niên", "Thương binh", "Thể thao", "Tôn giáo"],
            ["Thanh niên", "Thể thao", "Thương binh", "Tôn giáo"],
        ),
    ],
)
def test_vietnamese_alphabetical_order(words: list[str], ordered: list[str]) -> None:
    assert sorted(words, key=collation_key) == ordered


def test_capitals_and_decomposed_text_sort_as_their_letters() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Đoàn thanh niên")
    assert collation_key(decomposed)[:2] == collation_key("đoàn thanh niên")[:2]


def shipped():
    return load([default_catalogue(), *province_catalogues().values()])


def test_every_unit_is_a_group_after_national_with_its_former_provinces() -> None:
    national, groups = scope_choices(shipped())
    assert national[0].value == "national" and national[0].label == "Toàn quốc"
    registry = load_registry(province_registry())
    assert sorted(g.label for g in groups) == sorted(u.name for u in registry.units)
    labels = [g.label for g in groups]
    assert labels == sorted(labels, key=collation_key)
    assert (
        labels.index("Cà Mau") < labels.index("Cao Bằng") < labels.index("Cần Thơ") < labels.index("Đà Nẵng")
    )
    group = next(g for g in groups if g.label == "Quảng Ngãi")
    assert [(o.value, o.label) for o in group.options] == [
        ("province:quang-ngai", "Cả tỉnh Quảng Ngãi"),
        ("province:kon-tum", "Kon Tum (tỉnh cũ)"),
    ]
    hue = next(g for g in groups if g.label == "Huế")
    assert hue.options[0].label == "Cả thành phố Huế"
    formers = {o.value for g in groups for o in g.options[1:]}
    assert {"province:bac-kan", "province:phu-yen", "province:ben-tre"} <= formers


def test_labels_come_from_the_overlay_header_else_the_file_title() -> None:
    catalogue = shipped()
    assert scope_label(catalogue, "province:kon-tum") == "Kon Tum (tỉnh cũ)"
    assert scope_label(catalogue, "province:ho-chi-minh") == "Cả thành phố Hồ Chí Minh"
    assert scope_label(catalogue, "sector:y-te") == "Ngành y-te"


def test_tag_list_is_in_vietnamese_order() -> None:
    from calendar_gen.paths import tag_labels

    names = [name for _slug, name in tag_choices(shipped(), tag_labels())]
    assert names == sorted(names, key=collation_key)
    assert names != sorted(names)  # code-point order would differ (Đ after Z)
