"""The interface in Vietnamese by default and in English on request (issue 9).

The catalog must hold every message the code marks, translated; the real console script must
speak Vietnamese on a machine never set up for a locale and English under an English locale or
``--lang en``, for help, usage errors and catalogue problems alike.
"""

from __future__ import annotations

import gettext
import os
import shutil
import string
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from calendar_gen import i18n

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "calendar_gen" / "locale" / "vi" / "LC_MESSAGES" / "calendar_gen.po"
SCRIPT = shutil.which("calendar-gen", path=str(Path(sys.executable).parent)) or "calendar-gen"
LOCALE_VARIABLES = ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE")
Message = str | tuple[str, str]


def extracted() -> dict[Message, str]:
    """Every message id marked in calendar_gen, as ``pybabel extract -F babel.cfg -k N_ -k Nn_:1,2``."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "N_": None, "Nn_": (1, 2)}
    found: dict[Message, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=keywords
    ):
        found.setdefault(message if isinstance(message, str) else tuple(message), f"{filename}:{lineno}")
    return found


def catalog() -> Catalog:
    with PO.open("rb") as source:
        return read_po(source)


def fields(text: str) -> set[str]:
    """The replacement fields of a str.format template: '{name}', '{name!r}'."""
    result = set()
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            result.add(
                "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            )
    return result


def test_every_message_is_translated_with_the_same_placeholders() -> None:
    messages = extracted()
    assert len(messages) > 150  # the extraction found the package's messages
    po = catalog()
    assert po.plural_forms == "nplurals=1; plural=0;"
    problems = []
    for msgid, where in sorted(messages.items(), key=str):
        entry = po.get(msgid[0] if isinstance(msgid, tuple) else msgid)
        if entry is None or (entry.id != msgid):
            problems.append(f"{where}: not in vi.po: {msgid!r}")
            continue
        strings = list(entry.string) if isinstance(entry.string, tuple | list) else [entry.string]
        if entry.fuzzy or not all(strings):
            problems.append(f"{where}: untranslated or fuzzy: {msgid!r}")
            continue
        for text in strings:
            if unicodedata.normalize("NFC", text) != text:
                problems.append(f"{where}: translation is not NFC: {text!r}")
            if isinstance(msgid, tuple):  # one Vietnamese form serves both; Click passes every field
                if not fields(text) <= fields(msgid[0]) | fields(msgid[1]):
                    problems.append(f"{where}: placeholders of {text!r} are not those of {msgid!r}")
            elif fields(text) != fields(msgid):
                problems.append(f"{where}: placeholders of {text!r} differ from {msgid!r}")
    stale = [m.id for m in po if m.id and (m.id if isinstance(m.id, str) else tuple(m.id)) not in messages]
    problems += [f"vi.po: no longer in the code: {m!r}" for m in stale]
    assert not problems, "\n".join(problems)


def test_compiled_catalog_is_current() -> None:
    """The .mo that gettext reads holds the .po's translations (reinstall after editing the .po)."""
    translations = i18n.translations("vi")
    assert isinstance(translations, gettext.GNUTranslations)
    for message in catalog():
        if message.id and isinstance(message.id, str) and message.string:
            assert translations.gettext(message.id) == message.string, (
                "calendar_gen.mo is older than calendar_gen.po: run .venv/bin/pip install -e . --no-deps"
            )


# The console script in a subprocess, under the locale environments users have.


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LOCALE_VARIABLES}
    return {**env, "PYTHONIOENCODING": "utf-8", **extra}


VIETNAMESE = {"unset": environment(), "C": environment(LANG="C"), "POSIX": environment(LC_ALL="POSIX")}
ENGLISH_ENV = environment(LANG="en_US.UTF-8")


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SCRIPT, *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False
    )


def squeeze(text: str) -> str:
    """Text without whitespace, so that help wrapped at any width compares with its message."""
    return "".join(text.split())


def command_names() -> list[str]:
    import typer.main

    from calendar_gen.cli.app import app

    group = typer.main.get_command(app)
    assert hasattr(group, "commands")
    return sorted(group.commands)


def help_texts(name: str | None) -> tuple[str, list[str]]:
    """The English help of a command (or the group) and of its options and arguments."""
    import click
    import typer.main

    from calendar_gen.cli.app import app

    command = typer.main.get_command(app)
    if name is not None:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    params = [getattr(p, "help", None) for p in command.params]
    return command.help or "", [p for p in params if p]


@pytest.mark.parametrize("name", [None, *command_names()])
def test_help_is_vietnamese_without_a_locale_and_english_on_request(name: str | None) -> None:
    args = ["--help"] if name is None else [name, "--help"]
    summary, options = help_texts(name)
    for label, env in VIETNAMESE.items():
        result = cli(*args, env=env)
        assert result.returncode == 0, result.stderr
        out = squeeze(result.stdout)
        assert "Cáchdùng:" in out and "Tùychọn:" in out and "Hiệnhướngdẫnnàyrồithoát." in out, label
        assert "Usage:" not in out and "Options:" not in out, label
        assert squeeze(i18n.translations("vi").gettext(summary)) in out, (label, summary)
        for text in options:
            vietnamese = i18n.translations("vi").gettext(text)
            assert squeeze(vietnamese) in out, (label, text)
            assert squeeze(text) not in out, (label, "English help text shown", text)
    for english in (cli(*args, env=ENGLISH_ENV), cli("--lang", "en", *args, env=VIETNAMESE["unset"])):
        assert english.returncode == 0, english.stderr
        out = squeeze(english.stdout)
        assert "Usage:" in out and "Options:" in out and "Showthismessageandexit." in out
        assert squeeze(summary) in out and all(squeeze(text) in out for text in options)
        assert "Tùychọn" not in out


def test_group_listing_shows_translated_summaries() -> None:
    out = cli("--help", env=VIETNAMESE["unset"]).stdout
    assert "Lệnh:" in out
    assert "Các ngày kỷ niệm trong tháng" in out and "Các ngày kỷ niệm sắp tới" in out


def test_python_dash_m_speaks_vietnamese_too() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "calendar_gen", "month", "--help"],
        capture_output=True,
        text=True,
        env=VIETNAMESE["unset"],
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0 and "Tùy chọn:" in result.stdout, result.stderr
    english = subprocess.run(
        [sys.executable, "-m", "calendar_gen", "--lang=en", "--version"],
        capture_output=True,
        text=True,
        env=VIETNAMESE["unset"],
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert english.returncode == 0 and english.stdout.startswith("calendar-gen ")


def test_usage_error_is_vietnamese_by_default_english_with_lang_en() -> None:
    result = cli("month", "2024-13", env=VIETNAMESE["unset"])
    assert result.returncode == 2
    assert "Lỗi: Giá trị không hợp lệ cho YYYY-MM: '2024-13' không phải là tháng" in result.stderr
    assert "Xem hướng dẫn: 'calendar-gen month --help'." in result.stderr
    result = cli("month", "2024-13", "--lang", "en", env=VIETNAMESE["unset"])
    assert result.returncode == 2
    assert (
        "Error: Invalid value for YYYY-MM: '2024-13' is not a month; months run from 01 to 12"
        in result.stderr
    )
    result = cli("month", "--bogus", env=VIETNAMESE["C"])
    assert result.returncode == 2 and "Lỗi: Không có tùy chọn: --bogus" in result.stderr
    result = cli("mnth", env=VIETNAMESE["unset"])
    assert result.returncode == 2 and "Không có lệnh 'mnth'. Có phải là 'month'?" in result.stderr
    result = cli("mnth", env=ENGLISH_ENV)
    assert result.returncode == 2 and "No such command 'mnth'. Did you mean 'month'?" in result.stderr


def test_catalogue_problems_are_vietnamese_by_default(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "anniversaries:\n  - {id: a, name: A, date: 31/2/1990}\n  - {id: b, nam: B, date: 1990}\n",
        encoding="utf-8",
    )
    result = cli("validate", str(bad), env=VIETNAMESE["unset"])
    assert result.returncode == 1
    assert "phát hiện 3 lỗi:" in result.stderr
    assert f"{bad}:2:28: mục 'a': ngày '31/2/1990': tháng 2/1990 không có ngày 31 (tháng này có 28 ngày)" in (
        result.stderr
    )
    assert f"{bad}:3:13: mục 'b': không có khóa 'nam'; có phải là 'name'?" in result.stderr
    assert f"{bad}:3:5: mục 'b': thiếu khóa bắt buộc 'name'" in result.stderr
    english = cli("--lang=en", "validate", str(bad), env=VIETNAMESE["unset"])
    assert english.returncode == 1
    assert "3 problems found:" in english.stderr
    assert f"{bad}:2:28: entry 'a': date '31/2/1990': day 31 does not exist in 2/1990 (it has 28 days)" in (
        english.stderr
    )
    month = cli("month", "2024-03", "-c", str(bad), env=VIETNAMESE["C"])
    assert month.returncode == 1 and "danh mục có 3 lỗi:" in month.stderr


def test_an_english_locale_gives_english_messages(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("anniversaries:\n  - {id: a, name: A, date: ٣/٣/١٩٥٩}\n", encoding="utf-8")
    result = cli("validate", str(bad), env=ENGLISH_ENV)
    assert result.returncode == 1 and "the digit '٣' is not 0-9" in result.stderr
    result = cli("validate", str(bad), env=environment(LANG="vi_VN.UTF-8"))
    assert result.returncode == 1 and "chữ số '٣' không thuộc 0-9" in result.stderr


@pytest.mark.parametrize(
    ("argv", "environ", "language"),
    [
        ([], {}, "vi"),
        ([], {"LANG": "C"}, "vi"),
        ([], {"LANG": "POSIX"}, "vi"),
        ([], {"LANG": "C.UTF-8"}, "vi"),
        ([], {"LANG": "vi_VN.UTF-8"}, "vi"),
        ([], {"LANG": "fr_FR.UTF-8"}, "vi"),
        ([], {"LANG": "en_US.UTF-8"}, "en"),
        ([], {"LANG": "en"}, "en"),
        ([], {"LANG": "en_US.UTF-8", "LC_ALL": "C"}, "vi"),  # LC_ALL wins over LANG
        ([], {"LC_ALL": "en_GB.UTF-8", "LANG": "vi_VN.UTF-8"}, "en"),
        ([], {"LC_MESSAGES": "en_US.UTF-8", "LANG": "C"}, "en"),
        ([], {"LANGUAGE": "en:vi", "LANG": "vi_VN.UTF-8"}, "en"),  # LANGUAGE first, its first entry
        ([], {"LANGUAGE": "", "LANG": "en_US.UTF-8"}, "en"),  # an empty variable is skipped
        (["--lang", "en"], {"LANG": "C"}, "en"),
        (["--lang=en"], {}, "en"),
        (["month", "--lang", "vi"], {"LANG": "en_US.UTF-8"}, "vi"),
        (["--lang", "fr"], {"LANG": "en_US.UTF-8"}, "vi"),  # unknown language: the default
        (["--", "--lang", "en"], {}, "vi"),  # after "--" it is an argument, not the option
        (["--lang"], {"LANG": "en_US.UTF-8"}, "en"),  # no value: the environment decides
    ],
)
def test_choose(argv: list[str], environ: dict[str, str], language: str) -> None:
    assert i18n.choose(argv, environ) == language


@pytest.mark.parametrize(
    ("argv", "rest"),
    [
        (["month", "--lang", "en", "2024-03"], ["month", "2024-03"]),
        (["--lang=vi", "month"], ["month"]),
        (["month", "--", "--lang", "en"], ["month", "--", "--lang", "en"]),
        (["month", "--lang"], ["month", "--lang"]),  # left for Click to report the missing value
        ([], []),
    ],
)
def test_without_lang(argv: list[str], rest: list[str]) -> None:
    assert i18n.without_lang(argv) == rest


def test_library_messages_stay_english_until_the_cli_chooses() -> None:
    from calendar_gen.catalogue.dates import DateError, parse_founding

    assert i18n.active_language() == "en"
    with pytest.raises(DateError, match="month 13 does not exist"):
        parse_founding("3/13/1959")
