"""``serve`` and ``build``: the subscribe page, feeds and sheets over HTTP or as a static site."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from calendar_gen.cli.callbacks import clean_text
from calendar_gen.cli.common import (
    cache_dir,
    catalogue_paths,
    check_domain,
    check_url,
    fail,
    feed_stamp,
    load_catalogue,
    resolve_today,
)
from calendar_gen.cli.options import (
    CatalogueOpt,
    DomainOpt,
    FromOpt,
    HostOpt,
    NoDefaultOpt,
    PortOpt,
    ProvinceOpt,
    StyleOpt,
    TemplatesOpt,
    TodayOpt,
    ToOpt,
)
from calendar_gen.i18n import N_, _
from calendar_gen.render.formatting import DateStyle

if TYPE_CHECKING:
    from calendar_gen.catalogue.provinces import Choice
    from calendar_gen.catalogue.types import Catalogue
    from calendar_gen.model import Anniversary


def site_paths(
    catalogue: list[Path] | None, no_default: bool, province: list[str] | None
) -> tuple[list[Path], list[Choice]]:
    """The files a site serves: with ``-p`` the chosen overlays, else every shipped overlay."""
    from calendar_gen.cli.provincechoice import resolve_choices
    from calendar_gen.paths import default_catalogue, province_catalogues

    choices = resolve_choices(province)
    if choices or no_default:
        return catalogue_paths(catalogue, no_default, province), choices
    return [default_catalogue(), *province_catalogues().values(), *(catalogue or [])], []


def sheet_entries(loaded: Catalogue, choices: list[Choice]) -> tuple[Anniversary, ...] | None:
    """What a site's documents cover: everything with ``-p``, else all but the shipped overlays.

    Documents for all 34 units at once would mix every province's days; ``build -p <unit>``
    writes a unit's documents.
    """
    from calendar_gen.paths import province_catalogues

    if choices:
        return None
    overlays = {str(path) for path in province_catalogues().values()}
    ids = {e.id for f in loaded.files if f.path in overlays for e in f.entries}
    return tuple(e for e in loaded.entries if e.id not in ids) if ids else None


def serve(
    catalogue: CatalogueOpt = None,
    no_default: NoDefaultOpt = False,
    province: ProvinceOpt = None,
    host: HostOpt = "127.0.0.1",
    port: PortOpt = 8000,
    domain: DomainOpt = "calendar-gen.invalid",
    public_url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--public-url",
            help=N_("Public address of the site (https://...), for subscribe links."),
            show_default=False,
            callback=clean_text,
        ),
    ] = None,
    templates: TemplatesOpt = None,
    date_style: StyleOpt = DateStyle.ND30,
    access_log: Annotated[bool, typer.Option("--access-log", help=N_("Log every request."))] = False,
    body_timeout: Annotated[
        float,
        typer.Option(
            "--body-timeout",
            help=N_("Seconds a whole uploaded request (POST /check) may take; slower ones get 408."),
            min=1,
            max=600,
        ),
    ] = 30.0,
    today: TodayOpt = None,
) -> None:
    """Serve the subscribe page, feeds, sheets and JSON over HTTP; catalogues reload on change."""
    import logging

    import uvicorn

    from calendar_gen.web.server import create_app, uvicorn_options

    now = resolve_today(today)
    check_domain(domain)
    check_url(public_url, "--public-url")
    paths, choices = site_paths(catalogue, no_default, province)
    load_catalogue(paths)  # refuse to start on a broken catalogue, listing every problem
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its progress lines, per document
    fixed_today = (lambda: now) if today is not None else None
    application = create_app(
        paths,
        domain=domain,
        public_url=public_url,
        templates=templates,
        style=date_style,
        today=fixed_today,
        choices=choices,
        body_timeout=body_timeout,
        documents_dir=None if (cached := cache_dir()) is None else cached / "documents",
    )
    check_port(host, port)
    typer.echo(
        "calendar-gen: " + _("serving {url} (Ctrl-C to stop)").format(url=f"http://{host}:{port}/"), err=True
    )
    try:
        uvicorn.run(
            application,
            host=host,
            port=port,
            access_log=access_log,
            log_level="info",
            **uvicorn_options(application),
        )
    except OSError as exc:
        from calendar_gen.fileio import os_reason

        fail(
            _("cannot listen on {address}: {reason}; choose another --port").format(
                address=f"{host}:{port}", reason=os_reason(exc)
            )
        )


def check_port(host: str, port: int) -> None:
    """Fail with a message the person can act on when ``host:port`` cannot be listened on.

    Checked before uvicorn starts, whose bind error is English and comes after "serving ...".
    The socket is set up as uvicorn sets up its own (SO_REUSEADDR), so a port in TIME_WAIT passes.
    """
    import errno
    import socket

    address = f"{host}:{port}"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        fail(_("--host {host} is not an address of this machine; use 127.0.0.1 or 0.0.0.0").format(host=host))
    family, kind, proto, _name, sockaddr = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(sockaddr)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                fail(
                    _(
                        "port {port} on {host} is already in use (another calendar-gen serve or another "
                        "program); stop that program or choose another port, e.g. --port {other}"
                    ).format(port=port, host=host, other=port + 1 if port < 65535 else 8000)
                )
            if exc.errno == errno.EACCES:
                fail(
                    _(
                        "no permission to listen on port {port}; choose a --port above 1023, e.g. --port 8000"
                    ).format(port=port)
                )
            from calendar_gen.fileio import os_reason

            fail(
                _("cannot listen on {address}: {reason}; choose another --port").format(
                    address=address, reason=os_reason(exc)
                )
            )


def build(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help=N_("Folder of the site; replaced as a whole when done."))
    ],
    catalogue: CatalogueOpt = None,
    no_default: NoDefaultOpt = False,
    province: ProvinceOpt = None,
    year_from: FromOpt = None,
    year_to: ToOpt = None,
    domain: DomainOpt = "calendar-gen.invalid",
    base_url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--base-url",
            help=N_("Public address of the site, for absolute subscribe links."),
            show_default=False,
            callback=clean_text,
        ),
    ] = None,
    templates: TemplatesOpt = None,
    date_style: StyleOpt = DateStyle.ND30,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf/--no-pdf",
            help=N_("Also write every month and year as PDF (WeasyPrint; about a second a file)."),
        ),
    ] = False,
    today: TodayOpt = None,
) -> None:
    """Write a static site (feeds, month and year pages, subscribe page) for any web server or CDN."""
    from calendar_gen.cli.common import only_chosen
    from calendar_gen.render.feed import FeedQuery
    from calendar_gen.web.documents import pdf_available
    from calendar_gen.web.publish import PublishError, publish, site_folder
    from calendar_gen.web.site import SiteSettings, site_files, site_size

    now = resolve_today(today)
    first, last = FeedQuery(first=year_from, last=year_to).years(now)
    if first > last:
        raise typer.BadParameter(
            _("--from {first} is after --to {last}").format(first=first, last=last), param_hint="--from"
        )
    if last - first + 1 > 50:
        raise typer.BadParameter(
            _("{first}–{last} is more than 50 years").format(first=first, last=last), param_hint="--to"
        )
    check_domain(domain)
    check_url(base_url, "--base-url")
    try:
        folder = site_folder(folder)  # refuse a folder that is not ours before any work
    except PublishError as exc:
        fail(str(exc))
    paths, choices = site_paths(catalogue, no_default, province)
    loaded = only_chosen(load_catalogue(paths), province)
    if pdf and not pdf_available():
        pdf = False
        _no_pdf_note()
    settings = SiteSettings(domain, base_url or "", date_style, templates, pdf)
    files = site_files(loaded, now, feed_stamp(paths), first, last, settings, sheet_entries(loaded, choices))
    total = site_size(loaded, first, last, settings)
    try:
        with typer.progressbar(length=total, label="calendar-gen: " + _("building"), file=sys.stderr) as bar:
            done = publish(folder, files, progress=lambda: bar.update(1))
    except PublishError as exc:
        fail(str(exc))
    typer.echo(
        "calendar-gen: "
        + _("wrote {written} files and kept {kept} unchanged in {folder}").format(
            written=done.written, kept=done.kept, folder=folder
        ),
        err=True,
    )
    if base_url is None:
        typer.echo(
            "calendar-gen: "
            + _(
                "note: without --base-url the subscribe links on index.html are relative; "
                "calendar apps need full addresses (--base-url https://lich.example.gov.vn/)"
            ),
            err=True,
        )


def _no_pdf_note() -> None:
    """``build --pdf`` without WeasyPrint: say so, with the command that installs it here."""
    from calendar_gen.paths import pdf_install_command

    typer.echo(
        "calendar-gen: "
        + _(
            "note: WeasyPrint is not installed, so the site has no PDF files; "
            "install it with {command} and build again"
        ).format(command=pdf_install_command()),
        err=True,
    )
