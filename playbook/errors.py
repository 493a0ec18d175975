"""The one family of errors playbook raises.

Errors carry data (where, what, a hint); they never print themselves. Only the command
line (``playbook.cli``) and the MkDocs plugin turn them into text for people.
"""

from __future__ import annotations

from dataclasses import dataclass


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

    def __str__(self) -> str:
        # Line 0 marks a problem with the file as a whole (e.g. it does not exist).
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


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
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @property
    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]


class ProjectError(PlaybookError):
    """A playbook project cannot be created or built as asked (e.g. init would overwrite)."""

    exit_code = 2


class BuildError(PlaybookError):
    """The site could not be built from a valid profile; the previous site is untouched."""

    exit_code = 1
