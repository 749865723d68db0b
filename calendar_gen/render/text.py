"""Text output through Jinja2 templates that users can replace (``--templates DIR``).

The wording of each mention is built in :mod:`calendar_gen.render.formatting`; templates decide how
mentions are put together. Every field of the JSON record is available to a template, plus
``period`` (what goes in the parentheses) and ``date_text``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment, safe_range

from calendar_gen.engine.selection import ROUND
from calendar_gen.model import Occurrence
from calendar_gen.paths import resource_dir
from calendar_gen.render import sandbox
from calendar_gen.render.formatting import DateStyle, solar
from calendar_gen.render.order import editorial, join_day
from calendar_gen.render.views import view

ROUND_VALUES = frozenset(r.value for r in ROUND)


class Sandbox(SandboxedEnvironment):
    """Jinja2's sandbox, plus limits on what a template may build (calendar_gen.render.sandbox).

    The sandbox refuses private attributes (``__globals__``, ``__class__``, ...) and unsafe calls,
    and caps ``range()``; the limits bound every filter, call and operator that builds a string
    or a list, every loop, and the whole render, so that ``'x' * 10**9`` or
    ``'x'|center(500000000)`` is refused rather than exhausting memory.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    MAX_SIZE = sandbox.MAX_STEP
    template_class = sandbox.BoundedTemplate
    concat = staticmethod(sandbox.bounded_concat)
    bounded_loop = staticmethod(sandbox.bounded_loop)
    bounded_join = staticmethod(sandbox.bounded_join)
    code_generator_class = sandbox.Generator

    def __init__(self, **options: Any) -> None:
        super().__init__(finalize=sandbox.finalize, **options)
        self.globals["range"] = _range
        self.globals["lipsum"] = sandbox.lipsum
        self.filters = {name: sandbox.bounded_filter(name, f) for name, f in self.filters.items()}

    def _parse(self, source: str, name: str | None, filename: str | None) -> Any:
        return sandbox.loops_bounded(super()._parse(source, name, filename))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        sandbox.foresee_call(__obj, args, kwargs)
        return sandbox.charged(super().call(__context, __obj, *args, **kwargs))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError(f"the exponent {right} is too large for a template")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(times, int)
                if sized and len(seq) * times > self.MAX_SIZE:
                    raise SecurityError("a template may not build a sequence this long")
        if operator == "%" and isinstance(left, str):
            sandbox.charge(sandbox.percent_size(left))
        result = super().call_binop(context, operator, left, right)
        return sandbox.charged(result) if operator in ("*", "+", "%") else result


def _range(*args: int) -> range:
    """The sandbox's ``range()``, with its size cap reported as a refusal rather than a crash."""
    try:
        return safe_range(*args)
    except OverflowError as exc:
        raise SecurityError(str(exc)) from None


def environment(user_templates: Path | None = None) -> jinja2.Environment:
    """Templates from the user's folder first, then the packaged ones (autoescape for HTML).

    Templates render in a sandbox: they read the variables they are given and call Jinja2's
    filters and tests, and cannot reach Python internals, files or programs. One environment per
    folder, so that a template is compiled once per process (a site build renders hundreds of
    pages); Jinja2 recompiles a template whose file changed.
    """
    return _environment(str(user_templates) if user_templates else None)


@functools.lru_cache(maxsize=8)
def _environment(user_templates: str | None) -> jinja2.Environment:
    folders = [user_templates] if user_templates else []
    folders.append(str(resource_dir("templates")))
    env = Sandbox(
        loader=jinja2.FileSystemLoader(folders, encoding="utf-8"),
        # Names like "month.html.j2": the extension to match is "html.j2", not "j2".
        autoescape=jinja2.select_autoescape(["html", "htm", "xml", "html.j2", "xml.j2"], default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["join_day"] = sandbox.bounded_filter("join_day", join_day)  # misuse: a template error
    return env


def render_month(fields: dict[str, Any], templates: Path | None = None) -> str:
    """``month.txt.j2`` over the fields ``render.paragraph.month_fields`` gives it."""
    return environment(templates).get_template("month.txt.j2").render(**fields)


def year_text(
    occurrences: Sequence[Occurrence],
    year: int,
    style: DateStyle = DateStyle.ND30,
    templates: Path | None = None,
    round_only: bool = False,
) -> str:
    """The yearly jubilee list: năm tròn and năm lẻ 5 first, then every month."""
    views = [view(o, style, classed=True) for o in editorial(occurrences)]
    template = environment(templates).get_template("year.txt.j2")
    return template.render(year=year, round_only=round_only, **year_sections(views))


def year_sections(items: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The parts of every yearly list (text, HTML and Word alike).

    The year's năm tròn and năm lẻ 5, the entries of the whole year (year-only dates), then
    (month, items) for each month that has any.
    """
    months: dict[int, list[dict[str, Any]]] = {}
    for item in items:
        if item["precision"] != "year":
            months.setdefault(int(item["date"][5:7]), []).append(item)
    return {
        "jubilees": [i for i in items if i["round_class"] in ROUND_VALUES],
        "whole_year": [i for i in items if i["precision"] == "year"],
        "months": sorted(months.items()),
    }


def upcoming_text(
    occurrences: Sequence[Occurrence],
    today: dt.date,
    days: int,
    style: DateStyle = DateStyle.ND30,
    templates: Path | None = None,
) -> str:
    """What comes next, with the days remaining."""
    template = environment(templates).get_template("upcoming.txt.j2")
    return template.render(
        today_text=solar(today, style),
        days=days,
        items=[view(o, style, today, classed=True) for o in editorial(occurrences)],
    )
