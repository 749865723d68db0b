"""``calendar-gen serve``: the ASGI application (Starlette on uvicorn) over the catalogue files.

Catalogue files are checked for changes at most once a second: a valid edit is served from the
next request on, a broken one is logged problem by problem and the last good catalogue stays in
service. Nothing is read from disk but the catalogues and the templates, so no URL can reach
another file. The handlers are in ``routes``, the cache and validators in ``responses``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Route

from calendar_gen.paths import tag_labels
from calendar_gen.render.feed import DEFAULT_DOMAIN
from calendar_gen.render.formatting import DateStyle
from calendar_gen.web import routes
from calendar_gen.web.pages import packaged
from calendar_gen.web.responses import ResponseCache
from calendar_gen.web.store import CatalogueStore

ROUTES = [
    Route("/", routes.index),
    Route("/app.js", routes.script),
    Route("/qr.svg", routes.qr),
    Route("/feed.ics", routes.feed),
    Route("/api/occurrences", routes.api),
    Route("/month/{month:str}", routes.month),
    Route("/year/{year:str}", routes.year),
    Route("/healthz", routes.health),
]


def create_app(
    paths: Sequence[Path],
    *,
    domain: str = DEFAULT_DOMAIN,
    public_url: str | None = None,
    templates: Path | None = None,
    style: DateStyle = DateStyle.ND30,
    today: Callable[[], dt.date] | None = None,
    reload_interval: float = 1.0,
) -> Starlette:
    """The ASGI app over the given catalogue files (the first load has been validated by the CLI)."""
    clock = today or (lambda: dt.datetime.now(routes.VIETNAM).date())
    app = Starlette(
        routes=ROUTES,
        exception_handlers={404: routes.not_found, 405: routes.not_found, 500: routes.server_error},
    )
    app.state.calendar = routes.AppState(
        store=CatalogueStore(paths, reload_interval),
        cache=ResponseCache(),
        clock=clock,
        domain=domain,
        public_url=public_url,
        templates=templates,
        style=style,
        tag_labels=tag_labels(),
        app_js=packaged("app.js", templates),
    )
    return app
