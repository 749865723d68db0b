"""Jinja2's own error messages said in the active language (issue 23: every message a sentence).

Jinja2 writes its syntax, undefined-name and sandbox messages in English only. The forms below are
the ones a template author meets (taken from jinja2's parser, lexer, runtime and sandbox); each is
matched whole and said again with its names kept. A message of another form is shown as Jinja2
wrote it, inside the translated sentence around it.
"""

from __future__ import annotations

import re

from calendar_gen.i18n import N_, _

# (pattern over Jinja2's message, message id with the pattern's named groups as placeholders)
FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"Unexpected end of template\. Jinja was looking for the following tags: (?P<tags>.+?)\. "
            r"The innermost block that needs to be closed is '(?P<block>[^']+)'\.?"
        ),
        N_("the template ends while the block '{block}' is still open; add {tags}"),
    ),
    (
        re.compile(r"Unexpected end of template\.?.*", re.DOTALL),
        N_("the template ends before a tag or an expression is closed"),
    ),
    (
        re.compile(r"unexpected '(?P<found>[^']*)', expected '(?P<wanted>[^']*)'"),
        N_("'{found}' where '{wanted}' was expected"),
    ),
    (
        re.compile(r"expected token '(?P<wanted>[^']*)', got '(?P<found>[^']*)'"),
        N_("'{found}' where '{wanted}' was expected"),
    ),
    (
        re.compile(r"unexpected '(?P<found>[^']*)'"),
        N_("'{found}' is out of place"),
    ),
    (
        re.compile(r"unexpected char '(?P<found>.*?)' at \d+"),
        N_("the character {found} cannot stand here"),
    ),
    (
        re.compile(r"Encountered unknown tag '(?P<tag>[^']+)'\..*", re.DOTALL),
        N_("'{tag}' is not a Jinja2 tag"),
    ),
    (
        re.compile(r"[Nn]o filter named '(?P<name>[^']+)'\.?(?: found\.?)?"),
        N_("there is no filter named '{name}'"),
    ),
    (
        re.compile(r"[Nn]o test named '(?P<name>[^']+)'\.?(?: found\.?)?"),
        N_("there is no test named '{name}'"),
    ),
    (
        re.compile(r"'(?P<name>[^']+)' is undefined"),
        N_("'{name}' is not a variable the template is given"),
    ),
    (
        re.compile(r"'(?P<owner>[^']+)' has no attribute '(?P<name>[^']+)'"),
        N_("'{owner}' has no attribute '{name}'"),
    ),
    (
        re.compile(r"access to attribute '(?P<name>[^']+)' of '(?P<owner>[^']+)' object is unsafe\.?"),
        N_("the attribute '{name}' of a '{owner}' value may not be used"),
    ),
)


def said(message: str) -> str:
    """``message`` of Jinja2 in the active language when its form is known, else as it is."""
    text = message.strip()
    for pattern, template in FORMS:
        found = pattern.fullmatch(text)
        if found is not None:
            names = found.groupdict()
            if "tags" in names:  # "'endfor' or 'else'"
                names["tags"] = _(" or ").join(re.findall(r"'[^']+'", names["tags"]))
            return _(template).format(**names)
    return text
