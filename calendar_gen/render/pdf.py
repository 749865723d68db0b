"""PDF through WeasyPrint, an optional extra (``pip install 'calendar-gen[pdf]'``)."""

from __future__ import annotations

from calendar_gen.i18n import N_, _

PDF_HINT = N_(
    "PDF output needs WeasyPrint: pip install 'calendar-gen[pdf]' "
    "(on Debian/Ubuntu also: apt-get install libpango-1.0-0 libpangoft2-1.0-0); "
    "or print the HTML sheet (--format html) from a browser"
)


class MissingExtra(RuntimeError):
    """An optional dependency is not installed; the message says how to install it."""


def html_to_pdf(html: str) -> bytes:
    """Render an HTML sheet to PDF bytes (its print CSS sets A4 and the margins)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint is there but Pango is not
        raise MissingExtra(f"{_(PDF_HINT)} ({exc})") from None
    return bytes(HTML(string=html).write_pdf())
