"""The officer's page: its HTML, the profile check and the documents of exactly the ticked items.

The profile comes from the page's form as JSON (the YAML profile's keys) and goes through the
YAML profile's own check (:func:`calendar_gen.render.profilecheck.problems`), so the form refuses
what ``--profile`` refuses, with the same messages; nothing about an office is kept on the server.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from calendar_gen import __version__
from calendar_gen.catalogue.types import Catalogue
from calendar_gen.engine.listing import listed_only
from calendar_gen.i18n import _
from calendar_gen.render.html import Header, SheetInfo
from calendar_gen.render.profile import Profile, ProfileError
from calendar_gen.render.profilecheck import checked, problems
from calendar_gen.render.text import environment
from calendar_gen.web.documents import MEDIA
from calendar_gen.web.query import QueryError
from calendar_gen.web.responses import HTML, SECURITY, error
from calendar_gen.web.routes import AppState, state_of
from calendar_gen.web.scopes import catalogue_names
from calendar_gen.web.workspace import (
    Asked,
    answer,
    asked_of,
    choices_data,
    choices_of,
    json_response,
    next_month,
)

FORMATS = ("docx", "pdf", "xlsx")
MEDIA_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def profile_data(fields: dict[str, str]) -> Any:
    """The profile field as parsed JSON, with empty values dropped (an empty form is no profile)."""
    text = fields.get("profile", "").strip()
    if not text:
        return {}
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # nesting too deep for the parser is malformed too
        raise QueryError("profile", _("the profile is not valid JSON; reload the page")) from None
    return _pruned(data)


def _pruned(value: Any) -> Any:
    """Drop empty strings, lists and mappings, as a YAML profile leaves such keys out."""
    if isinstance(value, dict):
        kept = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in kept.items() if v not in ("", [], {}, None)}
    if isinstance(value, list):
        return [v for v in (_pruned(item) for item in value) if v not in ("", None)]
    return value.strip() if isinstance(value, str) else value


def profile_yaml(data: Any) -> str:
    """The profile as the YAML file ``--profile`` reads (keys in the profile's order)."""
    import yaml

    from calendar_gen.render.profile import KEYS

    ordered = {key: data[key] for key in KEYS if key in data}
    return str(yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1000))


def yaml_profile(text: str) -> tuple[Any, list[str]]:
    """An uploaded YAML profile read with the guards of ``--profile`` (``load_plain``), or its problems."""
    import yaml

    from calendar_gen.catalogue.guards import check_aliases
    from calendar_gen.catalogue.yamlfile import check_characters, compose
    from calendar_gen.problems import CatalogueError

    name = "profile.yaml"
    try:
        root = compose(text, name)
        check_aliases(root, text, name)
        found = check_characters(root, text, name)
        if found:
            raise CatalogueError(found)
    except CatalogueError as exc:
        return None, [str(problem) for problem in exc.problems]
    return (yaml.constructor.SafeConstructor().construct_document(root) if root else None), []


def check_profile(catalogue: Catalogue, fields: dict[str, str], state: AppState) -> Response:
    """``/api/profile``: every problem of the form's profile (or an uploaded YAML), and it as YAML."""
    if "yaml" in fields:
        data, found = yaml_profile(fields["yaml"])
        found = found or problems(data)
        plain = data if not found else None
        return json_response({"problems": found, "yaml": "" if found else profile_yaml(data), "data": plain})
    data = profile_data(fields)
    found = problems(data)
    return json_response({"problems": found, "yaml": "" if found else profile_yaml(data)})


def _profile(fields: dict[str, str]) -> Profile | None:
    data = profile_data(fields)
    if not data:
        return None
    try:
        return checked(data)
    except ProfileError as exc:
        raise QueryError("profile", "; ".join(str(exc).splitlines())) from None


def info_of(catalogue: Catalogue, asked: Asked, profile: Profile | None, state: AppState) -> SheetInfo:
    """The header and footer facts, as ``document_info`` in the CLI makes them from a profile."""
    today = state.clock()
    info = SheetInfo(catalogue_names(catalogue, asked.scopes), today, style=state.style)
    if profile is None:
        return info
    header = Header(
        issuer=profile.issuer,
        place=profile.place,
        issued=today,
        party=profile.party,
        number=profile.number_for(asked.year, asked.month),
    )
    return dataclasses.replace(info, header=header, profile=profile)


def document_bytes(catalogue: Catalogue, asked: Asked, fmt: str, state: AppState) -> bytes:
    """The DOCX, PDF or XLSX of exactly the ticked items, as ``month``/``year`` -f FORMAT write it."""
    profile = _profile(asked.fields)
    _editor, choices = choices_of(catalogue, asked)
    found = listed_only(choices)
    info = info_of(catalogue, asked, profile, state)
    if fmt == "xlsx":
        from calendar_gen.render.xlsx import list_xlsx

        return list_xlsx(found, info, "Danh sách")
    if asked.month is not None:
        if fmt == "docx":
            from calendar_gen.render.docx import month_docx

            return month_docx(found, asked.year, asked.month, info, state.templates)
        from calendar_gen.render.html import month_html

        page = month_html(found, asked.year, asked.month, info, state.templates)
    else:
        from calendar_gen.render.plan import plan, plan_parts

        parts = plan_parts(plan(choices, catalogue.rules, state.style))
        if fmt == "docx":
            from calendar_gen.render.docx import year_docx

            return year_docx(found, asked.year, info, False, parts)
        from calendar_gen.render.html import year_html

        page = year_html(found, asked.year, info, state.templates, False, parts)
    from calendar_gen.render.pdf import html_to_pdf

    return html_to_pdf(page)


def _download(catalogue: Catalogue, fields: dict[str, str], state: AppState) -> Response:
    from calendar_gen.render.pdf import MissingExtra

    fmt = fields.get("format", "docx").strip() or "docx"
    if fmt not in FORMATS:
        raise QueryError(
            "format", _("'{value}' is not one of {choices}").format(value=fmt, choices=", ".join(FORMATS))
        )
    asked = asked_of(fields, catalogue, state.clock())
    try:
        data = document_bytes(catalogue, asked, fmt, state)
    except MissingExtra:
        return error(
            501, _("PDF is not available on this server (WeasyPrint is missing); download the Word file.")
        )
    stem = f"nam-{asked.year:04d}" if asked.month is None else f"thang-{asked.month:02d}-{asked.year:04d}"
    headers = {
        **SECURITY,
        "Cache-Control": "no-store",
        "Content-Disposition": f'attachment; filename="{stem}.{fmt}"',
    }
    media = MEDIA_XLSX if fmt == "xlsx" else MEDIA[fmt]
    return Response(data, media_type=media, headers=headers)


async def document(request: Request) -> Response:
    """``/api/document``: a document of the ticked items with the form's profile (GET or POST)."""
    return await answer(request, _download)


async def profile(request: Request) -> Response:
    """``/api/profile``: the profile form checked as the YAML profile is."""
    return await answer(request, check_profile)


def workspace_page(catalogue: Catalogue, today: dt.date, state: AppState) -> str:
    """The officer's page: choose, edit the list, the office's profile, download, check, subscribe."""
    following = next_month(today)
    template = environment(state.templates).get_template("workspace.html.j2")
    return template.render(
        title="Soạn hướng dẫn tuyên truyền các ngày kỷ niệm",
        site=False,  # True on a built site (web/site.py): no control that needs the server
        choices=choices_data(catalogue),
        next_month=f"{following.year:04d}-{following.month:02d}",
        version=__version__,
    )


async def page(request: Request) -> Response:
    """``/``: the officer's page (its data comes from ``/api/selection``)."""
    state = state_of(request)
    catalogue = state.store.get().catalogue
    body = workspace_page(catalogue, state.clock(), state).encode("utf-8")
    return Response(body, media_type=HTML, headers={**SECURITY, "Cache-Control": "no-cache"})


async def moved(request: Request) -> Response:
    """``/soan``, the page's first address: a permanent redirect to ``./`` that keeps the query."""
    query = request.url.query
    location = "./" + (f"?{query}" if query else "")
    return Response(status_code=308, headers={**SECURITY, "Location": location})


async def script(request: Request) -> Response:
    """``/workspace.js``: the officer's page's script."""
    from calendar_gen.web.pages import packaged

    body = packaged("workspace.js", state_of(request).templates)
    return Response(
        body, media_type="text/javascript; charset=utf-8", headers={**SECURITY, "Cache-Control": "no-cache"}
    )


async def service_worker(request: Request) -> Response:
    """``/sw.js``: the page's service worker (templates/sw.js), so that the page opens offline once loaded."""
    from calendar_gen.web.pages import packaged

    body = packaged("sw.js", state_of(request).templates)
    return Response(
        body, media_type="text/javascript; charset=utf-8", headers={**SECURITY, "Cache-Control": "no-cache"}
    )


async def guide(request: Request) -> Response:
    """``/huong-dan-su-dung``: the user's guide in Vietnamese (docs/huong-dan-su-dung.md), as text."""
    from calendar_gen.paths import resource_dir

    try:
        body = (resource_dir("docs") / "huong-dan-su-dung.md").read_bytes()
    except OSError:
        return error(404, "Không tìm thấy hướng dẫn sử dụng trong bản cài đặt này.")
    return Response(
        body, media_type="text/plain; charset=utf-8", headers={**SECURITY, "Cache-Control": "no-cache"}
    )
