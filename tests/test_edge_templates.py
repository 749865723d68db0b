"""Issue 23, items 12 and 13: user templates and catalogue aliases cannot exhaust memory or time.

Each hostile template goes through the real command with its address space capped: a refusal
(exit 1, a message, no traceback) in bounded time, never a MemoryError.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

CATALOGUE = """\
anniversaries:
  - id: truong-thpt
    name: Ngày thành lập Trường THPT Kon Tum
    date: 3/3/1959
    scope: sector:giao-duc
"""
MAX_SECONDS = 20
MAX_ADDRESS_SPACE = 1_500_000_000  # bytes; the command needs ~0.4 GB, each attack took 2 GB or more


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MAX_ADDRESS_SPACE, MAX_ADDRESS_SPACE))


def _run(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "calendar_gen", *args],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=120,
        check=False,
        preexec_fn=_limit_memory,
        env={**os.environ, "LANG": "en_US.UTF-8", "PYTHONIOENCODING": "utf-8", **env},
    )
    assert time.monotonic() - start < MAX_SECONDS
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr, result.stderr[-2000:]
    return result


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "scope.yaml").write_text(CATALOGUE, encoding="utf-8")
    (tmp_path / "tpl").mkdir()
    return tmp_path


HOSTILE = [
    '{{ "x"|center(500000000) }}',
    '{{ "x".center(500000000) }}',
    '{{ "x".ljust(500000000) }}',
    '{{ "ab"|replace("", "y" * 900000) }}',
    '{{ "ab".replace("", "y" * 900000) }}',
    '{{ "%500000000d"|format(1) }}',
    '{{ "%500000000d" % 1 }}',
    '{{ "%*d" % (500000000, 1) }}',
    '{{ "{:>500000000}".format(1) }}',
    '{{ "{:>{}}".format(1, 500000000) }}',
    "{{ lipsum(n=3000000) }}",
    '{{ range(100000)|join("y" * 900000) }}',
    '{{ ("a b " * 100000)|wordwrap(1, wrapstring="z" * 1000) }}',
    '{{ ("a\n" * 400000)|indent(100) }}',
    '{% set ns = namespace(x="ab") %}{% for i in range(60) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}',
    '{% set ns = namespace(x="ab") %}{% for i in range(60) %}{% set ns.x = ns.x + ns.x %}{% endfor %}',
    '{% set b = "x" * 900000 %}{% for i in range(100000) %}{{ b }}{% endfor %}',
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}",
    "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
]


@pytest.mark.parametrize("body", HOSTILE)
def test_hostile_templates_are_refused_within_bounds(folder: Path, body: str) -> None:
    (folder / "tpl" / "month.txt.j2").write_text(body, encoding="utf-8")
    before = (folder / "tpl" / "month.txt.j2").read_bytes(), (folder / "scope.yaml").read_bytes()
    result = _run(
        folder,
        "month",
        "2024-03",
        "-c",
        "scope.yaml",
        "--templates",
        "tpl",
        CALENDAR_GEN_TEMPLATE_SECONDS="3",
    )
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("calendar-gen: template "), result.stderr
    assert result.stdout == ""
    assert ((folder / "tpl" / "month.txt.j2").read_bytes(), (folder / "scope.yaml").read_bytes()) == before


def test_hostile_html_templates_are_refused_too(folder: Path) -> None:
    (folder / "tpl" / "month.html.j2").write_text('{{ "x"|center(500000000) }}', encoding="utf-8")
    result = _run(folder, "month", "2024-03", "-c", "scope.yaml", "--templates", "tpl", "-f", "html")
    assert result.returncode == 1 and "template refused" in result.stderr


def test_ordinary_filters_and_methods_still_work(folder: Path) -> None:
    body = (
        '{{ "x"|center(5) }}|{{ "ab"|replace("a", "c") }}|{{ "%03d"|format(7) }}|{{ "{:>3}".format(1) }}|'
        '{{ [1, 2]|join(", ") }}|{{ month ~ "/" ~ year }}|{{ ("a\nb")|indent(2) }}|{{ lipsum(1, false, 5, 10)|length > 0 }}'
    )
    (folder / "tpl" / "month.txt.j2").write_text(body, encoding="utf-8")
    result = _run(folder, "month", "2024-03", "-c", "scope.yaml", "--templates", "tpl")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "  x  |cb|007|  1|1, 2|3/2024|a\n  b|True"


def test_catalogue_aliases_cannot_expand_before_anything_is_cached(folder: Path, tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    lines.append(CATALOGUE.rstrip() + "\n    tags: *a8")
    (folder / "laughs.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cache = tmp_path / "cache"
    for args in (
        ("validate", "laughs.yaml"),
        ("month", "2024-03", "-f", "json", "--no-default", "-c", "laughs.yaml"),
    ):
        result = _run(folder, *args, CALENDAR_GEN_CACHE_DIR=str(cache))
        assert result.returncode == 1
        assert "laughs.yaml: its YAML aliases (*name) repeat more than 100000 values" in result.stderr
    assert not cache.exists() or all(p.stat().st_size < 100_000 for p in cache.rglob("*") if p.is_file())


def test_aliased_tag_lists_validate_quickly(folder: Path) -> None:
    tags = "[" + ", ".join(f"nhan-{i}" for i in range(1000)) + "]"
    entries = "".join(
        f"  - id: t{i}\n    name: Ngày thành lập Trường {i}\n    date: 3/3/1959\n"
        f"    scope: sector:giao-duc\n    tags: {'&t ' + tags if i == 0 else '*t'}\n"
        for i in range(99)
    )
    (folder / "tags.yaml").write_text("anniversaries:\n" + entries, encoding="utf-8")
    start = time.monotonic()
    result = _run(folder, "validate", "tags.yaml")
    assert result.returncode == 0 and time.monotonic() - start < 10


def test_catalogue_yaml_error_is_at_the_opening_quote_never_past_the_end(folder: Path) -> None:
    (folder / "broken.yaml").write_text(
        'anniversaries:\n  - id: a\n    name: "Ngày thành lập\n    date: 3/3/1959\n', encoding="utf-8"
    )
    result = _run(folder, "validate", "broken.yaml")
    assert result.returncode == 1
    assert "broken.yaml:3:11: YAML syntax error: the quote opened here is never closed" in result.stderr
    assert "end of stream" not in result.stderr
