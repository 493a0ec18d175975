"""The one family of errors playbook raises.

Errors carry data (where, what, a hint); they never print themselves. Only the command
line (``playbook.cli``) and the MkDocs plugin turn them into text for people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Characters that a terminal acts on or that reorder or hide text: C0 and C1 controls
# (escape sequences clear the screen or recolour it), line and paragraph separators,
# zero-width spaces and word joiners that hide text, and the bidirectional embeddings,
# overrides and isolates. Zero-width (non-)joiners and left-to-right and right-to-left
# marks are left alone: names in Persian, Arabic or Hebrew need them.
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b\u2028-\u202e\u2060-\u2069\ufeff]")


def printable(text: str) -> str:
    """Text safe to show on a terminal: every unshowable character written as an escape.

    Profile text reaches messages (an unknown key, a wrong id), and YAML escapes such as
    ``"\\x1b[2J"`` put any character into it. Written back the way YAML spells them
    (``\\x1b``, ``\\u202e``), they can neither clear the screen nor forge a line of
    output, and the reader sees what to delete. Applying it twice changes nothing.
    """
    return _UNSHOWABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in a file, e.g. an unknown KPI id on line 41.

    Ordered by file, line and column so a list of problems sorts into reading order.
    """

    file: str
    line: int
    column: int
    path: str
    message: str
    warning: bool = False
    """A warning: the profile can be used, but probably does not say what was meant."""

    def __str__(self) -> str:
        # Line 0 marks a problem with the file as a whole (e.g. it does not exist).
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        if self.warning:
            where += ": warning"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return printable(text)


def _reading_order(problem: Problem) -> tuple[str, int, int, str, str, bool]:
    # The same order as Problem's own, compared as one tuple per problem: the
    # generated comparison builds two tuples at every step, 10 s for 140,000 problems.
    return (
        problem.file,
        problem.line,
        problem.column,
        problem.path,
        problem.message,
        problem.warning,
    )


MAX_PROBLEMS_SHOWN = 100
"""Past this many problems a file is not a draft with mistakes; the rest are counted."""


class PlaybookError(Exception):
    """Base class for every error playbook reports to a person."""

    exit_code = 1

    @property
    def lines(self) -> list[str]:
        """The error as lines of text for a terminal or a log."""
        return [str(self)]


class ProfileError(PlaybookError):
    """The org profile cannot be used: every problem found, sorted by position."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=_reading_order)
        super().__init__("\n".join(self.lines))

    @property
    def lines(self) -> list[str]:
        """The first problems, one a line; past a screenful, how many more there are."""
        lines = [str(problem) for problem in self.problems[:MAX_PROBLEMS_SHOWN]]
        hidden = len(self.problems) - MAX_PROBLEMS_SHOWN
        if hidden > 0:
            last = self.problems[MAX_PROBLEMS_SHOWN - 1]
            lines.append(
                printable(f"{last.file}: and {hidden:,} more problems; fix the ones above first")
            )
        return lines


class ProjectError(PlaybookError):
    """A playbook project cannot be created or built as asked (e.g. init would overwrite)."""

    exit_code = 2


class BuildError(PlaybookError):
    """The site could not be built from a valid profile; the previous site is untouched."""

    exit_code = 1

    @property
    def lines(self) -> list[str]:
        """One line per problem (a build may list several template mistakes at once)."""
        return str(self).split("\n")


def display_name(path: Path) -> str:
    """A file's name as people see it: relative to the working folder when it is inside."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
