"""PDF through WeasyPrint, an optional extra (``.venv/bin/pip install -e '.[pdf]'`` in a checkout)."""

from __future__ import annotations

from calendar_gen.i18n import N_, _

PDF_HINT = N_(
    "PDF output needs WeasyPrint: {command} "
    "(on Debian/Ubuntu also: apt-get install libpango-1.0-0 libpangoft2-1.0-0); "
    "or print the HTML sheet (--format html) from a browser"
)


def pdf_hint() -> str:
    """How to get PDF output, with the install command that works for this installation."""
    from calendar_gen.paths import pdf_install_command

    return _(PDF_HINT).format(command=pdf_install_command())


class MissingExtra(RuntimeError):
    """An optional dependency is not installed; the message says how to install it."""


def html_to_pdf(html: str) -> bytes:
    """Render an HTML sheet to PDF bytes (its print CSS sets A4 and the margins)."""
    try:
        from weasyprint import HTML
    except ImportError:
        raise MissingExtra(pdf_hint()) from None
    except OSError as exc:  # WeasyPrint is there but Pango is not: its message names the library
        raise MissingExtra(f"{pdf_hint()} ({exc})") from None
    return bytes(HTML(string=html).write_pdf())
