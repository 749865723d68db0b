"""Limits of a user template: what each filter, call and operator may build, and the whole render.

Jinja2's sandbox keeps templates away from Python internals, but not from building huge strings:
``"x"|center(500000000)`` took 2.4 GB and ``lipsum(n=3000000)`` ran until killed (issue 23, item
13). Here every string-producing step is bounded before it runs where its size can be foreseen
(widths, counts, repetitions) and checked after it runs, and each render has a budget: the
characters its steps and its ``{{ ... }}`` outputs produce, and the iterations of its loops.
Buffers only hold references, so the budget bounds the memory a render takes. (The render time
is bounded by the command line, which may read the clock.)
"""

from __future__ import annotations

import contextvars
import re
import string
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.utils import pass_context

from calendar_gen.i18n import _

MAX_STEP = 1_000_000  # characters one filter, call or operator may build
MAX_RENDER = 20_000_000  # characters one render may build and print (a yearly sheet is ~1 MB)
MAX_ITERATIONS = 1_000_000  # loop iterations of one render (a yearly list makes ~10,000)
MAX_LIPSUM = 100  # paragraphs, and words per paragraph, of lipsum()


class Budget:
    """What one render has built so far."""

    def __init__(self) -> None:
        self.characters = 0
        self.iterations = 0


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("template_budget", default=None)


def charge(size: int) -> None:
    """Count ``size`` characters against the step and the render limits; SecurityError beyond."""
    if size > MAX_STEP:
        raise SecurityError(
            _("a template may not build a text of more than {limit} characters at once").format(
                limit=MAX_STEP
            )
        )
    budget = _BUDGET.get()
    if budget is not None:
        budget.characters += size
        if budget.characters > MAX_RENDER:
            raise SecurityError(
                _("a template may not build more than {limit} characters in all").format(limit=MAX_RENDER)
            )


def charged(value: Any) -> Any:
    if isinstance(value, str | list | tuple):
        charge(len(value))
    return value


def bounded_loop(iterable: Iterable[Any]) -> Iterator[Any]:
    """Every ``{% for %}`` runs through this: its iterations count against the render's budget."""
    budget = _BUDGET.get()
    for item in iterable:
        if budget is not None:
            budget.iterations += 1
            if budget.iterations > MAX_ITERATIONS:
                raise SecurityError(
                    _("a template may not loop more than {limit} times").format(limit=MAX_ITERATIONS)
                )
        yield item


_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def percent_size(pattern: str) -> int:
    """The widths and precisions a ``%`` pattern asks for; ``*`` (a width from the data) is refused."""
    total = 0
    for match in _PERCENT.finditer(pattern):
        for part in match.groups():
            if part == "*":
                raise SecurityError(_("a '%' pattern may not take its width from the values ('*')"))
            total += int(part) if part and len(part) <= 12 else (MAX_STEP + 1 if part else 0)
    return total


def format_size(pattern: str) -> int:
    """The widths and precisions a ``str.format`` pattern asks for; nested fields are refused."""
    total = 0
    try:
        fields = list(string.Formatter().parse(pattern))
    except ValueError:
        raise SecurityError(
            _("the format pattern {pattern} is not valid").format(pattern=repr(pattern[:40]))
        ) from None
    for _text, _name, spec, _conversion in fields:
        if spec and "{" in spec:
            raise SecurityError(_("a format pattern may not take its width from the values"))
        for number in re.findall(r"\d+", spec or ""):
            total += int(number) if len(number) <= 12 else MAX_STEP + 1
    return total


def _ints(args: Iterable[Any]) -> None:
    for value in args:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_STEP:
            raise SecurityError(_("the number {value} is too large for a template").format(value=value))


def _width(width: Any) -> int:
    """An indent is a number of spaces or a text."""
    return width if isinstance(width, int) else len(str(width))


def _lines(value: Any) -> int:
    return str(value).count("\n") + 1


# What a filter or method may build at most, foreseen from its arguments (before it runs).
_FORESEE: dict[str, Callable[..., int]] = {
    "center": lambda s, width=80, *a: len(str(s)) + int(width),
    "ljust": lambda s, width=0, *a: len(str(s)) + int(width),
    "rjust": lambda s, width=0, *a: len(str(s)) + int(width),
    "zfill": lambda s, width=0, *a: len(str(s)) + int(width),
    "expandtabs": lambda s, tabsize=8, *a: len(str(s)) + str(s).count("\t") * int(tabsize),
    "replace": lambda s, old="", new="", *a: len(str(s)) + (str(s).count(str(old)) + 1) * len(str(new)),
    "indent": lambda s, width=4, *a: (
        len(str(s)) + _lines(s) * (width if isinstance(width, int) else len(str(width)))
    ),
    "wordwrap": lambda s, width=79, breaks=True, wrapstring=None, *a: (
        len(str(s)) * (1 + len(str(wrapstring or "\n")))
    ),
    "truncate": lambda s, length=255, killwords=False, end="...", *a: (
        min(len(str(s)), int(length)) + len(str(end))
    ),
}


def _join_size(value: Any, d: str = "", *args: Any) -> int:
    items = list(value)
    return sum(len(str(item)) for item in items[: MAX_STEP + 1]) + len(items) * len(str(d))


_PASSED = (jinja2.runtime.Context, nodes.EvalContext, jinja2.Environment)  # pass_context and friends


def bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` (a Jinja2 filter) with its foreseeable size checked first and its result charged."""
    foresee = _join_size if name == "join" else _FORESEE.get(name)

    def bounded(*args: Any, **kwargs: Any) -> Any:
        plain = [a for a in args if not isinstance(a, _PASSED)]
        _ints(plain)
        _ints(kwargs.values())
        if foresee is not None and plain:
            try:
                charge_size = foresee(*plain, **kwargs)
            except (TypeError, ValueError):
                charge_size = 0  # the filter itself reports wrong arguments
            if charge_size > MAX_STEP:
                charge(charge_size)
        if name == "format" and plain:
            charge(percent_size(str(plain[0])))
        try:
            result = function(*args, **kwargs)
        except (TypeError, AttributeError, ValueError, OverflowError, IndexError) as exc:
            # A filter given the wrong kind of value: a template error with its line, not a crash.
            raise jinja2.TemplateRuntimeError(f"the filter '{name}' cannot take this value ({exc})") from None
        return charged(result)

    bounded.__wrapped__ = function  # type: ignore[attr-defined]
    for marker in ("jinja_pass_arg",):  # keep pass_context / pass_eval_context
        if hasattr(function, marker):
            setattr(bounded, marker, getattr(function, marker))
    return bounded


def foresee_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Before a method of a string runs (``'x'.center(10**9)``), what it may build."""
    _ints(args)
    _ints(kwargs.values())
    method = getattr(obj, "__wrapped__", obj)  # the sandbox wraps str.format
    owner = getattr(method, "__self__", None)
    name = getattr(method, "__name__", "")
    if not isinstance(owner, str):
        return
    if name in _FORESEE:
        try:
            charge_size = _FORESEE[name](owner, *args, **kwargs)
        except (TypeError, ValueError):
            return
        if charge_size > MAX_STEP:
            charge(charge_size)
    elif name == "join" and args:
        if _join_size(args[0], owner) > MAX_STEP:
            charge(MAX_STEP + 1)
    elif name in ("format", "format_map"):
        charge(format_size(owner))


def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
    """Jinja2's ``lipsum()``, with at most :data:`MAX_LIPSUM` paragraphs and words per paragraph."""
    from jinja2.utils import generate_lorem_ipsum

    if not all(isinstance(v, int) and 0 <= v <= MAX_LIPSUM for v in (n, min, max)):
        raise SecurityError(
            _("lipsum() makes at most {limit} paragraphs of at most {limit} words").format(limit=MAX_LIPSUM)
        )
    try:
        return charged(generate_lorem_ipsum(n, html, min, max))
    except ValueError as exc:  # min not below max
        raise jinja2.TemplateRuntimeError(f"lipsum() cannot make this text ({exc})") from None


@pass_context
def finalize(context: Any, value: Any) -> Any:
    """Every ``{{ ... }}`` output is charged to the render (escaping copies it)."""
    if isinstance(value, str):
        charge(len(value))
    return value


class BoundedTemplate(jinja2.Template):
    """A template whose every render starts with a fresh budget."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        token = _BUDGET.set(Budget())
        try:
            return super().render(*args, **kwargs)
        finally:
            _BUDGET.reset(token)


def loops_bounded(template: nodes.Template) -> nodes.Template:
    """Route every ``{% for %}`` through :func:`bounded_loop` (``environment.bounded_loop``)."""
    for loop in template.find_all(nodes.For):
        loop.iter = nodes.Call(nodes.EnvironmentAttribute("bounded_loop"), [loop.iter], [], None, None)
    return template


def bounded_concat(parts: Iterable[str]) -> str:
    """``environment.concat``: the render's output and every buffer (macros, blocks), counted first."""
    pieces = list(parts)
    total = sum(len(piece) for piece in pieces)
    if total > MAX_RENDER:
        raise SecurityError(
            _("a template may not write more than {limit} characters").format(limit=MAX_RENDER)
        )
    return "".join(pieces)


def bounded_join(parts: tuple[Any, ...], markup: bool) -> str:
    """The ``~`` operator: its parts joined once their size is charged."""
    texts = [jinja2.runtime.markup_join((p,)) if markup else str(p) for p in parts]
    charge(sum(len(text) for text in texts))
    return jinja2.runtime.markup_join(texts) if markup else "".join(texts)


class Generator(CodeGenerator):
    """Jinja2's code generator, with ``~`` going through :func:`bounded_join`."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        markup = "context.eval_ctx.autoescape" if frame.eval_ctx.volatile else repr(frame.eval_ctx.autoescape)
        self.write("environment.bounded_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(f"), {markup})")
