"""Translations of user-facing text: Vietnamese by default, English on request.

Message ids in the code are English. The Vietnamese catalog (``locale/vi/LC_MESSAGES``) is
written as a ``.po`` file and compiled to ``.mo`` by Babel when the package is built. The active
language is chosen once by the CLI or the server (the only places that read the environment);
until then messages are English, so library calls and tests are deterministic.

Activating a language checks that its catalog is installed; the catalog itself is parsed on the
first message shown, so a command that prints no message (``month`` writing its paragraph) does
not read it.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

DOMAIN = "calendar_gen"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("vi", "en")
DEFAULT = "vi"  # officers read Vietnamese; a machine never set up for a locale gets Vietnamese

_active: gettext.NullTranslations | None = None  # parsed on the first message (gettext too)
_language = "en"
# A language for one task or thread only (``speaking``): the web answers in Vietnamese for every
# visitor even when ``serve`` itself was started under an English locale.
_local: contextvars.ContextVar[gettext.NullTranslations | None] = contextvars.ContextVar(
    "calendar_gen_language", default=None
)


class MissingCatalog(RuntimeError):
    """The compiled Vietnamese catalog is not installed (a source tree that was never built)."""


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated where it is shown."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for extraction (messages that another library translates)."""
    return singular, plural


def _catalog() -> gettext.NullTranslations:
    """The active catalog, parsed on first use."""
    global _active
    if _active is None:
        _active = translations(_language)
    return _active


def _(message: str) -> str:
    """The message in the active language."""
    return (_local.get() or _catalog()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message for ``count`` in the active language."""
    return (_local.get() or _catalog()).ngettext(singular, plural, count)


def speaking(language: str) -> contextlib.AbstractContextManager[None]:
    """Use ``language`` inside the block, for this thread or task only (the web's Vietnamese).

    The catalog is loaded here, so a missing one raises MissingCatalog before the block.
    """
    return _speaking(translations(language))


@contextlib.contextmanager
def _speaking(catalog: gettext.NullTranslations) -> Iterator[None]:
    token = _local.set(catalog)
    try:
        yield
    finally:
        _local.reset(token)


@functools.lru_cache(maxsize=len(LANGUAGES))
def translations(language: str) -> gettext.NullTranslations:
    """The catalog of a language; English is the message ids themselves."""
    import gettext

    if language == "en":
        return gettext.NullTranslations()
    try:
        return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
    except OSError as exc:
        raise _missing(language) from exc


def _missing(language: str) -> MissingCatalog:
    return MissingCatalog(
        f"the {language} message catalog is missing from {LOCALE_DIR}; reinstall calendar-gen "
        "(pip install .) so that the catalogs are compiled"
    )


def activate(language: str) -> None:
    """Use ``language`` for every message from now on (MissingCatalog when it is not installed)."""
    global _active, _language
    # gettext.find's answer for our one-part language codes, without importing gettext.
    if language != "en" and not (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
        raise _missing(language)
    _active, _language = None, language


def active_language() -> str:
    """The language in use: 'en' when no catalog is active (``speaking`` wins for its block)."""
    current = _local.get()
    if current is not None:
        import gettext

        return "vi" if type(current) is not gettext.NullTranslations else "en"
    return _language


def choose(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language asked for: ``--lang`` first, then the POSIX locale variables, else Vietnamese.

    Only an English locale (``en``, ``en_US.UTF-8``...) selects English; ``C``, ``POSIX``, unset or
    any other locale gets Vietnamese.
    """
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1] if argv[index + 1] in LANGUAGES else DEFAULT
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
            return value if value in LANGUAGES else DEFAULT
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if not value:
            continue
        first = value.split(":")[0].lower()
        if first.startswith("en"):
            return "en"
        return DEFAULT
    return DEFAULT


def unknown_lang(argv: Sequence[str]) -> str | None:
    """The value of a ``--lang`` that names no language we speak (``vn``, ``fr``); None when fine."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[index + 1] if arg == "--lang" and index + 1 < len(argv) else None
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
        if value is not None and value not in LANGUAGES:
            return value
    return None


def without_lang(argv: Sequence[str]) -> list[str]:
    """The arguments less ``--lang X`` / ``--lang=X``, which any command accepts anywhere."""
    result: list[str] = []
    skip = False
    for index, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg == "--":
            result.extend(argv[index:])
            break
        if arg == "--lang" and index + 1 < len(argv):
            skip = True
            continue
        if arg.startswith("--lang="):
            continue
        result.append(arg)
    return result
