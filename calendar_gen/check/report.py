"""The report as JSON (the contract of ``check --format json`` and ``POST /check``) or as lines.

Positions are 1-based: in a plain-text draft line and column, in a Word document the paragraph
number (as ``line`` and ``paragraph``) and the column in that paragraph.
"""

from __future__ import annotations

import bisect
import json
from typing import Any

from calendar_gen.check.document import Report
from calendar_gen.check.findings import Code, Edit, Finding, Severity
from calendar_gen.i18n import _, ngettext

# Codes whose edits ``--fix`` applies besides every error's: style corrections asked for.
FIXABLE_WARNINGS = (Code.CLASS_LABEL, Code.DATE_STYLE)


def _where(report: Report, block: int, start: int, end: int) -> dict[str, int]:
    target = report.blocks[block]
    line, column = target.position(start)
    end_line, end_column = target.position(end)
    where = {"line": line, "column": column, "end_line": end_line, "end_column": end_column}
    if target.number:
        where["paragraph"] = target.number
    return where


def to_data(report: Report) -> dict[str, Any]:
    """``{"mentions": [...], "findings": [...], "summary": {...}}``."""
    mentions = [
        {
            **_where(report, m.block, m.start, m.end),
            "text": m.text,
            "name": m.name,
            "count": m.count,
            "founded": m.founded,
            "target": m.target,
            "lunar": m.lunar,
            "entry": m.entry,
        }
        for m in report.mentions
    ]
    findings = [
        {
            **_where(report, f.block, f.start, f.end),
            "severity": f.severity.value,
            "code": f.code.value,
            "message": f.message,
            "suggestion": f.suggestion,
            "mention": f.mention,
        }
        for f in report.findings
    ]
    summary = {"mentions": len(report.mentions), **{s.value: report.count(s) for s in Severity}}
    return {"mentions": mentions, "findings": findings, "summary": summary}


def to_json(report: Report) -> str:
    """The JSON document, UTF-8 text with Vietnamese letters as they are."""
    return json.dumps(to_data(report), ensure_ascii=False, indent=2) + "\n"


def severity_label(severity: Severity) -> str:
    """The severity in the active language."""
    labels = {Severity.ERROR: _("error"), Severity.WARNING: _("warning"), Severity.INFO: _("note")}
    return labels[severity]


def to_lines(report: Report, name: str) -> str:
    """One line per finding, compiler style, the suggestion below it, then a summary line."""
    out: list[str] = []
    for finding in report.findings:
        where = _where(report, finding.block, finding.start, finding.end)
        out.append(
            f"{name}:{where['line']}:{where['column']}: {severity_label(finding.severity)}: "
            f"{finding.message} [{finding.code.value}]"
        )
        if finding.suggestion:
            out.append("    " + _("suggestion: {text}").format(text=finding.suggestion))
    out.append(summary_line(report))
    return "\n".join(out) + "\n"


def summary_line(report: Report) -> str:
    """The counts line: '13 mentions, 1 error, 0 warnings, 2 notes'."""
    mentions = len(report.mentions)
    errors, warnings, notes = (report.count(s) for s in Severity)
    return ", ".join(
        [
            ngettext("{count} mention", "{count} mentions", mentions).format(count=mentions),
            ngettext("{count} error", "{count} errors", errors).format(count=errors),
            ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings),
            ngettext("{count} note", "{count} notes", notes).format(count=notes),
        ]
    )


def phrase(finding: Finding) -> tuple[int, int]:
    """The wrong phrase of a finding: what its edits replace, else the whole mention."""
    if not finding.edits:
        return finding.start, finding.end
    return min(e.start for e in finding.edits), max(e.end for e in finding.edits)


def comment_spans(report: Report) -> list[tuple[int, int, int, str]]:
    """One Word comment per finding: (block, start, end, text) over exactly the wrong phrase."""
    comments = []
    for finding in report.findings:
        text = f"{severity_label(finding.severity)} [{finding.code.value}]: {finding.message}"
        if finding.suggestion:
            text += "\n" + _("suggestion: {text}").format(text=finding.suggestion)
        start, end = phrase(finding)
        comments.append((finding.block, start, end, text))
    return comments


def fix_edits(report: Report) -> dict[int, list[Edit]]:
    """The edits ``--fix`` makes, by block: every error's and the asked-for style fixes, no overlaps.

    An edit overlapping one already chosen is left out; the chosen ones are kept sorted, so each
    test is a bisection and the whole is linear in practice (issue 23, item 3).
    """
    chosen: dict[int, list[Edit]] = {}
    starts: dict[int, list[int]] = {}
    for finding in report.findings:
        if not _fixable(finding):
            continue
        edits = chosen.setdefault(finding.block, [])
        keys = starts.setdefault(finding.block, [])
        for edit in finding.edits:
            at = bisect.bisect_left(keys, edit.start)
            before = edits[at - 1] if at else None
            after = edits[at] if at < len(edits) else None
            if (before is None or before.end <= edit.start) and (after is None or edit.end <= after.start):
                if after is not None and after.start == edit.start == edit.end:
                    continue
                edits.insert(at, edit)
                keys.insert(at, edit.start)
    return chosen


def _fixable(finding: Finding) -> bool:
    return finding.severity is Severity.ERROR or finding.code in FIXABLE_WARNINGS


def fixed_text(report: Report) -> str:
    """A plain-text draft with the fixes made, in the writer's own characters elsewhere."""
    assert len(report.blocks) == 1
    block = report.blocks[0]
    text = block.original
    for edit in sorted(fix_edits(report).get(0, []), key=lambda e: e.start, reverse=True):
        start, end = block.original_offset(edit.start), block.original_offset(edit.end)
        text = text[:start] + edit.new + text[end:]
    return text
