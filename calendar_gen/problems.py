"""Problems found in user input, collected so that every one is reported at once."""

from __future__ import annotations

from calendar_gen.frozen import Frozen, setfield
from calendar_gen.i18n import _


class Problem(Frozen):
    """One thing wrong in a catalogue: where it is and what to do about it.

    Not a dataclass: this module is imported by every cold start (issue 21, calendar_gen.frozen).
    """

    _fields = ("path", "message", "line", "column", "entry_id")
    __slots__ = _fields
    path: str
    message: str
    line: int | None
    column: int | None
    entry_id: str | None

    def __init__(
        self,
        path: str,
        message: str,
        line: int | None = None,
        column: int | None = None,
        entry_id: str | None = None,
    ) -> None:
        setfield(self, "path", path)
        setfield(self, "message", message)
        setfield(self, "line", line)
        setfield(self, "column", column)
        setfield(self, "entry_id", entry_id)

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        entry = " " + _("entry '{id}':").format(id=shown(self.entry_id)) if self.entry_id else ""
        return f"{where}:{entry} {self.message}"


class CatalogueError(Exception):
    """Raised with every problem found, never just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def did_you_mean(word: str, choices: list[str]) -> str:
    """A "; did you mean 'x'?" suffix for a typo, or an empty string."""
    import difflib  # only needed on the error path

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return _("; did you mean '{choice}'?").format(choice=close[0]) if close else ""


def shown(value: str, limit: int = 40) -> str:
    """A value as quoted in a message: invisible and control characters escaped, at most ``limit`` long.

    A message must not carry a terminal escape or a bidi override from the file to the screen, nor
    thousands of characters of one bad value.
    """
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
