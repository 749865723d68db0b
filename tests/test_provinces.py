"""The 34 provincial units since 01/7/2025, their former provinces, and ``-p`` as people type it."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from calendar_gen.catalogue.load import load_file
from calendar_gen.catalogue.provinces import Choice, UnknownProvince, key, load_registry, resolve
from calendar_gen.cli.app import app
from calendar_gen.paths import province_catalogues, province_registry

REGISTRY = load_registry(province_registry())
UNITS = [
    "ha-noi",
    "hue",
    "lai-chau",
    "dien-bien",
    "son-la",
    "lang-son",
    "quang-ninh",
    "thanh-hoa",
    "nghe-an",
    "ha-tinh",
    "cao-bang",
    "tuyen-quang",
    "lao-cai",
    "thai-nguyen",
    "phu-tho",
    "bac-ninh",
    "hung-yen",
    "hai-phong",
    "ninh-binh",
    "quang-tri",
    "da-nang",
    "quang-ngai",
    "gia-lai",
    "khanh-hoa",
    "lam-dong",
    "dak-lak",
    "ho-chi-minh",
    "dong-nai",
    "tay-ninh",
    "can-tho",
    "vinh-long",
    "dong-thap",
    "ca-mau",
    "an-giang",
]
FORMER = [
    "ha-giang",
    "yen-bai",
    "bac-kan",
    "vinh-phuc",
    "hoa-binh",
    "bac-giang",
    "thai-binh",
    "hai-duong",
    "ha-nam",
    "nam-dinh",
    "quang-binh",
    "quang-nam",
    "kon-tum",
    "binh-dinh",
    "ninh-thuan",
    "dak-nong",
    "binh-thuan",
    "phu-yen",
    "binh-duong",
    "ba-ria-vung-tau",
    "binh-phuoc",
    "long-an",
    "soc-trang",
    "hau-giang",
    "ben-tre",
    "tra-vinh",
    "tien-giang",
    "bac-lieu",
    "kien-giang",
]
runner = CliRunner()


def test_registry_lists_the_34_units_and_29_former_provinces() -> None:
    assert [u.slug for u in REGISTRY.units] == UNITS
    assert sorted(s for u in REGISTRY.units for s, _ in u.former) == sorted(FORMER)
    assert len([u for u in REGISTRY.units if not u.former]) == 11  # unchanged units (NQ 202/2025/QH15)


def test_every_unit_ships_an_overlay_whose_header_agrees_with_the_registry() -> None:
    shipped = province_catalogues()
    assert sorted(shipped) == sorted(UNITS)
    for unit in REGISTRY.units:
        loaded = load_file(shipped[unit.slug])
        assert loaded.province == unit, unit.slug
        formers = {slug for slug, _ in unit.former}
        for entry in loaded.entries:
            assert entry.scope == f"province:{unit.slug}", entry.id
            assert entry.former is None or entry.former in formers, entry.id
            assert entry.source, entry.id
        # Each former province brings its own days (Kon Tum's into Quảng Ngãi, ...).
        for slug in formers:
            assert any(e.former == slug for e in loaded.entries), (unit.slug, slug)


@pytest.mark.parametrize("slug", UNITS)
def test_every_unit_slug_resolves_to_the_whole_unit(slug: str) -> None:
    choice = resolve(slug, REGISTRY)
    assert choice.unit.slug == slug and choice.former is None


@pytest.mark.parametrize("slug", FORMER)
def test_every_former_slug_resolves_to_that_province_only(slug: str) -> None:
    choice = resolve(slug, REGISTRY)
    assert choice.former == slug and slug in dict(choice.unit.former)


@pytest.mark.parametrize(
    ("typed", "unit", "former"),
    [
        ("Kon Tum", "quang-ngai", "kon-tum"),
        ("kontum", "quang-ngai", "kon-tum"),
        ("TP Hồ Chí Minh", "ho-chi-minh", None),
        ("Thành phố Hồ Chí Minh", "ho-chi-minh", None),
        ("tp. hồ chí minh", "ho-chi-minh", None),
        ("Thừa Thiên Huế", "hue", None),
        ("tỉnh Quảng Ngãi", "quang-ngai", None),
        ("Bà Rịa - Vũng Tàu", "ho-chi-minh", "ba-ria-vung-tau"),
        ("DAK LAK", "dak-lak", None),
        ("Đắk Nông", "lam-dong", "dak-nong"),
        ("Hoà Bình", "phu-tho", "hoa-binh"),
    ],
)
def test_names_as_people_type_them(typed: str, unit: str, former: str | None) -> None:
    assert resolve(typed, REGISTRY) == Choice(next(u for u in REGISTRY.units if u.slug == unit), former)


def test_unknown_name_gets_a_suggestion() -> None:
    with pytest.raises(UnknownProvince) as info:
        resolve("Kon Tun", REGISTRY)
    assert info.value.suggestion == "Kon Tum"
    assert key("TP. Hồ Chí Minh") == "hochiminh"


def test_cli_unknown_province_says_did_you_mean() -> None:
    result = runner.invoke(app, ["month", "2024-03", "-p", "Quang Ngai x"])
    assert result.exit_code == 2
    assert "did you mean 'Quảng Ngãi'?" in result.output


def test_former_province_selects_its_days_only_and_unit_selects_all() -> None:
    def ids(*province: str) -> set[str]:
        args = ["year", "2025", "--no-default", "-f", "json"] + [x for p in province for x in ("-p", p)]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        return {item["id"] for item in json.loads(result.output)}

    kon_tum, unit = ids("Kon Tum"), ids("quang-ngai")
    assert kon_tum and kon_tum < unit
    assert all(i.startswith("kon-tum-") for i in kon_tum)
    assert ids("kon-tum", "quang-ngai") == unit


def test_provinces_command_lists_units_with_former_provinces() -> None:
    result = runner.invoke(app, ["provinces", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["slug"] for r in rows] == UNITS
    quang_ngai = next(r for r in rows if r["slug"] == "quang-ngai")
    assert quang_ngai["name"] == "Quảng Ngãi"
    assert quang_ngai["former"][0]["slug"] == "kon-tum" and quang_ngai["former"][0]["name"] == "Kon Tum"
    assert quang_ngai["former"][0]["entries"] >= 6
    text = runner.invoke(app, ["provinces"]).output
    assert "quang-ngai" in text and "Kon Tum (kon-tum" in text


def test_old_scope_filter_still_selects_a_former_province() -> None:
    result = runner.invoke(
        app, ["year", "2025", "--no-default", "-p", "quang-ngai", "-s", "province:kon-tum", "-f", "json"]
    )
    found = json.loads(result.output)
    assert found and all(item["id"].startswith("kon-tum-") for item in found)
